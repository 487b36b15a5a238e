package provider

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
)

// Region fan-out, shared by every regional singleton (EBS encryption by default,
// and the guardrails after it): a `regions` set that defaults to every region
// enabled for the account, read with ec2:DescribeRegions at plan time, and work
// done region by region with bounded concurrency, each region's result or error
// kept apart so that one failing region does not lose the others.

// regionConcurrency bounds how many regions are worked on at once: enough to make
// twenty regions quick, few enough to stay far from any API rate limit.
const regionConcurrency = 8

// regionsAttribute is the `regions` argument of a regional resource.
func regionsAttribute(what string) schema.SetAttribute {
	return schema.SetAttribute{
		ElementType: types.StringType,
		Optional:    true,
		Computed:    true,
		Validators:  []validator.Set{setvalidator.SizeAtLeast(1)},
		MarkdownDescription: "The regions governed, such as `[\"us-east-1\", \"eu-west-1\"]`. Defaults to every region " +
			"enabled for the account (`ec2:DescribeRegions`: opted in, or not needing opt-in), read at every plan, so " +
			"a region enabled later shows up in the next plan and the next apply brings it under control. " +
			"A region that does not exist or is not enabled for the account fails at plan. " + what,
	}
}

// accountRegions is the account's view of its regions.
type accountRegions struct {
	// enabled are the regions of the caller's partition the account may use, sorted.
	enabled []string
	// status maps every region DescribeRegions lists to its opt-in status.
	status map[string]string
}

// describeRegions reads the account's regions with one ec2:DescribeRegions call.
func describeRegions(ctx context.Context, client *awsclient.Client) (accountRegions, error) {
	if _, err := client.AccountID(ctx); err != nil { // sets the partition
		return accountRegions{}, err
	}
	out, err := client.EC2().DescribeRegions(ctx, &ec2.DescribeRegionsInput{AllRegions: aws.Bool(true)})
	if err != nil {
		return accountRegions{}, err
	}
	pairs := make(map[string]string, len(out.Regions))
	for _, r := range out.Regions {
		pairs[aws.ToString(r.RegionName)] = aws.ToString(r.OptInStatus)
	}
	return regionsOf(pairs, client.Partition()), nil
}

// regionsOf keeps the regions of one partition and sorts out the enabled ones.
// AWS lists only the partition's own regions; the emulator lists every
// partition's (aws-cn, aws-us-gov too), which a commercial account cannot use.
func regionsOf(optIn map[string]string, partition string) accountRegions {
	ar := accountRegions{status: map[string]string{}}
	for name, st := range optIn {
		if name == "" || regionPartition(name) != partition {
			continue
		}
		ar.status[name] = st
		if st == "opt-in-not-required" || st == "opted-in" {
			ar.enabled = append(ar.enabled, name)
		}
	}
	sort.Strings(ar.enabled)
	return ar
}

// regionPartition is the ARN partition a region name belongs to.
func regionPartition(region string) string {
	for _, p := range []struct{ prefix, partition string }{
		{"cn-", "aws-cn"}, {"us-gov-", "aws-us-gov"}, {"us-isob-", "aws-iso-b"}, {"us-isof-", "aws-iso-f"},
		{"eu-isoe-", "aws-iso-e"}, {"us-iso-", "aws-iso"},
	} {
		if strings.HasPrefix(region, p.prefix) {
			return p.partition
		}
	}
	return "aws"
}

// governedRegions decides the regions a plan governs: the configured set, each
// checked against the account's regions, or every enabled region when the
// configuration leaves `regions` unset. ok is false when diags got an error.
func (ar accountRegions) governedRegions(configured []string, attr path.Path, diags *diag.Diagnostics) ([]string, bool) {
	if configured == nil {
		return ar.enabled, true
	}
	ok := true
	for _, r := range configured {
		switch st, known := ar.status[r]; {
		case !known:
			diags.AddAttributeError(attr, "Unknown region",
				fmt.Sprintf("%q is not a region of this account's partition. Regions enabled for the account: %s.",
					r, strings.Join(ar.enabled, ", ")))
			ok = false
		case st != "opt-in-not-required" && st != "opted-in":
			diags.AddAttributeError(attr, "Region not enabled",
				fmt.Sprintf("Region %s is not enabled for this account (opt-in status %q): enable it in the account "+
					"settings (aws account enable-region --region-name %s), or remove it from regions.", r, st, r))
			ok = false
		}
	}
	out := append([]string(nil), configured...)
	sort.Strings(out)
	return out, ok
}

// regionResult is the outcome of the work in one region.
type regionResult[T any] struct {
	value T
	err   error
}

// forEachRegion runs fn in every region, at most regionConcurrency at once, and
// returns each region's value or error. A failing region does not stop the others.
func forEachRegion[T any](ctx context.Context, regions []string, fn func(ctx context.Context, region string) (T, error)) map[string]regionResult[T] {
	out := make(map[string]regionResult[T], len(regions))
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, regionConcurrency)
	for _, region := range regions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
				defer func() { <-sem }()
			case <-ctx.Done():
				mu.Lock()
				out[region] = regionResult[T]{err: ctx.Err()}
				mu.Unlock()
				return
			}
			v, err := fn(ctx, region)
			mu.Lock()
			out[region] = regionResult[T]{value: v, err: err}
			mu.Unlock()
		}()
	}
	wg.Wait()
	return out
}

// reportRegionErrors adds one error per failed region, in region order, naming
// the action and the region; it returns how many regions failed.
func reportRegionErrors[T any](results map[string]regionResult[T], diags *diag.Diagnostics, action, hint string) int {
	var failed []string
	for r, res := range results {
		if res.err != nil {
			failed = append(failed, r)
		}
	}
	sort.Strings(failed)
	for _, r := range failed {
		addAPIError(diags, action, "region "+r, results[r].err, hint)
	}
	return len(failed)
}

// regionCallError is a failed AWS call in one region, naming its action.
type regionCallError struct {
	action string
	err    error
}

func (e regionCallError) Error() string { return e.err.Error() }
func (e regionCallError) Unwrap() error { return e.err }

func regionCall(action string, err error) error { return regionCallError{action: action, err: err} }

// reportRegionCallErrors is reportRegionErrors naming each region's failed call
// (a regionCallError); other errors are reported under fallback.
func reportRegionCallErrors[T any](results map[string]regionResult[T], diags *diag.Diagnostics, fallback, hint string) int {
	var failed []string
	for r, res := range results {
		if res.err != nil {
			failed = append(failed, r)
		}
	}
	sort.Strings(failed)
	for _, r := range failed {
		action, err := fallback, results[r].err
		var ce regionCallError
		if errors.As(err, &ce) {
			action, err = ce.action, ce.err
		}
		addAPIError(diags, action, "region "+r, err, hint)
	}
	return len(failed)
}

// planRegions decides the governed regions at plan time: nil (and ok) when the
// configured set is not known yet, else the configured set checked against
// ec2:DescribeRegions, or every enabled region when regions is unset.
func planRegions(ctx context.Context, client *awsclient.Client, configured types.Set, diags *diag.Diagnostics) ([]string, bool) {
	if configured.IsUnknown() {
		return nil, true
	}
	var list []string
	if !configured.IsNull() {
		for _, e := range configured.Elements() {
			if e.IsUnknown() {
				return nil, true
			}
		}
		diags.Append(configured.ElementsAs(ctx, &list, false)...)
		if diags.HasError() {
			return nil, false
		}
		if list == nil {
			list = []string{}
		}
	}
	ar, err := describeRegions(ctx, client)
	if err != nil {
		addAPIError(diags, "ec2:DescribeRegions", "the account", err,
			"The provider reads the account's regions at plan time to know which regions to govern.")
		return nil, false
	}
	return ar.governedRegions(list, path.Root("regions"), diags)
}

// inRegion points one EC2 call at a region.
func inRegion(region string) func(*ec2.Options) {
	return func(o *ec2.Options) { o.Region = region }
}

// setOfStrings is a types.Set of strings (diags collect conversion problems).
func setOfStrings(ctx context.Context, values []string, diags *diag.Diagnostics) types.Set {
	s, d := types.SetValueFrom(ctx, types.StringType, values)
	diags.Append(d...)
	return s
}

// stringsOf lists a known set of strings, sorted; nil when it is null or unknown.
func stringsOf(ctx context.Context, s types.Set, diags *diag.Diagnostics) []string {
	if s.IsNull() || s.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(s.ElementsAs(ctx, &out, false)...)
	sort.Strings(out)
	return out
}

// stateRegions is the regions a regional resource's state governs: its
// `regions`, or after an import (no regions in state yet) every region enabled
// for the account. ok is false when DescribeRegions failed (reported in diags).
func stateRegions(ctx context.Context, client *awsclient.Client, regions types.Set, account string,
	diags *diag.Diagnostics) ([]string, bool) {
	if !regions.IsNull() && !regions.IsUnknown() {
		return stringsOf(ctx, regions, diags), true
	}
	ar, err := describeRegions(ctx, client)
	if err != nil {
		addAPIError(diags, "ec2:DescribeRegions", "account "+account, err, "")
		return nil, false
	}
	return ar.enabled, true
}

// createRegional is the Create of the regional fan-out resources: the plan
// takes the account's ID, apply converges every governed region (no prior
// state), and the plan is saved. id returns the model's ID field.
func createRegional[M any](ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse,
	client *awsclient.Client, id func(*M) *types.String,
	apply func(ctx context.Context, plan, prior *M, diags *diag.Diagnostics)) {
	var plan M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !requireClient(client, &resp.Diagnostics) {
		return
	}
	account, err := client.AccountID(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Cannot determine the AWS account", err.Error())
		return
	}
	*id(&plan) = types.StringValue(account)
	apply(ctx, &plan, nil, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// updateRegional is the Update of the regional fan-out resources: read the plan
// and the state, refuse another account's state (what names the resource's
// controls in that message), converge every governed region with apply, and save
// the plan with the state's ID. id returns the model's ID field.
func updateRegional[M any](ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse,
	client *awsclient.Client, what string, id func(*M) *types.String,
	apply func(ctx context.Context, plan, prior *M, diags *diag.Diagnostics)) {
	var plan, state M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(client, &resp.Diagnostics) ||
		!sameAccount(ctx, client, id(&state).ValueString(), what, &resp.Diagnostics) {
		return
	}
	*id(&plan) = *id(&state)
	apply(ctx, &plan, &state, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}
