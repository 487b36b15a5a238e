resource "aws_security_group" "ping" {
  name = "ping"
  ingress {
    description = "ping"
    protocol    = "icmp"
    from_port   = -1
    to_port     = -1
    cidr_blocks = ["0.0.0.0/0"]
  }
}
