package provider

import (
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
)

// A resource call that could not reach its endpoint reports the endpoint and the
// connection failure first, not "AWS <action> failed" with a permissions hint.
func TestAddAPIError_connectionFailureLeads(t *testing.T) {
	var diags diag.Diagnostics
	err := &awsclient.EndpointError{Service: "ec2", Endpoint: "http://127.0.0.1:1", Configured: true,
		Problem: "connection refused", Attempts: 4, Err: errors.New("dial tcp 127.0.0.1:1: connect: connection refused")}
	addAPIError(&diags, "ec2:DescribeSecurityGroups", "sg-123", err, "unrelated hint")
	if len(diags) != 1 {
		t.Fatalf("want one diagnostic, got %v", diags)
	}
	d := diags[0]
	if d.Summary() != "Cannot reach the AWS ec2 endpoint" {
		t.Errorf("summary %q", d.Summary())
	}
	for _, want := range []string{"could not connect to the ec2 endpoint http://127.0.0.1:1: connection refused (4 attempts)",
		"while calling ec2:DescribeSecurityGroups for sg-123"} {
		if !strings.Contains(d.Detail(), want) {
			t.Errorf("detail lacks %q:\n%s", want, d.Detail())
		}
	}
	if strings.Contains(d.Detail(), "unrelated hint") || strings.Contains(d.Detail(), "permission") {
		t.Errorf("detail carries the action's hint:\n%s", d.Detail())
	}
	if err.During != "" {
		t.Error("addAPIError changed the caller's error")
	}
}
