package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// fakePrivate is a private state in memory.
type fakePrivate map[string][]byte

func (p fakePrivate) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	return p[key], nil
}

func (p fakePrivate) SetKey(_ context.Context, key string, value []byte) diag.Diagnostics {
	if len(value) == 0 {
		delete(p, key)
	} else {
		p[key] = value
	}
	return nil
}

// What refresh records of the group's ownership tag.
func TestReadOwnership(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name      string
		mine      types.String
		tagged    string
		imported  bool
		want      types.String
		takenOver string
	}{
		{"still ours", types.StringValue("hdsg-a"), "hdsg-a", false, types.StringValue("hdsg-a"), ""},
		{"tag removed: plan takes ownership again", types.StringValue("hdsg-a"), "", false, types.StringNull(), ""},
		{"taken over", types.StringValue("hdsg-a"), "hdsg-b", false, types.StringValue("hdsg-a"), "hdsg-b"},
		{"state from before ownership, another owns it", types.StringNull(), "hdsg-b", false, types.StringNull(), "hdsg-b"},
		{"state from before ownership, no owner", types.StringNull(), "", false, types.StringNull(), ""},
		{"just imported: apply takes ownership", types.StringNull(), "hdsg-b", true, types.StringNull(), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := fakePrivate{privateTakenOver: []byte(`"hdsg-stale"`)}
			if tc.imported {
				in[privateImported] = []byte("true")
			}
			out := fakePrivate{}
			for k, v := range in {
				out[k] = v
			}
			var d diag.Diagnostics
			got, takenOver := readOwnership(ctx, in, out, tc.mine, tc.tagged, &d)
			if takenOver != (tc.takenOver != "") {
				t.Errorf("takenOver = %t, want %t", takenOver, tc.takenOver != "")
			}
			if d.HasError() {
				t.Fatal(d)
			}
			if !got.Equal(tc.want) {
				t.Errorf("ownership_id = %s, want %s", got, tc.want)
			}
			wantTaken := tc.takenOver
			if tc.imported {
				wantTaken = "hdsg-stale" // left as it was: the import's apply clears it
			}
			if taken := privateString(ctx, out, privateTakenOver, &d); taken != wantTaken {
				t.Errorf("taken over by %q, want %q", taken, wantTaken)
			}
		})
	}
}
