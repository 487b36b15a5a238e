resource "aws_sqs_queue" "q" {
  name                    = "fixture-sse-off"
  sqs_managed_sse_enabled = false
}
