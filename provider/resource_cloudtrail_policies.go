package provider

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
)

// The policy documents of hardened_cloudtrail, built by pure functions so that unit
// tests can check them against the AWS guidance directly. Read compares what AWS
// returns with these documents semantically (parsed JSON), never as strings.

// ctNames are the deterministic names of a trail's managed storage.
type ctNames struct {
	partition, region, account, trail, trailARN string
	bucket, accessBucket                        string
	logGroup, logGroupARN, logGroupTrailARN     string
	role, roleARN, alias, tagValue              string
}

// newCTNames derives every name from the partition, region, account and trail name.
func newCTNames(partition, region, account, trail string) ctNames {
	n := ctNames{
		partition: partition, region: region, account: account, trail: trail,
		trailARN:     trailARN(partition, region, account, trail),
		bucket:       cloudtrailBucketName(account, trail, ""),
		accessBucket: cloudtrailBucketName(account, trail, "-access"),
		logGroup:     cloudtrailLogGroupName(trail),
		role:         cloudtrailRoleName(trail),
		alias:        cloudtrailKeyAlias(trail),
		tagValue:     managedBy("hardened_cloudtrail", trail),
	}
	n.logGroupARN = fmt.Sprintf("arn:%s:logs:%s:%s:log-group:%s", partition, region, account, n.logGroup)
	n.logGroupTrailARN = n.logGroupARN + ":*"
	n.roleARN = fmt.Sprintf("arn:%s:iam::%s:role/%s", partition, account, n.role)
	return n
}

// trailARN is the ARN CloudTrail gives a trail.
func trailARN(partition, region, account, name string) string {
	return fmt.Sprintf("arn:%s:cloudtrail:%s:%s:trail/%s", partition, region, account, name)
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

// cloudtrailKeyPolicy is the trail key's policy: the account administers the key
// and decrypts the logs; CloudTrail may generate data keys only for this account's
// trails (encryption context) and describe the key; CloudWatch Logs may use it for
// the trail's log group only.
func cloudtrailKeyPolicy(partition, region, account string, logGroupArn string) string {
	trails := fmt.Sprintf("arn:%s:cloudtrail:*:%s:trail/*", partition, account)
	stmts := []policyStmt{
		keyAccountAdministers(partition, account),
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
