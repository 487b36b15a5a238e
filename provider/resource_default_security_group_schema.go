package provider

// hardened_default_security_group's schema.

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

func (r *DefaultSecurityGroupResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	c := controls.DefaultSecurityGroupNoRules
	found := func(dir, peer string) schema.ListNestedAttribute {
		return schema.ListNestedAttribute{
			Computed: true,
			MarkdownDescription: fmt.Sprintf("%s rules found in the group, which apply revokes: always empty after "+
				"apply. A rule added outside Terraform appears here on refresh, so `terraform plan` shows it being "+
				"removed. There is no argument that adds a rule (%s).", dir, c.Cite()),
			NestedObject: schema.NestedAttributeObject{
				Attributes: map[string]schema.Attribute{
					"security_group_rule_id": schema.StringAttribute{
						Computed:            true,
						MarkdownDescription: "The rule's ID (`sgr-...`).",
					},
					"protocol": schema.StringAttribute{
						Computed:            true,
						MarkdownDescription: "Protocol as AWS reports it: `tcp`, `udp`, `icmp`, `-1` for all, or a number.",
					},
					"from_port": schema.Int64Attribute{
						Computed:            true,
						MarkdownDescription: "Start of the port range (`-1` for all).",
					},
					"to_port": schema.Int64Attribute{
						Computed:            true,
						MarkdownDescription: "End of the port range (`-1` for all).",
					},
					"cidr_ipv4": schema.StringAttribute{
						Computed:            true,
						MarkdownDescription: "IPv4 " + peer + ", if the rule names one.",
					},
					"cidr_ipv6": schema.StringAttribute{
						Computed:            true,
						MarkdownDescription: "IPv6 " + peer + ", if the rule names one.",
					},
					"prefix_list_id": schema.StringAttribute{
						Computed:            true,
						MarkdownDescription: "Prefix list " + peer + ", if the rule names one.",
					},
					"referenced_security_group_id": schema.StringAttribute{
						Computed: true,
						MarkdownDescription: "Security group " + peer + " (the group itself for the default " +
							"\"all traffic between members\" rule), if the rule names one.",
					},
					"description": schema.StringAttribute{
						Computed:            true,
						MarkdownDescription: "The rule's description, if any.",
					},
				},
			},
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A VPC's default security group, kept with no rules at all. Every VPC has one; it " +
			"lets its members reach each other on every port and allows all egress, and anything launched " +
			"without an explicit group lands in it. This resource adopts the group (it cannot be created or " +
			"deleted) and revokes every ingress and egress rule: IPv4, IPv6, prefix lists and group references. " +
			"Unlike `aws_default_security_group`, removing rule blocks is not needed: there are none, and rules " +
			"added outside Terraform show in `terraform plan` as drift that apply revokes. A VPC's default group " +
			"has exactly one owner: the resource tags it `" + ownerTagKey + "` with its `ownership_id`, and a " +
			"second resource for the same VPC is refused. Destroy leaves the group locked." +
			"\n\nControls enforced:\n\n" + controlsTable(defaultSecurityGroupControls...),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The default security group's ID (`sg-...`).",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"arn": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The default security group's ARN.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Always `default`.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"owner_id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The AWS account that owns the VPC.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"vpc_id": schema.StringAttribute{
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				MarkdownDescription: "The VPC whose default security group is locked. An unknown ID fails with an " +
					"error naming it. Changing it adopts the other VPC's group; the first one stays locked and is " +
					"released (its ownership tag removed).",
			},
			"tags": schema.MapAttribute{
				ElementType: types.StringType,
				Optional:    true,
				MarkdownDescription: "Tags of the group. Tags added outside Terraform show as drift and are removed. " +
					"The ownership tag `" + ownerTagKey + "` is managed by the resource: it is not listed here and " +
					"cannot be set.",
			},
			"ownership_id": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "Identifies this resource as the group's only owner: generated when the resource " +
					"adopts the group (create or the first apply after import) and written to the group's `" +
					ownerTagKey + "` tag. Another `hardened_default_security_group` for the same VPC is refused " +
					"while the tag names this ID. Null in state when the tag was removed outside Terraform: the " +
					"next apply tags the group again.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"ingress": found("Inbound", "source"),
			"egress":  found("Outbound", "destination"),
		},
	}
}
