package provider

// hardened_security_group's schema and the validators only it uses.

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

func (r *SecurityGroupResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	described := describedBy{control: controls.SecurityGroupRuleDescriptions}
	sources := func(what, example string) schema.SetAttribute {
		return schema.SetAttribute{
			ElementType:         types.StringType,
			Optional:            true,
			MarkdownDescription: what + " Example: `" + example + "`.",
		}
	}
	rule := func(dir string) schema.SetNestedBlock {
		peerWord := "sources"
		if dir == "egress" {
			peerWord = "destinations"
		}
		b := schema.SetNestedBlock{
			NestedObject: schema.NestedBlockObject{
				Attributes: map[string]schema.Attribute{
					"protocol": schema.StringAttribute{
						Required: true,
						MarkdownDescription: "`tcp`, `udp`, `icmp`, `icmpv6`, `-1` (or `all`) for every protocol, or a " +
							"protocol number. Numbers of named protocols (`6`, `17`, `1`, `58`) are accepted and " +
							"compared with AWS by meaning, so they never show as drift.",
					},
					"from_port": schema.Int64Attribute{
						Required: true,
						MarkdownDescription: "Start of the port range (the ICMP type for `icmp`/`icmpv6`, `-1` for all). " +
							"`0` for protocols without ports, such as `-1`.",
					},
					"to_port": schema.Int64Attribute{
						Required: true,
						MarkdownDescription: "End of the port range, inclusive (the ICMP code for `icmp`/`icmpv6`, `-1` " +
							"for all). `0` for protocols without ports, such as `-1`.",
					},
					"cidr_blocks": sources("IPv4 "+peerWord+", as canonical CIDR blocks.", `["10.0.0.0/16"]`),
					"ipv6_cidr_blocks": sources("IPv6 "+peerWord+", as canonical CIDR blocks.",
						`["2001:db8::/32"]`),
					"prefix_list_ids": sources("Managed prefix lists of "+peerWord+".", `["pl-0123456789abcdef0"]`),
					"security_groups": sources("Security groups whose members are the "+peerWord+", by ID "+
						"(`ACCOUNT/sg-...` for another account's group).", `[hardened_security_group.app.id]`),
					"self": schema.BoolAttribute{
						Optional:            true,
						MarkdownDescription: "Whether members of this security group are " + peerWord + ".",
					},
					"description": schema.StringAttribute{
						Required:   true,
						Validators: []validator.String{described, stringvalidator.LengthAtMost(sgMaxDescription)},
						MarkdownDescription: fmt.Sprintf("What the rule is for; required and non-empty (%s). Error "+
							"messages name the rule by it. Changing it updates the rule in place.",
							controls.SecurityGroupRuleDescriptions.ID),
					},
				},
			},
		}
		if dir == "ingress" {
			b.MarkdownDescription = "Inbound rules; each block allows one protocol and port range from its " +
				"sources. A rule that breaks a " +
				"control fails at plan, naming the rule by its description, the port and the control: no " +
				"administrative or database port (22, 3389, 3306, 5432, ...) from `0.0.0.0/0` or `::/0`, no " +
				"all-protocol rule from the internet, " + controls.NoWidePortRanges.Threshold.String() +
				" ports per rule from networks broader than /" + fmt.Sprint(controls.WidePortRangeBroadestPrefix) +
				", and internet ingress only on ports listed in `public_ingress_ports`. " +
				"Rules added outside Terraform show in the plan as removed, and apply revokes them."
		} else {
			b.MarkdownDescription = "Outbound rules. Without egress blocks the group allows no outbound traffic: " +
				"the allow-all rule AWS adds to every new group is revoked (" + controls.NoUnrestrictedEgress.ID +
				"). State the outbound traffic the members need, e.g. `tcp` 443 to a prefix list. An allow-all " +
				"rule (every protocol, or every TCP or UDP port, to `0.0.0.0/0` or `::/0`) fails at plan unless " +
				"`allow_all_egress = true`. Rules added outside Terraform show in the plan as removed, and apply " +
				"revokes them."
		}
		return b
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A VPC security group whose rules cannot break the network controls of the catalog. " +
			"Insecure ingress fails at `terraform plan` with an error naming the rule, the port and the control; " +
			"the internet reaches only the ports listed in `public_ingress_ports` (never administrative or " +
			"database ports); egress is closed unless stated, and allow-all egress is refused unless " +
			"`allow_all_egress = true`; every rule has a description. Rules change in " +
			"place (only the difference is authorized or revoked), rules changed outside Terraform show as drift " +
			"that apply repairs, and destroy explains which network interfaces still use the group.\n\n" +
			"Controls enforced:\n\n" + controlsTable(securityGroupControls...) + "\n`allow_all_egress = true` waives " +
			controls.NoUnrestrictedEgress.ID + " for the group, and only that control.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The security group ID (`sg-...`).",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"arn": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The security group ARN.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"owner_id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The AWS account that owns the group.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				Optional: true,
				Computed: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					stringplanmodifier.RequiresReplace(),
				},
				Validators: []validator.String{
					stringvalidator.LengthBetween(1, sgMaxName),
					stringvalidator.ConflictsWith(path.MatchRoot("name_prefix")),
				},
				MarkdownDescription: "Group name, unique in the VPC; it cannot start with `sg-`. Defaults to a " +
					"unique name starting with `name_prefix`, or with `terraform-`. Changing it replaces the group.",
			},
			"name_prefix": schema.StringAttribute{
				Optional:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{stringvalidator.LengthBetween(1, sgMaxNamePrefix)},
				MarkdownDescription: "Creates a unique name beginning with this prefix. Conflicts with `name`. " +
					"Changing it replaces the group.",
			},
			"description": schema.StringAttribute{
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{described, stringvalidator.LengthAtMost(sgMaxDescription)},
				MarkdownDescription: fmt.Sprintf("What the group is for; required and non-empty (%s). AWS cannot "+
					"change a group's description, so changing it replaces the group.",
					controls.SecurityGroupRuleDescriptions.ID),
			},
			"vpc_id": schema.StringAttribute{
				Optional: true,
				Computed: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					stringplanmodifier.RequiresReplace(),
				},
				MarkdownDescription: "VPC of the group. Defaults to the region's default VPC. Changing it replaces " +
					"the group.",
			},
			"tags": schema.MapAttribute{
				ElementType:         types.StringType,
				Optional:            true,
				MarkdownDescription: "Tags of the group. Tags added outside Terraform show as drift and are removed.",
			},
			"public_ingress_ports": schema.SetAttribute{
				ElementType: types.Int64Type,
				Optional:    true,
				Validators:  []validator.Set{setvalidator.ValueInt64sAre(int64validator.Between(1, 65535))},
				MarkdownDescription: fmt.Sprintf("TCP and UDP ports that ingress rules may open to the whole "+
					"internet (`0.0.0.0/0`, `::/0`), e.g. `[80, 443]`. Any other port from the internet fails at "+
					"plan (%s, %s). Administrative and database ports cannot be listed (%s).",
					controls.WorldIngressDeclaredPortsOnly.Cite(), controls.WorldIngressDeclaredPortsOnly.ID,
					controls.NoWorldIngressAdminPortsIPv4.ID),
			},
			"allow_all_egress": schema.BoolAttribute{
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
				MarkdownDescription: allowAllEgressDescription(),
			},
		},
		Blocks: map[string]schema.Block{
			"ingress": rule("ingress"),
			"egress":  rule("egress"),
		},
	}
}

// describedBy requires a non-blank description, citing the control that wants one.
type describedBy struct {
	control controls.Control
}

var _ validator.String = describedBy{}

func (v describedBy) Description(_ context.Context) string {
	return fmt.Sprintf("must describe its purpose (%s)", v.control.Cite())
}

func (v describedBy) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v describedBy) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || strings.TrimSpace(req.ConfigValue.ValueString()) != "" {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Missing description",
		fmt.Sprintf("%s is empty: it %s. %s [%s]", req.Path, v.Description(ctx), v.control.Remediation, v.control.ID))
}
