package provider

// hardened_kms_key's key policy: built from administrators, users and service
// principals, with the user's additional statements checked at plan so that no
// policy the resource writes can lock the account out of its key or open it to
// everyone.

import (
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// keyUserActions are what users and service principals may do with the key.
var keyUserActions = []string{"kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"}

// keyPolicySpec is what a key policy is built from.
type keyPolicySpec struct {
	Partition, Account string
	// Administrators get kms:*; none (nil) means the account root does, so IAM
	// policies decide who administers the key.
	Administrators    []string
	Users             []string
	ServicePrincipals []string
	// Additional are the user's statements, already checked by checkKeyStatements.
	Additional []map[string]any
}

// keyPolicy renders the policy: the administrative path first, then users,
// services and the additional statements.
func keyPolicy(s keyPolicySpec) string {
	var stmts []any
	if len(s.Administrators) == 0 {
		stmts = append(stmts, keyAccountAdministers(s.Partition, s.Account))
	} else {
		stmts = append(stmts, policyStmt{Sid: "KeyAdministrators", Effect: "Allow",
			Principal: map[string]any{"AWS": sorted(s.Administrators)}, Action: "kms:*", Resource: "*"})
	}
	if len(s.Users) > 0 {
		stmts = append(stmts, policyStmt{Sid: "KeyUsers", Effect: "Allow",
			Principal: map[string]any{"AWS": sorted(s.Users)}, Action: keyUserActions, Resource: "*"})
	}
	if len(s.ServicePrincipals) > 0 {
		stmts = append(stmts, policyStmt{Sid: "ServicesOfThisAccount", Effect: "Allow",
			Principal: map[string]any{"Service": sorted(s.ServicePrincipals)}, Action: keyUserActions, Resource: "*",
			Condition: map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": s.Account}}})
	}
	for _, a := range s.Additional {
		stmts = append(stmts, a)
	}
	b, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": stmts})
	if err != nil {
		panic(err) // values decoded from JSON and static types: cannot fail
	}
	return string(b)
}

func sorted(in []string) []string {
	out := append([]string(nil), in...)
	sort.Strings(out)
	return out
}

// keyStatementProblem is one rejected statement: which, why, and the control.
type keyStatementProblem struct {
	Statement string
	Reason    string
	Control   controls.Control
}

func (p keyStatementProblem) detail() string {
	return fmt.Sprintf("%s %s. %s [%s]", p.Statement, p.Reason, p.Control.Remediation, p.Control.ID)
}

// parseStatements decodes a JSON list of policy statements (or one statement).
func parseStatements(raw string) ([]map[string]any, error) {
	var list []map[string]any
	if err := json.Unmarshal([]byte(raw), &list); err == nil {
		return list, nil
	}
	var one map[string]any
	if err := json.Unmarshal([]byte(raw), &one); err != nil {
		return nil, fmt.Errorf("not a JSON list of policy statements: %w", err)
	}
	if _, isDoc := one["Statement"]; isDoc {
		return nil, fmt.Errorf("a whole policy document: pass only its statements, jsonencode([{...}, ...])")
	}
	return []map[string]any{one}, nil
}

// statementLabel names a statement in errors: its position and Sid.
func statementLabel(attr string, i int, s map[string]any) string {
	if sid, ok := s["Sid"].(string); ok && sid != "" {
		return fmt.Sprintf("%s[%d] (Sid %q)", attr, i, sid)
	}
	return fmt.Sprintf("%s[%d]", attr, i)
}

// checkKeyStatements judges the additional statements of a key policy.
// administrators are the named administrators (nil: the account root).
func checkKeyStatements(stmts []map[string]any, administrators []string) []keyStatementProblem {
	var out []keyStatementProblem
	for i, s := range stmts {
		label := statementLabel("additional_statements", i, s)
		effect, _ := s["Effect"].(string)
		_, hasPrincipal := s["Principal"]
		_, hasNotPrincipal := s["NotPrincipal"]
		if (effect != "Allow" && effect != "Deny") || (!hasPrincipal && !hasNotPrincipal) || (s["Action"] == nil && s["NotAction"] == nil) {
			out = append(out, keyStatementProblem{label, "is not a key policy statement: it needs Effect (\"Allow\" or " +
				"\"Deny\"), Principal and Action", controls.KMSKeyAdministrativePath})
			continue
		}
		cond, _ := s["Condition"].(map[string]any)
		principals := policyPrincipals(s["Principal"])
		switch effect {
		case "Allow":
			if hasNotPrincipal || (principals.everyone && !controls.RestrictsPrincipal(cond)) {
				out = append(out, keyStatementProblem{label, "allows everyone (Principal \"*\" or NotPrincipal) without " +
					"a condition restricting the principal (aws:PrincipalOrgID, aws:SourceAccount, kms:CallerAccount, ...)",
					controls.KMSKeyNoPublicPrincipal})
				continue
			}
			if coversAction(s, "kms:ScheduleKeyDeletion") && coversAction(s, "kms:PutKeyPolicy") && !onlyAdministrators(principals, administrators) {
				out = append(out, keyStatementProblem{label, "grants kms:* (or every action) to principals that are not " +
					"the key's administrators", controls.KMSKeyAdminOnlyFullAccess})
			}
		case "Deny":
			if coversAction(s, "kms:PutKeyPolicy") && deniesAdministrators(s, principals, administrators) {
				out = append(out, keyStatementProblem{label, "denies kms:PutKeyPolicy to the key's administrators " +
					"(the administrative path), which would lock the account out of the key", controls.KMSKeyAdministrativePath})
			}
		}
	}
	return out
}

// statementPrincipals is a statement's Principal: everyone, or the AWS and
// service principals it names.
type statementPrincipals struct {
	everyone bool
	aws      []string
	services []string
}

func policyPrincipals(p any) statementPrincipals {
	var out statementPrincipals
	if s, ok := p.(string); ok {
		out.everyone = s == "*"
		return out
	}
	m, _ := p.(map[string]any)
	out.aws = stringList(m["AWS"])
	out.services = stringList(m["Service"])
	for _, a := range out.aws {
		if a == "*" {
			out.everyone = true
		}
	}
	return out
}

func stringList(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, x := range t {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// coversAction reports whether a statement's Action (or NotAction) includes action.
func coversAction(s map[string]any, action string) bool {
	if s["NotAction"] != nil {
		return !matchesAny(stringList(s["NotAction"]), action)
	}
	return matchesAny(stringList(s["Action"]), action)
}

func matchesAny(patterns []string, action string) bool {
	for _, p := range patterns {
		if ok, _ := path.Match(strings.ToLower(p), strings.ToLower(action)); ok {
			return true
		}
	}
	return false
}

// accountRoot is an account principal: the root ARN or a bare account ID.
var accountRoot = regexp.MustCompile(`^(arn:[^:]+:iam::[0-9]{12}:root|[0-9]{12})$`)

// onlyAdministrators reports whether every principal is a named administrator.
func onlyAdministrators(p statementPrincipals, administrators []string) bool {
	if p.everyone || len(p.services) > 0 || len(p.aws) == 0 || len(administrators) == 0 {
		return false
	}
	for _, a := range p.aws {
		if !containsStr(administrators, a) {
			return false
		}
	}
	return true
}

// deniesAdministrators reports whether a Deny applies to the administrative path:
// everyone, an administrator, or (no administrators named) an account root. A
// condition does not save it: it may hold for the administrator too.
func deniesAdministrators(s map[string]any, p statementPrincipals, administrators []string) bool {
	if s["NotPrincipal"] != nil {
		excluded := policyPrincipals(s["NotPrincipal"]).aws
		if len(administrators) == 0 {
			for _, e := range excluded {
				if accountRoot.MatchString(e) {
					return false
				}
			}
			return true
		}
		for _, a := range administrators {
			if !containsStr(excluded, a) {
				return true
			}
		}
		return false
	}
	if p.everyone {
		return true
	}
	for _, a := range p.aws {
		if containsStr(administrators, a) || (len(administrators) == 0 && accountRoot.MatchString(a)) {
			return true
		}
	}
	return false
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
