resource "aws_lambda_permission" "any_account" {
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.fn.function_name
  principal      = "*"
  source_account = "*"
}
