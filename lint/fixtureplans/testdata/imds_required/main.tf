# The secure variants: IMDSv2 required by the launch configuration, by the template an instance uses, and by an
# instance that overrides its template.
resource "aws_launch_configuration" "workers" {
  name_prefix   = "workers-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "required"
  }
}

resource "aws_launch_template" "web" {
  name          = "web"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "required"
  }
}

resource "aws_instance" "web" {
  launch_template {
    name    = aws_launch_template.web.name
    version = "$Latest"
  }
}

resource "aws_instance" "legacy" {
  launch_template {
    id      = "lt-0123456789abcdef0"
    version = "$Default"
  }

  metadata_options {
    http_tokens = "required"
  }
}
