package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"devpath/tracker"
)

// wantScore checks the score, the skills component and the verdict of
// status --json.
func wantScore(t *testing.T, h *harness, step string, score, skills float64, verdict string) statusDoc {
	t.Helper()
	d := h.status()
	r := d.Readiness
	if !near(r.Score, score) || !near(round1(r.Components.Skills*1000)/1000, round1(skills*1000)/1000) || r.Verdict != verdict {
		t.Fatalf("%s: score %.1f skills %.4f verdict %s, want %.1f %.4f %s",
			step, r.Score, r.Components.Skills, r.Verdict, score, skills, verdict)
	}
	return d
}

// TestScoreMovesAsTheFormulaSays ticks entries of the embedded roadmap's
// junior stage from the command line and checks the score after every step
// against numbers worked out by hand from the formula
//
//	score = 100 × (0.5 × skills + 0.3 × criteria + 0.1 × milestone + 0.1 × experience)
//
// where skills is the mean of min(level, 3)/3 over the 24 junior skill items
// that are not skipped, and experience is whole months in stage / 12 (the
// shortest accelerated junior → mid move).
func TestScoreMovesAsTheFormulaSays(t *testing.T) {
	h := newHarness(t)
	ids := juniorIDs(t)
	if len(ids.skills) != 24 || len(ids.criteria) != 5 {
		t.Fatalf("junior has %d skill items and %d criteria; the hand-computed numbers below assume 24 and 5 (as the seed lists them)",
			len(ids.skills), len(ids.criteria))
	}
	if tr := ids.rm.TransitionFrom("junior"); tr == nil || tr.AcceleratedMonths.Min != 12 {
		t.Fatalf("junior → mid accelerated timeline %+v, the numbers below assume 12 months at least", tr)
	}

	h.ok("profile", "--stage", "junior", "--since", testToday)
	d := wantScore(t, h, "fresh", 0, 0, tracker.VerdictBuilding)
	w := d.Readiness.Weights
	if w.Skills != 0.5 || w.Criteria != 0.3 || w.Milestone != 0.1 || w.Experience != 0.1 {
		t.Fatalf("weights %+v", w)
	}
	if d.Stage.ID != "junior" || d.Next == nil || d.Next.ID != "mid" || *d.MonthsInStage != 0 {
		t.Fatalf("stage %+v next %+v months %v", d.Stage, d.Next, *d.MonthsInStage)
	}
	// Missing, most gain first: the milestone (10 points), each criterion
	// (30/5 = 6 points), each skill (50/24 = 2.08 → 2.1 points).
	if m := d.Missing[0]; m.ID != ids.milestone || m.Kind != "milestone" || m.Gain != 10.0 {
		t.Fatalf("first missing %+v, want the milestone with 10.0", m)
	}
	for _, c := range ids.criteria {
		if _, gain, ok := d.missing(c); !ok || gain != 6.0 {
			t.Fatalf("criterion %s: missing %v gain %v, want 6.0", c, ok, gain)
		}
	}
	if _, gain, ok := d.missing(ids.skills[0]); !ok || gain != 2.1 {
		t.Fatalf("skill %s: missing %v gain %v, want 2.1", ids.skills[0], ok, gain)
	}
	if len(d.Missing) != 24+5+1 {
		t.Fatalf("%d missing, want 30", len(d.Missing))
	}

	// All criteria and the milestone confirmed, no skills, no experience:
	// 30 + 10 = 40.0.
	for _, c := range ids.criteria {
		h.ok("tick", c)
	}
	out := h.ok("tick", ids.milestone)
	if !strings.Contains(out, "not confirmed ⟶ confirmed") || !strings.Contains(out, "Readiness for DevOps Engineer") {
		t.Errorf("tick output:\n%s", out)
	}
	d = wantScore(t, h, "criteria and milestone", 40.0, 0, tracker.VerdictBuilding)
	c := d.Readiness.Components
	if c.Criteria != 1 || c.Milestone != 1 || c.Experience != 0 {
		t.Fatalf("components %+v", c)
	}
	if len(d.Missing) != 24 {
		t.Fatalf("%d missing, want the 24 skills", len(d.Missing))
	}

	s := ids.skills
	// One skill proficient: 40 + 50 × 3/72 = 42.08 → 42.1.
	h.ok("tick", s[0])
	wantScore(t, h, "one skill", 42.1, 3.0/72, tracker.VerdictBuilding)
	// Another practising (2): 40 + 50 × 5/72 = 43.47 → 43.5; its gain is
	// 50 × 1/3 / 24 = 0.69 → 0.7.
	h.ok("tick", s[1], "--level", "2")
	d = wantScore(t, h, "practising", 43.5, 5.0/72, tracker.VerdictBuilding)
	if lvl, gain, ok := d.missing(s[1]); !ok || lvl != 2 || gain != 0.7 {
		t.Fatalf("practising skill: missing %v level %d gain %v, want level 2 gain 0.7", ok, lvl, gain)
	}
	// Expert counts as proficient: 40 + 50 × 8/72 = 45.56 → 45.6.
	h.ok("tick", "--level", "4", s[2])
	wantScore(t, h, "expert", 45.6, 8.0/72, tracker.VerdictBuilding)
	// A skipped skill leaves the mean: 40 + 50 × 8/69 = 45.80 → 45.8.
	out = h.ok("skip", s[3])
	if !strings.Contains(out, "not applicable") {
		t.Errorf("skip output:\n%s", out)
	}
	wantScore(t, h, "skipped", 45.8, 8.0/69, tracker.VerdictBuilding)
	// Untick the first: 40 + 50 × 5/69 = 43.62 → 43.6.
	h.ok("untick", s[0])
	wantScore(t, h, "untick", 43.6, 5.0/69, tracker.VerdictBuilding)
	// Undo the untick: back to 45.8.
	out = h.ok("undo")
	if want := "Undone: " + title(s[0]) + ": back to proficient\n"; out != want {
		t.Errorf("undo said %q, want %q", out, want)
	}
	wantScore(t, h, "undo", 45.8, 8.0/69, tracker.VerdictBuilding)
	// Count the skipped skill again: 45.6.
	h.ok("unskip", s[3])
	wantScore(t, h, "unskip", 45.6, 8.0/72, tracker.VerdictBuilding)
	// Six months in stage: experience 6/12, + 5 points = 50.6.
	h.ok("profile", "--since", "2024-12-15")
	d = wantScore(t, h, "six months", 50.6, 8.0/72, tracker.VerdictBuilding)
	if *d.MonthsInStage != 6 || d.Readiness.Components.Experience != 0.5 {
		t.Fatalf("months %d experience %v, want 6 and 0.5", *d.MonthsInStage, d.Readiness.Components.Experience)
	}

	// Every skill proficient: 50 + 30 + 10 + 5 = 95 with the milestone:
	// ready.
	for _, id := range s {
		h.ok("tick", id, "--level", "3")
	}
	wantScore(t, h, "all skills", 95.0, 1, tracker.VerdictReady)
	// Without the milestone 85 is enough for "close" only.
	h.ok("untick", ids.milestone)
	wantScore(t, h, "no milestone", 85.0, 1, tracker.VerdictClose)
}

// TestCustomRoadmapWeights runs the same formula on a custom roadmap with
// its own weights and thresholds (testdata/valid.yaml: skills 0.4, criteria
// 0.4, milestone 0.1, experience 0.1; close 50, ready 80; two skills, one
// criterion, six months to the accelerated move).
func TestCustomRoadmapWeights(t *testing.T) {
	h := newHarness(t)
	rm := func(args ...string) string {
		t.Helper()
		return h.ok(append([]string{"--roadmap", "testdata/valid.yaml"}, args...)...)
	}
	status := func() statusDoc {
		t.Helper()
		var d statusDoc
		if err := json.Unmarshal([]byte(rm("status", "--json")), &d); err != nil {
			t.Fatal(err)
		}
		return d
	}
	rm("profile", "--stage", "first", "--since", testToday)
	rm("tick", "basics-a") // skills 1/2 × 0.4 = 20
	if d := status(); d.Readiness.Score != 20.0 || d.Readiness.Verdict != "building" || d.Next.ID != "second" {
		t.Fatalf("one skill: %+v", d.Readiness)
	}
	rm("tick", "first-ready") // + 40 = 60: close (from 50)
	if d := status(); d.Readiness.Score != 60.0 || d.Readiness.Verdict != "close" {
		t.Fatalf("criterion: %+v", d.Readiness)
	}
	rm("tick", "first-milestone")          // + 10 = 70
	rm("profile", "--since", "2024-12-15") // 6 of 6 months: + 10 = 80: ready
	if d := status(); d.Readiness.Score != 80.0 || d.Readiness.Verdict != "ready" {
		t.Fatalf("milestone and experience: %+v", d.Readiness)
	}
	// Ids of the embedded roadmap are unknown here.
	r := h.run("--roadmap", "testdata/valid.yaml", "tick", "aws-iam")
	if r.code != 1 || !strings.Contains(r.stderr, `unknown id "aws-iam"`) {
		t.Errorf("exit %d stderr %q", r.code, r.stderr)
	}
	// A former id (replaces) is accepted and recorded under the new id.
	rm("tick", "old-more-a")
	evs := h.events()
	if last := evs[len(evs)-1]; last.Kind != tracker.EventLevel || last.Target != "more-a" {
		t.Errorf("tick by former id recorded %+v", last)
	}
	// Against the built-in roadmap that progress is orphaned: kept and
	// reported.
	want := "Kept progress on ids this roadmap no longer has: basics-a, first-milestone, first-ready, more-a"
	if out := h.ok("status"); !strings.Contains(out, want) {
		t.Errorf("orphans not reported:\n%s", out)
	}
}

func TestFlagsBeforeAndAfterTheID(t *testing.T) {
	h := newHarness(t)
	cases := []struct {
		args  []string
		level int
	}{
		{[]string{"tick", "aws-iam", "--level", "2"}, 2},
		{[]string{"tick", "--level", "1", "aws-iam"}, 1},
		{[]string{"tick", "--level=practising", "aws-iam"}, 2},
		{[]string{"tick", "aws-iam", "--level=learning"}, 1},
		{[]string{"tick", "AWS-IAM", "--level", "0"}, 0},
	}
	for _, c := range cases {
		h.ok(c.args...)
		d := h.status()
		lvl, _, ok := d.missing("aws-iam")
		if !ok || lvl != c.level {
			t.Errorf("%q: aws-iam missing %v at level %d, want level %d", c.args, ok, lvl, c.level)
		}
	}
	// Evidence with flags on both sides of the id.
	h.ok("tick", "--note", "Wrote least-privilege policies", "aws-iam", "--link", "https://example.com/pr/1", "--date", "2025-06-01")
	evs := h.events()
	var ev tracker.Event
	for _, e := range evs {
		if e.Kind == tracker.EventEvidence {
			ev = e
		}
	}
	var got tracker.Evidence
	if err := json.Unmarshal([]byte(ev.New), &got); err != nil {
		t.Fatalf("evidence event %+v: %v", ev, err)
	}
	if got.ItemID != "aws-iam" || got.Note != "Wrote least-privilege policies" || got.Link != "https://example.com/pr/1" ||
		got.Date.Format(dateLayout) != "2025-06-01" {
		t.Errorf("evidence recorded %+v", got)
	}
	if _, _, ok := h.status().missing("aws-iam"); ok {
		t.Error("aws-iam still missing after a tick with evidence")
	}
}

func TestConfirmableEntriesTakeOnlyZeroOrThree(t *testing.T) {
	h := newHarness(t)
	ids := juniorIDs(t)
	for _, lvl := range []string{"1", "2", "4", "expert"} {
		r := h.run("tick", ids.criteria[0], "--level", lvl)
		if r.code != 2 || !strings.Contains(r.stderr, "confirmed (--level 3, the default) or not (--level 0)") {
			t.Errorf("--level %s: exit %d, stderr %q", lvl, r.code, r.stderr)
		}
	}
	h.ok("tick", ids.criteria[0], "--level", "3")
	out := h.ok("tick", ids.criteria[0], "--level", "0")
	if !strings.Contains(out, "confirmed ⟶ not confirmed") {
		t.Errorf("unconfirm said:\n%s", out)
	}
	out = h.ok("tick", ids.criteria[0])
	out2 := h.ok("tick", ids.criteria[0])
	if !strings.Contains(out, "not confirmed ⟶ confirmed") || !strings.Contains(out2, "is already confirmed") {
		t.Errorf("confirm said:\n%s\nagain:\n%s", out, out2)
	}
}

func TestUndo(t *testing.T) {
	h := newHarness(t)
	r := h.run("undo")
	if r.code != 1 || r.stderr != "devpath: nothing to undo\n" {
		t.Fatalf("undo on a new database: exit %d, stderr %q", r.code, r.stderr)
	}
	h.ok("tick", "aws-iam", "--level", "2")
	h.ok("tick", "aws-iam")
	if out := h.ok("undo"); out != "Undone: IAM: back to practising\n" {
		t.Errorf("undo said %q", out)
	}
	if lvl, _, _ := h.status().missing("aws-iam"); lvl != 2 {
		t.Errorf("after undo aws-iam is at %d, want 2", lvl)
	}
	h.ok("skip", "aws-s3")
	if out := h.ok("undo"); out != "Undone: S3: counted again\n" {
		t.Errorf("undo said %q", out)
	}
	h.ok("profile", "--region", "us")
	if out := h.ok("undo"); out != "Undone: Your region: back to UK\n" {
		t.Errorf("undo said %q", out)
	}
	h.ok("tick", "aws-s3", "--note", "Lifecycle rules for logs")
	out := h.ok("undo")
	if out != "Undone: S3: evidence deleted: “Lifecycle rules for logs”\n" {
		t.Errorf("undo said %q", out)
	}
}

func TestProfileSetAndShow(t *testing.T) {
	h := newHarness(t)
	out := h.ok("profile")
	for _, want := range []string{"Name:", "(none)", "Junior DevOps Engineer (junior)", "Region:", "UK", "new profile with default values", h.db} {
		if !strings.Contains(out, want) {
			t.Errorf("new profile lacks %q:\n%s", want, out)
		}
	}
	out = h.ok("profile", "--name", "Sam Doe", "--stage", "senior", "--since", "2023-03-01",
		"--career-start", "2019-09-01", "--region", "us", "--branch", "sre", "--track", "ic", "--level", "ic-senior")
	for _, want := range []string{"Your name: none ⟶ Sam Doe", "Your stage: Junior DevOps Engineer ⟶ Senior DevOps Engineer", "Your region: UK ⟶ US", "Your branch: none ⟶ Site Reliability Engineering (SRE)", "Your rung: none ⟶ Senior Engineer"} {
		if !strings.Contains(out, want) {
			t.Errorf("profile set lacks %q:\n%s", want, out)
		}
	}
	// A new invocation reads it back.
	out = h.ok("profile")
	for _, want := range []string{"Sam Doe", "Senior DevOps Engineer (senior), since 2023-03-01", "2019-09-01", "US", "(sre)", "(ic)", "(ic-senior)"} {
		if !strings.Contains(out, want) {
			t.Errorf("profile lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "default values") {
		t.Errorf("a saved profile is shown as new:\n%s", out)
	}
	if out := h.ok("profile", "--region", "us"); !strings.Contains(out, "Profile unchanged.") {
		t.Errorf("setting the same value:\n%s", out)
	}
	// Clearing and the stage date.
	out = h.ok("profile", "--branch", "none", "--track", "none", "--stage", "lead")
	for _, want := range []string{"Your branch: Site Reliability Engineering (SRE) ⟶ none", "Your track: Individual contributor ⟶ none", "Your rung: Senior Engineer ⟶ none", "The stage starts today (" + testToday + ")"} {
		if !strings.Contains(out, want) {
			t.Errorf("clear lacks %q:\n%s", want, out)
		}
	}
	// --level alone sets its track.
	out = h.ok("profile", "--level", "engineering-manager")
	if !strings.Contains(out, "Your track: none ⟶ Management") {
		t.Errorf("--level alone:\n%s", out)
	}
	// The region drives the salary in status: senior → lead next, in dollars.
	h.ok("profile", "--stage", "senior", "--since", "2023-03-01")
	st := h.ok("status")
	if !strings.Contains(st, "Salary (US):") || !strings.Contains(st, "now $130,000 – $175,000") || !strings.Contains(st, "$140,000 – $200,000") {
		t.Errorf("status salary:\n%s", st)
	}
}

func TestStatusText(t *testing.T) {
	h := newHarness(t)
	h.ok("profile", "--stage", "junior", "--since", "2024-06-15")
	h.ok("tick", "aws-iam")
	out := h.ok("status")
	for _, want := range []string{
		"Stage:", "Junior DevOps Engineer (junior), since 2024-06-15 (12 months)",
		"Next level:", "(mid)",
		"Readiness:", "12.1 of 100: building",
		"skills", "1 of 24 skills proficient",
		"criteria", "0 of 5 confirmed",
		"milestone", "not achieved yet",
		"experience", "100%", "12 of 12 months",
		"Timeline:", "12 months in stage; usually 18-24 months, 12-15 when accelerated: ahead of the typical timeline",
		"Salary (UK):", "now £40,000 – £55,000", "£55,000 – £80,000",
		"What would add the most:", "+10.0", "junior-first-prod-deploy",
		"… and 21 more",
		"Branches:", "sre", "cloud-security",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
	// The staff stage's band is open at the top.
	h.ok("profile", "--stage", "staff")
	if out := h.ok("status"); !strings.Contains(out, "now £120,000 – £170,000+") {
		t.Errorf("staff status:\n%s", out)
	}
	// At lead the branch and track feed the checklist: say how to choose
	// them here.
	h.ok("profile", "--stage", "lead")
	if out := h.ok("status"); !strings.Contains(out, "Choose a specialisation branch with 'devpath profile --branch ID'") || !strings.Contains(out, "Choose a track with 'devpath profile --track ID'") || strings.Contains(out, "Paths screen") {
		t.Errorf("lead status without branch and track:\n%s", out)
	}
	h.ok("profile", "--branch", "sre", "--track", "ic")
	if out := h.ok("status"); strings.Contains(out, "'devpath profile --") || !strings.Contains(out, "(your branch)") {
		t.Errorf("lead status with branch and track:\n%s", out)
	}
	// A new database tells the user to set up the profile.
	h2 := newHarness(t)
	if out := h2.ok("status"); !strings.Contains(out, "You have not set up your profile yet") {
		t.Errorf("first status:\n%s", out)
	}
}

func TestStatusJSONShape(t *testing.T) {
	h := newHarness(t)
	h.ok("profile", "--stage", "mid", "--since", "2025-01-01")
	out := h.ok("status", "--json")
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"stage", "next", "readiness", "missing", "months_in_stage", "timeline", "salary", "branches"} {
		if _, ok := m[k]; !ok {
			t.Errorf("status --json lacks %q", k)
		}
	}
	var rd map[string]json.RawMessage
	if err := json.Unmarshal(m["readiness"], &rd); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"score", "verdict", "components"} {
		if _, ok := rd[k]; !ok {
			t.Errorf("readiness lacks %q", k)
		}
	}
	d := h.status()
	if *d.MonthsInStage != 5 || d.Timeline.Status != "accelerated" || d.Salary.Region != "uk" ||
		d.Salary.Now.Min != 55000 || d.Salary.Now.Max != 80000 || len(d.Branches) != 4 {
		t.Errorf("status %+v", d)
	}
	// At the top stage without a track there is no next level: null.
	h.ok("profile", "--stage", "staff")
	if err := json.Unmarshal([]byte(h.ok("status", "--json")), &m); err != nil {
		t.Fatal(err)
	}
	if string(m["next"]) != "null" {
		t.Errorf("next at the top without a track = %s, want null", m["next"])
	}
}
