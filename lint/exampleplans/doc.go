// Package exampleplans holds the meta-test that plans every rule example
// (examples/lint/<rule_id>/{bad,good}*.tf) with the real Terraform CLI and the real
// hashicorp/aws provider (internal/realplan) and checks each rule's verdict on
// those real plans: every bad case fails its rule, every good case passes it.
// It is a package of its own so that `go test ./lint/rules` stays a fast unit test.
package exampleplans
