package provider

// The AWS calls of hardened_cis_monitoring: metric filters on the log group, their
// alarms, and the encrypted topic the alarms notify.

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	snstypes "github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

const errSNSNotFound = "NotFound"

// CIS alarm settings: any occurrence in five minutes alarms.
const (
	cisAlarmPeriod    = 300
	cisAlarmThreshold = 1
)

func (r *CISMonitoringResource) logGroupExists(ctx context.Context, s cisSettings, diags *diag.Diagnostics) (bool, bool) {
	g, err := describeLogGroup(ctx, r.client.CloudWatchLogs(), s.LogGroup.Name)
	if err != nil {
		addAPIError(diags, "logs:DescribeLogGroups", "log group "+s.LogGroup.Name, err, "")
		return false, false
	}
	return g != nil, true
}

// filterWrite is what converging one item's filter takes, given the filters of
// that name on the log group (AWS keeps one per name; moto 5.2 appends a second on
// PutMetricFilter instead of replacing, so there may be several there).
type filterWrite int

const (
	filterKeep filterWrite = iota
	filterPut
	filterReplace // delete the wrong ones first, so no duplicate is left on the emulator
)

func filterAction(found []logstypes.MetricFilter, it controls.MonitoringItem, namespace string) filterWrite {
	if len(found) == 0 {
		return filterPut
	}
	if len(found) == 1 && filterMatches(found[0], it, namespace) {
		return filterKeep
	}
	return filterReplace
}

func filterMatches(f logstypes.MetricFilter, it controls.MonitoringItem, namespace string) bool {
	if aws.ToString(f.FilterPattern) != it.Pattern || len(f.MetricTransformations) != 1 {
		return false
	}
	mt := f.MetricTransformations[0]
	return aws.ToString(mt.MetricName) == it.MetricName && aws.ToString(mt.MetricNamespace) == namespace &&
		aws.ToString(mt.MetricValue) == "1"
}

// listFilters returns the log group's filters under the prefix, by name.
func (r *CISMonitoringResource) listFilters(ctx context.Context, group, prefix string, diags *diag.Diagnostics) (map[string][]logstypes.MetricFilter, bool) {
	in := &cloudwatchlogs.DescribeMetricFiltersInput{LogGroupName: aws.String(group)}
	if prefix != "" {
		in.FilterNamePrefix = aws.String(prefix)
	}
	byName := map[string][]logstypes.MetricFilter{}
	pages := cloudwatchlogs.NewDescribeMetricFiltersPaginator(r.client.CloudWatchLogs(), in)
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			addAPIError(diags, "logs:DescribeMetricFilters", "log group "+group, err, "")
			return nil, false
		}
		for _, f := range page.MetricFilters {
			byName[aws.ToString(f.FilterName)] = append(byName[aws.ToString(f.FilterName)], f)
		}
	}
	return byName, true
}

// deleteFilter deletes every filter of that name (one on AWS; the emulator may hold more).
func (r *CISMonitoringResource) deleteFilter(ctx context.Context, group, name string, copies int, diags *diag.Diagnostics) bool {
	for i := 0; i < max(copies, 1); i++ {
		if _, err := r.client.CloudWatchLogs().DeleteMetricFilter(ctx, &cloudwatchlogs.DeleteMetricFilterInput{
			LogGroupName: aws.String(group), FilterName: aws.String(name)}); err != nil {
			if hasErrorCode(err, errLogsNotFound) {
				return true
			}
			addAPIError(diags, "logs:DeleteMetricFilter", "filter "+name+" on log group "+group, err, "")
			return false
		}
	}
	return true
}

// converge writes what differs: each enabled item's filter and alarm.
func (r *CISMonitoringResource) converge(ctx context.Context, s cisSettings, diags *diag.Diagnostics) bool {
	filters, ok := r.listFilters(ctx, s.LogGroup.Name, s.Prefix, diags)
	if !ok {
		return false
	}
	alarms, ok := r.readAlarms(ctx, s, diags)
	if !ok {
		return false
	}
	for _, it := range s.Enabled {
		name := s.name(it)
		switch filterAction(filters[name], it, s.Namespace) {
		case filterReplace:
			if !r.deleteFilter(ctx, s.LogGroup.Name, name, len(filters[name]), diags) || !r.putFilter(ctx, s, it, diags) {
				return false
			}
		case filterPut:
			if !r.putFilter(ctx, s, it, diags) {
				return false
			}
		}
		if _, ok := alarms[it.Key]; !ok && !r.putAlarm(ctx, s, it, diags) {
			return false
		}
	}
	return true
}

func (r *CISMonitoringResource) putFilter(ctx context.Context, s cisSettings, it controls.MonitoringItem, diags *diag.Diagnostics) bool {
	name := s.name(it)
	_, err := r.client.CloudWatchLogs().PutMetricFilter(ctx, &cloudwatchlogs.PutMetricFilterInput{
		LogGroupName:  aws.String(s.LogGroup.Name),
		FilterName:    aws.String(name),
		FilterPattern: aws.String(it.Pattern),
		MetricTransformations: []logstypes.MetricTransformation{{
			MetricName: aws.String(it.MetricName), MetricNamespace: aws.String(s.Namespace), MetricValue: aws.String("1"),
		}},
	})
	if err != nil {
		hint := ""
		if hasErrorCode(err, errLogsNotFound) {
			hint = "Check that log_group_arn names an existing log group (create the trail's log group first)."
		}
		addAPIError(diags, "logs:PutMetricFilter", fmt.Sprintf("filter %s on log group %s", name, s.LogGroup.Name), err, hint)
		return false
	}
	return true
}

func (r *CISMonitoringResource) putAlarm(ctx context.Context, s cisSettings, it controls.MonitoringItem, diags *diag.Diagnostics) bool {
	name := s.name(it)
	_, err := r.client.CloudWatch().PutMetricAlarm(ctx, &cloudwatch.PutMetricAlarmInput{
		AlarmName: aws.String(name),
		AlarmDescription: aws.String(fmt.Sprintf("%s (%s) [%s]. Managed by hardened_cis_monitoring.",
			it.Control.Title, it.Control.Cite(), it.Control.ID)),
		MetricName:         aws.String(it.MetricName),
		Namespace:          aws.String(s.Namespace),
		Statistic:          cwtypes.StatisticSum,
		Period:             aws.Int32(cisAlarmPeriod),
		EvaluationPeriods:  aws.Int32(1),
		Threshold:          aws.Float64(cisAlarmThreshold),
		ComparisonOperator: cwtypes.ComparisonOperatorGreaterThanOrEqualToThreshold,
		TreatMissingData:   aws.String("notBreaching"),
		ActionsEnabled:     aws.Bool(true),
		AlarmActions:       []string{s.topicARN()},
		Tags:               cloudwatchTags(s.Tags),
	})
	if err != nil {
		addAPIError(diags, "cloudwatch:PutMetricAlarm", "alarm "+name, err, "")
		return false
	}
	return true
}

func cloudwatchTags(tags map[string]string) []cwtypes.Tag {
	var out []cwtypes.Tag
	for _, k := range sortedKeys(tags) {
		out = append(out, cwtypes.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	return out
}

func snsTags(tags map[string]string) []snstypes.Tag {
	var out []snstypes.Tag
	for _, k := range sortedKeys(tags) {
		out = append(out, snstypes.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	return out
}

// removeStale deletes the filters and alarms old had that want does not.
func (r *CISMonitoringResource) removeStale(ctx context.Context, old, want cisSettings, diags *diag.Diagnostics) {
	keep := map[string]bool{}
	for _, it := range want.Enabled {
		keep[want.LogGroup.Name+"\x00"+want.name(it)] = true
	}
	filters, ok := r.listFilters(ctx, old.LogGroup.Name, old.Prefix, diags)
	if !ok {
		return
	}
	var alarms []string
	for _, it := range old.Enabled {
		name := old.name(it)
		if keep[old.LogGroup.Name+"\x00"+name] {
			continue
		}
		if n := len(filters[name]); n > 0 && !r.deleteFilter(ctx, old.LogGroup.Name, name, n, diags) {
			return
		}
		alarms = append(alarms, name)
	}
	if len(alarms) == 0 {
		return
	}
	if _, err := r.client.CloudWatch().DeleteAlarms(ctx, &cloudwatch.DeleteAlarmsInput{AlarmNames: alarms}); err != nil &&
		!hasErrorCode(err, "ResourceNotFound") {
		addAPIError(diags, "cloudwatch:DeleteAlarms", fmt.Sprintf("%d alarms", len(alarms)), err, "")
	}
}

// readFilters returns the pattern of each enabled item's filter, by item key, when
// it emits the item's metric (the last one when the emulator holds several).
func (r *CISMonitoringResource) readFilters(ctx context.Context, s cisSettings, diags *diag.Diagnostics) (map[string]string, bool) {
	byName, ok := r.listFilters(ctx, s.LogGroup.Name, s.Prefix, diags)
	if !ok {
		return nil, false
	}
	out := map[string]string{}
	for _, it := range s.Enabled {
		found := byName[s.name(it)]
		if len(found) == 0 {
			continue
		}
		f := found[len(found)-1]
		if len(found) == 1 && !filterMatches(f, it, s.Namespace) && aws.ToString(f.FilterPattern) == it.Pattern {
			continue // the right pattern emitting another metric: missing
		}
		if len(found) > 1 {
			out[it.Key] = "(" + fmt.Sprint(len(found)) + " filters of this name)"
			continue
		}
		out[it.Key] = aws.ToString(f.FilterPattern)
	}
	return out, true
}

// readAlarms returns each enabled item's alarm name, by item key, when the alarm
// watches the item's metric and notifies the topic with actions enabled.
func (r *CISMonitoringResource) readAlarms(ctx context.Context, s cisSettings, diags *diag.Diagnostics) (map[string]string, bool) {
	out := map[string]string{}
	if len(s.Enabled) == 0 {
		return out, true
	}
	names := make([]string, 0, len(s.Enabled))
	for _, it := range s.Enabled {
		names = append(names, s.name(it))
	}
	res, err := r.client.CloudWatch().DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: names,
		AlarmTypes: []cwtypes.AlarmType{cwtypes.AlarmTypeMetricAlarm}})
	if err != nil {
		addAPIError(diags, "cloudwatch:DescribeAlarms", "the CIS alarms", err, "")
		return nil, false
	}
	byName := map[string]cwtypes.MetricAlarm{}
	for _, a := range res.MetricAlarms {
		byName[aws.ToString(a.AlarmName)] = a
	}
	for _, it := range s.Enabled {
		a, ok := byName[s.name(it)]
		if !ok || aws.ToString(a.MetricName) != it.MetricName || aws.ToString(a.Namespace) != s.Namespace ||
			!aws.ToBool(a.ActionsEnabled) || !containsStr(a.AlarmActions, s.topicARN()) {
			continue
		}
		out[it.Key] = s.name(it)
	}
	return out, true
}

// topicPolicy lets only this account's CloudWatch alarms publish to the topic.
func (s cisSettings) topicPolicy() string {
	lg := s.LogGroup
	return mustJSON(policyDoc{Version: "2012-10-17", Statement: []policyStmt{{
		Sid:       "CloudWatchAlarmsPublish",
		Effect:    "Allow",
		Principal: map[string]any{"Service": "cloudwatch.amazonaws.com"},
		Action:    "sns:Publish",
		Resource:  s.topicARN(),
		Condition: map[string]any{
			"StringEquals": map[string]any{"aws:SourceAccount": lg.Account},
			"ArnLike":      map[string]any{"aws:SourceArn": fmt.Sprintf("arn:%s:cloudwatch:%s:%s:alarm:*", lg.Partition, lg.Region, lg.Account)},
		},
	}}})
}

// topicKeyPolicy lets the account administer the key and CloudWatch encrypt
// notifications to the topic with it.
func (s cisSettings) topicKeyPolicy() string {
	lg := s.LogGroup
	return mustJSON(policyDoc{Version: "2012-10-17", Statement: []policyStmt{
		keyAccountAdministers(lg.Partition, lg.Account),
		{
			Sid:       "CloudWatchAlarmsEncrypt",
			Effect:    "Allow",
			Principal: map[string]any{"Service": "cloudwatch.amazonaws.com"},
			Action:    []string{"kms:Decrypt", "kms:GenerateDataKey*"},
			Resource:  "*",
			Condition: map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": lg.Account}},
		},
	}})
}

// ensureTopic creates or repairs the key and the topic; it returns the key's ARN.
func (r *CISMonitoringResource) ensureTopic(ctx context.Context, s cisSettings, diags *diag.Diagnostics) (string, bool) {
	k := r.client.KMS()
	keyARN := taggedKeyByAlias(ctx, k, s.KeyAlias, s.ManagedBy)
	if keyARN == "" {
		var err error
		keyARN, err = createTaggedKey(ctx, r.clock, k, &kms.CreateKeyInput{
			Description: aws.String("Encrypts the CIS monitoring alarm topic " + s.TopicName),
			Policy:      aws.String(s.topicKeyPolicy()),
			Tags:        kmsTags(s.Tags),
		}, s.ManagedBy)
		if err != nil {
			addAPIError(diags, "kms:CreateKey", "the CIS alarm topic's key", err, "")
			return "", false
		}
		if _, err := k.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String(s.KeyAlias), TargetKeyId: aws.String(keyARN)}); err != nil {
			addAPIError(diags, "kms:CreateAlias", s.KeyAlias, err, "An alias of that name points to a key this "+
				"resource did not create (it lacks the tag "+managedByTag+" = "+s.ManagedBy+"): delete the alias or give alarm_topic_arn.")
			return "", false
		}
	} else {
		if !reviveKey(ctx, k, keyARN, diags) {
			return "", false
		}
		if _, err := k.PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: aws.String(keyARN), PolicyName: aws.String("default"),
			Policy: aws.String(s.topicKeyPolicy())}); err != nil {
			addAPIError(diags, "kms:PutKeyPolicy", "key "+keyARN, err, "")
			return "", false
		}
	}
	if _, err := k.EnableKeyRotation(ctx, &kms.EnableKeyRotationInput{KeyId: aws.String(keyARN)}); err != nil {
		addAPIError(diags, "kms:EnableKeyRotation", "key "+keyARN, err, "")
		return "", false
	}

	n := r.client.SNS()
	topic := s.topicARN()
	tags, err := n.ListTagsForResource(ctx, &sns.ListTagsForResourceInput{ResourceArn: aws.String(topic)})
	switch {
	case err == nil:
		managed := false
		for _, t := range tags.Tags {
			managed = managed || (aws.ToString(t.Key) == managedByTag && aws.ToString(t.Value) == s.ManagedBy)
		}
		if !managed {
			diags.AddError("SNS topic name in use",
				fmt.Sprintf("Topic %s already exists but was not created by this resource (it lacks the tag %s = %s). "+
					"Give it as alarm_topic_arn to use it, or delete it.", topic, managedByTag, s.ManagedBy))
			return "", false
		}
	case hasErrorCode(err, errSNSNotFound, "ResourceNotFound"):
		if _, err := n.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(s.TopicName), Tags: snsTags(s.Tags)}); err != nil {
			addAPIError(diags, "sns:CreateTopic", s.TopicName, err, "")
			return "", false
		}
	default:
		addAPIError(diags, "sns:ListTagsForResource", topic, err, "")
		return "", false
	}
	for _, a := range [][2]string{{"KmsMasterKeyId", keyARN}, {"Policy", s.topicPolicy()}} {
		if _, err := n.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: aws.String(topic),
			AttributeName: aws.String(a[0]), AttributeValue: aws.String(a[1])}); err != nil {
			addAPIError(diags, "sns:SetTopicAttributes", topic+" "+a[0], err, "")
			return "", false
		}
	}
	if _, err := n.TagResource(ctx, &sns.TagResourceInput{ResourceArn: aws.String(topic), Tags: snsTags(s.Tags)}); err != nil {
		addAPIError(diags, "sns:TagResource", topic, err, "")
		return "", false
	}
	return keyARN, true
}

// readTopic reports whether the created topic is encrypted with its key and has its policy.
func (r *CISMonitoringResource) readTopic(ctx context.Context, s cisSettings, diags *diag.Diagnostics) (hardened bool, keyARN string, ok bool) {
	keyARN = taggedKeyByAlias(ctx, r.client.KMS(), s.KeyAlias, s.ManagedBy)
	out, err := r.client.SNS().GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(s.topicARN())})
	if hasErrorCode(err, errSNSNotFound, "ResourceNotFound") {
		return false, keyARN, true
	}
	if err != nil {
		addAPIError(diags, "sns:GetTopicAttributes", s.topicARN(), err, "")
		return false, "", false
	}
	hardened = keyARN != "" && out.Attributes["KmsMasterKeyId"] == keyARN &&
		policiesEquivalent(out.Attributes["Policy"], s.topicPolicy())
	return hardened, keyARN, true
}

// deleteTopic deletes the created topic and retires its key.
func (r *CISMonitoringResource) deleteTopic(ctx context.Context, s cisSettings, diags *diag.Diagnostics) {
	if _, err := r.client.SNS().DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: aws.String(s.topicARN())}); err != nil &&
		!hasErrorCode(err, errSNSNotFound) {
		addAPIError(diags, "sns:DeleteTopic", s.topicARN(), err, "")
		return
	}
	if found := taggedKeyByAlias(ctx, r.client.KMS(), s.KeyAlias, s.ManagedBy); found != "" {
		retireKey(ctx, r.client.KMS(), s.KeyAlias, found, diags)
	}
}
