package awsclient

import (
	"context"
	"errors"
	"fmt"
	"time"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// The middleware every service client gets (through aws.Config.APIOptions): one
// around the whole call, which turns connection failures into an EndpointError,
// and two around each attempt, which count connection failures for the retryer
// and log the request.
const (
	callMiddlewareID    = "HardenedCall"
	attemptMiddlewareID = "HardenedAttempt"
	wireMiddlewareID    = "HardenedWire"
)

// callState is what the middleware of one call share, through its context.
type callState struct {
	service string // Services key
	// endpoint is the scheme and host the last attempt went to.
	endpoint string
	attempts int
	// connFailures counts the attempts that failed at the connection level.
	connFailures int
	// problem describes the last attempt's failure when it never reached an AWS
	// API, and notAWS tells whether something else answered.
	problem string
	notAWS  bool
}

type callStateKey struct{}

// instrument adds the provider's middleware to a client's stack.
func (c *Client) instrument(stack *middleware.Stack) error {
	if err := stack.Initialize.Add(middleware.InitializeMiddlewareFunc(callMiddlewareID, c.handleCall),
		middleware.Before); err != nil {
		return err
	}
	// First in the deserialize step: it runs once per attempt (the retry loop is in
	// the finalize step), and sees the attempt's result as the caller will.
	if err := stack.Deserialize.Add(middleware.DeserializeMiddlewareFunc(attemptMiddlewareID, c.handleAttempt),
		middleware.Before); err != nil {
		return err
	}
	// Last: next to the HTTP client, it sees the signed request and the raw response.
	return stack.Deserialize.Add(middleware.DeserializeMiddlewareFunc(wireMiddlewareID, handleWire), middleware.After)
}

func (c *Client) handleCall(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (
	middleware.InitializeOutput, middleware.Metadata, error,
) {
	st := &callState{}
	out, md, err := next.HandleInitialize(context.WithValue(ctx, callStateKey{}, st), in)
	if err == nil || st.problem == "" {
		return out, md, err
	}
	var canceled *smithy.CanceledError
	if errors.As(err, &canceled) || errors.Is(err, context.Canceled) {
		return out, md, err
	}
	endpoint := c.effective[st.service]
	configured := endpoint != ""
	if !configured {
		endpoint = st.endpoint
	}
	return out, md, &EndpointError{Service: st.service, Endpoint: endpoint, Configured: configured,
		Problem: st.problem, NotAWS: st.notAWS, Attempts: st.attempts, Err: err}
}

func (c *Client) handleAttempt(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (
	out middleware.DeserializeOutput, md middleware.Metadata, err error,
) {
	st, _ := ctx.Value(callStateKey{}).(*callState)
	if st == nil {
		st = &callState{}
	}
	st.attempts++
	serviceID := awsmiddleware.GetServiceID(ctx)
	st.service = serviceKey(serviceID)
	if req, ok := in.Request.(*smithyhttp.Request); ok && req.URL != nil {
		st.endpoint = req.URL.Scheme + "://" + req.URL.Host
	}
	wire := &wireRecord{}
	start := time.Now()
	out, md, err = next.HandleDeserialize(context.WithValue(ctx, wireRecordKey{}, wire), in)
	elapsed := time.Since(start)

	requestID, _ := awsmiddleware.GetRequestIDMetadata(md)
	if requestID == "" {
		requestID = wire.requestID()
	}
	st.problem, st.notAWS = "", false
	if p := connectionProblem(err); p != "" {
		st.connFailures++
		st.problem = p
		err = &connectionAttemptError{err: err, failures: st.connFailures}
	} else if p := notAWSProblem(err, wire.status, requestID); p != "" {
		st.problem, st.notAWS = p, true
	}

	fields := map[string]any{
		"aws.service":      serviceID,
		"aws.operation":    awsmiddleware.GetOperationName(ctx),
		"aws.region":       awsmiddleware.GetRegion(ctx),
		"aws.attempt":      st.attempts,
		"http.duration_ms": elapsed.Milliseconds(),
	}
	outcome := "no response"
	if wire.status != 0 {
		fields["http.status_code"] = wire.status
		outcome = fmt.Sprintf("HTTP %d", wire.status)
	}
	if requestID != "" {
		fields["aws.request_id"] = requestID
	}
	var apiErr smithy.APIError
	switch {
	case st.problem != "":
		fields["error"] = st.problem
		outcome += ": " + st.problem
	case errors.As(err, &apiErr):
		fields["aws.error_code"] = apiErr.ErrorCode()
		outcome += " " + apiErr.ErrorCode()
	case err != nil:
		fields["error"] = err.Error()
	}
	ctx = tflog.MaskLogStrings(ctx, c.secretsWith(wire.sessionToken)...)
	tflog.Debug(ctx, fmt.Sprintf("AWS request %s.%s attempt %d: %s in %s", serviceID, fields["aws.operation"],
		st.attempts, outcome, elapsed.Round(time.Millisecond)), fields)
	if wire.method != "" {
		trace := wire.traceFields()
		for k, v := range fields {
			trace[k] = v
		}
		tflog.Trace(ctx, fmt.Sprintf("AWS request %s.%s attempt %d: HTTP exchange", serviceID,
			fields["aws.operation"], st.attempts), trace)
	}
	return out, md, err
}

// secretsWith is every secret the client knows of, and extra, for masking logs.
func (c *Client) secretsWith(extra ...string) []string {
	var out []string
	for _, s := range append(append([]string{}, c.secrets...), extra...) {
		if len(s) >= 4 {
			out = append(out, s)
		}
	}
	return out
}
