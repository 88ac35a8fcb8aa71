package tracker

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"
)

// stUndo calls Undo and checks that it undid an event of the given kind and
// target and logged the matching EventUndo.
func stUndo(t *testing.T, s *Store, kind, target string) Event {
	t.Helper()
	before := stEvents(t, s)
	e, err := s.Undo()
	if err != nil {
		t.Fatalf("Undo: %v", err)
	}
	if e.Kind != kind || e.Target != target {
		t.Fatalf("Undo undid %s %s, want %s %s", e.Kind, e.Target, kind, target)
	}
	after := stEvents(t, s)
	if len(after) != len(before)+1 {
		t.Fatalf("Undo logged %d events, want 1", len(after)-len(before))
	}
	u := after[len(after)-1]
	if u.Kind != EventUndo || u.Target != strconv.FormatInt(e.ID, 10) || u.Old != e.New || u.New != e.Old {
		t.Errorf("undo event = %+v for undone %+v", u, e)
	}
	return e
}

func TestUndoLevelsAndSkips(t *testing.T) {
	s := stOpen(t)
	stMust(t, s.SetLevel("a", Learning, stDay(t, "2026-01-01")))
	stMust(t, s.SetLevel("a", Expert, time.Time{}))
	stMust(t, s.SetSkipped("b", true))

	stUndo(t, s, EventSkip, "b")
	p, err := s.Progress()
	stMust(t, err)
	if p.State("b").Skipped {
		t.Error("skip not undone")
	}
	stUndo(t, s, EventLevel, "a")
	p, err = s.Progress()
	stMust(t, err)
	if got := p.State("a").Level; got != Learning {
		t.Errorf("after one level undo: %v, want learning", got)
	}
	stUndo(t, s, EventLevel, "a")
	p, err = s.Progress()
	stMust(t, err)
	if got := p.State("a").Level; got != NotStarted {
		t.Errorf("after two level undos: %v, want not started", got)
	}
	if _, err := s.Undo(); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("Undo with nothing left: %v, want ErrNothingToUndo", err)
	}
	// Undo events are never undone themselves, and the log only grew.
	if n := len(stEvents(t, s)); n != 6 {
		t.Errorf("%d events, want 3 changes and 3 undos", n)
	}
}

func TestUndoOnNewDatabase(t *testing.T) {
	s := stOpen(t)
	if _, err := s.Undo(); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("Undo: %v, want ErrNothingToUndo", err)
	}
	if n := len(stEvents(t, s)); n != 0 {
		t.Errorf("a failed undo logged %d events", n)
	}
}

func TestUndoProfileFields(t *testing.T) {
	s := stOpen(t)
	p1 := Profile{Name: "Ada", Stage: "mid", StageSince: stDay(t, "2025-05-01"), Region: "uk"}
	stMust(t, s.SaveProfile(p1))
	p2 := p1
	p2.Stage, p2.StageSince, p2.Region = "senior", stDay(t, "2026-02-01"), "us"
	stMust(t, s.SaveProfile(p2))

	// SaveProfile logged stage, stage_since, region: undone newest first.
	stUndo(t, s, EventProfile, "region")
	stUndo(t, s, EventProfile, "stage_since")
	got, err := s.Profile()
	stMust(t, err)
	want := p1
	want.Stage = "senior"
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after two undos: %+v, want %+v", got, want)
	}
	stUndo(t, s, EventProfile, "stage")
	got, err = s.Profile()
	stMust(t, err)
	if !reflect.DeepEqual(got, p1) {
		t.Errorf("after three undos: %+v, want %+v", got, p1)
	}
	// Further back: the first save's fields return to the defaults.
	stUndo(t, s, EventProfile, "stage_since")
	stUndo(t, s, EventProfile, "stage")
	stUndo(t, s, EventProfile, "name")
	got, err = s.Profile()
	stMust(t, err)
	if want := (Profile{Stage: "junior", Region: "uk", StageSince: stToday}); !reflect.DeepEqual(got, want) {
		t.Errorf("after undoing everything: %+v, want %+v", got, want)
	}
	if _, err := s.Undo(); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("Undo: %v, want ErrNothingToUndo", err)
	}
}

func TestUndoEvidence(t *testing.T) {
	s := stOpen(t)
	e1, err := s.AddEvidence(Evidence{ItemID: "a", Note: "first", Link: "https://example.com/1", Date: stDay(t, "2026-01-01")})
	stMust(t, err)
	e2, err := s.AddEvidence(Evidence{ItemID: "a", Note: "second"})
	stMust(t, err)
	stMust(t, s.UpdateEvidence(Evidence{ID: e1.ID, Note: "first, edited", Date: stDay(t, "2026-01-02")}))
	stMust(t, s.DeleteEvidence(e2.ID))

	list := func() []Evidence {
		t.Helper()
		evs, err := s.Evidence("a")
		stMust(t, err)
		return evs
	}
	// Undo the delete: e2 comes back with the same id and content.
	stUndo(t, s, EventEvidence, "a")
	if got := list(); len(got) != 2 || !reflect.DeepEqual(got[1], e2) {
		t.Fatalf("after undoing the delete: %+v, want e2 %+v back", got, e2)
	}
	// Undo the edit: e1's old content.
	stUndo(t, s, EventEvidence, "a")
	if got := list(); !reflect.DeepEqual(got[0], e1) {
		t.Fatalf("after undoing the edit: %+v, want %+v", got[0], e1)
	}
	// Undo the second add: e2 goes.
	stUndo(t, s, EventEvidence, "a")
	if got := list(); len(got) != 1 || got[0].ID != e1.ID {
		t.Fatalf("after undoing the add: %+v", got)
	}
	stUndo(t, s, EventEvidence, "a")
	if got := list(); len(got) != 0 {
		t.Fatalf("after undoing everything: %+v", got)
	}
	// Ids are not reused after an undone add.
	e3, err := s.AddEvidence(Evidence{ItemID: "a", Note: "third"})
	stMust(t, err)
	if e3.ID <= e2.ID {
		t.Errorf("new evidence got id %d, not after %d", e3.ID, e2.ID)
	}
}

func TestUndoMixedHistory(t *testing.T) {
	s := stOpen(t)
	stMust(t, s.SetLevel("x", Proficient, time.Time{}))
	stMust(t, s.SaveProfile(Profile{Stage: "mid", Region: "uk", StageSince: stToday}))
	_, err := s.AddEvidence(Evidence{ItemID: "x", Note: "proof"})
	stMust(t, err)
	stUndo(t, s, EventEvidence, "x")
	// A new change after an undo is undone next; then the older ones.
	stMust(t, s.SetSkipped("y", true))
	stUndo(t, s, EventSkip, "y")
	stUndo(t, s, EventProfile, "stage")
	stUndo(t, s, EventLevel, "x")
	if _, err := s.Undo(); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("Undo: %v, want ErrNothingToUndo", err)
	}
	p, err := s.Progress()
	stMust(t, err)
	if p.Profile.Stage != "junior" || p.State("x").Level != NotStarted || p.State("y").Skipped {
		t.Errorf("after undoing everything: %+v", p)
	}
}

func TestUndoStopsAtImport(t *testing.T) {
	s := stOpen(t)
	stMust(t, s.SetLevel("x", Proficient, time.Time{}))
	stMust(t, s.write("import", func(tx *gorm.DB, now time.Time) error {
		return appendEvent(tx, now, EventImport, "backup.json", "", "")
	}))
	_, err := s.Undo()
	if !errors.Is(err, ErrNothingToUndo) || !strings.Contains(err.Error(), "backup.json") {
		t.Errorf("Undo after an import: %v, want ErrNothingToUndo naming the import", err)
	}
	p, err := s.Progress()
	stMust(t, err)
	if p.State("x").Level != Proficient {
		t.Error("Undo went past an import")
	}
}
