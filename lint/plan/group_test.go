package plan

import (
	"strings"
	"testing"
)

// TestGroupsFilledAfterLoading: instances of an address that are not
// consecutive, a type that is not the address's, deletions and data sources
// left out, and each resource's position among its type's resources.
func TestGroupsFilledAfterLoading(t *testing.T) {
	rc := func(addr, typ string, actions string) string {
		return `{"address":"` + addr + `","mode":"managed","type":"` + typ + `","name":"n","change":{"actions":[` +
			actions + `],"after":{}}}`
	}
	changes := []string{
		rc("aws_s3_bucket.a[0]", "aws_s3_bucket", `"create"`),
		rc("aws_s3_bucket.a[1]", "aws_s3_bucket", `"create"`),
		rc("aws_iam_role.r", "aws_iam_role", `"create"`),
		rc("aws_s3_bucket.gone", "aws_s3_bucket", `"delete"`),
		rc(`aws_s3_bucket.a[\"k\"]`, "aws_s3_bucket", `"update"`),
		rc("aws_s3_bucket.b", "aws_s3_bucket", `"no-op"`),
		rc("aws_s3_bucket.a[2]", "aws_iam_role", `"create"`), // inconsistent input
		`{"address":"data.aws_caller_identity.c","mode":"data","type":"aws_caller_identity","name":"c","change":{"actions":["read"]}}`,
	}
	p, err := Parse([]byte(`{"format_version":"1.2","resource_changes":[` + strings.Join(changes, ",") + `]}`))
	if err != nil {
		t.Fatal(err)
	}
	names := func(rs []*Resource) string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Address)
		}
		return strings.Join(out, " ")
	}
	wantGroups := []struct {
		addr, instances string
		mixed           bool
	}{
		{"aws_s3_bucket.a", `aws_s3_bucket.a[0] aws_s3_bucket.a[1] aws_s3_bucket.a["k"] aws_s3_bucket.a[2]`, true},
		{"aws_iam_role.r", "aws_iam_role.r", false},
		{"aws_s3_bucket.b", "aws_s3_bucket.b", false},
	}
	if int(p.ngroups) != len(wantGroups) {
		t.Fatalf("%d groups, want %d", p.ngroups, len(wantGroups))
	}
	for i, w := range wantGroups {
		g, instances := p.groupAt(int32(i)), p.instancesOf(int32(i))
		if g.addr != w.addr || names(instances) != w.instances || g.mixed != w.mixed {
			t.Errorf("group %d = %q %q mixed %v, want %q %q mixed %v", i, g.addr, names(instances), g.mixed,
				w.addr, w.instances, w.mixed)
		}
		if len(instances) != cap(instances) {
			t.Errorf("group %q has spare capacity", g.addr)
		}
		if p.groupIDs[g.addr] != int32(i) {
			t.Errorf("group %q numbered %d, want %d", g.addr, p.groupIDs[g.addr], i)
		}
	}
	wantTypes := map[string]string{
		"aws_s3_bucket": `aws_s3_bucket.a[0] aws_s3_bucket.a[1] aws_s3_bucket.a["k"] aws_s3_bucket.b`,
		"aws_iam_role":  "aws_iam_role.r aws_s3_bucket.a[2]",
	}
	if len(p.types) != len(wantTypes) {
		t.Fatalf("%d types, want %d", len(p.types), len(wantTypes))
	}
	for _, ty := range p.types {
		if got := names(ty.resources); got != wantTypes[ty.name] {
			t.Errorf("type %s = %q, want %q", ty.name, got, wantTypes[ty.name])
		}
		if len(ty.resources) != cap(ty.resources) {
			t.Errorf("type %s has spare capacity", ty.name)
		}
		for i, r := range ty.resources {
			if r.tord != int32(i) {
				t.Errorf("%s is resource %d of %s, tord %d", r.Address, i, ty.name, r.tord)
			}
		}
	}
	if got := p.Resources[4].ConfigAddress(); got != "aws_s3_bucket.b" {
		t.Errorf("ConfigAddress = %q", got)
	}
}

// TestGroupsOfAnEmptyPlan: no resources, no groups.
func TestGroupsOfAnEmptyPlan(t *testing.T) {
	p, err := Parse([]byte(`{"format_version":"1.2","resource_changes":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	if p.ngroups != 0 || len(p.types) != 0 {
		t.Errorf("%d groups, types %v", p.ngroups, p.types)
	}
}

// TestConfigAddressOfAgreesWithAppendConfigAddress: the shortcut through the
// instance's index gives what stripping every key gives, on consistent and
// inconsistent input alike.
func TestConfigAddressOfAgreesWithAppendConfigAddress(t *testing.T) {
	cases := []struct {
		addr, index string
		shared      bool
	}{
		{"aws_s3_bucket.a", "", true},
		{"aws_s3_bucket.a[0]", "0", true},
		{`aws_s3_bucket.a["k"]`, `"k"`, true},
		{`aws_s3_bucket.a["a].[b"]`, `"a].[b"`, true},
		{`aws_s3_bucket.a["q\"x"]`, `"q\"x"`, false},
		{`module.m["x"].aws_s3_bucket.a[1]`, "1", false},
		{`module.m[0].aws_s3_bucket.a`, "", false},
		{"aws_s3_bucket.a[1]", "2", false},
		{"aws_s3_bucket.a[1]", "", false},
		{"aws_s3_bucket.a", "1", true},
		{"[1]", "1", false},
		{"a[1]x", "1", false},
		{"", "", true},
	}
	p := &Plan{}
	for _, c := range cases {
		r := &Resource{Address: c.addr, Index: c.index}
		got, shared := p.configAddressOf(r)
		if want := string(appendConfigAddress(nil, c.addr)); got != want || shared != c.shared {
			t.Errorf("configAddressOf(%q, index %q) = %q shared %v, want %q shared %v", c.addr, c.index, got, shared,
				want, c.shared)
		}
	}
}
