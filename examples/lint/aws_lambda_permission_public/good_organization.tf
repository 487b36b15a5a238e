resource "aws_lambda_permission" "org" {
  action           = "lambda:InvokeFunction"
  function_name    = aws_lambda_function.fn.function_name
  principal        = "*"
  principal_org_id = "o-a1b2c3d4e5"
}
