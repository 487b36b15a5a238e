package provider

// Tags every resource shares: the user's tags attribute, the managed-by tag that
// marks what a resource created, and the tag shapes of each AWS service.

import (
	"context"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// managedByTag marks what a resource created; its value is managedBy's
// "<resource type>/<name>". Import and a repeated create adopt what carries it,
// and destroy never deletes what lacks it.
const managedByTag = "hardened:managed-by"

// managedBy is the managed-by tag's value for one instance of a resource type.
func managedBy(resourceType, name string) string { return resourceType + "/" + name }

// withManagedBy returns the user's tags plus the managed-by tag.
func withManagedBy(tags map[string]string, value string) map[string]string {
	out := map[string]string{managedByTag: value}
	for k, v := range tags {
		out[k] = v
	}
	return out
}

// tagMap reads a tags attribute; null and unknown give none.
func tagMap(ctx context.Context, m types.Map) (map[string]string, diag.Diagnostics) {
	out := map[string]string{}
	if m.IsNull() || m.IsUnknown() {
		return out, nil
	}
	d := m.ElementsAs(ctx, &out, false)
	return out, d
}

// sortedKeys is the keys of m in order, so that requests are deterministic.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func s3Tags(tags map[string]string) []s3types.Tag {
	out := make([]s3types.Tag, 0, len(tags))
	for _, k := range sortedKeys(tags) {
		out = append(out, s3types.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	return out
}

func kmsTags(tags map[string]string) []kmstypes.Tag {
	var out []kmstypes.Tag
	for _, k := range sortedKeys(tags) {
		out = append(out, kmstypes.Tag{TagKey: aws.String(k), TagValue: aws.String(tags[k])})
	}
	return out
}

func iamTags(tags map[string]string) []iamtypes.Tag {
	var out []iamtypes.Tag
	for _, k := range sortedKeys(tags) {
		out = append(out, iamtypes.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	return out
}

func cloudtrailTags(tags map[string]string) []cttypes.Tag {
	var out []cttypes.Tag
	for _, k := range sortedKeys(tags) {
		out = append(out, cttypes.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	return out
}

// tagDiff is what turns have into want: the tags to add or change and the keys to remove.
func tagDiff(have, want map[string]string) (set map[string]string, remove []string) {
	set = map[string]string{}
	for k, v := range want {
		if cur, ok := have[k]; !ok || cur != v {
			set[k] = v
		}
	}
	for _, k := range sortedKeys(have) {
		if _, ok := want[k]; !ok {
			remove = append(remove, k)
		}
	}
	return set, remove
}
