package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

const pp = "aws_iam_account_password_policy.p"

func policy(after, unknown string, configured ...string) plantest.Res {
	return plantest.Res{Address: pp, After: after, Unknown: unknown, Set: configured}
}
