# An account baseline built from every hardened resource. `make demo` applies it
# against the AWS emulator; point the provider at a real account to use it there.
terraform {
  required_version = ">= 1.5"
  required_providers {
    hardened = {
      source = "hardened-tf/hardened"
    }
  }
}

provider "hardened" {}

variable "vpc_id" {
  type        = string
  description = "VPC to lock down, e.g. the region's default VPC (aws ec2 describe-vpcs --filters Name=is-default,Values=true)."
}

# CIS AWS Foundations 1.8/1.9, Security Hub IAM.7, IAM.11-IAM.17.
resource "hardened_password_policy" "this" {}

# CIS AWS Foundations 5.4, Security Hub EC2.2: the VPC's default security group allows nothing.
resource "hardened_default_security_group" "this" {
  vpc_id = var.vpc_id
}

# CIS AWS Foundations 5.2/5.3, Security Hub EC2.18/EC2.53/EC2.54: HTTPS is the only
# port open to the internet, and outbound traffic is limited to HTTPS.
resource "hardened_security_group" "web" {
  name                 = "baseline-web"
  description          = "Public web tier"
  vpc_id               = var.vpc_id
  public_ingress_ports = [443]

  ingress {
    description      = "HTTPS from the internet"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  egress {
    description = "HTTPS out"
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# CIS AWS Foundations 3.1-3.7, Security Hub CloudTrail.1-7: a multi-region, validated,
# KMS-encrypted trail delivering to a private, versioned, access-logged bucket and to
# CloudWatch Logs. Destroy keeps the logs.
resource "hardened_cloudtrail" "this" {
  name = "baseline-trail"
}

# CIS AWS Foundations 2.2.1, Security Hub EC2.7: EBS encryption by default in every
# region enabled for the account, no provider alias per region.
resource "hardened_ebs_encryption_by_default" "this" {}

# CIS AWS Foundations 2.1.4, Security Hub S3.1: no bucket of the account can be made public.
resource "hardened_s3_account_public_access_block" "this" {}

# CIS AWS Foundations 3.3 (v3.0) / 3.5 (v1.4), Security Hub Config.1: AWS Config in every
# enabled region, global resource types recorded once, delivery to a hardened bucket.
resource "hardened_config_recorder" "this" {}

# Security Hub GuardDuty.1, GuardDuty.5-13: GuardDuty in every enabled region, findings
# every 15 minutes, every protection plan on. Destroy leaves the detectors enabled.
resource "hardened_guardduty" "this" {}
# CIS AWS Foundations 3.7 (v3.0) / 3.9 (v1.4), Security Hub EC2.6: the VPC's flow logs
# record ALL traffic into a KMS-encrypted log group kept 365 days. Destroy keeps the logs.
resource "hardened_flow_logs" "this" {
  name    = "baseline"
  vpc_ids = [var.vpc_id]
}

# The practices no plan can show (root user, MFA, key age, unused credentials), read
# at every plan: the check warns, and hardened-lint reports failed checks as findings.
data "hardened_account_posture" "this" {}

check "account_posture" {
  assert {
    condition = data.hardened_account_posture.this.compliant
    error_message = join("\n", [
      for c in data.hardened_account_posture.this.checks : "${c.id} ${c.status}: ${c.detail}" if c.status != "pass"
    ])
  }
}

# Data protection (CIS AWS Foundations 2.1.1/2.1.4/3.6, Security Hub KMS.3/KMS.4/KMS.5,
# S3.2/S3.5/S3.8/S3.9/S3.13/S3.14/S3.17): a rotated key whose policy cannot lock the
# account out, and a private data bucket encrypted with it, logging to its own
# hardened access-log bucket.
variable "data_bucket" {
  type        = string
  default     = "baseline-data"
  description = "Name of the data bucket. S3 bucket names are global: choose a unique one in a real account."
}

resource "hardened_kms_key" "data" {
  alias       = "alias/baseline-data"
  description = "Baseline data"
  # The baseline is a demonstration that is destroyed again; keep the default
  # (false) for keys that protect real data.
  allow_destroy = true
}

resource "hardened_s3_bucket" "data" {
  bucket            = var.data_bucket
  kms_key_arn       = hardened_kms_key.data.arn
  access_log_bucket = true
}

output "data" {
  value = {
    kms_key         = hardened_kms_key.data.arn
    bucket          = hardened_s3_bucket.data.arn
    access_log_into = hardened_s3_bucket.data.access_log_bucket_name
  }
}

# CIS AWS Foundations v1.2.0 3.1-3.14 / v1.4.0 4.1-4.15, Security Hub CloudWatch.1-14:
# a metric filter with the published pattern and an alarm for each CIS monitoring
# item on the trail's log group, notifying an encrypted topic.
resource "hardened_cis_monitoring" "this" {
  log_group_arn = hardened_cloudtrail.this.cloud_watch_logs_group_arn
}

output "password_policy" {
  value = {
    account          = hardened_password_policy.this.id
    minimum_length   = hardened_password_policy.this.minimum_length
    reuse_prevention = hardened_password_policy.this.reuse_prevention
    max_age_days     = hardened_password_policy.this.max_age_days
  }
}

output "network" {
  value = {
    default_security_group = hardened_default_security_group.this.id
    web_security_group     = hardened_security_group.web.id
  }
}

output "cloudtrail" {
  value = {
    trail      = hardened_cloudtrail.this.arn
    log_bucket = hardened_cloudtrail.this.s3_bucket_name
    kms_key    = hardened_cloudtrail.this.kms_key_arn
    log_group  = hardened_cloudtrail.this.cloud_watch_logs_group_arn
  }
}

output "account" {
  value = {
    ebs_encryption_by_default_regions = length(hardened_ebs_encryption_by_default.this.regions)
    s3_public_access_block            = hardened_s3_account_public_access_block.this.id
  }
}

output "cis_monitoring" {
  value = {
    alarm_topic = hardened_cis_monitoring.this.sns_topic_arn
    alarms      = length(hardened_cis_monitoring.this.alarm_names)
  }
}
