package store

import (
	"bytes"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/backup"
)

// stUndo calls Undo and checks that it undid an event of the given kind and
// target and logged the matching EventUndo.
func stUndo(t *testing.T, s *Store, kind, target string) tracker.Event {
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
	if u.Kind != tracker.EventUndo || u.Target != strconv.FormatInt(e.ID, 10) || u.Old != e.New || u.New != e.Old {
		t.Errorf("undo event = %+v for undone %+v", u, e)
	}
	return e
}

func TestUndoLevelsAndSkips(t *testing.T) {
	s := stOpen(t)
	stMust(t, s.SetLevel("a", tracker.Learning, stDay(t, "2026-01-01")))
	stMust(t, s.SetLevel("a", tracker.Expert, time.Time{}))
	stMust(t, s.SetSkipped("b", true))

	stUndo(t, s, tracker.EventSkip, "b")
	p, err := s.Progress()
	stMust(t, err)
	if p.State("b").Skipped {
		t.Error("skip not undone")
	}
	stUndo(t, s, tracker.EventLevel, "a")
	p, err = s.Progress()
	stMust(t, err)
	if got := p.State("a").Level; got != tracker.Learning {
		t.Errorf("after one level undo: %v, want learning", got)
	}
	stUndo(t, s, tracker.EventLevel, "a")
	p, err = s.Progress()
	stMust(t, err)
	if got := p.State("a").Level; got != tracker.NotStarted {
		t.Errorf("after two level undos: %v, want not started", got)
	}
	if _, err := s.Undo(); !errors.Is(err, tracker.ErrNothingToUndo) {
		t.Errorf("Undo with nothing left: %v, want ErrNothingToUndo", err)
	}
	// Undo events are never undone themselves, and the log only grew.
	if n := len(stEvents(t, s)); n != 6 {
		t.Errorf("%d events, want 3 changes and 3 undos", n)
	}
}

func TestUndoOnNewDatabase(t *testing.T) {
	s := stOpen(t)
	if _, err := s.Undo(); !errors.Is(err, tracker.ErrNothingToUndo) {
		t.Errorf("Undo: %v, want ErrNothingToUndo", err)
	}
	if n := len(stEvents(t, s)); n != 0 {
		t.Errorf("a failed undo logged %d events", n)
	}
}

func TestUndoProfileFields(t *testing.T) {
	s := stOpen(t)
	p1 := tracker.Profile{Name: "Ada", Stage: "mid", StageSince: stDay(t, "2025-05-01"), Region: "uk"}
	stMust(t, s.SaveProfile(p1))
	p2 := p1
	p2.Stage, p2.StageSince, p2.Region = "senior", stDay(t, "2026-02-01"), "us"
	stMust(t, s.SaveProfile(p2))

	// SaveProfile logged stage, stage_since, region: undone newest first.
	stUndo(t, s, tracker.EventProfile, "region")
	stUndo(t, s, tracker.EventProfile, "stage_since")
	got, err := s.Profile()
	stMust(t, err)
	want := p1
	want.Stage = "senior"
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after two undos: %+v, want %+v", got, want)
	}
	stUndo(t, s, tracker.EventProfile, "stage")
	got, err = s.Profile()
	stMust(t, err)
	if !reflect.DeepEqual(got, p1) {
		t.Errorf("after three undos: %+v, want %+v", got, p1)
	}
	// Further back: the first save's fields return to the defaults.
	stUndo(t, s, tracker.EventProfile, "stage_since")
	stUndo(t, s, tracker.EventProfile, "stage")
	stUndo(t, s, tracker.EventProfile, "name")
	got, err = s.Profile()
	stMust(t, err)
	if want := (tracker.Profile{Stage: "junior", Region: "uk", StageSince: stToday}); !reflect.DeepEqual(got, want) {
		t.Errorf("after undoing everything: %+v, want %+v", got, want)
	}
	if _, err := s.Undo(); !errors.Is(err, tracker.ErrNothingToUndo) {
		t.Errorf("Undo: %v, want ErrNothingToUndo", err)
	}
}

func TestUndoEvidence(t *testing.T) {
	s := stOpen(t)
	e1, err := s.AddEvidence(tracker.Evidence{ItemID: "a", Note: "first", Link: "https://example.com/1", Date: stDay(t, "2026-01-01")})
	stMust(t, err)
	e2, err := s.AddEvidence(tracker.Evidence{ItemID: "a", Note: "second"})
	stMust(t, err)
	stMust(t, s.UpdateEvidence(tracker.Evidence{ID: e1.ID, Note: "first, edited", Date: stDay(t, "2026-01-02")}))
	stMust(t, s.DeleteEvidence(e2.ID))

	list := func() []tracker.Evidence {
		t.Helper()
		evs, err := s.Evidence("a")
		stMust(t, err)
		return evs
	}
	// Undo the delete: e2 comes back with the same id and content.
	stUndo(t, s, tracker.EventEvidence, "a")
	if got := list(); len(got) != 2 || !reflect.DeepEqual(got[1], e2) {
		t.Fatalf("after undoing the delete: %+v, want e2 %+v back", got, e2)
	}
	// Undo the edit: e1's old content.
	stUndo(t, s, tracker.EventEvidence, "a")
	if got := list(); !reflect.DeepEqual(got[0], e1) {
		t.Fatalf("after undoing the edit: %+v, want %+v", got[0], e1)
	}
	// Undo the second add: e2 goes.
	stUndo(t, s, tracker.EventEvidence, "a")
	if got := list(); len(got) != 1 || got[0].ID != e1.ID {
		t.Fatalf("after undoing the add: %+v", got)
	}
	stUndo(t, s, tracker.EventEvidence, "a")
	if got := list(); len(got) != 0 {
		t.Fatalf("after undoing everything: %+v", got)
	}
	// Ids are not reused after an undone add.
	e3, err := s.AddEvidence(tracker.Evidence{ItemID: "a", Note: "third"})
	stMust(t, err)
	if e3.ID <= e2.ID {
		t.Errorf("new evidence got id %d, not after %d", e3.ID, e2.ID)
	}
}

func TestUndoMixedHistory(t *testing.T) {
	s := stOpen(t)
	stMust(t, s.SetLevel("x", tracker.Proficient, time.Time{}))
	stMust(t, s.SaveProfile(tracker.Profile{Stage: "mid", Region: "uk", StageSince: stToday}))
	_, err := s.AddEvidence(tracker.Evidence{ItemID: "x", Note: "proof"})
	stMust(t, err)
	stUndo(t, s, tracker.EventEvidence, "x")
	// A new change after an undo is undone next; then the older ones.
	stMust(t, s.SetSkipped("y", true))
	stUndo(t, s, tracker.EventSkip, "y")
	stUndo(t, s, tracker.EventProfile, "stage")
	stUndo(t, s, tracker.EventLevel, "x")
	if _, err := s.Undo(); !errors.Is(err, tracker.ErrNothingToUndo) {
		t.Errorf("Undo: %v, want ErrNothingToUndo", err)
	}
	p, err := s.Progress()
	stMust(t, err)
	if p.Profile.Stage != "junior" || p.State("x").Level != tracker.NotStarted || p.State("y").Skipped {
		t.Errorf("after undoing everything: %+v", p)
	}
}

func TestUndoStopsAtImport(t *testing.T) {
	s := stOpen(t)
	stMust(t, s.SetLevel("x", tracker.Proficient, time.Time{}))
	stMust(t, s.write("import", func(tx *gorm.DB, now time.Time) error {
		return appendEvent(tx, now, tracker.EventImport, "backup.json", "", "")
	}))
	_, err := s.Undo()
	if !errors.Is(err, tracker.ErrNothingToUndo) || !strings.Contains(err.Error(), "backup.json") {
		t.Errorf("Undo after an import: %v, want ErrNothingToUndo naming the import", err)
	}
	p, err := s.Progress()
	stMust(t, err)
	if p.State("x").Level != tracker.Proficient {
		t.Error("Undo went past an import")
	}
}

// stRedo calls Redo and checks that it redid an event of the given kind and
// target and logged an undo of the latest undo.
func stRedo(t *testing.T, s *Store, kind, target string) tracker.Event {
	t.Helper()
	before := stEvents(t, s)
	e, err := s.Redo()
	if err != nil {
		t.Fatalf("Redo: %v", err)
	}
	if e.Kind != kind || e.Target != target {
		t.Fatalf("Redo redid %s %s, want %s %s", e.Kind, e.Target, kind, target)
	}
	after := stEvents(t, s)
	if len(after) != len(before)+1 {
		t.Fatalf("Redo logged %d events, want 1", len(after)-len(before))
	}
	r := after[len(after)-1]
	id, err := strconv.ParseInt(r.Target, 10, 64)
	if err != nil || r.Kind != tracker.EventUndo {
		t.Fatalf("redo event = %+v, want an undo of an undo", r)
	}
	var undo tracker.Event
	for _, x := range before {
		if x.ID == id {
			undo = x
		}
	}
	if undo.Kind != tracker.EventUndo || undo.Target != strconv.FormatInt(e.ID, 10) || r.Old != undo.New || r.New != undo.Old {
		t.Errorf("redo event %+v reverts %+v, want the undo of %+v", r, undo, e)
	}
	return e
}

func stLevel(t *testing.T, s *Store, id string) tracker.Level {
	t.Helper()
	p, err := s.Progress()
	stMust(t, err)
	return p.State(id).Level
}

func TestRedoBringsBackWhatUndoReverted(t *testing.T) {
	s := stOpen(t)
	stMust(t, s.SetLevel("a", tracker.Learning, time.Time{}))
	stMust(t, s.SetLevel("b", tracker.Expert, time.Time{}))

	if _, err := s.Redo(); !errors.Is(err, tracker.ErrNothingToRedo) {
		t.Errorf("Redo before any undo: %v, want ErrNothingToRedo", err)
	}
	stUndo(t, s, tracker.EventLevel, "b")
	stUndo(t, s, tracker.EventLevel, "a")
	if stLevel(t, s, "a") != tracker.NotStarted || stLevel(t, s, "b") != tracker.NotStarted {
		t.Fatal("undos did not revert")
	}
	// Redo goes forward in the order the undos went back.
	stRedo(t, s, tracker.EventLevel, "a")
	if got := stLevel(t, s, "a"); got != tracker.Learning {
		t.Errorf("a after redo: %v, want learning", got)
	}
	stRedo(t, s, tracker.EventLevel, "b")
	if got := stLevel(t, s, "b"); got != tracker.Expert {
		t.Errorf("b after redo: %v, want expert", got)
	}
	if _, err := s.Redo(); !errors.Is(err, tracker.ErrNothingToRedo) {
		t.Errorf("Redo with nothing undone: %v, want ErrNothingToRedo", err)
	}
	// A redo is undone like any change, and can be redone again.
	stUndo(t, s, tracker.EventLevel, "b")
	if got := stLevel(t, s, "b"); got != tracker.NotStarted {
		t.Errorf("b after undoing the redo: %v, want not started", got)
	}
	stRedo(t, s, tracker.EventLevel, "b")
	if got := stLevel(t, s, "b"); got != tracker.Expert {
		t.Errorf("b after the second redo: %v, want expert", got)
	}
	stUndo(t, s, tracker.EventLevel, "b")
	stUndo(t, s, tracker.EventLevel, "a")
	if _, err := s.Undo(); !errors.Is(err, tracker.ErrNothingToUndo) {
		t.Errorf("Undo past the first change: %v, want ErrNothingToUndo", err)
	}
}

func TestRedoEndsWithANewChange(t *testing.T) {
	s := stOpen(t)
	stMust(t, s.SetLevel("a", tracker.Learning, time.Time{}))
	stUndo(t, s, tracker.EventLevel, "a")
	stMust(t, s.SetSkipped("c", true))
	n := len(stEvents(t, s))
	if _, err := s.Redo(); !errors.Is(err, tracker.ErrNothingToRedo) {
		t.Errorf("Redo after a new change: %v, want ErrNothingToRedo", err)
	}
	if len(stEvents(t, s)) != n || stLevel(t, s, "a") != tracker.NotStarted {
		t.Error("a refused redo changed something")
	}
	// An import ends redo too.
	stUndo(t, s, tracker.EventSkip, "c")
	stMust(t, s.write("import", func(tx *gorm.DB, now time.Time) error {
		return appendEvent(tx, now, tracker.EventImport, "backup.json", "", "")
	}))
	if _, err := s.Redo(); !errors.Is(err, tracker.ErrNothingToRedo) {
		t.Errorf("Redo after an import: %v, want ErrNothingToRedo", err)
	}
}

func TestRedoProfileAndEvidence(t *testing.T) {
	s := stOpen(t)
	stMust(t, s.SaveProfile(tracker.Profile{Name: "Sam", Stage: "mid", Region: "uk", StageSince: stToday}))
	added, err := s.AddEvidence(tracker.Evidence{ItemID: "x", Note: "proof"})
	stMust(t, err)
	stMust(t, s.DeleteEvidence(added.ID))

	stUndo(t, s, tracker.EventEvidence, "x") // the deletion
	stUndo(t, s, tracker.EventEvidence, "x") // the addition
	if ev, err := s.Evidence("x"); err != nil || len(ev) != 0 {
		t.Fatalf("evidence after undoing both: %v, %v", ev, err)
	}
	stRedo(t, s, tracker.EventEvidence, "x")
	ev, err := s.Evidence("x")
	stMust(t, err)
	if len(ev) != 1 || ev[0].Note != "proof" || ev[0].ID != added.ID {
		t.Fatalf("evidence after redoing the addition: %+v", ev)
	}
	stRedo(t, s, tracker.EventEvidence, "x")
	if ev, err := s.Evidence("x"); err != nil || len(ev) != 0 {
		t.Fatalf("evidence after redoing the deletion: %v, %v", ev, err)
	}

	p, err := s.Profile()
	stMust(t, err)
	for p.Name != "" {
		if _, err := s.Undo(); err != nil {
			t.Fatalf("undoing the profile: %v", err)
		}
		p, err = s.Profile()
		stMust(t, err)
	}
	stRedo(t, s, tracker.EventProfile, "name")
	p, err = s.Profile()
	stMust(t, err)
	if p.Name != "Sam" {
		t.Errorf("name after redo: %q, want Sam", p.Name)
	}
}

func TestRedoSurvivesRestartAndBackup(t *testing.T) {
	path := stPath(t)
	s := stOpenAt(t, path)
	stMust(t, s.SetLevel("linux-systemd", tracker.Proficient, time.Time{}))
	stUndo(t, s, tracker.EventLevel, "linux-systemd")
	stMust(t, s.Close())

	s = stOpenAt(t, path)
	stRedo(t, s, tracker.EventLevel, "linux-systemd")
	stUndo(t, s, tracker.EventLevel, "linux-systemd")

	// The log with redos is a valid backup, and the restored database can
	// redo in its turn.
	b, err := s.Export()
	stMust(t, err)
	var buf bytes.Buffer
	stMust(t, backup.Write(&buf, b))
	back, err := backup.Read(&buf, backup.DefaultLimit)
	stMust(t, err)
	dst := stOpen(t)
	_, err = dst.Import(back, false, roadmap.Default())
	stMust(t, err)
	if got := stLevel(t, dst, "linux-systemd"); got != tracker.NotStarted {
		t.Fatalf("after the import: %v, want not started", got)
	}
	// Replacing takes the backup's log as it is, so the redo waiting there
	// waits here too.
	stRedo(t, dst, tracker.EventLevel, "linux-systemd")
	if got := stLevel(t, dst, "linux-systemd"); got != tracker.Proficient {
		t.Errorf("after the redo in the restored database: %v, want proficient", got)
	}
	// A merge logs the import, which ends redo.
	stUndo(t, dst, tracker.EventLevel, "linux-systemd")
	b2, err := s.Export()
	stMust(t, err)
	_, err = dst.Import(b2, true, roadmap.Default())
	stMust(t, err)
	if _, err := dst.Redo(); !errors.Is(err, tracker.ErrNothingToRedo) {
		t.Errorf("Redo across a merge: %v, want ErrNothingToRedo", err)
	}

	// The history replays a redo as the change taking effect again.
	day := stToday.AddDate(0, 0, 1)
	rm := roadmap.Default()
	plain := stOpen(t)
	stMust(t, plain.SetLevel("linux-systemd", tracker.Proficient, time.Time{}))
	want := tracker.History(rm, stEvents(t, plain), day)
	redone := stOpen(t)
	stMust(t, redone.SetLevel("linux-systemd", tracker.Proficient, time.Time{}))
	stUndo(t, redone, tracker.EventLevel, "linux-systemd")
	stRedo(t, redone, tracker.EventLevel, "linux-systemd")
	got := tracker.History(rm, stEvents(t, redone), day)
	if len(got) == 0 || len(want) == 0 || got[len(got)-1].Score != want[len(want)-1].Score {
		t.Errorf("history after a redo ends at %+v, want %+v", got, want)
	}
}

func TestUpdateProfileWritesOnlyTheChangedFields(t *testing.T) {
	path := stPath(t)
	a := stOpenAt(t, path)
	b := stOpenAt(t, path)
	stMust(t, a.SaveProfile(tracker.Profile{Name: "Sam", Stage: "mid", Region: "uk", StageSince: stDay(t, "2025-01-15")}))
	// Another process renames the profile after a read it.
	stMust(t, b.UpdateProfile(func(p *tracker.Profile) { p.Name = "Sam Jones" }))
	n := len(stEvents(t, a))
	stMust(t, a.UpdateProfile(func(p *tracker.Profile) { p.Region = "us" }))
	p, err := a.Profile()
	stMust(t, err)
	if p.Name != "Sam Jones" || p.Region != "us" || p.Stage != "mid" {
		t.Errorf("profile after two updates = %+v, want the other's name and this region", p)
	}
	evs := stEvents(t, a)
	if len(evs) != n+1 || evs[n].Target != "region" {
		t.Errorf("the update logged %v, want one region change", evs[n:])
	}
	if err := a.UpdateProfile(func(p *tracker.Profile) { p.Region = "fr" }); err == nil || !strings.Contains(err.Error(), "region") {
		t.Errorf("a bad region: %v", err)
	}
	if got := len(stEvents(t, a)); got != n+1 {
		t.Errorf("a refused update logged %d events", got-n-1)
	}
}

func TestDataVersionSeesOtherConnectionsOnly(t *testing.T) {
	path := stPath(t)
	a := stOpenAt(t, path)
	b := stOpenAt(t, path)
	v0, err := a.DataVersion()
	stMust(t, err)
	stMust(t, a.SetLevel("x", tracker.Learning, time.Time{}))
	if v, err := a.DataVersion(); err != nil || v != v0 {
		t.Errorf("own write moved data_version from %d to %d (%v)", v0, v, err)
	}
	stMust(t, b.SetLevel("y", tracker.Learning, time.Time{}))
	if v, err := a.DataVersion(); err != nil || v == v0 {
		t.Errorf("another connection's write left data_version at %d (%v)", v, err)
	}
}
