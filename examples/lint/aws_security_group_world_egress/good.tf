resource "aws_security_group" "app" {
  name = "app"
  egress {
    description = "HTTPS out"
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
}
