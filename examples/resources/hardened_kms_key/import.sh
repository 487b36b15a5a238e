# A key is imported by its key ID, its ARN or an alias. The import reports what is not
# hardened yet (rotation_enabled, policy_compliant, key_enabled false) and the next
# apply hardens the same key in place.
terraform import hardened_kms_key.data 1234abcd-12ab-34cd-56ef-1234567890ab
