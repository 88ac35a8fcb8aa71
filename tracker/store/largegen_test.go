package store

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/roadmap/roadmaptest"
	"devpath/tracker"
	"devpath/tracker/trackertest"
)

// largeFixtureEnv names a folder; when it is set, TestLargeFixture writes
// the full-size database (large.db) and its roadmap (large-roadmap.json)
// there, for the start-up benchmark (.ci/startup-bench.sh).
const largeFixtureEnv = "DEVPATH_LARGE_FIXTURE"

// Size of the large database: a generated roadmap of 5,000 entries and a
// history of 100,000 events.
const (
	largeItems  = 5000
	largeEvents = 100000
)

// largeDay is the "today" of the large database: just after its last event.
var largeDay = time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC)

// largeCounts is what writeLargeDB put in the database.
type largeCounts struct {
	items, evidence, events, checkIns int
}

// writeLargeDB creates a devpath database at path (which must not exist)
// for a user of rm at its fourth stage: the schema through Open, then, in
// one raw transaction, the profile, a state for most entries
// (realisticProgress), evidence for every seventh entry with a state
// (two notes for every third of those) and nEvents events (genLargeEvents);
// then, through the store, one check-in per quarter of the events' three
// years up to 12.
func writeLargeDB(path string, rm *roadmap.Roadmap, nEvents int) (largeCounts, error) {
	var n largeCounts
	s, err := Open(path)
	if err != nil {
		return n, err
	}
	if err := s.Close(); err != nil {
		return n, err
	}

	db, err := sql.Open("sqlite3", writeDSN(path))
	if err != nil {
		return n, fmt.Errorf("open %s: %w", path, err)
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		return n, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()

	si := min(3, len(rm.Stages)-1)
	p := trackertest.Realistic(rm, si, 1)
	stamp := formatStamp(time.Date(2024, 12, 20, 18, 0, 0, 0, time.UTC))
	pr := rowOf(p.Profile)
	if _, err := tx.Exec(`INSERT INTO profile (id, name, stage, stage_since, career_start, region, branch, track, track_level, updated_at)
VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, pr.Name, pr.Stage, pr.StageSince, "2019-09-02", pr.Region, pr.Branch, pr.Track, pr.TrackLevel, stamp); err != nil {
		return n, fmt.Errorf("insert the profile: %w", err)
	}

	progress, err := tx.Prepare("INSERT INTO progress (item_id, level, skipped, date, updated_at) VALUES (?, ?, ?, ?, ?)")
	if err != nil {
		return n, err
	}
	evidence, err := tx.Prepare("INSERT INTO evidence (item_id, note, link, date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
	if err != nil {
		return n, err
	}
	// Entries in roadmap order, so that the evidence goes to the same
	// entries on every run.
	for _, e := range rm.Entries() {
		for _, id := range append([]string{e.Item.ID}, e.Item.Replaces...) {
			st, ok := p.Items[id]
			if !ok {
				continue
			}
			if _, err := progress.Exec(st.ID, int(st.Level), st.Skipped, tracker.FormatDay(st.Date), formatStamp(st.UpdatedAt)); err != nil {
				return n, fmt.Errorf("insert the state of %s: %w", st.ID, err)
			}
			n.items++
			if n.items%7 != 0 {
				continue
			}
			for k := 0; k < 1+btoi(n.items%21 == 0); k++ {
				d := st.Date.AddDate(0, 0, -k)
				if _, err := evidence.Exec(st.ID, "Ran the "+e.Item.Title+" change in production and wrote it up", "https://example.com/notes/"+st.ID,
					tracker.FormatDay(d), formatStamp(d), formatStamp(d)); err != nil {
					return n, fmt.Errorf("insert evidence for %s: %w", st.ID, err)
				}
				n.evidence++
			}
		}
	}
	// Retired entries the roadmap no longer has.
	for id, st := range p.Items {
		if _, ok := rm.Lookup(id); ok {
			continue
		}
		if _, err := progress.Exec(id, int(st.Level), st.Skipped, tracker.FormatDay(st.Date), formatStamp(st.UpdatedAt)); err != nil {
			return n, fmt.Errorf("insert the state of %s: %w", id, err)
		}
		n.items++
	}

	events, err := tx.Prepare("INSERT INTO events (id, at, kind, target, old, new) VALUES (?, ?, ?, ?, ?, ?)")
	if err != nil {
		return n, err
	}
	evs := trackertest.Events(rm, nEvents, 1)
	for _, e := range evs {
		if _, err := events.Exec(e.ID, formatStamp(e.At), e.Kind, e.Target, e.Old, e.New); err != nil {
			return n, fmt.Errorf("insert event %d: %w", e.ID, err)
		}
	}
	n.events = len(evs)
	if err := tx.Commit(); err != nil {
		return n, fmt.Errorf("commit: %w", err)
	}
	if err := db.Close(); err != nil {
		return n, err
	}

	// Check-ins go through the store, as the user makes them.
	var at time.Time
	s, err = OpenWith(path, Options{Now: func() time.Time { return at }})
	if err != nil {
		return n, err
	}
	defer s.Close()
	first, last := evs[0].At, evs[len(evs)-1].At
	for q := 1; q <= 12; q++ {
		at = first.AddDate(0, 3*q, 0)
		if at.After(last) {
			break
		}
		cur, err := s.Progress()
		if err != nil {
			return n, err
		}
		if _, err := s.CheckIn("Review "+strconv.Itoa(q), tracker.Assess(rm, cur, tracker.DayOf(at))); err != nil {
			return n, err
		}
		n.checkIns++
	}
	return n, s.Close()
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestLargeFixture writes a generated database with writeLargeDB and reads
// it back through the store. It uses a small size (500 entries, 5,000
// events) unless DEVPATH_LARGE_FIXTURE names a folder: then it writes the
// full size there as large.db, with the roadmap as large-roadmap.json.
func TestLargeFixture(t *testing.T) {
	items, nEvents, dir := 500, 5000, testDir(t)
	if out := os.Getenv(largeFixtureEnv); out != "" {
		items, nEvents, dir = largeItems, largeEvents, out
	}
	rm := roadmaptest.Large(items)
	dbPath := filepath.Join(dir, "large.db")
	rmPath := filepath.Join(dir, "large-roadmap.json")
	for _, p := range []string{dbPath, dbPath + "-wal", dbPath + "-shm", rmPath} {
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	want, err := writeLargeDB(dbPath, rm, nEvents)
	if err != nil {
		t.Fatalf("write the large database: %v", err)
	}
	js, err := rm.JSON()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(rmPath, js, 0o600); err != nil {
		t.Fatal(err)
	}

	// The roadmap file loads back as the same roadmap.
	back, err := roadmap.LoadFile(rmPath)
	if err != nil {
		t.Fatalf("load %s: %v", rmPath, err)
	}
	if got := len(back.Entries()); got != items {
		t.Errorf("%s has %d entries, want %d", rmPath, got, items)
	}

	s, err := Open(dbPath)
	if err != nil {
		t.Fatalf("open the large database: %v", err)
	}
	defer s.Close()
	p, err := s.Progress()
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != want.items || want.items < items/2 {
		t.Errorf("%d item states read back, %d written, for %d entries", len(p.Items), want.items, items)
	}
	if p.Profile.Stage != rm.Stages[3].ID || p.Profile.Branch == "" || p.Profile.CareerStart.IsZero() {
		t.Errorf("profile read back: %+v", p.Profile)
	}
	ev, err := s.Evidence("")
	if err != nil {
		t.Fatal(err)
	}
	if len(ev) != want.evidence || len(ev) < want.items/10 {
		t.Errorf("%d evidence entries read back, %d written", len(ev), want.evidence)
	}
	log, err := s.Events(time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != nEvents || want.events != nEvents {
		t.Errorf("%d events read back, %d written, want %d", len(log), want.events, nEvents)
	}
	cs, err := s.CheckIns()
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != want.checkIns || len(cs) < 8 {
		t.Errorf("%d check-ins read back, %d written", len(cs), want.checkIns)
	}
	if len(cs) > 0 && len(cs[len(cs)-1].Items) != want.items {
		t.Errorf("the last check-in holds %d states, want %d", len(cs[len(cs)-1].Items), want.items)
	}
	a := tracker.Assess(back, p, largeDay)
	if a.Readiness.Score <= 0 || a.Readiness.Score >= 100 || len(a.Orphans) == 0 {
		t.Errorf("assessment of the large database: score %v, orphans %v", a.Readiness.Score, a.Orphans)
	}
}
