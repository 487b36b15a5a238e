# A classic load balancer serving plain HTTP, and SSL negotiation policies that accept old protocols and ciphers.
resource "aws_elb" "web" {
  name               = "web"
  availability_zones = ["us-east-1a", "us-east-1b"]

  listener {
    lb_port           = 80
    lb_protocol       = "http"
    instance_port     = 8080
    instance_protocol = "http"
  }
}

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

# A predefined policy older than ELBSecurityPolicy-TLS-1-2-2017-01.
resource "aws_load_balancer_policy" "predefined_old" {
  load_balancer_name = aws_elb.api.name
  policy_name        = "api-tls-2016"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-2016-08"
  }
}

# A custom policy with SSLv3 and TLS 1.0 on.
resource "aws_load_balancer_policy" "custom_protocols" {
  load_balancer_name = aws_elb.api.name
  policy_name        = "api-tls-custom"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Protocol-SSLv3"
    value = "true"
  }

  policy_attribute {
    name  = "Protocol-TLSv1"
    value = "true"
  }

  policy_attribute {
    name  = "Protocol-TLSv1.2"
    value = "true"
  }

  policy_attribute {
    name  = "ECDHE-RSA-AES128-GCM-SHA256"
    value = "true"
  }
}

# TLS 1.2 only, but with RC4.
resource "aws_lb_ssl_negotiation_policy" "rc4" {
  name          = "api-rc4"
  load_balancer = aws_elb.api.id
  lb_port       = 443

  attribute {
    name  = "Protocol-TLSv1.2"
    value = "true"
  }

  attribute {
    name  = "RC4-SHA"
    value = "true"
  }
}
