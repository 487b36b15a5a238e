# A security group is imported by its ID. public_ingress_ports is not stored in AWS:
# keep it in the configuration.
terraform import hardened_security_group.app sg-0123456789abcdef0
