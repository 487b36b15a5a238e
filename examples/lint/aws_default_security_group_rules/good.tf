resource "hardened_default_security_group" "d" {
  vpc_id = aws_vpc.main.id
}
