package provider

import "testing"

// A bucket policy is TLS-only when it denies everyone every S3 action on the bucket
// and its objects without aws:SecureTransport; partial denies do not count.
func TestDeniesInsecureTransport(t *testing.T) {
	const arn = "arn:aws:s3:::logs"
	for name, tc := range map[string]struct {
		doc  string
		want bool
	}{
		"this provider's policy": {cloudtrailBucketPolicy("aws", "logs", "123456789012", trailARN("aws", "us-east-1", "123456789012", "t")), true},
		"principal as a bare star": {`{"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*",
			"Resource":["arn:aws:s3:::logs","arn:aws:s3:::logs/*"],"Condition":{"Bool":{"aws:SecureTransport":false}}}}`, true},
		"objects only": {`{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::logs/*",
			"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`, false},
		"one action only": {`{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject",
			"Resource":["arn:aws:s3:::logs","arn:aws:s3:::logs/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`, false},
		"an allow": {`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*",
			"Resource":["arn:aws:s3:::logs","arn:aws:s3:::logs/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`, false},
		"one account only": {`{"Statement":[{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*",
			"Resource":["arn:aws:s3:::logs","arn:aws:s3:::logs/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`, false},
		"no policy":    {"", false},
		"not JSON":     {"{", false},
		"other bucket": {cloudtrailBucketPolicy("aws", "other", "123456789012", "arn:aws:cloudtrail:us-east-1:123456789012:trail/t"), false},
	} {
		if got := deniesInsecureTransport(tc.doc, arn); got != tc.want {
			t.Errorf("%s: deniesInsecureTransport = %v, want %v", name, got, tc.want)
		}
	}
}
