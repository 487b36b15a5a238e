// Package faultproxy is a test-only HTTP proxy that sits between the provider (or
// any AWS SDK client) and the AWS emulator on 127.0.0.1 and injects the faults real
// AWS produces: throttling errors in each service's wire format, HTTP 500 and 503,
// slow answers and dropped connections. Which request fails is drawn from a seeded
// random source, or fixed by rules ("always throttle cloudtrail:CreateTrail"). It
// counts every request per service and API action, so tests can also assert how
// many AWS calls an operation costs.
//
// The service and region of a request are the ones its SigV4 signature is scoped
// to (the Authorization header's credential scope), so a rule can fail one region; the action is the X-Amz-Target
// operation for JSON protocols, the Action form parameter for query protocols, and
// a name derived from method, bucket, key and sub-resource for S3 (path-style).
// The proxy never records or prints header values: credentials stay out of its
// records and messages.
package faultproxy

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"
)

// Kind is a fault the proxy can inject.
type Kind string

// Faults. Throttle, ServerError, Unavailable and Reset happen before the request
// reaches the emulator, as with a real throttled or failed request, so a retry is
// safe. ResetAfter forwards the request and then drops the connection, losing the
// response of a call that took effect. ExpiredToken and InvalidToken answer as AWS
// does for expired or unknown credentials, AccessDenied as for a call a policy
// denies (a service control policy closing a region, say); none is retryable.
const (
	Throttle     Kind = "throttle"
	ServerError  Kind = "500"
	Unavailable  Kind = "503"
	Delay        Kind = "delay"
	Reset        Kind = "reset"
	ResetAfter   Kind = "reset-after"
	ExpiredToken Kind = "expired-token"
	InvalidToken Kind = "invalid-token"
	AccessDenied Kind = "access-denied"
)

// TransientKinds are the faults a well-behaved client must survive by retrying,
// none of which lets the request reach the emulator (except Delay, which only slows it).
var TransientKinds = []Kind{Throttle, ServerError, Unavailable, Delay, Reset}

// Rule injects one kind of fault into every request that matches, before any random fault.
type Rule struct {
	// Match is "service:Action" ("cloudtrail:CreateTrail"), "service:*" or "*".
	// Service is the SigV4 signing name (ec2, iam, sts, sns, s3, kms, logs, cloudtrail),
	// except that S3 Control requests (signed as s3) are "s3control".
	Match string
	Kind  Kind
	// Region, when set, limits the rule to requests signed for that region
	// ("eu-west-1"), as when one region fails and the others answer.
	Region string
	// Times limits the rule to the first Times matching requests; 0 means always.
	Times int
}

// Config is what a test asks of the proxy. The zero value forwards every request untouched.
type Config struct {
	// Seed seeds the random source that decides which requests fail and how.
	Seed int64
	// Rate is the probability (0 to 1) that a request gets a random fault.
	Rate float64
	// Kinds are drawn from uniformly for random faults; empty means TransientKinds.
	Kinds []Kind
	// MaxDelay bounds a Delay fault (default 300ms).
	MaxDelay time.Duration
	// Rules come first: a request matched by a rule gets that rule's fault.
	Rules []Rule
}

// Request is what the proxy recorded of one request.
type Request struct {
	Service string
	Action  string
	// Region is the region the request is signed for.
	Region string
	// Fault is the fault injected, "" when the request was forwarded untouched.
	Fault Kind
	// Params are what a call asked for: the form parameters of a query-protocol
	// request (EC2, IAM, STS, SNS), the top-level members of a JSON-protocol request
	// (CloudTrail, KMS, CloudWatch Logs; string values kept, others as ""), and the
	// query string of an S3 request.
	Params url.Values
	// SessionToken reports whether the request carried X-Amz-Security-Token (never its value).
	SessionToken bool

	json bool // sent with X-Amz-Target (a JSON protocol)
}

// Key is "service:Action", the form counters and rules use.
func (r Request) Key() string { return r.Service + ":" + r.Action }

// Proxy is a running fault-injecting proxy.
type Proxy struct {
	// URL is the proxy's address, e.g. http://127.0.0.1:40123: use it as the
	// AWS_ENDPOINT_URL (or endpoints block) of the client under test.
	URL string

	backend   *url.URL
	server    *http.Server
	listener  net.Listener
	transport *http.Transport

	mu       sync.Mutex
	cfg      Config
	rng      *rand.Rand
	ruleHits []int
	requests []Request
}

// Start listens on a free 127.0.0.1 port and forwards to backend (the emulator's
// base URL) with cfg in force. Call Close when done.
func Start(backend string, cfg Config) (*Proxy, error) {
	u, err := url.Parse(backend)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("faultproxy: backend %q is not a base URL", backend)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("faultproxy: listening on 127.0.0.1: %w", err)
	}
	p := &Proxy{
		URL:      "http://" + l.Addr().String(),
		backend:  u,
		listener: l,
		transport: &http.Transport{
			Proxy:               nil,
			MaxIdleConnsPerHost: 32,
			IdleConnTimeout:     30 * time.Second,
		},
	}
	p.Configure(cfg)
	p.server = &http.Server{Handler: p, ReadHeaderTimeout: 30 * time.Second}
	go func() { _ = p.server.Serve(l) }()
	return p, nil
}

// Configure replaces the configuration, restarts the random source from its seed
// and the rules' counts. Recorded requests are kept (see Reset).
func (p *Proxy) Configure(cfg Config) {
	if len(cfg.Kinds) == 0 {
		cfg.Kinds = TransientKinds
	}
	if cfg.MaxDelay <= 0 {
		cfg.MaxDelay = 300 * time.Millisecond
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cfg = cfg
	p.rng = rand.New(rand.NewSource(cfg.Seed))
	p.ruleHits = make([]int, len(cfg.Rules))
}

// Reset forgets the recorded requests.
func (p *Proxy) Reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.requests = nil
}

// Requests returns a copy of the requests recorded since the last Reset.
func (p *Proxy) Requests() []Request {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]Request(nil), p.requests...)
}

// Counts is the number of requests per "service:Action", faulted ones included.
func (p *Proxy) Counts() map[string]int {
	out := map[string]int{}
	for _, r := range p.Requests() {
		out[r.Key()]++
	}
	return out
}

// Faults is the number of injected faults per kind.
func (p *Proxy) Faults() map[Kind]int {
	out := map[Kind]int{}
	for _, r := range p.Requests() {
		if r.Fault != "" {
			out[r.Fault]++
		}
	}
	return out
}

// Summary describes the configuration and the recorded traffic in one line, for failure messages.
func (p *Proxy) Summary() string {
	p.mu.Lock()
	cfg := p.cfg
	p.mu.Unlock()
	faults := p.Faults()
	kinds := make([]string, 0, len(faults))
	total := 0
	for k, n := range faults {
		kinds = append(kinds, fmt.Sprintf("%s=%d", k, n))
		total += n
	}
	sort.Strings(kinds)
	return fmt.Sprintf("faultproxy seed=%d rate=%.2f rules=%v: %d requests, %d faults (%s)",
		cfg.Seed, cfg.Rate, cfg.Rules, len(p.Requests()), total, strings.Join(kinds, " "))
}

// Close stops the proxy.
func (p *Proxy) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = p.server.Shutdown(ctx)
	p.transport.CloseIdleConnections()
}

// ServeHTTP classifies, records, and either faults or forwards one request.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	_ = r.Body.Close()
	if err != nil {
		http.Error(w, "faultproxy: reading the request body: "+err.Error(), http.StatusBadRequest)
		return
	}
	rec := classify(r, body)
	fault, delay := Kind(""), time.Duration(0)
	if rec.Service != "" { // unsigned requests (the emulator's own API) are never faulted
		fault, delay = p.decide(rec.Key(), rec.Region)
	}
	rec.Fault = fault
	p.mu.Lock()
	p.requests = append(p.requests, rec)
	p.mu.Unlock()

	switch fault {
	case Throttle, ServerError, Unavailable, ExpiredToken, InvalidToken, AccessDenied:
		writeError(w, rec, fault)
		return
	case Reset:
		resetConnection(w)
		return
	case Delay:
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
	}
	status, header, respBody, err := p.forward(r, body)
	if err != nil {
		http.Error(w, "faultproxy: forwarding to the emulator: "+err.Error(), http.StatusBadGateway)
		return
	}
	if fault == ResetAfter {
		resetConnection(w)
		return
	}
	for k, vs := range header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	w.WriteHeader(status)
	_, _ = w.Write(respBody)
}

// decide picks the fault for a request: the first matching rule with hits left,
// otherwise a random draw.
func (p *Proxy) decide(key, region string) (Kind, time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i, rule := range p.cfg.Rules {
		if !matches(rule.Match, key) || (rule.Region != "" && rule.Region != region) || (rule.Times > 0 && p.ruleHits[i] >= rule.Times) {
			continue
		}
		p.ruleHits[i]++
		return rule.Kind, p.delayLocked()
	}
	if p.cfg.Rate <= 0 || p.rng.Float64() >= p.cfg.Rate {
		return "", 0
	}
	k := p.cfg.Kinds[p.rng.Intn(len(p.cfg.Kinds))]
	return k, p.delayLocked()
}

func (p *Proxy) delayLocked() time.Duration {
	return time.Duration(p.rng.Int63n(int64(p.cfg.MaxDelay))) + 1
}

func matches(pattern, key string) bool {
	if pattern == "*" || strings.EqualFold(pattern, key) {
		return true
	}
	if svc, ok := strings.CutSuffix(pattern, ":*"); ok {
		return strings.EqualFold(svc, strings.SplitN(key, ":", 2)[0])
	}
	return false
}

func (p *Proxy) forward(r *http.Request, body []byte) (int, http.Header, []byte, error) {
	u := *p.backend
	u.Path = r.URL.Path
	u.RawPath = r.URL.RawPath
	u.RawQuery = r.URL.RawQuery
	out, err := http.NewRequestWithContext(r.Context(), r.Method, u.String(), bytes.NewReader(body))
	if err != nil {
		return 0, nil, nil, err
	}
	for k, vs := range r.Header {
		if hopByHop[http.CanonicalHeaderKey(k)] {
			continue
		}
		out.Header[k] = append([]string(nil), vs...)
	}
	out.Host = r.Host
	out.ContentLength = int64(len(body))
	resp, err := p.transport.RoundTrip(out)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	respBody, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, nil, nil, err
	}
	h := resp.Header.Clone()
	for k := range hopByHop {
		h.Del(k)
	}
	h.Del("Content-Length")
	return resp.StatusCode, h, respBody, nil
}

var hopByHop = map[string]bool{
	"Connection": true, "Keep-Alive": true, "Proxy-Authenticate": true, "Proxy-Authorization": true,
	"Te": true, "Trailer": true, "Transfer-Encoding": true, "Upgrade": true,
}

// resetConnection drops the client's connection with a TCP RST, as a load balancer
// or a broken network path does.
func resetConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}
