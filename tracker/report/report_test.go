package report

import (
	"bytes"
	"encoding/csv"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/store"
	"devpath/tracker/words"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// clock is the store's clock in the fixture; each step sets it.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// fixture builds a database in a temporary folder, step by step on fixed
// dates, and returns the report data as of 2025-06-30.
func fixture(t *testing.T) Data {
	t.Helper()
	rm, err := roadmap.LoadFile(filepath.Join("testdata", "roadmap.yaml"))
	if err != nil {
		t.Fatalf("load the test roadmap: %v", err)
	}
	c := &clock{}
	at := func(y, m, d int) { c.t = date(y, m, d).Add(9 * time.Hour) }
	at(2024, 3, 1)
	s, err := store.OpenWith(filepath.Join(t.TempDir(), "devpath.db"), store.Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	addEvidence := func(id, note, link string, date time.Time) {
		t.Helper()
		_, err := s.AddEvidence(tracker.Evidence{ItemID: id, Note: note, Link: link, Date: date})
		must(err)
	}
	checkIn := func(label string) {
		t.Helper()
		p, err := s.Progress()
		must(err)
		_, err = s.CheckIn(label, tracker.Assess(rm, p, c.now()))
		must(err)
	}

	must(s.SaveProfile(tracker.Profile{
		Name: "Alex <Example>", Stage: "junior", StageSince: date(2024, 3, 1), CareerStart: date(2024, 3, 1),
		Region: "uk", Branch: "sre",
	}))
	at(2024, 5, 10)
	must(s.SetLevel("linux-systemd", tracker.Proficient, date(2024, 5, 10)))
	addEvidence("linux-systemd", "Wrote unit files | timers for the batch jobs", "https://example.com/pr/12", date(2024, 5, 9))
	at(2024, 6, 1)
	must(s.SetLevel("docker-multistage", tracker.Expert, date(2024, 6, 1)))
	addEvidence("docker-multistage", "Cut the image from 1.2 GB to 90 MB [see](javascript:alert(1))", "", date(2024, 6, 1))
	must(s.SetLevel("linux-networking", tracker.Practising, time.Time{}))
	must(s.SetLevel("sre-slos", tracker.Proficient, date(2024, 5, 20)))
	must(s.SetSkipped("docker-scanning", true))
	must(s.SetLevel("linux-performance", tracker.Proficient, date(2024, 5, 30))) // a former id of linux-perf
	must(s.SetLevel("old-entry", tracker.Learning, time.Time{}))                 // not in the roadmap
	at(2024, 9, 1)
	checkIn("Autumn review")
	at(2025, 1, 15)
	must(s.SetLevel("junior-ready-deploy", tracker.Proficient, date(2025, 1, 15)))
	addEvidence("junior-ready-deploy", "Shipped the billing stack end to end", "https://example.com/billing", date(2025, 1, 14))
	at(2025, 2, 2)
	addEvidence("linux-networking", "Debugged DNS timeouts in staging", "", date(2025, 2, 1))
	must(s.SetLevel("linux-networking", tracker.Learning, time.Time{}))
	at(2025, 3, 1)
	checkIn("Spring review")
	at(2025, 6, 30)

	p, err := s.Progress()
	must(err)
	ev, err := s.Evidence("")
	must(err)
	cs, err := s.CheckIns()
	must(err)
	return Data{
		Roadmap:    rm,
		Progress:   p,
		Assessment: tracker.Assess(rm, p, c.now()),
		Evidence:   ev,
		CheckIns:   cs,
		Now:        c.now(),
	}
}

// golden compares got with testdata/name, or rewrites the file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update to accept):\n%s", name, firstDiff(string(want), string(got)))
	}
}

// firstDiff shows the first line that differs.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n want: " + w + "\n  got: " + g
		}
	}
	return "(same lines, different bytes)"
}

func render(t *testing.T, f func(*bytes.Buffer, Data) error, d Data) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := f(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func mdw(b *bytes.Buffer, d Data) error  { return Markdown(b, d) }
func htm(b *bytes.Buffer, d Data) error  { return HTML(b, d) }
func csvw(b *bytes.Buffer, d Data) error { return CSV(b, d) }

func TestMarkdownGolden(t *testing.T) {
	d := fixture(t)
	golden(t, "summary.md", render(t, mdw, d))
}

func TestMarkdownSinceGolden(t *testing.T) {
	d := fixture(t)
	d.Since = date(2025, 1, 1)
	got := render(t, mdw, d)
	golden(t, "summary-since.md", got)
	// The period leaves out what was done and noted before it.
	for _, old := range []string{"Multi-stage builds** —", "Wrote unit files"} {
		if bytes.Contains(got, []byte(old)) {
			t.Errorf("the summary since 2025-01-01 lists %q, done in 2024", old)
		}
	}
	for _, recent := range []string{"Deploy a full stack without help", "Debugged DNS timeouts"} {
		if !bytes.Contains(got, []byte(recent)) {
			t.Errorf("the summary since 2025-01-01 lacks %q", recent)
		}
	}
}

func TestMarkdownContent(t *testing.T) {
	d := fixture(t)
	got := string(render(t, mdw, d))
	a := d.Assessment
	for _, want := range []string{
		"# Progress summary: Alex \\<Example\\>",
		"**Stage:** Junior Engineer",
		"## Readiness for " + a.Next.Title,
		"**Score: " + num(a.Readiness.Score) + " / 100 — " + words.Verdict(a.Readiness.Verdict) + "**",
		"| Skills | ",
		"£40,000 – £55,000",
		"£55,000 – £80,000",
		"Closest branch: **Site Reliability Engineering**",
		"**Spring review (2025-03-01)**",
		"**Autumn review (2024-09-01)**",
		"Wrote unit files \\| timers",                                      // a pipe cannot open a table cell
		"\\[see\\](javascript:alert(1))",                                   // nor can a note make a link
		"<https://example.com/pr/12>",                                      // http(s) links are links
		"| Linux \\| shell | 2 | 3 |",                                      // performance (former id) counts as linux-perf
		"old-entry",                                                        // orphans are listed
		"| Deploy a full stack without help | not confirmed | confirmed |", // check-in diff
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the Markdown summary lacks %q", want)
		}
	}
	if strings.Contains(got, "<script") || regexp.MustCompile(`[^\\]\]\(javascript`).MatchString(got) {
		t.Error("user text reached the Markdown unescaped")
	}
}

func TestCSVGolden(t *testing.T) {
	d := fixture(t)
	golden(t, "items.csv", render(t, csvw, d))
}

func TestCSVRows(t *testing.T) {
	d := fixture(t)
	rows, err := csv.NewReader(bytes.NewReader(render(t, csvw, d))).ReadAll()
	if err != nil {
		t.Fatalf("the CSV is not valid RFC 4180: %v", err)
	}
	if got, want := strings.Join(rows[0], ","), "id,kind,stage,group,title,level,status,updated_at,evidence_count,evidenced_level,stage_place"; got != want {
		t.Errorf("header %q, want %q", got, want)
	}
	entries := d.Roadmap.Entries()
	if len(rows) != 1+len(entries)+1 { // header, entries, one orphan
		t.Fatalf("%d rows, want %d", len(rows), 2+len(entries))
	}
	byID := map[string][]string{}
	for _, r := range rows[1:] {
		if len(r) != 11 {
			t.Fatalf("row %q has %d cells", r, len(r))
		}
		byID[r[0]] = r
	}
	// evidenced: a proficient skill without evidence counts at 2, one with
	// evidence as claimed; a confirmed criterion with evidence counts.
	for id, want := range map[string]struct{ level, status, evidence, evidenced string }{
		"docker-multistage":   {"4", StatusDone, "1", "4"},
		"linux-networking":    {"1", StatusInProgress, "1", "1"},
		"docker-scanning":     {"0", StatusSkipped, "0", "0"},
		"linux-perf":          {"3", StatusDone, "0", "2"},
		"k8s-rbac":            {"0", StatusNotStarted, "0", "0"},
		"junior-ready-deploy": {"3", StatusDone, "1", "3"},
	} {
		r := byID[id]
		if r == nil {
			t.Errorf("no row for %s", id)
			continue
		}
		if r[5] != want.level || r[6] != want.status || r[8] != want.evidence || r[9] != want.evidenced {
			t.Errorf("%s: level %s status %q evidence %s evidenced %s, want %s %q %s %s", id, r[5], r[6], r[8], r[9], want.level, want.status, want.evidence, want.evidenced)
		}
	}
	if r := byID["docker-scanning"]; r == nil || r[4] != "'=Security scanning" {
		t.Errorf("a title starting with = is not defused: %q", r)
	}
	if r := byID["old-entry"]; r == nil || r[1] != KindOrphan {
		t.Errorf("the orphan's row is %q", r)
	}
	if r := byID["sre-slos"]; r == nil || r[1] != roadmap.KindBranchItem || r[3] != "sre" || r[2] != "" {
		t.Errorf("the branch item's row is %q", r)
	}
}

func TestDefuse(t *testing.T) {
	for in, want := range map[string]string{
		"=SUM(A1)": "'=SUM(A1)", "+1": "'+1", "-2": "'-2", "@x": "'@x", "\tx": "'\tx",
		"plain": "plain", "": "", "a=b": "a=b",
	} {
		if got := defuse(in); got != want {
			t.Errorf("defuse(%q) = %q, want %q", in, got, want)
		}
	}
}

// tagRe finds the start tags of an HTML page.
var tagRe = regexp.MustCompile(`<[a-zA-Z][^>]*>`)

// attrRe finds URL-bearing attributes and CSS references.
var attrRe = regexp.MustCompile(`(?i)\b(src|href|action|srcset|poster|data)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)`)

func TestHTMLEscapesAndLoadsNothing(t *testing.T) {
	d := fixture(t)
	d.Progress.Profile.Name = `Alex <img src=x onerror=alert(1)>`
	d.Evidence = append(d.Evidence,
		tracker.Evidence{ID: 90, ItemID: "linux-systemd", Note: "<script>alert(1)</script>", Date: date(2024, 5, 11)},
		tracker.Evidence{ID: 91, ItemID: "linux-systemd", Note: "hostile link", Link: "javascript:alert(2)", Date: date(2024, 5, 12)},
		tracker.Evidence{ID: 92, ItemID: "linux-systemd", Note: "quote", Link: `https://example.com/a"onmouseover="alert(3)`, Date: date(2024, 5, 13)},
	)
	out := string(render(t, htm, d))
	if strings.Contains(out, "<script>alert(1)</script>") || strings.Contains(out, "<img src=x") {
		t.Fatal("user text reached the HTML as markup")
	}
	if !strings.Contains(out, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the note holding markup is not shown escaped")
	}
	for _, bad := range []string{"<script", "<link", "<img", "<iframe", "<object", "<embed", "@import", "url(", `href="javascript`, "onmouseover=\"alert"} {
		if strings.Contains(strings.ToLower(out), bad) {
			t.Errorf("the HTML holds %q", bad)
		}
	}
	if !strings.Contains(out, "<style>") || !strings.Contains(out, "@media print") {
		t.Error("the HTML has no inline, printable style")
	}
	allowed := map[string]bool{}
	for _, e := range d.Evidence {
		if safeLink(e.Link) {
			allowed[e.Link] = true
		}
	}
	links := 0
	var attrs [][]string
	for _, tag := range tagRe.FindAllString(out, -1) {
		attrs = append(attrs, attrRe.FindAllStringSubmatch(tag, -1)...)
	}
	for _, m := range attrs {
		name, val := strings.ToLower(m[1]), strings.Trim(m[2], `"'`)
		if name != "href" {
			t.Errorf("the HTML has a %s attribute: %s", name, m[0])
			continue
		}
		if u, err := url.PathUnescape(unescapeHTML(val)); err != nil || !allowed[u] {
			t.Errorf("the HTML links to %q, which is not an http(s) evidence link", val)
		}
		links++
	}
	if links == 0 {
		t.Error("no evidence link became a link")
	}
	if !strings.Contains(out, "hostile link") || !strings.Contains(out, "javascript:alert(2)") {
		t.Error("a non-http link should still be shown as text")
	}
	// The readiness bar is drawn with the score as its width.
	if !strings.Contains(out, `style="width: `+num(pct(d.Assessment.Readiness.Score))+`%"`) {
		t.Error("the readiness bar is missing")
	}
}

func unescapeHTML(s string) string {
	return strings.NewReplacer("&amp;", "&", "&#34;", `"`, "&quot;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">").Replace(s)
}

func TestPDF(t *testing.T) {
	d := fixture(t)
	var buf bytes.Buffer
	if err := PDF(&buf, d); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	if !bytes.HasPrefix(out, []byte("%PDF-")) {
		t.Errorf("the PDF starts with %q", out[:min(len(out), 8)])
	}
	if !bytes.HasSuffix(bytes.TrimRight(out, "\r\n"), []byte("%%EOF")) {
		t.Error("the PDF does not end with the end-of-file marker")
	}

	text := pdfText(t, d)
	a := d.Assessment
	for _, want := range []string{
		"Junior Engineer",
		"Score " + num(a.Readiness.Score) + " / 100",
		"Readiness for " + a.Next.Title,
		"Alex <Example>",
		"£40,000",
		"Wrote unit files | timers for the batch jobs",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
}

func TestPDFBreaksPages(t *testing.T) {
	d := fixture(t)
	d.Progress.Profile.Name = "Łukasz → 東京"
	// Enough evidence to need several pages.
	for i := 0; i < 120; i++ {
		d.Evidence = append(d.Evidence, tracker.Evidence{
			ID: int64(100 + i), ItemID: "linux-systemd", Date: date(2024, 5, 10),
			Note: "A long note about work done, to fill the page with text, number " + strconv.Itoa(i),
		})
	}
	text := pdfText(t, d)
	if !strings.Contains(text, "Name Łukasz → 東京") {
		t.Errorf("the name is not read back: text holds %q", between(text, "Name", "Stage"))
	}
	if !strings.Contains(text, "number 119") {
		t.Error("the last evidence note is missing")
	}
	if !regexp.MustCompile(`page 3 of \d+`).MatchString(text) {
		t.Error("the PDF has fewer than 3 pages")
	}
}

func between(s, a, b string) string {
	i := strings.Index(s, a)
	if i < 0 {
		return ""
	}
	s = s[i:]
	if j := strings.Index(s, b); j >= 0 {
		return s[:j]
	}
	return s
}

// TestDefaultRoadmap renders every format for the embedded roadmap and a new
// profile: nothing fails and each names the stage.
func TestDefaultRoadmap(t *testing.T) {
	rm := roadmap.Default()
	now := date(2025, 6, 30)
	p := tracker.Progress{Profile: tracker.Profile{Stage: "senior", Region: "us", StageSince: date(2023, 1, 1)}, Items: map[string]tracker.ItemState{}}
	d := Data{Roadmap: rm, Progress: p, Assessment: tracker.Assess(rm, p, now), Now: now}
	title := rm.Stage("senior").Title
	for name, f := range map[string]func(*bytes.Buffer, Data) error{"markdown": mdw, "html": htm, "csv": csvw} {
		out := render(t, f, d)
		if !bytes.Contains(out, []byte(title)) && name != "csv" {
			t.Errorf("%s: the stage title %q is missing", name, title)
		}
		if name == "csv" && bytes.Count(out, []byte("\n")) != 1+len(rm.Entries()) {
			t.Errorf("csv: %d lines for %d entries", bytes.Count(out, []byte("\n")), len(rm.Entries()))
		}
	}
	if text := pdfText(t, d); !strings.Contains(text, title) || !strings.Contains(text, "$") {
		t.Errorf("the PDF lacks the stage title or the US salary")
	}
}
