# metadata_options left out: the provider computes the block during apply, and the
# AMI's default may allow IMDSv1.
resource "aws_instance" "i" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}
