# Protocol -1 opens every port, whatever from_port and to_port say.
resource "aws_network_acl" "public" {
  vpc_id = aws_vpc.main.id

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "-1"
    cidr_block = "0.0.0.0/0"
    from_port  = 443
    to_port    = 443
  }
}
