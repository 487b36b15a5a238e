resource "aws_cloudfront_distribution" "cdn" {
  enabled = true
  default_cache_behavior {
    viewer_protocol_policy = "allow-all"
  }
}
