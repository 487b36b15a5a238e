package plan_test

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

const fixtures = "../testdata/plans"

func TestParseRejectsWithOneLineReason(t *testing.T) {
	state := `{"version":4,"terraform_version":"1.11.4","serial":3,"lineage":"x","outputs":{},"resources":[]}`
	cases := []struct{ name, input, want string }{
		{"empty", "", "input is empty"},
		{"whitespace", " \n\t", "input is empty"},
		{"not json", "Terraform will perform the following actions:", "not a JSON object"},
		{"array", "[1,2]", "not a JSON object"},
		{"truncated", `{"format_version":"1.2","resource_changes":[{"address":"a.b"`, "unexpected end of input (truncated?)"},
		{"trailing garbage", `{"format_version":"1.2","planned_values":{}} x`, "unexpected data after the JSON document"},
		{"bad literal", `{"format_version":"1.2","planned_values":{"a":tru}}`, "invalid literal"},
		{"state file", state, "Terraform state file, not a plan"},
		{"show state", `{"format_version":"1.0","terraform_version":"1.11.4","values":{"root_module":{}}}`, "output of a state, not of a plan"},
		{"other json", `{"name":"package.json","version":"1.0.0"}`, "not a Terraform plan (no format_version)"},
		{"no plan sections", `{"format_version":"1.2"}`, "no planned_values, resource_changes or configuration"},
		{"future format", `{"format_version":"2.0","planned_values":{}}`, `unsupported plan format_version "2.0"`},
		{"bad format", `{"format_version":"abc","planned_values":{}}`, `unsupported plan format_version "abc"`},
		{"invalid utf8", "{\"format_version\":\"1.2\",\"x\":\"\xff\"}", "not valid UTF-8 (invalid byte 0xff at offset 29)"},
		{"utf32", "\xff\xfe\x00\x00{\x00\x00\x00", "UTF-32"},
		{"resource without address", `{"format_version":"1.2","resource_changes":[{"type":"x"}]}`, "has no address or type"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := plan.Parse([]byte(tc.input))
			if err == nil {
				t.Fatalf("expected an error containing %q", tc.want)
			}
			if _, ok := err.(*plan.InputError); !ok {
				t.Errorf("error is %T, want *plan.InputError", err)
			}
			if !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q: want one line containing %q", err, tc.want)
			}
		})
	}
}

// Every plan format terraform-json accepts, from Terraform 0.12 on, loads.
func TestParseAcceptsAllFormatVersions(t *testing.T) {
	for _, v := range []string{"0.1", "0.2", "1.0", "1.1", "1.2", "1.9"} {
		p, err := plan.Parse([]byte(`{"format_version":"` + v + `","planned_values":{},"resource_changes":[]}`))
		if err != nil || p.FormatVersion != v {
			t.Errorf("format_version %s: %v", v, err)
		}
	}
}

// Every real plan in testdata loads, or is refused with an input error; none panics.
func TestParseRealPlans(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(fixtures, "*", "*.json"))
	more, _ := filepath.Glob(filepath.Join(fixtures, "generated", "*", "plan.json"))
	files = append(files, more...)
	if len(files) < 90 {
		t.Fatalf("found only %d fixture plans", len(files))
	}
	refused := map[string]bool{
		"terraform__parser__plan_vpc_endpoint__tfplan.json": true, // no format_version
		"terraform__runner__plan__corrupted-tfplan.json":    true, // a state, not a plan
		"invalid.json": true, // trailing data
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, err = plan.Parse(data)
		if refused[filepath.Base(f)] {
			if err == nil {
				t.Errorf("%s: expected to be refused", f)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

func TestParseEncodings(t *testing.T) {
	utf8Plan := plantest.JSON(t, plantest.Res{Address: "aws_s3_bucket.b", After: `{"bucket":"é"}`})
	encode := func(order binary.AppendByteOrder, bom bool) []byte {
		var out []byte
		if bom {
			out = order.AppendUint16(out, 0xFEFF)
		}
		for _, u := range utf16.Encode([]rune(string(utf8Plan))) {
			out = order.AppendUint16(out, u)
		}
		return out
	}
	inputs := map[string][]byte{
		"utf-8":          utf8Plan,
		"utf-8 bom":      append([]byte{0xEF, 0xBB, 0xBF}, utf8Plan...),
		"utf-16le bom":   encode(binary.LittleEndian, true),
		"utf-16be bom":   encode(binary.BigEndian, true),
		"utf-16le plain": encode(binary.LittleEndian, false),
	}
	for name, in := range inputs {
		p, err := plan.Parse(in)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got, _ := p.Resources[0].Attr("bucket").Str(); got != "é" {
			t.Errorf("%s: bucket = %q", name, got)
		}
	}
	// The real UTF-16 plan of checkov's corpus gives the same resources as its UTF-8 twin.
	a := mustParse(t, filepath.Join(fixtures, "checkov", "terraform__parser__plan_encodings__tfplan_win_utf16.json"))
	b := mustParse(t, filepath.Join(fixtures, "checkov", "terraform__parser__plan_encodings__tfplan_win_utf8.json"))
	if len(a.Resources) == 0 || len(a.Resources) != len(b.Resources) {
		t.Fatalf("utf-16 plan has %d resources, utf-8 twin %d", len(a.Resources), len(b.Resources))
	}
}

func mustParse(t *testing.T, path string) *plan.Plan {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := plan.Parse(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return p
}

func TestResourcesInPlan(t *testing.T) {
	p := plantest.Plan(t,
		plantest.Res{Address: "aws_s3_bucket.new"},
		plantest.Res{Address: "aws_s3_bucket.same", Actions: []string{"no-op"}},
		plantest.Res{Address: "aws_s3_bucket.gone", Actions: []string{"delete"}},
		plantest.Res{Address: "aws_s3_bucket.replaced", Actions: []string{"delete", "create"}},
		plantest.Res{Address: `module.m["a"].aws_s3_bucket.b[0]`},
	)
	var got []string
	for _, r := range p.Resources {
		got = append(got, r.Address+"="+boolStr(r.Changed()))
	}
	want := `aws_s3_bucket.new=true aws_s3_bucket.same=false aws_s3_bucket.replaced=true module.m["a"].aws_s3_bucket.b[0]=true`
	if strings.Join(got, " ") != want {
		t.Errorf("resources = %s\nwant        %s", strings.Join(got, " "), want)
	}
	last := p.Resources[len(p.Resources)-1]
	if last.ModuleAddress() != `module.m["a"]` || last.Index != "0" || last.ConfigAddress() != "module.m.aws_s3_bucket.b" {
		t.Errorf("module %q index %q config %q", last.ModuleAddress(), last.Index, last.ConfigAddress())
	}
}

func boolStr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func TestValues(t *testing.T) {
	p := plantest.Plan(t, plantest.Res{
		Address:   "aws_db_instance.d",
		After:     `{"password":"hunter2","port":5432,"tags":{"env":"prod"},"ingress":[{"cidr_blocks":["10.0.0.0/8"]},{"cidr_blocks":["0.0.0.0/0",null]}],"encrypted":"true","name":null}`,
		Unknown:   `{"arn":true,"ingress":[{"cidr_blocks":[false]},{"cidr_blocks":[false,true]}]}`,
		Sensitive: `{"password":true,"tags":{"env":true}}`,
	})
	r := p.Resources[0]
	if v := r.Attr("password"); !v.Sensitive() || v.Display() != "(sensitive value)" {
		t.Errorf("password: sensitive %v, display %q", v.Sensitive(), v.Display())
	}
	if v := r.Attr("tags").Get("env"); !v.Sensitive() {
		t.Error("tags.env should be sensitive")
	}
	if n, ok := r.Attr("port").Int(); !ok || n != 5432 {
		t.Errorf("port = %d, %v", n, ok)
	}
	if b, ok := r.Attr("encrypted").Bool(); !ok || !b {
		t.Error(`"true" string should read as a boolean`)
	}
	if !r.Attr("arn").Unknown() || r.Attr("arn").Null() {
		t.Error("arn should be unknown")
	}
	if !r.Attr("name").Null() || !r.Attr("missing").Null() {
		t.Error("null and missing attributes should be Null")
	}
	var cidrs []string
	var unknownAt []int
	r.Attr("ingress").Each(func(i int, v plan.Value) {
		s, unknown := v.Get("cidr_blocks").Strings()
		cidrs = append(cidrs, s...)
		if unknown {
			unknownAt = append(unknownAt, i)
		}
	})
	if strings.Join(cidrs, ",") != "10.0.0.0/8,0.0.0.0/0" || len(unknownAt) != 1 || unknownAt[0] != 1 {
		t.Errorf("cidrs %v, unknown at %v", cidrs, unknownAt)
	}
	if r.Attr("ingress").Len() != 2 {
		t.Error("ingress should have 2 elements")
	}
}
