resource "aws_lambda_permission" "events" {
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.fn.function_name
  principal      = "events.amazonaws.com"
  source_account = "123456789012"
}
