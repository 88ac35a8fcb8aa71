package core

import (
	"path/filepath"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
)

// TestApplyAStageStep: a stage marked done through Apply reports the
// scores before and after; one UndoStep brings the score back, RedoStep
// takes it up again, and the readiness over time ends where the score is.
func TestApplyAStageStep(t *testing.T) {
	now := time.Date(2026, 3, 16, 10, 0, 0, 0, time.UTC)
	db, err := New(Config{DB: filepath.Join(t.TempDir(), "d.db"), Now: func() time.Time { return now }, Getenv: env(nil)}).Open()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	rm := roadmap.Default()
	if err := db.SaveProfile(tracker.Profile{Stage: "junior", StageSince: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), Region: "uk"}); err != nil {
		t.Fatal(err)
	}
	ch, err := db.Apply(rm, func(before tracker.Progress) (bool, error) {
		ids, err := tracker.StageStepIDs(rm, before.Profile, "junior")
		if err != nil {
			return false, err
		}
		n, err := db.MarkEntries(ids, true, time.Time{})
		return n > 0, err
	})
	if err != nil || !ch.Changed {
		t.Fatalf("Apply: changed %v, %v", ch.Changed, err)
	}
	was, is := ch.Was.Readiness.Score, ch.Is.Readiness.Score
	if is <= was || ch.ScoreChange() != is-was {
		t.Errorf("the step moved the score %.1f → %.1f (change %.1f)", was, is, ch.ScoreChange())
	}
	score := func() float64 {
		p, err := db.Progress()
		if err != nil {
			t.Fatal(err)
		}
		return tracker.Assess(rm, p, db.Today()).Readiness.Score
	}
	if _, err := db.UndoStep(); err != nil || score() != was {
		t.Errorf("after one undo the score is %.1f (%v), want %.1f", score(), err, was)
	}
	if _, err := db.RedoStep(); err != nil || score() != is {
		t.Errorf("after the redo the score is %.1f (%v), want %.1f", score(), err, is)
	}
	series, err := db.ReadinessHistory(rm, db.Today())
	if err != nil {
		t.Fatal(err)
	}
	if last := series.Points[len(series.Points)-1].Score; last != is {
		t.Errorf("the readiness over time ends at %.1f, want %.1f", last, is)
	}
}
