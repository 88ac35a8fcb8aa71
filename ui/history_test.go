package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/tracker"
)

// changeRow returns the text of row i of the recent-changes list, its two
// lines joined by ": ".
func changeRow(s *historyScreen, i int) string {
	o := s.changeList.CreateItem()
	s.changeList.UpdateItem(i, o)
	c := o.(*fyne.Container)
	return c.Objects[0].(*widget.RichText).String() + ": " + c.Objects[1].(*widget.RichText).String()
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
	want := "2026-11-20 · " + iam.Item.Title + ": practising ⟶ proficient"
	if got := changeRow(s, 0); got != want {
		t.Errorf("newest change = %q, want %q", got, want)
	}
	if got := changeRow(s, 1); !strings.Contains(got, "not started ⟶ practising") {
		t.Errorf("older change = %q, want not started ⟶ practising", got)
	}
	if !r.shows("2026-11-20 · "+iam.Item.Title) || !r.shows("practising ⟶ proficient") {
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
		"S3: undone: back to not started\n",
		"S3: not started ⟶ learning (undone)",
		"IAM: evidence added: “Wrote the IAM policy for the deploy role”",
		": not confirmed ⟶ confirmed",
		"Your branch: none ⟶ " + r.rm.Branch("sre").Title,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("changes do not contain %q:\n%s", want, all)
		}
	}
	if !strings.HasPrefix(rows[0], "2026-11-20 · S3: undone") {
		t.Errorf("newest change = %q, want the undo first", rows[0])
	}
}

// A redone change is in effect again: neither it nor the undo the redo
// reverted is marked undone, and the redo says what it brought back.
func TestHistoryMarksOnlyWhatStaysUndone(t *testing.T) {
	r := newScreenRig(t)
	r.setLevel("aws-iam", tracker.Practising)
	r.setLevel("aws-s3", tracker.Learning)
	for _, step := range []func() (tracker.Event, error){r.store.Undo, r.store.Undo, r.store.Redo} {
		if _, err := step(); err != nil {
			t.Fatal(err)
		}
	}
	s := newHistoryScreen(r.store, r.e)
	r.show(s, fyne.NewSize(1400, 900))
	r.noErrors()
	var rows []string
	for i := 0; i < s.changeList.Length(); i++ {
		rows = append(rows, strings.TrimPrefix(changeRow(s, i), "2026-11-20 · "))
	}
	want := []string{
		"IAM: redone: not started ⟶ practising",
		"IAM: undone: back to not started",
		"S3: undone: back to not started",
		"S3: not started ⟶ learning (undone)",
		"IAM: not started ⟶ practising",
	}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
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
		"IAM: not started ⟶ proficient",
		"EC2: proficient ⟶ expert",
		"RDS: not started ⟶ not applicable",
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
	if !strings.Contains(diffText(s), "IAM: proficient ⟶ not started") {
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

// historyCheckIn saves a check-in labelled label of the progress as it is.
func historyCheckIn(t *testing.T, r *screenRig, label string) tracker.CheckIn {
	t.Helper()
	c, err := r.store.CheckIn(label, r.snapshot().assess)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// historyWithCheckIns is a History screen over three days of ticks with
// check-ins A (day 1) and B (day 3).
func historyWithCheckIns(t *testing.T) (*screenRig, *historyScreen) {
	t.Helper()
	r := newScreenRig(t)
	day1 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	r.now = day1
	r.setLevel("aws-ec2", tracker.Proficient)
	r.now = day1.Add(time.Hour)
	historyCheckIn(t, r, "A")
	r.now = day1.Add(25 * time.Hour)
	r.setLevel("aws-iam", tracker.Proficient)
	r.now = day1.Add(49 * time.Hour)
	r.setLevel("aws-s3", tracker.Proficient)
	r.now = day1.Add(50 * time.Hour)
	historyCheckIn(t, r, "B")
	s := newHistoryScreen(r.store, r.e)
	r.show(s, fyne.NewSize(1400, 900))
	r.noErrors()
	return r, s
}

func TestHistoryMarksCheckInsOnTheChartAndInTheList(t *testing.T) {
	_, s := historyWithCheckIns(t)
	rend := test.WidgetRenderer(s.chart).(*chartRenderer)
	if len(s.chart.marks) != 2 || len(rend.marks) != 2 {
		t.Fatalf("%d marks, %d drawn; want A and B", len(s.chart.marks), len(rend.marks))
	}
	a, b := rend.marks[0], rend.marks[1]
	if a.label.Text != "A" || b.label.Text != "B" {
		t.Errorf("marks labelled %q and %q", a.label.Text, b.label.Text)
	}
	// A is on the first day's point, B on the last's, each at its score.
	ringCentre := func(d markDrawing) fyne.Position {
		return d.ring.Position().AddXY(d.ring.Size().Width/2, d.ring.Size().Height/2)
	}
	if got, want := ringCentre(a).X, dotCentre(rend, 0).X; chartAbs(got-want) > 0.5 {
		t.Errorf("A drawn at x %v, want the first day's %v", got, want)
	}
	if got, want := ringCentre(b).X, dotCentre(rend, len(rend.dots)-1).X; chartAbs(got-want) > 0.5 {
		t.Errorf("B drawn at x %v, want the last day's %v", got, want)
	}
	if ringCentre(b).Y >= ringCentre(a).Y {
		t.Errorf("B (higher score) drawn at y %v, not above A at %v", ringCentre(b).Y, ringCentre(a).Y)
	}
	// In the list each check-in stands above the changes older than it.
	var rows []string
	for i := range s.rows {
		rows = append(rows, changeRow(s, i))
	}
	all := strings.Join(rows, "\n")
	want := []string{"Check-in #2 B", "S3", "IAM", "Check-in #1 A", "EC2"}
	at := -1
	for _, w := range want {
		i := strings.Index(all, w)
		if i <= at {
			t.Fatalf("rows out of order, %q not after the one before:\n%s", w, all)
		}
		at = i
	}
}

func TestHistoryClickACheckIn(t *testing.T) {
	r, s := historyWithCheckIns(t)
	// Choose A in the list of check-ins: the oldest, so it shows what it
	// holds.
	s.checkinList.Select(1)
	r.noErrors()
	if s.toSelect.Selected != pickerName(s.checkins[1]) || s.fromSelect.Selected != "" {
		t.Errorf("after choosing A: comparing %q with %q", s.fromSelect.Selected, s.toSelect.Selected)
	}
	if !strings.Contains(s.diffScore.Text, "1 entries recorded") && !strings.Contains(s.diffScore.Text, "entries recorded") {
		t.Errorf("A's summary = %q", s.diffScore.Text)
	}
	if got := diffText(s); got != "EC2: proficient" {
		t.Errorf("A holds %q, want EC2 proficient", got)
	}
	if s.chart.selected != s.checkins[1].ID {
		t.Errorf("the chart marks check-in %d, want A", s.chart.selected)
	}

	// Tap B's mark on the chart: B against the one before it, A.
	rend := test.WidgetRenderer(s.chart).(*chartRenderer)
	test.TapAt(s.chart, fyne.NewPos(rend.markX[1], rend.size.Height/2))
	if !strings.Contains(s.toSelect.Selected, "B") || !strings.Contains(s.fromSelect.Selected, "A") {
		t.Errorf("after tapping B: comparing %q with %q", s.fromSelect.Selected, s.toSelect.Selected)
	}
	if got := diffText(s); !strings.Contains(got, "IAM: not started ⟶ proficient") || !strings.Contains(got, "S3: not started ⟶ proficient") {
		t.Errorf("B against A lists %q", got)
	}
	if id := s.checkinList; id == nil || s.chart.selected != s.checkins[0].ID {
		t.Errorf("the chart marks check-in %d, want B", s.chart.selected)
	}
	// A tap away from every mark changes nothing.
	test.TapAt(s.chart, fyne.NewPos((rend.markX[0]+rend.markX[1])/2, 5))
	if s.chart.selected != s.checkins[0].ID {
		t.Error("a tap between the marks chose a check-in")
	}

	// Choose A's row in the recent changes.
	for i, row := range s.rows {
		if row.event == nil && s.checkins[row.checkin].Label == "A" {
			s.changeList.Select(i)
		}
	}
	if s.chart.selected != s.checkins[1].ID || !strings.Contains(s.toSelect.Selected, "A") {
		t.Errorf("choosing A's row in the changes: chart %d, comparing %q with %q", s.chart.selected, s.fromSelect.Selected, s.toSelect.Selected)
	}
}

func TestHistoryChartOfOneDay(t *testing.T) {
	r := newScreenRig(t)
	day := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	for i, id := range []string{"aws-ec2", "aws-vpc", "aws-iam"} {
		r.now = day.Add(time.Duration(i) * time.Minute)
		r.setLevel(id, tracker.Proficient)
	}
	r.now = day.Add(5 * time.Minute)
	historyCheckIn(t, r, "after three")
	s := newHistoryScreen(r.store, r.e)
	r.show(s, fyne.NewSize(1400, 900))
	r.noErrors()

	rend := test.WidgetRenderer(s.chart).(*chartRenderer)
	// The score before the changes, then after each: four dots, rising,
	// evenly spaced; not one lone dot.
	if len(rend.dots) != 4 || len(rend.lines) != 3 {
		t.Fatalf("one day of 3 changes: %d dots, %d lines; want 4 and 3", len(rend.dots), len(rend.lines))
	}
	step := dotCentre(rend, 1).X - dotCentre(rend, 0).X
	for i := 1; i < 4; i++ {
		p, q := dotCentre(rend, i-1), dotCentre(rend, i)
		if chartAbs(q.X-p.X-step) > 0.5 || step <= 0 {
			t.Errorf("dot %d at x %v after %v: not evenly spaced", i, q.X, p.X)
		}
		if q.Y >= p.Y {
			t.Errorf("dot %d at y %v, not above %v: the score did not rise", i, q.Y, p.Y)
		}
	}
	if !strings.HasPrefix(rend.first.Text, "first change") || !strings.HasPrefix(rend.last.Text, "latest") {
		t.Errorf("axis labels %q and %q", rend.first.Text, rend.last.Text)
	}
	if !strings.Contains(s.summary.Text, "each dot is one change") {
		t.Errorf("summary = %q", s.summary.Text)
	}
	// The check-in, after the last change, sits on the last dot.
	if chartAbs(rend.markX[0]-dotCentre(rend, 3).X) > 0.5 {
		t.Errorf("the check-in at x %v, want the last dot's %v", rend.markX[0], dotCentre(rend, 3).X)
	}
}

func TestHistoryShowsTitlesNotIDs(t *testing.T) {
	_, s := historyWithCheckIns(t)
	s.checkinList.Select(0)
	var texts []string
	for i := range s.rows {
		texts = append(texts, changeRow(s, i))
	}
	texts = append(texts, diffText(s))
	for _, id := range []string{"aws-ec2", "aws-iam", "aws-s3"} {
		for _, text := range texts {
			if strings.Contains(text, id) {
				t.Errorf("%q shows the id %s", text, id)
			}
		}
	}
}

func TestHistoryFitsNarrowWindows(t *testing.T) {
	r, s := historyWithCheckIns(t)
	// The screen's part of an 800 by 600 and a 1024 by 640 window, less
	// the navigation bar and the menu.
	for _, size := range []fyne.Size{fyne.NewSize(710, 570), fyne.NewSize(934, 610)} {
		fitAssert(t, r.win, s.content(), size, true)
	}
	small := s.chart.Size().Height
	if small < s.chart.MinSize().Height {
		t.Errorf("the chart is %v high, under its least %v", small, s.chart.MinSize().Height)
	}
	// A tall window gives the chart more room, and the lists the rest.
	fitResize(r.win, fyne.NewSize(1830, 1040))
	if got := s.chart.Size().Height; got < 1.5*small || got > chartMaxHeight {
		t.Errorf("at 1830 by 1040 the chart is %v high (%v in a small window)", got, small)
	}
	if s.changeList.Size().Height < 400 {
		t.Errorf("at 1830 by 1040 the changes get %v", s.changeList.Size().Height)
	}
}

func TestHistoryPickersRedrawAfterAThemeSwitch(t *testing.T) {
	r, s := historyWithCheckIns(t)
	before := s.pickerRedraws
	r.app.Settings().SetTheme(themeFor(themeLight))
	if s.pickerRedraws != before+1 {
		t.Fatalf("a theme switch redrew the pickers %d times, want once", s.pickerRedraws-before)
	}
	for _, sel := range []*widget.Select{s.fromSelect, s.toSelect} {
		if sel.Disabled() {
			t.Error("a picker stayed disabled after the redraw")
		}
		icon := test.WidgetRenderer(sel).Objects()[3].(*widget.Icon)
		if icon.Resource != theme.Current().Icon(theme.IconNameArrowDropDown) {
			t.Errorf("the picker's arrow is %v, not the theme's", icon.Resource)
		}
	}
}

func TestHistoryTabOrder(t *testing.T) {
	r, s := historyWithCheckIns(t)
	r.win.SetContent(s.content())
	fitResize(r.win, fitSize)
	tabOrderAssert(t, r.win, s.changeList, s.checkinList, s.fromSelect, s.toSelect, s.diffList)
}

func TestHistoryShowsTheListsBeforeTheChart(t *testing.T) {
	r := newScreenRig(t)
	r.setLevel("aws-ec2", tracker.Proficient)
	historyCheckIn(t, r, "A")
	var pending []func()
	r.e.async = func(work func() error, done func(error)) {
		pending = append(pending, func() { done(work()) })
	}
	s := newHistoryScreen(r.store, r.e)
	r.show(s, fyne.NewSize(1400, 900))
	if len(pending) != 2 {
		t.Fatalf("%d loads started, want the lists and the chart apart", len(pending))
	}
	pending[0]()
	r.noErrors()
	if len(s.rows) != 2 || len(s.checkins) != 1 {
		t.Errorf("after the lists' load: %d rows, %d check-ins", len(s.rows), len(s.checkins))
	}
	rend := test.WidgetRenderer(s.chart).(*chartRenderer)
	if len(rend.dots) != 0 || !strings.Contains(rend.empty.Text, "Reading") {
		t.Errorf("before its load the chart has %d dots and says %q", len(rend.dots), rend.empty.Text)
	}
	pending[1]()
	r.noErrors()
	if len(rend.dots) == 0 || len(rend.marks) != 1 || rend.empty.Text != "" {
		t.Errorf("after its load the chart has %d dots, %d marks, says %q", len(rend.dots), len(rend.marks), rend.empty.Text)
	}
	if s.chart.selected != s.checkins[0].ID {
		t.Errorf("the chart marks %d, want the compared check-in %d", s.chart.selected, s.checkins[0].ID)
	}
}

func TestHistoryCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 100000: "100,000", 1234567: "1,234,567", -4500: "-4,500"} {
		if got := historyCount(n); got != want {
			t.Errorf("historyCount(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestHistoryRowsShowTheirWholeTextWrapped(t *testing.T) {
	r := newScreenRig(t)
	const note = "Mentored two new engineers through their first on-call rotation and wrote the runbook"
	r.setLevel("mid-ready-design-new-infra", tracker.Proficient)
	if _, err := r.store.AddEvidence(tracker.Evidence{ItemID: "mid-ready-design-new-infra", Note: note, Date: r.today()}); err != nil {
		t.Fatal(err)
	}
	historyCheckIn(t, r, "Autumn review of the year with the whole platform team")
	s := newHistoryScreen(r.store, r.e)
	r.show(s, fyne.NewSize(1400, 900))
	r.noErrors()
	title := r.rm.Lookup
	e, _ := title("mid-ready-design-new-infra")

	find := func(part string) int {
		for i := range s.rows {
			if strings.Contains(changeRow(s, i), part) {
				return i
			}
		}
		t.Fatalf("no row holds %q", part)
		return -1
	}
	row := find(note)
	if got, want := changeRow(s, row), "2026-11-20 · "+e.Item.Title+": evidence added: “"+note+"”"; got != want {
		t.Errorf("row = %q, want %q", got, want)
	}
	ci := s.checkins[0]
	o := s.checkinList.CreateItem()
	s.checkinList.UpdateItem(0, o)
	if got, want := o.(*fyne.Container).Objects[0].(*widget.RichText).String(), s.checkinText(ci); got != want || strings.Contains(got, "…") {
		t.Errorf("check-in row = %q, want %q", got, want)
	}

	// Narrow, the long rows take more lines; wide, fewer.
	wide := s.changeList.heights[row]
	wideCheckIn := s.checkinList.heights[0]
	fitResize(r.win, fyne.NewSize(710, 570))
	narrow := s.changeList.heights[row]
	if narrow <= wide {
		t.Errorf("the long row is %v high at %v wide, %v at the wider %v", narrow, s.changeList.Size().Width, wide, 1400)
	}
	if s.checkinList.heights[0] <= wideCheckIn {
		t.Errorf("the long check-in row is %v high narrow, %v wide", s.checkinList.heights[0], wideCheckIn)
	}
	// The height is what the row's text needs at the list's width.
	o = s.changeList.CreateItem()
	s.changeList.UpdateItem(row, o)
	o.Resize(fyne.NewSize(s.changeList.Size().Width, narrow))
	if need := o.MinSize().Height; chartAbs(need-narrow) > 0.5 {
		t.Errorf("the long row is given %v, its wrapped text needs %v", narrow, need)
	}
	// A row laid out wide, then narrow, keeps its lines apart and inside.
	o = s.changeList.CreateItem()
	s.changeList.UpdateItem(row, o)
	o.Resize(fyne.NewSize(1400, wide))
	o.Resize(fyne.NewSize(s.changeList.Size().Width, narrow))
	lines := o.(*fyne.Container).Objects
	if end := lines[0].Position().Y + lines[0].MinSize().Height; lines[1].Position().Y < end-0.5 {
		t.Errorf("the second line starts at %v, inside the first ending at %v", lines[1].Position().Y, end)
	}
	if end := lines[1].Position().Y + lines[1].MinSize().Height; end > narrow+0.5 {
		t.Errorf("the row's text ends at %v in a row %v high", end, narrow)
	}
	for i := range s.rows {
		if text := changeRow(s, i); strings.Contains(text, "…") {
			t.Errorf("row %d is cut: %q", i, text)
		}
	}
}

func TestHistoryPickersNameCheckInsShort(t *testing.T) {
	r, s := historyWithCheckIns(t)
	fitResize(r.win, fyne.NewSize(710, 570))
	if s.fromSelect.Selected != "#1 A" || s.toSelect.Selected != "#2 B" {
		t.Errorf("pickers show %q and %q, want #1 A and #2 B", s.fromSelect.Selected, s.toSelect.Selected)
	}
	for _, c := range s.checkins {
		if !strings.Contains(s.diffScore.Text, checkInName(c)) {
			t.Errorf("the comparison %q does not name %q with its date", s.diffScore.Text, checkInName(c))
		}
	}
}

// Two check-ins made under different versions of the roadmap: the
// comparison says so and lists the entries added, removed and renamed,
// above the entries whose level changed, as `devpath diff` does.
func TestHistoryComparesTheRoadmapsOfTwoCheckIns(t *testing.T) {
	r := newScreenRig(t)
	s := newHistoryScreen(r.store, r.e)
	r.show(s, fyne.NewSize(1400, 900))
	a := tracker.CheckIn{ID: 1, Label: "spring", Stage: "mid", Score: 20, Verdict: tracker.VerdictBuilding,
		RoadmapID: "team", RoadmapVersion: 1, RoadmapEntries: map[string][]string{"old-skill": nil, "kept": nil, "gone": nil}}
	b := tracker.CheckIn{ID: 2, Label: "autumn", Stage: "mid", Score: 30, Verdict: tracker.VerdictBuilding,
		RoadmapID: "team", RoadmapVersion: 2, RoadmapEntries: map[string][]string{"new-skill": {"old-skill"}, "kept": nil, "added": nil},
		Items: map[string]tracker.ItemState{"kept": {ID: "kept", Level: tracker.Proficient}}}
	s.showPair(a, b)
	if !strings.Contains(s.diffScore.Text, "different roadmaps") {
		t.Errorf("the summary does not say the roadmaps differ: %q", s.diffScore.Text)
	}
	want := []string{
		"Roadmap: team version 1 ⟶ team version 2",
		"Entries added: added",
		"Entries removed: gone",
		"Entries renamed: old-skill ⟶ new-skill",
	}
	rows := diffText(s)
	if got := strings.Split(rows, "\n"); len(got) != len(want)+1 || strings.Join(got[:len(want)], "\n") != strings.Join(want, "\n") {
		t.Errorf("the comparison lists:\n%s\nwant first:\n%s\nand then the one changed entry", rows, strings.Join(want, "\n"))
	}

	// The same roadmap: nothing about it.
	b.RoadmapVersion, b.RoadmapEntries = 1, a.RoadmapEntries
	s.showPair(a, b)
	if strings.Contains(diffText(s), "Roadmap") || strings.Contains(s.diffScore.Text, "roadmaps") {
		t.Errorf("one roadmap, yet the comparison speaks of two: %q\n%s", s.diffScore.Text, diffText(s))
	}
}
