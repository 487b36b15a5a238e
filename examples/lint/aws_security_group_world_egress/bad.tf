resource "aws_security_group" "app" {
  name = "app"
  egress {
    description = "anything"
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}
