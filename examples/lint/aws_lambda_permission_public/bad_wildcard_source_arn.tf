# A source ARN with a wildcard where the account belongs names no one caller.
resource "aws_lambda_permission" "any_bucket" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.fn.function_name
  principal     = "*"
  source_arn    = "arn:aws:s3:::*"
}
