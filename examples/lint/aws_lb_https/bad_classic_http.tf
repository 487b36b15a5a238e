resource "aws_elb" "web" {
  name               = "web"
  availability_zones = ["us-east-1a"]

  listener {
    lb_port           = 80
    lb_protocol       = "http"
    instance_port     = 8000
    instance_protocol = "http"
  }
}
