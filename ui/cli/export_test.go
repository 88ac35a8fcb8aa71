package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/backup"
)

// exFill records some progress through the command line.
func exFill(t *testing.T, h *harness) {
	t.Helper()
	h.ok("profile", "--name", "Robin <b>Example</b>", "--stage", "junior", "--since", "2024-02-01", "--region", "uk")
	h.ok("tick", "aws-iam", "--date", "2025-01-10", "--note", "Wrote the IAM policies for <script>alert(1)</script>", "--link", "https://example.com/iam")
	h.ok("tick", "linux-systemd", "--level", "4", "--date", "2024-05-01")
	h.ok("tick", "docker-multistage", "--level", "2")
	h.ok("checkin", "--label", "Spring")
	h.ok("tick", "aws-s3")
	h.ok("checkin", "--label", "Summer")
}

// exBackup exports the database as JSON with the export time blanked, to
// compare databases.
func exBackup(t *testing.T, h *harness) string {
	t.Helper()
	out := h.ok("export", "--format", "json")
	var b map[string]any
	if err := json.Unmarshal([]byte(out), &b); err != nil {
		t.Fatalf("the JSON backup is not JSON: %v", err)
	}
	delete(b, "exported_at")
	j, err := json.MarshalIndent(b, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(j)
}

func TestExportMarkdownToStdout(t *testing.T) {
	h := newHarness(t)
	exFill(t, h)
	out := h.ok("export")
	junior := roadmap.Default().Stage("junior").Title
	for _, want := range []string{
		"# Progress summary: Robin \\<b\\>Example\\</b\\>",
		"**Stage:** " + junior,
		"## Readiness for ",
		"£40,000",
		"**Summer (2025-06-15)**",
		"\\<script\\>alert(1)\\</script\\>",
		"<https://example.com/iam>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the Markdown export lacks %q", want)
		}
	}
	if md := h.ok("export", "--format", "markdown"); md != out {
		t.Error("--format markdown differs from the default")
	}
	// --since leaves out what was done before it.
	recent := h.ok("export", "--since", "2025-01-01")
	if !strings.Contains(recent, "Period: since 2025-01-01") {
		t.Error("the period is not named")
	}
	if strings.Contains(recent, "systemd** —") || !strings.Contains(out, "systemd** —") {
		t.Error("--since did not limit the done entries")
	}
}

func TestExportEachFormatToFile(t *testing.T) {
	h := newHarness(t)
	exFill(t, h)
	dir := t.TempDir()
	for _, c := range []struct {
		args   []string
		file   string
		starts string
	}{
		{[]string{"--format", "html"}, "review.html", "<!DOCTYPE html>"},
		{nil, "review.pdf", "%PDF-"},
		{[]string{"--format", "pdf"}, "review.bin", "%PDF-"},
		{[]string{"--format", "csv"}, "items.csv", "id,kind,stage,group,title,level,status,updated_at,evidence_count,evidenced_level,stage_place\n"},
		{nil, "backup.json", "{"},
		{[]string{"--format", "md"}, "notes.txt", "# Progress summary"},
	} {
		path := filepath.Join(dir, c.file)
		if err := os.WriteFile(path, []byte("old content that is longer than nothing"), 0o644); err != nil {
			t.Fatal(err)
		}
		out := h.ok(append([]string{"export", "--out", path}, c.args...)...)
		if !strings.Contains(out, path) {
			t.Errorf("%s: the command did not say where it wrote: %q", c.file, out)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte(c.starts)) {
			t.Errorf("%s starts with %q, want %q", c.file, data[:min(len(data), 20)], c.starts)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %o, want 600", c.file, fi.Mode().Perm())
		}
	}
	// The HTML escapes the note that holds markup.
	html, _ := os.ReadFile(filepath.Join(dir, "review.html"))
	if bytes.Contains(html, []byte("<script>alert(1)")) || !bytes.Contains(html, []byte("&lt;script&gt;alert(1)&lt;/script&gt;")) {
		t.Error("the HTML export does not escape the note")
	}
	// The CSV has a row per entry.
	rows, err := csv.NewReader(bytes.NewReader(exMust(os.ReadFile(filepath.Join(dir, "items.csv"))))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+len(roadmap.Default().Entries()) {
		t.Errorf("%d CSV rows for %d entries", len(rows)-1, len(roadmap.Default().Entries()))
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %q", left)
	}
}

func exMust(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func TestExportUsageErrors(t *testing.T) {
	h := newHarness(t)
	exFill(t, h)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "--format", "pdf"}, "give a file with --out"},
		{[]string{"export", "--out", ""}, "--out needs a file name"},
		{[]string{"export", "--format", "docx"}, `--format must be md, html, pdf, csv or json, not "docx"`},
		{[]string{"export", "--since", "2099-01-01"}, "in the future"},
		{[]string{"export", "--since", "last week"}, "is not a valid date"},
		{[]string{"export", "--format", "json", "--since", "2025-01-01"}, "always holds everything"},
		{[]string{"export", "extra"}, `unexpected argument "extra"`},
		{[]string{"import"}, "missing FILE"},
	} {
		r := h.run(c.args...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, c.want) {
			t.Errorf("devpath %s: exit %d, stderr %q; want exit 2 saying %q", strings.Join(c.args, " "), r.code, r.stderr, c.want)
		}
		if r.stdout != "" {
			t.Errorf("devpath %s printed %q", strings.Join(c.args, " "), r.stdout)
		}
	}
	// The database itself is never the output.
	r := h.run("export", "--format", "csv", "--out", h.db)
	if r.code != ExitFailure || !strings.Contains(r.stderr, "the database itself") {
		t.Errorf("export over the database: exit %d, %q", r.code, r.stderr)
	}
	h.ok("status") // still a working database
}

func TestExportImportRoundTrip(t *testing.T) {
	h := newHarness(t)
	exFill(t, h)
	file := filepath.Join(t.TempDir(), "devpath-backup.json")
	h.ok("export", "--format", "json", "--out", file)
	want := exBackup(t, h)

	// A new machine: an empty database.
	n := newHarness(t)
	out := n.ok("import", file)
	for _, s := range []string{"Imported " + file, "Replaced everything", "Entries: 4 added"} {
		if !strings.Contains(out, s) {
			t.Errorf("the import report lacks %q:\n%s", s, out)
		}
	}
	if got := exBackup(t, n); got != want {
		t.Errorf("the restored database differs from the original")
	}
	if !strings.Contains(n.ok("checkins"), "Summer") {
		t.Error("the check-ins were not restored")
	}

	// Importing over existing progress keeps a copy of what was there.
	m := newHarness(t)
	m.ok("tick", "k8s-rbac")
	out = m.ok("import", file)
	if !strings.Contains(out, "kept in") {
		t.Errorf("no copy was mentioned:\n%s", out)
	}
	copies, _ := filepath.Glob(filepath.Join(filepath.Dir(m.db), "backups", "devpath-before-import-*.db"))
	if len(copies) != 1 {
		t.Errorf("copies before the import: %q", copies)
	}
	if got := exBackup(t, m); got != want {
		t.Error("the replacing import did not replace everything")
	}
}

func TestImportMerge(t *testing.T) {
	h := newHarness(t)
	exFill(t, h)
	file := filepath.Join(t.TempDir(), "laptop.json")
	h.ok("export", "--out", file)

	m := newHarness(t)
	m.ok("tick", "k8s-rbac")
	out := m.ok("import", file, "--merge")
	if !strings.Contains(out, "Merged the backup") {
		t.Errorf("merge report:\n%s", out)
	}
	p := exProgress(t, m)
	if p.State("k8s-rbac").Level != tracker.Proficient || p.State("aws-iam").Level != tracker.Proficient {
		t.Errorf("the merge lost a side: %+v", p.Items)
	}
	evs := m.events()
	if last := evs[len(evs)-1]; last.Kind != tracker.EventImport || last.Target != "laptop.json" {
		t.Errorf("the last event is %+v, want the import", last)
	}
}

func exProgress(t *testing.T, h *harness) tracker.Progress {
	t.Helper()
	st, err := openDB(h.db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, err := st.Progress()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportWarnsAboutOrphans(t *testing.T) {
	h := newHarness(t)
	h.ok("tick", "aws-iam")
	file := filepath.Join(t.TempDir(), "b.json")
	h.ok("export", "--out", file)
	var b map[string]any
	if err := json.Unmarshal(exMust(os.ReadFile(file)), &b); err != nil {
		t.Fatal(err)
	}
	b["items"] = append(b["items"].([]any), map[string]any{"id": "retired-skill", "level": 3, "date": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T10:00:00Z"})
	if err := os.WriteFile(file, exMust(json.Marshal(b)), 0o600); err != nil {
		t.Fatal(err)
	}
	n := newHarness(t)
	r := n.run("import", file)
	if r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.HasPrefix(r.stderr, "devpath: the roadmap has no entry retired-skill") || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("orphan warning %q", r.stderr)
	}
	if exProgress(t, n).State("retired-skill").Level != tracker.Proficient {
		t.Error("the orphan's progress was not kept")
	}
}

// TestImportBadFileChangesNothing imports every kind of wrong file: each
// fails with exit 1 and one clear line, and the database stays exactly as
// it was.
func TestImportBadFileChangesNothing(t *testing.T) {
	h := newHarness(t)
	exFill(t, h)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	h.ok("export", "--out", good)
	data := exMust(os.ReadFile(good))
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	replace := func(old, new string) []byte {
		if !bytes.Contains(data, []byte(old)) {
			t.Fatalf("the backup has no %q", old)
		}
		return bytes.Replace(data, []byte(old), []byte(new), 1)
	}
	// One value over the limit: a note of more than 64 MiB.
	big := append([]byte(`{"format": "devpath-backup", "version": 1, "evidence": [{"note": "`), bytes.Repeat([]byte("a"), backup.DefaultLimit+1<<20)...)
	big = append(big, `"}]}`...)
	cases := []struct {
		file string
		want string
	}{
		{write("truncated.json", data[:len(data)*2/3]), "cut short"},
		{write("package.json", []byte(`{"name": "web", "version": "1.0.0"}`)), "not a devpath backup"},
		{write("newer.json", replace(fmt.Sprintf(`"version": %d`, backup.Version), `"version": 99`)), "newer devpath (format version 99"},
		{write("kind.json", replace(`"kind": "level"`, `"kind": "levitate"`)), `unknown kind of event "levitate"`},
		{write("key.json", replace(`"format": "devpath-backup",`, `"format": "devpath-backup", "extra": 1,`)), `unknown key "extra"`},
		{write("level.json", replace(`"level": 4`, `"level": 40`)), "level 40 is not valid"},
		{write("link.json", replace(`"link": "https://example.com/iam"`, `"link": "file:///etc/passwd"`)), "must start with http"},
		{write("huge.json", big), "too large"},
		{write("blank.json", bytes.Repeat([]byte(" "), 2<<20)), "blank space in a row"},
		{filepath.Join(dir, "missing.json"), "cannot read"},
		{dir, "not a regular file"},
	}
	before := exBackup(t, h)
	for _, c := range cases {
		for _, merge := range []bool{false, true} {
			args := []string{"import", c.file}
			if merge {
				args = append(args, "--merge")
			}
			r := h.run(args...)
			if r.code != ExitFailure {
				t.Errorf("%s: exit %d, want 1 (stderr %q)", filepath.Base(c.file), r.code, r.stderr)
			}
			if !strings.HasPrefix(r.stderr, "devpath: ") || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, c.want) {
				t.Errorf("%s: stderr %q, want one line saying %q", filepath.Base(c.file), r.stderr, c.want)
			}
			if r.stdout != "" {
				t.Errorf("%s: printed %q", filepath.Base(c.file), r.stdout)
			}
		}
	}
	if after := exBackup(t, h); after != before {
		t.Error("a refused import changed the database")
	}
	if copies, _ := filepath.Glob(filepath.Join(filepath.Dir(h.db), "backups", "devpath-before-import-*")); len(copies) != 0 {
		t.Errorf("a refused import made copies: %q", copies)
	}
}

func TestExportHelp(t *testing.T) {
	h := newHarness(t)
	for _, cmd := range []string{"export", "import"} {
		out := h.ok("help", cmd)
		if !strings.Contains(out, "Usage: devpath [global flags] "+cmd) {
			t.Errorf("help %s:\n%s", cmd, out)
		}
	}
	if out := h.ok("help"); !strings.Contains(out, "export [--format md|html|pdf|csv|json]") || !strings.Contains(out, "import FILE [--merge]") {
		t.Error("the overview does not list export and import")
	}
}

// TestExportIntoAFolder: --out naming a folder writes the file there under
// its suggested name; before, it failed with "rename ... file exists". A
// folder that does not exist is named in a clear message.
func TestExportIntoAFolder(t *testing.T) {
	h := newHarness(t)
	exFill(t, h)
	dir := t.TempDir()
	day := testNow.Format("2006-01-02")
	for _, c := range []struct {
		args []string
		file string
	}{
		{[]string{"export", "--out", dir + "/"}, "devpath-summary-" + day + ".md"},
		{[]string{"export", "--out", dir, "--format", "html"}, "devpath-summary-" + day + ".html"},
		{[]string{"export", "--out", dir, "--format", "csv"}, "devpath-progress-" + day + ".csv"},
		{[]string{"export", "--out", dir, "--format", "json"}, "devpath-backup-" + day + ".json"},
	} {
		want := filepath.Join(dir, c.file)
		out := h.ok(c.args...)
		if !strings.Contains(out, want) {
			t.Errorf("devpath %s said %q, not naming %s", strings.Join(c.args, " "), out, want)
		}
		fi, err := os.Stat(want)
		if err != nil || fi.Size() == 0 || fi.Mode().Perm() != 0o600 {
			t.Errorf("devpath %s: %s: %v, %v", strings.Join(c.args, " "), want, fi, err)
		}
	}
	if _, err := backup.ReadFile(filepath.Join(dir, "devpath-backup-"+day+".json")); err != nil {
		t.Errorf("the backup written into the folder does not import: %v", err)
	}
	checkBad(t, h.run("export", "--out", filepath.Join(dir, "missing")+"/"), 1, "there is no such folder")
	file := filepath.Join(dir, "devpath-summary-"+day+".md")
	checkBad(t, h.run("export", "--out", file+"/"), 1, "it is not a folder")
}

// TestImportRefusesAPoisonedLog is the scenario of a backup whose change
// log holds values that the checks on live values refuse: it is refused as
// a whole, and nothing of it reaches the profile, the log or the terminal.
func TestImportRefusesAPoisonedLog(t *testing.T) {
	h := newHarness(t)
	exFill(t, h)
	good := filepath.Join(t.TempDir(), "good.json")
	h.ok("export", "--out", good)
	data := exMust(os.ReadFile(good))
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	evs := m["events"].([]any)
	n := len(evs)
	add := func(kind, target, old, new string) {
		n++
		evs = append(evs, map[string]any{"id": 1000 + n, "at": "2025-06-14T10:00:00Z", "kind": kind, "target": target, "old": old, "new": new})
	}
	add("profile", "name", strings.Repeat("n", 5000)+"\x1b[2J\x1b[31m", "Robin")
	add("profile", "region", "zz\x1b[31m", "uk")
	m["events"] = evs
	poisoned := filepath.Join(t.TempDir(), "poisoned.json")
	if err := os.WriteFile(poisoned, exMust(json.Marshal(m)), 0o600); err != nil {
		t.Fatal(err)
	}
	before := exBackup(t, h)
	for _, merge := range []bool{false, true} {
		args := []string{"import", poisoned}
		if merge {
			args = append(args, "--merge")
		}
		r := h.run(args...)
		checkBad(t, r, 1, "nothing was imported")
		if strings.Contains(r.stderr, "\x1b") {
			t.Errorf("the error holds a raw escape: %q", r.stderr)
		}
	}
	if after := exBackup(t, h); after != before {
		t.Error("a refused backup changed the database")
	}
	if out := h.ok("history"); strings.Contains(out, "\x1b") {
		t.Error("the history holds a raw escape")
	}
}
