package rules

import "encoding/json"

// policyStatement is one statement of an IAM or resource policy document, with
// the parts rules read left raw: each rule decodes only what it asks about.
type policyStatement struct {
	Effect    string
	Principal json.RawMessage
	Action    json.RawMessage
	Resource  json.RawMessage
	Condition json.RawMessage
}

// policyStatements parses a policy document whose Statement is a list or a
// single object (both are valid); a document that is not JSON has none.
func policyStatements(doc string) []policyStatement {
	var pol struct{ Statement json.RawMessage }
	if json.Unmarshal([]byte(doc), &pol) != nil {
		return nil
	}
	var stmts []policyStatement
	if json.Unmarshal(pol.Statement, &stmts) == nil {
		return stmts
	}
	var one policyStatement
	if json.Unmarshal(pol.Statement, &one) != nil {
		return nil
	}
	return []policyStatement{one}
}

// stringOrList reads a policy element that is a string or a list of strings.
func stringOrList(raw json.RawMessage) []string {
	var one string
	if json.Unmarshal(raw, &one) == nil {
		return []string{one}
	}
	var list []string
	_ = json.Unmarshal(raw, &list)
	return list
}
