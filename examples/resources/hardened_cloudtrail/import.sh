# A trail is imported by its name. Storage this provider created for it (tagged
# hardened:managed-by = hardened_cloudtrail/<name>) is adopted; other storage is referenced
# (null status, a plan warning for a bucket) unless manage_s3_bucket = true hardens the bucket in place.
terraform import hardened_cloudtrail.org org-trail
