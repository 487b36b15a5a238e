# The default security group is imported by its own ID (not the VPC's).
terraform import hardened_default_security_group.main sg-0123456789abcdef0
