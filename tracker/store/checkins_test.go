package store

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
)

// A check-in saves the score of the levels it saves, whatever the caller
// saw before: here a second store ticks an entry between the first one's
// reading and its check-in.
func TestCheckInNowScoresWhatItSaves(t *testing.T) {
	s := stOpen(t)
	rm := roadmap.Default()
	day := tracker.Day(stNow)
	stMust(t, s.SaveProfile(tracker.Profile{Stage: "mid", StageSince: time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC), Region: "uk"}))
	before, err := s.Progress()
	stMust(t, err)
	seen := tracker.Assess(rm, before, day)

	other := stOpenAt(t, s.Path())
	stMust(t, other.SetLevel("k8s-rbac", tracker.Proficient, day))

	c, err := s.CheckInNow("", rm, day)
	stMust(t, err)
	after, err := s.Progress()
	stMust(t, err)
	want := tracker.Assess(rm, after, day)
	if c.Score != want.Readiness.Score || c.Score == seen.Readiness.Score {
		t.Errorf("the check-in saved %.1f; the levels it saved score %.1f (the caller had seen %.1f)", c.Score, want.Readiness.Score, seen.Readiness.Score)
	}
	if c.Items["k8s-rbac"].Level != tracker.Proficient {
		t.Errorf("the check-in lacks the other store's tick: %+v", c.Items["k8s-rbac"])
	}
	if c.Label != "2026-03-15" || c.RoadmapID != rm.ID {
		t.Errorf("check-in %q under %q, want today's date under %q", c.Label, c.RoadmapID, rm.ID)
	}
}

func TestCheckInNowLabels(t *testing.T) {
	s := stOpen(t)
	rm := roadmap.Default()
	day := tracker.Day(stNow)
	for _, want := range []string{"2026-03-15", "2026-03-15 (2)", "2026-03-15 (3)"} {
		c, err := s.CheckInNow("  ", rm, day)
		if err != nil || c.Label != want {
			t.Fatalf("a check-in without a label: %q, %v; want %q", c.Label, err, want)
		}
	}
	if _, err := s.CheckInNow("Q1 review", rm, day); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CheckInNow(" Q1 review ", rm, day); !errors.Is(err, tracker.ErrLabelTaken) {
		t.Errorf("a label taken: %v, want ErrLabelTaken", err)
	}
	for _, bad := range []string{"42", "two\nlines"} {
		if _, err := s.CheckInNow(bad, rm, day); err == nil {
			t.Errorf("label %q was taken", bad)
		}
	}
	cs, err := s.CheckIns()
	stMust(t, err)
	if len(cs) != 4 {
		t.Errorf("%d check-ins saved, want 4 (the refused ones saved nothing)", len(cs))
	}
}

// The newest check-in's time is the newest by time, whatever the order the
// check-ins were saved in; a database without check-ins has none.
func TestLastCheckInAt(t *testing.T) {
	path := stPath(t)
	s := stOpenAt(t, path)
	if at, err := s.LastCheckInAt(); err != nil || !at.IsZero() {
		t.Fatalf("no check-ins: %v, %v; want the zero time", at, err)
	}
	rm := roadmap.Default()
	var want time.Time
	for i, at := range []time.Time{stNow, stNow.Add(48 * time.Hour), stNow.Add(-72 * time.Hour)} {
		c, err := OpenWith(path, Options{Now: func() time.Time { return at }})
		stMust(t, err)
		if _, err := c.CheckInNow(fmt.Sprintf("c%d", i), rm, tracker.Day(at)); err != nil {
			t.Fatal(err)
		}
		stMust(t, c.Close())
		if at.After(want) {
			want = at
		}
	}
	got, err := s.LastCheckInAt()
	stMust(t, err)
	if !got.Equal(want) {
		t.Errorf("the newest check-in at %v, want %v", got, want)
	}
}
