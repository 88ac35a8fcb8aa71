package store

import (
	"errors"
	"reflect"
	"strconv"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/backup"
)

// stLevels returns the level and skip of each id.
func stLevels(t *testing.T, s *Store, ids []string) map[string]tracker.ItemState {
	t.Helper()
	p, err := s.Progress()
	stMust(t, err)
	out := map[string]tracker.ItemState{}
	for _, id := range ids {
		st := p.State(id)
		out[id] = tracker.ItemState{ID: id, Level: st.Level, Skipped: st.Skipped}
	}
	return out
}

// TestMarkEntriesOneStep marks a stage done as one change: higher levels
// and N/A stay, one undo puts back exactly what was there, one redo brings
// the whole step back, and the change before the step is undone next.
func TestMarkEntriesOneStep(t *testing.T) {
	s := stOpen(t)
	rm := roadmap.Default()
	stMust(t, s.SaveProfile(tracker.Profile{Stage: "senior", Region: "uk"}))
	ids, err := tracker.StageStepIDs(rm, tracker.Profile{}, "junior")
	stMust(t, err)
	if len(ids) < 10 {
		t.Fatalf("junior has %d entries", len(ids))
	}
	// Before: one expert, one learning, one N/A, the rest untouched.
	stMust(t, s.SetLevel(ids[0], tracker.Expert, time.Time{}))
	stMust(t, s.SetLevel(ids[1], tracker.Learning, time.Time{}))
	stMust(t, s.SetSkipped(ids[2], true))
	before := stLevels(t, s, ids)
	nBefore := len(stEvents(t, s))

	n, err := s.MarkEntries(ids, true, time.Time{})
	stMust(t, err)
	if want := len(ids) - 2; n != want {
		t.Errorf("MarkEntries changed %d entries, want %d (all but the expert and the N/A)", n, want)
	}
	after := stLevels(t, s, ids)
	for _, id := range ids {
		want := tracker.Proficient
		switch id {
		case ids[0]:
			want = tracker.Expert
		case ids[2]:
			want = tracker.NotStarted
		}
		if after[id].Level != want {
			t.Errorf("%s after the step: %v, want %v", id, after[id].Level, want)
		}
	}
	if !after[ids[2]].Skipped {
		t.Errorf("%s lost its N/A", ids[2])
	}
	evs := stEvents(t, s)[nBefore:]
	if len(evs) != n {
		t.Fatalf("the step logged %d events, want %d", len(evs), n)
	}
	for _, e := range evs {
		if e.Step == 0 || e.Step != evs[0].Step || e.Kind != tracker.EventLevel {
			t.Fatalf("step event %+v: want level events sharing one non-zero step", e)
		}
	}

	undone, err := s.UndoStep()
	stMust(t, err)
	if len(undone) != n {
		t.Errorf("one undo reverted %d events, want %d", len(undone), n)
	}
	if got := stLevels(t, s, ids); !reflect.DeepEqual(got, before) {
		t.Errorf("after one undo:\n%v\nwant what was before:\n%v", got, before)
	}
	redone, err := s.RedoStep()
	stMust(t, err)
	if len(redone) != n {
		t.Errorf("one redo brought back %d events, want %d", len(redone), n)
	}
	if got := stLevels(t, s, ids); !reflect.DeepEqual(got, after) {
		t.Errorf("after the redo:\n%v\nwant the step's result:\n%v", got, after)
	}
	// Undo the redone step, then the skip made before it.
	if evs, err := s.UndoStep(); err != nil || len(evs) != n {
		t.Fatalf("undo of the redone step: %d events, %v", len(evs), err)
	}
	if got := stLevels(t, s, ids); !reflect.DeepEqual(got, before) {
		t.Errorf("after undoing the redo: %v, want %v", got, before)
	}
	e, err := s.Undo()
	stMust(t, err)
	if e.Kind != tracker.EventSkip || e.Target != ids[2] {
		t.Errorf("the next undo reverted %s %s, want the skip of %s", e.Kind, e.Target, ids[2])
	}
	// Redo twice: the skip, then the whole step again.
	_, err = s.Redo()
	stMust(t, err)
	redone, err = s.RedoStep()
	stMust(t, err)
	if len(redone) != n {
		t.Errorf("second redo: %d events, want %d", len(redone), n)
	}
	if got := stLevels(t, s, ids); !reflect.DeepEqual(got, after) {
		t.Errorf("after redoing both: %v, want %v", got, after)
	}
	if _, err := s.Redo(); !errors.Is(err, tracker.ErrNothingToRedo) {
		t.Errorf("a third redo: %v, want ErrNothingToRedo", err)
	}

	// The replay of the log (History's chart) ends where Assess is now.
	p, err := s.Progress()
	stMust(t, err)
	want := tracker.Assess(rm, p, stToday).Readiness.Score
	series, err := s.ReadinessHistory(rm, stToday)
	stMust(t, err)
	if last := series.Points[len(series.Points)-1]; last.Score != want {
		t.Errorf("the replay ends at %.1f, Assess says %.1f", last.Score, want)
	}
	if got := tracker.History(rm, stEvents(t, s), stToday); got[len(got)-1].Score != want {
		t.Errorf("History ends at %.1f, want %.1f", got[len(got)-1].Score, want)
	}
}

// TestMarkEntriesNotStarted sets a group back and undoes that in one step.
func TestMarkEntriesNotStarted(t *testing.T) {
	s := stOpen(t)
	ids := []string{"aws-ec2", "aws-vpc", "aws-iam"}
	stMust(t, s.SetLevel("aws-ec2", tracker.Expert, time.Time{}))
	stMust(t, s.SetLevel("aws-vpc", tracker.Learning, time.Time{}))
	before := stLevels(t, s, ids)
	n, err := s.MarkEntries(ids, false, time.Time{})
	stMust(t, err)
	if n != 2 {
		t.Errorf("changed %d, want 2", n)
	}
	for id, st := range stLevels(t, s, ids) {
		if st.Level != tracker.NotStarted {
			t.Errorf("%s: %v, want not started", id, st.Level)
		}
	}
	stMust(t, func() error { _, err := s.UndoStep(); return err }())
	if got := stLevels(t, s, ids); !reflect.DeepEqual(got, before) {
		t.Errorf("after undo %v, want %v", got, before)
	}
	// Nothing to change logs nothing; bad ids change nothing.
	nEv := len(stEvents(t, s))
	n, err = s.MarkEntries([]string{"aws-iam"}, false, time.Time{})
	if err != nil || n != 0 {
		t.Errorf("setting back what is not started: %d, %v", n, err)
	}
	if _, err := s.MarkEntries([]string{"aws-iam", "Not An Id"}, true, time.Time{}); err == nil {
		t.Error("a bad id was accepted")
	}
	if _, err := s.MarkEntries([]string{"aws-iam", "aws-iam"}, true, time.Time{}); err == nil {
		t.Error("an id listed twice was accepted")
	}
	if got := len(stEvents(t, s)); got != nEv {
		t.Errorf("refused steps logged %d events", got-nEv)
	}
}

// TestStepTravelsInBackups exports a log with a step and imports it: the
// step is still one undo. A backup without steps (older) imports with
// every event a change of its own.
func TestStepTravelsInBackups(t *testing.T) {
	src := stOpen(t)
	ids := []string{"aws-ec2", "aws-vpc", "aws-iam"}
	_, err := src.MarkEntries(ids, true, time.Time{})
	stMust(t, err)
	b, err := src.Export()
	stMust(t, err)
	steps := 0
	for _, e := range b.Events {
		if e.Step != 0 {
			steps++
		}
	}
	if steps != 3 {
		t.Fatalf("the backup carries %d events of a step, want 3", steps)
	}
	// An older backup: no steps at all.
	old := b
	old.Events = append([]tracker.Event(nil), b.Events...)
	for i := range old.Events {
		old.Events[i].Step = 0
	}
	for _, tc := range []struct {
		name string
		b    backup.Backup
	}{
		{"with steps", b},
		{"older, without", old},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dst := stOpen(t)
			_, err := dst.Import(tc.b, false, roadmap.Default())
			stMust(t, err)
			// An import ends undo; the imported log's step is in it.
			got := stEvents(t, dst)
			n := 0
			for _, e := range got {
				if e.Step != 0 {
					n++
				}
			}
			if want := map[bool]int{true: 3, false: 0}[tc.name == "with steps"]; n != want {
				t.Errorf("imported log has %d step events, want %d", n, want)
			}
		})
	}
}

// TestOlderDatabaseGetsSteps opens a database of schema version 7 (no step
// column): it is migrated, its events stay changes of their own, and a
// step works after.
func TestOlderDatabaseGetsSteps(t *testing.T) {
	path := stPath(t)
	s := stOpenAt(t, path)
	stMust(t, s.SetLevel("aws-ec2", tracker.Proficient, time.Time{}))
	stMust(t, s.Close())
	db := stRaw(t, path)
	stExec(t, db,
		"DROP TRIGGER events_no_update", "DROP TRIGGER events_no_delete",
		"ALTER TABLE events DROP COLUMN step",
		"DELETE FROM schema_version WHERE version >= 8",
		"DROP TABLE plan_settings", "DROP TABLE plan_items", "DROP TABLE reconfirmations",
		`CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END`,
		`CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END`)
	stMust(t, db.Close())

	s = stOpenAt(t, path)
	_, err := s.MarkEntries([]string{"aws-vpc", "aws-iam"}, true, time.Time{})
	stMust(t, err)
	evs, err := s.UndoStep()
	stMust(t, err)
	if len(evs) != 2 {
		t.Errorf("undo after the upgrade reverted %d events, want the step's 2", len(evs))
	}
	e, err := s.Undo()
	stMust(t, err)
	if e.Target != "aws-ec2" || e.Old != strconv.Itoa(int(tracker.NotStarted)) {
		t.Errorf("then %+v, want the older tick of aws-ec2", e)
	}
}
