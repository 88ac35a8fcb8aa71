package tracker

import (
	"testing"
	"time"

	"devpath/roadmap"
)

func TestDay(t *testing.T) {
	east := time.FixedZone("east", 10*3600)
	late := time.Date(2025, 3, 9, 23, 30, 0, 0, east) // 13:30 UTC on the 9th
	if got, want := Day(late), time.Date(2025, 3, 9, 0, 0, 0, 0, time.UTC); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("Day = %v, want %v (the day where t is, at midnight UTC)", got, want)
	}
	if !Day(time.Time{}).IsZero() {
		t.Error("Day of the zero time is not zero")
	}
}

func TestReadinessSettingsDefaults(t *testing.T) {
	got := ReadinessSettings(&roadmap.Roadmap{})
	if got.Weights != roadmap.DefaultReadiness.Weights || got.Ready != roadmap.DefaultReadiness.Ready || got.Close != roadmap.DefaultReadiness.Close {
		t.Errorf("empty roadmap: %+v, want the defaults %+v", got, roadmap.DefaultReadiness)
	}
	own := roadmap.Readiness{Weights: roadmap.Weights{Skills: 1}, Ready: 90, Close: 0}
	if got := ReadinessSettings(&roadmap.Roadmap{Readiness: own}); got.Weights != own.Weights || got.Ready != 90 || got.Close != 0 {
		t.Errorf("own settings: %+v, want them kept: %+v", got, own)
	}
	// Assess uses the same settings.
	rm := &roadmap.Roadmap{Stages: []roadmap.Stage{{ID: "s", Title: "S"}}}
	rm.Reindex()
	if a := Assess(rm, Progress{}, Day(time.Now())); a.Readiness.Weights != roadmap.DefaultReadiness.Weights {
		t.Errorf("Assess weights %+v, want %+v", a.Readiness.Weights, roadmap.DefaultReadiness.Weights)
	}
}
