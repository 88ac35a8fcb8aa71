package core

import (
	"devpath/roadmap"
	"devpath/tracker"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestPathPrefersTheFlagThenTheEnvironment(t *testing.T) {
	dir := t.TempDir()
	flag, fromEnv := filepath.Join(dir, "flag.db"), filepath.Join(dir, "env.db")
	for _, c := range []struct {
		name string
		cfg  Config
		want string
	}{
		{"flag over environment", Config{DB: flag, Getenv: env(map[string]string{"DEVPATH_DB": fromEnv})}, flag},
		{"environment without a flag", Config{Getenv: env(map[string]string{"DEVPATH_DB": fromEnv})}, fromEnv},
	} {
		got, err := New(c.cfg).Path()
		if err != nil || got != c.want {
			t.Errorf("%s: Path() = %q, %v; want %q", c.name, got, err, c.want)
		}
	}
	rel, err := New(Config{DB: "rel.db", Getenv: env(nil)}).Path()
	if err != nil || !filepath.IsAbs(rel) {
		t.Errorf("a relative --db gives %q, %v; want an absolute path", rel, err)
	}
}

// The day is the local calendar date wherever the laptop is: 23:30 on 1
// December in Auckland is 1 December, though it is 30 November in UTC.
func TestTodayIsTheLocalDate(t *testing.T) {
	auckland := time.FixedZone("NZDT", 13*3600)
	at := time.Date(2026, 12, 1, 23, 30, 0, 0, auckland)
	c := New(Config{Now: func() time.Time { return at }, Getenv: env(nil)})
	want := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	if got := c.Today(); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("Today() = %v, want %v", got, want)
	}
	honolulu := time.FixedZone("HST", -10*3600)
	early := New(Config{Now: func() time.Time { return time.Date(2026, 12, 1, 0, 15, 0, 0, honolulu) }, Getenv: env(nil)})
	if got := early.Today(); !got.Equal(want) {
		t.Errorf("Today() at 00:15 in Honolulu = %v, want %v", got, want)
	}
}

func TestLoadOverride(t *testing.T) {
	c := New(Config{Getenv: env(nil)})
	if rm, err := c.LoadOverride(); rm != nil || err != nil {
		t.Fatalf("without --roadmap: %v, %v; want nil, nil", rm, err)
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("id: x\nstages: [\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if rm, err := New(Config{RoadmapFile: bad, Getenv: env(nil)}).LoadOverride(); rm != nil || err == nil {
		t.Fatalf("a broken roadmap file: %v, %v; want an error", rm, err)
	}
	data, err := os.ReadFile(filepath.Join("..", "..", "roadmap", "testdata", "tiny.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(t.TempDir(), "tiny.yaml")
	if err := os.WriteFile(good, data, 0o600); err != nil {
		t.Fatal(err)
	}
	c = New(Config{RoadmapFile: good, Getenv: env(nil)})
	first, err := c.LoadOverride()
	if err != nil || first == nil {
		t.Fatalf("a good roadmap file: %v, %v", first, err)
	}
	if err := os.Remove(good); err != nil {
		t.Fatal(err)
	}
	again, err := c.LoadOverride()
	if err != nil || again != first {
		t.Errorf("a second LoadOverride read the file again (%v, %v); want the first roadmap", again, err)
	}
}

func TestOpenAndTheDailyBackup(t *testing.T) {
	c := New(Config{DB: filepath.Join(t.TempDir(), "devpath.db"), Getenv: env(nil)})
	st, err := c.Open()
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer st.Close()
	if made, err := st.AfterWrite(); err != nil || made == "" {
		t.Errorf("the first AfterWrite of the day: %q, %v; want a backup made", made, err)
	}
	if made, err := st.AfterWrite(); err != nil || made != "" {
		t.Errorf("the second AfterWrite of the day: %q, %v; want none made", made, err)
	}
}

func TestPathWithoutAHome(t *testing.T) {
	t.Setenv("HOME", "")
	t.Setenv("XDG_DATA_HOME", "")
	_, err := New(Config{Getenv: env(nil)}).Path()
	if !errors.Is(err, ErrNoPath) {
		t.Errorf("no --db, no $DEVPATH_DB, no home: %v; want ErrNoPath", err)
	}
}

// TestApplyAssessesAroundAChange: a change made through the core carries
// the readiness before and after it, on the core's day; a change that
// changes nothing says so and leaves both the same.
func TestApplyAssessesAroundAChange(t *testing.T) {
	day := time.Date(2025, 6, 15, 10, 0, 0, 0, time.UTC)
	c := New(Config{DB: filepath.Join(t.TempDir(), "devpath.db"), Getenv: env(nil), Now: func() time.Time { return day }})
	db, err := c.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rm := roadmap.Default()
	if err := db.SaveProfile(tracker.Profile{Name: "Sam", Stage: "junior", StageSince: day.AddDate(-1, 0, 0), Region: roadmap.RegionUK}); err != nil {
		t.Fatal(err)
	}
	id := rm.Entries()[0].Item.ID
	ch, err := db.Apply(rm, func(before tracker.Progress) (bool, error) {
		if before.Effective(rm, id).Level != tracker.NotStarted {
			t.Errorf("before the tick %s is %v", id, before.Effective(rm, id).Level)
		}
		_, err := db.Tick(id, tracker.Proficient, time.Time{}, nil)
		return true, err
	})
	if err != nil {
		t.Fatal(err)
	}
	if !ch.Changed || ch.After.Effective(rm, id).Level != tracker.Proficient || ch.ScoreChange() <= 0 {
		t.Errorf("after a tick: changed %v, level %v, score %+.1f; want the tick and a higher score", ch.Changed, ch.After.Effective(rm, id).Level, ch.ScoreChange())
	}
	if want := tracker.Assess(rm, ch.After, tracker.Day(day)); ch.Is.Readiness.Score != want.Readiness.Score {
		t.Errorf("the score after: %v; Assess on the core's day says %v", ch.Is.Readiness.Score, want.Readiness.Score)
	}
	same, err := db.Apply(rm, func(tracker.Progress) (bool, error) { return false, nil })
	if err != nil || same.Changed || same.ScoreChange() != 0 || same.Was.Readiness.Score != ch.Is.Readiness.Score {
		t.Errorf("a change of nothing: %+v, %v", same.Changed, err)
	}
}

// TestPrepareExportRefusesWhatItCannotMake: an unknown format, or a
// promotion case in a format that has none, is a coded error; writing over
// the database itself is refused.
func TestPrepareExportRefusesWhatItCannotMake(t *testing.T) {
	c := New(Config{DB: filepath.Join(t.TempDir(), "devpath.db"), Getenv: env(nil)})
	db, err := c.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, req := range []ExportRequest{{Format: "docx"}, {Format: "csv", Case: true}} {
		if _, err := db.PrepareExport(req); tracker.ErrorCode(err) != tracker.CodeUnknownFormat {
			t.Errorf("%+v: %v; want an unknown format", req, err)
		}
	}
	ex, err := db.PrepareExport(ExportRequest{Format: "md"})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SaveExport(db.Path(), ex); !errors.Is(err, ErrIsDatabase) {
		t.Errorf("an export over the database: %v", err)
	}
	if err := db.SaveExport(db.Path()+"-wal", ex); !errors.Is(err, ErrIsDatabase) {
		t.Errorf("an export over the database's log: %v", err)
	}
}
