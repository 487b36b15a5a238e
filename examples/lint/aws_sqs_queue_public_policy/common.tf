# Declarations the cases refer to: planned with each case, not part of the example.
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}
