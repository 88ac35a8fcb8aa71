package store

import (
	"maps"
	"math/rand"
	"slices"
	"strconv"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/roadmap/roadmaptest"
	"devpath/tracker"
)

// rdAt parses a "YYYY-MM-DD HH:MM" test time (UTC).
func rdAt(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

// rdEv builds an event.
func rdEv(id int64, at, kind, target, old, new string) tracker.Event {
	return tracker.Event{ID: id, At: rdAt(at), Kind: kind, Target: target, Old: old, New: new}
}

type rdPoint struct {
	day   string
	score float64
	stage string
}

func rdPoints(ps []tracker.Point) []rdPoint {
	out := []rdPoint{}
	for _, p := range ps {
		out = append(out, rdPoint{p.At.Format(time.DateOnly), p.Score, p.Stage})
	}
	return out
}

func TestHistory(t *testing.T) {
	tests := []struct {
		name   string
		events []tracker.Event
		today  string
		want   []rdPoint
	}{
		{
			name:  "no events",
			today: "2024-05-10",
			want:  []rdPoint{},
		},
		{
			// junior, 4 skills: j1+j2 = 6/12 → 25; then jc1 → +15
			name: "one point per day with events, and today",
			events: []tracker.Event{
				rdEv(1, "2024-05-01 10:00", tracker.EventLevel, "j1", "0", "3"),
				rdEv(2, "2024-05-01 15:00", tracker.EventLevel, "j2", "0", "3"),
				rdEv(3, "2024-05-03 09:00", tracker.EventLevel, "jc1", "0", "3"),
			},
			today: "2024-05-10",
			want:  []rdPoint{{"2024-05-01", 25, "junior"}, {"2024-05-03", 40, "junior"}, {"2024-05-10", 40, "junior"}},
		},
		{
			name: "no extra point when the last event is today",
			events: []tracker.Event{
				rdEv(1, "2024-05-10 08:00", tracker.EventLevel, "j1", "0", "2"),
				rdEv(2, "2024-05-10 23:59", tracker.EventLevel, "j1", "2", "3"),
			},
			today: "2024-05-10",
			want:  []rdPoint{{"2024-05-10", 12.5, "junior"}},
		},
		{
			// day 1: j1, j3 proficient, j2 skipped: 6/9 → 33.3;
			// day 2: undo j1 → 3/9 → 16.7; day 3: undo the skip → 3/12 → 12.5
			name: "undo re-applies the old value",
			events: []tracker.Event{
				rdEv(1, "2024-05-01 10:00", tracker.EventLevel, "j1", "0", "3"),
				rdEv(2, "2024-05-01 10:01", tracker.EventSkip, "j2", "false", "true"),
				rdEv(3, "2024-05-01 10:02", tracker.EventLevel, "j3", "", "3"),
				rdEv(4, "2024-05-02 10:00", tracker.EventUndo, "1", "", ""),
				rdEv(5, "2024-05-03 10:00", tracker.EventUndo, "2", "", ""),
			},
			today: "2024-05-03",
			want:  []rdPoint{{"2024-05-01", 33.3, "junior"}, {"2024-05-02", 16.7, "junior"}, {"2024-05-03", 12.5, "junior"}},
		},
		{
			// stage mid: m1 → 3/9 → 16.7; since 2024-01-31, at 2024-07-31
			// 6 months of 18 → +3.3 → 20; a year later 18 months → +10 → 26.7
			name: "profile stage and stage date, experience measured per day",
			events: []tracker.Event{
				rdEv(1, "2024-05-01 10:00", tracker.EventLevel, "j1", "0", "3"),
				rdEv(2, "2024-05-02 10:00", tracker.EventProfile, "stage", "junior", "mid"),
				rdEv(3, "2024-05-02 10:01", tracker.EventLevel, "m1", "0", "3"),
				rdEv(4, "2024-07-31 10:00", tracker.EventProfile, "stage_since", "", "2024-01-31"),
			},
			today: "2025-07-31",
			want: []rdPoint{
				{"2024-05-01", 12.5, "junior"}, {"2024-05-02", 16.7, "mid"},
				{"2024-07-31", 20, "mid"}, {"2025-07-31", 26.7, "mid"},
			},
		},
		{
			// lead: l1 → 1/1 → 50; branch sre adds b-sre1 (3) and b-sre2 (0):
			// 6/9 → 33.3; track management adds lm1: 6/12 → 25; undoing the
			// stage change goes back to junior (nothing done there) → 0
			name: "branch and track changes recount the stage",
			events: []tracker.Event{
				rdEv(1, "2024-05-01 10:00", tracker.EventProfile, "stage", "junior", "lead"),
				rdEv(2, "2024-05-01 10:01", tracker.EventLevel, "l1", "0", "3"),
				rdEv(3, "2024-05-01 10:02", tracker.EventLevel, "b-sre1", "0", "3"),
				rdEv(4, "2024-05-02 10:00", tracker.EventProfile, "branch", "", "sre"),
				rdEv(5, "2024-05-03 10:00", tracker.EventProfile, "track", "", "management"),
				rdEv(6, "2024-05-04 10:00", tracker.EventUndo, "1", "", ""),
			},
			today: "2024-05-04",
			want: []rdPoint{
				{"2024-05-01", 50, "lead"}, {"2024-05-02", 33.3, "lead"},
				{"2024-05-03", 25, "lead"}, {"2024-05-04", 0, "junior"},
			},
		},
		{
			name: "evidence and import events change nothing but mark the day",
			events: []tracker.Event{
				rdEv(1, "2024-05-01 10:00", tracker.EventLevel, "j1", "0", "3"),
				rdEv(2, "2024-05-02 10:00", tracker.EventEvidence, "j1", "", `{"note":"x"}`),
				rdEv(3, "2024-05-03 10:00", tracker.EventImport, "backup.db", "", ""),
				rdEv(4, "2024-05-04 10:00", tracker.EventUndo, "2", "", ""),
			},
			today: "2024-05-04",
			want:  []rdPoint{{"2024-05-01", 12.5, "junior"}, {"2024-05-02", 12.5, "junior"}, {"2024-05-03", 12.5, "junior"}, {"2024-05-04", 12.5, "junior"}},
		},
		{
			// old-m3 is m3's former id; a later state on m3 itself wins.
			name: "former ids follow the renamed entry",
			events: []tracker.Event{
				rdEv(1, "2024-05-01 10:00", tracker.EventProfile, "stage", "junior", "mid"),
				rdEv(2, "2024-05-01 10:01", tracker.EventLevel, "old-m3", "0", "3"),
				rdEv(3, "2024-05-02 10:00", tracker.EventLevel, "m3", "0", "1"),
				rdEv(4, "2024-05-03 10:00", tracker.EventLevel, "gone", "0", "3"),
			},
			today: "2024-05-03",
			want:  []rdPoint{{"2024-05-01", 16.7, "mid"}, {"2024-05-02", 5.6, "mid"}, {"2024-05-03", 5.6, "mid"}},
		},
		{
			// out of order, with ids not ascending: sorted by time, undo
			// still finds event 9.
			name: "events out of order",
			events: []tracker.Event{
				rdEv(3, "2024-05-02 10:00", tracker.EventUndo, "9", "", ""),
				rdEv(9, "2024-05-01 10:00", tracker.EventLevel, "j1", "1", "3"),
			},
			today: "2024-05-02",
			want:  []rdPoint{{"2024-05-01", 12.5, "junior"}, {"2024-05-02", 4.2, "junior"}},
		},
		{
			name: "bad values are ignored",
			events: []tracker.Event{
				rdEv(1, "2024-05-01 10:00", tracker.EventLevel, "j1", "0", "3"),
				rdEv(2, "2024-05-02 10:00", tracker.EventLevel, "j1", "3", "lots"),
				rdEv(3, "2024-05-03 10:00", tracker.EventSkip, "j1", "false", "maybe"),
				rdEv(4, "2024-05-04 10:00", tracker.EventUndo, "x", "", ""),
				rdEv(5, "2024-05-05 10:00", tracker.EventUndo, "42", "", ""),
				rdEv(6, "2024-05-06 10:00", tracker.EventProfile, "stage_since", "", "yesterday"),
			},
			today: "2024-05-06",
			want: []rdPoint{{"2024-05-01", 12.5, "junior"}, {"2024-05-02", 12.5, "junior"}, {"2024-05-03", 12.5, "junior"},
				{"2024-05-04", 12.5, "junior"}, {"2024-05-05", 12.5, "junior"}, {"2024-05-06", 12.5, "junior"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rdPoints(tracker.History(roadmaptest.Small(), tt.events, roadmaptest.Day(tt.today)))
			if !slices.Equal(got, tt.want) {
				t.Errorf("points =\n%v\nwant\n%v", got, tt.want)
			}
			// The same log read from a database gives the same points.
			series, err := rdStore(t, tt.events).ReadinessHistory(roadmaptest.Small(), roadmaptest.Day(tt.today))
			if err != nil {
				t.Fatal(err)
			}
			if got := rdPoints(series.Points); !slices.Equal(got, tt.want) {
				t.Errorf("points from the database =\n%v\nwant\n%v", got, tt.want)
			}
		})
	}
}

func TestHistoryDayInEventLocation(t *testing.T) {
	loc := time.FixedZone("UTC+2", 2*3600)
	events := []tracker.Event{
		{ID: 1, At: time.Date(2024, 5, 1, 23, 30, 0, 0, time.UTC), Kind: tracker.EventLevel, Target: "j1", New: "3"},
		{ID: 2, At: time.Date(2024, 5, 2, 1, 30, 0, 0, loc), Kind: tracker.EventLevel, Target: "j2", New: "3"}, // 2024-05-01 23:30 UTC
	}
	got := rdPoints(tracker.History(roadmaptest.Small(), events, roadmaptest.Day("2024-05-02")))
	want := []rdPoint{{"2024-05-01", 12.5, "junior"}, {"2024-05-02", 25, "junior"}}
	if !slices.Equal(got, want) {
		t.Errorf("points = %v, want %v", got, want)
	}
	if p := tracker.History(roadmaptest.Small(), events, roadmaptest.Day("2024-05-02")); p[0].At.Location() != time.UTC {
		t.Errorf("point day %v, want midnight UTC", p[0].At)
	}
}

// rdGen writes a random but consistent event log: it keeps the progress the
// events describe, so that a replay can be checked against it.
type rdGen struct {
	r      *rand.Rand
	rm     *roadmap.Roadmap
	ids    []string // targets: current ids, some former ids, some unknown
	prof   tracker.Profile
	items  map[string]tracker.ItemState
	events []tracker.Event
	undone map[int64]bool
	at     time.Time
}

func newRDGen(r *rand.Rand, rm *roadmap.Roadmap, start time.Time) *rdGen {
	g := &rdGen{r: r, rm: rm, items: map[string]tracker.ItemState{}, undone: map[int64]bool{}, at: start,
		prof: tracker.Profile{Stage: rm.Stages[0].ID, Region: roadmap.RegionUK}}
	for _, e := range rm.Entries() {
		g.ids = append(g.ids, e.Item.ID)
		g.ids = append(g.ids, e.Item.Replaces...)
	}
	g.ids = append(g.ids, "no-such-entry")
	return g
}

// profileValue returns the current value of a profile field as an event
// records it.
func (g *rdGen) profileValue(field string) string {
	switch field {
	case "stage":
		return g.prof.Stage
	case "branch":
		return g.prof.Branch
	case "track":
		return g.prof.Track
	case "stage_since":
		if g.prof.StageSince.IsZero() {
			return ""
		}
		return g.prof.StageSince.Format(time.DateOnly)
	case "region":
		return g.prof.Region
	}
	return ""
}

// set applies a value as History should, recording nothing.
func (g *rdGen) set(kind, target, value string, at time.Time) {
	switch kind {
	case tracker.EventLevel, tracker.EventSkip:
		s, ok := g.items[target]
		if !ok {
			s = tracker.ItemState{ID: target}
		}
		if kind == tracker.EventLevel {
			n, _ := strconv.Atoi(value)
			s.Level = tracker.Level(n)
		} else {
			s.Skipped = value == "true"
		}
		s.UpdatedAt = at
		g.items[target] = s
	case tracker.EventProfile:
		switch target {
		case "stage":
			g.prof.Stage = value
		case "branch":
			g.prof.Branch = value
		case "track":
			g.prof.Track = value
		case "region":
			g.prof.Region = value
		case "stage_since":
			g.prof.StageSince = time.Time{}
			if value != "" {
				g.prof.StageSince, _ = time.Parse(time.DateOnly, value)
			}
		}
	}
}

// step appends one random event, dated after the previous one.
func (g *rdGen) step(gap time.Duration) {
	g.at = g.at.Add(time.Duration(g.r.Int63n(int64(gap))) + time.Second)
	ev := tracker.Event{ID: int64(len(g.events) + 1), At: g.at}
	switch k := g.r.Intn(100); {
	case k < 70:
		ev.Kind, ev.Target = tracker.EventLevel, g.ids[g.r.Intn(len(g.ids))]
		ev.Old = strconv.Itoa(int(g.items[ev.Target].Level))
		ev.New = strconv.Itoa(g.r.Intn(5))
	case k < 80:
		ev.Kind, ev.Target = tracker.EventSkip, g.ids[g.r.Intn(len(g.ids))]
		ev.Old = strconv.FormatBool(g.items[ev.Target].Skipped)
		ev.New = strconv.FormatBool(!g.items[ev.Target].Skipped)
	case k < 85:
		ev.Kind = tracker.EventProfile
		ev.Target = []string{"stage", "branch", "track", "stage_since", "region"}[g.r.Intn(5)]
		ev.Old = g.profileValue(ev.Target)
		switch ev.Target {
		case "stage":
			ev.New = g.rm.Stages[g.r.Intn(len(g.rm.Stages))].ID
		case "branch":
			ev.New = ""
			if len(g.rm.Branches) > 0 {
				ev.New = g.rm.Branches[g.r.Intn(len(g.rm.Branches))].ID
			}
		case "track":
			ev.New = []string{"", roadmap.TrackIC, roadmap.TrackManagement}[g.r.Intn(3)]
		case "stage_since":
			ev.New = g.at.AddDate(0, -g.r.Intn(40), 0).Format(time.DateOnly)
		case "region":
			ev.New = []string{"uk", "us"}[g.r.Intn(2)]
		}
	case k < 90:
		ev.Kind, ev.Target, ev.New = tracker.EventEvidence, g.ids[g.r.Intn(len(g.ids))], `{"note":"done"}`
	case k < 95:
		// Redo: undo the latest undo not yet undone, so that the change it
		// reverted takes effect again (the store's Redo writes the same).
		for i := len(g.events) - 1; i >= 0; i-- {
			u := g.events[i]
			if u.Kind != tracker.EventUndo || g.undone[u.ID] {
				continue
			}
			id, _ := strconv.ParseInt(u.Target, 10, 64)
			o := g.events[id-1]
			if o.Kind == tracker.EventUndo {
				continue
			}
			g.undone[u.ID] = true
			delete(g.undone, o.ID)
			ev.Kind, ev.Target = tracker.EventUndo, strconv.FormatInt(u.ID, 10)
			g.set(o.Kind, o.Target, o.New, ev.At)
			g.events = append(g.events, ev)
			break
		}
		return
	default:
		// Undo the latest change not yet undone, as the store does.
		for i := len(g.events) - 1; i >= 0; i-- {
			u := g.events[i]
			if u.Kind != tracker.EventUndo && !g.undone[u.ID] {
				g.undone[u.ID] = true
				ev.Kind, ev.Target = tracker.EventUndo, strconv.FormatInt(u.ID, 10)
				g.set(u.Kind, u.Target, u.Old, ev.At)
				break
			}
		}
		if ev.Kind == "" {
			return
		}
		g.events = append(g.events, ev)
		return
	}
	g.set(ev.Kind, ev.Target, ev.New, ev.At)
	g.events = append(g.events, ev)
}

// TestPropertyHistoryMatchesAssess replays random logs and checks every
// point against Assess on the progress the log describes at that day's end.
func TestPropertyHistoryMatchesAssess(t *testing.T) {
	r := rand.New(rand.NewSource(11))
	for round := 0; round < 200; round++ {
		rm := roadmaptest.Random(r)
		rdAddFormerIDs(r, rm)
		g := newRDGen(r, rm, rdAt("2023-01-01 08:00"))
		type snap struct {
			day time.Time
			p   tracker.Progress
		}
		var snaps []snap
		n := 1 + r.Intn(120)
		for i := 0; i < n; i++ {
			before := len(g.events)
			g.step(10 * time.Hour)
			if len(g.events) == before {
				continue
			}
			d := tracker.Day(g.at)
			p := tracker.Progress{Profile: g.prof, Items: maps.Clone(g.items)}
			if len(snaps) > 0 && snaps[len(snaps)-1].day.Equal(d) {
				snaps[len(snaps)-1].p = p
			} else {
				snaps = append(snaps, snap{d, p})
			}
		}
		today := tracker.Day(g.at).AddDate(0, 0, r.Intn(3))
		if len(snaps) > 0 && today.After(snaps[len(snaps)-1].day) {
			snaps = append(snaps, snap{today, snaps[len(snaps)-1].p})
		}
		pts := tracker.History(rm, g.events, today)
		if len(pts) != len(snaps) {
			t.Fatalf("round %d: %d points, want %d", round, len(pts), len(snaps))
		}
		for i, s := range snaps {
			a := tracker.Assess(rm, s.p, s.day)
			if !pts[i].At.Equal(s.day) || pts[i].Score != a.Readiness.Score || pts[i].Stage != a.Stage.ID {
				t.Fatalf("round %d, point %d: %+v, want %s %v %s", round, i, pts[i], s.day.Format(time.DateOnly), a.Readiness.Score, a.Stage.ID)
			}
		}
	}
}

// rdAddFormerIDs gives some entries of rm former ids and reindexes it.
func rdAddFormerIDs(r *rand.Rand, rm *roadmap.Roadmap) {
	n := 0
	add := func(it *roadmap.Item) {
		for k := r.Intn(3); k > 0 && r.Intn(3) == 0; k-- {
			n++
			it.Replaces = append(it.Replaces, "former-"+strconv.Itoa(n))
		}
	}
	for si := range rm.Stages {
		s := &rm.Stages[si]
		for gi := range s.Skills {
			for ii := range s.Skills[gi].Items {
				add(&s.Skills[gi].Items[ii])
			}
		}
		for ci := range s.Criteria {
			add(&s.Criteria[ci])
		}
		if s.Milestone.ID != "" {
			add(&s.Milestone)
		}
	}
	for bi := range rm.Branches {
		for ii := range rm.Branches[bi].Items {
			add(&rm.Branches[bi].Items[ii])
		}
	}
	rm.Reindex()
}

// rdStore writes events into a new store's log as they are, ids included.
func rdStore(t *testing.T, events []tracker.Event) *Store {
	t.Helper()
	s := stOpen(t)
	for _, e := range events {
		if err := s.db.Exec("INSERT INTO events (id, at, kind, target, old, new) VALUES (?, ?, ?, ?, ?, ?)",
			e.ID, formatStamp(e.At), e.Kind, e.Target, e.Old, e.New).Error; err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// TestReadinessHistoryMatchesHistory replays random logs from the database
// and checks the points against History on the same log read with Events.
func TestReadinessHistoryMatchesHistory(t *testing.T) {
	r := rand.New(rand.NewSource(29))
	for round := 0; round < 40; round++ {
		rm := roadmaptest.Random(r)
		rdAddFormerIDs(r, rm)
		g := newRDGen(r, rm, rdAt("2023-01-01 08:00"))
		gap := 10 * time.Hour
		if round%4 == 0 {
			gap = 5 * time.Minute // every event on one day
		}
		for n := 1 + r.Intn(80); n > 0; n-- {
			g.step(gap)
		}
		if len(g.events) == 0 {
			continue
		}
		s := rdStore(t, g.events)
		today := tracker.Day(g.at).AddDate(0, 0, r.Intn(3))
		evs, err := s.Events(time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		want := tracker.History(rm, evs, today)
		got, err := s.ReadinessHistory(rm, today)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(rdPoints(got.Points), rdPoints(want)) {
			t.Fatalf("round %d: points\n%v\nwant\n%v", round, rdPoints(got.Points), rdPoints(want))
		}
		oneDay := tracker.Day(evs[0].At).Equal(tracker.Day(evs[len(evs)-1].At))
		if !oneDay {
			if got.Steps != nil {
				t.Fatalf("round %d: %d steps over several days, want none", round, len(got.Steps))
			}
			continue
		}
		if len(got.Steps) == 0 {
			t.Fatalf("round %d: no steps for a log of one day", round)
		}
		// The first step is the score before any change, the last the
		// score at the day's end; each step is one change, in time order.
		if start := tracker.History(rm, nil, today); len(start) != 0 {
			t.Fatalf("History of no events = %v", start)
		}
		if last := got.Steps[len(got.Steps)-1]; last.Score != want[0].Score || last.Stage != want[0].Stage {
			t.Errorf("round %d: last step %+v, want the day's score %+v", round, last, want[0])
		}
		if !got.Steps[0].At.Equal(evs[0].At) {
			t.Errorf("round %d: first step at %v, want the first event's %v", round, got.Steps[0].At, evs[0].At)
		}
		for i := 1; i < len(got.Steps); i++ {
			if got.Steps[i].At.Before(got.Steps[i-1].At) {
				t.Errorf("round %d: steps out of order at %d", round, i)
			}
		}
	}
}

func TestReadinessHistoryStepsOfOneDay(t *testing.T) {
	rm := roadmaptest.Small()
	s := rdStore(t, []tracker.Event{
		rdEv(1, "2024-05-01 10:00", tracker.EventLevel, "j1", "0", "3"),
		rdEv(2, "2024-05-01 10:05", tracker.EventEvidence, "j1", "", `{"note":"x"}`),
		rdEv(3, "2024-05-01 11:00", tracker.EventLevel, "j2", "0", "3"),
		rdEv(4, "2024-05-01 12:00", tracker.EventUndo, "3", "3", "0"),
	})
	got, err := s.ReadinessHistory(rm, rdAt("2024-05-01 00:00"))
	if err != nil {
		t.Fatal(err)
	}
	var scores []float64
	for _, p := range got.Steps {
		scores = append(scores, p.Score)
	}
	// Before any change, after j1, after j2, after the undo of j2; the
	// evidence is no step.
	if len(got.Points) != 1 || len(scores) != 4 || scores[0] != 0 || scores[1] <= 0 || scores[2] <= scores[1] || scores[3] != scores[1] {
		t.Errorf("points %v, step scores %v", rdPoints(got.Points), scores)
	}
	if !got.Steps[3].At.Equal(rdAt("2024-05-01 12:00")) {
		t.Errorf("the undo's step is at %v", got.Steps[3].At)
	}
}

func TestRecentEvents(t *testing.T) {
	evs := []tracker.Event{
		rdEv(1, "2024-05-01 10:00", tracker.EventLevel, "j1", "0", "3"),
		rdEv(2, "2024-05-01 11:00", tracker.EventLevel, "j2", "0", "2"),
		rdEv(3, "2024-05-02 09:00", tracker.EventLevel, "j3", "0", "1"),
		rdEv(4, "2024-05-02 10:00", tracker.EventUndo, "1", "3", "0"),
		rdEv(5, "2024-05-03 10:00", tracker.EventUndo, "3", "1", "0"),
	}
	s := rdStore(t, evs)
	got, err := s.RecentEvents(2)
	if err != nil {
		t.Fatal(err)
	}
	if got.Total != 5 || len(got.Events) != 2 || got.Events[0].ID != 5 || got.Events[1].ID != 4 {
		t.Fatalf("recent: total %d, events %+v", got.Total, got.Events)
	}
	// The undos name events 1 and 3, older than the two listed.
	for _, id := range []int64{1, 3, 4, 5} {
		if _, ok := got.Named[id]; !ok {
			t.Errorf("event %d is not among the named: %v", id, slices.Collect(maps.Keys(got.Named)))
		}
	}
	if _, ok := got.Named[2]; ok {
		t.Error("event 2, named by no undo, was read")
	}
	if got.Named[1].Target != "j1" || got.Named[1].New != "3" {
		t.Errorf("event 1 = %+v", got.Named[1])
	}
	all, err := s.RecentEvents(100)
	if err != nil || len(all.Events) != 5 {
		t.Fatalf("all recent: %d, %v", len(all.Events), err)
	}
}

func TestCheckInHeads(t *testing.T) {
	s := stOpen(t)
	rm := roadmap.Default()
	if err := s.SetLevel("aws-iam", tracker.Proficient, time.Time{}); err != nil {
		t.Fatal(err)
	}
	p, err := s.Progress()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"first", "second"} {
		if _, err := s.CheckIn(l, tracker.Assess(rm, p, time.Now())); err != nil {
			t.Fatal(err)
		}
	}
	full, err := s.CheckIns()
	if err != nil {
		t.Fatal(err)
	}
	heads, err := s.CheckInHeads()
	if err != nil {
		t.Fatal(err)
	}
	if len(heads) != 2 || len(full) != 2 {
		t.Fatalf("%d heads, %d check-ins", len(heads), len(full))
	}
	for i, h := range heads {
		f := full[i]
		if h.Items != nil || h.ID != f.ID || h.Label != f.Label || !h.At.Equal(f.At) || h.Score != f.Score || h.Stage != f.Stage || h.Verdict != f.Verdict {
			t.Errorf("head %+v, check-in %+v", h, f)
		}
	}
}

// BenchmarkHistoryDataLarge is what the History screen reads for each new
// snapshot on the large database: readiness over time replayed in one pass
// over the log, the newest 200 changes, the check-ins without their states,
// and the two latest check-ins in full for the comparison. Its baseline is
// BenchmarkHistoryScreenLarge, the whole log and every check-in read into
// memory.
func BenchmarkHistoryDataLarge(b *testing.B) {
	path, rm := largeDB(b)
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ReportAllocs()
	for b.Loop() {
		series, err := s.ReadinessHistory(rm, largeDay)
		if err != nil {
			b.Fatal(err)
		}
		recent, err := s.RecentEvents(200)
		if err != nil {
			b.Fatal(err)
		}
		heads, err := s.CheckInHeads()
		if err != nil {
			b.Fatal(err)
		}
		if len(series.Points) == 0 || len(recent.Events) != 200 || len(heads) < 2 {
			b.Fatalf("%d points, %d changes, %d check-ins", len(series.Points), len(recent.Events), len(heads))
		}
		for _, h := range heads[len(heads)-2:] {
			if _, err := s.FindCheckIn(strconv.FormatInt(h.ID, 10)); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// rdInsert appends events to a store's log as they are.
func rdInsert(t *testing.T, s *Store, events []tracker.Event) {
	t.Helper()
	for _, e := range events {
		if err := s.db.Exec("INSERT INTO events (id, at, kind, target, old, new) VALUES (?, ?, ?, ?, ?, ?)",
			e.ID, formatStamp(e.At), e.Kind, e.Target, e.Old, e.New).Error; err != nil {
			t.Fatal(err)
		}
	}
}

// TestCachedReadinessHistoryFollowsTheLog replays random logs written in
// two parts: the cache brought up to date after each part gives what a
// replay of the whole log gives, also when the first part was changed
// meanwhile.
func TestCachedReadinessHistoryFollowsTheLog(t *testing.T) {
	r := rand.New(rand.NewSource(47))
	for round := 0; round < 30; round++ {
		rm := roadmaptest.Random(r)
		rdAddFormerIDs(r, rm)
		g := newRDGen(r, rm, rdAt("2023-01-01 08:00"))
		gap := 10 * time.Hour
		if round%5 == 0 {
			gap = 5 * time.Minute
		}
		for n := 2 + r.Intn(80); n > 0; n-- {
			g.step(gap)
		}
		if len(g.events) < 2 {
			continue
		}
		k := 1 + r.Intn(len(g.events)-1)
		s := rdStore(t, g.events[:k])
		today := tracker.Day(g.at).AddDate(0, 0, r.Intn(3))
		var c HistoryCache
		first, err := s.CachedReadinessHistory(&c, rm, today)
		if err != nil {
			t.Fatal(err)
		}
		if want := tracker.History(rm, g.events[:k], today); !slices.Equal(rdPoints(first.Points), rdPoints(want)) {
			t.Fatalf("round %d, first part: %v, want %v", round, rdPoints(first.Points), rdPoints(want))
		}
		if round%3 == 1 {
			// The log changes under the cache, as a restore would change
			// it: its first event is gone.
			for _, q := range []string{"DROP TRIGGER events_no_delete", "DELETE FROM events WHERE id = " + strconv.FormatInt(g.events[0].ID, 10)} {
				if err := s.db.Exec(q).Error; err != nil {
					t.Fatal(err)
				}
			}
			g.events = g.events[1:]
			k--
		}
		rdInsert(t, s, g.events[k:])
		got, err := s.CachedReadinessHistory(&c, rm, today)
		if err != nil {
			t.Fatal(err)
		}
		fresh, err := s.ReadinessHistory(rm, today)
		if err != nil {
			t.Fatal(err)
		}
		want := tracker.History(rm, g.events, today)
		if !slices.Equal(rdPoints(got.Points), rdPoints(want)) || !slices.Equal(rdPoints(fresh.Points), rdPoints(want)) {
			t.Fatalf("round %d: cached %v, fresh %v, want %v", round, rdPoints(got.Points), rdPoints(fresh.Points), rdPoints(want))
		}
		if len(got.Steps) != len(fresh.Steps) {
			t.Errorf("round %d: %d steps cached, %d fresh", round, len(got.Steps), len(fresh.Steps))
		}
		for i := range min(len(got.Steps), len(fresh.Steps)) {
			if got.Steps[i].Score != fresh.Steps[i].Score || !got.Steps[i].At.Equal(fresh.Steps[i].At) {
				t.Errorf("round %d: step %d cached %+v, fresh %+v", round, i, got.Steps[i], fresh.Steps[i])
			}
		}
	}
}

// BenchmarkHistoryDataLargeCached is BenchmarkHistoryDataLarge after one
// tick, with the History screen's cache of the replay up to date before
// it: what each change costs the screen once it has been opened.
func BenchmarkHistoryDataLargeCached(b *testing.B) {
	path, rm := largeDB(b)
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	var c HistoryCache
	if _, err := s.CachedReadinessHistory(&c, rm, largeDay); err != nil {
		b.Fatal(err)
	}
	ids := rm.Entries()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		b.StopTimer()
		i++
		if err := s.SetLevel(ids[i%len(ids)].Item.ID, tracker.Level(1+i%3), time.Time{}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		series, err := s.CachedReadinessHistory(&c, rm, largeDay)
		if err != nil {
			b.Fatal(err)
		}
		recent, err := s.RecentEvents(200)
		if err != nil {
			b.Fatal(err)
		}
		heads, err := s.CheckInHeads()
		if err != nil {
			b.Fatal(err)
		}
		if len(series.Points) == 0 || len(recent.Events) != 200 || len(heads) < 2 {
			b.Fatalf("%d points, %d changes, %d check-ins", len(series.Points), len(recent.Events), len(heads))
		}
	}
}
