package store

import (
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/roadmap/roadmaptest"
	"devpath/tracker"
)

// tickID is the entry the tick benchmarks change: a skill of the embedded
// roadmap.
func tickID(b *testing.B) string {
	b.Helper()
	for _, e := range roadmap.Default().Entries() {
		if e.Kind == roadmap.KindSkill {
			return e.Item.ID
		}
	}
	b.Fatal("the embedded roadmap has no skill")
	return ""
}

// tickLevels are the levels the tick benchmarks alternate between, so that
// every call changes the entry and writes.
var tickLevels = [2]tracker.Level{tracker.Proficient, tracker.Learning}

// countEvents returns the number of rows of the event log.
func countEvents(b *testing.B, db *sql.DB) int {
	b.Helper()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM events").Scan(&n); err != nil {
		b.Fatal(err)
	}
	return n
}

// BenchmarkTick is one tick through the store: Store.SetLevel on a database
// in a temporary folder with the real connection settings (WAL,
// synchronous=FULL, BEGIN IMMEDIATE), the event row included. The levels
// alternate so that every call writes.
func BenchmarkTick(b *testing.B) {
	s, err := Open(filepath.Join(testDir(b), "devpath.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	id := tickID(b)
	calls := 0
	b.ReportAllocs()
	for b.Loop() {
		if err := s.SetLevel(id, tickLevels[calls&1], time.Time{}); err != nil {
			b.Fatal(err)
		}
		calls++
	}
	b.StopTimer()
	sqlDB, err := s.db.DB()
	if err != nil {
		b.Fatal(err)
	}
	if n := countEvents(b, sqlDB); n != calls {
		b.Fatalf("%d events logged for %d ticks", n, calls)
	}
}

// BenchmarkTickBaseline writes the rows of one tick (the progress row
// upserted and the event row inserted, in one BEGIN IMMEDIATE transaction)
// with plain database/sql on the same driver, with the store's DSN (the
// same settings) and schema (its migrations): the floor of BenchmarkTick.
func BenchmarkTickBaseline(b *testing.B) {
	path := filepath.Join(testDir(b), "devpath.db")
	db, err := sql.Open("sqlite3", writeDSN(path))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	for _, m := range migrations {
		if _, err := db.Exec(m.sql); err != nil {
			b.Fatal(err)
		}
		if _, err := db.Exec("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", m.version, formatStamp(time.Now())); err != nil {
			b.Fatal(err)
		}
	}
	id := tickID(b)
	calls := 0
	b.ReportAllocs()
	for b.Loop() {
		now := time.Now()
		old, l := tickLevels[(calls+1)&1], tickLevels[calls&1]
		tx, err := db.Begin()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := tx.Exec(`INSERT INTO progress (item_id, level, skipped, date, updated_at) VALUES (?, ?, 0, ?, ?)
ON CONFLICT (item_id) DO UPDATE SET level = excluded.level, date = excluded.date, updated_at = excluded.updated_at`,
			id, int(l), tracker.FormatDay(tracker.DayOf(now)), formatStamp(now)); err != nil {
			b.Fatal(err)
		}
		if _, err := tx.Exec("INSERT INTO events (at, kind, target, old, new) VALUES (?, ?, ?, ?, ?)",
			formatStamp(now), tracker.EventLevel, id, strconv.Itoa(int(old)), strconv.Itoa(int(l))); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
		calls++
	}
	b.StopTimer()
	if n := countEvents(b, db); n != calls {
		b.Fatalf("%d events logged for %d ticks", n, calls)
	}
}

// largeDB writes the large database (5,000 generated entries, 100,000
// events) into a temporary folder and returns its path and roadmap. When
// DEVPATH_LARGE_FIXTURE names a folder holding large.db (written by
// TestLargeFixture), that file is copied instead, which saves writing it
// again for every benchmark run of a series.
func largeDB(b *testing.B) (string, *roadmap.Roadmap) {
	b.Helper()
	rm := roadmaptest.Large(largeItems)
	path := filepath.Join(testDir(b), "large.db")
	if dir := os.Getenv(largeFixtureEnv); dir != "" {
		if data, err := os.ReadFile(filepath.Join(dir, "large.db")); err == nil {
			if err := os.WriteFile(path, data, 0o600); err != nil {
				b.Fatal(err)
			}
			return path, rm
		}
	}
	if _, err := writeLargeDB(path, rm, largeEvents); err != nil {
		b.Fatalf("write the large database: %v", err)
	}
	return path, rm
}

// BenchmarkOpenLarge opens the large database and computes what the
// Dashboard shows, as the window does at start: Open, HasProfile, Progress,
// Evidence (counts per entry) and Assess, then Close.
func BenchmarkOpenLarge(b *testing.B) {
	path, rm := largeDB(b)
	b.ReportAllocs()
	for b.Loop() {
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		if has, err := s.HasProfile(); err != nil || !has {
			b.Fatalf("HasProfile: %v, %v", has, err)
		}
		p, err := s.Progress()
		if err != nil {
			b.Fatal(err)
		}
		ev, err := s.Evidence("")
		if err != nil {
			b.Fatal(err)
		}
		counts := make(map[string]int, len(ev))
		for _, e := range ev {
			counts[e.ItemID]++
		}
		if a := tracker.Assess(rm, p, largeDay); a.Readiness.Score <= 0 || len(counts) == 0 {
			b.Fatalf("score %v, evidence for %d entries", a.Readiness.Score, len(counts))
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenLargeBaseline is the floor of BenchmarkOpenLarge: the same
// rows (profile, item states, evidence) read from the same file with plain
// database/sql and the store's DSN, converted to the same types, and
// assessed; no checks of the file, no migrations.
func BenchmarkOpenLargeBaseline(b *testing.B) {
	path, rm := largeDB(b)
	b.ReportAllocs()
	for b.Loop() {
		db, err := sql.Open("sqlite3", writeDSN(path))
		if err != nil {
			b.Fatal(err)
		}
		db.SetMaxOpenConns(1)
		var pr profileRow
		if err := db.QueryRow("SELECT name, stage, stage_since, career_start, region, branch, track, track_level FROM profile WHERE id = 1").
			Scan(&pr.Name, &pr.Stage, &pr.StageSince, &pr.CareerStart, &pr.Region, &pr.Branch, &pr.Track, &pr.TrackLevel); err != nil {
			b.Fatal(err)
		}
		prof, err := pr.profile()
		if err != nil {
			b.Fatal(err)
		}
		p := tracker.Progress{Profile: prof, Items: map[string]tracker.ItemState{}}
		rows, err := db.Query("SELECT item_id, level, skipped, date, updated_at FROM progress ORDER BY item_id")
		if err != nil {
			b.Fatal(err)
		}
		for rows.Next() {
			var st tracker.ItemState
			var level int
			var date, updated string
			if err := rows.Scan(&st.ID, &level, &st.Skipped, &date, &updated); err != nil {
				b.Fatal(err)
			}
			st.Level = tracker.Level(level)
			if st.Date, err = tracker.ParseDay(date); err != nil {
				b.Fatal(err)
			}
			if updated != "" {
				if st.UpdatedAt, err = parseStamp(updated); err != nil {
					b.Fatal(err)
				}
			}
			p.Items[st.ID] = st
		}
		if err := rows.Err(); err != nil {
			b.Fatal(err)
		}
		rows, err = db.Query("SELECT id, item_id, note, link, date, created_at, updated_at FROM evidence ORDER BY date, id")
		if err != nil {
			b.Fatal(err)
		}
		counts := map[string]int{}
		for rows.Next() {
			var e tracker.Evidence
			var date, created, updated string
			if err := rows.Scan(&e.ID, &e.ItemID, &e.Note, &e.Link, &date, &created, &updated); err != nil {
				b.Fatal(err)
			}
			if e.Date, err = tracker.ParseDay(date); err != nil {
				b.Fatal(err)
			}
			if e.CreatedAt, err = parseStamp(created); err != nil {
				b.Fatal(err)
			}
			if e.UpdatedAt, err = parseStamp(updated); err != nil {
				b.Fatal(err)
			}
			counts[e.ItemID]++
		}
		if err := rows.Err(); err != nil {
			b.Fatal(err)
		}
		if a := tracker.Assess(rm, p, largeDay); a.Readiness.Score <= 0 || len(counts) == 0 {
			b.Fatalf("score %v, evidence for %d entries", a.Readiness.Score, len(counts))
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHistoryScreenLarge is what the History screen computes for each
// new snapshot on the large database: the whole event log and the
// check-ins read through the store, and readiness replayed over the log.
func BenchmarkHistoryScreenLarge(b *testing.B) {
	path, rm := largeDB(b)
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ReportAllocs()
	for b.Loop() {
		events, err := s.Events(time.Time{})
		if err != nil {
			b.Fatal(err)
		}
		cs, err := s.CheckIns()
		if err != nil {
			b.Fatal(err)
		}
		if pts := tracker.History(rm, events, largeDay); len(pts) == 0 || len(cs) == 0 {
			b.Fatalf("%d points, %d check-ins", len(pts), len(cs))
		}
	}
}
