package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
)

// CSVHeader is the first row of the CSV export.
var CSVHeader = []string{"id", "kind", "stage", "group", "title", "level", "status", "updated_at", "evidence_count", "evidenced_level", "stage_place"}

// Statuses in the CSV export's status column.
const (
	StatusDone       = "done"        // level 3 (proficient) or 4 (expert), not skipped
	StatusInProgress = "in progress" // level 1 (learning) or 2 (practising)
	StatusNotStarted = "not started" // level 0
	StatusSkipped    = "skipped"     // marked "not applicable"
	// StatusNotTracked is an entry of a stage before the user's that was
	// never recorded: they started above it.
	StatusNotTracked = "not tracked"
)

// Places of an entry's stage in the CSV export's stage_place column,
// against the user's stage.
const (
	PlaceEarlier = "earlier"
	PlaceCurrent = "current"
	PlaceLater   = "later"
)

// KindOrphan is the kind of a CSV row for progress recorded under an id the
// roadmap no longer has.
const KindOrphan = "orphan"

// CSV writes one row per roadmap entry, in roadmap order, for spreadsheets
// (RFC 4180, comma separated, header first; see CSVHeader):
//
//   - id, kind (skill, criterion, milestone, branch), stage (stage id; empty
//     for branch items), group (skill group id; the branch id for branch
//     items), title;
//   - level: the number 0-4 (0 not started, 1 learning, 2 practising,
//     3 proficient, 4 expert);
//   - status: done, in progress, not started or skipped; "not tracked" for
//     an entry of an earlier stage that was never recorded;
//   - updated_at: when the entry last changed, RFC 3339 in UTC (empty when
//     never touched);
//   - evidence_count: the evidence recorded for the entry, only that dated
//     on or after Since when it is set;
//   - evidenced_level: the level the evidenced score counts for the entry
//     (0-4; for criteria and milestones 3 when confirmed with fresh
//     evidence, else 0); empty when the roadmap turns evidence off;
//   - stage_place: earlier, current or later, the entry's stage against the
//     user's; empty for branch items and when no stage is set.
//
// An entry's level and status are those the readiness score counts: its own
// state, or else one recorded under a former id (tracker.ResolveStates).
// Progress recorded under ids the roadmap no longer has follows as rows of
// kind "orphan". A cell that a spreadsheet would take for a formula (one
// starting with =, +, -, @, tab or carriage return) is prefixed with "'";
// control characters other than line breaks and tabs are written out as
// visible escapes (tracker.VisibleText).
func CSV(w io.Writer, d Data) error {
	rm := d.Roadmap
	if rm == nil {
		rm = &roadmap.Roadmap{}
	}
	counts := map[string]int{}
	byEntry := map[string][]tracker.Evidence{}
	for _, e := range d.Evidence {
		if d.Since.IsZero() || !e.Date.Before(d.Since) {
			counts[canonical(rm, e.ItemID)]++
		}
		byEntry[canonical(rm, e.ItemID)] = append(byEntry[canonical(rm, e.ItemID)], e)
	}
	rule := tracker.ReadinessSettings(rm).Evidence
	fresh := tracker.FreshFrom(rule, d.Now)
	evidenced := func(kind string, st tracker.ItemState) string {
		if rule.Off {
			return ""
		}
		counted, _ := tracker.EvidencedState(rule, kind, st, byEntry[st.ID], fresh)
		return strconv.Itoa(int(counted.Level))
	}
	// States by current id, former ids resolved as the score resolves them.
	states, orphans := tracker.ResolveStates(rm, d.Progress.Items)

	cw := csv.NewWriter(w)
	write := func(rec []string) error {
		for i := range rec {
			rec[i] = defuse(tracker.VisibleText(rec[i]))
		}
		return cw.Write(rec)
	}
	if err := write(append([]string(nil), CSVHeader...)); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	for _, e := range rm.Entries() {
		group := e.Group
		if e.Kind == roadmap.KindBranchItem {
			group = e.Branch
		}
		st := states.State(e.Item.ID)
		place := stagePlace(rm, e.Stage, d.Progress.Profile.Stage)
		row := csvRow(e.Item.ID, e.Kind, e.Stage, group, e.Item.Title, st, counts[e.Item.ID], evidenced(e.Kind, st))
		if place == PlaceEarlier && st.UpdatedAt.IsZero() && st.Level == tracker.NotStarted && !st.Skipped {
			row[6] = StatusNotTracked
		}
		if err := write(append(row, place)); err != nil {
			return fmt.Errorf("write CSV: %w", err)
		}
	}
	for _, id := range orphans {
		if err := write(append(csvRow(id, KindOrphan, "", "", id, d.Progress.Items[id], counts[id], ""), "")); err != nil {
			return fmt.Errorf("write CSV: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

func csvRow(id, kind, stage, group, title string, st tracker.ItemState, evidence int, evidenced string) []string {
	updated := ""
	if !st.UpdatedAt.IsZero() {
		updated = st.UpdatedAt.UTC().Format(time.RFC3339)
	}
	return []string{id, kind, stage, group, title, strconv.Itoa(int(st.Level)), Status(st), updated, strconv.Itoa(evidence), evidenced}
}

// stagePlace is the stage_place of an entry of stage for a user at mine.
func stagePlace(rm *roadmap.Roadmap, stage, mine string) string {
	i, me := rm.StageIndex(stage), rm.StageIndex(mine)
	switch {
	case stage == "" || i < 0 || me < 0:
		return ""
	case i < me:
		return PlaceEarlier
	case i == me:
		return PlaceCurrent
	}
	return PlaceLater
}

// Status is the CSV status of an entry's state: done, in progress, not
// started or skipped.
func Status(s tracker.ItemState) string {
	switch {
	case s.Skipped:
		return StatusSkipped
	case s.Done():
		return StatusDone
	case s.Level > tracker.NotStarted:
		return StatusInProgress
	}
	return StatusNotStarted
}

// defuse keeps a spreadsheet from running a cell as a formula: a cell that
// starts with =, +, -, @, tab or carriage return gets a leading "'".
func defuse(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
