# A load balancer open to the internet on 80 and 443 only, as declared in
# public_ingress_ports.
resource "hardened_security_group" "lb" {
  name                 = "lb"
  description          = "Public load balancer"
  vpc_id               = "vpc-0123456789abcdef0"
  public_ingress_ports = [80, 443]

  ingress {
    description      = "HTTPS from the internet"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  ingress {
    description      = "HTTP from the internet, redirected to HTTPS"
    protocol         = "tcp"
    from_port        = 80
    to_port          = 80
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  egress {
    description = "To the application, inside the VPC"
    protocol    = "tcp"
    from_port   = 8080
    to_port     = 8080
    cidr_blocks = ["10.0.0.0/16"]
  }
}

# The application: reachable from the load balancer and from its own members,
# SSH only from the office network, HTTPS out through a prefix list.
resource "hardened_security_group" "app" {
  name_prefix = "app-"
  description = "Application servers"
  vpc_id      = "vpc-0123456789abcdef0"

  ingress {
    description     = "Traffic from the load balancer"
    protocol        = "tcp"
    from_port       = 8080
    to_port         = 8080
    security_groups = [hardened_security_group.lb.id]
  }

  ingress {
    description = "Cluster members"
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    self        = true
  }

  ingress {
    description = "SSH from the office"
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["203.0.113.0/24"]
  }

  egress {
    description     = "HTTPS to package mirrors"
    protocol        = "tcp"
    from_port       = 443
    to_port         = 443
    prefix_list_ids = ["pl-0123456789abcdef0"]
  }

  tags = {
    Tier = "app"
  }
}

# Rejected at plan, naming the rule, the port and the control:
#   ingress { description = "ssh" protocol = "tcp" from_port = 22 to_port = 22 cidr_blocks = ["0.0.0.0/0"] }
#   Error: Insecure ingress rule
#   ingress rule "ssh" allows tcp 22 (SSH) from 0.0.0.0/0: administrative and database ports must never be
#   reachable from the internet (CIS AWS Foundations 5.2, Security Hub EC2.53) [HRD-NET-002]. ...
