# GuardDuty detectors are imported by the ID of the provider's account.
terraform import hardened_guardduty.this 123456789012
