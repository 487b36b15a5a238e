// Command hardened-lint checks a Terraform plan (terraform show -json output)
// for insecure AWS resources before apply.
package main

import (
	"bytes"
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/config"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/format"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/rules"
	"github.com/hardened-tf/terraform-provider-hardened/lint/source"
)

// version is set at release time with -ldflags "-X main.version=...".
var version = "dev"

// Exit codes.
const (
	ExitOK       = 0 // no failing finding at or above fail_on
	ExitFindings = 1 // failing findings
	ExitError    = 2 // usage, input or configuration error
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

type outputsFlag []format.Output

func (o *outputsFlag) String() string { return "" }

func (o *outputsFlag) Set(v string) error {
	out, err := format.ParseOutput(v)
	if err != nil {
		return err
	}
	*o = append(*o, out)
	return nil
}

const usage = `Usage: hardened-lint [flags] PLAN
       hardened-lint baseline [flags] PLAN > .hardened-lint-baseline.json
       hardened-lint rules
       hardened-lint explain RULE_ID|ALIAS

PLAN is the output of terraform show -json (a file, or - for stdin), or a
binary plan file saved with terraform plan -out (then terraform show -json is run).

hardened-lint baseline writes the plan's failures (every severity; waived
findings and regressions left out) as a baseline file on stdout (with
--baseline OLD, entries keep OLD's expires dates); lint with --baseline FILE
to fail only on findings it does not record (docs/lint/baseline.md).

Flags:
`

func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	takeBaseline := len(args) > 0 && args[0] == "baseline"
	if takeBaseline {
		args = args[1:]
	} else if len(args) > 0 {
		switch args[0] {
		case "rules":
			return listRules(args[1:], stdout, stderr)
		case "explain":
			if len(args) != 2 {
				fmt.Fprintln(stderr, "hardened-lint: explain takes one rule ID or checkov/trivy alias (see hardened-lint rules)")
				return ExitError
			}
			return explain(args[1], stdout, stderr)
		case "version":
			fmt.Fprintln(stdout, "hardened-lint", version)
			return ExitOK
		}
	}

	fs := flag.NewFlagSet("hardened-lint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	var (
		configPath  = fs.String("config", "", "configuration file (default ./"+config.DefaultFile+" if present) [$HARDENED_LINT_CONFIG]")
		formatName  = fs.String("format", "", "output format on stdout: "+strings.Join(format.Names(), ", ")+" (default text) [$HARDENED_LINT_FORMAT]")
		sourceDir   = fs.String("source-dir", "", "Terraform configuration directory, to locate findings at file:line [$HARDENED_LINT_SOURCE_DIR]")
		pathPrefix  = fs.String("path-prefix", "", "path of --source-dir in the repository, for file paths in output (default: found from the git top level, else the working directory) [$HARDENED_LINT_PATH_PREFIX]")
		failOn      = fs.String("fail-on", "", "lowest severity that fails the run: info, low, medium, high, critical, or none (default low) [$HARDENED_LINT_FAIL_ON]")
		unknown     = fs.String("unknown", "", "what values known only after apply do: warn, fail, ignore (default warn) [$HARDENED_LINT_UNKNOWN]")
		regressions = fs.String("regressions", "", "what a change that weakens or deletes a security control does: fail (whatever --fail-on says), warn, ignore (default fail) [$HARDENED_LINT_REGRESSIONS]")
		all         = fs.Bool("all", false, "judge every resource that exists after apply, unchanged (no-op) ones included: the default")
		changesOnly = fs.Bool("changes-only", false, "judge only the resources the plan creates, updates or replaces [$HARDENED_LINT_CHANGES_ONLY]")
		noColor     = fs.Bool("no-color", false, "never colour the text output [$NO_COLOR]")
		showVersion = fs.Bool("version", false, "print the version and exit")
		baselineArg = fs.String("baseline", "", "baseline file written by hardened-lint baseline: the findings it records are baselined, not failing [$HARDENED_LINT_BASELINE]")
		outputs     outputsFlag
	)
	fs.Var(&outputs, "output", "write FORMAT to PATH as well (FORMAT=PATH, PATH - for stdout); repeatable")

	// Flags may come before or after PLAN.
	var positional []string
	rest := args
	for {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return ExitOK
			}
			return ExitError
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if *showVersion {
		fmt.Fprintln(stdout, "hardened-lint", version)
		return ExitOK
	}
	if len(positional) != 1 {
		fmt.Fprintln(stderr, "hardened-lint: expected one PLAN argument (a file, or - for stdin); see hardened-lint -help")
		return ExitError
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "hardened-lint: "+format+"\n", a...)
		return ExitError
	}

	// Precedence: flag > environment > config file > default.
	pick := func(flagVal, env string) string {
		if flagVal != "" {
			return flagVal
		}
		return getenv(env)
	}
	cfgPath, required := pick(*configPath, "HARDENED_LINT_CONFIG"), true
	if cfgPath == "" {
		cfgPath, required = config.DefaultFile, false
	}
	cfg, err := config.Load(cfgPath, required)
	if err != nil {
		return fail("%v", err)
	}
	if err := cfg.CheckRuleIDs(func(id string) bool { _, ok := rules.Lookup(id); return ok }); err != nil {
		return fail("%v", err)
	}
	policy := engine.Policy{Waivers: cfg.Waivers, Unknown: engine.UnknownWarn, FailOn: controls.SeverityLow, Now: time.Now()}
	if cfg.FailOn != "" {
		policy.FailOn = cfg.FailOn
	}
	if cfg.Unknown != "" {
		policy.Unknown = cfg.Unknown
	}
	if cfg.Regressions != "" {
		policy.Regressions = cfg.Regressions
	}
	if v := pick(*failOn, "HARDENED_LINT_FAIL_ON"); v != "" {
		if policy.FailOn, err = engine.ParseFailOn(v); err != nil {
			return fail("--fail-on: %v", err)
		}
	}
	if v := pick(*unknown, "HARDENED_LINT_UNKNOWN"); v != "" {
		if policy.Unknown, err = engine.ParseUnknownPolicy(v); err != nil {
			return fail("--unknown: %v", err)
		}
	}
	if v := pick(*regressions, "HARDENED_LINT_REGRESSIONS"); v != "" {
		if policy.Regressions, err = engine.ParseRegressionPolicy(v); err != nil {
			return fail("--regressions: %v", err)
		}
	}
	// Scope: every resource that exists after apply (the default; --all says so
	// explicitly), or only what the plan changes.
	onlyChanges := *changesOnly
	if !onlyChanges {
		if v := getenv("HARDENED_LINT_CHANGES_ONLY"); v != "" {
			if onlyChanges, err = strconv.ParseBool(v); err != nil {
				return fail("HARDENED_LINT_CHANGES_ONLY=%q: use true or false", v)
			}
		}
	}
	if *all && *changesOnly {
		return fail("--all (every resource, the default) and --changes-only contradict each other: pass one")
	}
	if *all {
		onlyChanges = false // the flag overrides the environment
	}
	stdoutFormat := pick(*formatName, "HARDENED_LINT_FORMAT")
	writes, err := format.Plan(outputs, stdoutFormat, *formatName != "")
	if err != nil {
		return fail("--format: %v", err)
	}
	enabled, err := enabledRules(cfg)
	if err != nil {
		return fail("%v", err)
	}
	loaded, err := loadBaseline(takeBaseline, fs, cmp.Or(pick(*baselineArg, "HARDENED_LINT_BASELINE"), cfg.Baseline), stderr)
	if err != nil {
		return fail("%v", err)
	}

	data, err := readPlan(positional[0], stdin)
	if err != nil {
		return fail("%v", err)
	}
	limitMemory(len(data))
	p, err := plan.Parse(data)
	if err != nil {
		return fail("%s: %v", displayName(positional[0]), err)
	}

	fingerprints, err := newFingerprinter(loaded != nil || takeBaseline, pick(*sourceDir, "HARDENED_LINT_SOURCE_DIR"), p)
	if err != nil {
		return fail("%v", err)
	}
	if takeBaseline {
		// The baseline file lists its entries sorted: it needs the whole run.
		report := engine.Run(p, enabled, engine.Options{ChangesOnly: onlyChanges})
		findings := engine.ApplyInPlace(report.Findings, policy)
		return writeBaseline(stdout, stderr, findings, policy, pick(*failOn, "HARDENED_LINT_FAIL_ON") != "", fingerprints, loaded)
	}
	matcher := newMatcher(loaded, fingerprints, enabled, onlyChanges, &policy)
	res := &format.Result{ToolName: "hardened-lint", ToolVersion: version, Policy: policy, Baseline: baselineResult(matcher)}
	for _, r := range enabled {
		res.Rules = append(res.Rules, r.Metadata())
	}
	if dir := pick(*sourceDir, "HARDENED_LINT_SOURCE_DIR"); dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return fail("--source-dir %s is not a directory", dir)
		}
		opts := source.Options{Plan: p}
		prefixSet := getenv("HARDENED_LINT_PATH_PREFIX") != ""
		fs.Visit(func(f *flag.Flag) { prefixSet = prefixSet || f.Name == "path-prefix" })
		if prefixSet {
			prefix := pick(*pathPrefix, "HARDENED_LINT_PATH_PREFIX")
			opts.PathPrefix = &prefix
		}
		res.Locator = source.New(dir, p.Config, opts)
	}

	color := !*noColor && getenv("NO_COLOR") == "" && isTerminal(stdout)
	streams, err := format.Open(writes, res, stdout, color)
	if err != nil {
		return fail("%v", err)
	}
	opts := engine.Options{ChangesOnly: onlyChanges, RecordPasses: format.NeedsPasses(writes)}
	summary, err := lintTo(streams, p, enabled, opts, policy, func(s *engine.Summary) { baselineFixed(matcher, res.Baseline, s) })
	if err != nil {
		return fail("%v", err)
	}
	if summary.Failed+summary.Regressions > 0 {
		return ExitFindings
	}
	return ExitOK
}

// lintTo evaluates the rules resource by resource and writes each resource's
// findings to the outputs as it goes, through the policy's filters (the
// baseline's matcher among them), so that only one resource's findings are
// ever held; the summary, counted on the way and completed by atEnd after the
// last resource (the entries fixed since the baseline), ends every output.
func lintTo(streams *format.Streams, p *plan.Plan, enabled []engine.Rule, opts engine.Options, policy engine.Policy, atEnd func(*engine.Summary)) (engine.Summary, error) {
	summary := policy.Summarize(0, nil) // no findings yet: Tally adds them
	counts := engine.Visit(p, enabled, opts, func(findings, passes []engine.Finding) {
		findings = engine.Filter(findings, policy)
		policy.Tally(&summary, findings)
		streams.Resource(findings, passes)
	})
	summary.Resources, summary.Changing, summary.Unchanged = counts.Resources, counts.Changing, counts.Unchanged
	summary.ChangesOnly = opts.ChangesOnly
	atEnd(&summary)
	return summary, streams.Close(summary)
}

// enabledRules applies the config's rule blocks; rules take no options yet, so an
// option is an error with its location.
func enabledRules(cfg *config.Config) ([]engine.Rule, error) {
	var out []engine.Rule
	var diags hcl.Diagnostics
	for _, r := range rules.All() {
		rc, ok := cfg.Rules[r.Metadata().ID]
		if ok && rc.Body != nil {
			_, d := rc.Body.Content(&hcl.BodySchema{})
			diags = append(diags, d...)
		}
		if ok && rc.Enabled != nil && !*rc.Enabled {
			continue
		}
		out = append(out, r)
	}
	if diags.HasErrors() {
		return nil, &config.Error{Diags: diags}
	}
	return out, nil
}

func displayName(p string) string {
	if p == "-" {
		return "stdin"
	}
	return p
}

// readPlan reads JSON from a file or stdin; a binary plan file is converted with terraform show -json.
func readPlan(path string, stdin io.Reader) ([]byte, error) {
	var data []byte
	var err error
	if path == "-" {
		data, err = io.ReadAll(stdin)
	} else {
		data, err = readFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("reading the plan: %w", err)
	}
	if !plan.LooksLikeBinaryPlan(data) {
		return data, nil
	}
	if path == "-" {
		return nil, errors.New("stdin holds a binary plan file: pipe terraform show -json PLANFILE instead")
	}
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		if tf, err = exec.LookPath("terraform"); err != nil {
			return nil, fmt.Errorf("%s is a binary plan file and terraform is not on PATH to convert it: "+
				"run terraform show -json %s > plan.json and lint plan.json", path, path)
		}
	}
	// terraform show needs the plan's working directory (its providers): try the
	// current directory, then the plan file's own.
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	var firstErr error
	for _, dir := range []string{"", filepath.Dir(abs)} {
		var out, errOut bytes.Buffer
		cmd := exec.Command(tf, "show", "-json", "-no-color", abs)
		cmd.Dir = dir
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Run(); err != nil {
			if firstErr == nil {
				msg := strings.TrimSpace(errOut.String())
				for _, line := range strings.Split(msg, "\n") {
					if l := strings.TrimSpace(strings.Trim(line, "│╷╵ ")); strings.HasPrefix(l, "Error:") {
						msg = l
						break
					}
				}
				firstErr = fmt.Errorf("%s is a binary plan file and terraform show -json failed (%v): %s; "+
					"run hardened-lint in the plan's working directory after terraform init", path, err, msg)
			}
			continue
		}
		return out.Bytes(), nil
	}
	return nil, firstErr
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// readFile reads a plan file; large ones are memory-mapped (see mmap_unix.go).
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s is a directory: pass the JSON plan file", path)
	}
	if data, ok := readLarge(f, st.Size()); ok {
		return data, nil
	}
	return io.ReadAll(f)
}

// limitMemory caps the Go runtime's memory at 90 % of the plan's size (a soft
// limit: the garbage collector works harder as the heap approaches it), so
// that peak memory, the mapped plan and the binary included, stays under
// twice the plan size. Never below 64 MiB.
//
// When the cap itself is what keeps memory under twice the plan (plans of
// about 75 MB or more), the collector runs only as the heap nears it (GOGC
// off): most of the heap is the plan's resources, live to the end, and
// collecting while it grows only re-marks them. Each collection then marks
// that live plan again, so the headroom between it (about 55 % of a large
// plan) and the cap sets how often the collector runs: at 80 % it ran 11
// times on the 100 MB plan of failures (genplan -shape failing), at 90 % 6-7
// times, for about 10 MB more of peak memory (1.87-1.94x the plan, measured in
// docs/lint/performance.md). So it does on plans under 16 MB, whose whole
// run allocates a few tens of MB at most (and the 64 MiB cap still holds).
// Plans in between keep the default pacing, which holds their peak lower than
// the cap would.
func limitMemory(planSize int) {
	limit := int64(planSize) * 9 / 10
	gcOff := limit >= 64<<20 || planSize < 16<<20
	if limit < 64<<20 {
		limit = 64 << 20
	}
	if gcOff {
		debug.SetGCPercent(-1)
	} else {
		debug.SetGCPercent(100)
	}
	debug.SetMemoryLimit(limit)
}
