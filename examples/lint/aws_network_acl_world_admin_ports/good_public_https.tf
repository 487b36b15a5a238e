# HTTPS from the internet and every protocol from inside the VPC: no administrative or database port is public.
resource "aws_network_acl" "public" {
  vpc_id = aws_vpc.main.id

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    cidr_block = "0.0.0.0/0"
    from_port  = 443
    to_port    = 443
  }

  ingress {
    rule_no    = 110
    action     = "allow"
    protocol   = "-1"
    cidr_block = "10.0.0.0/16"
    from_port  = 0
    to_port    = 0
  }
}
