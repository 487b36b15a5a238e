resource "aws_security_group" "pmtud" {
  name = "pmtud"
  ingress {
    description = "path MTU discovery"
    protocol    = "icmp"
    from_port   = 3
    to_port     = 4
    cidr_blocks = ["0.0.0.0/0"]
  }
}
