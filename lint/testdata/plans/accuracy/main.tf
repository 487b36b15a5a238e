# Issue 15 fixtures: each weakness class planted once (module "bad_*") beside its
# secure variant (module "good_*"), planned with real Terraform and hashicorp/aws
# 5.100.0 by regenerate.sh. lint/rules/accuracy_test.go holds the findings.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "AKIAEXAMPLEFIXTURE00"
  secret_key                  = "fixture-secret-not-used"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}

module "bad_password_symbols" { source = "./cases/bad_password_symbols" }
module "bad_pab_one_setting" { source = "./cases/bad_pab_one_setting" }
module "bad_sg_all_protocols" { source = "./cases/bad_sg_all_protocols" }
module "bad_sg_ssh_and_db" { source = "./cases/bad_sg_ssh_and_db" }
module "bad_s3_policy_tls_only" { source = "./cases/bad_s3_policy_tls_only" }
module "good_s3_policy_vpce" { source = "./cases/good_s3_policy_vpce" }
module "bad_lambda_deputy" { source = "./cases/bad_lambda_deputy" }
module "good_lambda_source" { source = "./cases/good_lambda_source" }
module "bad_lambda_public_wildcard" { source = "./cases/bad_lambda_public_wildcard" }
module "bad_sqs_policy_referer" { source = "./cases/bad_sqs_policy_referer" }
module "good_sqs_policy_source_arn" { source = "./cases/good_sqs_policy_source_arn" }
module "bad_kms_policy_any_ip" { source = "./cases/bad_kms_policy_any_ip" }
module "good_sqs_default_sse" { source = "./cases/good_sqs_default_sse" }
module "bad_sqs_sse_off" { source = "./cases/bad_sqs_sse_off" }
module "good_attachment_empty_users" { source = "./cases/good_attachment_empty_users" }
module "bad_two_trails" { source = "./cases/bad_two_trails" }
module "bad_password_reuse_10" { source = "./cases/bad_password_reuse_10" }
