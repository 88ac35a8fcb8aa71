package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"devpath/roadmap"
	"devpath/roadmap/safefile"
	"devpath/tracker"
	"devpath/tracker/backup"
	"devpath/tracker/trackertest"
)

// bkClock is a store clock that tests move forward by hand.
type bkClock struct{ t time.Time }

func (c *bkClock) now() time.Time { return c.t }

// at sets the clock to 09:00 UTC of the given day.
func (c *bkClock) at(y, m, d int) { c.t = time.Date(y, time.Month(m), d, 9, 0, 0, 0, time.UTC) }

func bkDay(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// bkOpen opens a new database in a temporary folder on clock c.
func bkOpen(t *testing.T, c *bkClock) *Store {
	t.Helper()
	s, err := OpenWith(filepath.Join(testDir(t), "devpath.db"), Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func bkMust(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// bkFill records a bit of everything: profile, levels, a skip, evidence
// added, changed and deleted, an undo and two check-ins.
func bkFill(t *testing.T, s *Store, c *bkClock) {
	t.Helper()
	c.at(2024, 3, 1)
	bkMust(t, s.SaveProfile(tracker.Profile{Name: "Sam Ødegård", Stage: "junior", StageSince: bkDay(2024, 3, 1), CareerStart: bkDay(2023, 9, 1), Region: "uk"}))
	c.at(2024, 4, 2)
	bkMust(t, s.SetLevel("linux-systemd", tracker.Proficient, bkDay(2024, 4, 1)))
	bkMust(t, s.SetLevel("docker-multistage", tracker.Learning, time.Time{}))
	bkMust(t, s.SetSkipped("aws-rds", true))
	e1, err := s.AddEvidence(tracker.Evidence{ItemID: "linux-systemd", Note: "Wrote unit files <b>and</b> timers", Link: "https://example.com/pr/1", Date: bkDay(2024, 4, 1)})
	bkMust(t, err)
	e2, err := s.AddEvidence(tracker.Evidence{ItemID: "docker-multistage", Note: "First try", Date: bkDay(2024, 4, 2)})
	bkMust(t, err)
	c.at(2024, 5, 5)
	e1.Note = "Wrote unit files and timers for the batch jobs"
	bkMust(t, s.UpdateEvidence(e1))
	bkMust(t, s.DeleteEvidence(e2.ID))
	bkMust(t, s.SetLevel("aws-iam", tracker.Expert, bkDay(2024, 5, 4)))
	_, err = s.Undo()
	bkMust(t, err)
	bkMust(t, s.SetLevel("not-in-roadmap", tracker.Practising, time.Time{}))
	_, err = s.CheckIn("First review", tracker.Assessment{Stage: tracker.StageRef{ID: "junior"}, Readiness: tracker.Readiness{Score: 31.5, Verdict: tracker.VerdictBuilding}})
	bkMust(t, err)
	c.at(2024, 6, 1)
	bkMust(t, s.SetLevel("docker-multistage", tracker.Proficient, time.Time{}))
	_, err = s.CheckIn("Second review", tracker.Assessment{Stage: tracker.StageRef{ID: "junior"}, Readiness: tracker.Readiness{Score: 40, Verdict: tracker.VerdictBuilding}})
	bkMust(t, err)
}

// bkExport exports s and blanks the export time.
func bkExport(t *testing.T, s *Store) backup.Backup {
	t.Helper()
	b, err := s.Export()
	bkMust(t, err)
	b.ExportedAt = time.Time{}
	return b
}

// bkJSON encodes a backup for comparison.
func bkJSON(t *testing.T, b backup.Backup) string {
	t.Helper()
	var buf bytes.Buffer
	bkMust(t, backup.Write(&buf, b))
	return buf.String()
}

// bkRead encodes b and reads it back through ReadBackup.
func bkRead(t *testing.T, b backup.Backup) backup.Backup {
	t.Helper()
	if b.ExportedAt.IsZero() {
		b.ExportedAt = time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)
	}
	var buf bytes.Buffer
	bkMust(t, backup.Write(&buf, b))
	got, err := backup.Read(&buf, 0)
	bkMust(t, err)
	return got
}

func TestBackupRoundTrip(t *testing.T) {
	c := &bkClock{}
	a := bkOpen(t, c)
	bkFill(t, a, c)
	c.at(2024, 7, 1)
	first, err := a.Export()
	bkMust(t, err)
	if first.Format != backup.Format || first.Version != backup.Version || !first.ExportedAt.Equal(c.t) {
		t.Errorf("header = %q %d %v", first.Format, first.Version, first.ExportedAt)
	}
	if n := first.Counts(); !n.Profile || n.Items != 5 || n.Evidence != 1 || n.CheckIns != 2 || n.Events < 10 {
		t.Fatalf("the export holds %+v", n)
	}

	// Through a file, as a user moves to a new machine.
	path := filepath.Join(testDir(t), "devpath-backup.json")
	bkMust(t, safefile.Save(path, func(w io.Writer) error { return backup.Write(w, first) }))
	fi, err := os.Stat(path)
	bkMust(t, err)
	if fi.Mode().Perm() != modeHere(fi, 0o600) {
		t.Errorf("the backup file has mode %o, want %o", fi.Mode().Perm(), modeHere(fi, 0o600))
	}
	read, err := backup.ReadFile(path)
	bkMust(t, err)
	if read.Source != "devpath-backup.json" {
		t.Errorf("Source = %q", read.Source)
	}

	c2 := &bkClock{}
	c2.at(2025, 1, 1)
	b := bkOpen(t, c2)
	rep, err := b.Import(read, false, nil)
	bkMust(t, err)
	if rep.Items.Added != 5 || rep.Evidence.Added != 1 || rep.CheckIns.Added != 2 || rep.Events.Added != len(first.Events) || rep.Profile != "replaced" {
		t.Errorf("report %+v", rep)
	}
	second, err := b.Export()
	bkMust(t, err)
	if !second.ExportedAt.Equal(c2.t) {
		t.Errorf("the second export is dated %v", second.ExportedAt)
	}
	first.ExportedAt, second.ExportedAt = time.Time{}, time.Time{}
	if x, y := bkJSON(t, first), bkJSON(t, second); x != y {
		t.Errorf("export, import, export differ:\n%s", trackertest.FirstDiff(x, y))
	}

	// The restored database works on: undo goes on where it stopped.
	undone, err := b.Undo()
	bkMust(t, err)
	if undone.Kind != tracker.EventLevel || undone.Target != "docker-multistage" {
		t.Errorf("undo after restore undid %+v", undone)
	}
}

func TestImportReplacesEverything(t *testing.T) {
	c := &bkClock{}
	src := bkOpen(t, c)
	bkFill(t, src, c)
	want := bkExport(t, src)

	dst := bkOpen(t, c)
	c.at(2024, 8, 1)
	bkMust(t, dst.SaveProfile(tracker.Profile{Name: "Someone else", Stage: "senior", Region: "us"}))
	bkMust(t, dst.SetLevel("k8s-rbac", tracker.Expert, time.Time{}))
	_, err := dst.AddEvidence(tracker.Evidence{ItemID: "k8s-rbac", Note: "other", Date: bkDay(2024, 8, 1)})
	bkMust(t, err)
	_, err = dst.CheckIn("Other", tracker.Assessment{Stage: tracker.StageRef{ID: "senior"}})
	bkMust(t, err)
	before, err := dst.Counts()
	bkMust(t, err)

	rep, err := dst.Import(bkRead(t, want), false, nil)
	bkMust(t, err)
	if rep.Items.Removed != before.Items || rep.Evidence.Removed != 1 || rep.CheckIns.Removed != 1 || rep.Events.Removed != before.Events {
		t.Errorf("report %+v, database held %+v", rep, before)
	}
	if got := bkExport(t, dst); bkJSON(t, got) != bkJSON(t, want) {
		t.Errorf("after a replacing import the database differs from the backup:\n%s", trackertest.FirstDiff(bkJSON(t, want), bkJSON(t, got)))
	}
	// The event log is append-only again.
	if err := dst.db.Exec("DELETE FROM events").Error; err == nil {
		t.Error("the event log's guard is gone after an import")
	}
}

func TestImportMergeKeepsNewer(t *testing.T) {
	c := &bkClock{}
	laptop := bkOpen(t, c)
	bkFill(t, laptop, c)
	desktop := bkOpen(t, c)
	_, err := desktop.Import(bkRead(t, bkExport(t, laptop)), false, nil)
	bkMust(t, err)
	ev, err := laptop.Evidence("linux-systemd")
	bkMust(t, err)
	shared := ev[0]

	// Both go on separately.
	c.at(2024, 7, 1)
	bkMust(t, laptop.SetLevel("linux-systemd", tracker.Expert, time.Time{}))  // older than the desktop's change
	bkMust(t, laptop.SetLevel("tf-modules", tracker.Practising, time.Time{})) // only here
	bkMust(t, laptop.SaveProfile(tracker.Profile{Name: "Sam O.", Stage: "junior", StageSince: bkDay(2024, 3, 1), CareerStart: bkDay(2023, 9, 1), Region: "uk"}))
	c.at(2024, 7, 2)
	bkMust(t, desktop.SetLevel("linux-systemd", tracker.Learning, time.Time{})) // newer: wins
	bkMust(t, desktop.SetLevel("k8s-helm", tracker.Proficient, time.Time{}))    // only there
	bkMust(t, desktop.SetLevel("aws-s3", tracker.Learning, time.Time{}))
	_, err = desktop.Undo() // an undo whose event gets a new id in the merged log
	bkMust(t, err)
	bkMust(t, desktop.SaveProfile(tracker.Profile{Name: "Sam Ødegård", Stage: "mid", StageSince: bkDay(2024, 7, 1), CareerStart: bkDay(2023, 9, 1), Region: "us"}))
	shared.Note = "Edited on the desktop"
	bkMust(t, desktop.UpdateEvidence(shared))
	_, err = desktop.AddEvidence(tracker.Evidence{ItemID: "k8s-helm", Note: "Charts for three services", Date: bkDay(2024, 7, 2)})
	bkMust(t, err)
	_, err = desktop.CheckIn("Desktop review", tracker.Assessment{Stage: tracker.StageRef{ID: "mid"}, Readiness: tracker.Readiness{Score: 10, Verdict: tracker.VerdictBuilding}})
	bkMust(t, err)
	c.at(2024, 7, 3)
	bkMust(t, laptop.SetLevel("docker-multistage", tracker.Expert, time.Time{})) // newer than anything on the desktop
	// The laptop's name change (7/1) is older than the desktop's profile
	// save (7/2), but the desktop did not change the name: the laptop's stays.

	backup := bkRead(t, bkExport(t, desktop))
	backup.Source = "desktop.json"
	c.at(2024, 7, 4)
	rep, err := laptop.Import(backup, true, roadmap.Default())
	bkMust(t, err)

	p, err := laptop.Progress()
	bkMust(t, err)
	for id, want := range map[string]tracker.Level{
		"linux-systemd": tracker.Learning, "tf-modules": tracker.Practising, "k8s-helm": tracker.Proficient, "docker-multistage": tracker.Expert,
	} {
		if got := p.State(id).Level; got != want {
			t.Errorf("%s: level %v after the merge, want %v", id, got, want)
		}
	}
	if !p.State("aws-rds").Skipped {
		t.Error("the skip was lost")
	}
	want := tracker.Profile{Name: "Sam O.", Stage: "mid", StageSince: bkDay(2024, 7, 1), CareerStart: bkDay(2023, 9, 1), Region: "us"}
	if p.Profile != want {
		t.Errorf("profile after the merge %+v, want %+v", p.Profile, want)
	}
	if rep.Profile != "updated" {
		t.Errorf("report profile %q", rep.Profile)
	}

	evs, err := laptop.Evidence("")
	bkMust(t, err)
	notes := map[string]bool{}
	for _, e := range evs {
		notes[e.Note] = true
	}
	if len(evs) != 2 || !notes["Edited on the desktop"] || !notes["Charts for three services"] {
		t.Errorf("evidence after the merge: %+v", evs)
	}
	if rep.Evidence.Updated != 1 || rep.Evidence.Added != 1 {
		t.Errorf("evidence report %+v", rep.Evidence)
	}

	cs, err := laptop.CheckIns()
	bkMust(t, err)
	if len(cs) != 3 || cs[2].Label != "Desktop review" {
		t.Errorf("check-ins after the merge: %d, last %q", len(cs), cs[len(cs)-1].Label)
	}
	if rep.CheckIns.Added != 1 || rep.CheckIns.Kept != 2 {
		t.Errorf("check-in report %+v", rep.CheckIns)
	}

	// The logs are united without duplicates, in time order, with the
	// import last; undo stops at the import.
	events, err := laptop.Events(time.Time{})
	bkMust(t, err)
	seen := map[string]bool{}
	for i, e := range events {
		k := e.At.String() + e.Kind + e.Target + e.Old + e.New
		if seen[k] && e.Kind != tracker.EventUndo {
			t.Errorf("event %+v is in the log twice", e)
		}
		seen[k] = true
		if i > 0 && e.At.Before(events[i-1].At) {
			t.Errorf("event %d is older than the one before it", e.ID)
		}
	}
	last := events[len(events)-1]
	if last.Kind != tracker.EventImport || last.Target != "desktop.json" {
		t.Errorf("the last event is %+v, want the import", last)
	}
	if _, err := laptop.Undo(); !errors.Is(err, tracker.ErrNothingToUndo) {
		t.Errorf("undo after a merge: %v, want it stopped by the import", err)
	}
	// Every undo still names the event it undid, under its new id.
	undos := 0
	for _, e := range events {
		if e.Kind != tracker.EventUndo {
			continue
		}
		undos++
		var undone *tracker.Event
		for i := range events {
			if e.Target == strconv.FormatInt(events[i].ID, 10) {
				undone = &events[i]
			}
		}
		if undone == nil || undone.Kind == tracker.EventUndo || undone.New != e.Old || undone.Old != e.New || undone.At.After(e.At) {
			t.Errorf("undo %+v names %+v", e, undone)
		}
	}
	if undos != 2 {
		t.Errorf("%d undos in the merged log, want 2", undos)
	}

	// Merging the same backup again adds nothing.
	c.at(2024, 7, 5)
	again, err := laptop.Import(backup, true, nil)
	bkMust(t, err)
	if again.Items.Added+again.Items.Updated+again.Evidence.Added+again.Evidence.Updated+again.CheckIns.Added+again.Events.Added != 0 {
		t.Errorf("a second merge of the same backup changed things: %+v", again)
	}
}

func TestImportMergeHonoursDeletions(t *testing.T) {
	c := &bkClock{}
	a := bkOpen(t, c)
	c.at(2024, 1, 2)
	bkMust(t, a.SaveProfile(tracker.Profile{Stage: "junior", Region: "uk"}))
	keep, err := a.AddEvidence(tracker.Evidence{ItemID: "aws-s3", Note: "kept", Date: bkDay(2024, 1, 2)})
	bkMust(t, err)
	gone, err := a.AddEvidence(tracker.Evidence{ItemID: "aws-s3", Note: "deleted later on the other machine", Date: bkDay(2024, 1, 2)})
	bkMust(t, err)
	b := bkOpen(t, c)
	_, err = b.Import(bkRead(t, bkExport(t, a)), false, nil)
	bkMust(t, err)

	c.at(2024, 2, 1)
	bkMust(t, b.DeleteEvidence(gone.ID))
	bkMust(t, a.DeleteEvidence(keep.ID)) // deleted here: an old copy must not bring it back

	rep, err := a.Import(bkRead(t, bkExport(t, b)), true, nil)
	bkMust(t, err)
	evs, err := a.Evidence("")
	bkMust(t, err)
	if len(evs) != 0 {
		t.Errorf("evidence deleted on either machine came back: %+v", evs)
	}
	if rep.Evidence.Removed != 1 || rep.Evidence.Kept != 1 {
		t.Errorf("report %+v", rep.Evidence)
	}
}

func TestImportReportsOrphans(t *testing.T) {
	c := &bkClock{}
	s := bkOpen(t, c)
	bkFill(t, s, c)
	b := bkRead(t, bkExport(t, s))
	dst := bkOpen(t, c)
	rep, err := dst.Import(b, false, roadmap.Default())
	bkMust(t, err)
	if len(rep.Orphans) != 1 || rep.Orphans[0] != "not-in-roadmap" {
		t.Errorf("orphans %q", rep.Orphans)
	}
	if w := rep.Orphans; !slices.Contains(w, "not-in-roadmap") {
		t.Errorf("warning %q", w)
	}
	p, err := dst.Progress()
	bkMust(t, err)
	if p.State("not-in-roadmap").Level != tracker.Practising {
		t.Error("the orphan's progress was not kept")
	}
}

// bkBad returns a valid backup as a generic JSON tree, for tests to break.
func bkBad(t *testing.T) (map[string]any, *Store, *bkClock) {
	t.Helper()
	c := &bkClock{}
	s := bkOpen(t, c)
	bkFill(t, s, c)
	var buf bytes.Buffer
	bkMust(t, backup.Write(&buf, bkExport(t, s)))
	var tree map[string]any
	bkMust(t, json.Unmarshal(buf.Bytes(), &tree))
	tree["exported_at"] = "2024-07-01T00:00:00Z"
	return tree, s, c
}

func bkEncode(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	bkMust(t, err)
	return b
}

// TestReadBackupRefusesBadFiles feeds every kind of wrong file to
// ReadBackup and then to Import: each is refused with a one-line error that
// says what is wrong, and the database is left exactly as it was.
func TestReadBackupRefusesBadFiles(t *testing.T) {
	tree, s, _ := bkBad(t)
	good := bkEncode(t, tree)
	edit := func(f func(m map[string]any)) []byte {
		var m map[string]any
		bkMust(t, json.Unmarshal(good, &m))
		f(m)
		return bkEncode(t, m)
	}
	first := func(m map[string]any, key string) map[string]any {
		return m[key].([]any)[0].(map[string]any)
	}
	cases := []struct {
		name  string
		data  []byte
		limit int64
		want  string
	}{
		{"truncated", good[:len(good)/2], 0, "cut short"},
		{"truncated inside a string", good[:bytes.Index(good, []byte("Wrote"))+3], 0, "cut short"},
		{"empty", nil, 0, "empty"},
		{"not JSON", []byte("name,level\nlinux,3\n"), 0, "not a devpath backup"},
		{"another program's JSON", []byte(`{"name": "my-app", "dependencies": {"left-pad": "1.0"}}`), 0, "not a devpath backup"},
		{"a JSON list", []byte(`[1, 2, 3]`), 0, "not a devpath backup"},
		{"another format", edit(func(m map[string]any) { m["format"] = "other-backup" }), 0, "not a devpath backup"},
		{"newer version", edit(func(m map[string]any) { m["version"] = 7 }), 0, "newer devpath (format version 7"},
		{"no version", edit(func(m map[string]any) { delete(m, "version") }), 0, "no format version"},
		{"unknown key", edit(func(m map[string]any) { m["colour"] = "blue" }), 0, `unknown key "colour"`},
		{"unknown nested key", edit(func(m map[string]any) { first(m, "items")["stars"] = 5 }), 0, `unknown key "stars"`},
		{"unknown kind of event", edit(func(m map[string]any) { first(m, "events")["kind"] = "teleport" }), 0, `unknown kind of event "teleport"`},
		{"invalid level", edit(func(m map[string]any) { first(m, "items")["level"] = 7 }), 0, "level 7 is not valid"},
		{"negative level", edit(func(m map[string]any) { first(m, "items")["level"] = -1 }), 0, "level -1 is not valid"},
		{"level as text", edit(func(m map[string]any) { first(m, "items")["level"] = "expert" }), 0, "needs a number"},
		{"invalid date", edit(func(m map[string]any) { first(m, "evidence")["date"] = "2024-13-45" }), 0, "not valid"},
		{"future date", edit(func(m map[string]any) { first(m, "evidence")["date"] = "2999-01-01T00:00:00Z" }), 0, "in the future"},
		{"ancient date", edit(func(m map[string]any) { first(m, "items")["date"] = "1066-10-14T00:00:00Z" }), 0, "too far in the past"},
		{"javascript link", edit(func(m map[string]any) { first(m, "evidence")["link"] = "javascript:alert(1)" }), 0, "must start with http"},
		{"empty note", edit(func(m map[string]any) { first(m, "evidence")["note"] = "" }), 0, "note is empty"},
		{"duplicate entry", edit(func(m map[string]any) { m["items"] = append(m["items"].([]any), m["items"].([]any)[0]) }), 0, "listed twice"},
		{"duplicate evidence id", edit(func(m map[string]any) { m["evidence"] = append(m["evidence"].([]any), m["evidence"].([]any)[0]) }), 0, "used twice"},
		{"duplicate event id", edit(func(m map[string]any) { m["events"] = append(m["events"].([]any), m["events"].([]any)[0]) }), 0, "used twice"},
		{"undo of a missing event", edit(func(m map[string]any) {
			for _, e := range m["events"].([]any) {
				if e.(map[string]any)["kind"] == tracker.EventUndo {
					e.(map[string]any)["target"] = "9999"
				}
			}
		}), 0, "does not have"},
		{"bad entry id", edit(func(m map[string]any) { first(m, "items")["id"] = "two words" }), 0, "must not contain spaces"},
		{"unknown region", edit(func(m map[string]any) { m["profile"].(map[string]any)["region"] = "mars" }), 0, `region "mars"`},
		{"numeric check-in label", edit(func(m map[string]any) { first(m, "checkins")["label"] = "42" }), 0, "just a number"},
		{"missing export time", edit(func(m map[string]any) { delete(m, "exported_at") }), 0, "exported_at: no time"},
		{"score out of range", edit(func(m map[string]any) { first(m, "checkins")["score"] = 250 }), 0, "between 0 and 100"},
		{"trailing data", append(append([]byte{}, good...), []byte(` {"x": 1}`)...), 0, "more data after"},
		{"not UTF-8", append([]byte(`{"format": "devpath-backup", "version": 1, "x": "`), 0xff, 0xfe, '"', '}'), 0, "not UTF-8"},
		{"a value too large", edit(func(m map[string]any) { first(m, "evidence")["note"] = strings.Repeat("x", 200000) }), 1000, "too large"},
		{"blank space too large", bytes.Repeat([]byte(" "), 200000), 1000, "too large"},
		{"a long run of blank space", append([]byte(`{"format": "devpath-backup",`), bytes.Repeat([]byte(" \n"), 600000)...), 0, "blank space in a row"},
	}
	before := bkJSON(t, bkExport(t, s))
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, err := backup.Read(bytes.NewReader(tc.data), tc.limit)
			if err == nil {
				// Even if it were read, Import must refuse it.
				_, err = s.Import(b, false, nil)
			}
			if err == nil {
				t.Fatal("the file was accepted")
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.want) {
				t.Errorf("error %q does not say %q", msg, tc.want)
			}
			if strings.ContainsAny(msg, "\r\n") {
				t.Errorf("error %q is more than one line", msg)
			}
			if after := bkJSON(t, bkExport(t, s)); after != before {
				t.Errorf("the database changed:\n%s", trackertest.FirstDiff(before, after))
			}
		})
	}
	// The good file itself is accepted.
	if _, err := backup.Read(bytes.NewReader(good), 0); err != nil {
		t.Fatalf("the valid backup was refused: %v", err)
	}
	if _, err := backup.Read(bytes.NewReader(good), 1000); err != nil {
		t.Fatalf("a backup of small values was refused under a small limit on one value: %v", err)
	}
}

// TestImportChecksEveryValueOfTheLog: a backup whose change log holds
// values that a live edit would refuse (a 5,007-character name with
// terminal escapes, an unknown region, a 10 MB note, a note with escapes, an
// undo that would put back such a value, a file name with escapes) is
// refused with a one-line error, and the database stays as it was.
func TestImportChecksEveryValueOfTheLog(t *testing.T) {
	tree, s, _ := bkBad(t)
	good := bkEncode(t, tree)
	esc := "\x1b[2J\x1b[31mowned\x07"
	longName := strings.Repeat("n", 5000) + esc
	evJSON := func(note string) string {
		return string(bkEncode(t, tracker.Evidence{ID: 77, ItemID: "aws-iam", Note: note, Date: bkDay(2024, 4, 1),
			CreatedAt: bkDay(2024, 4, 1), UpdatedAt: bkDay(2024, 4, 1)}))
	}
	withEvents := func(extra ...map[string]any) []byte {
		var m map[string]any
		bkMust(t, json.Unmarshal(good, &m))
		evs := m["events"].([]any)
		for i, e := range extra {
			e["id"] = 1000 + i
			if e["at"] == nil {
				e["at"] = "2024-06-02T10:00:00Z"
			}
			evs = append(evs, e)
		}
		m["events"] = evs
		return bkEncode(t, m)
	}
	profile := func(field, old, new string) map[string]any {
		return map[string]any{"kind": tracker.EventProfile, "target": field, "old": old, "new": new}
	}
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"long name with escapes as old value", withEvents(profile("name", longName, "Sam")), "too long"},
		{"escapes in a name", withEvents(profile("name", "Sam", "Sam"+esc)), "single line"},
		{"region with escapes", withEvents(profile("region", "zz\x1b[31m", "uk")), "region"},
		{"empty stage", withEvents(profile("stage", "", "junior")), "no stage"},
		{"stage that is no id", withEvents(profile("stage", "mid level", "junior")), "not a valid id"},
		{"future stage date", withEvents(profile("stage_since", "2999-01-01", "2024-03-01")), "in the future"},
		{"10 MB note", withEvents(map[string]any{"kind": tracker.EventEvidence, "target": "aws-iam", "old": evJSON(strings.Repeat("x", 10<<20)), "new": ""}), "too large"},
		{"note with escapes", withEvents(map[string]any{"kind": tracker.EventEvidence, "target": "aws-iam", "old": "", "new": evJSON("done" + esc)}), "control character"},
		{"undo putting back a bad name", withEvents(
			profile("name", "Sam", "Alex"),
			map[string]any{"kind": tracker.EventUndo, "target": "1000", "old": "Alex", "new": longName}), "too long"},
		{"undo of a redo", withEvents(
			profile("name", "Sam", "Alex"),
			map[string]any{"kind": tracker.EventUndo, "target": "1000", "old": "Alex", "new": "Sam"},
			map[string]any{"kind": tracker.EventUndo, "target": "1001", "old": "Sam", "new": "Alex"},
			map[string]any{"kind": tracker.EventUndo, "target": "1002", "old": "Alex", "new": "Sam"}), "does not undo a change"},
		{"redo putting back a bad name", withEvents(
			profile("name", "Sam", "Alex"),
			map[string]any{"kind": tracker.EventUndo, "target": "1000", "old": "Alex", "new": "Sam"},
			map[string]any{"kind": tracker.EventUndo, "target": "1001", "old": "Sam", "new": longName}), "too long"},
		{"import from a file named with escapes", withEvents(map[string]any{"kind": tracker.EventImport, "target": "b" + esc + ".json", "old": "", "new": "entries none"}), "single line"},
	}
	before := bkJSON(t, bkExport(t, s))
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, err := backup.Read(bytes.NewReader(tc.data), 0)
			if err == nil {
				_, err = s.Import(b, false, nil)
			}
			if err == nil {
				t.Fatal("the backup was accepted")
			}
			if msg := err.Error(); !strings.Contains(msg, tc.want) || strings.ContainsAny(msg, "\r\n\x1b") {
				t.Errorf("error %q does not say %q on one clean line", msg, tc.want)
			}
			if after := bkJSON(t, bkExport(t, s)); after != before {
				t.Errorf("the database changed:\n%s", trackertest.FirstDiff(before, after))
			}
		})
	}
	// The same backup without the bad events imports.
	if _, err := backup.Read(bytes.NewReader(withEvents(profile("name", "Sam", "Alex"))), 0); err != nil {
		t.Fatalf("a backup with a good extra event was refused: %v", err)
	}
}

// TestUndoRefusesBadValuesInTheLog: a log written before imports were
// checked may hold values a live edit refuses; undo will not write them
// into the profile or the evidence.
func TestUndoRefusesBadValuesInTheLog(t *testing.T) {
	c := &bkClock{}
	c.at(2024, 3, 1)
	s := bkOpen(t, c)
	bkMust(t, s.SaveProfile(tracker.Profile{Name: "Sam", Stage: "junior", Region: "uk"}))
	esc := "\x1b[31m"
	bad := []struct {
		name, kind, target, old, new string
	}{
		{"long name", tracker.EventProfile, "name", strings.Repeat("n", 5000) + esc, "Sam"},
		{"region", tracker.EventProfile, "region", "zz" + esc, "uk"},
		{"evidence", tracker.EventEvidence, "aws-iam", string(bkEncode(t, tracker.Evidence{ID: 9, ItemID: "aws-iam", Note: "x" + esc,
			Date: bkDay(2024, 2, 1), CreatedAt: bkDay(2024, 2, 1), UpdatedAt: bkDay(2024, 2, 1)})), ""},
		{"entry id", tracker.EventLevel, "aws" + esc, "0", "3"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			bkMust(t, appendEvent(s.db, c.now(), tc.kind, tc.target, tc.old, tc.new))
			before := bkJSON(t, bkExport(t, s))
			_, err := s.Undo()
			if err == nil || !strings.Contains(err.Error(), "cannot be undone") {
				t.Fatalf("undo: %v, want a refusal", err)
			}
			if after := bkJSON(t, bkExport(t, s)); after != before {
				t.Errorf("the undo changed the database:\n%s", trackertest.FirstDiff(before, after))
			}
			// Take the bad event out of the way for the next case.
			bkMust(t, appendEvent(s.db, c.now(), tracker.EventUndo, strconv.FormatInt(lastEventID(t, s), 10), tc.new, tc.old))
		})
	}
}

func lastEventID(t *testing.T, s *Store) int64 {
	t.Helper()
	var id int64
	bkMust(t, s.db.Raw("SELECT max(id) FROM events").Row().Scan(&id))
	return id
}

// TestLongHistoryExportImportsBack: an export larger than the old 64 MiB
// limit on the whole file reads back; only one value is bounded.
func TestLongHistoryExportImportsBack(t *testing.T) {
	const n = 450000
	b := backup.Backup{Format: backup.Format, Version: backup.Version, ExportedAt: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	b.Events = make([]tracker.Event, n)
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range b.Events {
		b.Events[i] = tracker.Event{ID: int64(i + 1), At: start.Add(time.Duration(i) * time.Minute), Kind: tracker.EventLevel,
			Target: "aws-iam", Old: strconv.Itoa(i % 4), New: strconv.Itoa(i%4 + 1)}
	}
	path := filepath.Join(testDir(t), "long.json")
	bkMust(t, safefile.Save(path, func(w io.Writer) error { return backup.Write(w, b) }))
	fi, err := os.Stat(path)
	bkMust(t, err)
	if fi.Size() <= backup.DefaultLimit {
		t.Fatalf("the export is only %d bytes; the test needs more than %d", fi.Size(), backup.DefaultLimit)
	}
	got, err := backup.ReadFile(path)
	if err != nil {
		t.Fatalf("an export of %d bytes was refused: %v", fi.Size(), err)
	}
	if len(got.Events) != n || got.Events[n-1] != b.Events[n-1] {
		t.Errorf("read %d events, last %+v; want %d, last %+v", len(got.Events), got.Events[len(got.Events)-1], n, b.Events[n-1])
	}
}

// TestImportFilesInTestdata reads the sample files in testdata/import: the
// good ones import, the bad ones are refused without touching the database.
func TestImportFilesInTestdata(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "import", "*.json"))
	bkMust(t, err)
	if len(files) < 8 {
		t.Fatalf("only %d sample files in testdata/import", len(files))
	}
	c := &bkClock{}
	c.at(2025, 1, 1)
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			s := bkOpen(t, c)
			bkMust(t, s.SetLevel("aws-s3", tracker.Practising, time.Time{}))
			before := bkJSON(t, bkExport(t, s))
			b, err := backup.ReadFile(f)
			if err == nil {
				_, err = s.Import(b, strings.Contains(name, "merge"), roadmap.Default())
			}
			good := strings.HasPrefix(name, "good")
			switch {
			case good && err != nil:
				t.Fatalf("refused: %v", err)
			case !good && err == nil:
				t.Fatal("accepted")
			case !good:
				if strings.ContainsAny(err.Error(), "\n") {
					t.Errorf("error over several lines: %q", err)
				}
				if after := bkJSON(t, bkExport(t, s)); after != before {
					t.Errorf("the database changed:\n%s", trackertest.FirstDiff(before, after))
				}
			}
		})
	}
}

// TestImportIsAllOrNothing makes the write fail half way and checks that
// nothing of it stays.
func TestImportIsAllOrNothing(t *testing.T) {
	c := &bkClock{}
	src := bkOpen(t, c)
	bkFill(t, src, c)
	backup := bkRead(t, bkExport(t, src))

	s := bkOpen(t, c)
	c.at(2024, 8, 1)
	bkMust(t, s.SaveProfile(tracker.Profile{Name: "Before", Stage: "mid", Region: "us"}))
	bkMust(t, s.SetLevel("k8s-rbac", tracker.Expert, time.Time{}))
	before := bkJSON(t, bkExport(t, s))
	// Check-ins are written after the profile, the levels and the
	// evidence: make that step fail.
	bkMust(t, s.db.Exec(`CREATE TRIGGER bk_fail BEFORE INSERT ON checkins BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`).Error)
	for _, merge := range []bool{false, true} {
		if _, err := s.Import(backup, merge, nil); err == nil || !strings.Contains(err.Error(), "simulated failure") {
			t.Fatalf("merge=%v: import error %v, want the simulated failure", merge, err)
		}
		if after := bkJSON(t, bkExport(t, s)); after != before {
			t.Errorf("merge=%v: a failed import left changes:\n%s", merge, trackertest.FirstDiff(before, after))
		}
	}
	var n int
	bkMust(t, s.db.Raw("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'").Row().Scan(&n))
	if n != 2 {
		t.Errorf("%d guard triggers on the event log after a failed import, want 2", n)
	}
}

func TestImportReadOnly(t *testing.T) {
	c := &bkClock{}
	src := bkOpen(t, c)
	bkFill(t, src, c)
	ro := &Store{db: src.db, path: src.path, now: c.now, readOnly: true}
	if _, err := ro.Import(bkRead(t, bkExport(t, src)), false, nil); !errors.Is(err, tracker.ErrReadOnly) {
		t.Errorf("import into a read-only database: %v", err)
	}
}

func TestSaveFileIsPrivateAndAtomic(t *testing.T) {
	dir := testDir(t)
	path := filepath.Join(dir, "export.md")
	bkMust(t, os.WriteFile(path, []byte("old content"), 0o644))
	boom := errors.New("boom")
	err := safefile.Save(path, func(w io.Writer) error {
		_, _ = w.Write([]byte("half of the new"))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("SaveFile error %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old content" {
		t.Errorf("a failed write left %q", b)
	}
	bkMust(t, safefile.Save(path, func(w io.Writer) error { _, err := w.Write([]byte("new content")); return err }))
	if b, _ := os.ReadFile(path); string(b) != "new content" {
		t.Errorf("file holds %q", b)
	}
	fi, err := os.Stat(path)
	bkMust(t, err)
	if fi.Mode().Perm() != modeHere(fi, 0o600) {
		t.Errorf("mode %o after overwriting, want %o", fi.Mode().Perm(), modeHere(fi, 0o600))
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*tmp"))
	if len(left) != 0 {
		t.Errorf("temporary files left behind: %q", left)
	}
}

func TestBackupCountsWords(t *testing.T) {
	got := backup.Counts{Items: 1, Evidence: 2, Events: 0, CheckIns: 1}.String()
	if want := "1 entry, 2 evidence notes, 0 changes in the log, 1 check-in"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}

// TestReadBackupSaysWhereTheSyntaxErrorIs: the line and column of a
// syntax error are those of the file, however far into the stream it is.
func TestReadBackupSaysWhereTheSyntaxErrorIs(t *testing.T) {
	b := backup.Backup{Format: backup.Format, Version: backup.Version, ExportedAt: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	for i := range 3000 {
		b.Events = append(b.Events, tracker.Event{ID: int64(i + 1), At: time.Date(2024, 1, 1, 0, 0, i, 0, time.UTC),
			Kind: tracker.EventLevel, Target: "aws-iam", Old: "0", New: "1"})
	}
	var buf bytes.Buffer
	bkMust(t, backup.Write(&buf, b))
	lines := strings.Split(buf.String(), "\n")
	// Break the line of the 2,500th event's kind.
	n := -1
	for i, l := range lines {
		if strings.Contains(l, `"id": 2500,`) {
			n = i + 2
			break
		}
	}
	if !strings.Contains(lines[n], `"kind": "level"`) {
		t.Fatalf("line %d is %q", n+1, lines[n])
	}
	lines[n] = strings.Replace(lines[n], `"kind": "level"`, `"kind" "level"`, 1)
	col := strings.Index(lines[n], `"level"`) + 1
	_, err := backup.Read(strings.NewReader(strings.Join(lines, "\n")), 0)
	want := fmt.Sprintf("line %d, column %d:", n+1, col)
	if err == nil || !strings.Contains(err.Error(), want) || !errors.Is(err, tracker.ErrNotBackup) {
		t.Errorf("error %v, want one saying %q", err, want)
	}
}

// TestReadBackupChecksUTF8AcrossReads: a character split between two reads
// is fine, a broken one anywhere is refused.
func TestReadBackupChecksUTF8AcrossReads(t *testing.T) {
	tree, _, _ := bkBad(t)
	good := bkEncode(t, tree)
	i := bytes.Index(good, []byte("Sam "))
	withName := append(append(append([]byte{}, good[:i]...), []byte("Sam Ødegård ✓ ")...), good[i+len("Sam "):]...)
	if _, err := backup.Read(iotest.OneByteReader(bytes.NewReader(withName)), 0); err != nil {
		t.Errorf("a backup read one byte at a time was refused: %v", err)
	}
	broken := append(append(append([]byte{}, good[:i]...), 0xc3), good[i:]...)
	if _, err := backup.Read(iotest.OneByteReader(bytes.NewReader(broken)), 0); err == nil || !strings.Contains(err.Error(), "not UTF-8") {
		t.Errorf("a broken character: %v", err)
	}
}
