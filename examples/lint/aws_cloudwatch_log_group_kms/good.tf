resource "aws_kms_key" "logs" {
  description         = "log groups"
  enable_key_rotation = true
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/web"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.logs.arn
}
