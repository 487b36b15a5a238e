package provider

import (
	"context"
	"testing"

	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
)

// Every schema is valid and every attribute is documented: the registry docs are
// generated from these descriptions.
func TestSchemasAreValidAndDocumented(t *testing.T) {
	ctx := context.Background()
	p := New("test")()
	presp := &fwprovider.SchemaResponse{}
	p.Schema(ctx, fwprovider.SchemaRequest{}, presp)
	if presp.Diagnostics.HasError() {
		t.Fatalf("provider schema: %v", presp.Diagnostics)
	}
	if d := presp.Schema.ValidateImplementation(ctx); d.HasError() {
		t.Fatalf("provider schema: %v", d)
	}
	for name, a := range presp.Schema.Attributes {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("provider attribute %s has no MarkdownDescription", name)
		}
	}

	for _, factory := range p.Resources(ctx) {
		r := factory()
		mresp := &fwresource.MetadataResponse{}
		r.Metadata(ctx, fwresource.MetadataRequest{ProviderTypeName: "hardened"}, mresp)
		sresp := &fwresource.SchemaResponse{}
		r.Schema(ctx, fwresource.SchemaRequest{}, sresp)
		if sresp.Diagnostics.HasError() {
			t.Fatalf("%s schema: %v", mresp.TypeName, sresp.Diagnostics)
		}
		if d := sresp.Schema.ValidateImplementation(ctx); d.HasError() {
			t.Fatalf("%s schema: %v", mresp.TypeName, d)
		}
		if sresp.Schema.MarkdownDescription == "" {
			t.Errorf("%s has no MarkdownDescription", mresp.TypeName)
		}
		for name, a := range sresp.Schema.Attributes {
			if a.GetMarkdownDescription() == "" {
				t.Errorf("%s.%s has no MarkdownDescription", mresp.TypeName, name)
			}
		}
	}
}
