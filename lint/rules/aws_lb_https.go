package rules

import (
	"strconv"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsLBHTTPS flags HTTP listeners that serve traffic instead of redirecting to HTTPS,
// on application load balancers and classic ELBs.
type AwsLBHTTPS struct{}

func (AwsLBHTTPS) Metadata() engine.Metadata {
	c := controls.LoadBalancerHTTPS
	return engine.Metadata{
		ID:       "aws_lb_https",
		Title:    c.Title,
		Severity: c.Severity,
		Controls: []controls.Control{c},
		Parts: []engine.Part{
			{ID: "aws_lb_listener", ResourceType: "aws_lb_listener", Aliases: []string{"CKV_AWS_2", "AWS-0054"}},
			{ID: "aws_alb_listener", ResourceType: "aws_alb_listener", Aliases: []string{"CKV_AWS_2", "AWS-0054"}},
		},
		ResourceTypes: []string{"aws_lb_listener", "aws_alb_listener", "aws_elb"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsLBHTTPS) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if r.Type == "aws_elb" {
		checkClassicListeners(r, rep)
		return
	}
	unset := ""
	proto, ok := r.Attr("protocol").Str()
	if !ok && !p.AttrConfigured(r, "protocol") && listenerDefaultsToHTTP(p, r) {
		proto, ok = "HTTP", true
		unset = " (protocol is not set, and an Application Load Balancer listener defaults to HTTP)"
	}
	if !ok || proto != "HTTP" {
		return
	}
	redirects := false
	r.Attr("default_action").Each(func(_ int, a plan.Value) {
		if t, _ := a.Get("type").Str(); t == "redirect" {
			if to, _ := a.Get("redirect").Index(0).Get("protocol").Str(); to == "HTTPS" {
				redirects = true
			}
		}
	})
	if !redirects {
		rep.Fail("default_action", "the HTTP listener serves traffic instead of redirecting to HTTPS%s", unset)
	}
}

// listenerDefaultsToHTTP tells whether a listener that leaves protocol unset
// listens on HTTP: it does on an Application Load Balancer (the default
// load_balancer_type); a Gateway Load Balancer's listener has neither protocol
// nor port, and a Network Load Balancer's must name its protocol.
func listenerDefaultsToHTTP(p *plan.Plan, r *plan.Resource) bool {
	lbs := p.Referenced(r, "load_balancer_arn", "aws_lb", "aws_alb")
	for _, lb := range lbs {
		if t, ok := lb.Attr("load_balancer_type").Str(); ok && t != "application" {
			return false
		}
	}
	if len(lbs) > 0 {
		return true
	}
	_, hasPort := r.Attr("port").Int()
	return hasPort
}

// checkClassicListeners fails every plain HTTP listener of a classic load
// balancer: unlike an ALB listener, it cannot redirect to HTTPS, so it serves the
// traffic in clear text whether or not an HTTPS listener stands beside it.
func checkClassicListeners(r *plan.Resource, rep *engine.Reporter) {
	listeners := r.Attr("listener")
	encrypted := false
	listeners.Each(func(_ int, l plan.Value) {
		if s, _ := l.Get("lb_protocol").Str(); strings.EqualFold(s, "https") || strings.EqualFold(s, "ssl") {
			encrypted = true
		}
	})
	listeners.Each(func(i int, l plan.Value) {
		at := "listener[" + strconv.Itoa(i) + "].lb_protocol"
		s, ok := l.Get("lb_protocol").Str()
		switch {
		case !ok || !strings.EqualFold(s, "http"):
		case encrypted:
			rep.Fail(at, "the classic load balancer listens on plain HTTP (port %s) beside its HTTPS listener: "+
				"a classic load balancer cannot redirect HTTP to HTTPS", l.Get("lb_port").Display())
		default:
			rep.Fail(at, "the classic load balancer listens on plain HTTP (port %s) and has no HTTPS or SSL listener",
				l.Get("lb_port").Display())
		}
	})
}
