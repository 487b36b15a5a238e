package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
	s3ctypes "github.com/aws/aws-sdk-go-v2/service/s3control/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
	"github.com/hardened-tf/terraform-provider-hardened/internal/emulator"
)

// driftRegion is where the demo turns EBS encryption by default off by hand:
// not the provider's home region, to show the fan-out reaching it.
const driftRegion = "eu-west-1"

// emulatorPostureWaiver waives the posture checks no emulated account can pass.
const emulatorPostureWaiver = `# The AWS emulator cannot give the root user MFA (GetAccountSummary always
# reports AccountMFAEnabled = 0), so the root MFA checks fail in every emulated account.
waiver "hardened_account_posture" {
  address = "data.hardened_account_posture.this"
  reason  = "the AWS emulator cannot give the root user MFA"
  expires = "2099-12-31"
}
`

// weakenAccount turns the account-wide guardrails off by hand, as in the console.
func weakenAccount(ctx context.Context, client *awsclient.Client) error {
	if _, err := client.EC2().DisableEbsEncryptionByDefault(ctx, &ec2.DisableEbsEncryptionByDefaultInput{},
		func(o *ec2.Options) { o.Region = driftRegion }); err != nil {
		return err
	}
	_, err := client.S3Control().PutPublicAccessBlock(ctx, &s3control.PutPublicAccessBlockInput{
		AccountId: aws.String(emulator.DefaultAccountID),
		PublicAccessBlockConfiguration: &s3ctypes.PublicAccessBlockConfiguration{
			BlockPublicAcls: aws.Bool(true), IgnorePublicAcls: aws.Bool(true), BlockPublicPolicy: aws.Bool(true),
			RestrictPublicBuckets: aws.Bool(false),
		},
	})
	return err
}

// checkAccountRepaired confirms the repairing apply turned the guardrails back on.
func checkAccountRepaired(ctx context.Context, client *awsclient.Client) error {
	ebs, err := client.EC2().GetEbsEncryptionByDefault(ctx, &ec2.GetEbsEncryptionByDefaultInput{},
		func(o *ec2.Options) { o.Region = driftRegion })
	if err != nil {
		return err
	}
	if !aws.ToBool(ebs.EbsEncryptionByDefault) {
		return fmt.Errorf("EBS encryption by default is still off in %s after the repairing apply", driftRegion)
	}
	pab, err := client.S3Control().GetPublicAccessBlock(ctx, &s3control.GetPublicAccessBlockInput{
		AccountId: aws.String(emulator.DefaultAccountID)})
	if err != nil {
		return err
	}
	if c := pab.PublicAccessBlockConfiguration; c == nil || !aws.ToBool(c.RestrictPublicBuckets) {
		return errors.New("the account's S3 public access block still does not restrict public buckets")
	}
	fmt.Printf("EC2 reports EBS encryption by default on in %s again; S3 Control reports all four Block Public "+
		"Access settings on.\n", driftRegion)
	return nil
}

// addConsoleUserWithoutMFA creates the kind of user the posture checks catch.
func addConsoleUserWithoutMFA(ctx context.Context, client *awsclient.Client) error {
	if _, err := client.IAM().CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("alice")}); err != nil {
		return err
	}
	_, err := client.IAM().CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("alice"),
		Password: aws.String("Correct-Horse-Battery-9")})
	if err == nil {
		fmt.Println("\nCreated IAM user alice with a console password and no MFA (aws iam create-login-profile).")
	}
	return err
}
