package rules

import (
	"slices"
	"strconv"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// The places an identity's permissions come from: policy documents written in the
// configuration, and managed policies attached by ARN. Rules about what a policy
// grants read both through these helpers, so that every attachment form is judged.

// iamPolicyDocumentTypes carry identity policy documents: "policy" on the policy
// resources, each inline_policy block of aws_iam_role.
var iamPolicyDocumentTypes = []string{
	"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role",
}

// iamAttachmentTypes attach managed policies by ARN.
var iamAttachmentTypes = []string{
	"aws_iam_policy_attachment",
	"aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment",
	"aws_iam_role_policy_attachments_exclusive", "aws_iam_user_policy_attachments_exclusive",
	"aws_iam_group_policy_attachments_exclusive",
	"aws_ssoadmin_managed_policy_attachment",
	"aws_iam_role", // managed_policy_arns
}

// iamPolicyTypes are the resource types that grant identity permissions, by
// document or by attachment, each once.
func iamPolicyTypes() []string {
	out := append([]string{}, iamPolicyDocumentTypes...)
	for _, t := range iamAttachmentTypes {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// iamPolicyDocument is one identity policy document of a resource.
type iamPolicyDocument struct {
	// Attr is where findings point: "policy", or "inline_policy[1].policy" for a
	// role's inline policies (a statement's finding adds ".Statement[i]").
	Attr  string
	Stmts []policyStatement
	// State is Known (Stmts parsed; none for a document that is not JSON),
	// Computed (set from a value computed during apply) or Unset.
	State State
}

// iamPolicyDocuments lists the identity policy documents a resource carries.
func iamPolicyDocuments(p *plan.Plan, r *plan.Resource) []iamPolicyDocument {
	if r.Type != "aws_iam_role" {
		if stmts, ok := resourcePolicy(p, r); ok {
			return []iamPolicyDocument{{"policy", stmts, Known}}
		}
		return []iamPolicyDocument{{"policy", nil, read(p, r, "policy").State}}
	}
	var out []iamPolicyDocument
	r.Attr("inline_policy").Each(func(i int, b plan.Value) {
		a := readIn(p, r, "inline_policy", b, "policy")
		doc := iamPolicyDocument{Attr: "inline_policy[" + strconv.Itoa(i) + "].policy", State: a.State}
		if text, ok := a.Value.Text(); ok {
			doc.Stmts = policyCache(p).statements(text, a.Value)
		}
		out = append(out, doc)
	})
	return out
}

// attachedPolicyARN is one managed policy an attachment resource attaches.
type attachedPolicyARN struct {
	Attr, ARN string
}

// attachedPolicyARNs lists the known managed policy ARNs a resource attaches,
// or none when it attaches them to nobody (aws_iam_policy_attachment with no
// user, role or group): read once for the resource's rules (two ask, one
// after the other), shared, not to be changed.
func attachedPolicyARNs(r *plan.Resource) []attachedPolicyARN {
	arns, _ := r.Memo("attached-policy-arns", func() any { return readAttachedPolicyARNs(r) }).([]attachedPolicyARN)
	return arns
}

func readAttachedPolicyARNs(r *plan.Resource) []attachedPolicyARN {
	var out []attachedPolicyARN
	for _, attr := range []string{"policy_arn", "managed_policy_arn", "policy_arns", "managed_policy_arns"} {
		for _, arn := range stringOrList(r.Attr(attr)) {
			out = append(out, attachedPolicyARN{attr, arn})
		}
	}
	if r.Type == "aws_iam_policy_attachment" && attachesToNobody(r) {
		return nil
	}
	return out
}

// attachesToNobody reports an aws_iam_policy_attachment whose users, roles and
// groups are known and hold no name ("" names nobody).
func attachesToNobody(r *plan.Resource) bool {
	for _, attr := range []string{"users", "roles", "groups"} {
		v := r.Attr(attr)
		if v.Unknown() {
			return false
		}
		names, anyUnknown := v.Strings()
		if anyUnknown {
			return false
		}
		for _, n := range names {
			if n != "" {
				return false
			}
		}
	}
	return true
}

// awsManagedPolicy reports an AWS managed policy ARN of the given name, in any
// partition (arn:aws:, arn:aws-us-gov:, arn:aws-cn:...).
func awsManagedPolicy(arn, name string) bool {
	return strings.HasPrefix(arn, "arn:aws") && strings.HasSuffix(arn, ":iam::aws:policy/"+name)
}
