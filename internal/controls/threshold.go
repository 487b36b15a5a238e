package controls

import "fmt"

// Direction says which side of a threshold complies.
type Direction int

const (
	// NoThreshold: the control has no numeric limit.
	NoThreshold Direction = iota
	// Floor: values at or above the limit comply (a minimum length, a retention period).
	Floor
	// Ceiling: values at or below the limit comply (a maximum age, a number of ports).
	Ceiling
)

// Threshold is a control's numeric limit with its direction. The provider's
// validators and the linter's rules both ask it, so a limit and the side that
// complies are written once.
type Threshold struct {
	Value     int
	Direction Direction
}

// AtLeast is a floor: n complies when n >= v.
func AtLeast(v int) Threshold { return Threshold{Value: v, Direction: Floor} }

// AtMost is a ceiling: n complies when n <= v.
func AtMost(v int) Threshold { return Threshold{Value: v, Direction: Ceiling} }

// IsSet reports whether the control has a numeric limit.
func (t Threshold) IsSet() bool { return t.Direction != NoThreshold }

// Limit is the value as an int64, the type Terraform numbers are read as.
func (t Threshold) Limit() int64 { return int64(t.Value) }

// Allows reports whether n complies. A control without a threshold allows everything.
func (t Threshold) Allows(n int64) bool {
	switch t.Direction {
	case Floor:
		return n >= t.Limit()
	case Ceiling:
		return n <= t.Limit()
	}
	return true
}

// Violated reports whether n breaks the threshold: !Allows(n).
func (t Threshold) Violated(n int64) bool { return !t.Allows(n) }

// Bound is the comparison in words, "at least" or "at most" ("" without a threshold).
func (t Threshold) Bound() string {
	switch t.Direction {
	case Floor:
		return "at least"
	case Ceiling:
		return "at most"
	}
	return ""
}

// String is the requirement in words, such as "at least 14" or "at most 90";
// validators' and rules' messages use it so both halves say the same thing.
func (t Threshold) String() string {
	if !t.IsSet() {
		return "no threshold"
	}
	return fmt.Sprintf("%s %d", t.Bound(), t.Value)
}
