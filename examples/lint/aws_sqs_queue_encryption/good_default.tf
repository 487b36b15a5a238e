# SQS encrypts new queues with SSE-SQS unless sqs_managed_sse_enabled = false.
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}
