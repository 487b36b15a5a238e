package main

// The demo's hardened_flow_logs part: the baseline VPC's flow log deleted by hand,
// shown as drift and repaired.

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
)

func vpcFlowLogs(ctx context.Context, client *awsclient.Client, vpc string) ([]ec2types.FlowLog, error) {
	out, err := client.EC2().DescribeFlowLogs(ctx, &ec2.DescribeFlowLogsInput{
		Filter: []ec2types.Filter{{Name: aws.String("resource-id"), Values: []string{vpc}}}})
	if err != nil {
		return nil, err
	}
	return out.FlowLogs, nil
}

// deleteFlowLogs deletes the VPC's flow logs, as a hand edit in the console would.
func deleteFlowLogs(ctx context.Context, client *awsclient.Client, vpc string) error {
	fls, err := vpcFlowLogs(ctx, client, vpc)
	if err != nil {
		return err
	}
	if len(fls) == 0 {
		return fmt.Errorf("VPC %s has no flow log to delete", vpc)
	}
	var ids []string
	for _, fl := range fls {
		ids = append(ids, aws.ToString(fl.FlowLogId))
	}
	fmt.Printf("The flow log of VPC %s (%v) is deleted by hand\n", vpc, ids)
	_, err = client.EC2().DeleteFlowLogs(ctx, &ec2.DeleteFlowLogsInput{FlowLogIds: ids})
	return err
}

// checkFlowLogsRepaired confirms the VPC has one flow log recording ALL again.
func checkFlowLogsRepaired(ctx context.Context, client *awsclient.Client, vpc string) error {
	fls, err := vpcFlowLogs(ctx, client, vpc)
	if err != nil {
		return err
	}
	if len(fls) != 1 || fls[0].TrafficType != ec2types.TrafficTypeAll {
		return errors.New("the VPC's flow log was not repaired to one flow log recording ALL")
	}
	fmt.Printf("\nVPC %s has its flow log again (%s, ALL traffic into %s).\n", vpc,
		aws.ToString(fls[0].FlowLogId), aws.ToString(fls[0].LogGroupName))
	return nil
}
