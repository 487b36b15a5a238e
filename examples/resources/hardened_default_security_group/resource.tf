# Lock a VPC's default security group: every ingress and egress rule is revoked,
# and a rule added later by hand shows in `terraform plan` as drift that apply revokes.
resource "hardened_default_security_group" "main" {
  vpc_id = "vpc-0123456789abcdef0" # for example aws_vpc.main.id

  tags = {
    Name = "default - do not use"
  }
}
