// Package realplan turns a set of small named Terraform configurations into real
// plans: one root module calls each configuration as a module
// (module "<name>" { source = "./cases/<name>" }), and the Terraform CLI with the
// real hashicorp/aws provider plans them all in one run (terraform init, plan
// -refresh=false -out, show -json). Module splits the plan back into one plan per
// configuration, so a rule that looks across the whole plan sees only its own case.
//
// The run is offline and isolated: the aws provider gets fake keys and skips every
// credential, account and metadata lookup, data sources read from the emulator
// endpoint given in Options, and Terraform runs with a CLI configuration, data
// directory and HOME of its own in a temporary directory, so a developer's
// ~/.terraformrc, plugin cache or AWS profile never reaches it. hashicorp/aws comes
// from the filesystem mirror named by HARDENED_TF_PLUGIN_MIRROR when that is set,
// and from the registry otherwise.
package realplan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/hardened-tf/terraform-provider-hardened/internal/acctest"
)

// EnvPluginMirror names a Terraform filesystem mirror (the directory that contains
// registry.terraform.io/hashicorp/aws/<version>/<os>_<arch>/) to install
// hashicorp/aws from. make test sets it from scripts/find-tf-mirror.sh.
const EnvPluginMirror = "HARDENED_TF_PLUGIN_MIRROR"

// AWSProviderVersion is the hashicorp/aws release every configuration is planned with.
const AWSProviderVersion = "5.100.0"

// Region is the region the aws provider is configured for.
const Region = "us-east-1"

// Config is one small Terraform configuration: file path -> contents. Paths are
// relative and slash-separated: "main.tf", or "modules/bucket/main.tf" for a module
// the configuration calls with source = "./modules/bucket".
type Config map[string]string

// LocalProvider is a provider other than hashicorp/aws, served from an executable
// built on this machine (the hardened provider itself, for examples that use it).
type LocalProvider struct {
	// Name is the local name configurations use, e.g. "hardened".
	Name string
	// Source is the provider address, e.g. "hardened-tf/hardened".
	Source string
	// Executable is the built provider plugin.
	Executable string
	// Config is the body of its provider block in the root module (HCL lines).
	Config string
}

// Options configure a Runner.
type Options struct {
	// Endpoint is the AWS emulator's base URL (internal/emulator); every AWS
	// service the providers call, data sources included, is pointed at it. Empty
	// leaves the endpoints alone: then a data source that calls AWS fails.
	Endpoint string
	// LocalProviders are the other providers the configurations may use.
	LocalProviders []LocalProvider
}

// Runner plans configurations. Its temporary directory holds one working directory
// that every Plan call reuses, so hashicorp/aws is installed (linked from the
// mirror or downloaded) once per Runner. Plan calls are serialised.
type Runner struct {
	opts      Options
	terraform string
	mirror    string
	dir       string // the Runner's temporary directory
	work      string // the working directory: main.tf, cases/, .terraform/
	env       []string

	mu sync.Mutex
}

// localVersion is the version local providers are installed under.
const localVersion = "0.0.1"

var nameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)

// providersFile is written into every case that declares no required_providers.
const providersFile = "realplan_providers.tf"

// NewRunner checks for the Terraform CLI and the mirror setting and prepares an
// isolated Terraform environment. The caller must Close it.
func NewRunner(opts Options) (*Runner, error) {
	tf, err := acctest.TerraformPath()
	if err != nil {
		return nil, err
	}
	// Terraform runs in the Runner's own directory: relative paths are made absolute.
	mirror := os.Getenv(EnvPluginMirror)
	if mirror != "" {
		if mirror, err = filepath.Abs(mirror); err != nil {
			return nil, err
		}
		if err := checkMirror(mirror); err != nil {
			return nil, err
		}
	}
	opts.LocalProviders = append([]LocalProvider(nil), opts.LocalProviders...)
	for i, lp := range opts.LocalProviders {
		if !nameRE.MatchString(lp.Name) || strings.Count(lp.Source, "/") != 1 {
			return nil, fmt.Errorf("realplan: local provider %q (%q): want a local name and a namespace/type source", lp.Name, lp.Source)
		}
		if _, err := os.Stat(lp.Executable); err != nil {
			return nil, fmt.Errorf("realplan: local provider %s: %w", lp.Source, err)
		}
		if opts.LocalProviders[i].Executable, err = filepath.Abs(lp.Executable); err != nil {
			return nil, err
		}
	}
	dir, err := os.MkdirTemp("", "hardened-realplan-")
	if err != nil {
		return nil, err
	}
	r := &Runner{opts: opts, terraform: tf, mirror: mirror, dir: dir, work: filepath.Join(dir, "work")}
	if err := r.setup(); err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	return r, nil
}

// Close removes the Runner's temporary directory.
func (r *Runner) Close() error { return os.RemoveAll(r.dir) }

func checkMirror(mirror string) error {
	aws := filepath.Join(mirror, "registry.terraform.io", "hashicorp", "aws")
	if st, err := os.Stat(aws); err != nil || !st.IsDir() {
		return fmt.Errorf("%s=%s is not a Terraform filesystem mirror with hashicorp/aws: %s is missing; "+
			"point it at the directory that contains registry.terraform.io (scripts/find-tf-mirror.sh finds one), "+
			"or unset it to download the provider from the registry", EnvPluginMirror, mirror, aws)
	}
	return nil
}

// setup writes the CLI configuration, the local providers' mirror and the environment.
func (r *Runner) setup() error {
	home := filepath.Join(r.dir, "home")
	localMirror := filepath.Join(r.dir, "local-mirror")
	for _, d := range []string{home, r.work, localMirror} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	osArch := runtime.GOOS + "_" + runtime.GOARCH
	var cli strings.Builder
	cli.WriteString("# Written by internal/realplan: nothing of the user's Terraform configuration applies.\n")
	cli.WriteString("disable_checkpoint = true\n\nprovider_installation {\n")
	var direct []string
	if len(r.opts.LocalProviders) > 0 {
		var include []string
		for _, lp := range r.opts.LocalProviders {
			addr := "registry.terraform.io/" + lp.Source
			d := filepath.Join(localMirror, filepath.FromSlash(addr), localVersion, osArch)
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			typ := lp.Source[strings.Index(lp.Source, "/")+1:]
			if err := os.Symlink(lp.Executable, filepath.Join(d, "terraform-provider-"+typ+"_v"+localVersion)); err != nil {
				return err
			}
			include = append(include, addr)
			direct = append(direct, addr)
		}
		fmt.Fprintf(&cli, "  filesystem_mirror {\n    path    = %q\n    include = %s\n  }\n", localMirror, hclList(include))
	}
	if r.mirror != "" {
		addr := "registry.terraform.io/hashicorp/aws"
		fmt.Fprintf(&cli, "  filesystem_mirror {\n    path    = %q\n    include = [%q]\n  }\n", r.mirror, addr)
		direct = append(direct, addr)
	}
	cli.WriteString("  direct {\n")
	if len(direct) > 0 {
		fmt.Fprintf(&cli, "    exclude = %s\n", hclList(direct))
	}
	cli.WriteString("  }\n}\n")
	cliFile := filepath.Join(r.dir, "terraformrc")
	if err := os.WriteFile(cliFile, []byte(cli.String()), 0o600); err != nil {
		return err
	}
	r.env = isolatedEnv(os.Environ(), map[string]string{
		"HOME":                        home,
		"TF_CLI_CONFIG_FILE":          cliFile,
		"TF_DATA_DIR":                 filepath.Join(r.work, ".terraform"),
		"TF_IN_AUTOMATION":            "1",
		"TF_INPUT":                    "0",
		"CHECKPOINT_DISABLE":          "1",
		"AWS_ACCESS_KEY_ID":           "test",
		"AWS_SECRET_ACCESS_KEY":       "test",
		"AWS_REGION":                  Region,
		"AWS_CONFIG_FILE":             os.DevNull,
		"AWS_SHARED_CREDENTIALS_FILE": os.DevNull,
		"AWS_EC2_METADATA_DISABLED":   "true",
		"AWS_ENDPOINT_URL":            r.opts.Endpoint,
	})
	return nil
}

// isolatedEnv is the process environment without anything that configures
// Terraform or AWS (TF_*, AWS_*, XDG_*: CLI config, plugin cache, data directory,
// variables, profiles, endpoints), plus set (empty values are left out).
func isolatedEnv(environ []string, set map[string]string) []string {
	var env []string
	for _, kv := range environ {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "TF_") || strings.HasPrefix(k, "AWS_") || strings.HasPrefix(k, "XDG_") ||
			k == "HOME" || k == "CHECKPOINT_DISABLE" {
			continue
		}
		env = append(env, kv)
	}
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if set[k] != "" {
			env = append(env, k+"="+set[k])
		}
	}
	return env
}

func hclList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// RootConfig names a configuration whose files go into the root module itself
// rather than a case module: import blocks, which Terraform accepts only there,
// and removed or moved blocks that address a case's resources (module.<case>.…).
// Its resources are not a case's, so Result.Module holds none of them.
const RootConfig = "_root"

// Apply applies the configurations, written as Plan writes them, to the emulator
// (Options.Endpoint), and keeps their state in the Runner's working directory:
// every later Plan or Apply of the Runner starts from it. That is a real upgrade
// workflow: v1 applied, then v2 planned against v1's state.
func (r *Runner) Apply(ctx context.Context, configs map[string]Config) error {
	if r.opts.Endpoint == "" {
		return errors.New("realplan: Apply needs Options.Endpoint, the AWS emulator to apply to")
	}
	if len(configs) == 0 {
		return errors.New("realplan: no configurations to apply")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, err := r.write(configs); err != nil {
		return err
	}
	if err := r.init(ctx); err != nil {
		return err
	}
	if out, err := r.run(ctx, "apply", "-auto-approve", "-input=false", "-no-color", "-lock=false"); err != nil {
		return fmt.Errorf("terraform apply failed: %w. Its output:\n%s", err, out)
	}
	return nil
}

// Plan plans every configuration as a module of one root module and returns the
// plan. A configuration Terraform rejects fails the whole run, with Terraform's
// diagnostics (which name the case as cases/<name>/<file>).
func (r *Runner) Plan(ctx context.Context, configs map[string]Config) (*Result, error) {
	if len(configs) == 0 {
		return nil, errors.New("realplan: no configurations to plan")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	names, err := r.write(configs)
	if err != nil {
		return nil, err
	}
	var tm Timings
	t0 := time.Now()
	if err := r.init(ctx); err != nil {
		return nil, err
	}
	tm.Init = time.Since(t0)
	t0 = time.Now()
	if out, err := r.run(ctx, "plan", "-refresh=false", "-input=false", "-no-color", "-lock=false", "-out=tfplan"); err != nil {
		return nil, fmt.Errorf("terraform plan failed: %w. Its output:\n%s", err, out)
	}
	tm.Plan = time.Since(t0)
	t0 = time.Now()
	cmd := r.command(ctx, "show", "-json", "-no-color", "tfplan")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	js, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("terraform show -json failed: %w. Its output:\n%s", err, stderr.String())
	}
	tm.Show = time.Since(t0)
	return &Result{JSON: js, Timings: tm, names: names}, nil
}

// init runs terraform init in the working directory (again after each write:
// the cases' modules change).
func (r *Runner) init(ctx context.Context) error {
	if out, err := r.run(ctx, "init", "-input=false", "-no-color", "-backend=false"); err != nil {
		hint := "set " + EnvPluginMirror + " to a Terraform filesystem mirror that holds hashicorp/aws " +
			AWSProviderVersion + " (the directory containing registry.terraform.io; `make test` finds one with " +
			"scripts/find-tf-mirror.sh), or let terraform init reach registry.terraform.io"
		if r.mirror != "" {
			hint = "check that " + EnvPluginMirror + "=" + r.mirror + " holds hashicorp/aws " + AWSProviderVersion +
				" for " + runtime.GOOS + "_" + runtime.GOARCH
		}
		return fmt.Errorf("terraform init failed: %w; %s. Its output:\n%s", err, hint, out)
	}
	return nil
}

// write replaces the working directory's configuration with these cases.
func (r *Runner) write(configs map[string]Config) ([]string, error) {
	cases := filepath.Join(r.work, "cases")
	if err := os.RemoveAll(cases); err != nil {
		return nil, err
	}
	old, err := filepath.Glob(filepath.Join(r.work, rootFilePrefix+"*.tf"))
	if err != nil {
		return nil, err
	}
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			return nil, err
		}
	}
	names := make([]string, 0, len(configs))
	for name, files := range configs {
		if name == RootConfig {
			for file, src := range files {
				if !validFile(file) || strings.Contains(file, "/") {
					return nil, fmt.Errorf("realplan: %s: file %q must be a *.tf file name", RootConfig, file)
				}
				if err := os.WriteFile(filepath.Join(r.work, rootFilePrefix+file), []byte(src), 0o644); err != nil {
					return nil, err
				}
			}
			continue
		}
		if !nameRE.MatchString(name) {
			return nil, fmt.Errorf("realplan: %q is not a valid module name (letters, digits, _ and -, not starting with a digit)", name)
		}
		names = append(names, name)
	}
	sort.Strings(names)
	var root strings.Builder
	root.WriteString(r.rootConfig())
	for _, name := range names {
		dir := filepath.Join(cases, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		declares := false
		for file, src := range configs[name] {
			if !validFile(file) {
				return nil, fmt.Errorf("realplan: case %s: file %q must be a relative slash-separated path to a *.tf file, "+
					"inside the case and other than %s", name, file, providersFile)
			}
			if !strings.Contains(file, "/") && strings.Contains(src, "required_providers") {
				declares = true
			}
			path := filepath.Join(dir, filepath.FromSlash(file))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return nil, err
			}
			if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
				return nil, err
			}
		}
		if !declares {
			if err := os.WriteFile(filepath.Join(dir, providersFile), []byte(r.caseProviders()), 0o644); err != nil {
				return nil, err
			}
		}
		fmt.Fprintf(&root, "\nmodule %q {\n  source = \"./cases/%s\"\n}\n", name, name)
	}
	return names, os.WriteFile(filepath.Join(r.work, "main.tf"), []byte(root.String()), 0o644)
}

// rootFilePrefix marks the root module files written from RootConfig.
const rootFilePrefix = "root_"

// validFile accepts "main.tf" and "modules/bucket/main.tf" (a module the case
// calls with source = "./modules/bucket"), nothing outside the case directory.
func validFile(file string) bool {
	if !strings.HasSuffix(file, ".tf") || file == providersFile || strings.HasPrefix(file, "/") || strings.Contains(file, "\\") {
		return false
	}
	for _, seg := range strings.Split(file, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	return true
}

func (r *Runner) requiredProviders(version bool) string {
	var b strings.Builder
	b.WriteString("terraform {\n  required_providers {\n")
	if version {
		fmt.Fprintf(&b, "    aws = {\n      source  = \"hashicorp/aws\"\n      version = %q\n    }\n", AWSProviderVersion)
	} else {
		b.WriteString("    aws = {\n      source = \"hashicorp/aws\"\n    }\n")
	}
	for _, lp := range r.opts.LocalProviders {
		if version {
			fmt.Fprintf(&b, "    %s = {\n      source  = %q\n      version = %q\n    }\n", lp.Name, lp.Source, localVersion)
		} else {
			fmt.Fprintf(&b, "    %s = {\n      source = %q\n    }\n", lp.Name, lp.Source)
		}
	}
	b.WriteString("  }\n}\n")
	return b.String()
}

func (r *Runner) caseProviders() string {
	return "# Written by internal/realplan.\n" + r.requiredProviders(false)
}

// rootConfig is the root module's terraform and provider blocks.
func (r *Runner) rootConfig() string {
	var b strings.Builder
	b.WriteString(r.requiredProviders(true))
	b.WriteString("\nprovider \"aws\" {\n")
	fmt.Fprintf(&b, "  region                      = %q\n", Region)
	b.WriteString("  access_key                  = \"test\"\n  secret_key                  = \"test\"\n")
	b.WriteString("  skip_credentials_validation = true\n  skip_requesting_account_id  = true\n")
	b.WriteString("  skip_metadata_api_check     = true\n  skip_region_validation      = true\n")
	if r.opts.Endpoint != "" {
		b.WriteString("  s3_use_path_style           = true\n\n  endpoints {\n")
		for _, s := range awsEndpointServices {
			fmt.Fprintf(&b, "    %s = %q\n", s, r.opts.Endpoint)
		}
		b.WriteString("  }\n")
	}
	b.WriteString("}\n")
	for _, lp := range r.opts.LocalProviders {
		fmt.Fprintf(&b, "\nprovider %q {\n%s\n}\n", lp.Name, lp.Config)
	}
	return b.String()
}

// awsEndpointServices are the hashicorp/aws endpoints pointed at the emulator
// (AWS_ENDPOINT_URL covers the rest); data sources of these services read from it.
var awsEndpointServices = []string{
	"cloudfront", "cloudtrail", "cloudwatch", "configservice", "dynamodb", "ec2", "elbv2", "guardduty", "iam",
	"kms", "lambda", "logs", "rds", "redshift", "s3", "secretsmanager", "securityhub", "sns", "sqs", "ssm", "sts",
}

func (r *Runner) command(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, r.terraform, args...)
	cmd.Dir = r.work
	cmd.Env = r.env
	return cmd
}

func (r *Runner) run(ctx context.Context, args ...string) (string, error) {
	out, err := r.command(ctx, args...).CombinedOutput()
	return string(out), err
}
