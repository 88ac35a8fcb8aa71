package cli

import (
	"encoding/json"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
)

// planDoc is status --json's plan and reconfirm, read with the documented
// keys.
type planDoc struct {
	Plan struct {
		Target       *string `json:"target"`
		PacePerMonth struct {
			Claimed   float64  `json:"claimed"`
			Evidenced *float64 `json:"evidenced"`
		} `json:"pace_per_month"`
		Forecast *struct {
			Earliest string `json:"earliest"`
			Likely   string `json:"likely"`
			Latest   string `json:"latest"`
		} `json:"forecast"`
		Reason  string `json:"reason"`
		OnTrack *bool  `json:"on_track"`
		Items   []struct {
			ID      string `json:"id"`
			Due     string `json:"due"`
			Done    bool   `json:"done"`
			Overdue bool   `json:"overdue"`
		} `json:"items"`
	} `json:"plan"`
	Reconfirm []struct {
		ID            string `json:"id"`
		LastConfirmed string `json:"last_confirmed"`
	} `json:"reconfirm"`
	Readiness struct {
		Score float64 `json:"score"`
	} `json:"readiness"`
}

func (h *harness) plan() planDoc {
	h.t.Helper()
	var d planDoc
	if err := json.Unmarshal([]byte(h.ok("status", "--json")), &d); err != nil {
		h.t.Fatal(err)
	}
	return d
}

// TestImportedEvenHistoryForecast imports a backup whose history rises
// evenly over six months (a level every six days, made on those days) and
// checks status --json's pace and forecast range against the straight
// line through it.
func TestImportedEvenHistoryForecast(t *testing.T) {
	src := newHarness(t)
	start := testNow.AddDate(0, 0, -6*29)
	day := start
	src.now = func() time.Time { return day }
	// In the stage long enough for the experience part to be whole: only
	// the ticks move the score.
	src.ok("profile", "--stage", "junior", "--region", "uk", "--since", "2020-01-01")
	before := src.plan().Readiness.Score
	rm := roadmap.Default()
	var skills []string
	for _, e := range rm.Entries() {
		if e.Stage == "junior" && e.Kind == roadmap.KindSkill && e.Track == "" && len(skills) < 10 {
			skills = append(skills, e.Item.ID)
		}
	}
	for n := range 30 {
		day = start.AddDate(0, 0, 6*n)
		src.ok("tick", skills[n/3], "--level", string(rune('1'+n%3)))
	}
	backupFile := filepath.Join(t.TempDir(), "even.json")
	src.ok("export", "--format", "json", "--out", backupFile)

	h := newHarness(t)
	h.ok("import", backupFile)
	d := h.plan()
	step := (d.Readiness.Score - before) / 30
	want := step / 6 * tracker.DaysPerMonth
	if got := d.Plan.PacePerMonth.Claimed; math.Abs(got-want) > 0.02*want {
		t.Fatalf("pace %.3f a month, want the straight line's %.3f", got, want)
	}
	if d.Plan.Forecast == nil {
		t.Fatalf("no forecast (reason %q)", d.Plan.Reason)
	}
	gap := roadmap.DefaultReadiness.Ready - d.Readiness.Score
	for _, c := range []struct {
		name, got string
		pace      float64
	}{
		{"earliest", d.Plan.Forecast.Earliest, want * (1 + tracker.ForecastSpread)},
		{"likely", d.Plan.Forecast.Likely, want},
		{"latest", d.Plan.Forecast.Latest, want * (1 - tracker.ForecastSpread)},
	} {
		got, err := time.Parse(tracker.DateLayout, c.got)
		if err != nil {
			t.Fatalf("%s %q: %v", c.name, c.got, err)
		}
		at := tracker.Day(testNow).Add(time.Duration(gap / c.pace * tracker.DaysPerMonth * 24 * float64(time.Hour)))
		if off := got.Sub(at).Hours() / 24; math.Abs(off) > 3 {
			t.Errorf("%s %s, want about %s", c.name, c.got, tracker.FormatDay(at))
		}
	}
	t.Logf("score %.1f, pace %.2f a month, forecast %+v", d.Readiness.Score, d.Plan.PacePerMonth.Claimed, *d.Plan.Forecast)
	// The text says the range in months, not a day.
	if out := h.ok("goal"); !strings.Contains(out, "Forecast: ready between ") && !strings.Contains(out, "Forecast: ready in ") {
		t.Errorf("goal:\n%s", out)
	}
}

// TestTooLittleHistoryThroughTheCommandLine: a new database has a reason,
// not a forecast.
func TestTooLittleHistoryThroughTheCommandLine(t *testing.T) {
	h := newHarness(t)
	h.ok("profile", "--stage", "junior", "--since", "2025-01-01")
	h.ok("tick", "linux-systemd")
	d := h.plan()
	if d.Plan.Forecast != nil || d.Plan.Reason != string(tracker.ReasonTooLittleHistory) || d.Plan.OnTrack != nil || d.Plan.Target != nil {
		t.Errorf("plan %+v", d.Plan)
	}
	if out := h.ok("status"); !strings.Contains(out, "Forecast: too little history") {
		t.Errorf("status:\n%s", out)
	}
}

// TestPlanReconfirmAndDueWithUndo: the target, a plan item, a
// re-confirmation and the cadence through the command line, each shown by
// status --json, plan list and due, and each undone and redone.
func TestPlanReconfirmAndDueWithUndo(t *testing.T) {
	h := newHarness(t)
	year := testNow.AddDate(-1, -1, 0)
	h.now = func() time.Time { return year }
	h.ok("profile", "--stage", "junior", "--since", "2024-01-01")
	h.ok("tick", "linux-systemd")
	h.ok("checkin", "--label", "start")
	h.now = nil

	// A year on: the skill asks to be re-confirmed.
	d := h.plan()
	if len(d.Reconfirm) != 1 || d.Reconfirm[0].ID != "linux-systemd" || d.Reconfirm[0].LastConfirmed != tracker.FormatDay(year) {
		t.Fatalf("reconfirm %+v", d.Reconfirm)
	}
	var due []struct {
		Kind, ID, Date string
		Overdue        bool
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(json.Unmarshal([]byte(h.ok("due", "--json")), &due))
	kinds := map[string]bool{}
	for _, x := range due {
		kinds[x.Kind+":"+x.ID] = true
	}
	if !kinds["reconfirm:linux-systemd"] || !kinds["check-in:"] {
		t.Errorf("due %+v", due)
	}

	h.ok("goal", "--by", "2026-06-30")
	h.ok("plan", "add", "linux-networking", "--due", testToday)
	h.ok("reconfirm", "linux-systemd")
	h.ok("cadence", "off")
	d = h.plan()
	if d.Plan.Target == nil || *d.Plan.Target != "2026-06-30" || len(d.Plan.Items) != 1 || d.Plan.Items[0].Due != testToday || len(d.Reconfirm) != 0 {
		t.Fatalf("after the changes: %+v, reconfirm %+v", d.Plan, d.Reconfirm)
	}
	out := h.ok("due")
	if !strings.Contains(out, "plan item: Networking, due "+testToday) || strings.Contains(out, "check-in") || strings.Contains(out, "still true") {
		t.Errorf("due:\n%s", out)
	}
	var items []struct{ ID, Due string }
	must(json.Unmarshal([]byte(h.ok("plan", "list", "--json")), &items))
	if len(items) != 1 || items[0].ID != "linux-networking" {
		t.Errorf("plan list --json: %+v", items)
	}
	// Done once proficient: the plan keeps it, marked done, and nothing
	// of it is due.
	h.ok("tick", "linux-networking")
	if out := h.ok("plan", "list"); !strings.Contains(out, "done") {
		t.Errorf("plan list after the tick:\n%s", out)
	}
	if out := h.ok("due"); out != "Nothing is due.\n" {
		t.Errorf("due after the tick:\n%s", out)
	}
	h.ok("undo") // the tick

	// Undo takes each change back, last first; redo brings them back.
	for _, want := range []string{"Check-in reminders", "re-confirmation taken back", "taken out of the plan", "Your target date: 2026-06-30 ⟶ none"} {
		if out := h.ok("undo"); !strings.Contains(out, want) {
			t.Errorf("undo: %q, want %q", out, want)
		}
	}
	d = h.plan()
	if d.Plan.Target != nil || len(d.Plan.Items) != 0 || len(d.Reconfirm) != 1 {
		t.Errorf("after the undos: %+v, reconfirm %+v", d.Plan, d.Reconfirm)
	}
	for range 4 {
		h.ok("redo")
	}
	d = h.plan()
	if d.Plan.Target == nil || len(d.Plan.Items) != 1 || len(d.Reconfirm) != 0 {
		t.Errorf("after the redos: %+v, reconfirm %+v", d.Plan, d.Reconfirm)
	}
	h.ok("plan", "remove", "linux-networking")
	if d = h.plan(); len(d.Plan.Items) != 0 {
		t.Errorf("after plan remove: %+v", d.Plan.Items)
	}
	h.ok("goal", "--clear")
	if d = h.plan(); d.Plan.Target != nil {
		t.Errorf("after goal --clear: %+v", d.Plan.Target)
	}
}

// TestPlanBadInputChangesNothing: each bad input fails with one line and
// the exit code, and leaves the change log and the plan as they were.
func TestPlanBadInputChangesNothing(t *testing.T) {
	h := newHarness(t)
	h.ok("profile", "--stage", "junior", "--since", "2025-01-01")
	h.ok("tick", "linux-systemd")
	h.ok("goal", "--by", "2026-01-31")
	h.ok("plan", "add", "linux-networking", "--due", "2025-07-01")
	snapshot := func() (int, string) { return len(h.events()), h.ok("status", "--json") }
	n, status := snapshot()
	for _, c := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"goal", "--by", "2025-06-15"}, 1, "the target date 2025-06-15 is not after today"},
		{[]string{"goal", "--by", "2024-01-01"}, 1, "is not after today"},
		{[]string{"goal", "--by", "2030-06-16"}, 1, "past the roadmap's planning horizon"},
		{[]string{"goal", "--by", "next year"}, 2, `--by "next year" is not a date`},
		{[]string{"goal", "--by", "2026-01-31", "--clear"}, 2, "not both"},
		{[]string{"plan", "add", "linux-networking", "--due", "2025-06-14"}, 1, "the due date 2025-06-14 is before today"},
		{[]string{"plan", "add", "no-such-skill", "--due", "2025-07-01"}, 1, "no-such-skill is not an entry of the roadmap"},
		{[]string{"plan", "add", "linux-networking"}, 2, "--due is needed"},
		{[]string{"plan", "add", "linux-networking", "--due", "2025-02-30"}, 2, "is not a date"},
		{[]string{"plan", "remove", "linux-troubleshooting"}, 1, "linux-troubleshooting is not in the plan"},
		{[]string{"reconfirm", "linux-troubleshooting"}, 1, "linux-troubleshooting was never claimed"},
		{[]string{"reconfirm", "linux-systemd", "nope"}, 1, "nope is not an entry of the roadmap"},
		{[]string{"reconfirm"}, 2, "missing ID"},
		{[]string{"cadence", "fortnight"}, 1, `"fortnight" is not a cadence`},
		{[]string{"cadence", "0w"}, 1, `"0w" is not a cadence`},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			r := h.run(c.args...)
			checkBad(t, r, c.code, c.stderr)
			if c.code == 1 && strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("more than one line:\n%s", r.stderr)
			}
			if n2, s2 := snapshot(); n2 != n || s2 != status {
				t.Errorf("bad input changed the database: %d events → %d", n, n2)
			}
		})
	}
}
