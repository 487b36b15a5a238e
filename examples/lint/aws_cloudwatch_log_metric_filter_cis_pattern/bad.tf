# The root-usage filter on the trail's log group, reformatted: it catches the same
# events, but Security Hub CloudWatch.1 fails it because it is not the published text.
resource "aws_cloudwatch_log_metric_filter" "root" {
  name           = "RootAccountUsage"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }"

  metric_transformation {
    name      = "RootAccountUsage"
    namespace = "CISBenchmark"
    value     = "1"
  }
}
