resource "aws_default_network_acl" "default" {
  default_network_acl_id = aws_vpc.main.default_network_acl_id

  ingress {
    rule_no         = 100
    action          = "allow"
    protocol        = "tcp"
    ipv6_cidr_block = "::/0"
    from_port       = 20
    to_port         = 23
  }
}
