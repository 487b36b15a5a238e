# IMDSv1 left available through a launch configuration and a launch template, and an instance whose template
# the plan does not hold.
resource "aws_launch_configuration" "workers" {
  name_prefix   = "workers-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}

resource "aws_launch_template" "web" {
  name          = "web"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional"
  }
}

resource "aws_instance" "web" {
  launch_template {
    id      = aws_launch_template.web.id
    version = "$Latest"
  }
}

resource "aws_instance" "legacy" {
  launch_template {
    id      = "lt-0123456789abcdef0"
    version = "$Default"
  }
}
