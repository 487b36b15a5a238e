package rules

import (
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsLBTLSPolicy requires a TLS 1.2+ security policy on HTTPS/TLS listeners.
type AwsLBTLSPolicy struct{}

func (AwsLBTLSPolicy) Metadata() engine.Metadata {
	c := controls.LoadBalancerTLSPolicy
	return engine.Metadata{
		ID:            "aws_lb_tls_policy",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_103", "AWS-0047"},
		ResourceTypes: []string{"aws_lb_listener", "aws_alb_listener"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsLBTLSPolicy) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	proto, _ := r.Attr("protocol").Str()
	if proto != "HTTPS" && proto != "TLS" {
		return
	}
	a := read(p, r, "ssl_policy")
	policy, ok := a.Str()
	if !ok {
		if a.State == Computed {
			rep.Unknown("ssl_policy", "ssl_policy is computed during apply")
			return
		}
		// Left unset, the listener gets the API's default policy.
		rep.Fail("ssl_policy", "ssl_policy is not set: AWS applies ELBSecurityPolicy-2016-08, which accepts TLS versions below 1.2")
		return
	}
	// The number after TLS13-, TLS- or FS- is the minimum version: the TLS13-1-0
	// and TLS13-1-1 policies add TLS 1.3 but still accept TLS 1.0 and 1.1.
	if !strings.Contains(policy, "TLS13-1-2") && !strings.Contains(policy, "TLS13-1-3") &&
		!strings.Contains(policy, "TLS-1-2") && !strings.Contains(policy, "FS-1-2") {
		rep.Fail("ssl_policy", "ssl_policy %s accepts TLS versions below 1.2", policy)
	}
}
