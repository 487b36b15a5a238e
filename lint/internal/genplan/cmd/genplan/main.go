// Command genplan writes a synthetic plan for hardened-lint benchmarks.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/hardened-tf/terraform-provider-hardened/lint/internal/genplan"
)

func main() {
	n := flag.Int("resources", 10000, "number of resource instances")
	out := flag.String("o", "plan.json", "output file")
	flag.Parse()
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := genplan.Generate(f, *n); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
