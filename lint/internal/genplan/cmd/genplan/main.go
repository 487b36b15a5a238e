// Command genplan writes a synthetic plan for hardened-lint benchmarks.
//
//	genplan -resources 120000 -o plan.json      # modules under for_each, ~2% weak (the default shape)
//	genplan -shape calls -mb 100 -o plan.json   # a real plan copied under distinct module calls
//	genplan -shape sgs -n 25000 -o plan.json    # 50,000 insecure security groups
//
// Shapes: services (the default), and those of genplan.Shapes (-shape help lists them).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/hardened-tf/terraform-provider-hardened/lint/internal/genplan"
)

func main() {
	n := flag.Int("resources", 10000, "number of resource instances (shape services)")
	shape := flag.String("shape", "services", "plan shape: services, or one of genplan's copied shapes (help lists them)")
	copies := flag.Int("n", 0, "number of copies of the shape's source plans (copied shapes)")
	mb := flag.Float64("mb", 0, "make a plan of about this many megabytes (10^6 bytes) instead (copied shapes)")
	plans := flag.String("plans", "", "folder of the source plans (default: lint/testdata/plans/generated of this source tree)")
	out := flag.String("o", "plan.json", "output file")
	flag.Parse()
	if err := write(*shape, *n, *copies, *mb, *plans, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genplan:", err)
		os.Exit(1)
	}
}

func write(shape string, resources, copies int, mb float64, plans, out string) error {
	if shape == "help" {
		fmt.Println("services: modules under for_each, each with a bucket and its split resources, a security group and a trail; about 2% weak (-resources)")
		for _, s := range genplan.Shapes {
			fmt.Printf("%s: %s\n", s.Name, s.Doc)
		}
		return nil
	}
	var s genplan.Shape
	if shape != "services" {
		var err error
		if s, err = genplan.ShapeNamed(shape); err != nil {
			return err
		}
		if mb > 0 {
			if copies, err = s.CopiesFor(plans, int64(mb*1e6)); err != nil {
				return err
			}
		}
		if copies < 1 {
			return fmt.Errorf("shape %s needs -n (copies) or -mb (size)", shape)
		}
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if shape == "services" {
		err = genplan.Generate(f, resources)
	} else {
		err = s.Write(f, plans, copies)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && shape != "services" {
		fmt.Fprintf(os.Stderr, "genplan: %s, %d copies\n", shape, copies)
	}
	return err
}
