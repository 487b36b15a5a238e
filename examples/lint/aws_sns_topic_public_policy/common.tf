# Declarations the cases refer to: planned with each case, not part of the example.
resource "aws_sns_topic" "events" {
  name              = "events"
  kms_master_key_id = "alias/aws/sns"
}
