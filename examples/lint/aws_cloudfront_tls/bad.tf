resource "aws_cloudfront_distribution" "cdn" {
  enabled = true
  viewer_certificate {
    cloudfront_default_certificate = true
  }
}
