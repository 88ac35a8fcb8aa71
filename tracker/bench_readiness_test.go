package tracker_test

import (
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/roadmap/roadmaptest"
	"devpath/tracker"
	"devpath/tracker/trackertest"
)

func TestReadinessGenLargeRoadmap(t *testing.T) {
	rm := roadmaptest.Large(5000)
	if err := rm.Validate(); err != nil {
		t.Fatalf("generated roadmap is invalid: %v", err)
	}
	if n := len(rm.Entries()); n != 5000 {
		t.Errorf("%d entries, want 5000", n)
	}
	p := trackertest.Realistic(rm, 3, 1)
	a := tracker.Assess(rm, p, time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC))
	if a.Readiness.Score <= 0 || a.Readiness.Score >= 100 || len(a.Missing) < 100 || len(a.Orphans) != 5 {
		t.Errorf("assessment of the realistic progress: score %v, %d missing, orphans %v", a.Readiness.Score, len(a.Missing), a.Orphans)
	}
	events := trackertest.Events(rm, 100000, 1)
	if len(events) != 100000 {
		t.Fatalf("%d events, want 100000", len(events))
	}
	pts := tracker.History(rm, events, time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC))
	if len(pts) < 1000 || pts[len(pts)-1].Stage != "staff" {
		t.Errorf("history: %d points, last %+v", len(pts), pts[len(pts)-1])
	}
}

// BenchmarkReadiness assesses a realistic progress on the embedded roadmap.
func BenchmarkReadiness(b *testing.B) {
	rm := roadmap.Default()
	p := trackertest.Realistic(rm, min(3, len(rm.Stages)-1), 1)
	today := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		tracker.Assess(rm, p, today)
	}
}

// BenchmarkReadinessLarge assesses a realistic progress on a generated
// roadmap of 5,000 entries.
func BenchmarkReadinessLarge(b *testing.B) {
	rm := roadmaptest.Large(5000)
	p := trackertest.Realistic(rm, 3, 1)
	today := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		tracker.Assess(rm, p, today)
	}
}

// BenchmarkHistoryLarge replays 100,000 events over a generated roadmap of
// 5,000 entries.
func BenchmarkHistoryLarge(b *testing.B) {
	rm := roadmaptest.Large(5000)
	events := trackertest.Events(rm, 100000, 1)
	today := time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		tracker.History(rm, events, today)
	}
}
