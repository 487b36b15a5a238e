package faultproxy

// Injected faults as each service's wire protocol reports them.

import (
	"fmt"
	"io"
	"net/http"
	"strings"
)

// protocol is how a service encodes errors on the wire.
type protocol int

const (
	protoQuery protocol = iota // IAM, STS, SNS, S3 Control: <ErrorResponse><Error><Type>...
	protoEC2                   // EC2: <Response><Errors><Error>...
	protoJSON                  // CloudTrail, KMS, CloudWatch Logs, GuardDuty: {"__type": ...}
	protoS3                    // S3 REST-XML: <Error><Code>...
)

func protocolOf(r Request) protocol {
	switch {
	case r.Service == "ec2":
		return protoEC2
	case r.Service == "s3":
		return protoS3
	case r.json:
		return protoJSON
	}
	return protoQuery
}

// errorFor is the HTTP status and AWS error code a fault answers with, per protocol.
func errorFor(k Kind, proto protocol) (int, string, string) {
	switch k {
	case Throttle:
		switch proto {
		case protoEC2:
			return http.StatusServiceUnavailable, "RequestLimitExceeded", "Request limit exceeded."
		case protoS3:
			return http.StatusServiceUnavailable, "SlowDown", "Please reduce your request rate."
		case protoJSON:
			return http.StatusBadRequest, "ThrottlingException", "Rate exceeded"
		}
		return http.StatusBadRequest, "Throttling", "Rate exceeded"
	case ServerError:
		switch proto {
		case protoEC2, protoS3:
			return http.StatusInternalServerError, "InternalError", "An internal error has occurred"
		}
		return http.StatusInternalServerError, "InternalFailure", "The request processing has failed because of an unknown error"
	case Unavailable:
		switch proto {
		case protoEC2:
			return http.StatusServiceUnavailable, "Unavailable", "The server is overloaded and can't handle the request."
		case protoS3:
			return http.StatusServiceUnavailable, "ServiceUnavailable", "Please reduce your request rate."
		case protoJSON:
			return http.StatusServiceUnavailable, "ServiceUnavailableException", "Service is unavailable"
		}
		return http.StatusServiceUnavailable, "ServiceUnavailable", "Service is unavailable"
	case AccessDenied:
		switch proto {
		case protoEC2:
			return http.StatusForbidden, "UnauthorizedOperation", "You are not authorized to perform this operation."
		case protoJSON:
			return http.StatusBadRequest, "AccessDeniedException", "User is not authorized to perform this action"
		}
		return http.StatusForbidden, "AccessDenied", "Access Denied"
	case ExpiredToken:
		if proto == protoJSON {
			return http.StatusBadRequest, "ExpiredTokenException", "The security token included in the request is expired"
		}
		return http.StatusForbidden, "ExpiredToken", "The security token included in the request is expired"
	default: // InvalidToken
		if proto == protoJSON {
			return http.StatusBadRequest, "UnrecognizedClientException", "The security token included in the request is invalid."
		}
		if proto == protoEC2 {
			return http.StatusUnauthorized, "AuthFailure", "AWS was not able to validate the provided access credentials"
		}
		return http.StatusForbidden, "InvalidClientTokenId", "The security token included in the request is invalid."
	}
}

const fakeRequestID = "faultproxy-00000000-0000-0000-0000-000000000000"

// writeError answers with the error AWS would send for the fault, in the request's wire format.
func writeError(w http.ResponseWriter, r Request, k Kind) {
	proto := protocolOf(r)
	status, code, msg := errorFor(k, proto)
	h := w.Header()
	h.Set("X-Amzn-RequestId", fakeRequestID)
	var body string
	switch proto {
	case protoJSON:
		h.Set("Content-Type", "application/x-amz-json-1.1")
		h.Set("X-Amzn-ErrorType", code)
		body = fmt.Sprintf(`{"__type":%q,"message":%q}`, code, msg)
	case protoEC2:
		h.Set("Content-Type", "text/xml;charset=UTF-8")
		body = fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>`+"\n"+
			`<Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors><RequestID>%s</RequestID></Response>`,
			code, msg, fakeRequestID)
	case protoS3:
		h.Set("Content-Type", "application/xml")
		h.Set("X-Amz-Request-Id", fakeRequestID)
		body = fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>`+"\n"+
			`<Error><Code>%s</Code><Message>%s</Message><RequestId>%s</RequestId></Error>`, code, msg, fakeRequestID)
	default:
		h.Set("Content-Type", "text/xml")
		typ := "Sender"
		if status >= 500 {
			typ = "Receiver"
		}
		body = fmt.Sprintf(`<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">`+
			`<Error><Type>%s</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>%s</RequestId></ErrorResponse>`,
			typ, code, msg, fakeRequestID)
	}
	w.WriteHeader(status)
	if r.Action != "" && strings.HasPrefix(r.Action, "Head") {
		return // HEAD answers carry no body
	}
	_, _ = io.WriteString(w, body)
}
