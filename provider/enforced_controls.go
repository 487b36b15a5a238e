package provider

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// controlsEnforcer is implemented by every resource of the provider: the controls
// its documentation lists as enforced (the "Controls enforced" table), whatever
// the configuration. Controls met only when configured are not in the list.
type controlsEnforcer interface {
	enforcedControls() []controls.Control
}

func (*PasswordPolicyResource) enforcedControls() []controls.Control { return passwordPolicyControls }

func (*SecurityGroupResource) enforcedControls() []controls.Control { return securityGroupControls }

func (*DefaultSecurityGroupResource) enforcedControls() []controls.Control {
	return defaultSecurityGroupControls
}

func (*EBSEncryptionByDefaultResource) enforcedControls() []controls.Control {
	return []controls.Control{controls.EBSEncryptionByDefault}
}

func (*S3AccountPublicAccessBlockResource) enforcedControls() []controls.Control {
	return []controls.Control{controls.AccountPublicAccessBlock}
}

func (*CloudTrailResource) enforcedControls() []controls.Control {
	return enforcedBy(cloudTrailEnforcement)
}

func (*KMSKeyResource) enforcedControls() []controls.Control { return enforcedBy(kmsKeyEnforcement) }

func (*S3BucketResource) enforcedControls() []controls.Control {
	return enforcedBy(s3BucketEnforcement)
}

func (*CISMonitoringResource) enforcedControls() []controls.Control {
	return enforcedBy(cisMonitoringEnforcement())
}

func (*ConfigRecorderResource) enforcedControls() []controls.Control {
	return enforcedBy(configRecorderEnforcement)
}

func (*FlowLogsResource) enforcedControls() []controls.Control {
	return enforcedBy(flowLogsEnforcement)
}

// enforcedBy lists the controls of a resource's enforcement table.
func enforcedBy(es []controlEnforcement) []controls.Control {
	out := make([]controls.Control, 0, len(es))
	for _, e := range es {
		out = append(out, e.Control)
	}
	return out
}

// EnforcedControls maps each resource type of the provider ("hardened_cloudtrail")
// to the IDs of the controls its documentation says it enforces, sorted. A
// resource that documents none maps to an empty list. It is how code outside the
// provider (the catalog agreement test) reads the provider's half of the catalog
// without starting the provider.
func EnforcedControls() map[string][]string {
	ctx := context.Background()
	p := &HardenedProvider{}
	pm := &provider.MetadataResponse{}
	p.Metadata(ctx, provider.MetadataRequest{}, pm)
	out := map[string][]string{}
	for _, newResource := range p.Resources(ctx) {
		r := newResource()
		resp := &resource.MetadataResponse{}
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: pm.TypeName}, resp)
		ids := []string{}
		if e, ok := r.(controlsEnforcer); ok {
			for _, c := range e.enforcedControls() {
				ids = append(ids, c.ID)
			}
		}
		sort.Strings(ids)
		out[resp.TypeName] = ids
	}
	return out
}

func (*GuardDutyResource) enforcedControls() []controls.Control {
	return enforcedBy(guardDutyEnforcement())
}
