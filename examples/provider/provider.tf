# An empty block uses the standard AWS environment: the credentials chain,
# AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>.
provider "hardened" {}

# Settings are named like the hashicorp/aws provider's, so they can be copied.
provider "hardened" {
  alias               = "security"
  region              = "eu-west-1"
  profile             = "security-admin"
  allowed_account_ids = ["123456789012"]

  assume_role {
    role_arn     = "arn:aws:iam::123456789012:role/terraform"
    session_name = "baseline"
    external_id  = "my-external-id"
    duration     = "1h"
  }
}

# Against an emulator (moto, LocalStack): S3 switches to path-style addressing
# automatically for loopback endpoints.
provider "hardened" {
  alias                       = "emulator"
  region                      = "us-east-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = false

  endpoints {
    iam = "http://127.0.0.1:5000"
    sts = "http://127.0.0.1:5000"
  }
}
