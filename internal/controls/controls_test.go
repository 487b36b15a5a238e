package controls

import (
	"regexp"
	"sort"
	"strings"
	"testing"
)

func TestCatalogEntriesAreComplete(t *testing.T) {
	idFormat := regexp.MustCompile(`^HRD-[A-Z0-9]+-\d{3}$`)
	all := All()
	if len(all) == 0 {
		t.Fatal("the catalog is empty")
	}
	if !sort.SliceIsSorted(all, func(i, j int) bool { return all[i].ID < all[j].ID }) {
		t.Error("All() is not sorted by ID")
	}
	for _, c := range all {
		if !idFormat.MatchString(c.ID) {
			t.Errorf("%s: ID does not match %s", c.ID, idFormat)
		}
		if c.Title == "" || c.Rationale == "" || c.Remediation == "" {
			t.Errorf("%s: title, rationale and remediation are all required", c.ID)
		}
		if c.Severity.Rank() == 0 {
			t.Errorf("%s: unknown severity %q", c.ID, c.Severity)
		}
		seen := map[Framework]bool{}
		for _, r := range c.References {
			if r.ID == "" || seen[r.Framework] {
				t.Errorf("%s: empty or repeated reference for %s", c.ID, r.Framework)
			}
			seen[r.Framework] = true
		}
		if got, ok := Lookup(c.ID); !ok || got.ID != c.ID {
			t.Errorf("Lookup(%s) = %v, %v", c.ID, got.ID, ok)
		}
	}
	if _, ok := Lookup("HRD-NOPE-999"); ok {
		t.Error("Lookup of an unknown ID succeeded")
	}
}

// The thresholds are the published ones; a change here changes both the provider
// and the linter, so it must be deliberate.
func TestPasswordThresholds(t *testing.T) {
	for _, tc := range []struct {
		c    Control
		want int
		dir  Direction
	}{
		{PasswordMinimumLength, 14, Floor},
		{PasswordReusePrevention, 24, Floor},
		{PasswordMaxAge, 90, Ceiling},
	} {
		if tc.c.Threshold.Value != tc.want || tc.c.Threshold.Direction != tc.dir {
			t.Errorf("%s threshold = %s, want %d in direction %d", tc.c.ID, tc.c.Threshold, tc.want, tc.dir)
		}
	}
}

func TestCite(t *testing.T) {
	for _, tc := range []struct {
		c    Control
		want string
	}{
		{PasswordMinimumLength, "CIS AWS Foundations 1.8, Security Hub IAM.15"},
		{PasswordReusePrevention, "CIS AWS Foundations 1.9, Security Hub IAM.16"},
		{PasswordMaxAge, "CIS AWS Foundations v1.2.0 1.11, Security Hub IAM.17"},
		{PasswordPolicyExists, "Security Hub IAM.7"},
		{PasswordAllowUsersToChange, "control HRD-IAM-009"},
	} {
		if got := tc.c.Cite(); got != tc.want {
			t.Errorf("%s.Cite() = %q, want %q", tc.c.ID, got, tc.want)
		}
	}
	if got, want := PasswordMinimumLength.Ref(CISv500), "1.7"; got != want {
		t.Errorf("CIS v5.0.0 reference = %q, want %q", got, want)
	}
	if got := PasswordMinimumLength.CiteAll(); got == "" {
		t.Error("CiteAll is empty")
	}
}

func TestSeverityRank(t *testing.T) {
	order := []Severity{SeverityInfo, SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical}
	for i := 1; i < len(order); i++ {
		if order[i].Rank() <= order[i-1].Rank() {
			t.Errorf("%s should rank above %s", order[i], order[i-1])
		}
	}
	if Severity("bogus").Rank() != 0 {
		t.Error("unknown severity should rank 0")
	}
}

func TestPortsIn(t *testing.T) {
	c := NoWorldIngressAdminPortsIPv4
	for _, tc := range []struct {
		from, to int
		want     []string
	}{
		{22, 22, []string{"22 (SSH)"}},
		{443, 443, nil},
		{138, 138, []string{"137-139 (NetBIOS)"}},
		{3300, 3400, []string{"3306 (MySQL)", "3389 (RDP)"}},
		{0, 65535, nil}, // checked below by count
	} {
		got := c.PortsIn(tc.from, tc.to)
		if tc.from == 0 {
			if len(got) != len(AdminPorts) {
				t.Errorf("PortsIn(0, 65535) found %d ports, want all %d", len(got), len(AdminPorts))
			}
			continue
		}
		var names []string
		for _, p := range got {
			names = append(names, p.String())
		}
		if strings.Join(names, ",") != strings.Join(tc.want, ",") {
			t.Errorf("PortsIn(%d, %d) = %v, want %v", tc.from, tc.to, names, tc.want)
		}
	}
	// The ports the issue tracker and CIS name must stay in the list.
	for _, port := range []int{20, 21, 22, 23, 25, 53, 135, 137, 138, 139, 445, 1433, 1521, 2375, 2376, 3306, 3389,
		5432, 5500, 5601, 5900, 6379, 9200, 9300, 11211, 27017, 27018} {
		if len(c.PortsIn(port, port)) == 0 {
			t.Errorf("port %d is missing from AdminPorts", port)
		}
	}
}
