# A bucket is imported by its name. The import reports every property it lacks
# (public_access_blocked, versioning_enabled, policy_compliant, ... false), the plan
# shows each going to true, and the next apply hardens the same bucket, keeping its objects.
terraform import hardened_s3_bucket.data example-app-data
