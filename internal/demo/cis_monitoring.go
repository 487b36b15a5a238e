package main

// The demo's hardened_cis_monitoring part: a CIS filter pattern edited by hand on
// the baseline trail's log group, shown as drift and repaired to the published text.

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

const (
	demoTrailLogGroup = "/aws/cloudtrail/baseline-trail"
	demoRootFilter    = "CIS-RootAccountUsage"
)

// weakenCISFilter narrows the root-usage alarm's filter, as a hand edit in the console would.
func weakenCISFilter(ctx context.Context, client *awsclient.Client) error {
	fmt.Println("The root-usage alarm's filter pattern on " + demoTrailLogGroup + " is edited by hand to {$.userIdentity.type=\"Root\"}")
	_, err := client.CloudWatchLogs().PutMetricFilter(ctx, &cloudwatchlogs.PutMetricFilterInput{
		LogGroupName: aws.String(demoTrailLogGroup), FilterName: aws.String(demoRootFilter),
		FilterPattern: aws.String(`{$.userIdentity.type="Root"}`),
		MetricTransformations: []logstypes.MetricTransformation{{MetricName: aws.String("RootAccountUsage"),
			MetricNamespace: aws.String("CISBenchmark"), MetricValue: aws.String("1")}},
	})
	return err
}

// checkCISFilterRepaired confirms the filter carries the published pattern again, once.
func checkCISFilterRepaired(ctx context.Context, client *awsclient.Client) error {
	out, err := client.CloudWatchLogs().DescribeMetricFilters(ctx, &cloudwatchlogs.DescribeMetricFiltersInput{
		LogGroupName: aws.String(demoTrailLogGroup), FilterNamePrefix: aws.String(demoRootFilter)})
	if err != nil {
		return err
	}
	root, _ := controls.MonitoringItemByKey("root_usage")
	if len(out.MetricFilters) != 1 || aws.ToString(out.MetricFilters[0].FilterPattern) != root.Pattern {
		return fmt.Errorf("filter %s not repaired to the CIS pattern: %d filters", demoRootFilter, len(out.MetricFilters))
	}
	fmt.Println("\nThe root-usage filter carries the CIS pattern again, verbatim: " + root.Pattern)
	return nil
}
