package tracker

import (
	"fmt"
	"math/rand"
	"strconv"
	"testing"
	"time"

	"devpath/roadmap"
)

// genLargeRoadmap returns a valid, indexed roadmap with n tickable entries
// (n ≥ 100) shaped like the DevOps roadmap: five stages (junior, mid,
// senior, lead with branch skills, staff) whose skills come in groups of
// ten, with every third group of lead and staff limited to a track; criteria
// and a milestone per stage; four branches; the three tracks; transitions.
// About a fifth of the entries are branch items, a twentieth criteria, and
// every fiftieth entry has a former id ("<id>-old").
func genLargeRoadmap(n int) *roadmap.Roadmap {
	if n < 100 {
		n = 100
	}
	stageIDs := []string{"junior", "mid", "senior", "lead", "staff"}
	branchIDs := []string{"sre", "platform", "ai-infra", "cloud-security"}
	tracks := []string{roadmap.TrackIC, roadmap.TrackManagement, roadmap.TrackArchitecture}
	nBranch := n / 20 // per branch
	nCrit := n / 100  // per stage
	nSkills := n - len(branchIDs)*nBranch - len(stageIDs)*(nCrit+1)

	count := 0
	item := func(id string) roadmap.Item {
		count++
		it := roadmap.Item{ID: id, Title: "Entry " + id, Summary: "What " + id + " means in practice."}
		if count%50 == 0 {
			it.Replaces = []string{id + "-old"}
		}
		return it
	}
	band := func(lo int) roadmap.Salary {
		return roadmap.Salary{UK: &roadmap.Band{Min: lo, Max: lo + 20000}, US: &roadmap.Band{Min: lo * 3 / 2, Max: lo*3/2 + 30000}}
	}
	rm := &roadmap.Roadmap{Version: 1, ID: "generated", Title: "Generated roadmap", Readiness: roadmap.DefaultReadiness}
	for si, sid := range stageIDs {
		s := roadmap.Stage{
			ID: sid, Title: "Stage " + sid, BranchSkills: sid == "lead",
			Years:  roadmap.Years{Min: 2 * si},
			Salary: band(40000 + 20000*si),
		}
		k := nSkills / len(stageIDs)
		if si < nSkills%len(stageIDs) {
			k++
		}
		for g := 0; k > 0; g++ {
			grp := roadmap.SkillGroup{ID: fmt.Sprintf("%s-g%d", sid, g), Title: fmt.Sprintf("Group %d of %s", g, sid)}
			if si >= 3 && g%3 == 2 {
				grp.Track = tracks[(g/3)%len(tracks)]
			}
			for i := 0; i < 10 && k > 0; i, k = i+1, k-1 {
				grp.Items = append(grp.Items, item(fmt.Sprintf("%s-g%d-i%d", sid, g, i)))
			}
			s.Skills = append(s.Skills, grp)
		}
		for c := 0; c < nCrit; c++ {
			s.Criteria = append(s.Criteria, item(fmt.Sprintf("%s-c%d", sid, c)))
		}
		s.Milestone = item(sid + "-milestone")
		rm.Stages = append(rm.Stages, s)
		if si > 0 {
			rm.Transitions = append(rm.Transitions, roadmap.Transition{
				From: stageIDs[si-1], To: sid,
				TypicalMonths:     roadmap.Months{Min: 18 + 6*si, Max: 24 + 12*si},
				AcceleratedMonths: roadmap.Months{Min: 12 + 6*si, Max: 15 + 9*si},
			})
		}
	}
	for _, bid := range branchIDs {
		br := roadmap.Branch{ID: bid, Title: "Branch " + bid, Salary: band(70000)}
		for i := 0; i < nBranch; i++ {
			br.Items = append(br.Items, item(fmt.Sprintf("%s-b%d", bid, i)))
		}
		rm.Branches = append(rm.Branches, br)
	}
	for ti, tid := range tracks {
		tk := roadmap.Track{ID: tid, Title: "Track " + tid}
		for l := 0; l < 4; l++ {
			tl := roadmap.TrackLevel{ID: fmt.Sprintf("%s-l%d", tid, l), Title: fmt.Sprintf("Rung %d", l), Salary: band(80000 + 30000*l + 5000*ti), Scope: "Scope"}
			switch {
			case l == 0 && tid == roadmap.TrackIC:
				tl.Stage = "senior"
			case l == 0:
				tl.Stage = "lead"
			case l == 1:
				tl.Stage = "staff"
			}
			tk.Levels = append(tk.Levels, tl)
		}
		rm.Tracks = append(rm.Tracks, tk)
	}
	rm.Reindex()
	return rm
}

// realisticProgress returns the progress of a user at stage index si of rm
// who chose the second branch and the first track: the earlier stages
// mostly done, the current one under way, some branch work, a few states
// under former ids and a few ids the roadmap no longer has.
func realisticProgress(rm *roadmap.Roadmap, si int, seed int64) Progress {
	r := rand.New(rand.NewSource(seed))
	s := rm.Stages[si]
	prof := Profile{Name: "Sam", Stage: s.ID, StageSince: time.Date(2023, 3, 15, 0, 0, 0, 0, time.UTC), Region: roadmap.RegionUK}
	if len(rm.Branches) > 1 {
		prof.Branch = rm.Branches[1].ID
	}
	if len(rm.Tracks) > 0 {
		prof.Track = rm.Tracks[0].ID
	}
	p := Progress{Profile: prof, Items: map[string]ItemState{}}
	at := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	for _, e := range rm.Entries() {
		var l Level
		switch idx := rm.StageIndex(e.Stage); {
		case e.Kind == roadmap.KindBranchItem && e.Branch == prof.Branch:
			l = Level(r.Intn(5))
		case e.Kind == roadmap.KindBranchItem:
			l = Level(r.Intn(5) / 3)
		case idx < si:
			l = Proficient + Level(r.Intn(2))
		case idx == si:
			l = Level(r.Intn(5))
		default:
			l = Level(r.Intn(3) / 2)
		}
		if l == NotStarted && r.Intn(2) == 0 {
			continue // never touched
		}
		id := e.Item.ID
		if len(e.Item.Replaces) > 0 && r.Intn(2) == 0 {
			id = e.Item.Replaces[0]
		}
		p.Items[id] = ItemState{ID: id, Level: l, Skipped: r.Intn(40) == 0, Date: at, UpdatedAt: at}
	}
	for i := 0; i < 5; i++ {
		id := "retired-entry-" + strconv.Itoa(i)
		p.Items[id] = ItemState{ID: id, Level: Proficient, UpdatedAt: at}
	}
	return p
}

// genLargeEvents returns n events, oldest first with ascending ids, as a
// user of rm would write them over about three years: mostly level changes,
// some skips, evidence and undos, and a few profile changes (a promotion
// each year with its date, a branch and a track).
func genLargeEvents(rm *roadmap.Roadmap, n int, seed int64) []Event {
	r := rand.New(rand.NewSource(seed))
	entries := rm.Entries()
	start := time.Date(2022, 1, 3, 8, 0, 0, 0, time.UTC)
	span := 3 * 365 * 24 * time.Hour
	gap := span / time.Duration(max(n, 1))
	events := make([]Event, 0, n)
	levels := map[string]Level{}
	stage := 0
	add := func(at time.Time, kind, target, old, new string) {
		events = append(events, Event{ID: int64(len(events) + 1), At: at, Kind: kind, Target: target, Old: old, New: new})
	}
	for i := 0; len(events) < n; i++ {
		at := start.Add(time.Duration(i)*gap + time.Duration(r.Int63n(int64(gap))))
		// A promotion roughly once a year, with the branch and track
		// chosen at the specialisation stage.
		if want := min(len(rm.Stages)-1, int(at.Sub(start)/(365*24*time.Hour))+1); want > stage && len(events)+4 <= n {
			add(at, EventProfile, "stage", rm.Stages[stage].ID, rm.Stages[want].ID)
			add(at, EventProfile, "stage_since", "", at.Format(time.DateOnly))
			if rm.Stages[want].BranchSkills && len(rm.Branches) > 0 {
				add(at, EventProfile, "branch", "", rm.Branches[r.Intn(len(rm.Branches))].ID)
			}
			if len(rm.Tracks) > 0 {
				add(at, EventProfile, "track", "", rm.Tracks[r.Intn(len(rm.Tracks))].ID)
			}
			stage = want
			continue
		}
		e := entries[r.Intn(len(entries))]
		id := e.Item.ID
		switch k := r.Intn(100); {
		case k < 84:
			old := levels[id]
			nl := min(MaxLevel, old+1+Level(r.Intn(2)))
			if r.Intn(10) == 0 {
				nl = Level(r.Intn(5))
			}
			levels[id] = nl
			add(at, EventLevel, id, strconv.Itoa(int(old)), strconv.Itoa(int(nl)))
		case k < 87:
			add(at, EventSkip, id, "false", "true")
		case k < 97:
			add(at, EventEvidence, id, "", `{"note":"Wrote the runbook","link":"https://example.com/runbook"}`)
		default:
			if len(events) > 0 && events[len(events)-1].Kind != EventUndo {
				add(at, EventUndo, strconv.FormatInt(events[len(events)-1].ID, 10), "", "")
			}
		}
	}
	return events
}

func TestReadinessGenLargeRoadmap(t *testing.T) {
	rm := genLargeRoadmap(5000)
	if err := rm.Validate(); err != nil {
		t.Fatalf("generated roadmap is invalid: %v", err)
	}
	if n := len(rm.Entries()); n != 5000 {
		t.Errorf("%d entries, want 5000", n)
	}
	p := realisticProgress(rm, 3, 1)
	a := Assess(rm, p, time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC))
	if a.Readiness.Score <= 0 || a.Readiness.Score >= 100 || len(a.Missing) < 100 || len(a.Orphans) != 5 {
		t.Errorf("assessment of the realistic progress: score %v, %d missing, orphans %v", a.Readiness.Score, len(a.Missing), a.Orphans)
	}
	events := genLargeEvents(rm, 100000, 1)
	if len(events) != 100000 {
		t.Fatalf("%d events, want 100000", len(events))
	}
	pts := History(rm, events, time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC))
	if len(pts) < 1000 || pts[len(pts)-1].Stage != "staff" {
		t.Errorf("history: %d points, last %+v", len(pts), pts[len(pts)-1])
	}
}

// BenchmarkReadiness assesses a realistic progress on the embedded roadmap.
func BenchmarkReadiness(b *testing.B) {
	rm := roadmap.Default()
	p := realisticProgress(rm, min(3, len(rm.Stages)-1), 1)
	today := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		Assess(rm, p, today)
	}
}

// BenchmarkReadinessLarge assesses a realistic progress on a generated
// roadmap of 5,000 entries.
func BenchmarkReadinessLarge(b *testing.B) {
	rm := genLargeRoadmap(5000)
	p := realisticProgress(rm, 3, 1)
	today := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		Assess(rm, p, today)
	}
}

// BenchmarkHistoryLarge replays 100,000 events over a generated roadmap of
// 5,000 entries.
func BenchmarkHistoryLarge(b *testing.B) {
	rm := genLargeRoadmap(5000)
	events := genLargeEvents(rm, 100000, 1)
	today := time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		History(rm, events, today)
	}
}
