package plan

import "testing"

func TestAppendConfigAddressStripsKeys(t *testing.T) {
	for addr, want := range map[string]string{
		``:                   ``,
		`aws_s3_bucket.b`:    `aws_s3_bucket.b`,
		`aws_s3_bucket.b[0]`: `aws_s3_bucket.b`,
		`module.a["x"].module.b[0].aws_s3_bucket.c[1]`: `module.a.module.b.aws_s3_bucket.c`,
		`module.a["x.y[0]"].aws_s3_bucket.c["]"]`:      `module.a.aws_s3_bucket.c`,
		`module.a["q\"]"].b.c`:                         `module.a.b.c`,
		`aws_s3_bucket.b["open`:                        `aws_s3_bucket.b`,
		`a[0][1].b`:                                    `a.b`,
	} {
		if got := string(appendConfigAddress([]byte("pre:"), addr)); got != "pre:"+want {
			t.Errorf("appendConfigAddress(%q) = %q, want %q", addr, got, "pre:"+want)
		}
		if got := configAddress(addr); got != want {
			t.Errorf("configAddress(%q) = %q, want %q", addr, got, want)
		}
	}
}

func TestLastKey(t *testing.T) {
	for addr, want := range map[string]string{
		``:                   ``,
		`]`:                  ``,
		`aws_s3_bucket.b`:    ``,
		`aws_s3_bucket.b[0]`: `[0]`,
		`module.a["x"].module.b[0].aws_s3_bucket.c[12]`: `[12]`,
		`module.a["x"].aws_s3_bucket.c`:                 ``,
		`module.a["x.y[0]"].aws_s3_bucket.c["]"]`:       `["]"]`,
		`aws_s3_bucket.c["a[0]"]`:                       `["a[0]"]`,
		`module.a["q\"]"].b.c["k\"]"]`:                  `["k\"]"]`,
		`a.b["unterminated]`:                            `["unterminated]`,
		`a.b[0]x]`:                                      ``,
	} {
		if got := lastKey(addr); got != want {
			t.Errorf("lastKey(%q) = %q, want %q", addr, got, want)
		}
	}
}
