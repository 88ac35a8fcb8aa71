package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/backup"
	"devpath/tracker/core"
)

// exRig is a window, a store on a temporary file and an env that records
// errors, notices and reloads.
type exRig struct {
	t       *testing.T
	app     fyne.App
	win     fyne.Window
	st      *core.DB
	e       *env
	now     time.Time
	errs    []error
	notes   []string
	changed int
}

func newExRig(t *testing.T) *exRig {
	t.Helper()
	r := &exRig{t: t, now: time.Date(2025, 6, 30, 10, 0, 0, 0, time.UTC)}
	r.app = test.NewTempApp(t)
	r.win = test.NewTempWindow(t, widget.NewLabel(""))
	r.win.Resize(fyne.NewSize(900, 700))
	r.st = exOpen(t, filepath.Join(t.TempDir(), "devpath.db"), func() time.Time { return r.now })
	r.e = &env{
		win:        r.win,
		app:        r.app,
		async:      runSync,
		changed:    func() { r.changed++ },
		showError:  func(err error) { r.errs = append(r.errs, err) },
		openItem:   func(string) {},
		show:       func(string) {},
		setRoadmap: func(*roadmap.Roadmap, string) {},
		notify:     func(msg string) { r.notes = append(r.notes, msg) },
		today:      func() time.Time { return time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC) },
		now:        func() time.Time { return time.Date(2025, 6, 30, 14, 5, 0, 0, time.UTC) },
	}
	return r
}

func exOpen(t *testing.T, path string, now func() time.Time) *core.DB {
	t.Helper()
	st, err := core.New(core.Config{DB: path, Now: now}).Open()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

func (r *exRig) must(err error) {
	r.t.Helper()
	if err != nil {
		r.t.Fatal(err)
	}
}

// fill records a profile, levels, evidence and a check-in.
func (r *exRig) fill(st *core.DB) {
	r.t.Helper()
	r.must(st.SaveProfile(tracker.Profile{Name: "Kim", Stage: "junior", StageSince: time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC), Region: "us"}))
	r.must(st.SetLevel("aws-iam", tracker.Proficient, time.Date(2024, 11, 2, 0, 0, 0, 0, time.UTC)))
	r.must(st.SetLevel("linux-systemd", tracker.Expert, time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC)))
	r.must(st.SetLevel("aws-s3", tracker.Learning, time.Time{}))
	_, err := st.AddEvidence(tracker.Evidence{ItemID: "linux-systemd", Note: "Timers <b>for</b> backups", Date: time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC)})
	r.must(err)
	_, err = st.CheckIn("June", tracker.Assessment{Stage: tracker.StageRef{ID: "junior"}, Readiness: tracker.Readiness{Score: 20, Verdict: tracker.VerdictBuilding}})
	r.must(err)
}

func (r *exRig) snap() snapshot { return snapshot{rm: roadmap.Default()} }

func (r *exRig) backupJSON(st *core.DB) string {
	r.t.Helper()
	b, err := st.Export()
	r.must(err)
	b.ExportedAt = time.Time{}
	var buf bytes.Buffer
	r.must(backup.Write(&buf, b))
	return buf.String()
}

func TestExportDialogOpensOverTheWindow(t *testing.T) {
	r := newExRig(t)
	showExportDialog(r.e, r.st, r.snap)
	if r.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no dialog is shown")
	}
}

func TestExportDialogCopiesMarkdown(t *testing.T) {
	r := newExRig(t)
	r.fill(r.st)
	d := newExportDialog(r.e, r.st, r.snap)
	test.Tap(d.copyMD)
	if len(r.errs) > 0 {
		t.Fatalf("errors: %v", r.errs)
	}
	got := r.app.Clipboard().Content()
	for _, want := range []string{
		"# Progress summary: Kim",
		"**Stage:** " + roadmap.Default().Stage("junior").Title,
		"Period: all time",
		"$65,000",
		"Timers \\<b\\>for\\</b\\> backups",
		"**June (2025-06-30)**",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the Markdown on the clipboard lacks %q", want)
		}
	}
	if len(r.notes) != 1 || !strings.Contains(r.notes[0], "Copied the Markdown summary") {
		t.Errorf("notices %q", r.notes)
	}

	// The last six months leave out what was done before.
	d.period.SetSelected(period6)
	test.Tap(d.copyMD)
	got = r.app.Clipboard().Content()
	if !strings.Contains(got, "Period: since 2024-12-30") {
		t.Errorf("the six-month summary names another period:\n%.300s", got)
	}
	if strings.Contains(got, "IAM** —") || !strings.Contains(got, "systemd** —") {
		t.Error("the six-month summary does not keep to the period")
	}
}

func TestExportDialogRefusesABadPeriod(t *testing.T) {
	r := newExRig(t)
	d := newExportDialog(r.e, r.st, r.snap)
	r.app.Clipboard().SetContent("untouched")
	d.period.SetSelected(periodSince)
	if !d.since.Visible() {
		t.Error("the date field is hidden when a date is asked for")
	}
	test.Type(d.since, "2030-01-01")
	test.Tap(d.copyMD)
	// Said under the date, as every other date is checked, not in a
	// dialog of its own.
	if len(r.errs) != 0 {
		t.Errorf("errors shown in a dialog: %v; want the date's problem under it", r.errs)
	}
	if !d.sinceMsg.Visible() || !strings.Contains(d.sinceMsg.Text, "in the future") {
		t.Errorf("under the date: %q (shown %v), want that it is in the future", d.sinceMsg.Text, d.sinceMsg.Visible())
	}
	if r.app.Clipboard().Content() != "untouched" {
		t.Error("the clipboard changed despite the bad date")
	}
	d.onSave()
	if len(r.errs) != 0 || len(r.win.Canvas().Overlays().List()) != 0 {
		t.Errorf("Save with the bad date: errors %v, %d dialogs; want neither", r.errs, len(r.win.Canvas().Overlays().List()))
	}
	// Typing takes the message away.
	test.Type(d.since, "x")
	if d.sinceMsg.Visible() {
		t.Error("the message stays while the date is changed")
	}
}

func TestExportDialogSavesEachFormat(t *testing.T) {
	r := newExRig(t)
	r.fill(r.st)
	d := newExportDialog(r.e, r.st, r.snap)
	dir := t.TempDir()
	starts := map[string]string{"md": "# Progress summary", "html": "<!DOCTYPE html>", "pdf": "%PDF-", "csv": "id,kind,stage", "json": "{"}
	caseStarts := map[string]string{"md": "# Promotion case", "pdf": "%PDF-"}
	for _, c := range exportChoices {
		d.format.SetSelected(c.label)
		if got := d.choice(); got.name != c.name {
			t.Fatalf("selected %q, choice is %q", c.label, got.name)
		}
		whole := c.name == "json" || c.promotionCase
		if whole && (d.period.Visible() || !d.periodMsg.Visible()) {
			t.Errorf("%s: the period is offered", c.label)
		}
		if !whole && !d.period.Visible() {
			t.Errorf("%s: the period is hidden", c.name)
		}
		start := starts[c.name]
		if c.promotionCase {
			start = caseStarts[c.name]
		}
		path := filepath.Join(dir, d.suggestedName(c))
		d.exportTo(path, d.choice(), time.Time{})
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v (errors %v)", c.name, err, r.errs)
		}
		if !bytes.HasPrefix(data, []byte(start)) {
			t.Errorf("%s starts with %q", filepath.Base(path), data[:min(len(data), 20)])
		}
		fi, err := os.Stat(path)
		r.must(err)
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %o, want 600", filepath.Base(path), fi.Mode().Perm())
		}
		// The dialog itself says where the file went.
		if !d.result.Visible() || !strings.Contains(d.result.Text, path) {
			t.Errorf("%s: the dialog says %q (shown %v), want the path", c.name, d.result.Text, d.result.Visible())
		}
	}
	if len(r.errs) > 0 {
		t.Errorf("errors: %v", r.errs)
	}
	if len(r.notes) != len(exportChoices) || !strings.Contains(r.notes[4], "devpath-backup-2025-06-30.json") ||
		!strings.Contains(r.notes[5], "devpath-promotion-case-2025-06-30.pdf") {
		t.Errorf("notices %q", r.notes)
	}
	// The database itself is never overwritten.
	d.exportTo(r.st.Path(), exportChoices[0], time.Time{})
	if len(r.errs) != 1 || !strings.Contains(r.errs[0].Error(), "the database itself") {
		t.Errorf("saving over the database: errors %v", r.errs)
	}
}

// exBackupFile writes a backup of a filled database to a file and returns
// its path and the backup's JSON.
func exBackupFile(t *testing.T, r *exRig) (string, string) {
	t.Helper()
	src := exOpen(t, filepath.Join(t.TempDir(), "laptop.db"), func() time.Time { return r.now })
	r.fill(src)
	b, err := src.Export()
	r.must(err)
	path := filepath.Join(t.TempDir(), "laptop-backup.json")
	var buf bytes.Buffer
	r.must(backup.Write(&buf, b))
	r.must(os.WriteFile(path, buf.Bytes(), 0o600))
	return path, r.backupJSON(src)
}

func TestExportDialogImportSaysWhatItReplaces(t *testing.T) {
	r := newExRig(t)
	path, want := exBackupFile(t, r)
	r.must(r.st.SetLevel("k8s-rbac", tracker.Practising, time.Time{}))
	d := newExportDialog(r.e, r.st, r.snap)

	d.prepareImport(path)
	if len(r.errs) > 0 {
		t.Fatalf("errors: %v", r.errs)
	}
	c := d.confirm
	if c == nil {
		t.Fatal("no confirmation was shown")
	}
	for _, s := range []string{
		"The backup laptop-backup.json, made on 2025-06-30, holds a profile, 3 entries, 1 evidence note,",
		"1 check-in.",
		"Your database holds no profile, 1 entry, 0 evidence notes, 1 change in the log, 0 check-ins.",
		"replaces everything in your database",
	} {
		if !strings.Contains(c.text.Text, s) {
			t.Errorf("the confirmation lacks %q:\n%s", s, c.text.Text)
		}
	}
	test.Tap(c.merge)
	if !strings.Contains(c.text.Text, "Merging keeps the newer") || strings.Contains(c.text.Text, "replaces everything") {
		t.Errorf("with Merge ticked the confirmation says:\n%s", c.text.Text)
	}
	test.Tap(c.merge)

	// Cancel changes nothing.
	before := r.backupJSON(r.st)
	c.answer(false)
	if r.backupJSON(r.st) != before || r.changed != 0 {
		t.Fatal("cancelling the import changed the database")
	}

	d.prepareImport(path)
	d.confirm.answer(true)
	if len(r.errs) > 0 {
		t.Fatalf("errors: %v", r.errs)
	}
	if got := r.backupJSON(r.st); got != want {
		t.Error("after the import the database differs from the backup")
	}
	if r.changed != 1 {
		t.Errorf("the window was asked to reload %d times", r.changed)
	}
	copies, _ := filepath.Glob(filepath.Join(core.New(core.Config{}).BackupDir(r.st.Path()), "devpath-before-import-*.db"))
	if len(copies) != 1 {
		t.Errorf("copies kept before the import: %q", copies)
	}
}

func TestExportDialogMerges(t *testing.T) {
	r := newExRig(t)
	path, _ := exBackupFile(t, r)
	r.now = r.now.Add(time.Hour)
	r.must(r.st.SetLevel("k8s-rbac", tracker.Practising, time.Time{}))
	d := newExportDialog(r.e, r.st, r.snap)
	d.prepareImport(path)
	test.Tap(d.confirm.merge)
	d.confirm.answer(true)
	if len(r.errs) > 0 {
		t.Fatalf("errors: %v", r.errs)
	}
	p, err := r.st.Progress()
	r.must(err)
	if p.State("k8s-rbac").Level != tracker.Practising || p.State("linux-systemd").Level != tracker.Expert {
		t.Errorf("the merge lost a side: %+v", p.Items)
	}
}

func TestExportDialogRefusesABadBackup(t *testing.T) {
	r := newExRig(t)
	path, _ := exBackupFile(t, r)
	data, err := os.ReadFile(path)
	r.must(err)
	r.must(os.WriteFile(path, data[:len(data)/2], 0o600))
	r.fill(r.st)
	before := r.backupJSON(r.st)
	d := newExportDialog(r.e, r.st, r.snap)
	d.prepareImport(path)
	if d.confirm != nil {
		t.Error("a confirmation was shown for a broken file")
	}
	if len(r.errs) != 1 || !strings.Contains(r.errs[0].Error(), "cut short") || !strings.Contains(r.errs[0].Error(), "Nothing was changed") {
		t.Errorf("errors %v, want one saying the file is cut short", r.errs)
	}
	if r.backupJSON(r.st) != before {
		t.Error("the database changed")
	}
}

// readOnlyStore is a store that says it is read-only.
type readOnlyStore struct{ *core.DB }

func (readOnlyStore) ReadOnly() bool { return true }

func TestExportDialogReadOnlyCannotImport(t *testing.T) {
	r := newExRig(t)
	d := newExportDialog(r.e, readOnlyStore{r.st}, r.snap)
	if !d.importBtn.Disabled() {
		t.Error("Import is offered on a read-only database")
	}
	if d.save.Disabled() || d.copyMD.Disabled() {
		t.Error("export is not offered on a read-only database")
	}
}
