package rules

import (
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsLambdaPermissionServiceSource requires a permission granted to an AWS
// service principal (*.amazonaws.com) to name its source with source_arn or
// source_account: without either, the service invokes the function for any
// account's resource (confused deputy).
type AwsLambdaPermissionServiceSource struct{}

func (AwsLambdaPermissionServiceSource) Metadata() engine.Metadata {
	c := controls.LambdaPermissionServiceSource
	return engine.Metadata{
		ID:            "aws_lambda_permission_service_source",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_364"},
		Related:       []string{"AWS-0067"},
		ResourceTypes: []string{"aws_lambda_permission"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsLambdaPermissionServiceSource) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	principal := read(p, r, "principal")
	svc, ok := principal.Str()
	if principal.State == Computed {
		rep.Unknown("principal", "the principal is computed during apply")
		return
	}
	if !ok || !servicePrincipal(svc) {
		return
	}
	for _, a := range []string{"source_arn", "source_account"} {
		src := read(p, r, a)
		if s, ok := src.Str(); (ok && s != "") || src.State == Computed {
			return
		}
	}
	rep.Fail("source_arn", "the permission lets %s invoke the function for any account's resources: set source_arn or source_account", svc)
}

// servicePrincipal reports an AWS service principal (s3.amazonaws.com, and
// the China regions' .amazonaws.com.cn).
func servicePrincipal(p string) bool {
	return strings.HasSuffix(p, ".amazonaws.com") || strings.HasSuffix(p, ".amazonaws.com.cn")
}
