resource "aws_security_group_rule" "range" {
  type              = "ingress"
  protocol          = "tcp"
  from_port         = 8080
  to_port           = 8081
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.web.id
}
