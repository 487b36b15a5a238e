resource "aws_security_group" "rdp" {
  name        = "rdp"
  description = "Remote desktop"
  vpc_id      = aws_vpc.main.id
  ingress {
    description      = "RDP"
    from_port        = 3389
    to_port          = 3389
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"]
  }
}
