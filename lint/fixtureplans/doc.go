// Package fixtureplans holds real-plan fixtures for the linter's defect classes
// (issue 15, section 3): each testdata/<case>/ is a small configuration written
// here, planned by the test with the Terraform CLI and the real hashicorp/aws
// provider (internal/realplan), and held to the exact findings its table states
// for the rules of its topic: every planted weakness reported with its rule,
// address, attribute and aliases, every secure variant reporting nothing on its
// topic.
package fixtureplans
