resource "aws_security_group" "g" {
  name        = "fixture-all-protocols"
  description = "fixture"
  vpc_id      = "vpc-0123456789abcdef0"

  ingress {
    description = "everything"
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}
