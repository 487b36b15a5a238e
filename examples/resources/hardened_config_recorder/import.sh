# AWS Config recorders are imported by the ID of the provider's account.
terraform import hardened_config_recorder.this 123456789012
