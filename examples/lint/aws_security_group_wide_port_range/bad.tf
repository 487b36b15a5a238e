resource "aws_security_group_rule" "range" {
  type              = "ingress"
  protocol          = "tcp"
  from_port         = 1024
  to_port           = 65535
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.web.id
}
