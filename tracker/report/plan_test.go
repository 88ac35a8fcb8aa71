package report

import (
	"bytes"
	"strings"
	"testing"

	"devpath/tracker"
)

// TestSummariesShowThePlan: the Markdown, HTML and PDF summaries and the
// promotion case show the target, the forecast as a range of months and
// the plan's items; without a plan they say nothing of it.
func TestSummariesShowThePlan(t *testing.T) {
	d := fixture(t)
	for name, f := range map[string]func(*bytes.Buffer, Data) error{"md": mdw, "html": htm} {
		if out := string(render(t, f, d)); strings.Contains(out, "Forecast") {
			t.Errorf("%s without a plan mentions a forecast", name)
		}
	}
	on := true
	d.Plan = &tracker.PlanStatus{
		Target:  date(2026, 6, 30),
		OnTrack: &on,
		Claimed: tracker.Outlook{Pace: tracker.Pace{PerMonth: 3.5}, Forecast: &tracker.Forecast{
			Earliest: date(2026, 1, 10), Likely: date(2026, 3, 5), Latest: date(2026, 5, 20)}},
		Items: []tracker.PlanEntry{
			{ID: "linux-systemd", Title: "systemd", Due: date(2025, 9, 30)},
			{ID: "docker-multistage", Title: "Multi-stage builds", Due: date(2025, 3, 31), Overdue: true},
		},
	}
	want := []string{"2026-06-30 (on track)", "between January and May 2026, most likely March 2026", "systemd: due 2025-09-30", "Multi-stage builds: due 2025-03-31 (overdue)"}
	md := string(render(t, mdw, d))
	html := string(render(t, htm, d))
	var cs bytes.Buffer
	if err := CaseMarkdown(&cs, d); err != nil {
		t.Fatal(err)
	}
	pdf := pdfText(t, d)
	for _, w := range want {
		if !strings.Contains(md, w) {
			t.Errorf("the Markdown lacks %q", w)
		}
		if !strings.Contains(html, w) {
			t.Errorf("the HTML lacks %q", w)
		}
		if !strings.Contains(strings.Join(strings.Fields(pdf), " "), w) {
			t.Errorf("the PDF lacks %q", w)
		}
	}
	for _, w := range want[:2] {
		if !strings.Contains(cs.String(), w) {
			t.Errorf("the promotion case lacks %q:\n%s", w, cs.String())
		}
	}
}
