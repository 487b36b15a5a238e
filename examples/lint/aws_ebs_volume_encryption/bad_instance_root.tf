# root_block_device left out: the provider computes it during apply, unencrypted
# unless the account encrypts by default.
resource "aws_instance" "i" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = "required"
  }
}
