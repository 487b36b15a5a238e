package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// An entry of disabled_features or disabled_items without a reason fails with a
// message that reads as a sentence: the control's title is quoted as the
// control weakened, not spliced into the sentence ("turns off GuardDuty Lambda
// Protection is enabled"), and the example reason fits the entry.
func TestDisabledWithoutReasonMessages(t *testing.T) {
	validate := func(v validator.Map, key string) string {
		t.Helper()
		m := types.MapValueMust(types.StringType, map[string]attr.Value{key: types.StringValue(" ")})
		var resp validator.MapResponse
		v.ValidateMap(context.Background(), validator.MapRequest{Path: path.Root("x"), ConfigValue: m}, &resp)
		if resp.Diagnostics.ErrorsCount() != 1 {
			t.Fatalf("%s: %d errors, want 1: %v", key, resp.Diagnostics.ErrorsCount(), resp.Diagnostics)
		}
		return resp.Diagnostics.Errors()[0].Detail()
	}
	cases := []struct {
		v         validator.Map
		key       string
		want, not []string
	}{
		{disabledFeaturesValidator{}, "LAMBDA_NETWORK_LOGS",
			[]string{`weakens the control "GuardDuty Lambda Protection is enabled" (Security Hub GuardDuty.6)`, "[HRD-SVC-005]"},
			[]string{"turns off GuardDuty"}},
		{disabledItemsValidator{}, "root_usage",
			[]string{`weakens the control "A log metric filter and alarm exist for usage of the root user"`, "CloudWatch.1", "[HRD-MON-003]"},
			[]string{"alarm of A log", "Organizations"}},
		{disabledItemsValidator{}, "organizations_changes",
			[]string{`organizations_changes = "not an AWS Organizations member"`}, nil},
	}
	for _, c := range cases {
		got := validate(c.v, c.key)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", c.key, got, w)
			}
		}
		for _, n := range c.not {
			if strings.Contains(got, n) {
				t.Errorf("%s: %q contains %q", c.key, got, n)
			}
		}
	}
}
