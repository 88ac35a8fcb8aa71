package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"devpath/tracker"
)

// changeRow returns the text of row i of the recent-changes list, its two
// lines joined by ": ".
func changeRow(s *historyScreen, i int) string {
	o := historyPair()
	s.showChange(i, o)
	c := o.(*fyne.Container)
	return c.Objects[0].(*widget.Label).Text + ": " + c.Objects[1].(*widget.Label).Text
}

// diffText is the comparison's list as lines "subject: change".
func diffText(s *historyScreen) string {
	var lines []string
	for _, l := range s.diffRows {
		lines = append(lines, l.String())
	}
	return strings.Join(lines, "\n")
}

func TestHistoryListsATickDoneThroughTheStore(t *testing.T) {
	r := newScreenRig(t)
	s := newHistoryScreen(r.store, r.e)
	r.show(s, fyne.NewSize(1400, 900))
	if n := s.changeList.Length(); n != 0 {
		t.Fatalf("a new database lists %d changes, want none", n)
	}

	iam, ok := r.rm.Lookup("aws-iam")
	if !ok {
		t.Fatal("the roadmap has no aws-iam")
	}
	r.setLevel("aws-iam", tracker.Practising)
	r.now = r.now.Add(time.Hour)
	r.setLevel("aws-iam", tracker.Proficient)
	r.reload()
	r.noErrors()

	if n := s.changeList.Length(); n != 2 {
		t.Fatalf("changes listed = %d, want 2", n)
	}
	want := "2026-11-20 · aws-iam (" + iam.Item.Title + "): practising ⟶ proficient"
	if got := changeRow(s, 0); got != want {
		t.Errorf("newest change = %q, want %q", got, want)
	}
	if got := changeRow(s, 1); !strings.Contains(got, "not started ⟶ practising") {
		t.Errorf("older change = %q, want not started ⟶ practising", got)
	}
	if !r.shows("2026-11-20 · aws-iam ("+iam.Item.Title+")") || !r.shows("practising ⟶ proficient") {
		t.Errorf("the window does not show %q", want)
	}
}

func TestHistoryDescribesProfileUndoAndEvidence(t *testing.T) {
	r := newScreenRig(t)
	p := r.profile()
	p.Branch = "sre"
	if err := r.store.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	r.setLevel("mid-ready-mentor", tracker.Proficient)
	if _, err := r.store.AddEvidence(tracker.Evidence{ItemID: "aws-iam", Note: "Wrote the IAM policy for the deploy role", Date: r.today()}); err != nil {
		t.Fatal(err)
	}
	r.setLevel("aws-s3", tracker.Learning)
	if _, err := r.store.Undo(); err != nil {
		t.Fatal(err)
	}
	s := newHistoryScreen(r.store, r.e)
	r.show(s, fyne.NewSize(1400, 900))
	r.noErrors()

	var rows []string
	for i := 0; i < s.changeList.Length(); i++ {
		rows = append(rows, changeRow(s, i))
	}
	all := strings.Join(rows, "\n")
	for _, want := range []string{
		"undo of aws-s3 (S3): not started ⟶ learning\n",
		"aws-s3 (S3): not started ⟶ learning (undone)",
		"aws-iam (IAM): evidence added: “Wrote the IAM policy for the deploy role”",
		": not confirmed ⟶ confirmed",
		"your branch: none ⟶ " + r.rm.Branch("sre").Title,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("changes do not contain %q:\n%s", want, all)
		}
	}
	if !strings.HasPrefix(rows[0], "2026-11-20 · undo of") {
		t.Errorf("newest change = %q, want the undo first", rows[0])
	}
}

func TestHistoryChartHasOnePointPerDay(t *testing.T) {
	r := newScreenRig(t)
	day1 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	r.now = day1
	r.setLevel("aws-ec2", tracker.Proficient)
	r.now = day1.Add(3 * time.Hour) // same day
	r.setLevel("aws-vpc", tracker.Proficient)
	r.now = day1.Add(24 * time.Hour)
	r.setLevel("aws-iam", tracker.Proficient)
	r.now = day1.Add(4 * 24 * time.Hour)
	r.setLevel("aws-s3", tracker.Proficient)

	s := newHistoryScreen(r.store, r.e)
	r.show(s, fyne.NewSize(1400, 900))
	r.noErrors()

	pts := s.chart.points
	days := map[string]bool{}
	for _, p := range pts {
		days[p.At.Format("2006-01-02")] = true
	}
	if len(pts) != 3 || len(days) != 3 {
		t.Fatalf("chart points = %v, want one for each of the 3 days with changes", pts)
	}
	for i := 1; i < len(pts); i++ {
		if pts[i].Score <= pts[i-1].Score {
			t.Errorf("score did not rise from %v to %v after ticking more skills", pts[i-1], pts[i])
		}
	}
	rend := test.WidgetRenderer(s.chart).(*chartRenderer)
	if len(rend.dots) != 3 || len(rend.lines) != 2 {
		t.Errorf("chart draws %d dots and %d lines, want 3 and 2", len(rend.dots), len(rend.lines))
	}
	if !r.shows("2026-11-02") || !r.shows("2026-11-06") {
		t.Errorf("the chart does not label its first and last dates")
	}
}

func TestHistoryDiffBetweenTwoCheckIns(t *testing.T) {
	r := newScreenRig(t)
	checkIn := func(label string) {
		t.Helper()
		snap := r.snapshot()
		if _, err := r.store.CheckIn(label, snap.assess); err != nil {
			t.Fatal(err)
		}
	}
	r.setLevel("aws-ec2", tracker.Proficient)
	checkIn("before")
	r.now = r.now.Add(time.Hour)
	r.setLevel("aws-iam", tracker.Proficient)
	r.setLevel("aws-ec2", tracker.Expert)
	if err := r.store.SetSkipped("aws-rds", true); err != nil {
		t.Fatal(err)
	}
	checkIn("after")

	s := newHistoryScreen(r.store, r.e)
	r.show(s, fyne.NewSize(1400, 900))
	r.noErrors()

	if n := s.checkinList.Length(); n != 2 {
		t.Fatalf("check-ins listed = %d, want 2", n)
	}
	if !strings.Contains(s.fromSelect.Selected, "before") || !strings.Contains(s.toSelect.Selected, "after") {
		t.Fatalf("compared %q with %q, want before with after", s.fromSelect.Selected, s.toSelect.Selected)
	}
	rows := diffText(s)
	for _, want := range []string{
		"aws-iam (IAM): not started ⟶ proficient",
		"aws-ec2 (EC2): proficient ⟶ expert",
		"aws-rds (RDS): not started ⟶ not started, not applicable",
	} {
		if !strings.Contains(rows, want) {
			t.Errorf("diff does not list %q:\n%s", want, rows)
		}
	}
	if len(s.diffRows) != 3 {
		t.Errorf("diff lists %d entries, want 3:\n%s", len(s.diffRows), rows)
	}
	if !strings.Contains(s.diffScore.Text, "⟶") || !strings.Contains(s.diffScore.Text, "3 items changed") {
		t.Errorf("diff summary = %q, want the score change and 3 items", s.diffScore.Text)
	}

	// Comparing the other way round lists the reverse change.
	s.fromSelect.SetSelected(s.toSelect.Options[0])
	s.toSelect.SetSelected(s.toSelect.Options[1])
	if !strings.Contains(diffText(s), "aws-iam (IAM): proficient ⟶ not started") {
		t.Errorf("reversed diff = %q", s.diffRows)
	}
	// A check-in with itself has no change.
	s.toSelect.SetSelected(s.fromSelect.Selected)
	if len(s.diffRows) != 0 || !strings.Contains(s.diffScore.Text, "No item changed") {
		t.Errorf("a check-in compared with itself: %q %q", s.diffScore.Text, s.diffRows)
	}
}

func TestHistoryAsksForTwoCheckIns(t *testing.T) {
	r := newScreenRig(t)
	s := newHistoryScreen(r.store, r.e)
	r.show(s, fyne.NewSize(1400, 900))
	if !strings.Contains(s.diffScore.Text, "at least twice") {
		t.Errorf("with no check-ins the comparison says %q", s.diffScore.Text)
	}
}
