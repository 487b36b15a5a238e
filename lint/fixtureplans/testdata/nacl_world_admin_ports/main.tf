# Network ACLs open to the internet on administrative and database ports, in all three resource forms.
resource "aws_vpc" "main" {
  cidr_block                       = "10.0.0.0/16"
  assign_generated_ipv6_cidr_block = true
}

resource "aws_network_acl" "public" {
  vpc_id = aws_vpc.main.id

  # HTTPS from the internet: allowed.
  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    cidr_block = "0.0.0.0/0"
    from_port  = 443
    to_port    = 443
  }

  # MySQL from the internet.
  ingress {
    rule_no    = 110
    action     = "allow"
    protocol   = "tcp"
    cidr_block = "0.0.0.0/0"
    from_port  = 3306
    to_port    = 3306
  }

  # A deny of everything from the internet: not an exposure.
  ingress {
    rule_no    = 200
    action     = "deny"
    protocol   = "-1"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}

# FTP (20-21) from the internet.
resource "aws_network_acl_rule" "ftp" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 120
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 20
  to_port        = 21
}

# Protocol "all": every port, whatever the port fields say.
resource "aws_network_acl_rule" "all_traffic" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 130
  egress         = false
  protocol       = "all"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 443
  to_port        = 443
}

# Egress to the internet: not ingress.
resource "aws_network_acl_rule" "egress_all" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 100
  egress         = true
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
}

# PostgreSQL over IPv6 from the whole IPv6 internet, on the VPC's default network ACL.
resource "aws_default_network_acl" "default" {
  default_network_acl_id = aws_vpc.main.default_network_acl_id

  ingress {
    rule_no         = 100
    action          = "allow"
    protocol        = "6"
    ipv6_cidr_block = "::/0"
    from_port       = 5432
    to_port         = 5432
  }
}
