package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"devpath/tracker"
	"devpath/tracker/core"
	"devpath/tracker/trackertest"
	"devpath/tracker/words"
	"devpath/ui/cli"
)

// cliStatus is what `devpath status --json` prints, as far as the Dashboard
// shows it too.
type cliStatus struct {
	Next      *tracker.StageRef `json:"next"`
	Readiness struct {
		Score     float64 `json:"score"`
		Verdict   string  `json:"verdict"`
		Evidenced *struct {
			Score float64 `json:"score"`
		} `json:"evidenced"`
	} `json:"readiness"`
	Missing []struct {
		ID    string  `json:"id"`
		Title string  `json:"title"`
		Gain  float64 `json:"gain"`
	} `json:"missing"`
	MonthsInStage int `json:"months_in_stage"`
	Timeline      struct {
		Status string `json:"status"`
	} `json:"timeline"`
	Plan struct {
		Target    *string `json:"target"`
		Suggested *struct {
			Typical     string `json:"typical"`
			Accelerated string `json:"accelerated"`
		} `json:"suggested"`
		Items []struct {
			ID  string `json:"id"`
			Due string `json:"due"`
		} `json:"items"`
	} `json:"plan"`
}

// TestWindowAndCommandLineAgree drives one database through the core the
// way a user would over both interfaces: a custom roadmap chosen in the
// database, a profile, ticks, a confirmed criterion. Then the window's
// Dashboard, opened on that database the way the window opens it, and
// `devpath status --json` must show the same score, verdict, missing list
// (in the same order, with the same gains) and timeline. The custom roadmap
// is the case where they used to disagree: the window kept it in its
// preferences and the command line never saw it.
func TestWindowAndCommandLineAgree(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "devpath.db")
	now := time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	c := core.New(core.Config{DB: path, Now: clock, Getenv: func(string) string { return "" }})

	content, err := os.ReadFile(filepath.Join("cli", "testdata", "valid.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.Open()
	if err != nil {
		t.Fatal(err)
	}
	rm, err := st.UseRoadmap("team.yaml", content)
	if err != nil {
		t.Fatalf("choose the roadmap: %v", err)
	}
	first := rm.Stages[0]
	if err := st.SaveProfile(tracker.Profile{Name: "Sam", Stage: first.ID, StageSince: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC), Region: "uk"}); err != nil {
		t.Fatal(err)
	}
	entries := rm.Entries()
	if len(entries) < 3 {
		t.Fatalf("the test roadmap has %d entries; the test wants three", len(entries))
	}
	ticked := 0
	for _, e := range entries {
		if e.Stage != first.ID {
			continue
		}
		l := tracker.Practising
		if ticked%2 == 1 {
			l = tracker.Proficient
		}
		if err := st.SetLevel(e.Item.ID, l, time.Time{}); err != nil {
			t.Fatalf("tick %s: %v", e.Item.ID, err)
		}
		if ticked++; ticked == 2 {
			break
		}
	}
	// Evidence for the first entry ticked, so that both interfaces show an
	// evidenced score beside the claimed one.
	if _, err := st.AddEvidence(tracker.Evidence{ItemID: entries[0].Item.ID, Note: "Ran the team's pipeline for a quarter", Date: time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC), Level: tracker.Practising}); err != nil {
		t.Fatal(err)
	}
	// A plan: a target and an entry to work on.
	if err := st.SetTarget(rm, time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if err := st.AddPlanItem(rm, entries[len(entries)-1].Item.ID, time.Date(2025, 9, 30, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	// The command line, as main runs it.
	run := func(args ...string) []byte {
		t.Helper()
		var out, errb bytes.Buffer
		g, rest, err := cli.ParseGlobal(append([]string{"--db", path}, args...))
		if err != nil {
			t.Fatal(err)
		}
		if code := cli.Run(c, g, rest, cli.Env{Stdout: &out, Stderr: &errb}); code != 0 {
			t.Fatalf("%s: exit %d: %s", strings.Join(args, " "), code, errb.String())
		}
		return out.Bytes()
	}
	out := run("status", "--json")
	var s cliStatus
	if err := json.Unmarshal(out, &s); err != nil {
		t.Fatalf("status --json is not JSON: %v\n%s", err, out)
	}

	// The window, opened on the same database the way Run opens it.
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(shellSize)
	var errs []error
	sh := newTestShell(a, w, Options{DBPath: path, Core: c}, &errs)
	sh.env.today, sh.env.now = c.Today, c.Now
	sh.open(path)
	t.Cleanup(sh.close)
	if len(errs) > 0 {
		t.Fatalf("the window reported: %v", errs)
	}
	if sh.rm.ID != rm.ID {
		t.Fatalf("the window tracks against %q, the database chose %q", sh.rm.ID, rm.ID)
	}
	d := sh.dash

	if got := d.score.Text; !sameScore(got, s.Readiness.Score) {
		t.Errorf("score: the Dashboard shows %q, status --json says %v", got, s.Readiness.Score)
	}
	if s.Readiness.Score == 0 {
		t.Errorf("the ticks scored nothing; the test checks nothing")
	}
	next := ""
	if s.Next != nil {
		next = s.Next.Title
	}
	if got, want := d.verdict.Text, words.VerdictSentence(s.Readiness.Verdict, next); got != want {
		t.Errorf("verdict: the Dashboard says %q, status --json's %q reads %q", got, s.Readiness.Verdict, want)
	}
	shown := 0
	for i, act := range d.actions {
		if act.id == "" {
			continue
		}
		shown++
		if i >= len(s.Missing) {
			t.Errorf("the Dashboard shows action %d (%s); status --json lists %d missing", i, act.id, len(s.Missing))
			continue
		}
		m := s.Missing[i]
		if act.id != m.ID || !strings.Contains(act.text.Text, m.Title) || !sameScore(strings.TrimPrefix(act.gain.Text, "+"), m.Gain) {
			t.Errorf("action %d: the Dashboard shows %s %q %s, status --json lists %s %q %+.1f", i, act.id, act.text.Text, act.gain.Text, m.ID, m.Title, m.Gain)
		}
	}
	if want := min(len(s.Missing), len(d.actions)); shown != want || shown == 0 {
		t.Errorf("the Dashboard shows %d next actions, want %d (of %d missing)", shown, want, len(s.Missing))
	}
	if !strings.Contains(d.timeline.Text, words.Timeline(s.Timeline.Status)) || s.Timeline.Status == "" {
		t.Errorf("timeline: the Dashboard says %q, status --json says %q (%q)", d.timeline.Text, s.Timeline.Status, words.Timeline(s.Timeline.Status))
	}
	if months := monthsWords(s.MonthsInStage); !strings.Contains(d.timeline.Text, months) {
		t.Errorf("months in stage: the Dashboard says %q, status --json says %d", d.timeline.Text, s.MonthsInStage)
	}

	// The evidenced score.
	if s.Readiness.Evidenced == nil {
		t.Fatal("status --json has no evidenced score; the evidence added counts for nothing")
	}
	if got := d.evScore.Text; !sameScore(got, s.Readiness.Evidenced.Score) {
		t.Errorf("evidenced score: the Dashboard shows %q, status --json says %v", got, s.Readiness.Evidenced.Score)
	}

	// The plan: the same target, suggestion and items.
	p := d.plan
	if s.Plan.Target == nil || !strings.Contains(p.target.Text, *s.Plan.Target) {
		t.Errorf("target: the Dashboard says %q, status --json says %v", p.target.Text, s.Plan.Target)
	}
	if sg := s.Plan.Suggested; sg != nil && (!strings.Contains(p.suggest.Text, sg.Typical) || !strings.Contains(p.suggest.Text, sg.Accelerated)) {
		t.Errorf("suggested: the Dashboard says %q, status --json says %+v", p.suggest.Text, *sg)
	}
	if len(s.Plan.Items) != 1 || p.rows[0].id != s.Plan.Items[0].ID || !strings.Contains(p.rows[0].due.Text, s.Plan.Items[0].Due) || p.rows[1].row.Visible() {
		t.Errorf("items: the Dashboard shows %s %q, status --json lists %+v", p.rows[0].id, p.rows[0].due.Text, s.Plan.Items)
	}

	// The export: the window's Markdown summary and 'devpath export' are
	// the same document, made once by the core.
	exp := newExportDialog(sh.env, sh.store, func() snapshot { return sh.snap })
	ex, err := exp.render(exportChoices[0], time.Time{}, sh.rm)
	if err != nil {
		t.Fatal(err)
	}
	fromWindow, err := ex.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	if fromCLI := run("export"); !bytes.Equal(fromWindow, fromCLI) || len(fromCLI) == 0 {
		t.Errorf("the exports differ:\n%s", trackertest.FirstDiff(string(fromWindow), string(fromCLI)))
	}

	// A check-in made in the window is the one the command line lists,
	// with the score the Dashboard showed.
	d.saveCheckIn("From the window")
	if len(errs) > 0 {
		t.Fatalf("the check-in: %v", errs)
	}
	listed := string(run("checkins"))
	if !strings.Contains(listed, "From the window") || !strings.Contains(listed, d.score.Text) {
		t.Errorf("'devpath checkins' after the window's check-in (score %s):\n%s", d.score.Text, listed)
	}
}

// sameScore reports whether a number as the window writes it ("42.1") is
// v with one decimal.
func sameScore(text string, v float64) bool { return text == fmt.Sprintf("%.1f", v) }
