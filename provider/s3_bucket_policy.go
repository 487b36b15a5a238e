package provider

// hardened_s3_bucket's bucket policy: the TLS-only and TLS 1.2 denies, merged
// with the user's policy_statements, which are checked at plan so that no merged
// policy can publish the bucket, hand it to another account or undo the denies.

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// managedBucketSids are the Sids of the statements the resource writes; a user
// statement may not reuse them.
var managedBucketSids = []string{"DenyInsecureTransport", "DenyOutdatedTLS"}

// dataBucketPolicy is the policy of a data bucket: the denies first, then the
// user's statements (already checked).
func dataBucketPolicy(partition, bucket string, extra []map[string]any) string {
	bucketArn := fmt.Sprintf("arn:%s:s3:::%s", partition, bucket)
	stmts := []any{denyInsecureTransport(bucketArn), denyOutdatedTLS(bucketArn)}
	for _, s := range extra {
		stmts = append(stmts, s)
	}
	b, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": stmts})
	if err != nil {
		panic(err) // decoded JSON and static types: cannot fail
	}
	return string(b)
}

// checkBucketStatements judges policy_statements. account is the bucket's
// account, "" when not known yet (the cross-account check then waits for it).
func checkBucketStatements(stmts []map[string]any, account string) []keyStatementProblem {
	var out []keyStatementProblem
	for i, s := range stmts {
		label := statementLabel("policy_statements", i, s)
		effect, _ := s["Effect"].(string)
		_, hasPrincipal := s["Principal"]
		_, hasNotPrincipal := s["NotPrincipal"]
		if (effect != "Allow" && effect != "Deny") || (!hasPrincipal && !hasNotPrincipal) || (s["Action"] == nil && s["NotAction"] == nil) {
			out = append(out, keyStatementProblem{label, "is not a bucket policy statement: it needs Effect (\"Allow\" or " +
				"\"Deny\"), Principal and Action", controls.S3NoPublicPolicy})
			continue
		}
		sid, _ := s["Sid"].(string)
		cond, _ := s["Condition"].(map[string]any)
		if containsStr(managedBucketSids, sid) {
			out = append(out, keyStatementProblem{label, "reuses the Sid of a statement this resource writes (" +
				strings.Join(managedBucketSids, ", ") + "), which would replace the TLS deny", controls.S3TLSOnly})
			continue
		}
		if effect != "Allow" {
			continue
		}
		if allowsInsecureTransport(cond) {
			out = append(out, keyStatementProblem{label, "allows requests made without TLS (aws:SecureTransport " +
				"false), which the TLS-only deny exists to refuse", controls.S3TLSOnly})
			continue
		}
		principals := policyPrincipals(s["Principal"])
		if hasNotPrincipal || (principals.everyone && !controls.RestrictsPrincipal(cond)) {
			out = append(out, keyStatementProblem{label, "allows everyone (Principal \"*\" or NotPrincipal) without a " +
				"condition restricting the principal (aws:PrincipalOrgID, aws:SourceVpce, aws:SourceArn, ...)",
				controls.S3NoPublicPolicy})
			continue
		}
		if account != "" && len(cond) == 0 && coversAction(s, "s3:PutBucketPolicy") && coversAction(s, "s3:DeleteBucket") {
			if other := otherAccounts(principals.aws, account); len(other) > 0 {
				out = append(out, keyStatementProblem{label, fmt.Sprintf("allows s3:* (or every action) to another "+
					"account (%s) without a condition", strings.Join(other, ", ")), controls.S3NoCrossAccountFullAccess})
			}
		}
	}
	return out
}

// allowsInsecureTransport reports a condition that matches requests without TLS.
func allowsInsecureTransport(cond map[string]any) bool {
	for op, block := range cond {
		keys, _ := block.(map[string]any)
		for k, v := range keys {
			if strings.EqualFold(k, "aws:SecureTransport") && strings.HasPrefix(strings.ToLower(op), "bool") {
				for _, x := range stringList(v) {
					if strings.EqualFold(x, "false") {
						return true
					}
				}
			}
		}
	}
	return false
}

var principalAccount = regexp.MustCompile(`^(?:arn:[^:]+:(?:iam|sts)::([0-9]{12}):.*|([0-9]{12}))$`)

// otherAccounts lists the principals that belong to an account other than
// account (or to an account not named).
func otherAccounts(principals []string, account string) []string {
	var out []string
	for _, p := range principals {
		m := principalAccount.FindStringSubmatch(p)
		if m == nil || (m[1] != account && m[2] != account) {
			out = append(out, p)
		}
	}
	return out
}
