# The secure variants: HTTPS only, TLS 1.2 policies.
resource "aws_elb" "api" {
  name               = "api"
  availability_zones = ["us-east-1a"]

  listener {
    lb_port            = 443
    lb_protocol        = "https"
    instance_port      = 8443
    instance_protocol  = "https"
    ssl_certificate_id = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"
  }
}

resource "aws_load_balancer_policy" "predefined" {
  load_balancer_name = aws_elb.api.name
  policy_name        = "api-tls-1-2"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-TLS-1-2-2017-01"
  }
}

resource "aws_load_balancer_listener_policy" "api_443" {
  load_balancer_name = aws_elb.api.name
  load_balancer_port = 443
  policy_names       = [aws_load_balancer_policy.predefined.policy_name]
}

resource "aws_lb_ssl_negotiation_policy" "custom" {
  name          = "api-custom"
  load_balancer = aws_elb.api.id
  lb_port       = 443

  attribute {
    name  = "Protocol-TLSv1"
    value = "false"
  }

  attribute {
    name  = "Protocol-TLSv1.1"
    value = "false"
  }

  attribute {
    name  = "Protocol-TLSv1.2"
    value = "true"
  }

  attribute {
    name  = "ECDHE-RSA-AES256-GCM-SHA384"
    value = "true"
  }
}
