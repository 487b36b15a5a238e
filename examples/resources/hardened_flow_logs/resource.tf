# Flow logs for two VPCs, recording ALL traffic into the log group
# /aws/vpc-flow-logs/main, which this resource creates encrypted with a key of its
# own (rotation on) and keeps 365 days, written through a role scoped to it.
resource "hardened_flow_logs" "main" {
  name    = "main"
  vpc_ids = [aws_vpc.app.id, aws_vpc.data.id]
}

# Or into a hardened S3 bucket (hardened-flow-logs-ACCOUNT-archive), kept when
# the resource is destroyed.
resource "hardened_flow_logs" "archive" {
  name        = "archive"
  vpc_ids     = [aws_vpc.app.id]
  destination = "s3"
}

# Or into a log group you manage: it must be KMS-encrypted with a retention of at
# least 90 days (checked at plan); it is only referenced.
resource "hardened_flow_logs" "central" {
  name                       = "central"
  vpc_ids                    = ["vpc-0123456789abcdef0"]
  cloud_watch_logs_group_arn = aws_cloudwatch_log_group.flow.arn
}

# What each VPC reports (a flow log deleted by hand shows here in the plan).
output "flow_logs" {
  value = hardened_flow_logs.main.vpc_status
}
