package faultproxy

// Classifying a request: the service from its SigV4 scope and the API action from
// its protocol (query and JSON bodies, S3 and S3 Control REST paths).

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// ErrNotSigned is returned by ServiceOf for requests without a SigV4 Authorization header.
var ErrNotSigned = errors.New("request is not SigV4-signed")

// ServiceOf reads the signing service from a SigV4 Authorization header:
// "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/ec2/aws4_request, ...".
func ServiceOf(authorization string) (string, error) {
	_, service, err := ScopeOf(authorization)
	return service, err
}

// ScopeOf reads the region and the signing service from a SigV4 Authorization header.
func ScopeOf(authorization string) (region, service string, err error) {
	_, rest, ok := strings.Cut(authorization, "Credential=")
	if !ok {
		return "", "", ErrNotSigned
	}
	scope, _, _ := strings.Cut(rest, ",")
	parts := strings.Split(strings.TrimSpace(scope), "/")
	if len(parts) != 5 || parts[4] != "aws4_request" {
		return "", "", fmt.Errorf("malformed SigV4 credential scope (%d parts)", len(parts))
	}
	return parts[2], parts[3], nil
}

// classify names the service and action of a request. Only header names and the
// request's parameters are looked at; no header value other than the signature's
// scope and X-Amz-Target is kept.
func classify(r *http.Request, body []byte) Request {
	rec := Request{SessionToken: r.Header.Get("X-Amz-Security-Token") != ""}
	region, svc, err := ScopeOf(r.Header.Get("Authorization"))
	if err != nil {
		return rec
	}
	rec.Service, rec.Region = svc, region
	switch {
	case r.Header.Get("X-Amz-Target") != "":
		t := r.Header.Get("X-Amz-Target")
		rec.json = true
		rec.Action = t[strings.LastIndex(t, ".")+1:]
		rec.Params = jsonParams(body)
	case svc == "s3" && strings.HasPrefix(r.URL.Path, "/v20180820/"):
		// S3 Control signs as s3; its REST paths name the operation.
		rec.Service = "s3control"
		rec.Action = s3ControlAction(r)
		rec.Params = r.URL.Query()
	case svc == "s3":
		rec.Action = s3Action(r)
		rec.Params = r.URL.Query()
	case svc == "guardduty":
		// REST-JSON: the path names the operation, errors are JSON.
		rec.json = true
		rec.Action = guardDutyAction(r)
		rec.Params = jsonParams(body)
	default:
		params, err := url.ParseQuery(string(body))
		if err == nil && params.Get("Action") != "" {
			rec.Params = params
			rec.Action = params.Get("Action")
		} else if a := r.URL.Query().Get("Action"); a != "" {
			rec.Params = r.URL.Query()
			rec.Action = a
		} else {
			rec.Action = r.Method + " " + r.URL.Path
		}
	}
	return rec
}

func jsonParams(body []byte) url.Values {
	out := url.Values{}
	var members map[string]json.RawMessage
	if json.Unmarshal(body, &members) != nil {
		return out
	}
	for k, raw := range members {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			s = ""
		}
		out.Set(k, s)
	}
	return out
}

// s3SubResources maps an S3 sub-resource to the operation name stem it forms.
var s3SubResources = map[string]string{
	"acl": "BucketAcl", "cors": "BucketCors", "encryption": "BucketEncryption", "lifecycle": "BucketLifecycleConfiguration",
	"location": "BucketLocation", "logging": "BucketLogging", "notification": "BucketNotificationConfiguration",
	"object-lock": "ObjectLockConfiguration", "ownershipControls": "BucketOwnershipControls", "policy": "BucketPolicy",
	"policyStatus": "BucketPolicyStatus", "publicAccessBlock": "PublicAccessBlock", "replication": "BucketReplication",
	"tagging": "BucketTagging", "versioning": "BucketVersioning", "website": "BucketWebsite",
	"accelerate": "BucketAccelerateConfiguration", "requestPayment": "BucketRequestPayment",
}

// s3Action names a path-style S3 request like the SDK operation that sends it.
func s3Action(r *http.Request) string {
	path := strings.TrimPrefix(r.URL.Path, "/")
	bucket, key, _ := strings.Cut(path, "/")
	q := r.URL.Query()
	verb := map[string]string{http.MethodGet: "Get", http.MethodPut: "Put", http.MethodDelete: "Delete",
		http.MethodHead: "Head", http.MethodPost: "Post"}[r.Method]
	if verb == "" {
		verb = r.Method
	}
	switch {
	case bucket == "":
		return "ListBuckets"
	case key != "":
		if q.Has("tagging") {
			return verb + "ObjectTagging"
		}
		return verb + "Object"
	case r.Method == http.MethodPost && q.Has("delete"):
		return "DeleteObjects"
	case r.Method == http.MethodGet && q.Get("list-type") == "2":
		return "ListObjectsV2"
	case r.Method == http.MethodGet && q.Has("versions"):
		return "ListObjectVersions"
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if stem, ok := s3SubResources[k]; ok {
			return verb + stem
		}
	}
	switch r.Method {
	case http.MethodPut:
		return "CreateBucket"
	case http.MethodGet:
		return "ListObjects"
	}
	return verb + "Bucket"
}

// s3ControlAction names an S3 Control request (path-style, /v20180820/...) like
// the SDK operation that sends it, for the operations the provider uses.
func s3ControlAction(r *http.Request) string {
	verb := map[string]string{http.MethodGet: "Get", http.MethodPut: "Put", http.MethodDelete: "Delete"}[r.Method]
	if verb == "" {
		verb = r.Method
	}
	switch strings.TrimPrefix(r.URL.Path, "/v20180820/") {
	case "configuration/publicAccessBlock":
		return verb + "PublicAccessBlock"
	}
	return r.Method + " " + r.URL.Path
}

// guardDutyAction names a GuardDuty request (REST-JSON, /detector[/ID]) like the
// SDK operation that sends it, for the operations the provider uses; the detector
// ID is left out so that rules and counts name the operation.
func guardDutyAction(r *http.Request) string {
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if parts[0] == "detector" {
		switch {
		case len(parts) == 1 && r.Method == http.MethodPost:
			return "CreateDetector"
		case len(parts) == 1 && r.Method == http.MethodGet:
			return "ListDetectors"
		case len(parts) == 2 && r.Method == http.MethodGet:
			return "GetDetector"
		case len(parts) == 2 && r.Method == http.MethodPost:
			return "UpdateDetector"
		case len(parts) == 2 && r.Method == http.MethodDelete:
			return "DeleteDetector"
		}
	}
	return r.Method + " " + r.URL.Path
}
