package rules

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsS3BucketPublicAccessBlock(t *testing.T) {
	const pab = "aws_s3_bucket_public_access_block.p"
	runCases(t, AwsS3BucketPublicAccessBlock{}, []ruleCase{
		{"a full block passes", []plantest.Res{dataBucket(), onData(pab, fullPAB)}, nil},
		{"the account's full block passes", []plantest.Res{dataBucket(), {Address: "aws_s3_account_public_access_block.a", After: fullPAB}}, nil},
		{"a partial block with the account's full block passes", []plantest.Res{dataBucket(), onData(pab, `{"block_public_acls":true}`),
			{Address: "aws_s3_account_public_access_block.a", After: fullPAB}}, nil},
		{"no block fails", []plantest.Res{dataBucket()},
			[]string{"fail " + s3b + ": no public access block covers the bucket"}},
		{"a provider v3 bucket without a block fails", []plantest.Res{v3Bucket(`{"bucket":"data","acl":"private"}`)},
			[]string{"fail " + s3b + ": no public access block covers the bucket"}},
		{"a partial block fails", []plantest.Res{dataBucket(), onData(pab,
			`{"block_public_acls":true,"block_public_policy":false,"ignore_public_acls":true,"restrict_public_buckets":false}`)},
			[]string{"fail " + s3b + " block_public_policy: " + pab + ": block_public_policy not true",
				"fail " + s3b + " restrict_public_buckets: " + pab + ": restrict_public_buckets not true"}},
		{"settings left unset fail (the default is false)", []plantest.Res{dataBucket(), onData(pab, `{"block_public_acls":true}`)},
			[]string{"fail " + s3b + " block_public_policy: " + pab + ": block_public_policy not true",
				"fail " + s3b + " ignore_public_acls: " + pab + ": ignore_public_acls not true",
				"fail " + s3b + " restrict_public_buckets: " + pab + ": restrict_public_buckets not true"}},
		{"a partial account block fails", []plantest.Res{dataBucket(), {Address: "aws_s3_account_public_access_block.a", After: `{"block_public_acls":true,"block_public_policy":true}`}},
			[]string{"fail " + s3b + " ignore_public_acls: aws_s3_account_public_access_block.a: ignore_public_acls not true",
				"fail " + s3b + " restrict_public_buckets: aws_s3_account_public_access_block.a: restrict_public_buckets not true"}},
		// The account's blocks are summarised once per plan and setting: the first
		// block's address is named, and any block turning a setting on covers it.
		{"several partial account blocks fail naming the first one", []plantest.Res{dataBucket(),
			{Address: "aws_s3_account_public_access_block.a", After: `{"block_public_acls":true,"block_public_policy":true}`},
			{Address: "aws_s3_account_public_access_block.b", After: `{"block_public_acls":true}`}},
			[]string{"fail " + s3b + " ignore_public_acls: aws_s3_account_public_access_block.a: ignore_public_acls not true",
				"fail " + s3b + " restrict_public_buckets: aws_s3_account_public_access_block.a: restrict_public_buckets not true"}},
		{"a full account block after partial ones passes", []plantest.Res{dataBucket(),
			{Address: "aws_s3_account_public_access_block.a", After: `{"block_public_acls":true}`},
			{Address: "aws_s3_account_public_access_block.b", After: fullPAB}}, nil},
		{"settings computed during apply are unknown", []plantest.Res{dataBucket(), {Address: pab,
			After: `{"block_public_acls":true,"block_public_policy":true,"ignore_public_acls":true}`, Unknown: `{"bucket":true,"restrict_public_buckets":true}`,
			Set: []string{"restrict_public_buckets"}, Refs: map[string][]string{"bucket": {"aws_s3_bucket.data.id", "aws_s3_bucket.data"}}}},
			[]string{"unknown " + s3b + " restrict_public_buckets: the bucket's Block Public Access setting restrict_public_buckets is computed during apply"}},
		{"each setting is judged on its own, the bucket's and the account's together", []plantest.Res{dataBucket(),
			onData(pab, `{"block_public_acls":true,"block_public_policy":true,"ignore_public_acls":false,"restrict_public_buckets":false}`),
			{Address: "aws_s3_account_public_access_block.a", After: `{"ignore_public_acls":true,"restrict_public_buckets":true}`}}, nil},
		{"another bucket's block does not count", []plantest.Res{dataBucket(), {Address: "aws_s3_bucket.other", After: `{"bucket":"other"}`, Unknown: `{"id":true}`},
			{Address: pab, After: fullPAB, Unknown: `{"bucket":true}`, Refs: map[string][]string{"bucket": {"aws_s3_bucket.other.id", "aws_s3_bucket.other"}}}},
			[]string{"fail " + s3b + ": no public access block covers the bucket"}},
		{"a block naming an existing bucket by its name counts", []plantest.Res{{Address: s3b, After: `{"bucket":"data"}`, Unknown: `{"id":true}`},
			{Address: pab, After: `{"bucket":"data","block_public_acls":true,"block_public_policy":true,"ignore_public_acls":true,"restrict_public_buckets":true}`}}, nil},
		{"for_each buckets and blocks are matched by key", []plantest.Res{
			{Address: `aws_s3_bucket.data["a"]`, After: `{"bucket":"a"}`, Unknown: `{"id":true}`},
			{Address: `aws_s3_bucket.data["b"]`, After: `{"bucket":"b"}`, Unknown: `{"id":true}`},
			{Address: `aws_s3_bucket_public_access_block.p["a"]`, After: fullPAB, Unknown: `{"bucket":true}`,
				Refs: map[string][]string{"bucket": {"aws_s3_bucket.data"}}}},
			[]string{`fail aws_s3_bucket.data["b"]: no public access block covers the bucket`}},
	})
}

// A bucket's Block Public Access verdicts are judged once for its rules
// (bucketBlocks): asked in any order, by setting or all four, they are those
// of settingOn on the bucket's blocks.
func TestBucketBlocksSharedAcrossQuestions(t *testing.T) {
	const pab = "aws_s3_bucket_public_access_block.p"
	sets := [][]plantest.Res{
		{dataBucket()},
		{dataBucket(), onData(pab, fullPAB)},
		{dataBucket(), onData(pab, `{"block_public_acls":true,"ignore_public_acls":false}`)},
		{dataBucket(), {Address: pab, After: `{"block_public_acls":true}`, Unknown: `{"bucket":true,"block_public_policy":true}`,
			Refs: map[string][]string{"bucket": {"aws_s3_bucket.data.id"}}}},
		{dataBucket(), onData(pab, `{"restrict_public_buckets":true}`), {Address: "aws_s3_account_public_access_block.a",
			After: `{"block_public_acls":true,"ignore_public_acls":true}`}},
	}
	for i, res := range sets {
		fresh := func() (*plan.Plan, *plan.Resource) {
			p := plantest.Plan(t, res...)
			for _, r := range p.Resources {
				if r.Address == s3b {
					return p, r
				}
			}
			t.Fatalf("no %s in set %d", s3b, i)
			return nil, nil
		}
		// What each question answered before the verdicts were shared.
		p, b := fresh()
		blocks := p.ReferencedBy(b, "aws_s3_bucket_public_access_block", "bucket")
		var want [4]verdict
		for j, s := range pabSettings {
			want[j], _ = settingOn(p, blocks, s)
		}
		pairs := [][]string{{"block_public_policy", "restrict_public_buckets"}, {"block_public_acls", "ignore_public_acls"},
			{"block_public_acls", "no_such_setting"}}
		wantPair := func(settings []string) verdict {
			v := yes
			for _, s := range settings {
				j := slices.Index(pabSettings, s)
				st := no
				if j >= 0 {
					st = want[j]
				}
				switch st {
				case no:
					return no
				case unknown:
					v = unknown
				}
			}
			return v
		}
		_, wantGaps := publicAccessBlockGaps(fresh())
		for _, gapsFirst := range []bool{true, false} {
			p, b := fresh()
			if gapsFirst {
				if _, gaps := publicAccessBlockGaps(p, b); fmt.Sprint(gaps) != fmt.Sprint(wantGaps) {
					t.Errorf("set %d: gaps %v, want %v", i, gaps, wantGaps)
				}
			}
			for _, pair := range pairs {
				if got := blockSettings(p, b, pair...); got != wantPair(pair) {
					t.Errorf("set %d (gaps first %v): blockSettings(%v) = %v, want %v", i, gapsFirst, pair, got, wantPair(pair))
				}
			}
			if _, gaps := publicAccessBlockGaps(p, b); fmt.Sprint(gaps) != fmt.Sprint(wantGaps) {
				t.Errorf("set %d (gaps first %v): gaps %v, want %v", i, gapsFirst, gaps, wantGaps)
			}
		}
	}
}

// More buckets than the ring holds, asked about in turn, each get their own verdicts.
func TestBucketBlocksRingEvicts(t *testing.T) {
	var res []plantest.Res
	const n = 2*len(bucketBlocksRing{}.slots) + 3
	for i := 0; i < n; i++ {
		b := fmt.Sprintf("aws_s3_bucket.b%d", i)
		res = append(res, plantest.Res{Address: b, After: fmt.Sprintf(`{"bucket":"b%d"}`, i), Unknown: `{"id":true}`})
		if i%2 == 0 {
			res = append(res, plantest.Res{Address: fmt.Sprintf("aws_s3_bucket_public_access_block.p%d", i), After: fullPAB,
				Unknown: `{"bucket":true}`, Refs: map[string][]string{"bucket": {b + ".id"}}})
		}
	}
	p := plantest.Plan(t, res...)
	buckets := p.OfType("aws_s3_bucket")
	for round := 0; round < 3; round++ {
		for i, b := range buckets {
			want := no
			if i%2 == 0 {
				want = yes
			}
			if got := blockSettings(p, b, "block_public_policy", "restrict_public_buckets"); got != want {
				t.Errorf("round %d: %s: blockSettings = %v, want %v", round, b.Address, got, want)
			}
			if none, _ := publicAccessBlockGaps(p, b); none != (want == no) {
				t.Errorf("round %d: %s: no block = %v, want %v", round, b.Address, none, want == no)
			}
		}
	}
}
