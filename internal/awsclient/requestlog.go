package awsclient

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"

	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// maxLoggedBody bounds the part of a request or response body a TRACE log holds.
const maxLoggedBody = 16 << 10

// redacted replaces every secret value in request logs.
const redacted = "<redacted>"

// wireRecord is what the wire middleware saw of one attempt, for the attempt's log.
type wireRecord struct {
	method, url  string
	reqHeaders   http.Header
	reqBody      string
	status       int
	respHeaders  http.Header
	respBody     string
	sessionToken string
}

type wireRecordKey struct{}

// handleWire records the signed request and the raw response of an attempt. It
// reads at most maxLoggedBody bytes of each body, and leaves both readable.
func handleWire(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (
	middleware.DeserializeOutput, middleware.Metadata, error,
) {
	w, _ := ctx.Value(wireRecordKey{}).(*wireRecord)
	req, ok := in.Request.(*smithyhttp.Request)
	if w == nil || !ok {
		return next.HandleDeserialize(ctx, in)
	}
	w.method, w.url = req.Method, redactURL(req.URL)
	w.reqHeaders = req.Header.Clone()
	w.sessionToken = req.Header.Get("X-Amz-Security-Token")
	w.reqBody = peekRequestBody(req)

	out, md, err := next.HandleDeserialize(ctx, in)
	if resp, ok := out.RawResponse.(*smithyhttp.Response); ok && resp != nil {
		w.status = resp.StatusCode
		w.respHeaders = resp.Header.Clone()
		w.respBody = peekResponseBody(resp)
	}
	return out, md, err
}

// requestID reads the request ID headers AWS sets.
func (w *wireRecord) requestID() string {
	for _, h := range []string{"X-Amzn-Requestid", "X-Amz-Request-Id", "X-Amzn-Request-Id"} {
		if v := w.respHeaders.Get(h); v != "" {
			return v
		}
	}
	return ""
}

// traceFields are the redacted request and response, for a TRACE log.
func (w *wireRecord) traceFields() map[string]any {
	f := map[string]any{
		"http.request.method":  w.method,
		"http.request.url":     w.url,
		"http.request.headers": redactHeaders(w.reqHeaders),
		"http.request.body":    redactBody(w.reqBody),
	}
	if w.status != 0 {
		f["http.response.headers"] = redactHeaders(w.respHeaders)
		f["http.response.body"] = redactBody(w.respBody)
	}
	return f
}

func peekRequestBody(req *smithyhttp.Request) string {
	stream := req.GetStream()
	if stream == nil {
		return ""
	}
	if !req.IsStreamSeekable() {
		return "(a stream, not logged)"
	}
	b, err := io.ReadAll(io.LimitReader(stream, maxLoggedBody+1))
	if rerr := req.RewindStream(); rerr != nil || err != nil {
		return "(not logged: the body could not be read and rewound)"
	}
	return truncated(b)
}

func peekResponseBody(resp *smithyhttp.Response) string {
	if resp.Body == nil || resp.Body == http.NoBody {
		return ""
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxLoggedBody+1))
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(b), errReader{err}, resp.Body), resp.Body}
	return truncated(b)
}

// errReader returns a read error of the peeked part at its place in the body.
type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	return 0, io.EOF
}

func truncated(b []byte) string {
	if len(b) > maxLoggedBody {
		return string(b[:maxLoggedBody]) + "...(truncated)"
	}
	return string(b)
}

// sensitiveHeaders are redacted in full; Authorization keeps its scope.
var sensitiveHeaders = map[string]bool{
	"X-Amz-Security-Token": true, "Cookie": true, "Set-Cookie": true, "Proxy-Authorization": true,
	"X-Amz-Server-Side-Encryption-Customer-Key":             true,
	"X-Amz-Copy-Source-Server-Side-Encryption-Customer-Key": true,
}

var (
	signatureRE  = regexp.MustCompile(`Signature=[0-9A-Fa-f]+`)
	credentialRE = regexp.MustCompile(`Credential=([A-Z0-9]{4})[A-Z0-9]*`)
)

// redactHeaders renders headers one per line, sorted, with secrets redacted.
func redactHeaders(h http.Header) string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		v := strings.Join(h[k], ", ")
		switch ck := http.CanonicalHeaderKey(k); {
		case sensitiveHeaders[ck]:
			v = redacted
		case ck == "Authorization":
			v = redactAuthorization(v)
		}
		b.WriteString(k + ": " + v + "\n")
	}
	return b.String()
}

// redactAuthorization keeps the algorithm, the access key's first four characters,
// the credential scope and the signed headers; the signature is redacted.
func redactAuthorization(v string) string {
	if !strings.HasPrefix(v, "AWS4-") {
		return redacted
	}
	v = signatureRE.ReplaceAllString(v, "Signature="+redacted)
	return credentialRE.ReplaceAllString(v, "Credential=${1}****")
}

// sensitiveQuery are the presigned-URL parameters that carry credentials.
var sensitiveQuery = []string{"X-Amz-Signature", "X-Amz-Security-Token", "X-Amz-Credential", "Signature", "AWSAccessKeyId"}

func redactURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	c := *u
	q := c.Query()
	changed := false
	for _, k := range sensitiveQuery {
		if q.Has(k) {
			q.Set(k, redacted)
			changed = true
		}
	}
	if changed {
		c.RawQuery = q.Encode()
	}
	return c.String()
}

// isSensitiveName reports whether a parameter or element name holds a secret:
// passwords, secret keys, session tokens, private keys, key material, plaintext
// data keys. Names are compared by their last dotted part, case-insensitively
// ("Credentials.SecretAccessKey", "NewPassword").
func isSensitiveName(name string) bool {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	n := strings.ToLower(name)
	// Settings about secrets, not secrets: AllowUsersToChangePassword, MinimumPasswordLength.
	for _, prefix := range []string{"allow", "require", "minimum", "max", "hard"} {
		if strings.HasPrefix(n, prefix) {
			return false
		}
	}
	for _, suffix := range []string{"password", "secretaccesskey", "secretkey", "sessiontoken", "securitytoken",
		"privatekey", "keymaterial", "plaintext", "secretstring", "secretbinary", "tokencode", "authtoken"} {
		if strings.HasSuffix(n, suffix) {
			return true
		}
	}
	return false
}

var (
	xmlElementRE = regexp.MustCompile(`<([A-Za-z0-9_:.]+)>([^<]*)</`)
	jsonMemberRE = regexp.MustCompile(`"([A-Za-z0-9_.]+)"(\s*:\s*)"((?:[^"\\]|\\.)*)"`)
	formBodyRE   = regexp.MustCompile(`^[A-Za-z0-9_.%-]+=[^&\s<>{}]*(&[A-Za-z0-9_.%-]+=[^&\s<>{}]*)*$`)
)

// redactBody redacts the values of sensitive members in the three body formats
// AWS APIs use: query-protocol forms (IAM, STS, EC2, SNS), XML (their responses,
// S3) and JSON (KMS, CloudTrail, CloudWatch Logs).
func redactBody(body string) string {
	trimmed := strings.TrimSpace(body)
	switch {
	case trimmed == "":
		return body
	case formBodyRE.MatchString(trimmed):
		parts := strings.Split(trimmed, "&")
		for i, p := range parts {
			k, _, _ := strings.Cut(p, "=")
			if name, err := url.QueryUnescape(k); err == nil && isSensitiveName(name) {
				parts[i] = k + "=" + redacted
			}
		}
		return strings.Join(parts, "&")
	case strings.HasPrefix(trimmed, "<"):
		return xmlElementRE.ReplaceAllStringFunc(body, func(m string) string {
			sub := xmlElementRE.FindStringSubmatch(m)
			if isSensitiveName(sub[1]) {
				return "<" + sub[1] + ">" + redacted + "</"
			}
			return m
		})
	}
	return jsonMemberRE.ReplaceAllStringFunc(body, func(m string) string {
		sub := jsonMemberRE.FindStringSubmatch(m)
		if isSensitiveName(sub[1]) {
			return `"` + sub[1] + `"` + sub[2] + `"` + redacted + `"`
		}
		return m
	})
}
