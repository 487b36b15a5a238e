package provider

// IAM-style policy documents every resource shares: building them from typed
// statements, reading them as AWS returns them, and comparing them semantically
// (parsed JSON, never strings).

import (
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
)

type policyDoc struct {
	Version   string       `json:"Version"`
	ID        string       `json:"Id,omitempty"`
	Statement []policyStmt `json:"Statement"`
}

type policyStmt struct {
	Sid       string         `json:"Sid,omitempty"`
	Effect    string         `json:"Effect"`
	Principal any            `json:"Principal,omitempty"`
	Action    any            `json:"Action"`
	Resource  any            `json:"Resource,omitempty"`
	Condition map[string]any `json:"Condition,omitempty"`
}

func mustJSON(d policyDoc) string {
	b, err := json.Marshal(d)
	if err != nil {
		panic(err) // only static types: cannot fail
	}
	return string(b)
}

// denyInsecureTransport is the statement that makes a bucket TLS-only.
func denyInsecureTransport(bucketArn string) policyStmt {
	return policyStmt{
		Sid:    "DenyInsecureTransport",
		Effect: "Deny",
		// {"AWS": "*"} is the same as "*" to IAM; moto 5.2.1's PutBucketLogging fails (500) on the bare string.
		Principal: map[string]any{"AWS": "*"},
		Action:    "s3:*",
		Resource:  []string{bucketArn, bucketArn + "/*"},
		Condition: map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}},
	}
}

// denyOutdatedTLS is the statement that refuses requests made with TLS older than 1.2.
func denyOutdatedTLS(bucketArn string) policyStmt {
	return policyStmt{
		Sid:       "DenyOutdatedTLS",
		Effect:    "Deny",
		Principal: map[string]any{"AWS": "*"},
		Action:    "s3:*",
		Resource:  []string{bucketArn, bucketArn + "/*"},
		Condition: map[string]any{"NumericLessThan": map[string]any{"s3:TlsVersion": "1.2"}},
	}
}

// accessLogBucketPolicy is the policy of a bucket receiving server access logs: TLS only, and
// the S3 logging service may write only the access logs of sourceBucket,
// for this account (hardened_cloudtrail's and hardened_s3_bucket's access-log buckets).
func accessLogBucketPolicy(partition, bucket, account, sourceBucket string) string {
	bucketArn := fmt.Sprintf("arn:%s:s3:::%s", partition, bucket)
	return mustJSON(policyDoc{
		Version: "2012-10-17",
		Statement: []policyStmt{
			denyInsecureTransport(bucketArn),
			{
				Sid:       "S3ServerAccessLogsPolicy",
				Effect:    "Allow",
				Principal: map[string]any{"Service": "logging.s3.amazonaws.com"},
				Action:    "s3:PutObject",
				Resource:  bucketArn + "/*",
				Condition: map[string]any{
					"ArnLike":      map[string]any{"aws:SourceArn": fmt.Sprintf("arn:%s:s3:::%s", partition, sourceBucket)},
					"StringEquals": map[string]any{"aws:SourceAccount": account},
				},
			},
		},
	})
}

// policiesEquivalent reports whether two IAM-style policy documents grant the same
// statements: a string and a one-element list are the same, list order and Sids
// do not matter. An unparsable document is never equivalent.
func policiesEquivalent(a, b string) bool {
	na, err := normalizePolicy(a)
	if err != nil {
		return false
	}
	nb, err := normalizePolicy(b)
	if err != nil {
		return false
	}
	return reflect.DeepEqual(na, nb)
}

func normalizePolicy(doc string) ([]string, error) {
	var d struct {
		Statement json.RawMessage `json:"Statement"`
	}
	if err := json.Unmarshal([]byte(doc), &d); err != nil {
		return nil, err
	}
	var stmts []map[string]any
	if err := json.Unmarshal(d.Statement, &stmts); err != nil {
		var one map[string]any
		if err2 := json.Unmarshal(d.Statement, &one); err2 != nil {
			return nil, err
		}
		stmts = []map[string]any{one}
	}
	out := make([]string, 0, len(stmts))
	for _, s := range stmts {
		delete(s, "Sid")
		b, err := json.Marshal(normalizeValue(s))
		if err != nil {
			return nil, err
		}
		out = append(out, string(b))
	}
	sort.Strings(out)
	return out, nil
}

// normalizeValue turns every string into a one-element list and sorts lists, so
// that equivalent spellings marshal identically.
func normalizeValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(t))
		for k, x := range t {
			m[k] = normalizeValue(x)
		}
		return m
	case []any:
		var ss []string
		for _, x := range t {
			s, ok := x.(string)
			if !ok {
				out := make([]any, len(t))
				for i, y := range t {
					out[i] = normalizeValue(y)
				}
				return out
			}
			ss = append(ss, s)
		}
		sort.Strings(ss)
		return ss
	case string:
		return []string{t}
	case bool:
		return []string{fmt.Sprint(t)}
	default:
		return t
	}
}

// iamDocument decodes a policy document as IAM returns it (URL-encoded JSON).
func iamDocument(doc *string) string {
	s := aws.ToString(doc)
	if d, err := url.QueryUnescape(s); err == nil {
		return d
	}
	return s
}

// deniesInsecureTransport reports whether a bucket policy denies every request
// made without TLS: a Deny of s3:* (or *) to everyone on the bucket and its
// objects when aws:SecureTransport is false.
func deniesInsecureTransport(doc, bucketArn string) bool {
	var d struct {
		Statement json.RawMessage `json:"Statement"`
	}
	if json.Unmarshal([]byte(doc), &d) != nil {
		return false
	}
	var stmts []map[string]any
	if json.Unmarshal(d.Statement, &stmts) != nil {
		var one map[string]any
		if json.Unmarshal(d.Statement, &one) != nil {
			return false
		}
		stmts = []map[string]any{one}
	}
	for _, s := range stmts {
		st, _ := normalizeValue(s).(map[string]any)
		allActions := containsString(st["Action"], "s3:*") || containsString(st["Action"], "*")
		wholeBucket := containsString(st["Resource"], bucketArn) && containsString(st["Resource"], bucketArn+"/*")
		if !sameStrings(st["Effect"], "Deny") || !everyone(s["Principal"]) || !allActions || !wholeBucket {
			continue
		}
		cond, _ := st["Condition"].(map[string]any)
		boolCond, _ := cond["Bool"].(map[string]any)
		if sameStrings(boolCond["aws:SecureTransport"], "false") {
			return true
		}
	}
	return false
}

// everyone is a policy principal that names every caller ("*" or {"AWS": "*"}).
func everyone(p any) bool {
	switch t := p.(type) {
	case string:
		return t == "*"
	case map[string]any:
		return containsString(normalizeValue(t["AWS"]), "*")
	}
	return false
}

// containsString reports whether a normalised policy value (a sorted list of strings) holds s.
func containsString(v any, s string) bool {
	list, _ := v.([]string)
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sameStrings(v any, s string) bool {
	list, _ := v.([]string)
	return len(list) == 1 && list[0] == s
}
