package ui

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/core"
	"devpath/tracker/gitscan/gittest"
	"devpath/tracker/words"
)

// scanRig is the window with two skills ticked proficient and no
// evidence, and two suggestions for them waiting, as a scan saves them.
func scanRig(t *testing.T) *shellRig {
	t.Helper()
	r := newShellRig(t, Options{})
	for _, id := range []string{"k8s-helm", "k8s-rbac"} {
		if err := r.store.SetLevel(id, tracker.Proficient, shellDay); err != nil {
			t.Fatal(err)
		}
	}
	saveFound(t, r.store,
		tracker.Found{Item: "k8s-helm", Repo: "/src/app", Commits: 3, First: day(2025, 11, 2), Last: day(2026, 2, 20),
			Examples: []string{"Add the app's Helm chart", "Bump the chart's version"}, Link: "/src/app@abc123"},
		tracker.Found{Item: "k8s-rbac", Repo: "/src/infra", Commits: 1, First: day(2026, 1, 5), Last: day(2026, 1, 5),
			Examples: []string{"Give the deployer a namespaced role"}, Link: "/src/infra@def456"},
	)
	r.sh.reload()
	r.noErrors()
	return r
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// saveFound saves scan matches as suggestions.
func saveFound(t *testing.T, st *core.DB, found ...tracker.Found) {
	t.Helper()
	if _, err := st.SaveScan(found, nil); err != nil {
		t.Fatalf("save the scan: %v", err)
	}
}

// openScan opens the dialog from the File menu.
func openScan(t *testing.T, r *shellRig) *scanDialog {
	t.Helper()
	menuItem(t, r.win, "File", findEvidenceMenu).Action()
	d := r.sh.scan
	if d == nil || d.closed {
		t.Fatal("File ▸ Find evidence in git repositories… opened no dialog")
	}
	return d
}

// evidenced is the evidenced score the Dashboard shows.
func evidenced(t *testing.T, r *shellRig) float64 {
	t.Helper()
	r.sh.show(screenDashboard)
	d := r.sh.dash
	if !d.evBox.Visible() {
		t.Fatal("the Dashboard shows no evidenced score")
	}
	v, err := strconv.ParseFloat(d.evScore.Text, 64)
	if err != nil {
		t.Fatalf("evidenced score %q: %v", d.evScore.Text, err)
	}
	return v
}

// rowFor finds the row of an entry's suggestion.
func suggestionFor(t *testing.T, d *scanDialog, item string) *suggestionRow {
	t.Helper()
	for _, row := range d.rows {
		if row.sg.Item == item {
			return row
		}
	}
	t.Fatalf("no row for %s among %d", item, len(d.rows))
	return nil
}

func pendingIDs(t *testing.T, st *core.DB) []string {
	t.Helper()
	list, err := st.Suggestions()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, sg := range list {
		out = append(out, sg.Item)
	}
	return out
}

func TestScanDialogListsWaitingSuggestions(t *testing.T) {
	r := scanRig(t)
	d := openScan(t, r)
	if r.win.Canvas().Focused() != d.paths {
		t.Errorf("the folder field does not have the keyboard: %v", r.win.Canvas().Focused())
	}
	if len(d.rows) != 2 {
		t.Fatalf("%d rows, want the 2 suggestions waiting", len(d.rows))
	}
	helm := suggestionFor(t, d, "k8s-helm")
	if helm.title.Text != "Helm — DevOps Engineer (Mid) · Kubernetes mastery" {
		t.Errorf("the row's title is %q, want the entry's with its stage and group", helm.title.Text)
	}
	for _, want := range []string{"/src/app", "3 commits", "2025-11-02 – 2026-02-20", "“Add the app's Helm chart”, “Bump the chart's version”"} {
		if !strings.Contains(helm.details.Text, want) {
			t.Errorf("the row reads %q, without %q", helm.details.Text, want)
		}
	}
	if rbac := suggestionFor(t, d, "k8s-rbac"); !strings.Contains(rbac.details.Text, "1 commit · 2026-01-05\n") {
		t.Errorf("a one-commit row reads %q", rbac.details.Text)
	}
	if d.summary.Text != "2 suggestions waiting from earlier scans." || d.empty.Visible() {
		t.Errorf("summary %q, empty line shown %v", d.summary.Text, d.empty.Visible())
	}
	if d.acceptAll.Disabled() {
		t.Error("Accept all is disabled with suggestions listed")
	}
	// Escape closes it.
	r.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !d.closed {
		t.Error("Escape did not close the dialog")
	}
	r.noErrors()
}

func TestScanDialogEmpty(t *testing.T) {
	r := newShellRig(t, Options{})
	d := openScan(t, r)
	if len(d.rows) != 0 || !d.empty.Visible() || !d.acceptAll.Disabled() {
		t.Errorf("with nothing waiting: %d rows, empty line %v, Accept all disabled %v", len(d.rows), d.empty.Visible(), d.acceptAll.Disabled())
	}
	if d.summary.Visible() {
		t.Errorf("the summary %q repeats the empty list's line", d.summary.Text)
	}
}

func TestAcceptSuggestionRaisesEvidencedScore(t *testing.T) {
	r := scanRig(t)
	claimed, before := r.score(), evidenced(t, r)
	if before >= claimed {
		t.Fatalf("the evidenced score %.1f should be below the claimed %.1f before any evidence", before, claimed)
	}
	d := openScan(t, r)
	test.Tap(suggestionFor(t, d, "k8s-helm").accept)
	r.noErrors()
	ev, err := r.store.Evidence("k8s-helm")
	if err != nil {
		t.Fatal(err)
	}
	// The repository by its name: the note is shared, the folder is not.
	if len(ev) != 1 || !strings.Contains(ev[0].Note, " in app") || strings.Contains(ev[0].Note, "/src/app") || !ev[0].Date.Equal(day(2026, 2, 20)) {
		t.Fatalf("evidence for k8s-helm after Accept: %+v", ev)
	}
	if len(d.rows) != 1 || d.rows[0].sg.Item != "k8s-rbac" {
		t.Errorf("after Accept the rows are %d, want only k8s-rbac's", len(d.rows))
	}
	if got := pendingIDs(t, r.store); len(got) != 1 || got[0] != "k8s-rbac" {
		t.Errorf("waiting after Accept: %v", got)
	}
	if !strings.Contains(r.sh.status.Text, "Accepted as evidence for “Helm”") {
		t.Errorf("status line %q", r.sh.status.Text)
	}
	after := evidenced(t, r)
	if after <= before {
		t.Errorf("the evidenced score went from %.1f to %.1f after Accept, want higher", before, after)
	}
	if r.score() != claimed {
		t.Errorf("the claimed score changed from %.1f to %.1f", claimed, r.score())
	}
	// Undo takes the evidence back, as for evidence added by hand.
	menuItem(t, r.win, "Edit", "Undo").Action()
	if ev, _ := r.store.Evidence("k8s-helm"); len(ev) != 0 {
		t.Errorf("undo left %+v", ev)
	}
	if got := evidenced(t, r); got != before {
		t.Errorf("after undo the evidenced score is %.1f, want %.1f", got, before)
	}
}

func TestDismissSuggestionRemovesRow(t *testing.T) {
	r := scanRig(t)
	before := evidenced(t, r)
	d := openScan(t, r)
	test.Tap(suggestionFor(t, d, "k8s-rbac").dismiss)
	r.noErrors()
	if len(d.rows) != 1 || d.rows[0].sg.Item != "k8s-helm" {
		t.Errorf("after Dismiss %d rows remain, want only k8s-helm's", len(d.rows))
	}
	if got := pendingIDs(t, r.store); len(got) != 1 || got[0] != "k8s-helm" {
		t.Errorf("waiting after Dismiss: %v", got)
	}
	if ev, _ := r.store.Evidence("k8s-rbac"); len(ev) != 0 {
		t.Errorf("Dismiss made evidence: %+v", ev)
	}
	if got := evidenced(t, r); got != before {
		t.Errorf("Dismiss changed the evidenced score from %.1f to %.1f", before, got)
	}
	// A later scan of the same match suggests nothing again.
	saveFound(t, r.store, tracker.Found{Item: "k8s-rbac", Repo: "/src/infra", Commits: 2, First: day(2026, 2, 1), Last: day(2026, 2, 2)})
	d.requestClose()
	d = openScan(t, r)
	if len(d.rows) != 1 {
		t.Errorf("reopened after a dismissal and a new scan: %d rows, want 1", len(d.rows))
	}
}

func TestAcceptAll(t *testing.T) {
	r := scanRig(t)
	before := evidenced(t, r)
	d := openScan(t, r)
	test.Tap(d.acceptAll)
	r.noErrors()
	for _, id := range []string{"k8s-helm", "k8s-rbac"} {
		if ev, _ := r.store.Evidence(id); len(ev) != 1 {
			t.Errorf("after Accept all %s has evidence %+v, want one piece", id, ev)
		}
	}
	if len(d.rows) != 0 || !d.empty.Visible() || !d.acceptAll.Disabled() {
		t.Errorf("after Accept all: %d rows, empty line %v, Accept all disabled %v", len(d.rows), d.empty.Visible(), d.acceptAll.Disabled())
	}
	if got := pendingIDs(t, r.store); len(got) != 0 {
		t.Errorf("still waiting: %v", got)
	}
	if after := evidenced(t, r); after <= before {
		t.Errorf("the evidenced score went from %.1f to %.1f, want higher", before, after)
	}
	if r.sh.dash.evGap.Text != everyClaimEvidenced || !r.sh.dash.evNone.Visible() {
		t.Errorf("with every claim evidenced the Dashboard reads %q", r.sh.dash.evGap.Text)
	}
}

// fakeScan is the store with a scan that does what the test says.
type fakeScan struct {
	*core.DB
	scan func(ctx context.Context, req tracker.ScanRequest) (tracker.ScanReport, error)
	reqs []tracker.ScanRequest
}

func (f *fakeScan) ScanGit(ctx context.Context, _ *roadmap.Roadmap, req tracker.ScanRequest) (tracker.ScanReport, error) {
	f.reqs = append(f.reqs, req)
	return f.scan(ctx, req)
}

func showFakeScan(r *shellRig, f *fakeScan) *scanDialog {
	return showScanDialog(f, r.sh.env, r.sh.rm, false)
}

func TestScanErrorShowsOneLine(t *testing.T) {
	r := newShellRig(t, Options{})
	f := &fakeScan{DB: r.store, scan: func(context.Context, tracker.ScanRequest) (tracker.ScanReport, error) {
		return tracker.ScanReport{}, errors.New("git log in /src/app: exit status 128\ngoroutine 7 [running]:\nmain.main()")
	}}
	d := showFakeScan(r, f)
	// Enter with no folder says what is missing, and scans nothing.
	d.paths.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(f.reqs) != 0 || d.errLine.Text != "Choose a folder to scan, or type its path" || !d.errLine.Visible() {
		t.Errorf("Enter with no folder: %d scans, error line %q", len(f.reqs), d.errLine.Text)
	}
	test.Type(d.paths, "/src/app")
	d.since.SetText("2026-13-01")
	d.paths.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(f.reqs) != 0 || !strings.HasPrefix(d.errLine.Text, "Since: ") {
		t.Errorf("a wrong date: %d scans, error line %q", len(f.reqs), d.errLine.Text)
	}
	d.since.SetText("")
	d.paths.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(f.reqs) != 1 {
		t.Fatalf("Enter made %d scans, want 1", len(f.reqs))
	}
	if want := "The scan failed: git log in /src/app: exit status 128"; d.errLine.Text != want {
		t.Errorf("error line %q, want %q", d.errLine.Text, want)
	}
	if strings.Contains(d.errLine.Text, "goroutine") || strings.Contains(d.errLine.Text, "\n") {
		t.Errorf("the error line shows more than one line: %q", d.errLine.Text)
	}
	if d.scan.Disabled() || d.cancel.Visible() || d.progress.Visible() {
		t.Error("after the failed scan the form is not back")
	}
	r.noErrors()
}

func TestScanShowsReportAndProgress(t *testing.T) {
	r := newShellRig(t, Options{})
	if err := r.store.SetLevel("k8s-helm", tracker.Proficient, shellDay); err != nil {
		t.Fatal(err)
	}
	r.sh.reload()
	var d *scanDialog
	var during []string
	f := &fakeScan{DB: r.store}
	f.scan = func(ctx context.Context, req tracker.ScanRequest) (tracker.ScanReport, error) {
		req.Progress(tracker.ScanProgress{Repo: "/src/app", RepoIndex: 0, Repos: 2, Commits: 40})
		during = append(during, d.progressLine)
		if !d.progress.Visible() || !d.cancel.Visible() || !d.scan.Disabled() {
			t.Error("while scanning there is no progress bar and Cancel")
		}
		saveFound(t, r.store, tracker.Found{Item: "k8s-helm", Repo: "/src/app", Commits: 2, First: day(2026, 1, 1), Last: day(2026, 1, 9)})
		pending, err := r.store.Suggestions()
		return tracker.ScanReport{
			Repos: []tracker.RepoScan{
				{Repo: "/src/app", Commits: 40, Found: 1},
				{Repo: "/src/notes", Problem: "/src/notes is not a git repository\n(details)"},
			},
			Added: 1, Pending: pending,
		}, err
	}
	d = showFakeScan(r, f)
	test.Type(d.paths, "/src/app, /src/notes")
	test.Type(d.authors, "me@example.com, old@example.org")
	test.Type(d.since, "2025-06-01")
	test.Tap(d.scan)
	r.noErrors()
	if len(f.reqs) != 1 {
		t.Fatalf("%d scans", len(f.reqs))
	}
	req := f.reqs[0]
	if strings.Join(req.Paths, "|") != "/src/app|/src/notes" || strings.Join(req.Authors, "|") != "me@example.com|old@example.org" || !req.Since.Equal(day(2025, 6, 1)) {
		t.Errorf("the scan was asked for %q by %q since %v", req.Paths, req.Authors, req.Since)
	}
	if len(during) != 1 || during[0] != "Repository 1 of 2 · 40 commits read · app" {
		t.Errorf("progress while scanning: %q", during)
	}
	if d.problems.Text != "/src/notes is not a git repository" || !d.problemBox.Visible() {
		t.Errorf("problems %q (shown %v)", d.problems.Text, d.problemBox.Visible())
	}
	if d.summary.Text != "1 suggestion from 1 repository." {
		t.Errorf("summary %q", d.summary.Text)
	}
	if len(d.rows) != 1 || d.rows[0].sg.Item != "k8s-helm" {
		t.Errorf("%d rows after the scan", len(d.rows))
	}
	if d.progress.Visible() || d.cancel.Visible() || d.scan.Disabled() {
		t.Error("after the scan the progress and Cancel are still shown")
	}
}

func TestCancelScanSavesNothing(t *testing.T) {
	r := newShellRig(t, Options{})
	var d *scanDialog
	f := &fakeScan{DB: r.store}
	f.scan = func(ctx context.Context, req tracker.ScanRequest) (tracker.ScanReport, error) {
		// The user presses Cancel while the scan runs.
		test.Tap(d.cancel)
		if ctx.Err() == nil {
			t.Error("Cancel did not cancel the scan's context")
		}
		return tracker.ScanReport{}, ctx.Err()
	}
	d = showFakeScan(r, f)
	test.Type(d.paths, "/src/app")
	test.Tap(d.scan)
	if !strings.HasPrefix(d.summary.Text, "Scan cancelled: nothing was saved.") || d.errLine.Visible() {
		t.Errorf("after Cancel: summary %q, error line %q", d.summary.Text, d.errLine.Text)
	}
	if got := pendingIDs(t, r.store); len(got) != 0 {
		t.Errorf("a cancelled scan left suggestions %v", got)
	}
}

func TestScanDialogReadOnly(t *testing.T) {
	r := scanRig(t)
	d := showScanDialog(r.store, r.sh.env, r.sh.rm, true)
	if !d.scan.Disabled() || !d.acceptAll.Disabled() || !suggestionFor(t, d, "k8s-helm").accept.Disabled() {
		t.Error("a read-only dialog lets the user scan or accept")
	}
}

func TestDashboardShowsBothScores(t *testing.T) {
	r := scanRig(t)
	if _, err := r.store.AddEvidence(tracker.Evidence{ItemID: "k8s-rbac", Note: "Audited the RBAC roles", Date: shellDay}); err != nil {
		t.Fatal(err)
	}
	r.sh.reload()
	r.sh.show(screenDashboard)
	d := r.sh.dash
	ev := d.snap.assess.Readiness.Evidenced
	if ev == nil {
		t.Fatal("the built-in roadmap has no evidenced score")
	}
	if d.evScore.Text != strconv.FormatFloat(ev.Score, 'f', 1, 64) || d.score.Text == d.evScore.Text {
		t.Errorf("scores shown: claimed %s, evidenced %s (assessed %.1f)", d.score.Text, d.evScore.Text, ev.Score)
	}
	if want := words.EvidenceGap(ev); d.evGap.Text != want || !strings.Contains(want, "no evidence") {
		t.Errorf("the gap reads %q, want %q", d.evGap.Text, want)
	}
	if want := "Evidenced score: " + words.Verdict(ev.Verdict) + "."; d.evVerdict.Text != want {
		t.Errorf("the evidenced verdict reads %q", d.evVerdict.Text)
	}
	if len(ev.Actions) != 1 || ev.Actions[0].ID != "k8s-helm" {
		t.Fatalf("evidence actions %+v, want k8s-helm's alone", ev.Actions)
	}
	a := d.evActions[0]
	if a.text.Text != words.EvidenceAction(ev.Actions[0]) || a.text.Text != "Add evidence for Helm (proficient)" || !a.row.Visible() {
		t.Errorf("the evidence action reads %q (shown %v)", a.text.Text, a.row.Visible())
	}
	if a.gain.Text != "+"+strconv.FormatFloat(ev.Actions[0].Gain, 'f', 1, 64) {
		t.Errorf("its gain reads %q", a.gain.Text)
	}
	if d.evActions[1].row.Visible() || d.evNone.Visible() {
		t.Error("a second evidence action, or the every-claim line, is shown")
	}
	if !strings.Contains(d.evCard.Subtitle, "evidenced score") {
		t.Errorf("the evidence card says %q: which score does it raise?", d.evCard.Subtitle)
	}
	// Pressing the action opens the entry's evidence dialog on the
	// Dashboard; closing it gives the keyboard back to the action.
	test.Tap(a.button)
	dlg := r.sh.rmap.evidence
	if dlg == nil || dlg.closed || dlg.entry.Item.ID != "k8s-helm" {
		t.Fatal("the evidence action opened no evidence dialog for k8s-helm")
	}
	if got := r.sh.tabs.SelectedIndex(); got != 0 {
		t.Errorf("the evidence dialog switched to screen %d", got)
	}
	test.Type(dlg.note, "Wrote the app's Helm chart")
	dlg.onSave()
	dlg.requestClose()
	if r.win.Canvas().Focused() != a.button && r.win.Canvas().Focused() != nil {
		t.Errorf("after the dialog closed the keyboard is on %v", r.win.Canvas().Focused())
	}
	r.noErrors()
	if d.evGap.Text != everyClaimEvidenced || !d.evNone.Visible() || a.row.Visible() {
		t.Errorf("with the evidence added the Dashboard reads %q, action shown %v", d.evGap.Text, a.row.Visible())
	}
	if d.evScore.Text != d.score.Text {
		t.Errorf("with every claim evidenced the scores differ: %s and %s", d.score.Text, d.evScore.Text)
	}
}

func TestDashboardWithoutEvidenceRule(t *testing.T) {
	rm, err := roadmap.LoadFile(filepath.Join("testdata", "golden-roadmap.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	rm.Readiness.Evidence.Off = true
	r := newShellRig(t, Options{Roadmap: rm, RoadmapPath: "golden-roadmap.yaml"})
	if err := r.store.SetLevel("k8s-helm", tracker.Proficient, shellDay); err != nil {
		t.Fatal(err)
	}
	r.sh.reload()
	r.sh.show(screenDashboard)
	d := r.sh.dash
	if d.snap.assess.Readiness.Evidenced != nil {
		t.Fatal("the roadmap turns evidence off, yet the assessment has an evidenced score")
	}
	if d.evHead.Visible() || d.evBox.Visible() || d.evCard.Visible() {
		t.Error("the Dashboard shows the evidenced score of a roadmap that turns evidence off")
	}
	for _, a := range d.evActions {
		if a.row.Visible() {
			t.Error("an evidence action is shown")
		}
	}
}

func TestDashboardWithEvidenceFits(t *testing.T) {
	r := scanRig(t)
	r.sh.show(screenDashboard)
	d := r.sh.dash
	if !d.evActions[1].row.Visible() {
		t.Fatal("want two evidence actions on view")
	}
	for _, size := range []fyne.Size{fitMinSize, fitSize, fyne.NewSize(1920, 1080)} {
		fitAssert(t, r.win, d.content(), size, false)
	}
}

func TestScanDialogTabOrderAndDashboardButton(t *testing.T) {
	r := scanRig(t)
	r.sh.show(screenDashboard)
	test.Tap(r.sh.dash.findEvidence)
	d := r.sh.scan
	if d == nil || d.closed {
		t.Fatal("the Dashboard's Find evidence in git… opened no dialog")
	}
	want := []fyne.Focusable{d.paths, d.choose, d.authors, d.since, d.scan}
	for _, row := range d.rows {
		want = append(want, row.accept, row.dismiss)
	}
	want = append(want, d.close, d.acceptAll)
	tabOrderAssert(t, r.win, want...)
	// Shift+Tab from the authors goes back round to Accept all, the
	// dialog's last button.
	c := r.win.Canvas()
	c.Focus(d.authors)
	for range 3 {
		c.FocusPrevious()
	}
	if c.Focused() != d.acceptAll {
		t.Errorf("Shift+Tab three times from the authors reaches %v, want Accept all", c.Focused())
	}
}

func TestScanRealRepository(t *testing.T) {
	r := newShellRig(t, Options{})
	if err := r.store.SetLevel("k8s-helm", tracker.Proficient, shellDay); err != nil {
		t.Fatal(err)
	}
	r.sh.reload()
	before := evidenced(t, r)
	repo := filepath.Join(t.TempDir(), "app")
	gittest.Repo(t, repo, "", []gittest.Commit{
		{Email: "me@example.com", Date: "2025-10-01", Subject: "Build the app in two stages", Files: []string{"Dockerfile"}},
		{Email: "me@example.com", Date: "2025-11-02", Subject: "Package the app", Files: []string{"charts/app/Chart.yaml"}},
		{Email: "other@example.org", Date: "2025-12-03", Subject: "Run the app as a service", Files: []string{"deploy/app.service"}},
	})
	missing := filepath.Join(t.TempDir(), "nowhere")
	d := openScan(t, r)
	test.Type(d.paths, repo+", "+missing)
	test.Type(d.authors, "me@example.com")
	d.paths.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	r.noErrors()
	if d.errLine.Visible() {
		t.Fatalf("the scan failed: %s", d.errLine.Text)
	}
	var items []string
	for _, row := range d.rows {
		items = append(items, row.sg.Item)
	}
	for _, want := range []string{"k8s-helm", "docker-multistage"} {
		if !slices.Contains(items, want) {
			t.Errorf("the scan lists %v, without %s", items, want)
		}
	}
	if slices.Contains(items, "linux-systemd") {
		t.Errorf("the scan lists linux-systemd, which only someone else's commit shows")
	}
	if !d.problemBox.Visible() || !strings.Contains(d.problems.Text, "nowhere") || strings.Contains(d.problems.Text, "\n") {
		t.Errorf("the missing folder's problem reads %q (shown %v)", d.problems.Text, d.problemBox.Visible())
	}
	if !strings.HasSuffix(d.summary.Text, "from 1 repository.") {
		t.Errorf("summary %q", d.summary.Text)
	}
	// Accept all offers the Mid entry that counts first, then the rest.
	if len(d.rows) == 0 || d.rows[0].sg.Item != "k8s-helm" || d.acceptAll.Text != "Accept the one that counts" {
		t.Fatalf("the list starts with %v and Accept all reads %q; want k8s-helm first, offered alone", items, d.acceptAll.Text)
	}
	test.Tap(d.acceptAll)
	r.noErrors()
	if ev, _ := r.store.Evidence("k8s-helm"); len(ev) != 1 || !ev[0].Date.Equal(day(2025, 11, 2)) {
		t.Errorf("k8s-helm's evidence after Accept all: %+v", ev)
	}
	if ev, _ := r.store.Evidence("docker-multistage"); len(ev) != 0 || len(d.rows) == 0 || d.acceptAll.Text != "Accept all" {
		t.Errorf("after the first press: docker-multistage has %d pieces, %d rows left, the button reads %q", len(ev), len(d.rows), d.acceptAll.Text)
	}
	if after := evidenced(t, r); after <= before {
		t.Errorf("the evidenced score went from %.1f to %.1f", before, after)
	}
	test.Tap(d.acceptAll)
	r.noErrors()
	if ev, _ := r.store.Evidence("docker-multistage"); len(ev) != 1 || len(d.rows) != 0 {
		t.Errorf("after the second press: docker-multistage has %d pieces, %d rows left", len(ev), len(d.rows))
	}
	// Scanning again reads only newer commits: there are none.
	d.paths.SetText(repo)
	d.paths.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	r.noErrors()
	if d.summary.Text != "No new suggestions from 1 repository." || len(d.rows) != 0 {
		t.Errorf("a second scan: summary %q, %d rows", d.summary.Text, len(d.rows))
	}
}

func TestScanSummary(t *testing.T) {
	for _, c := range []struct {
		added, scanned int
		want           string
	}{
		{12, 3, "12 suggestions from 3 repositories."},
		{1, 1, "1 suggestion from 1 repository."},
		{0, 2, "No new suggestions from 2 repositories."},
		{0, 0, "No repository could be scanned."},
	} {
		if got := scanSummary(c.added, c.scanned); got != c.want {
			t.Errorf("scanSummary(%d, %d) = %q, want %q", c.added, c.scanned, got, c.want)
		}
	}
}

// The dialog fits 800×600 with every line it can show on view.
func TestScanDialogFitsIn800x600(t *testing.T) {
	limit := fyne.NewSize(800, 600-menuBarHeight())
	r := scanRig(t)
	d := openScan(t, r)
	d.showError(errors.New("couldn't accept the suggestion: " + strings.Repeat("a long reason ", 20)))
	d.problems.SetText(strings.Repeat("/src/a-folder-with-a-long-name is not a git repository\n", maxProblems) + "… and 3 more problems")
	d.problemBox.Show()
	d.setSummary("12 suggestions from 3 repositories. 14 suggestions wait for review in all.")
	got := r.win.Canvas().Overlays().Top().MinSize()
	if got.Width > limit.Width || got.Height > limit.Height {
		t.Errorf("the dialog needs %.0f×%.0f, want at most %.0f×%.0f", got.Width, got.Height, limit.Width, limit.Height)
	}
}

// TestScanListFitsTheStage: a Mid engineer's suggestions list what adds
// to the evidenced score first, then the other Mid entries, then an
// earlier stage's and an unchosen branch's; each title names the stage
// and group, each row says whether it counts for readiness and its gain;
// Accept all offers the ones that count first.
func TestScanListFitsTheStage(t *testing.T) {
	r := newShellRig(t, Options{})
	if err := r.store.SetLevel("k8s-rbac", tracker.Proficient, shellDay); err != nil {
		t.Fatal(err)
	}
	found := func(item string) tracker.Found {
		return tracker.Found{Item: item, Repo: "/src/infra", Commits: 1, First: day(2026, 1, 5), Last: day(2026, 1, 5), Link: "/src/infra@abc"}
	}
	saveFound(t, r.store, found("tf-modules"), found("cloudsec-iam-policies"), found("k8s-helm"), found("k8s-rbac"))
	r.sh.reload()
	r.noErrors()
	before := evidenced(t, r)
	d := openScan(t, r)
	type row struct{ item, title, counts string }
	want := []row{
		{"k8s-rbac", "RBAC — DevOps Engineer (Mid) · Kubernetes mastery", "Counts for your readiness: +"},
		{"k8s-helm", "Helm — DevOps Engineer (Mid) · Kubernetes mastery", "Counts for your readiness"},
		{"tf-modules", "Modules — Junior DevOps Engineer · Terraform proficiency", "Does not count for your readiness"},
		{"cloudsec-iam-policies", "Design and apply IAM policies and access controls — Specialisation / Lead · Cloud Security Engineering", "Does not count for your readiness"},
	}
	if len(d.rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(d.rows), len(want))
	}
	for i, w := range want {
		g := d.rows[i]
		if g.sg.Item != w.item || g.title.Text != w.title || !strings.HasPrefix(g.counts.Text, w.counts) {
			t.Errorf("row %d: %s %q %q, want %+v", i, g.sg.Item, g.title.Text, g.counts.Text, w)
		}
	}
	if d.rows[1].counts.Text != "Counts for your readiness" {
		t.Errorf("an unclaimed Mid entry's row says %q", d.rows[1].counts.Text)
	}
	gain := d.rows[0].sg.Gain
	if gain <= 0 || d.rows[0].counts.Text != fmt.Sprintf("Counts for your readiness: +%.1f on the evidenced score", gain) {
		t.Errorf("the claimed entry's row says %q with gain %v", d.rows[0].counts.Text, gain)
	}
	if d.acceptAll.Text != "Accept the 2 that count" {
		t.Errorf("Accept all reads %q, want it to offer the 2 that count", d.acceptAll.Text)
	}
	if got, need := d.acceptAll.Size().Width, d.acceptAll.MinSize().Width; got < need {
		t.Errorf("Accept all is %.0f wide, its label needs %.0f: the button row was not laid out again", got, need)
	}
	test.Tap(d.rows[0].accept)
	r.noErrors()
	if after := evidenced(t, r); math.Abs(after-before-gain) > 0.1+1e-9 {
		t.Errorf("accepting k8s-rbac moved the evidenced score from %.1f to %.1f; its row said +%.1f", before, after, gain)
	}
	if d.acceptAll.Text != "Accept the one that counts" {
		t.Errorf("with k8s-helm left counting Accept all reads %q", d.acceptAll.Text)
	}
	test.Tap(d.acceptAll)
	r.noErrors()
	if got := pendingIDs(t, r.store); !slices.Equal(got, []string{"cloudsec-iam-policies", "tf-modules"}) || d.acceptAll.Text != "Accept all" {
		t.Errorf("after accepting what counts, waiting %v and Accept all reads %q", got, d.acceptAll.Text)
	}
}

// TestAcceptAllKeepsTheKeyboard: Space on Accept all accepts what counts
// and leaves the keyboard on the button, so that Space again accepts the
// rest.
func TestAcceptAllKeepsTheKeyboard(t *testing.T) {
	r := newShellRig(t, Options{})
	if err := r.store.SetLevel("k8s-rbac", tracker.Proficient, shellDay); err != nil {
		t.Fatal(err)
	}
	found := func(item string) tracker.Found {
		return tracker.Found{Item: item, Repo: "/src/infra", Commits: 1, First: day(2026, 1, 5), Last: day(2026, 1, 5), Link: "/src/infra@abc"}
	}
	saveFound(t, r.store, found("tf-modules"), found("k8s-rbac"))
	r.sh.reload()
	r.noErrors()
	d := openScan(t, r)
	c := r.win.Canvas()
	c.Focus(d.acceptAll)
	space := &fyne.KeyEvent{Name: fyne.KeySpace}
	c.Focused().TypedKey(space)
	r.noErrors()
	if got := pendingIDs(t, r.store); !slices.Equal(got, []string{"tf-modules"}) {
		t.Fatalf("after one Space, waiting %v; want tf-modules alone", got)
	}
	if c.Focused() != d.acceptAll {
		t.Fatalf("after one Space the keyboard is on %v, not on Accept all", c.Focused())
	}
	c.Focused().TypedKey(space)
	r.noErrors()
	if got := pendingIDs(t, r.store); len(got) != 0 || c.Focused() == d.acceptAll {
		t.Errorf("after two: waiting %v, the keyboard still on the disabled Accept all %v", got, c.Focused() == d.acceptAll)
	}
}
