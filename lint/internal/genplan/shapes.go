package genplan

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
)

// A Shape copies the resources and configuration of real plans (from
// lint/testdata/plans/generated) many times over, laid out as one common
// shape of large estate; n, the argument of Write, is the number of copies.
type Shape struct {
	Name string
	// Doc says what the plan looks like.
	Doc string
	// Sources are folders of lint/testdata/plans/generated whose plans are merged into one unit.
	Sources []string
	layout  layout
}

type layout int

const (
	// layoutCalls: one distinct module call per copy, module "app_<n>", each with the configuration.
	layoutCalls layout = iota
	// layoutNested: module "region_<n>" per copy, each calling module "app" under for_each (two keys).
	layoutNested
	// layoutCount: the root module's resources under count = n.
	layoutCount
	// layoutForEach: the root module's resources under for_each over n keys.
	layoutForEach
)

var ctS3 = []string{"secure_cloudtrail_multi_region_kms_cwl", "secure_s3_private_encrypted_logged"}

// Shapes are the generated plan shapes, by name.
var Shapes = []Shape{
	{Name: "calls", layout: layoutCalls, Sources: ctS3,
		Doc: "a CloudTrail + S3 plan (22 resources) copied under n distinct module calls, module \"app_<n>\""},
	{Name: "nested", layout: layoutNested, Sources: ctS3,
		Doc: "the same under n module calls \"region_<n>\", each calling module \"app\" for_each over two keys"},
	{Name: "count", layout: layoutCount, Sources: ctS3,
		Doc: "the same resources in the root module under count = n"},
	{Name: "foreach", layout: layoutForEach, Sources: ctS3,
		Doc: "the same resources in the root module under for_each over n keys"},
	{Name: "failing", layout: layoutCalls,
		Sources: []string{"insecure_s3_public_bucket_split", "insecure_sg_inline_ssh_rdp_open", "insecure_cloudtrail_single_region_no_validation"},
		Doc:     "public buckets, world-open security groups and weak trails (17 resources, most failing several rules) under n module calls"},
	{Name: "sgs", layout: layoutCount, Sources: []string{"insecure_sg_inline_ssh_rdp_open"},
		Doc: "two security groups open to the world on SSH and RDP and their VPC, under count = n (n = 25,000: 50,000 insecure groups)"},
}

// ShapeNamed returns the shape of that name.
func ShapeNamed(name string) (Shape, error) {
	var names []string
	for _, s := range Shapes {
		if s.Name == name {
			return s, nil
		}
		names = append(names, s.Name)
	}
	return Shape{}, fmt.Errorf("unknown plan shape %q: use one of %s", name, strings.Join(names, ", "))
}

// PlansDir is lint/testdata/plans/generated in the source tree genplan was built from.
func PlansDir() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return filepath.Join("lint", "testdata", "plans", "generated")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "plans", "generated")
}

// unit is the merged source plans, ready to be copied.
type unit struct {
	changes   []change
	resources []map[string]json.RawMessage // configuration.root_module.resources
	module    map[string]json.RawMessage   // configuration.root_module, resources included
}

// change is one resource change: its root-module address and the rest of its
// members, encoded (without the braces), cut where a name starts (named).
type change struct {
	addr string
	rest [][]byte
}

// named starts the names of the source plans' resources ("corpus-secure-data").
// Each copy gets names of its own, as the instances of a real module or count
// do (bucket names, role names and the ARNs built from them name their module
// key or index): "corpus-17-secure-data" in copy 17. Copies with the same
// values throughout would let anything keyed by a value's text (a policy
// document's, say) see one plan's values n times over, as a real plan never
// shows them.
const named = "corpus-"

func (s Shape) load(dir string) (*unit, error) {
	u := &unit{module: map[string]json.RawMessage{}}
	for _, src := range s.Sources {
		path := filepath.Join(dir, src, "plan.json")
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("reading a source plan for shape %s: %w (set the plans folder with -plans)", s.Name, err)
		}
		var p struct {
			ResourceChanges []map[string]json.RawMessage `json:"resource_changes"`
			Configuration   struct {
				RootModule map[string]json.RawMessage `json:"root_module"`
			} `json:"configuration"`
		}
		if err := json.Unmarshal(data, &p); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for _, rc := range p.ResourceChanges {
			var addr, mod string
			_ = json.Unmarshal(rc["address"], &addr)
			_ = json.Unmarshal(rc["module_address"], &mod)
			if mod != "" || rc["index"] != nil {
				return nil, fmt.Errorf("%s: %s: source plans must have root-module resources without count or for_each", path, addr)
			}
			delete(rc, "address")
			delete(rc, "module_address")
			delete(rc, "index")
			rest, err := marshal(rc)
			if err != nil {
				return nil, err
			}
			u.changes = append(u.changes, change{addr, bytes.Split(rest[1:len(rest)-1], []byte(named))})
		}
		for k, v := range p.Configuration.RootModule {
			if k == "resources" {
				var rs []map[string]json.RawMessage
				if err := json.Unmarshal(v, &rs); err != nil {
					return nil, fmt.Errorf("%s: configuration: %w", path, err)
				}
				u.resources = append(u.resources, rs...)
				continue
			}
			u.module[k] = v // variables, outputs, module calls: the sources' names do not collide
		}
	}
	return u, nil
}

func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// configModule encodes the unit's root module with extra members on every resource.
func (u *unit) configModule(extra map[string]string) ([]byte, error) {
	rs := make([]map[string]json.RawMessage, len(u.resources))
	for i, r := range u.resources {
		c := make(map[string]json.RawMessage, len(r)+len(extra))
		for k, v := range r {
			c[k] = v
		}
		for k, v := range extra {
			c[k] = json.RawMessage(v)
		}
		rs[i] = c
	}
	m := make(map[string]json.RawMessage, len(u.module)+1)
	for k, v := range u.module {
		m[k] = v
	}
	enc, err := marshal(rs)
	if err != nil {
		return nil, err
	}
	m["resources"] = enc
	return marshal(m)
}

// Write writes the shape's plan with n copies of its sources, read from dir
// (PlansDir() when empty). Write errors are returned by the final Flush.
func (s Shape) Write(out io.Writer, dir string, n int) error {
	if dir == "" {
		dir = PlansDir()
	}
	if n < 1 {
		n = 1
	}
	u, err := s.load(dir)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(out, 1<<20)
	_, _ = w.WriteString(`{"format_version":"1.2","terraform_version":"1.11.4","planned_values":{"root_module":{}},"resource_changes":[`)
	// The instances of every copy, written as terraform show -json writes
	// resource changes: sorted by address.
	var insts []instance
	each := func(module, key string, nth int) {
		for i := range u.changes {
			c := &u.changes[i]
			addr := c.addr + key
			if module != "" {
				addr = module + "." + addr
			}
			insts = append(insts, instance{addr: addr, module: module, key: key, copy: nth, change: c})
		}
	}
	switch s.layout {
	case layoutCalls:
		for i := 0; i < n; i++ {
			each("module.app_"+strconv.Itoa(i), "", i)
		}
		writeChanges(w, insts)
		mod, err := u.configModule(nil)
		if err != nil {
			return err
		}
		writeCalls(w, "app_", n, call(mod, ""))
	case layoutNested:
		for i := 0; i < n; i++ {
			for j, k := range []string{"blue", "green"} {
				each(fmt.Sprintf(`module.region_%d.module.app["%s"]`, i, k), "", 2*i+j)
			}
		}
		writeChanges(w, insts)
		mod, err := u.configModule(nil)
		if err != nil {
			return err
		}
		region := `{"module_calls":{"app":` + call(mod, `,"for_each_expression":{"references":["var.apps"]}`) + `}}`
		writeCalls(w, "region_", n, call([]byte(region), ""))
	case layoutCount, layoutForEach:
		extra := map[string]string{"count_expression": fmt.Sprintf(`{"constant_value":%d}`, n)}
		key := func(i int) string { return "[" + strconv.Itoa(i) + "]" }
		if s.layout == layoutForEach {
			extra = map[string]string{"for_each_expression": `{"references":["var.services"]}`}
			key = func(i int) string { return fmt.Sprintf(`["svc-%06d"]`, i) }
		}
		for i := 0; i < n; i++ {
			each("", key(i), i)
		}
		writeChanges(w, insts)
		mod, err := u.configModule(extra)
		if err != nil {
			return err
		}
		_, _ = w.WriteString(`],"configuration":{"root_module":`)
		_, _ = w.Write(mod)
		_, _ = w.WriteString(`}`)
	}
	_, _ = w.WriteString("}\n")
	return w.Flush()
}

// instance is one resource instance of a copy.
type instance struct {
	addr, module, key string
	copy              int
	change            *change
}

// writeChanges writes the instances' resource changes (the elements of
// resource_changes) sorted by address, as Terraform does.
func writeChanges(w *bufio.Writer, insts []instance) {
	sort.Slice(insts, func(i, j int) bool { return insts[i].addr < insts[j].addr })
	for i := range insts {
		in := &insts[i]
		if i > 0 {
			_ = w.WriteByte(',')
		}
		_, _ = w.WriteString(`{"address":`)
		writeString(w, in.addr)
		if in.module != "" {
			_, _ = w.WriteString(`,"module_address":`)
			writeString(w, in.module)
		}
		if in.key != "" {
			_, _ = w.WriteString(`,"index":`)
			_, _ = w.WriteString(in.key[1 : len(in.key)-1])
		}
		_ = w.WriteByte(',')
		name := named + strconv.Itoa(in.copy) + "-"
		for k, part := range in.change.rest {
			if k > 0 {
				_, _ = w.WriteString(name)
			}
			_, _ = w.Write(part)
		}
		_ = w.WriteByte('}')
	}
}

// call is a module call's configuration: source, extra members, the module.
func call(mod []byte, extra string) string {
	return `{"source":"./modules/app"` + extra + `,"module":` + string(mod) + `}`
}

// writeCalls ends resource_changes and writes a configuration of n module calls
// prefix<i>, each the same call.
func writeCalls(w *bufio.Writer, prefix string, n int, call string) {
	_, _ = w.WriteString(`],"configuration":{"root_module":{"module_calls":{`)
	for i := 0; i < n; i++ {
		if i > 0 {
			_ = w.WriteByte(',')
		}
		writeString(w, prefix+strconv.Itoa(i))
		_ = w.WriteByte(':')
		_, _ = w.WriteString(call)
	}
	_, _ = w.WriteString(`}}}`)
}

func writeString(w *bufio.Writer, s string) {
	b, _ := json.Marshal(s)
	_, _ = w.Write(b)
}

// CopiesFor returns how many copies make a plan of about size bytes.
func (s Shape) CopiesFor(dir string, size int64) (int, error) {
	var one, two countingWriter
	if err := s.Write(&one, dir, 1); err != nil {
		return 0, err
	}
	if err := s.Write(&two, dir, 2); err != nil {
		return 0, err
	}
	per := two.n - one.n
	if per <= 0 {
		return 1, nil
	}
	return int(max(1, (size-(one.n-per))/per)), nil
}

type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }
