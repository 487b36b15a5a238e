resource "aws_ami_launch_permission" "p" {
  image_id   = "ami-0a1b2c3d4e5f67890"
  account_id = "210987654321"
}
