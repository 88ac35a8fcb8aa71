// Package trackertest makes progress and change logs for the tests and
// benchmarks of the packages that score and store them.
package trackertest

import (
	"devpath/roadmap"
	"devpath/tracker"
	"math/rand"
	"strconv"
	"time"
)

// Realistic returns the progress of a user at stage index si of rm
// who chose the second branch and the first track: the earlier stages
// mostly done, the current one under way, some branch work, a few states
// under former ids and a few ids the roadmap no longer has.
func Realistic(rm *roadmap.Roadmap, si int, seed int64) tracker.Progress {
	r := rand.New(rand.NewSource(seed))
	s := rm.Stages[si]
	prof := tracker.Profile{Name: "Sam", Stage: s.ID, StageSince: time.Date(2023, 3, 15, 0, 0, 0, 0, time.UTC), Region: roadmap.RegionUK}
	if len(rm.Branches) > 1 {
		prof.Branch = rm.Branches[1].ID
	}
	if len(rm.Tracks) > 0 {
		prof.Track = rm.Tracks[0].ID
	}
	p := tracker.Progress{Profile: prof, Items: map[string]tracker.ItemState{}}
	at := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	for _, e := range rm.Entries() {
		var l tracker.Level
		switch idx := rm.StageIndex(e.Stage); {
		case e.Kind == roadmap.KindBranchItem && e.Branch == prof.Branch:
			l = tracker.Level(r.Intn(5))
		case e.Kind == roadmap.KindBranchItem:
			l = tracker.Level(r.Intn(5) / 3)
		case idx < si:
			l = tracker.Proficient + tracker.Level(r.Intn(2))
		case idx == si:
			l = tracker.Level(r.Intn(5))
		default:
			l = tracker.Level(r.Intn(3) / 2)
		}
		if l == tracker.NotStarted && r.Intn(2) == 0 {
			continue // never touched
		}
		id := e.Item.ID
		if len(e.Item.Replaces) > 0 && r.Intn(2) == 0 {
			id = e.Item.Replaces[0]
		}
		p.Items[id] = tracker.ItemState{ID: id, Level: l, Skipped: r.Intn(40) == 0, Date: at, UpdatedAt: at}
	}
	for i := 0; i < 5; i++ {
		id := "retired-entry-" + strconv.Itoa(i)
		p.Items[id] = tracker.ItemState{ID: id, Level: tracker.Proficient, UpdatedAt: at}
	}
	return p
}

// Events returns n events, oldest first with ascending ids, as a
// user of rm would write them over about three years: mostly level changes,
// some skips, evidence and undos, and a few profile changes (a promotion
// each year with its date, a branch and a track).
func Events(rm *roadmap.Roadmap, n int, seed int64) []tracker.Event {
	r := rand.New(rand.NewSource(seed))
	entries := rm.Entries()
	start := time.Date(2022, 1, 3, 8, 0, 0, 0, time.UTC)
	span := 3 * 365 * 24 * time.Hour
	gap := span / time.Duration(max(n, 1))
	events := make([]tracker.Event, 0, n)
	levels := map[string]tracker.Level{}
	stage := 0
	add := func(at time.Time, kind, target, old, new string) {
		events = append(events, tracker.Event{ID: int64(len(events) + 1), At: at, Kind: kind, Target: target, Old: old, New: new})
	}
	for i := 0; len(events) < n; i++ {
		at := start.Add(time.Duration(i)*gap + time.Duration(r.Int63n(int64(gap))))
		// A promotion roughly once a year, with the branch and track
		// chosen at the specialisation stage.
		if want := min(len(rm.Stages)-1, int(at.Sub(start)/(365*24*time.Hour))+1); want > stage && len(events)+4 <= n {
			add(at, tracker.EventProfile, "stage", rm.Stages[stage].ID, rm.Stages[want].ID)
			add(at, tracker.EventProfile, "stage_since", "", at.Format(time.DateOnly))
			if rm.Stages[want].BranchSkills && len(rm.Branches) > 0 {
				add(at, tracker.EventProfile, "branch", "", rm.Branches[r.Intn(len(rm.Branches))].ID)
			}
			if len(rm.Tracks) > 0 {
				add(at, tracker.EventProfile, "track", "", rm.Tracks[r.Intn(len(rm.Tracks))].ID)
			}
			stage = want
			continue
		}
		e := entries[r.Intn(len(entries))]
		id := e.Item.ID
		switch k := r.Intn(100); {
		case k < 84:
			old := levels[id]
			nl := min(tracker.MaxLevel, old+1+tracker.Level(r.Intn(2)))
			if r.Intn(10) == 0 {
				nl = tracker.Level(r.Intn(5))
			}
			levels[id] = nl
			add(at, tracker.EventLevel, id, strconv.Itoa(int(old)), strconv.Itoa(int(nl)))
		case k < 87:
			add(at, tracker.EventSkip, id, "false", "true")
		case k < 97:
			add(at, tracker.EventEvidence, id, "", `{"note":"Wrote the runbook","link":"https://example.com/runbook"}`)
		default:
			if len(events) > 0 && events[len(events)-1].Kind != tracker.EventUndo {
				add(at, tracker.EventUndo, strconv.FormatInt(events[len(events)-1].ID, 10), "", "")
			}
		}
	}
	return events
}
