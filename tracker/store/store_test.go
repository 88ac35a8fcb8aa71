package store

import (
	"devpath/tracker"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"
)

// stNow is the fixed clock of the store tests: 15 March 2026, 10:30 UTC.
var stNow = time.Date(2026, 3, 15, 10, 30, 0, 0, time.UTC)

// stToday is stNow's calendar day.
var stToday = time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)

// stDay parses a YYYY-MM-DD test date.
func stDay(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// stPath returns a database path inside a fresh temporary folder that does
// not exist yet.
func stPath(t *testing.T) string {
	t.Helper()
	return filepath.Join(testDir(t), "data", "devpath.db")
}

// stOpenAt opens the database at path with the fixed clock and closes it at
// the end of the test.
func stOpenAt(t *testing.T, path string) *Store {
	t.Helper()
	s, err := OpenWith(path, Options{Now: func() time.Time { return stNow }})
	if err != nil {
		t.Fatalf("OpenWith(%s): %v", path, err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// stOpen opens a new database in a temporary folder.
func stOpen(t *testing.T) *Store {
	t.Helper()
	return stOpenAt(t, stPath(t))
}

// stEvents returns the whole event log.
func stEvents(t *testing.T, s *Store) []tracker.Event {
	t.Helper()
	evs, err := s.Events(time.Time{})
	if err != nil {
		t.Fatalf("Events: %v", err)
	}
	return evs
}

// stMust fails the test on err.
func stMust(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestStoreOpenCreatesFolderAndFilePrivate(t *testing.T) {
	path := filepath.Join(testDir(t), "a", "b", "devpath.db")
	s := stOpenAt(t, path)
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
	if s.ReadOnly() {
		t.Error("a new database opened read-only")
	}
	for _, dir := range []string{filepath.Dir(path), filepath.Dir(filepath.Dir(path))} {
		fi, err := os.Stat(dir)
		stMust(t, err)
		if got := fi.Mode().Perm(); got != modeHere(fi, 0o700) {
			t.Errorf("folder %s has mode %o, want %o", dir, got, modeHere(fi, 0o700))
		}
	}
	fi, err := os.Stat(path)
	stMust(t, err)
	if got := fi.Mode().Perm(); got != modeHere(fi, 0o600) {
		t.Errorf("file has mode %o, want %o", got, modeHere(fi, 0o600))
	}
	has, err := s.HasProfile()
	stMust(t, err)
	if has {
		t.Error("HasProfile() = true on a new database")
	}
}

func TestStoreOpenTightensLoosePermissions(t *testing.T) {
	path := stPath(t)
	s := stOpenAt(t, path)
	stMust(t, s.Close())
	stMust(t, os.Chmod(path, 0o644))
	stOpenAt(t, path)
	fi, err := os.Stat(path)
	stMust(t, err)
	if got := fi.Mode().Perm(); got != modeHere(fi, 0o600) {
		t.Errorf("file has mode %o after reopening, want %o", got, modeHere(fi, 0o600))
	}
}

func TestStoreOpenZeroLengthFileIsNew(t *testing.T) {
	path := filepath.Join(testDir(t), "devpath.db")
	stMust(t, os.WriteFile(path, nil, 0o600))
	s := stOpenAt(t, path)
	stMust(t, s.SetLevel("aws-iam", tracker.Proficient, time.Time{}))
	p, err := s.Progress()
	stMust(t, err)
	if p.State("aws-iam").Level != tracker.Proficient {
		t.Errorf("level = %v, want proficient", p.State("aws-iam").Level)
	}
}

func TestStoreConnectionSettings(t *testing.T) {
	s := stOpen(t)
	want := map[string]string{
		"journal_mode":   "wal",
		"synchronous":    "2", // FULL
		"foreign_keys":   "1",
		"busy_timeout":   "5000",
		"application_id": fmt.Sprint(applicationID),
	}
	for pragma, w := range want {
		var got string
		stMust(t, s.db.Raw("PRAGMA "+pragma).Row().Scan(&got))
		if got != w {
			t.Errorf("PRAGMA %s = %q, want %q", pragma, got, w)
		}
	}
	v, err := currentVersion(s.db)
	stMust(t, err)
	if v != schemaVersion {
		t.Errorf("schema version = %d, want %d", v, schemaVersion)
	}
	for _, dsn := range []string{writeDSN(s.Path()), readDSN(s.Path(), false)} {
		if !strings.Contains(dsn, "_busy_timeout=5000") || !strings.Contains(dsn, "_foreign_keys=on") {
			t.Errorf("DSN %q lacks a connection setting", dsn)
		}
	}
	for _, p := range []string{"_journal_mode=WAL", "_synchronous=FULL", "_txlock=immediate"} {
		if !strings.Contains(writeDSN(s.Path()), p) {
			t.Errorf("write DSN lacks %s", p)
		}
	}
}

func TestSQLiteURIEscapes(t *testing.T) {
	got := sqliteURI("/tmp/a b/x?y#z%.db", "mode=ro")
	want := "file:///tmp/a b/x%3Fy%23z%25.db?mode=ro"
	if got != want {
		t.Errorf("sqliteURI = %q, want %q", got, want)
	}
	// A path with URI characters really opens. Windows allows no "?" in
	// a file name; "#" and "%" are still there to escape.
	odd := "odd ?#% name"
	if runtime.GOOS == "windows" {
		odd = "odd #% name"
	}
	path := filepath.Join(testDir(t), odd, "devpath.db")
	s := stOpenAt(t, path)
	stMust(t, s.SetLevel("x", tracker.Learning, time.Time{}))
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database not created at %s: %v", path, err)
	}
}

func TestApplicationIDMatchesMigration(t *testing.T) {
	if !strings.Contains(migrations[0].sql, fmt.Sprintf("application_id = %d;", applicationID)) {
		t.Errorf("migration 1 does not set application_id %d", applicationID)
	}
}

func TestProfileDefaultsOnNewDatabase(t *testing.T) {
	s := stOpen(t)
	p, err := s.Profile()
	stMust(t, err)
	want := tracker.Profile{Stage: "junior", Region: "uk", StageSince: stToday}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("Profile() = %+v, want %+v", p, want)
	}
	pr, err := s.Progress()
	stMust(t, err)
	if !reflect.DeepEqual(pr.Profile, want) || len(pr.Items) != 0 {
		t.Errorf("Progress() = %+v, want defaults and no items", pr)
	}
}

func TestSaveProfileLogsChangedFields(t *testing.T) {
	s := stOpen(t)
	p := tracker.Profile{
		Name: "  Ada  ", Stage: "mid", StageSince: time.Date(2025, 6, 1, 23, 0, 0, 0, time.UTC),
		CareerStart: stDay(t, "2022-01-10"), Region: "US", Branch: "sre",
	}
	stMust(t, s.SaveProfile(p))
	has, err := s.HasProfile()
	stMust(t, err)
	if !has {
		t.Fatal("HasProfile() = false after SaveProfile")
	}
	got, err := s.Profile()
	stMust(t, err)
	want := tracker.Profile{Name: "Ada", Stage: "mid", StageSince: stDay(t, "2025-06-01"), CareerStart: stDay(t, "2022-01-10"), Region: "us", Branch: "sre"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Profile() = %+v, want %+v", got, want)
	}
	type ch struct{ target, old, new string }
	var gotEv []ch
	for _, e := range stEvents(t, s) {
		if e.Kind != tracker.EventProfile {
			t.Errorf("event kind %q, want profile", e.Kind)
		}
		if !e.At.Equal(stNow) {
			t.Errorf("event at %v, want %v", e.At, stNow)
		}
		gotEv = append(gotEv, ch{e.Target, e.Old, e.New})
	}
	wantEv := []ch{
		{"name", "", "Ada"}, {"stage", "junior", "mid"}, {"stage_since", "2026-03-15", "2025-06-01"},
		{"career_start", "", "2022-01-10"}, {"region", "uk", "us"}, {"branch", "", "sre"},
	}
	if !reflect.DeepEqual(gotEv, wantEv) {
		t.Errorf("events = %+v, want %+v", gotEv, wantEv)
	}

	// Saving the same profile again logs nothing; changing one field logs one event.
	stMust(t, s.SaveProfile(want))
	if n := len(stEvents(t, s)); n != len(wantEv) {
		t.Errorf("unchanged SaveProfile logged %d events", n-len(wantEv))
	}
	want.Track, want.TrackLevel = "ic", "ic-senior"
	stMust(t, s.SaveProfile(want))
	evs := stEvents(t, s)
	if len(evs) != len(wantEv)+2 || evs[len(evs)-2].Target != "track" || evs[len(evs)-1].New != "ic-senior" {
		t.Errorf("events after setting the track: %+v", evs[len(wantEv):])
	}
}

func TestSaveProfileFirstSaveOfDefaults(t *testing.T) {
	s := stOpen(t)
	p, err := s.Profile()
	stMust(t, err)
	stMust(t, s.SaveProfile(p))
	has, err := s.HasProfile()
	stMust(t, err)
	if !has {
		t.Error("HasProfile() = false after saving the default profile")
	}
	if n := len(stEvents(t, s)); n != 0 {
		t.Errorf("saving the unchanged default profile logged %d events", n)
	}
}

func TestSaveProfileValidates(t *testing.T) {
	s := stOpen(t)
	ok := tracker.Profile{Stage: "junior", Region: "uk"}
	tests := []struct {
		name   string
		change func(*tracker.Profile)
		want   string
	}{
		{"empty stage", func(p *tracker.Profile) { p.Stage = " " }, "no stage"},
		{"bad region", func(p *tracker.Profile) { p.Region = "de" }, `region "de" is not known`},
		{"empty region", func(p *tracker.Profile) { p.Region = "" }, "region"},
		{"future stage date", func(p *tracker.Profile) { p.StageSince = stToday.AddDate(0, 0, 1) }, "2026-03-16 is in the future"},
		{"future career start", func(p *tracker.Profile) { p.CareerStart = stToday.AddDate(1, 0, 0) }, "career start date: date 2027-03-15 is in the future"},
		{"name with newline", func(p *tracker.Profile) { p.Name = "a\nb" }, "single line"},
		{"long name", func(p *tracker.Profile) { p.Name = strings.Repeat("x", 201) }, "too long"},
		{"stage with space", func(p *tracker.Profile) { p.Stage = "mid level" }, "not a valid id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := ok
			tc.change(&p)
			err := s.SaveProfile(p)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("SaveProfile: error %v, want one containing %q", err, tc.want)
			}
		})
	}
	if has, _ := s.HasProfile(); has {
		t.Error("an invalid profile was saved")
	}
	if n := len(stEvents(t, s)); n != 0 {
		t.Errorf("invalid profiles logged %d events", n)
	}
	// Today is allowed.
	ok.StageSince = stNow
	stMust(t, s.SaveProfile(ok))
}

func TestSetLevelAndSkip(t *testing.T) {
	s := stOpen(t)
	stMust(t, s.SetLevel("aws-iam", tracker.Practising, stDay(t, "2026-02-01")))
	stMust(t, s.SetLevel("terraform", tracker.Proficient, time.Time{}))
	stMust(t, s.SetSkipped("windows-server", true))
	p, err := s.Progress()
	stMust(t, err)
	want := map[string]tracker.ItemState{
		"aws-iam":        {ID: "aws-iam", Level: tracker.Practising, Date: stDay(t, "2026-02-01"), UpdatedAt: stNow},
		"terraform":      {ID: "terraform", Level: tracker.Proficient, Date: stToday, UpdatedAt: stNow},
		"windows-server": {ID: "windows-server", Skipped: true, UpdatedAt: stNow},
	}
	if !reflect.DeepEqual(p.Items, want) {
		t.Errorf("Items = %+v, want %+v", p.Items, want)
	}
	type ch struct{ kind, target, old, new string }
	var got []ch
	for _, e := range stEvents(t, s) {
		got = append(got, ch{e.Kind, e.Target, e.Old, e.New})
	}
	wantEv := []ch{
		{tracker.EventLevel, "aws-iam", "0", "2"},
		{tracker.EventLevel, "terraform", "0", "3"},
		{tracker.EventSkip, "windows-server", "false", "true"},
	}
	if !reflect.DeepEqual(got, wantEv) {
		t.Errorf("events = %+v, want %+v", got, wantEv)
	}

	// A skipped entry keeps its level; un-skipping logs "true" → "false".
	stMust(t, s.SetSkipped("aws-iam", true))
	stMust(t, s.SetSkipped("aws-iam", false))
	evs := stEvents(t, s)
	if last := evs[len(evs)-1]; last.Kind != tracker.EventSkip || last.Old != "true" || last.New != "false" {
		t.Errorf("last event = %+v", last)
	}
	p, err = s.Progress()
	stMust(t, err)
	if st := p.State("aws-iam"); st.Level != tracker.Practising || st.Skipped {
		t.Errorf("aws-iam = %+v after skip and unskip", st)
	}
}

func TestNoOpWritesLogNothing(t *testing.T) {
	s := stOpen(t)
	stMust(t, s.SetLevel("untouched", tracker.NotStarted, time.Time{}))
	stMust(t, s.SetSkipped("untouched", false))
	stMust(t, s.SetLevel("k8s", tracker.Learning, time.Time{}))
	stMust(t, s.SetLevel("k8s", tracker.Learning, stDay(t, "2026-01-01")))
	stMust(t, s.SetSkipped("k8s", true))
	stMust(t, s.SetSkipped("k8s", true))
	e, err := s.AddEvidence(tracker.Evidence{ItemID: "k8s", Note: "ran a cluster"})
	stMust(t, err)
	stMust(t, s.UpdateEvidence(tracker.Evidence{ID: e.ID, Note: "  ran a cluster  ", Date: e.Date}))
	evs := stEvents(t, s)
	if len(evs) != 3 {
		t.Errorf("got %d events, want 3 (level, skip, evidence): %+v", len(evs), evs)
	}
	p, err := s.Progress()
	stMust(t, err)
	if _, ok := p.Items["untouched"]; ok {
		t.Error("a no-op created a progress row")
	}
	if got := p.State("k8s").Date; !got.Equal(stToday) {
		t.Errorf("no-op SetLevel changed the date to %v", got)
	}
}

func TestSetLevelValidates(t *testing.T) {
	s := stOpen(t)
	tests := []struct {
		id    string
		level tracker.Level
		date  time.Time
		want  string
	}{
		{"x", tracker.Level(5), time.Time{}, "level 5 is not valid"},
		{"x", tracker.Level(-1), time.Time{}, "level -1 is not valid"},
		{"", tracker.Proficient, time.Time{}, "no entry id"},
		{"a b", tracker.Proficient, time.Time{}, "must not contain spaces"},
		{"x", tracker.Proficient, stToday.AddDate(0, 0, 1), "date 2026-03-16 is in the future"},
	}
	for _, tc := range tests {
		err := s.SetLevel(tc.id, tc.level, tc.date)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("SetLevel(%q, %d, %v): error %v, want %q", tc.id, tc.level, tc.date, err, tc.want)
		}
	}
	if err := s.SetSkipped("", true); err == nil {
		t.Error("SetSkipped with no id succeeded")
	}
	if n := len(stEvents(t, s)); n != 0 {
		t.Errorf("invalid writes logged %d events", n)
	}
}

func TestEventsSince(t *testing.T) {
	clock := stNow
	path := stPath(t)
	s, err := OpenWith(path, Options{Now: func() time.Time { return clock }})
	stMust(t, err)
	defer s.Close()
	for i, id := range []string{"a", "b", "c"} {
		clock = stNow.Add(time.Duration(i) * time.Hour)
		stMust(t, s.SetLevel(id, tracker.Learning, time.Time{}))
	}
	evs, err := s.Events(stNow.Add(time.Hour))
	stMust(t, err)
	if len(evs) != 2 || evs[0].Target != "b" || evs[1].Target != "c" {
		t.Errorf("Events(since 11:30) = %+v, want b and c", evs)
	}
	if !evs[1].At.Equal(stNow.Add(2 * time.Hour)) {
		t.Errorf("At = %v", evs[1].At)
	}
	all := stEvents(t, s)
	for i := 1; i < len(all); i++ {
		if all[i].ID <= all[i-1].ID {
			t.Errorf("events not oldest first: %+v", all)
		}
	}
}

func TestEventLogIsAppendOnly(t *testing.T) {
	s := stOpen(t)
	stMust(t, s.SetLevel("a", tracker.Learning, time.Time{}))
	if err := s.db.Exec("DELETE FROM events").Error; err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Errorf("deleting events: %v, want an append-only error", err)
	}
	if err := s.db.Exec("UPDATE events SET new = '4'").Error; err == nil {
		t.Error("updating events succeeded")
	}
	if n := len(stEvents(t, s)); n != 1 {
		t.Errorf("%d events left, want 1", n)
	}
}

func TestReopenKeepsEverything(t *testing.T) {
	path := stPath(t)
	s := stOpenAt(t, path)
	prof := tracker.Profile{Name: "Ada", Stage: "senior", StageSince: stDay(t, "2024-09-01"), CareerStart: stDay(t, "2018-02-01"),
		Region: "us", Branch: "platform", Track: "architecture", TrackLevel: "solutions-architect"}
	stMust(t, s.SaveProfile(prof))
	stMust(t, s.SetLevel("aws-iam", tracker.Expert, stDay(t, "2025-01-02")))
	stMust(t, s.SetLevel("k8s", tracker.Practising, time.Time{}))
	stMust(t, s.SetSkipped("windows", true))
	ev, err := s.AddEvidence(tracker.Evidence{ItemID: "aws-iam", Note: "Designed the org's IAM", Link: "https://example.com/iam", Date: stDay(t, "2025-01-03")})
	stMust(t, err)
	a := tracker.Assessment{Stage: tracker.StageRef{ID: "senior"}, Readiness: tracker.Readiness{Score: 42.5, Verdict: tracker.VerdictBuilding}}
	ci, err := s.CheckIn("Q1 review", a)
	stMust(t, err)
	wantProgress, err := s.Progress()
	stMust(t, err)
	wantEvents := stEvents(t, s)
	stMust(t, s.Close())

	s2 := stOpenAt(t, path)
	has, err := s2.HasProfile()
	stMust(t, err)
	gotProgress, err := s2.Progress()
	stMust(t, err)
	if !has || !reflect.DeepEqual(gotProgress, wantProgress) {
		t.Errorf("after reopening: HasProfile %v, Progress %+v, want %+v", has, gotProgress, wantProgress)
	}
	if !reflect.DeepEqual(gotProgress.Profile, prof) {
		t.Errorf("profile %+v, want %+v", gotProgress.Profile, prof)
	}
	if got := stEvents(t, s2); !reflect.DeepEqual(got, wantEvents) || len(got) != 12 {
		t.Errorf("events after reopening (%d) = %+v, want %+v", len(got), got, wantEvents)
	}
	evs, err := s2.Evidence("aws-iam")
	stMust(t, err)
	if len(evs) != 1 || !reflect.DeepEqual(evs[0], ev) {
		t.Errorf("evidence after reopening = %+v, want %+v", evs, ev)
	}
	cis, err := s2.CheckIns()
	stMust(t, err)
	if len(cis) != 1 || !reflect.DeepEqual(cis[0], ci) {
		t.Errorf("check-ins after reopening = %+v, want %+v", cis, ci)
	}
}

func TestConcurrentWritersTwoStores(t *testing.T) {
	path := stPath(t)
	// Both stores open the new file at the same time, racing to create and
	// migrate it.
	stores := make([]*Store, 2)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stores[i], errs[i] = Open(path)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("store %d: Open: %v", i, err)
		}
		t.Cleanup(func() { _ = stores[i].Close() })
	}

	const perWriter = 200
	errc := make(chan error, 4*perWriter)
	for w, s := range stores {
		for g := 0; g < 2; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := g; i < perWriter; i += 2 {
					id := fmt.Sprintf("w%d-item-%03d", w, i)
					if err := s.SetLevel(id, tracker.Level(1+i%4), time.Time{}); err != nil {
						errc <- fmt.Errorf("%s: %w", id, err)
					}
				}
			}()
		}
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Error(err)
		if strings.Contains(err.Error(), "locked") || strings.Contains(err.Error(), "busy") {
			t.Fatal("a writer saw the database locked")
		}
	}
	for _, s := range stores {
		p, err := s.Progress()
		stMust(t, err)
		if len(p.Items) != 2*perWriter {
			t.Fatalf("%d items, want %d", len(p.Items), 2*perWriter)
		}
		for w := 0; w < 2; w++ {
			for i := 0; i < perWriter; i++ {
				id := fmt.Sprintf("w%d-item-%03d", w, i)
				if got := p.State(id).Level; got != tracker.Level(1+i%4) {
					t.Errorf("%s: level %d, want %d", id, got, 1+i%4)
				}
			}
		}
		if n := len(stEvents(t, s)); n != 2*perWriter {
			t.Errorf("%d events, want %d", n, 2*perWriter)
		}
	}
	var ic string
	stMust(t, stores[0].db.Raw("PRAGMA integrity_check").Row().Scan(&ic))
	if ic != "ok" {
		t.Errorf("integrity_check = %q", ic)
	}
}

func TestEvidenceLifecycle(t *testing.T) {
	s := stOpen(t)
	e1, err := s.AddEvidence(tracker.Evidence{ItemID: "aws-iam", Note: "  wrote the IAM policy  ", Link: "https://example.com/pr/1", Date: stDay(t, "2026-01-10")})
	stMust(t, err)
	if e1.ID == 0 || e1.Note != "wrote the IAM policy" || !e1.Date.Equal(stDay(t, "2026-01-10")) || !e1.CreatedAt.Equal(stNow) || !e1.UpdatedAt.Equal(stNow) {
		t.Errorf("AddEvidence returned %+v", e1)
	}
	e2, err := s.AddEvidence(tracker.Evidence{ItemID: "k8s", Note: "ran the upgrade"})
	stMust(t, err)
	if !e2.Date.Equal(stToday) {
		t.Errorf("zero date became %v, want today", e2.Date)
	}
	e3, err := s.AddEvidence(tracker.Evidence{ItemID: "aws-iam", Note: "older one", Date: stDay(t, "2025-12-01")})
	stMust(t, err)

	all, err := s.Evidence("")
	stMust(t, err)
	if len(all) != 3 || all[0].ID != e3.ID || all[1].ID != e1.ID || all[2].ID != e2.ID {
		t.Errorf("Evidence(\"\") = %+v, want oldest date first", all)
	}
	iam, err := s.Evidence("aws-iam")
	stMust(t, err)
	if len(iam) != 2 || iam[0].ID != e3.ID {
		t.Errorf("Evidence(aws-iam) = %+v", iam)
	}

	stMust(t, s.UpdateEvidence(tracker.Evidence{ID: e1.ID, Note: "wrote and reviewed the IAM policy", Link: "", Date: e1.Date}))
	iam, err = s.Evidence("aws-iam")
	stMust(t, err)
	if iam[1].Note != "wrote and reviewed the IAM policy" || iam[1].Link != "" || iam[1].ItemID != "aws-iam" {
		t.Errorf("after update: %+v", iam[1])
	}
	stMust(t, s.DeleteEvidence(e2.ID))
	if err := s.DeleteEvidence(e2.ID); !errors.Is(err, tracker.ErrNotFound) {
		t.Errorf("deleting twice: %v, want ErrNotFound", err)
	}
	if err := s.UpdateEvidence(tracker.Evidence{ID: 999, Note: "x"}); !errors.Is(err, tracker.ErrNotFound) {
		t.Errorf("updating a missing entry: %v, want ErrNotFound", err)
	}

	evs := stEvents(t, s)
	if len(evs) != 5 {
		t.Fatalf("%d events, want 5: %+v", len(evs), evs)
	}
	for i, e := range evs {
		if e.Kind != tracker.EventEvidence {
			t.Errorf("event %d kind %q", i, e.Kind)
		}
	}
	if evs[0].Old != "" || !strings.Contains(evs[0].New, `"note":"wrote the IAM policy"`) || evs[0].Target != "aws-iam" {
		t.Errorf("add event = %+v", evs[0])
	}
	if !strings.Contains(evs[3].Old, `"wrote the IAM policy"`) || !strings.Contains(evs[3].New, "reviewed") {
		t.Errorf("update event = %+v", evs[3])
	}
	if evs[4].New != "" || !strings.Contains(evs[4].Old, "ran the upgrade") || evs[4].Target != "k8s" {
		t.Errorf("delete event = %+v", evs[4])
	}
}

func TestEvidenceValidation(t *testing.T) {
	s := stOpen(t)
	tests := []struct {
		name string
		e    tracker.Evidence
		want string
	}{
		{"empty note", tracker.Evidence{ItemID: "a", Note: "   "}, "note is empty"},
		{"long note", tracker.Evidence{ItemID: "a", Note: strings.Repeat("é", tracker.MaxNoteLen+1)}, "too long"},
		{"ftp link", tracker.Evidence{ItemID: "a", Note: "n", Link: "ftp://x"}, `link "ftp://x" must start with http:// or https://`},
		{"javascript link", tracker.Evidence{ItemID: "a", Note: "n", Link: "javascript:alert(1)"}, "must start with http://"},
		{"no host", tracker.Evidence{ItemID: "a", Note: "n", Link: "https://"}, "has no host"},
		{"future date", tracker.Evidence{ItemID: "a", Note: "n", Date: stToday.AddDate(0, 1, 0)}, "2026-04-15 is in the future"},
		{"no item", tracker.Evidence{Note: "n"}, "no entry id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.AddEvidence(tc.e)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("AddEvidence: %v, want an error containing %q", err, tc.want)
			}
		})
	}
	// The longest note is fine.
	long, err := s.AddEvidence(tracker.Evidence{ItemID: "a", Note: strings.Repeat("é", tracker.MaxNoteLen)})
	stMust(t, err)
	if err := s.UpdateEvidence(tracker.Evidence{ID: long.ID, Note: "ok", Link: "mailto:x@example.com"}); err == nil {
		t.Error("UpdateEvidence accepted a mailto link")
	}
	if err := s.UpdateEvidence(tracker.Evidence{ID: long.ID, Note: ""}); err == nil {
		t.Error("UpdateEvidence accepted an empty note")
	}
	all, err := s.Evidence("")
	stMust(t, err)
	if len(all) != 1 || all[0].Note != long.Note {
		t.Errorf("evidence = %d entries; invalid input was stored", len(all))
	}
	if n := len(stEvents(t, s)); n != 1 {
		t.Errorf("%d events, want 1", n)
	}
}

func TestCheckIns(t *testing.T) {
	clock := stNow
	s, err := OpenWith(stPath(t), Options{Now: func() time.Time { return clock }})
	stMust(t, err)
	defer s.Close()
	stMust(t, s.SetLevel("a", tracker.Proficient, time.Time{}))
	stMust(t, s.SetSkipped("b", true))
	c1, err := s.CheckIn("  before review ", tracker.Assessment{Stage: tracker.StageRef{ID: "junior"}, Readiness: tracker.Readiness{Score: 12.5, Verdict: tracker.VerdictBuilding}})
	stMust(t, err)
	if c1.ID == 0 || c1.Label != "before review" || c1.Stage != "junior" || c1.Score != 12.5 || c1.Verdict != tracker.VerdictBuilding || !c1.At.Equal(stNow) {
		t.Errorf("CheckIn = %+v", c1)
	}
	want := map[string]tracker.ItemState{
		"a": {ID: "a", Level: tracker.Proficient, Date: stToday, UpdatedAt: stNow},
		"b": {ID: "b", Skipped: true, UpdatedAt: stNow},
	}
	if !reflect.DeepEqual(c1.Items, want) {
		t.Errorf("snapshot = %+v, want %+v", c1.Items, want)
	}
	// Later changes do not touch the frozen snapshot.
	clock = stNow.Add(24 * time.Hour)
	stMust(t, s.SetLevel("a", tracker.Expert, time.Time{}))
	c2, err := s.CheckIn("", tracker.Assessment{Stage: tracker.StageRef{ID: "junior"}, Readiness: tracker.Readiness{Score: 20, Verdict: tracker.VerdictBuilding}})
	stMust(t, err)
	if c2.Label != "2026-03-16" {
		t.Errorf("default label = %q, want today's date", c2.Label)
	}
	cis, err := s.CheckIns()
	stMust(t, err)
	if len(cis) != 2 || cis[0].ID != c1.ID || cis[1].ID != c2.ID {
		t.Fatalf("CheckIns = %+v", cis)
	}
	if cis[0].Items["a"].Level != tracker.Proficient || cis[1].Items["a"].Level != tracker.Expert {
		t.Errorf("snapshots: %v then %v", cis[0].Items["a"].Level, cis[1].Items["a"].Level)
	}
	for _, ref := range []string{fmt.Sprint(c1.ID), "before review", " before review "} {
		got, err := s.FindCheckIn(ref)
		if err != nil || got.ID != c1.ID {
			t.Errorf("FindCheckIn(%q) = %+v, %v; want check-in %d", ref, got, err, c1.ID)
		}
	}
	if _, err := s.FindCheckIn("nope"); !errors.Is(err, tracker.ErrNotFound) {
		t.Errorf("FindCheckIn(nope): %v, want ErrNotFound", err)
	}
	if _, err := s.FindCheckIn("999"); !errors.Is(err, tracker.ErrNotFound) {
		t.Errorf("FindCheckIn(999): %v, want ErrNotFound", err)
	}
	if _, err := s.CheckIn("42", tracker.Assessment{}); err == nil {
		t.Error("a numeric label was accepted")
	}
}

func TestDefaultAndResolvePath(t *testing.T) {
	home := testDir(t)
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home) // the home folder on Windows
	t.Setenv("DEVPATH_DB", "")
	xdg := filepath.Join(home, "xdg")
	tests := []struct {
		xdg  string
		want string
	}{
		{xdg, filepath.Join(xdg, "devpath", "devpath.db")},
		{"", filepath.Join(home, ".local", "share", "devpath", "devpath.db")},
		{"relative/dir", filepath.Join(home, ".local", "share", "devpath", "devpath.db")},
	}
	if runtime.GOOS == "windows" {
		// %APPDATA%, whatever XDG_DATA_HOME says.
		appData := filepath.Join(home, "AppData", "Roaming")
		t.Setenv("APPDATA", appData)
		for i := range tests {
			tests[i].want = filepath.Join(appData, "devpath", "devpath.db")
		}
	}
	for _, tc := range tests {
		t.Setenv("XDG_DATA_HOME", tc.xdg)
		got, err := DefaultPath()
		if err != nil || got != tc.want {
			t.Errorf("XDG_DATA_HOME=%q: DefaultPath() = %q, %v; want %q", tc.xdg, got, err, tc.want)
		}
	}
	t.Setenv("XDG_DATA_HOME", xdg)
	if got, _ := ResolvePath(""); got != tests[0].want {
		t.Errorf("ResolvePath(\"\") = %q, want %q", got, tests[0].want)
	}
	env := filepath.Join(home, "env", "db.sqlite")
	t.Setenv("DEVPATH_DB", env)
	if got, _ := ResolvePath(""); got != env {
		t.Errorf("ResolvePath with DEVPATH_DB = %q, want %q", got, env)
	}
	flag := filepath.Join(home, "flag", "x.db")
	if got, _ := ResolvePath(flag); got != flag {
		t.Errorf("ResolvePath(flag) = %q, want %q", got, flag)
	}
	if got, _ := ResolvePath("~/my.db"); got != filepath.Join(home, "my.db") {
		t.Errorf("ResolvePath(~/my.db) = %q", got)
	}
	wd, _ := os.Getwd()
	if got, _ := ResolvePath("rel.db"); got != filepath.Join(wd, "rel.db") {
		t.Errorf("ResolvePath(rel.db) = %q", got)
	}
}

func TestWriteIsAllOrNothing(t *testing.T) {
	s := stOpen(t)
	boom := errors.New("boom")
	err := s.write("test", func(tx *gorm.DB, now time.Time) error {
		if err := putSkipped(tx, "a", true, now); err != nil {
			return err
		}
		if err := appendEvent(tx, now, tracker.EventSkip, "a", "false", "true"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("write: %v, want boom", err)
	}
	p, err := s.Progress()
	stMust(t, err)
	if len(p.Items) != 0 || len(stEvents(t, s)) != 0 {
		t.Errorf("a failed write left %+v and %d events", p.Items, len(stEvents(t, s)))
	}
}

// TestTickWithEvidenceIsOneTransaction: a tick with a note saves the level
// and the note together, and a note that cannot be saved leaves the level
// unchanged too.
func TestTickWithEvidenceIsOneTransaction(t *testing.T) {
	s := stOpen(t)
	if _, err := s.Tick("aws-iam", tracker.Proficient, time.Time{}, &tracker.Evidence{Note: "Wrote the IAM policy review"}); err != nil {
		t.Fatal(err)
	}
	p, err := s.Progress()
	if err != nil {
		t.Fatal(err)
	}
	if p.State("aws-iam").Level != tracker.Proficient {
		t.Fatalf("level = %v, want proficient", p.State("aws-iam").Level)
	}
	ev, err := s.Evidence("aws-iam")
	if err != nil || len(ev) != 1 || ev[0].Note != "Wrote the IAM policy review" {
		t.Fatalf("evidence = %+v, %v", ev, err)
	}

	// A bad link is refused before anything is written.
	if _, err := s.Tick("aws-s3", tracker.Expert, time.Time{}, &tracker.Evidence{Note: "x", Link: "ftp://example.com"}); err == nil {
		t.Fatal("a tick with an ftp link was accepted")
	}
	// A failure inside the transaction (the evidence insert) undoes the
	// level as well.
	if err := s.db.Exec(`CREATE TRIGGER fail_evidence BEFORE INSERT ON evidence BEGIN SELECT RAISE(ABORT, 'refused'); END`).Error; err != nil {
		t.Fatal(err)
	}
	if _, err := s.Tick("aws-s3", tracker.Expert, time.Time{}, &tracker.Evidence{Note: "Bucket policies"}); err == nil {
		t.Fatal("the tick succeeded although its evidence could not be saved")
	}
	p, err = s.Progress()
	if err != nil {
		t.Fatal(err)
	}
	if got := p.State("aws-s3").Level; got != tracker.NotStarted {
		t.Fatalf("aws-s3 level = %v after a failed tick, want not started", got)
	}
}

// TestEditEvidenceDatedInAZoneAhead: evidence dated today in a time zone a
// day ahead (tomorrow here) can still have its note edited; only a changed
// date is judged against today.
func TestEditEvidenceDatedInAZoneAhead(t *testing.T) {
	path := stPath(t)
	ahead, err := OpenWith(path, Options{Now: func() time.Time { return stNow.Add(20 * time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	tomorrow := tracker.DayOf(stNow.Add(20 * time.Hour))
	if !tomorrow.After(tracker.DayOf(stNow)) {
		t.Fatalf("the clock ahead is on %v, not a day after %v", tomorrow, tracker.DayOf(stNow))
	}
	ev, err := ahead.AddEvidence(tracker.Evidence{ItemID: "aws-iam", Note: "first", Date: tomorrow})
	if err != nil {
		t.Fatal(err)
	}
	if err := ahead.Close(); err != nil {
		t.Fatal(err)
	}
	s := stOpenAt(t, path)
	ev.Note = "first, with more detail"
	if err := s.UpdateEvidence(ev); err != nil {
		t.Fatalf("editing the note: %v", err)
	}
	// A date moved into the future is still refused.
	ev.Date = tomorrow.AddDate(0, 0, 1)
	if err := s.UpdateEvidence(ev); err == nil {
		t.Error("a date moved past today was accepted")
	}
}
