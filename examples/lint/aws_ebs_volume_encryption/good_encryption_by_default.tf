# Volumes that do not set encrypted are encrypted when the plan turns on EBS
# encryption by default.
resource "aws_ebs_encryption_by_default" "on" {
  enabled = true
}

resource "aws_ebs_volume" "v" {
  availability_zone = "us-east-1a"
  size              = 50
}

resource "aws_instance" "i" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = "required"
  }
  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 50
  }
}
