package provider

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"
)

// The policy documents of hardened_cloudtrail, built by pure functions so that unit
// tests can check them against the AWS guidance directly. Read compares what AWS
// returns with these documents semantically (parsed JSON), never as strings.

// trailARN is the ARN CloudTrail gives a trail.
func trailARN(partition, region, account, name string) string {
	return fmt.Sprintf("arn:%s:cloudtrail:%s:%s:trail/%s", partition, region, account, name)
}

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

// cloudtrailBucketPolicy is the log bucket's policy: TLS only, and CloudTrail may
// read the ACL and write objects only on behalf of this trail (aws:SourceArn), with
// the bucket owner in full control. prefix-less: CloudTrail writes AWSLogs/<account>/.
func cloudtrailBucketPolicy(partition, bucket, account, trailArn string) string {
	bucketArn := fmt.Sprintf("arn:%s:s3:::%s", partition, bucket)
	return mustJSON(policyDoc{
		Version: "2012-10-17",
		Statement: []policyStmt{
			denyInsecureTransport(bucketArn),
			{
				Sid:       "AWSCloudTrailAclCheck",
				Effect:    "Allow",
				Principal: map[string]any{"Service": "cloudtrail.amazonaws.com"},
				Action:    "s3:GetBucketAcl",
				Resource:  bucketArn,
				Condition: map[string]any{"StringEquals": map[string]any{"aws:SourceArn": trailArn}},
			},
			{
				Sid:       "AWSCloudTrailWrite",
				Effect:    "Allow",
				Principal: map[string]any{"Service": "cloudtrail.amazonaws.com"},
				Action:    "s3:PutObject",
				Resource:  fmt.Sprintf("%s/AWSLogs/%s/*", bucketArn, account),
				Condition: map[string]any{"StringEquals": map[string]any{
					"aws:SourceArn": trailArn,
					"s3:x-amz-acl":  "bucket-owner-full-control",
				}},
			},
		},
	})
}

// cloudtrailAccessLogBucketPolicy is the access-log bucket's policy: TLS only, and
// the S3 logging service may write only the log bucket's access logs.
func cloudtrailAccessLogBucketPolicy(partition, bucket, account, sourceBucket string) string {
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

// cloudtrailKeyPolicy is the trail key's policy: the account administers the key
// and decrypts the logs; CloudTrail may generate data keys only for this account's
// trails (encryption context) and describe the key; CloudWatch Logs may use it for
// the trail's log group only.
func cloudtrailKeyPolicy(partition, region, account string, logGroupArn string) string {
	root := fmt.Sprintf("arn:%s:iam::%s:root", partition, account)
	trails := fmt.Sprintf("arn:%s:cloudtrail:*:%s:trail/*", partition, account)
	stmts := []policyStmt{
		{
			Sid:       "AccountAdministers",
			Effect:    "Allow",
			Principal: map[string]any{"AWS": root},
			Action:    "kms:*",
			Resource:  "*",
		},
		{
			Sid:       "CloudTrailEncryptsForThisAccount",
			Effect:    "Allow",
			Principal: map[string]any{"Service": "cloudtrail.amazonaws.com"},
			Action:    "kms:GenerateDataKey*",
			Resource:  "*",
			Condition: map[string]any{
				"StringLike":   map[string]any{"kms:EncryptionContext:aws:cloudtrail:arn": trails},
				"StringEquals": map[string]any{"aws:SourceAccount": account},
			},
		},
		{
			Sid:       "CloudTrailDescribesKey",
			Effect:    "Allow",
			Principal: map[string]any{"Service": "cloudtrail.amazonaws.com"},
			Action:    "kms:DescribeKey",
			Resource:  "*",
		},
		{
			Sid:       "AccountDecryptsLogs",
			Effect:    "Allow",
			Principal: map[string]any{"AWS": "*"},
			Action:    []string{"kms:Decrypt", "kms:ReEncryptFrom"},
			Resource:  "*",
			Condition: map[string]any{
				"StringEquals": map[string]any{"kms:CallerAccount": account},
				"StringLike":   map[string]any{"kms:EncryptionContext:aws:cloudtrail:arn": trails},
			},
		},
	}
	if logGroupArn != "" {
		stmts = append(stmts, policyStmt{
			Sid:       "CloudWatchLogsEncryptsTrailLogGroup",
			Effect:    "Allow",
			Principal: map[string]any{"Service": fmt.Sprintf("logs.%s.amazonaws.com", region)},
			Action:    []string{"kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"},
			Resource:  "*",
			Condition: map[string]any{"ArnEquals": map[string]any{"kms:EncryptionContext:aws:logs:arn": logGroupArn}},
		})
	}
	return mustJSON(policyDoc{Version: "2012-10-17", Statement: stmts})
}

// cloudtrailLogsRoleTrust lets only CloudTrail assume the delivery role, and only for this trail.
func cloudtrailLogsRoleTrust(account, trailArn string) string {
	return mustJSON(policyDoc{
		Version: "2012-10-17",
		Statement: []policyStmt{{
			Effect:    "Allow",
			Principal: map[string]any{"Service": "cloudtrail.amazonaws.com"},
			Action:    "sts:AssumeRole",
			Condition: map[string]any{"StringEquals": map[string]any{
				"aws:SourceArn":     trailArn,
				"aws:SourceAccount": account,
			}},
		}},
	})
}

// cloudtrailLogsRolePolicy lets the delivery role write only into the trail's log group's streams.
func cloudtrailLogsRolePolicy(logGroupArn string) string {
	return mustJSON(policyDoc{
		Version: "2012-10-17",
		Statement: []policyStmt{{
			Sid:      "DeliverToTrailLogGroup",
			Effect:   "Allow",
			Action:   []string{"logs:CreateLogStream", "logs:PutLogEvents"},
			Resource: logGroupArn + ":log-stream:*",
		}},
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

var (
	bucketUnsafeChars = regexp.MustCompile(`[^a-z0-9-]+`)
	roleUnsafeChars   = regexp.MustCompile(`[^A-Za-z0-9+=,.@_-]+`)
)

// cloudtrailBucketName derives the log bucket's name (suffix "") or the access-log
// bucket's ("-access") from the account and trail name: lowercase, at most 63
// characters, the same on every run. When the trail name had to be changed (case,
// characters, length), a short hash of the original keeps names distinct.
func cloudtrailBucketName(account, trail, suffix string) string {
	const prefix, maxLen = "hardened-ct-", 63
	base := strings.Trim(bucketUnsafeChars.ReplaceAllString(strings.ToLower(trail), "-"), "-")
	room := maxLen - len(prefix) - len(account) - 1 - len("-access")
	if base != trail || len(base) > room {
		h := shortHash(trail)
		if len(base) > room-len(h)-1 {
			base = strings.TrimRight(base[:room-len(h)-1], "-")
		}
		base = strings.Trim(base+"-"+h, "-")
	}
	return prefix + account + "-" + base + suffix
}

// cloudtrailRoleName derives the CloudWatch Logs delivery role's name (at most 64 characters).
func cloudtrailRoleName(trail string) string {
	const prefix, maxLen = "hardened-cloudtrail-", 64
	base := roleUnsafeChars.ReplaceAllString(trail, "-")
	if base != trail || len(prefix)+len(base) > maxLen {
		h := shortHash(trail)
		if room := maxLen - len(prefix) - len(h) - 1; len(base) > room {
			base = base[:room]
		}
		base += "-" + h
	}
	return prefix + base
}

// cloudtrailLogGroupName is the managed log group's name.
func cloudtrailLogGroupName(trail string) string { return "/aws/cloudtrail/" + trail }

// cloudtrailKeyAlias is the managed key's alias.
func cloudtrailKeyAlias(trail string) string {
	return "alias/hardened-cloudtrail/" + strings.ReplaceAll(trail, ".", "-")
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])[:8]
}
