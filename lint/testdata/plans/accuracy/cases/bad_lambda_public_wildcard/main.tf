resource "aws_lambda_function" "fn" {
  function_name = "fixture"
  role          = "arn:aws:iam::123456789012:role/fixture"
  runtime       = "python3.12"
  handler       = "app.handler"
  s3_bucket     = "artifacts-123456789012"
  s3_key        = "fixture.zip"
}

resource "aws_lambda_permission" "any" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.fn.function_name
  principal     = "*"
  source_arn    = "arn:aws:s3:::*"
}
