# A trail is imported by its name. Storage this provider created for it (tagged
# hardened:managed-by = hardened_cloudtrail/<name>) is adopted; other storage is referenced.
terraform import hardened_cloudtrail.org org-trail
