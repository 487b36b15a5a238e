package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsLBHTTPS(t *testing.T) {
	const l = "aws_lb_listener.http"
	listener := func(addr, after string) []plantest.Res {
		return []plantest.Res{{Address: addr, After: after, Unknown: `{"load_balancer_arn":true}`}}
	}
	lb := func(typ string) plantest.Res {
		return plantest.Res{Address: "aws_lb.web", After: `{"load_balancer_type":"` + typ + `"}`, Unknown: `{"arn":true}`}
	}
	onLB := func(addr, after string) plantest.Res {
		return plantest.Res{Address: addr, After: after, Unknown: `{"load_balancer_arn":true,"protocol":true}`,
			Refs: map[string][]string{"load_balancer_arn": {"aws_lb.web.arn", "aws_lb.web"}}}
	}
	runCases(t, AwsLBHTTPS{}, []ruleCase{
		{"a redirect to HTTPS passes", listener(l, `{"port":80,"protocol":"HTTP","default_action":[{"type":"redirect","redirect":[{"port":"443","protocol":"HTTPS","status_code":"HTTP_301"}]}]}`), nil},
		{"forwarding plain HTTP fails", listener(l, `{"port":80,"protocol":"HTTP","default_action":[{"type":"forward","redirect":[]}]}`),
			[]string{"fail " + l + " default_action: the HTTP listener serves traffic instead of redirecting to HTTPS"}},
		{"a redirect keeping the protocol fails", listener(l, `{"port":80,"protocol":"HTTP","default_action":[{"type":"redirect","redirect":[{"host":"www.example.com","protocol":"#{protocol}","status_code":"HTTP_301"}]}]}`),
			[]string{"fail " + l + " default_action: serves traffic instead of redirecting to HTTPS"}},
		{"a fixed response fails", listener(l, `{"port":80,"protocol":"HTTP","default_action":[{"type":"fixed-response","fixed_response":[{"content_type":"text/plain","status_code":"404"}]}]}`),
			[]string{"fail " + l + " default_action: serves traffic"}},
		{"an aws_alb_listener is checked too", listener("aws_alb_listener.http", `{"port":80,"protocol":"HTTP","default_action":[{"type":"forward"}]}`),
			[]string{"fail aws_alb_listener.http default_action: serves traffic"}},
		{"HTTPS passes", listener("aws_lb_listener.https", `{"port":443,"protocol":"HTTPS","ssl_policy":"ELBSecurityPolicy-TLS13-1-2-2021-06","default_action":[{"type":"forward"}]}`), nil},
		{"a TCP listener passes", listener("aws_lb_listener.tcp", `{"port":5432,"protocol":"TCP","default_action":[{"type":"forward"}]}`), nil},
		{"an ALB listener without protocol (HTTP by default) fails", []plantest.Res{lb("application"),
			onLB(l, `{"port":80,"default_action":[{"type":"forward"}]}`)},
			[]string{"fail " + l + " default_action: the HTTP listener serves traffic instead of redirecting to HTTPS (protocol is not set, and an Application Load Balancer listener defaults to HTTP)"}},
		{"an ALB listener without protocol redirecting to HTTPS passes", []plantest.Res{lb("application"),
			onLB(l, `{"port":80,"default_action":[{"type":"redirect","redirect":[{"port":"443","protocol":"HTTPS","status_code":"HTTP_301"}]}]}`)}, nil},
		{"a listener without protocol on a load balancer outside the plan fails", listener(l, `{"port":8080,"default_action":[{"type":"forward"}]}`),
			[]string{"fail " + l + " default_action: (protocol is not set, and an Application Load Balancer listener defaults to HTTP)"}},
		{"a Gateway Load Balancer listener (no protocol, no port) passes", []plantest.Res{lb("gateway"), onLB(l, `{"default_action":[{"type":"forward"}]}`)}, nil},
		{"a Gateway Load Balancer listener outside the plan passes", listener(l, `{"port":null,"default_action":[{"type":"forward"}]}`), nil},
		{"a protocol computed during apply is not assumed", []plantest.Res{{Address: l, After: `{"port":80,"default_action":[{"type":"forward"}]}`,
			Unknown: `{"load_balancer_arn":true,"protocol":true}`, Set: []string{"protocol"}}}, nil},
		{"a classic load balancer on HTTP fails", []plantest.Res{{Address: "aws_elb.classic",
			After: `{"listener":[{"instance_port":8080,"instance_protocol":"http","lb_port":443,"lb_protocol":"https","ssl_certificate_id":"arn:aws:acm:us-east-1:123456789012:certificate/x"},{"instance_port":8080,"instance_protocol":"http","lb_port":80,"lb_protocol":"HTTP"}]}`}},
			[]string{"fail aws_elb.classic listener[1].lb_protocol: the classic load balancer listens on plain HTTP (port 80) beside its HTTPS listener"}},
		{"a classic load balancer serving HTTP only fails", []plantest.Res{{Address: "aws_elb.classic",
			After: `{"listener":[{"instance_port":8000,"instance_protocol":"http","lb_port":80,"lb_protocol":"http","ssl_certificate_id":""}]}`}},
			[]string{"fail aws_elb.classic listener[0].lb_protocol: the classic load balancer listens on plain HTTP (port 80) and has no HTTPS or SSL listener"}},
		{"a classic load balancer on SSL passes", []plantest.Res{{Address: "aws_elb.classic",
			After: `{"listener":[{"instance_port":8443,"instance_protocol":"ssl","lb_port":443,"lb_protocol":"SSL","ssl_certificate_id":"arn:aws:acm:us-east-1:123456789012:certificate/x"}]}`}}, nil},
		{"a classic load balancer on HTTPS and TCP passes", []plantest.Res{{Address: "aws_elb.classic",
			After: `{"listener":[{"instance_port":8080,"instance_protocol":"http","lb_port":443,"lb_protocol":"https"},{"instance_port":22,"instance_protocol":"tcp","lb_port":2222,"lb_protocol":"tcp"}]}`}}, nil},
	})
}
