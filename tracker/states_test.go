package tracker

import (
	"testing"
	"time"

	"devpath/roadmap"
)

// renamedRoadmap has new-id, formerly old-a and old-b, and other.
func renamedRoadmap(t *testing.T) *roadmap.Roadmap {
	t.Helper()
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
          - {id: new-id, title: Renamed skill, replaces: [old-a, old-b]}
          - {id: other, title: Other}
`))
	if err != nil {
		t.Fatal(err)
	}
	return rm
}

func TestResolveStatesFormerIDs(t *testing.T) {
	rm := renamedRoadmap(t)
	day := func(d int) time.Time { return time.Date(2025, 3, d, 0, 0, 0, 0, time.UTC) }
	items := map[string]ItemState{
		"old-a":   {ID: "old-a", Level: Expert, UpdatedAt: day(1)},
		"old-b":   {ID: "old-b", Level: Learning, UpdatedAt: day(4)},
		"gone-id": {ID: "gone-id", Level: Expert},
		"zzz-old": {ID: "zzz-old", Level: Learning},
		"other":   {ID: "other", Level: Practising},
	}
	st, orphans := ResolveStates(rm, items)
	if got := st.State("new-id"); got.ID != "new-id" || got.Level != Learning {
		t.Errorf("new-id = %+v, want Learning under new-id (old-b was updated last)", got)
	}
	if got := st.State("other"); got.Level != Practising {
		t.Errorf("other = %+v, want its own state", got)
	}
	if got := st.State("one-m"); got != (ItemState{ID: "one-m"}) {
		t.Errorf("one-m = %+v, want not started", got)
	}
	if len(orphans) != 2 || orphans[0] != "gone-id" || orphans[1] != "zzz-old" {
		t.Errorf("orphans = %v, want [gone-id zzz-old]", orphans)
	}
	if len(items) != 5 || items["old-b"].ID != "old-b" {
		t.Errorf("ResolveStates changed its input: %v", items)
	}

	// Same date: the higher level; same level too: the smaller former id.
	items["old-a"] = ItemState{ID: "old-a", Level: Proficient, UpdatedAt: day(4)}
	st, _ = ResolveStates(rm, items)
	if got := st.State("new-id").Level; got != Proficient {
		t.Errorf("same date: new-id = %v, want the higher level", got)
	}
	items["old-a"] = ItemState{ID: "old-a", Level: Learning, UpdatedAt: day(4), Skipped: true}
	st, _ = ResolveStates(rm, items)
	if got := st.State("new-id"); !got.Skipped {
		t.Errorf("same date and level: new-id = %+v, want old-a's (the smaller id)", got)
	}

	// The entry's own state wins over any former id, even an older one.
	items["new-id"] = ItemState{ID: "new-id", Level: NotStarted, UpdatedAt: day(1)}
	st, _ = ResolveStates(rm, items)
	if got := st.State("new-id"); got.Level != NotStarted || got.Skipped {
		t.Errorf("new-id = %+v, want its own state", got)
	}
}

func TestCountDone(t *testing.T) {
	entries := []roadmap.Entry{{Item: roadmap.Item{ID: "a"}}, {Item: roadmap.Item{ID: "b"}}, {Item: roadmap.Item{ID: "c"}}, {Item: roadmap.Item{ID: "d"}}}
	p := Progress{Items: map[string]ItemState{
		"a": {ID: "a", Level: Proficient},
		"b": {ID: "b", Level: Expert, Skipped: true}, // left out of both counts
		"c": {ID: "c", Level: Practising},
	}}
	if done, total := CountDone(entries, p.State); done != 1 || total != 3 {
		t.Errorf("CountDone = %d of %d, want 1 of 3", done, total)
	}
}
