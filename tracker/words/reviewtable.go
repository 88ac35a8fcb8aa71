package words

import (
	"fmt"
	"time"

	"devpath/tracker"
)

// ReviewColumns are the headings of a review's comparison, in the order
// of ReviewRow's fields. The manager's column is "Manager": their name is
// said once, above the table (ReviewSigned), not on every row.
var ReviewColumns = [...]string{"Entry", "You", "Manager", "Gap", "Comment"}

// WideMark marks a wide gap (tracker.ComparedEntry.Wide) in the Gap
// column, in the window and on the command line alike: the mark reads
// where the window's warning colour does not.
const WideMark = "‼"

// Gap words for the entries whose gap is not a number of levels.
const (
	// SameState is the gap of a criterion or milestone both confirm, or
	// both do not.
	SameState = "same"
	// OtherState is the gap of a criterion or milestone confirmed on one
	// side only.
	OtherState = "differs"
	// NoGap is the gap of an entry the engineer marked not applicable:
	// it has no level to measure from.
	NoGap = "—"
)

// ReviewRow is one entry of a review's comparison in words: what the
// window's table and the command line's table both show, cell for cell.
type ReviewRow struct {
	ID      string
	Entry   string
	You     string
	Manager string
	// Gap is the gap in levels ("+1", "−2", "0"), or in states ("same",
	// "differs"), or NoGap; a wide one starts with WideMark.
	Gap     string
	Comment string
	// Wide is the entry's tracker.ComparedEntry.Wide, for the window's
	// colour.
	Wide bool
}

// ReviewRows are the rows of a review's comparison, in its order.
func ReviewRows(c tracker.Comparison) []ReviewRow {
	rows := make([]ReviewRow, len(c.Entries))
	for i, e := range c.Entries {
		rows[i] = ReviewRowOf(e)
	}
	return rows
}

// ReviewRowOf words one compared entry: skills by level, criteria and the
// milestone as confirmed or not confirmed, an entry the engineer marked
// not applicable as NA (on the manager's side too, unless they gave it a
// level), with no gap in levels.
func ReviewRowOf(e tracker.ComparedEntry) ReviewRow {
	r := ReviewRow{ID: e.ID, Entry: tracker.OneLine(e.Title), You: LevelFor(e.Kind, e.Self), Manager: LevelFor(e.Kind, e.Manager),
		Comment: tracker.OneLine(e.Comment), Wide: e.Wide}
	switch {
	case e.Skipped:
		r.You, r.Gap = NA, NoGap
		if e.Agrees() {
			r.Manager = NA
		}
	case e.States && e.Agrees():
		r.Gap = SameState
	case e.States:
		r.Gap = OtherState
	default:
		r.Gap = Gap(e.Gap)
	}
	if e.Wide {
		r.Gap = WideMark + " " + r.Gap
	}
	return r
}

// ReviewSigned names the reviewer once, with the day they signed and
// their key's fingerprint (a name can be imitated, the key cannot).
func ReviewSigned(c tracker.Comparison, fingerprint string) string {
	who := c.Reviewer
	if who == "" {
		who = "your manager"
	}
	s := "Reviewed by " + who
	if !c.SignedAt.IsZero() {
		s += ", signed " + c.SignedAt.Format(time.DateOnly)
	}
	if fingerprint != "" {
		s += " with the key " + fingerprint
	}
	return s + "."
}

// ReviewAgreement says on how many entries the two agree, and what the
// mark means.
func ReviewAgreement(c tracker.Comparison) string {
	agree := 0
	for _, e := range c.Entries {
		if e.Agrees() {
			agree++
		}
	}
	entries := "entries"
	if len(c.Entries) == 1 {
		entries = "entry"
	}
	return fmt.Sprintf("You agree on %d of %d %s (%s). %s marks skills %d levels apart or more, and a criterion or milestone confirmed on one side only.",
		agree, len(c.Entries), entries, tracker.Percent(c.Agreement), WideMark, tracker.WideGap)
}

// ReviewReadiness sets the two readiness scores side by side.
func ReviewReadiness(c tracker.Comparison) string {
	return fmt.Sprintf("Readiness: %.1f from your levels, %.1f from your manager's.", c.Readiness.Self, c.Readiness.Manager)
}
