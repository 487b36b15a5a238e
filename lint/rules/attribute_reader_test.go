package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestRead(t *testing.T) {
	const addr = "aws_cloudtrail.t"
	cases := []struct {
		name      string
		res       plantest.Res
		attr      string
		state     State
		sensitive bool
		shown     string
	}{
		{"a planned value is known", plantest.Res{After: `{"enable_logging":false}`}, "enable_logging", Known, false, "false"},
		{"a string is shown unquoted", plantest.Res{After: `{"name":"main"}`}, "name", Known, false, "main"},
		{"absent is unset", plantest.Res{After: `{}`}, "enable_logging", Unset, false, "null"},
		{"null is unset", plantest.Res{After: `{"kms_key_id":null}`}, "kms_key_id", Unset, false, "null"},
		{"known after apply but not configured is unset (a provider default)",
			plantest.Res{After: `{}`, Unknown: `{"kms_key_id":true}`}, "kms_key_id", Unset, false, "(known after apply)"},
		{"known after apply and configured is computed",
			plantest.Res{After: `{}`, Unknown: `{"kms_key_id":true}`, Set: []string{"kms_key_id"}}, "kms_key_id", Computed, false, "(known after apply)"},
		{"configured from a reference is computed",
			plantest.Res{After: `{}`, Unknown: `{"kms_key_id":true}`, Refs: map[string][]string{"kms_key_id": {"aws_kms_key.k.arn"}}},
			"kms_key_id", Computed, false, "(known after apply)"},
		{"a sensitive value is never shown",
			plantest.Res{After: `{"name":"secret-name"}`, Sensitive: `{"name":true}`}, "name", Known, true, engine.Redacted},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.res.Address = addr
			p := plantest.Plan(t, tc.res)
			a := read(p, p.Resources[0], tc.attr)
			if a.Path() != tc.attr || a.State != tc.state || a.Sensitive != tc.sensitive || a.Shown() != tc.shown {
				t.Errorf("read = {%s %s sensitive:%v shown:%q}, want {%s %s sensitive:%v shown:%q}",
					a.Path(), a.State, a.Sensitive, a.Shown(), tc.attr, tc.state, tc.sensitive, tc.shown)
			}
		})
	}
}

func TestReadTyped(t *testing.T) {
	p := plantest.Plan(t, plantest.Res{Address: "aws_iam_account_password_policy.p",
		After:     `{"minimum_password_length":14,"max_password_age":"90","require_symbols":"true","password_reuse_prevention":24}`,
		Sensitive: `{"password_reuse_prevention":true}`})
	r := p.Resources[0]
	if n, ok := read(p, r, "minimum_password_length").Int(); !ok || n != 14 {
		t.Errorf("Int = %d, %v", n, ok)
	}
	if a := read(p, r, "max_password_age"); a.ShownInt() != "90" {
		t.Errorf("a numeric string reads as an integer: ShownInt = %q", a.ShownInt())
	}
	if b, ok := read(p, r, "require_symbols").Bool(); !ok || !b {
		t.Errorf(`"true" reads as a boolean: %v, %v`, b, ok)
	}
	if _, ok := read(p, r, "minimum_password_length").Bool(); ok {
		t.Error("a number is not a boolean")
	}
	if s := read(p, r, "password_reuse_prevention").ShownInt(); s != engine.Redacted {
		t.Errorf("a sensitive integer is shown as %q", s)
	}
}

func TestReadIn(t *testing.T) {
	const addr = "aws_instance.i"
	set := plantest.Res{Address: addr, After: `{"metadata_options":[{}]}`, Unknown: `{"metadata_options":[{"http_tokens":true}]}`,
		NestedRefs: map[string][]string{"metadata_options.http_tokens": {"var.tokens"}}}
	unset := plantest.Res{Address: addr, After: `{"metadata_options":[{}]}`, Unknown: `{"metadata_options":[{"http_tokens":true}]}`,
		NestedRefs: map[string][]string{"metadata_options.http_endpoint": {"var.endpoint"}}}
	for _, tc := range []struct {
		name string
		res  plantest.Res
		want State
	}{
		{"set in the block from a computed value", set, Computed},
		{"left unset in the block (shown as known after apply)", unset, Unset},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := plantest.Plan(t, tc.res)
			r := p.Resources[0]
			a := readIn(p, r, "metadata_options", r.Attr("metadata_options").Index(0), "http_tokens")
			if a.Path() != "metadata_options.http_tokens" || a.State != tc.want {
				t.Errorf("readIn = %s %s, want %s", a.Path(), a.State, tc.want)
			}
		})
	}
}

func TestReadValueAsksConfigurationOnlyWhenUnknown(t *testing.T) {
	p := plantest.Plan(t, plantest.Res{Address: "aws_sqs_queue.q", After: `{"name":"q"}`})
	asked := false
	if a := readValue("", "name", p.Resources[0].Attr("name"), func() bool { asked = true; return true }); a.State != Known || asked {
		t.Errorf("a known value: state %s, configuration asked: %v", a.State, asked)
	}
}
