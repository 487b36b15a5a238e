package main

// The demo's hardened_guardduty part: the detector in eu-west-1 suspended by hand,
// shown as drift in the plan and enabled again by the next apply.

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/guardduty"
	gdtypes "github.com/aws/aws-sdk-go-v2/service/guardduty/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
)

const demoGuardDutyRegion = "eu-west-1"

func inDemoGuardDutyRegion(o *guardduty.Options) { o.Region = demoGuardDutyRegion }

// demoDetector is the one GuardDuty detector of the demo region.
func demoDetector(ctx context.Context, client *awsclient.Client) (string, error) {
	out, err := client.GuardDuty().ListDetectors(ctx, &guardduty.ListDetectorsInput{}, inDemoGuardDutyRegion)
	if err != nil {
		return "", err
	}
	if len(out.DetectorIds) != 1 {
		return "", fmt.Errorf("%d GuardDuty detectors in %s, want the baseline's one", len(out.DetectorIds), demoGuardDutyRegion)
	}
	return out.DetectorIds[0], nil
}

// suspendGuardDuty suspends the detector, as "Suspend GuardDuty" in the console does.
func suspendGuardDuty(ctx context.Context, client *awsclient.Client) error {
	id, err := demoDetector(ctx, client)
	if err != nil {
		return err
	}
	fmt.Printf("The GuardDuty detector %s in %s is suspended by hand (UpdateDetector Enable=false)\n", id, demoGuardDutyRegion)
	_, err = client.GuardDuty().UpdateDetector(ctx, &guardduty.UpdateDetectorInput{
		DetectorId: aws.String(id), Enable: aws.Bool(false)}, inDemoGuardDutyRegion)
	return err
}

// checkGuardDutyRepaired confirms the same detector is enabled again.
func checkGuardDutyRepaired(ctx context.Context, client *awsclient.Client) error {
	id, err := demoDetector(ctx, client)
	if err != nil {
		return err
	}
	d, err := client.GuardDuty().GetDetector(ctx, &guardduty.GetDetectorInput{DetectorId: aws.String(id)}, inDemoGuardDutyRegion)
	if err != nil {
		return err
	}
	if d.Status != gdtypes.DetectorStatusEnabled {
		return errors.New("the GuardDuty detector in " + demoGuardDutyRegion + " is still suspended after the repairing apply")
	}
	fmt.Printf("\nGuardDuty reports the detector %s in %s enabled again (GetDetector Status = ENABLED).\n", id, demoGuardDutyRegion)
	return nil
}
