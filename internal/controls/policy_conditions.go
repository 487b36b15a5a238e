package controls

// The judgement every policy control shares (bucket and key policies, in the
// provider and the linter): whether a statement's Condition really restricts who
// the principal is, so that Principal "*" with it is not public.

import (
	"regexp"
	"strings"
)

// principalRestrictingKeys are the condition keys that pin down the caller (or the
// resource or network it acts from), lower-cased.
var principalRestrictingKeys = map[string]bool{
	"aws:sourcearn":        true,
	"aws:sourceaccount":    true,
	"aws:sourceowner":      true,
	"aws:sourcevpc":        true,
	"aws:sourcevpce":       true,
	"aws:principalorgid":   true,
	"aws:principalaccount": true,
	"aws:principalarn":     true,
	"aws:userid":           true,
	"kms:calleraccount":    true,
}

// restrictingOperators are the operators under which a restricting key's values
// narrow the callers, lower-cased. Negated operators (StringNotEquals) and
// ...IfExists (true when the key is absent) let anyone else through.
var restrictingOperators = map[string]bool{
	"stringequals": true, "stringequalsignorecase": true, "stringlike": true,
	"arnequals": true, "arnlike": true,
}

// arnWithAccount is an ARN whose account field is a literal account ID; wildcards
// elsewhere (a region, a resource path) still restrict the principal to that account.
var arnWithAccount = regexp.MustCompile(`^arn:[^:*?]+:[^:*?]*:[^:]*:[0-9]{12}:`)

// RestrictsPrincipal reports whether a policy statement's Condition restricts the
// principal, making a Principal "*" statement private: some key among
// aws:SourceArn, aws:SourceAccount, aws:SourceOwner, aws:SourceVpc,
// aws:SourceVpce, aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn,
// aws:userid and kms:CallerAccount is matched positively (StringEquals,
// StringLike, ArnEquals, ArnLike, optionally ForAnyValue:/ForAllValues:-free)
// against values that are not wildcards (an ARN may use wildcards after a literal
// account ID). aws:SecureTransport, aws:Referer, aws:UserAgent and
// aws:SourceIp never restrict it. condition is the statement's decoded
// "Condition" object (nil when absent).
func RestrictsPrincipal(condition map[string]any) bool {
	for op, block := range condition {
		if !restrictingOperators[strings.ToLower(op)] {
			continue
		}
		keys, ok := block.(map[string]any)
		if !ok {
			continue
		}
		for key, values := range keys {
			if principalRestrictingKeys[strings.ToLower(key)] && literalValues(values) {
				return true
			}
		}
	}
	return false
}

// literalValues reports whether a condition value (a string or a list of them)
// names only specific callers.
func literalValues(v any) bool {
	var list []string
	switch t := v.(type) {
	case string:
		list = []string{t}
	case []any:
		for _, x := range t {
			s, ok := x.(string)
			if !ok {
				return false
			}
			list = append(list, s)
		}
	case []string:
		list = t
	default:
		return false
	}
	if len(list) == 0 {
		return false
	}
	for _, s := range list {
		if s == "" || (strings.ContainsAny(s, "*?") && !arnWithAccount.MatchString(s)) {
			return false
		}
	}
	return true
}
