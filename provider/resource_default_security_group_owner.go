package provider

// Ownership of a VPC's default security group by one hardened_default_security_group.
// Two resources adopting the same group would undo each other's tags forever, so
// the owning resource marks the group with the ownerTagKey tag, whose value is the
// ownership_id the resource generated at create and keeps in state. A second
// resource is refused at create (at plan when vpc_id moves to an owned group); an
// import takes ownership explicitly (apply re-tags the group with a new ID); a
// resource whose group was since taken over stops reading and changing it, and
// says so at plan (an error when the plan would change it, a warning otherwise).

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// ownerTagKey is the tag that names the owning resource's ownership_id.
const ownerTagKey = "hardened:owner"

// Private state keys of hardened_default_security_group.
const (
	// privateImported marks a resource imported and not yet applied: its apply takes
	// ownership of the group whoever owned it before.
	privateImported = "import_takes_ownership"
	// privateTakenOver holds the ownership ID of another owner, found by refresh.
	privateTakenOver = "taken_over_by"
)

// privateState is what the resource reads and writes of its private state (the
// request and response types of the framework share these methods).
type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// newOwnershipID returns a random ownership ID such as "hdsg-8f14e45fceea167a".
func newOwnershipID() (string, error) {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("generating an ownership ID: %w", err)
	}
	return "hdsg-" + hex.EncodeToString(b), nil
}

// vpcLocks serializes, within one provider process, the check-and-tag of a VPC's
// default group, so that two resources of one configuration cannot both claim it.
var vpcLocks = struct {
	sync.Mutex
	byVPC map[string]*sync.Mutex
}{byVPC: map[string]*sync.Mutex{}}

// lockVPC locks the VPC's adoption and returns the unlock function.
func lockVPC(vpcID string) func() {
	vpcLocks.Lock()
	mu, ok := vpcLocks.byVPC[vpcID]
	if !ok {
		mu = &sync.Mutex{}
		vpcLocks.byVPC[vpcID] = mu
	}
	vpcLocks.Unlock()
	mu.Lock()
	return mu.Unlock
}

// groupOwner is the ownership ID the group is tagged with, or "".
func groupOwner(tags []ec2types.Tag) string {
	for _, t := range tags {
		if aws.ToString(t.Key) == ownerTagKey {
			return aws.ToString(t.Value)
		}
	}
	return ""
}

// withoutOwnerTag is the group's tags less the ownership tag, which `tags` never shows.
func withoutOwnerTag(tags []ec2types.Tag) []ec2types.Tag {
	out := make([]ec2types.Tag, 0, len(tags))
	for _, t := range tags {
		if aws.ToString(t.Key) != ownerTagKey {
			out = append(out, t)
		}
	}
	return out
}

// claimGroup tags the group with ownershipID and reads it back: when another
// resource tagged it meanwhile (a concurrent create in another Terraform run),
// its tag is the one read back and the claim fails (lost is true). It returns the
// group as read back, or nil after reporting why the claim failed.
func claimGroup(ctx context.Context, api *ec2.Client, g *ec2types.SecurityGroup, ownershipID string, diags *diag.Diagnostics) (claimed *ec2types.SecurityGroup, lost bool) {
	id, vpc := aws.ToString(g.GroupId), aws.ToString(g.VpcId)
	if _, err := api.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{id},
		Tags: []ec2types.Tag{{Key: aws.String(ownerTagKey), Value: aws.String(ownershipID)}}}); err != nil {
		addAPIError(diags, "ec2:CreateTags", "default security group "+id, err,
			"Tagging the group with "+ownerTagKey+" marks this resource as its only owner.")
		return nil, false
	}
	after, err := describeGroup(ctx, api, id)
	if err != nil {
		addAPIError(diags, "ec2:DescribeSecurityGroups", "default security group "+id, err, "")
		return nil, false
	}
	if after == nil {
		diags.AddError("Default security group no longer exists",
			fmt.Sprintf("The default security group %s of %s disappeared while it was adopted: its VPC was "+
				"probably deleted.", id, vpc))
		return nil, false
	}
	if owner := groupOwner(after.Tags); owner != ownershipID {
		addOwnedElsewhere(diags, after, owner)
		return nil, true
	}
	return after, false
}

// addOwnedElsewhere refuses to adopt a group another resource owns.
func addOwnedElsewhere(diags *diag.Diagnostics, g *ec2types.SecurityGroup, owner string) {
	id, vpc := aws.ToString(g.GroupId), aws.ToString(g.VpcId)
	diags.AddAttributeError(path.Root("vpc_id"), "Default security group already has an owner",
		fmt.Sprintf("The default security group %s of VPC %s is already managed by another "+
			"hardened_default_security_group (tag %s = %q), in this configuration or another one. A VPC's default "+
			"group has exactly one owner; two would undo each other's changes on every apply. Either remove one of "+
			"the two resources (the group stays locked by the other), or, to manage the group from this "+
			"configuration instead, import it, which takes ownership: "+
			"terraform import hardened_default_security_group.NAME %s (or an import block with id = %q), then "+
			"remove the resource from the other configuration with terraform state rm.",
			id, vpc, ownerTagKey, owner, id, id))
}

// addTakenOver reports a group another resource has taken over since this one
// adopted it: an error when this resource would change it, otherwise a warning
// (so that plans with no change, and destroy, still work).
func addTakenOver(diags *diag.Diagnostics, asError bool, groupID, vpcID, owner, mine string) {
	was := "this resource"
	if mine != "" {
		was = fmt.Sprintf("this resource (ownership_id %q)", mine)
	}
	summary := "Default security group taken over by another resource"
	detail := fmt.Sprintf("The default security group %s of VPC %s was adopted by %s, but is now tagged %s = %q: "+
		"another hardened_default_security_group has taken it over (an import, in this configuration or another "+
		"one). This resource no longer reads or changes the group, so the two never undo each other's changes, "+
		"and a plan that would change it fails. Resolve it by keeping one owner: remove this resource from the "+
		"configuration (its destroy only forgets the group and leaves the other owner's tag), or take the group "+
		"back by importing it here: terraform state rm the resource, then terraform import "+
		"hardened_default_security_group.NAME %s.", groupID, vpcID, was, ownerTagKey, owner, groupID)
	if asError {
		diags.AddError(summary, detail)
		return
	}
	diags.AddWarning(summary, detail)
}

// hasPrivateKey reports whether a private state key is set.
func hasPrivateKey(ctx context.Context, p privateState, key string, diags *diag.Diagnostics) bool {
	if p == nil {
		return false
	}
	v, d := p.GetKey(ctx, key)
	diags.Append(d...)
	return len(v) > 0
}

// privateString reads a private state key holding a JSON string, "" when unset.
func privateString(ctx context.Context, p privateState, key string, diags *diag.Diagnostics) string {
	if p == nil {
		return ""
	}
	v, d := p.GetKey(ctx, key)
	diags.Append(d...)
	var s string
	if len(v) == 0 || json.Unmarshal(v, &s) != nil {
		return ""
	}
	return s
}

// setPrivateString stores s (as a JSON string) at key, or removes the key when s is "".
func setPrivateString(ctx context.Context, p privateState, key, s string, diags *diag.Diagnostics) {
	if p == nil {
		return
	}
	var v []byte
	if s != "" {
		v, _ = json.Marshal(s) // a string always marshals
	}
	diags.Append(p.SetKey(ctx, key, v)...)
}

// readOwnership is the ownership_id refresh records, given the group's ownership
// tag: the state's ID while the tag names it; null when the tag is gone (the plan
// then takes ownership again). A tag naming another owner (takenOver) keeps the
// state's ID and records the other owner in private state, so that the plan says
// what to do, unless the resource was just imported (its apply takes ownership).
func readOwnership(ctx context.Context, in, out privateState, mine types.String, tagged string, diags *diag.Diagnostics) (id types.String, takenOver bool) {
	switch {
	case tagged == "":
		setPrivateString(ctx, out, privateTakenOver, "", diags)
		return types.StringNull(), false
	case tagged == mine.ValueString():
		setPrivateString(ctx, out, privateTakenOver, "", diags)
		return mine, false
	case hasPrivateKey(ctx, in, privateImported, diags):
		return mine, false
	}
	setPrivateString(ctx, out, privateTakenOver, tagged, diags)
	return mine, true
}

// releaseGroup removes the ownership tag when it still names this resource, so that
// another resource may adopt the group; a failure only warns (the group stays
// locked, and a later resource for the VPC is told to import it).
func releaseGroup(ctx context.Context, api *ec2.Client, id, ownershipID string, diags *diag.Diagnostics) {
	g, err := describeGroup(ctx, api, id)
	if err == nil && (g == nil || groupOwner(g.Tags) != ownershipID) {
		return // gone, or owned by another resource now: its tag stays
	}
	if err == nil {
		// With a value, DeleteTags removes the tag only while it still has that value.
		_, err = api.DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: []string{id},
			Tags: []ec2types.Tag{{Key: aws.String(ownerTagKey), Value: aws.String(ownershipID)}}})
	}
	if err != nil {
		diags.AddWarning("Ownership tag not removed",
			fmt.Sprintf("Removing the %s tag of default security group %s failed: %v. The group stays locked; "+
				"a hardened_default_security_group adopting it later must import it "+
				"(terraform import hardened_default_security_group.NAME %s), or remove the tag first.",
				ownerTagKey, id, err, id))
	}
}

// planOwnership reports a group taken over by another resource (an error when the
// plan would change the resource, a warning otherwise), and plans to take ownership
// (ownership_id unknown) when the resource has none. It returns false when the
// group was taken over.
func (r *DefaultSecurityGroupResource) planOwnership(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, state defaultSecurityGroupModel) bool {
	imported := hasPrivateKey(ctx, req.Private, privateImported, &resp.Diagnostics)
	if other := privateString(ctx, req.Private, privateTakenOver, &resp.Diagnostics); other != "" && !imported {
		addTakenOver(&resp.Diagnostics, !resp.Plan.Raw.Equal(req.State.Raw), state.ID.ValueString(),
			state.VPCID.ValueString(), other, state.OwnershipID.ValueString())
		return false
	}
	if state.OwnershipID.IsNull() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("ownership_id"), types.StringUnknown())...)
	}
	return true
}

// ValidateConfig refuses the ownership tag in tags: the resource manages it.
func (r *DefaultSecurityGroupResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var tags types.Map
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("tags"), &tags)...)
	if _, ok := tags.Elements()[ownerTagKey]; ok && !tags.IsUnknown() {
		resp.Diagnostics.AddAttributeError(path.Root("tags").AtMapKey(ownerTagKey), "Reserved tag",
			fmt.Sprintf("The tag %s marks the resource that owns the group; the resource sets it to its "+
				"ownership_id. Remove it from tags.", ownerTagKey))
	}
}
