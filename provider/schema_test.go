package provider

import (
	"context"
	"testing"

	fwdatasource "github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
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
		checkAttributesDocumented(t, mresp.TypeName, sresp.Schema.Attributes)
		checkBlocksDocumented(t, mresp.TypeName, sresp.Schema.Blocks)
	}

	for _, factory := range p.DataSources(ctx) {
		d := factory()
		mresp := &fwdatasource.MetadataResponse{}
		d.Metadata(ctx, fwdatasource.MetadataRequest{ProviderTypeName: "hardened"}, mresp)
		sresp := &fwdatasource.SchemaResponse{}
		d.Schema(ctx, fwdatasource.SchemaRequest{}, sresp)
		if sresp.Diagnostics.HasError() {
			t.Fatalf("data source %s schema: %v", mresp.TypeName, sresp.Diagnostics)
		}
		if diags := sresp.Schema.ValidateImplementation(ctx); diags.HasError() {
			t.Fatalf("data source %s schema: %v", mresp.TypeName, diags)
		}
		if sresp.Schema.MarkdownDescription == "" {
			t.Errorf("data source %s has no MarkdownDescription", mresp.TypeName)
		}
		checkDataSourceAttributesDocumented(t, "data."+mresp.TypeName, sresp.Schema.Attributes)
	}
}

// checkDataSourceAttributesDocumented is checkAttributesDocumented for data sources.
func checkDataSourceAttributesDocumented(t *testing.T, prefix string, attrs map[string]dschema.Attribute) {
	t.Helper()
	for name, a := range attrs {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("%s.%s has no MarkdownDescription", prefix, name)
		}
		switch n := a.(type) {
		case dschema.ListNestedAttribute:
			checkDataSourceAttributesDocumented(t, prefix+"."+name, n.NestedObject.Attributes)
		case dschema.MapNestedAttribute:
			checkDataSourceAttributesDocumented(t, prefix+"."+name, n.NestedObject.Attributes)
		case dschema.SingleNestedAttribute:
			checkDataSourceAttributesDocumented(t, prefix+"."+name, n.Attributes)
		}
	}
}

// checkAttributesDocumented checks attributes and, recursively, nested attributes.
func checkAttributesDocumented(t *testing.T, prefix string, attrs map[string]rschema.Attribute) {
	t.Helper()
	for name, a := range attrs {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("%s.%s has no MarkdownDescription", prefix, name)
		}
		switch n := a.(type) {
		case rschema.ListNestedAttribute:
			checkAttributesDocumented(t, prefix+"."+name, n.NestedObject.Attributes)
		case rschema.SetNestedAttribute:
			checkAttributesDocumented(t, prefix+"."+name, n.NestedObject.Attributes)
		case rschema.MapNestedAttribute:
			checkAttributesDocumented(t, prefix+"."+name, n.NestedObject.Attributes)
		case rschema.SingleNestedAttribute:
			checkAttributesDocumented(t, prefix+"."+name, n.Attributes)
		}
	}
}

// checkBlocksDocumented checks blocks and the attributes and blocks nested in them.
func checkBlocksDocumented(t *testing.T, prefix string, blocks map[string]rschema.Block) {
	t.Helper()
	for name, b := range blocks {
		if b.GetMarkdownDescription() == "" {
			t.Errorf("block %s.%s has no MarkdownDescription", prefix, name)
		}
		var obj rschema.NestedBlockObject
		switch n := b.(type) {
		case rschema.ListNestedBlock:
			obj = n.NestedObject
		case rschema.SetNestedBlock:
			obj = n.NestedObject
		case rschema.SingleNestedBlock:
			obj = rschema.NestedBlockObject{Attributes: n.Attributes, Blocks: n.Blocks}
		default:
			t.Errorf("block %s.%s: unexpected type %T", prefix, name, b)
			continue
		}
		if len(obj.Attributes) == 0 {
			t.Errorf("block %s.%s has no attributes", prefix, name)
		}
		checkAttributesDocumented(t, prefix+"."+name, obj.Attributes)
		checkBlocksDocumented(t, prefix+"."+name, obj.Blocks)
	}
}
