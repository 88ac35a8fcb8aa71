package report

import (
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
)

// TestDoneListUsesTheStateThatCounts checks that the reports' list of done
// entries takes an entry's state as the score does: its own state over a
// former id's, and among former ids the one updated last.
func TestDoneListUsesTheStateThatCounts(t *testing.T) {
	rm, err := roadmap.Load([]byte(`version: 2
id: renamed
title: Renamed
stages:
  - id: one
    title: One
    years: {min: 0, max: 2}
    milestone: {id: one-m, title: Milestone}
    skills:
      - id: g
        title: Group
        items:
          - {id: kept, title: Kept skill, replaces: [kept-old]}
          - {id: moved, title: Moved skill, replaces: [moved-a, moved-b]}
`))
	if err != nil {
		t.Fatal(err)
	}
	day := func(d int) time.Time { return time.Date(2025, 3, d, 0, 0, 0, 0, time.UTC) }
	items := map[string]tracker.ItemState{
		// kept's own state (learning) wins over the done former id.
		"kept":     {ID: "kept", Level: tracker.Learning, Date: day(8), UpdatedAt: day(8)},
		"kept-old": {ID: "kept-old", Level: tracker.Expert, Date: day(2), UpdatedAt: day(2)},
		// moved-b was updated last: proficient on the 6th, not expert on the 3rd.
		"moved-a": {ID: "moved-a", Level: tracker.Expert, Date: day(3), UpdatedAt: day(3)},
		"moved-b": {ID: "moved-b", Level: tracker.Proficient, Date: day(6), UpdatedAt: day(6)},
	}
	d := Data{Roadmap: rm, Progress: tracker.Progress{Items: items}}
	for range 10 { // map order varies from run to run
		done, _ := doneAndEvidence(rm, d)
		if len(done) != 1 {
			t.Fatalf("done list %+v, want only the moved skill", done)
		}
		if got := done[0]; got.Title != "Moved skill" || got.Level != tracker.Proficient.String() || got.Date != "2025-03-06" {
			t.Fatalf("done entry %+v, want Moved skill, %s on 2025-03-06 (recorded under moved-b)", got, tracker.Proficient)
		}
	}
}
