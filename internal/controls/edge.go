package controls

// Edge and load balancer controls: CloudFront, ELB (HRD-EDGE-*).
var (
	CloudFrontHTTPS = register(Control{
		ID:          "HRD-EDGE-001",
		Title:       "CloudFront requires HTTPS between viewers and edge locations",
		Severity:    SeverityMedium,
		Rationale:   "With allow-all, viewers can use plain HTTP, exposing cookies and content to anyone on the path.",
		Remediation: "Set viewer_protocol_policy = \"redirect-to-https\" (or \"https-only\") in every cache behaviour of aws_cloudfront_distribution.",
		References:  []Reference{{SecurityHub, "CloudFront.3"}},
	})

	CloudFrontModernTLS = register(Control{
		ID:          "HRD-EDGE-002",
		Title:       "CloudFront viewers negotiate TLS 1.2 or later (TLSv1.2_2021)",
		Severity:    SeverityMedium,
		Rationale:   "TLS 1.0 and 1.1 have known weaknesses and are deprecated; the default *.cloudfront.net certificate allows TLSv1.",
		Remediation: "In aws_cloudfront_distribution's viewer_certificate, use a custom certificate (acm_certificate_arn, ssl_support_method = \"sni-only\") with minimum_protocol_version = \"TLSv1.2_2021\".",
	})

	LoadBalancerHTTPS = register(Control{
		ID:          "HRD-EDGE-003",
		Title:       "Load balancer listeners serve HTTPS, or redirect HTTP to HTTPS",
		Severity:    SeverityMedium,
		Rationale:   "Plain HTTP listeners send credentials and session cookies in clear text.",
		Remediation: "Give HTTP aws_lb_listener resources a default_action { type = \"redirect\" redirect { protocol = \"HTTPS\" port = \"443\" status_code = \"HTTP_301\" } }; serve traffic on HTTPS listeners (aws_elb: lb_protocol = \"https\").",
		References:  []Reference{{SecurityHub, "ELB.1"}},
	})

	LoadBalancerTLSPolicy = register(Control{
		ID:          "HRD-EDGE-004",
		Title:       "HTTPS and TLS listeners use a TLS 1.2+ security policy",
		Severity:    SeverityMedium,
		Rationale:   "Older ELB security policies accept TLS 1.0/1.1 and weak ciphers.",
		Remediation: "Set ssl_policy on aws_lb_listener to ELBSecurityPolicy-TLS13-1-2-2021-06 (or another TLS13-1-2 / FS-1-2 policy).",
	})

	// ClassicLoadBalancerTLSPolicy is LoadBalancerTLSPolicy for classic load
	// balancers, whose listeners negotiate through SSL negotiation policies.
	ClassicLoadBalancerTLSPolicy = register(Control{
		ID:       "HRD-EDGE-005",
		Title:    "Classic load balancer SSL negotiation policies accept only TLS 1.2 and strong ciphers",
		Severity: SeverityMedium,
		Rationale: "An SSL negotiation policy that enables SSLv3, TLS 1.0 or 1.1, or ciphers such as RC4, 3DES, " +
			"export or NULL ciphers lets a client (or an attacker in the path) negotiate a connection whose encryption " +
			"can be broken; the predefined policies older than ELBSecurityPolicy-TLS-1-2-2017-01 all accept TLS 1.0.",
		Remediation: "In aws_load_balancer_policy (policy_type_name = \"SSLNegotiationPolicyType\") or " +
			"aws_lb_ssl_negotiation_policy, set only the attribute Reference-Security-Policy = " +
			"\"ELBSecurityPolicy-TLS-1-2-2017-01\", or enable only Protocol-TLSv1.2 and strong ciphers; better, move " +
			"to an Application or Network Load Balancer with a TLS13-1-2 policy.",
		References: []Reference{{SecurityHub, "ELB.8"}},
	})
)
