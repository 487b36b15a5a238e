package rules

import (
	"encoding/json"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsCloudwatchLogMetricFilterCisPattern(t *testing.T) {
	const addr = "aws_cloudwatch_log_metric_filter.root"
	root, _ := controls.MonitoringItemByKey("root_usage")
	trailRes := plantest.Res{Address: "aws_cloudtrail.t", After: `{"name":"t"}`,
		Refs: map[string][]string{"cloud_watch_logs_group_arn": {"aws_cloudwatch_log_group.trail.arn", "aws_cloudwatch_log_group.trail"}}}
	group := func(name string) plantest.Res {
		return plantest.Res{Address: "aws_cloudwatch_log_group." + name, After: `{"name":"` + name + `"}`}
	}
	filter := func(pattern, on string) plantest.Res {
		b, _ := json.Marshal(map[string]string{"pattern": pattern, "log_group_name": on})
		return plantest.Res{Address: addr, After: string(b),
			Refs: map[string][]string{"log_group_name": {"aws_cloudwatch_log_group." + on + ".name", "aws_cloudwatch_log_group." + on}}}
	}
	onTrail := func(pattern string) []plantest.Res {
		return []plantest.Res{trailRes, group("trail"), filter(pattern, "trail")}
	}
	want := func(how string) []string {
		return []string{"fail " + addr + " pattern: " + how + " " + root.Control.Title + " (" + root.Control.Cite() +
			"), which Security Hub only accepts verbatim: " + root.Pattern}
	}
	runCases(t, AwsCloudwatchLogMetricFilterCisPattern{}, []ruleCase{
		{"the published pattern passes", onTrail(root.Pattern), nil},
		{"every published pattern passes", func() []plantest.Res {
			var out []plantest.Res
			for _, it := range controls.MonitoringItems {
				f := filter(it.Pattern, "trail")
				f.Address = "aws_cloudwatch_log_metric_filter." + it.Key
				out = append(out, f)
			}
			return append(out, trailRes, group("trail"))
		}(), nil},
		{"the pattern reformatted fails", onTrail(`{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`),
			want("is a reformatted copy of")},
		{"a pattern missing event names fails", func() []plantest.Res {
			r := onTrail(`{($.eventName=CreateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StopLogging)}`)
			return r
		}(), []string{"fail " + addr + " pattern: misses events of " + controls.CISMonitorCloudTrailChanges.Title +
			" (" + controls.CISMonitorCloudTrailChanges.Cite() + "), which Security Hub only accepts verbatim: " +
			mustItem("cloudtrail_changes").Pattern}},
		{"a custom filter on the trail's group passes", onTrail(`{ $.eventName = "GetSecretValue" }`), nil},
		{"a look-alike on another log group passes", []plantest.Res{trailRes, group("trail"), group("app"),
			filter(`{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`, "app")}, nil},
		{"a pattern computed during apply is unknown", []plantest.Res{trailRes, group("trail"), {Address: addr,
			After: `{"log_group_name":"trail"}`, Unknown: `{"pattern":true}`, Set: []string{"pattern"},
			Refs: map[string][]string{"log_group_name": {"aws_cloudwatch_log_group.trail.name", "aws_cloudwatch_log_group.trail"}}}},
			[]string{"unknown " + addr + " pattern: computed during apply"}},
	})
}

func mustItem(key string) controls.MonitoringItem {
	it, _ := controls.MonitoringItemByKey(key)
	return it
}
