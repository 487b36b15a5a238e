package controls

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"regexp"
	"strings"
)

// Condition is a policy statement's Condition element: operator -> condition
// key -> values, every value as a string (numbers and booleans as written).
type Condition map[string]map[string][]string

// principalKeys are the condition keys that say who the caller is, or on whose
// behalf a service calls: a fixed value for one of them makes Principal "*"
// name a known set of callers (AWS's own test of a "public" S3 or KMS policy).
// The value is whether the key holds an ARN.
var principalKeys = map[string]bool{
	"aws:sourcearn":        true,
	"aws:principalarn":     true,
	"aws:sourceaccount":    false,
	"aws:sourceowner":      false,
	"aws:sourcevpc":        false,
	"aws:sourcevpce":       false,
	"aws:principalorgid":   false,
	"aws:principalaccount": false,
	"aws:userid":           false,
	// KMS's own: the account of the caller (key policies).
	"kms:calleraccount": false,
}

// positiveOperators compare a key with values and succeed only on a match.
// Negated operators (StringNotEquals, ArnNotLike) let every other caller in,
// and "...IfExists" passes a request that lacks the key (a caller that is not
// a service has no aws:SourceArn): neither restricts the principal.
var positiveOperators = map[string]bool{
	"stringequals": true, "stringequalsignorecase": true, "stringlike": true,
	"arnequals": true, "arnlike": true,
}

// accountARN is an ARN whose account field is one fixed account.
var accountARN = regexp.MustCompile(`^arn:[a-z-]+:[a-z0-9-]*:[a-z0-9-]*:\d{12}:`)

// ConditionRestrictsPrincipal reports whether a Condition narrows a
// Principal "*" statement to known callers, so that the statement is not
// public. It does when one of its tests, all of which must hold, requires a
// fixed value of a key naming the caller: aws:SourceArn, aws:SourceAccount,
// aws:SourceOwner, aws:SourceVpc, aws:SourceVpce, aws:PrincipalOrgID,
// aws:PrincipalAccount, aws:PrincipalArn or aws:userid with values free of
// wildcards (an ARN pinned to one account counts as fixed), or aws:SourceIp
// limited to addresses narrower than the whole internet. aws:SecureTransport,
// aws:Referer and aws:UserAgent (which any caller sets), aws:SourceIp
// 0.0.0.0/0 or ::/0, negated operators and "...IfExists" operators do not.
//
// The linter judges planned policies with it; the provider validates the
// policies it writes (KMS key and S3 bucket policies) with the same function.
func ConditionRestrictsPrincipal(c Condition) bool {
	for op, tests := range c {
		op = strings.ToLower(op)
		// ForAnyValue: on a single-valued key behaves as the plain operator;
		// ForAllValues: passes a request without the key.
		op = strings.TrimPrefix(op, "foranyvalue:")
		for key, values := range tests {
			key = strings.ToLower(key)
			if restricts(op, key, values) {
				return true
			}
		}
	}
	return false
}

func restricts(op, key string, values []string) bool {
	if len(values) == 0 {
		return false
	}
	if key == "aws:sourceip" {
		if op != "ipaddress" {
			return false
		}
		for _, v := range values {
			if !narrowAddress(v) {
				return false
			}
		}
		return true
	}
	isARN, ok := principalKeys[key]
	if !ok || !positiveOperators[op] {
		return false
	}
	for _, v := range values {
		if !fixedValue(v, isARN) {
			return false
		}
	}
	return true
}

// fixedValue is a value without wildcards; an ARN pinned to a 12-digit account
// is fixed even with a wildcard in its resource part.
func fixedValue(v string, isARN bool) bool {
	if v == "" {
		return false
	}
	if !strings.ContainsAny(v, "*?") {
		return true
	}
	return isARN && accountARN.MatchString(v)
}

// narrowAddress is an IP address or a CIDR block with a prefix longer than 0.
func narrowAddress(v string) bool {
	if p, err := netip.ParsePrefix(v); err == nil {
		return p.Bits() > 0
	}
	_, err := netip.ParseAddr(v)
	return err == nil
}

// RestrictsPrincipal is ConditionRestrictsPrincipal on a statement's decoded
// "Condition" object (nil when absent), as the provider reads policy JSON.
func RestrictsPrincipal(condition map[string]any) bool {
	c := Condition{}
	for op, tests := range condition {
		keys, ok := tests.(map[string]any)
		if !ok {
			continue
		}
		c[op] = map[string][]string{}
		for key, v := range keys {
			c[op][key] = conditionValues(v)
		}
	}
	return ConditionRestrictsPrincipal(c)
}

// ParseCondition reads a Condition element from its JSON. Values may be a
// string, a number, a boolean or a list of them.
func ParseCondition(raw []byte) (Condition, error) {
	var in map[string]map[string]any
	if err := json.Unmarshal(raw, &in); err != nil {
		return nil, fmt.Errorf("condition is not an object of operators to keys: %w", err)
	}
	out := Condition{}
	for op, tests := range in {
		out[op] = map[string][]string{}
		for key, v := range tests {
			out[op][key] = conditionValues(v)
		}
	}
	return out, nil
}

func conditionValues(v any) []string {
	switch x := v.(type) {
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, conditionValues(e)...)
		}
		return out
	case nil:
		return nil
	case string:
		return []string{x}
	case float64:
		return []string{fmt.Sprintf("%.0f", x)}
	}
	return []string{fmt.Sprint(v)}
}
