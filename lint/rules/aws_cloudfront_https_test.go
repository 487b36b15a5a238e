package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsCloudFrontHTTPS(t *testing.T) {
	const cf = "aws_cloudfront_distribution.cdn"
	dist := func(def, ordered string) []plantest.Res {
		return []plantest.Res{{Address: cf, After: `{"enabled":true,"default_cache_behavior":[{"viewer_protocol_policy":"` + def + `"}],"ordered_cache_behavior":[` + ordered + `]}`}}
	}
	runCases(t, AwsCloudFrontHTTPS{}, []ruleCase{
		{"redirect-to-https passes", dist("redirect-to-https", `{"path_pattern":"/api/*","viewer_protocol_policy":"https-only"}`), nil},
		{"a policy computed during apply is unknown", []plantest.Res{{Address: cf, After: `{"default_cache_behavior":[{}]}`,
			Unknown: `{"default_cache_behavior":[{"viewer_protocol_policy":true}]}`, Set: []string{"default_cache_behavior"}}},
			[]string{"unknown " + cf + " default_cache_behavior.viewer_protocol_policy: computed during apply"}},
		{"allow-all by default fails", dist("allow-all", ``),
			[]string{"fail " + cf + " default_cache_behavior.viewer_protocol_policy: default_cache_behavior allows plain HTTP to viewers (allow-all)"}},
		{"allow-all in an ordered behaviour fails", dist("https-only",
			`{"path_pattern":"/api/*","viewer_protocol_policy":"https-only"},{"path_pattern":"/img/*","viewer_protocol_policy":"allow-all"}`),
			[]string{"fail " + cf + " ordered_cache_behavior.viewer_protocol_policy: ordered_cache_behavior allows plain HTTP to viewers (allow-all)"}},
		{"both fail", dist("allow-all", `{"path_pattern":"/img/*","viewer_protocol_policy":"allow-all"}`),
			[]string{
				"fail " + cf + " default_cache_behavior.viewer_protocol_policy: allow-all",
				"fail " + cf + " ordered_cache_behavior.viewer_protocol_policy: allow-all",
			}},
	})
}
