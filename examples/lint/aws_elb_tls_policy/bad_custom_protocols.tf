# A custom policy enabling TLS 1.0 and 1.1 beside 1.2.
resource "aws_load_balancer_policy" "tls" {
  load_balancer_name = "web"
  policy_name        = "web-tls-custom"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Protocol-TLSv1"
    value = "true"
  }

  policy_attribute {
    name  = "Protocol-TLSv1.1"
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
