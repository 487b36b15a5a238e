package rules

import (
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// portNames renders ports for a message: "22 (SSH), 3389 (RDP)".
func portNames(ps []controls.Port) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.String()
	}
	return strings.Join(names, ", ")
}
