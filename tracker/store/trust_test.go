package store

import (
	"bytes"
	"crypto/ed25519"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/backup"
	"devpath/tracker/review"
	"devpath/tracker/words"
)

// leftOutOfBackup are the tables the JSON backup leaves out, each with the
// reason. Every other table of the schema must come back from a backup.
var leftOutOfBackup = map[string]string{
	"schema_version":  "the database's own schema version; the backup has its format version, and an import writes into the importing database's schema",
	"sqlite_sequence": "SQLite's next ids, which follow from the rows imported",
	"team_link":       "this machine's link to a team database, set by 'devpath team join' on each machine",
}

// tfOpen opens a store at path on the fixed clock.
func tfOpen(t *testing.T, path string) *Store { return stOpenAt(t, path) }

// tfFill puts rows in every table of the database at path: profile,
// levels, evidence, check-ins (queued for the team, which it joined), a
// git scan's suggestion, a review it asked for and the response to it
// (pinning the reviewer's key), a review it opened for someone else and
// rated, and another roadmap chosen.
func tfFill(t *testing.T, path string) *Store {
	t.Helper()
	rm := roadmap.Default()
	s := tfOpen(t, path)
	stMust(t, s.SaveProfile(tracker.Profile{Name: "Ana", Stage: "junior", Region: "uk", StageSince: stToday}))
	for _, id := range []string{"tf-modules", "docker-multistage", "linux-systemd"} {
		stMust(t, s.SetLevel(id, tracker.Proficient, stToday))
	}
	_, err := s.AddEvidence(tracker.Evidence{ItemID: "tf-modules", Note: "wrote the VPC module", Link: "https://example.com/vpc"})
	stMust(t, err)
	stMust(t, s.JoinTeam("postgres://db.example.com/team", true))
	p, err := s.Progress()
	stMust(t, err)
	_, err = s.CheckIn("spring", tracker.Assess(rm, p, stToday))
	stMust(t, err)
	_, err = s.SaveScan([]tracker.Found{{Item: "tf-modules", Repo: "/src/infra", Commits: 3, First: stToday.AddDate(0, -1, 0), Last: stToday,
		Examples: []string{"add the VPC module"}, Link: "https://example.com/infra/commit/1"}}, map[string][]string{"/src/infra": {"abc123"}})
	stMust(t, err)

	// The review it asked for, answered by its manager.
	mgr := tfOpen(t, filepath.Join(t.TempDir(), "manager.db"))
	stMust(t, mgr.SaveProfile(tracker.Profile{Name: "Maria", Stage: "senior", Region: "uk"}))
	_, file, err := s.RequestReview(rm, review.ShareAll, stToday)
	stMust(t, err)
	rv, err := mgr.OpenReview(file)
	stMust(t, err)
	stMust(t, mgr.RateReview(rv.Request.ID, "tf-modules", tracker.Practising, nil))
	_, key, _ := ed25519.GenerateKey(nil)
	resp, err := mgr.SignReview(rv.Request.ID, key)
	stMust(t, err)
	_, err = s.ImportResponse(resp, false, rm, stToday)
	stMust(t, err)

	// A review it opened as someone's manager.
	other := tfOpen(t, filepath.Join(t.TempDir(), "other.db"))
	stMust(t, other.SaveProfile(tracker.Profile{Name: "Ben", Stage: "junior", Region: "uk"}))
	stMust(t, other.SetLevel("tf-modules", tracker.Learning, stToday))
	_, file2, err := other.RequestReview(rm, review.ShareAll, stToday)
	stMust(t, err)
	rv2, err := s.OpenReview(file2)
	stMust(t, err)
	comment := "good start"
	stMust(t, s.RateReview(rv2.Request.ID, "tf-modules", tracker.Learning, &comment))
	stMust(t, s.NoteReview(rv2.Request.ID, "keep going"))

	file3 := rcFile(t, "team.yaml", rcTeamV1)
	data, err := tracker.ReadRoadmapFile(file3)
	stMust(t, err)
	_, err = s.UseRoadmap(file3, data)
	stMust(t, err)
	// The plan (schema version 9).
	day := time.Date(2031, 5, 1, 0, 0, 0, 0, time.UTC)
	stMust(t, s.PutTarget(day))
	stMust(t, s.PutCadence("6w"))
	stMust(t, s.PutPlanItem("tf-modules", day))
	stMust(t, s.PutReconfirmed([]string{"aws-ec2", "tf-modules"}, day.AddDate(-6, 0, 0)))
	return s
}

// tfTables lists the tables of the database open on db.
func tfTables(t *testing.T, db *sql.DB) []string {
	t.Helper()
	rows, err := db.Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
	stMust(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		stMust(t, rows.Scan(&n))
		out = append(out, n)
	}
	stMust(t, rows.Err())
	return out
}

// tfDump returns every row of table, each as text, sorted; skip names
// columns left out.
func tfDump(t *testing.T, db *sql.DB, table string, skip ...string) []string {
	t.Helper()
	rows, err := db.Query(`SELECT * FROM "` + table + `"`)
	stMust(t, err)
	defer rows.Close()
	cols, err := rows.Columns()
	stMust(t, err)
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		stMust(t, rows.Scan(ptrs...))
		var b strings.Builder
		for i, c := range cols {
			if slices.Contains(skip, c) {
				continue
			}
			fmt.Fprintf(&b, "%s=%v;", c, vals[i])
		}
		out = append(out, b.String())
	}
	stMust(t, rows.Err())
	sort.Strings(out)
	return out
}

// TestBackupHoldsEveryTable fills every table, exports a JSON backup,
// imports it into a new database and compares table by table: each table
// of the schema (as sqlite_master lists it after migration) must come back
// row for row, or be named in leftOutOfBackup with the reason.
func TestBackupHoldsEveryTable(t *testing.T) {
	src := tfFill(t, stPath(t))
	b, err := src.Export()
	stMust(t, err)
	var buf bytes.Buffer
	stMust(t, backup.Write(&buf, b))
	read, err := backup.ReadAt(&buf, 0, stNow)
	stMust(t, err)

	dest := tfOpen(t, stPath(t))
	rep, err := dest.Import(read, false, nil)
	stMust(t, err)
	if rep.Reviews.Added != 4 || rep.Suggestions.Added != 2 || rep.Outbox.Added != 1 {
		t.Errorf("import report: reviews %+v, suggestions %+v, outbox %+v", rep.Reviews, rep.Suggestions, rep.Outbox)
	}
	a, z := stRaw(t, src.path), stRaw(t, dest.path)
	defer a.Close()
	defer z.Close()
	for _, table := range tfTables(t, a) {
		if why, ok := leftOutOfBackup[table]; ok {
			t.Logf("%s: left out: %s", table, why)
			continue
		}
		skip := []string{}
		if table == "profile" || table == "plan_settings" {
			skip = append(skip, "updated_at") // an import saves the profile and the plan's settings anew
		}
		want, got := tfDump(t, a, table, skip...), tfDump(t, z, table, skip...)
		if len(want) == 0 {
			t.Errorf("table %s: the test put no rows in it; fill it so the round trip is tested", table)
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("table %s is neither brought back by a JSON backup nor left out on purpose:\n got %q\nwant %q", table, got, want)
		}
	}
	// The answer to a waiting request, and a response's pinned key, work
	// on the new machine as on the old.
	list, err := dest.Responses()
	if err != nil || len(list) != 1 {
		t.Errorf("review list after the move: %d, %v", len(list), err)
	}
}

// tfCopy copies the database file src (closed) to a new file in a new
// folder and runs stmts on the copy.
func tfCopy(t *testing.T, src string, stmts ...string) string {
	t.Helper()
	data, err := os.ReadFile(src)
	stMust(t, err)
	p := filepath.Join(t.TempDir(), "copy.db")
	stMust(t, os.WriteFile(p, data, 0o600))
	raw := stRaw(t, p)
	stExec(t, raw, stmts...)
	stMust(t, raw.Close())
	return p
}

// tfSchema lists the type and name of every object of sqlite_master.
func tfSchema(t *testing.T, path string) []string {
	t.Helper()
	raw := stRaw(t, path)
	defer raw.Close()
	rows, err := raw.Query("SELECT type || ' ' || name FROM sqlite_master ORDER BY 1")
	stMust(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		stMust(t, rows.Scan(&s))
		out = append(out, s)
	}
	return out
}

// TestRestoreBringsNothingButRows restores a copy that carries a trigger on
// events (which would delete all evidence and every level at the next
// change), an index and a view of its own, into a healthy, a damaged-free
// new and an existing database: the result has devpath's schema exactly,
// and after a change evidence and levels are intact.
func TestRestoreBringsNothingButRows(t *testing.T) {
	db, good := rsSetup(t)
	s := tfOpen(t, good+".fill.db")
	stMust(t, s.SaveProfile(tracker.Profile{Name: "Ada", Stage: "mid", Region: "uk"}))
	stMust(t, s.SetLevel("aws-iam", tracker.Expert, time.Time{}))
	_, err := s.AddEvidence(tracker.Evidence{ItemID: "aws-iam", Note: "set up SSO"})
	stMust(t, err)
	stMust(t, s.Close())
	crafted := tfCopy(t, good+".fill.db",
		"CREATE TRIGGER zz AFTER INSERT ON events BEGIN DELETE FROM evidence; UPDATE progress SET level = 0; END",
		"CREATE INDEX zz_index ON progress (level)",
		"CREATE VIEW zz_view AS SELECT 1")
	want := tfSchema(t, db) // devpath's own schema, as devpath made it

	fresh := filepath.Join(t.TempDir(), "new", "devpath.db")
	for name, target := range map[string]string{"healthy": db, "new": fresh} {
		t.Run(name, func(t *testing.T) {
			_, err := Restore(crafted, target, stNow)
			stMust(t, err)
			if got := tfSchema(t, target); !slices.Equal(got, want) {
				t.Errorf("schema after the restore:\n%q\nwant devpath's own:\n%q", got, want)
			}
			r := stOpenAt(t, target)
			stMust(t, r.SetLevel("k8s", tracker.Learning, time.Time{})) // a change: an event
			p, err := r.Progress()
			stMust(t, err)
			ev, err := r.Evidence("")
			stMust(t, err)
			if p.State("aws-iam").Level != tracker.Expert || len(ev) != 1 {
				t.Errorf("after a change: aws-iam at %v, %d evidence; the copy's trigger ran", p.State("aws-iam").Level, len(ev))
			}
			stMust(t, r.Close())
		})
	}
}

// TestRestoreReadsTheCopyOnce restores a copy whose profile is a view that
// answers a clean row on a connection that changed nothing and a hostile
// one (a name of 100,004 characters with an escape) on one that did: what
// is written is what was checked.
func TestRestoreReadsTheCopyOnce(t *testing.T) {
	db, good := rsSetup(t)
	hostile := "'" + strings.Repeat("N", 100000) + "' || char(27) || '[31m'"
	crafted := tfCopy(t, good,
		"DROP TABLE profile",
		"CREATE VIEW profile AS SELECT 1 AS id, CASE WHEN total_changes() = 0 THEN 'Ada' ELSE "+hostile+
			" END AS name, 'mid' AS stage, '' AS stage_since, '' AS career_start, 'uk' AS region, '' AS branch, '' AS track, '' AS track_level, '2026-03-01T00:00:00Z' AS updated_at")
	for name, target := range map[string]string{"healthy": db, "new": filepath.Join(t.TempDir(), "new", "devpath.db")} {
		t.Run(name, func(t *testing.T) {
			_, err := Restore(crafted, target, stNow)
			if err != nil {
				return // refused: nothing came in
			}
			r := stOpenAt(t, target)
			p, err := r.Progress()
			stMust(t, err)
			if n := len(p.Profile.Name); n > tracker.MaxNameLen || strings.ContainsRune(p.Profile.Name, 27) {
				t.Errorf("the restored name has %d bytes and an escape: the copy was read twice", n)
			}
			b, err := r.Export()
			stMust(t, err)
			stMust(t, b.Check(stNow)) // the user's own backup still imports
			stMust(t, r.Close())
		})
	}
}

// TestRestoreChecksEveryTable restores copies that each hold one hostile
// row in one table: each is refused with a one-line error that names the
// table, and neither the database nor the copy changes.
func TestRestoreChecksEveryTable(t *testing.T) {
	src := stPath(t)
	stMust(t, tfFill(t, src).Close())
	db, _ := rsSetup(t)
	const at = "'2026-03-01T00:00:00Z'"
	cases := map[string]string{
		"profile":              "UPDATE profile SET name = 'Ana' || char(27) || '[31m'",
		"progress":             "INSERT INTO progress (item_id, level, skipped, date, updated_at) VALUES ('bad id', 2, 0, '', " + at + ")",
		"evidence":             "UPDATE evidence SET link = 'javascript:alert(1)'",
		"events":               "INSERT INTO events (at, kind, target) VALUES (" + at + ", 'bogus', 'x')",
		"checkins":             "UPDATE checkins SET score = 500",
		"evidence_suggestions": "UPDATE evidence_suggestions SET repo = 'a' || char(27) || '[2J'",
		"git_scans":            "UPDATE git_scans SET repo = 'a' || char(10) || 'b'",
		"review_requests":      "UPDATE review_requests SET file = X'7b7d'",
		"review_responses":     "UPDATE review_responses SET reviewer = 'Boss'",
		"reviewer_keys":        "INSERT INTO reviewer_keys (reviewer, key, pinned_at) VALUES ('Boss', 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=', " + at + ")",
		"reviews":              "UPDATE reviews SET engineer = 'Somebody else'",
		"review_ratings":       "INSERT INTO review_ratings (review_id, item_id, level) VALUES ('nosuchreview', 'tf-modules', 2)",
		"team_outbox":          "UPDATE team_outbox SET payload = '{\"uuid\": 1}'",
		"roadmap_choice":       "UPDATE roadmap_choice SET content = 'not: [a roadmap'",
	}
	for table, stmt := range cases {
		t.Run(table, func(t *testing.T) {
			crafted := tfCopy(t, src, stmt)
			before, copyBefore := stSnapshot(t, db), stSnapshot(t, crafted)
			_, err := Restore(crafted, db, stNow)
			if err == nil {
				t.Fatalf("a copy with a hostile row in %s was restored", table)
			}
			msg := err.Error()
			t.Log(msg)
			if !strings.Contains(msg, "table "+table) || strings.ContainsAny(msg, "\r\n\x1b") {
				t.Errorf("error %q: want one line naming table %s", msg, table)
			}
			stUnchanged(t, db, before)
			stUnchanged(t, crafted, copyBefore)
		})
	}
	// The untouched copy restores: the cases fail for their row alone.
	_, err := Restore(tfCopy(t, src), db, stNow)
	stMust(t, err)
}

// tfEventsAt writes a backup whose last event has id id.
func tfBackupWithEventID(t *testing.T, id int64) backup.Backup {
	t.Helper()
	s := tfOpen(t, stPath(t))
	stMust(t, s.SaveProfile(tracker.Profile{Name: "Ada", Stage: "mid", Region: "uk"}))
	stMust(t, s.SetLevel("aws-iam", tracker.Expert, time.Time{}))
	b, err := s.Export()
	stMust(t, err)
	b.Events[len(b.Events)-1].ID = id
	return b
}

// TestImportedIDsLeaveRoom imports a backup whose last event id is the
// largest SQLite has: the log is numbered afresh, and changes, evidence and
// check-ins go on. Evidence with such an id is refused. A database whose
// ids ran out says so (not that the disk is full), and importing a good
// backup over it mends it.
func TestImportedIDsLeaveRoom(t *testing.T) {
	rm := roadmap.Default()
	s := tfOpen(t, stPath(t))
	_, err := s.Import(tfBackupWithEventID(t, math.MaxInt64), false, nil)
	stMust(t, err)
	stMust(t, s.SetLevel("k8s", tracker.Learning, time.Time{}))
	_, err = s.AddEvidence(tracker.Evidence{ItemID: "k8s", Note: "ran a cluster"})
	stMust(t, err)
	p, err := s.Progress()
	stMust(t, err)
	_, err = s.CheckIn("after the import", tracker.Assess(rm, p, stToday))
	stMust(t, err)

	b, err := s.Export()
	stMust(t, err)
	b.Evidence[0].ID = math.MaxInt64
	if _, err := s.Import(b, false, nil); err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("a backup with evidence id 2^63-1: %v, want it refused as too large", err)
	}
	_, err = s.AddEvidence(tracker.Evidence{ItemID: "k8s", Note: "and another"})
	stMust(t, err)

	// A database whose event ids ran out (as an older devpath's import
	// left it).
	stMust(t, s.db.Exec("UPDATE sqlite_sequence SET seq = 9223372036854775807 WHERE name = 'events'").Error)
	err = s.SetLevel("k8s", tracker.Proficient, time.Time{})
	if !errors.Is(err, tracker.ErrIDsExhausted) || errors.Is(err, tracker.ErrDiskFull) {
		t.Fatalf("a change with no id left: %v, want ErrIDsExhausted", err)
	}
	msg, _ := words.Failure(err, s.path, words.CommandLine)
	if !strings.Contains(msg, "run out of ids") || !strings.Contains(msg, "not full") {
		t.Errorf("worded: %q", msg)
	}
	good, err := s.Export()
	stMust(t, err)
	_, err = s.Import(good, false, nil)
	stMust(t, err)
	stMust(t, s.SetLevel("k8s", tracker.Proficient, time.Time{}))
	stMust(t, s.SetLevel("k8s", tracker.Expert, time.Time{}))
}

// tfMerge exports from and merges it into into, through the JSON form.
func tfMerge(t *testing.T, from, into *Store) tracker.ImportReport {
	t.Helper()
	b, err := from.Export()
	stMust(t, err)
	var buf bytes.Buffer
	stMust(t, backup.Write(&buf, b))
	read, err := backup.ReadAt(&buf, 0, stNow)
	stMust(t, err)
	read.Source = "b.json"
	rep, err := into.Import(read, true, nil)
	stMust(t, err)
	return rep
}

// tfNotes lists the notes of a store's evidence, sorted.
func tfNotes(t *testing.T, s *Store) []string {
	t.Helper()
	ev, err := s.Evidence("")
	stMust(t, err)
	var out []string
	for _, e := range ev {
		out = append(out, e.Note)
	}
	sort.Strings(out)
	return out
}

// TestMergeFollowsEditsAndDeletions is two laptops: A and B each add
// evidence (both get id 1) and B is merged into A. B then edits its note:
// merging again updates A's copy (no third entry). B then deletes it:
// merging again removes it from A. The report says what it did.
func TestMergeFollowsEditsAndDeletions(t *testing.T) {
	c := &bkClock{}
	c.at(2026, 3, 1)
	a, b := bkOpen(t, c), bkOpen(t, c)
	_, err := a.AddEvidence(tracker.Evidence{ItemID: "k8s", Note: "A's cluster"})
	stMust(t, err)
	eb, err := b.AddEvidence(tracker.Evidence{ItemID: "k8s", Note: "B's first draft"})
	stMust(t, err)
	if rep := tfMerge(t, b, a); rep.Evidence.Added != 1 {
		t.Errorf("first merge: %+v", rep.Evidence)
	}

	c.at(2026, 3, 2)
	eb.Note = "B's final note"
	stMust(t, b.UpdateEvidence(eb))
	rep := tfMerge(t, b, a)
	if got := tfNotes(t, a); !slices.Equal(got, []string{"A's cluster", "B's final note"}) {
		t.Errorf("after merging B's edit, A holds %q", got)
	}
	if rep.Evidence.Updated != 1 || rep.Evidence.Added != 0 {
		t.Errorf("merge of an edit: %+v, want 1 updated", rep.Evidence)
	}

	c.at(2026, 3, 3)
	stMust(t, b.DeleteEvidence(eb.ID))
	rep = tfMerge(t, b, a)
	if got := tfNotes(t, a); !slices.Equal(got, []string{"A's cluster"}) {
		t.Errorf("after merging B's deletion, A holds %q", got)
	}
	if rep.Evidence.Removed != 1 {
		t.Errorf("merge of a deletion: %+v, want 1 removed", rep.Evidence)
	}
	if line := strings.Join(words.ImportLines(rep), " "); !strings.Contains(line, "Evidence: 1 removed.") {
		t.Errorf("the report says %q", line)
	}
	// Merging A back into B brings nothing back either.
	tfMerge(t, a, b)
	if got := tfNotes(t, b); !slices.Equal(got, []string{"A's cluster"}) {
		t.Errorf("B after merging A: %q", got)
	}
}

// TestFastClockCopiesRestoreAndImport makes a JSON backup and a database
// copy under a clock 72 hours fast; with the clock right, both import
// (replacing and merging) and the copy restores, and the import says how
// far ahead the clock was. A year 9999 is still refused.
func TestFastClockCopiesRestoreAndImport(t *testing.T) {
	fast := stNow.Add(72 * time.Hour)
	path := filepath.Join(t.TempDir(), "fast.db")
	s, err := OpenWith(path, Options{Now: func() time.Time { return fast }})
	stMust(t, err)
	stMust(t, s.SaveProfile(tracker.Profile{Name: "Ada", Stage: "mid", Region: "uk", StageSince: tracker.Day(fast)}))
	stMust(t, s.SetLevel("aws-iam", tracker.Expert, tracker.Day(fast)))
	_, err = s.AddEvidence(tracker.Evidence{ItemID: "aws-iam", Note: "set up SSO"})
	stMust(t, err)
	b, err := s.Export()
	stMust(t, err)
	var buf bytes.Buffer
	stMust(t, backup.Write(&buf, b))
	json := buf.Bytes()
	cp := filepath.Join(t.TempDir(), "copies", "devpath-backup.db")
	stMust(t, s.Backup(cp))
	stMust(t, s.Close())

	read, err := backup.ReadAt(bytes.NewReader(json), 0, stNow)
	stMust(t, err)
	for _, merge := range []bool{false, true} {
		d := tfOpen(t, stPath(t))
		rep, err := d.Import(read, merge, nil)
		stMust(t, err)
		if rep.ClockAhead < 71*time.Hour {
			t.Errorf("merge %v: the report says the clock was %v ahead", merge, rep.ClockAhead)
		}
		if line := strings.Join(words.ImportLines(rep), " "); !strings.Contains(line, "72 hours ahead") {
			t.Errorf("merge %v: the report says %q", merge, line)
		}
	}
	db, _ := rsSetup(t)
	_, err = Restore(cp, db, stNow)
	stMust(t, err)
	_, err = Restore(cp, filepath.Join(t.TempDir(), "new", "devpath.db"), stNow)
	stMust(t, err)

	far := bytes.Replace(json, []byte(`"exported_at": "`+fast.Format("2006")), []byte(`"exported_at": "9999`), 1)
	if bytes.Equal(far, json) {
		t.Fatal("the test did not change the export time")
	}
	if _, err := backup.ReadAt(bytes.NewReader(far), 0, stNow); err == nil || !strings.Contains(err.Error(), "in the future") {
		t.Errorf("a backup from the year 9999: %v", err)
	}
}
