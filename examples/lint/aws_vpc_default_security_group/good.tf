resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "hardened_default_security_group" "main" {
  vpc_id = aws_vpc.main.id
}
