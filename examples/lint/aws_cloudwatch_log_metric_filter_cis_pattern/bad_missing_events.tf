# A CloudTrail-changes filter that leaves out UpdateTrail and StartLogging.
resource "aws_cloudwatch_log_metric_filter" "trail_changes" {
  name           = "CloudTrailChanges"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{($.eventName=CreateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StopLogging)}"

  metric_transformation {
    name      = "CloudTrailChanges"
    namespace = "CISBenchmark"
    value     = "1"
  }
}
