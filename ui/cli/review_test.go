package cli

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"devpath/roadmap"
	"devpath/tracker"
)

// title is an entry's title in the embedded roadmap, so that the tests
// follow its wording.
func title(id string) string {
	e, ok := roadmap.Default().Lookup(id)
	if !ok {
		panic("the embedded roadmap has no entry " + id)
	}
	return e.Item.Title
}

func TestCheckinsAndDiff(t *testing.T) {
	h := newHarness(t)
	if out := h.ok("checkins"); !strings.Contains(out, "No check-ins yet") {
		t.Errorf("checkins on a new database:\n%s", out)
	}
	h.ok("profile", "--stage", "junior", "--since", testToday)
	h.ok("tick", "aws-iam", "--level", "2")
	out := h.ok("checkin", "--label", "Q1 review")
	if !strings.Contains(out, `Checked in "Q1 review" (#1)`) || !strings.Contains(out, "readiness 1.4 (building)") {
		t.Errorf("checkin said:\n%s", out)
	}
	// Proficient aws-iam (+0.7), s3 skipped, criterion confirmed (+6).
	h.ok("tick", "aws-iam")
	h.ok("skip", "aws-s3")
	h.ok("tick", "junior-ready-on-call")
	out = h.ok("checkin")
	if !strings.Contains(out, `Checked in "`+testToday+`" (#2)`) {
		t.Errorf("default label:\n%s", out)
	}
	// The default label stays unique on the same day; a given one must be.
	if out := h.ok("checkin"); !strings.Contains(out, `"`+testToday+` (2)"`) {
		t.Errorf("second default label:\n%s", out)
	}
	r := h.run("checkin", "--label", "Q1 review")
	if r.code != 1 || !strings.Contains(r.stderr, `a check-in labelled "Q1 review" already exists`) {
		t.Errorf("duplicate label: exit %d, %q", r.code, r.stderr)
	}

	out = h.ok("checkins")
	for _, re := range []string{
		`(?m)^id\s+label\s+date\s+stage\s+score\s+verdict\s+evidenced$`,
		`(?m)^1\s+Q1 review\s+2025-06-15\s+junior\s+1\.4\s+building\s+1\.4$`,
		// Proficient claims without evidence count lower in the evidenced score.
		`(?m)^2\s+2025-06-15\s+2025-06-15\s+junior\s+8\.2\s+building\s+1\.4$`,
		`(?m)^3\s+2025-06-15 \(2\)\s+`,
	} {
		if !regexp.MustCompile(re).MatchString(out) {
			t.Errorf("checkins does not match %s:\n%s", re, out)
		}
	}

	// By label and by id give the same diff.
	byLabel := h.ok("diff", "Q1 review", testToday)
	byID := h.ok("diff", "1", "2")
	if byLabel != byID {
		t.Errorf("diff by label and by id differ:\n%s\n---\n%s", byLabel, byID)
	}
	// The scores are worked out in TestCheckinScoresByHand.
	for _, re := range []string{
		`From "Q1 review" \(#1, 2025-06-15\) to "2025-06-15" \(#2, 2025-06-15\)`,
		`Readiness:\s+1\.4 \(building\) ⟶ 8\.2 \(building\), \+6\.8`,
		`3 entries changed:`,
		`(?m)^\s+aws-iam\s+` + regexp.QuoteMeta(title("aws-iam")) + `\s+practising ⟶ proficient$`,
		`(?m)^\s+aws-s3\s+` + regexp.QuoteMeta(title("aws-s3")) + `\s+not started ⟶ not applicable$`,
		`(?m)^\s+junior-ready-on-call\s+` + regexp.QuoteMeta(title("junior-ready-on-call")) + `\s+not confirmed ⟶ confirmed$`,
	} {
		if !regexp.MustCompile(re).MatchString(byLabel) {
			t.Errorf("diff does not match %s:\n%s", re, byLabel)
		}
	}
	if out := h.ok("diff", "2", "3"); !strings.Contains(out, "No entry changed.") || !strings.Contains(out, "+0.0") {
		t.Errorf("diff of equal check-ins:\n%s", out)
	}
	r = h.run("diff", "1", "Q9")
	if r.code != 1 || r.stderr != "devpath: no check-in \"Q9\"; 'devpath checkins' lists them\n" {
		t.Errorf("unknown check-in: exit %d, %q", r.code, r.stderr)
	}
}

// TestCheckinScoresByHand pins the check-in scores used above to the
// formula: one skill practising of 24 is 50 × (2/3)/24 = 1.39 → 1.4; one
// proficient with one of 24 skipped and one of 5 criteria is
// 50 × 1/23 + 30 × 1/5 = 2.17 + 6 = 8.17 → 8.2.
func TestCheckinScoresByHand(t *testing.T) {
	if got := round1(50.0 * (2.0 / 3) / 24); got != 1.4 {
		t.Fatalf("1.4 worked out as %v", got)
	}
	if got := round1(50.0/23 + 30.0/5); got != 8.2 {
		t.Fatalf("8.2 worked out as %v", got)
	}
}

func TestHistory(t *testing.T) {
	h := newHarness(t)
	if out := h.ok("history"); out != "No changes yet.\n" {
		t.Errorf("history on a new database: %q", out)
	}
	if out := h.ok("history", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("history --json on a new database: %q", out)
	}
	h.ok("tick", "aws-iam", "--level", "2", "--note", "Wrote a policy")
	h.ok("skip", "aws-s3")
	h.ok("tick", "junior-ready-on-call")
	h.ok("untick", "aws-iam")
	h.ok("undo")
	out := h.ok("history")
	for _, want := range []string{
		title("aws-iam") + ": not started ⟶ practising",
		title("aws-iam") + ": evidence added: “Wrote a policy”",
		title("aws-s3") + ": marked not applicable",
		title("junior-ready-on-call") + ": not confirmed ⟶ confirmed",
		title("aws-iam") + ": practising ⟶ not started",
		title("aws-iam") + ": undone: back to practising",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("history lacks %q:\n%s", want, out)
		}
	}
	if !regexp.MustCompile(`(?m)^\d{4}-\d\d-\d\d \d\d:\d\d\s+#1\s+`).MatchString(out) {
		t.Errorf("history lines do not start with the time and the event number:\n%s", out)
	}
	var evs []tracker.Event
	if err := json.Unmarshal([]byte(h.ok("history", "--json")), &evs); err != nil {
		t.Fatal(err)
	}
	kinds := []string{}
	for _, e := range evs {
		kinds = append(kinds, e.Kind)
	}
	want := []string{"level", "evidence", "skip", "level", "level", "undo"}
	if strings.Join(kinds, ",") != strings.Join(want, ",") {
		t.Errorf("event kinds %v, want %v", kinds, want)
	}
	// --since today keeps them all; the events are stamped with the fixed now.
	if n := len(h.events()); n != len(want) {
		t.Errorf("%d events, want %d", n, len(want))
	}
	since := h.ok("history", "--json", "--since", testToday)
	if err := json.Unmarshal([]byte(since), &evs); err != nil || len(evs) != len(want) {
		t.Errorf("--since today: %d events, %v", len(evs), err)
	}
}
