package provider

// hardened_cis_monitoring's settings resolved from its model: the log group, the
// names it derives, and the items it enables.

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// cisSettings is what the model asks for, resolved.
type cisSettings struct {
	LogGroup  logGroupRef
	Namespace string
	Prefix    string
	UserTopic string
	Enabled   []controls.MonitoringItem
	Tags      map[string]string
	ManagedBy string
	TopicName string
	KeyAlias  string
}

type logGroupRef struct{ Partition, Region, Account, Name string }

func parseLogGroupARN(arn string) (logGroupRef, bool) {
	m := logGroupARNRegexp.FindStringSubmatch(arn)
	if m == nil {
		return logGroupRef{}, false
	}
	return logGroupRef{Partition: m[1], Region: m[2], Account: m[3], Name: m[4]}, true
}

// cisNameSuffix turns a log group name into characters SNS topic names and KMS aliases accept.
func cisNameSuffix(name string) string {
	var b strings.Builder
	for _, c := range name {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_':
			b.WriteRune(c)
		default:
			b.WriteRune('-')
		}
	}
	s := strings.Trim(b.String(), "-")
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}

func (r *CISMonitoringResource) settings(ctx context.Context, m cisMonitoringModel, diags *diag.Diagnostics) (cisSettings, bool) {
	lg, ok := parseLogGroupARN(m.LogGroupARN.ValueString())
	if !ok {
		diags.AddAttributeError(path.Root("log_group_arn"), "Invalid log group ARN", m.LogGroupARN.ValueString())
		return cisSettings{}, false
	}
	disabled := map[string]string{}
	if !m.DisabledItems.IsNull() && !m.DisabledItems.IsUnknown() {
		diags.Append(m.DisabledItems.ElementsAs(ctx, &disabled, false)...)
	}
	tags, d := tagMap(ctx, m.Tags)
	diags.Append(d...)
	s := cisSettings{
		LogGroup: lg, Namespace: m.MetricNamespace.ValueString(), Prefix: m.AlarmNamePrefix.ValueString(),
		UserTopic: m.AlarmTopicARN.ValueString(), ManagedBy: managedBy("hardened_cis_monitoring", lg.Name),
	}
	if s.Namespace == "" {
		s.Namespace = cisDefaultNamespace
	}
	if m.AlarmNamePrefix.IsNull() {
		s.Prefix = cisDefaultAlarmPrefix
	}
	s.Tags = withManagedBy(tags, s.ManagedBy)
	s.TopicName = "hardened-cis-monitoring-" + cisNameSuffix(lg.Name)
	s.KeyAlias = "alias/hardened-cis-monitoring/" + cisNameSuffix(lg.Name)
	for _, it := range controls.MonitoringItems {
		if _, off := disabled[it.Key]; !off {
			s.Enabled = append(s.Enabled, it)
		}
	}
	return s, !diags.HasError()
}

func (s cisSettings) topicARN() string {
	if s.UserTopic != "" {
		return s.UserTopic
	}
	return fmt.Sprintf("arn:%s:sns:%s:%s:%s", s.LogGroup.Partition, s.LogGroup.Region, s.LogGroup.Account, s.TopicName)
}

func (s cisSettings) name(it controls.MonitoringItem) string { return s.Prefix + it.MetricName }

// expected is what filter_patterns and alarm_names hold when nothing drifted.
func (s cisSettings) expected() (patterns, alarms map[string]string) {
	patterns, alarms = map[string]string{}, map[string]string{}
	for _, it := range s.Enabled {
		patterns[it.Key] = it.Pattern
		alarms[it.Key] = s.name(it)
	}
	return patterns, alarms
}

func stringMapValue(m map[string]string) types.Map {
	elems := make(map[string]attr.Value, len(m))
	for k, v := range m {
		elems[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, elems)
}

// sortedItemKeys lists the catalog's item keys for error messages.
func sortedItemKeys() []string {
	keys := make([]string, 0, len(controls.MonitoringItems))
	for _, it := range controls.MonitoringItems {
		keys = append(keys, it.Key)
	}
	sort.Strings(keys)
	return keys
}
