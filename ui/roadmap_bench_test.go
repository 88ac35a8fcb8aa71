package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
)

// benchScreen is the Roadmap screen in an 1024×640 window at stage mid,
// with a store that answers at once.
func benchScreen(b *testing.B) (*roadmapScreen, snapshot) {
	b.Helper()
	test.NewTempApp(b)
	w := test.NewTempWindow(b, widget.NewLabel(""))
	w.Resize(fyne.NewSize(1024, 640))
	e := &env{win: w, app: fyne.CurrentApp(), async: runSync, changed: func() {}, showError: func(error) {}, today: func() time.Time { return shellDay }}
	s := newRoadmapScreen(&benchStore{}, e)
	w.SetContent(s.content())
	snap := staticSnapshot("mid")
	s.update(snap)
	return s, snap
}

// benchStore saves nothing and never fails.
type benchStore struct{}

func (benchStore) SetLevel(string, tracker.Level, time.Time) error { return nil }
func (benchStore) SetSkipped(string, bool) error                   { return nil }
func (benchStore) Evidence(string) ([]tracker.Evidence, error)     { return nil, nil }
func (benchStore) AddEvidence(tracker.Evidence) (tracker.Evidence, error) {
	return tracker.Evidence{ID: 1}, nil
}
func (benchStore) UpdateEvidence(tracker.Evidence) error { return nil }
func (benchStore) DeleteEvidence(int64) error            { return nil }

// BenchmarkRoadmapReload compares what a reload after a tick costs the
// screen: the rows are the same, so only the rows in view are brought up
// to date ("same rows"), against laying the stage out and redrawing the
// whole list ("full relayout"), as every reload did before.
func BenchmarkRoadmapReload(b *testing.B) {
	b.Run("same rows", func(b *testing.B) {
		s, snap := benchScreen(b)
		for b.Loop() {
			s.update(snap)
		}
	})
	b.Run("full relayout", func(b *testing.B) {
		s, snap := benchScreen(b)
		for b.Loop() {
			s.rows = nil // forces the list to be laid out and redrawn
			s.update(snap)
		}
	})
}

// BenchmarkRoadmapTick is a tick as the user sees it: the box, the group
// header, the stage's progress, saved through a store that answers at once.
func BenchmarkRoadmapTick(b *testing.B) {
	s, _ := benchScreen(b)
	id := roadmap.Default().Stage("mid").Skills[0].Items[0].ID
	on := false
	for b.Loop() {
		on = !on
		l := tracker.NotStarted
		if on {
			l = tracker.Proficient
		}
		s.setLevel(id, l)
	}
}
