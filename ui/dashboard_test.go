package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/words"
)

func TestDashboardShowsStageAndPay(t *testing.T) {
	r := newShellRig(t, Options{})
	d := r.sh.dash
	mid := roadmap.Default().Stage("mid")
	if d.stageTitle.Text != mid.Title {
		t.Errorf("stage title = %q, want %q", d.stageTitle.Text, mid.Title)
	}
	if want := formatBand(mid.Salary.UK, roadmap.RegionUK); !strings.Contains(d.stageLine.Text, want) || !strings.Contains(d.stageLine.Text, "years 2–4") {
		t.Errorf("stage line = %q, want years 2–4 and %s", d.stageLine.Text, want)
	}
	senior := roadmap.Default().Stage("senior")
	if !strings.Contains(d.nextLine.Text, senior.Title) || !strings.Contains(d.nextLine.Text, "£80,000 – £110,000") {
		t.Errorf("next line = %q", d.nextLine.Text)
	}
	if !strings.Contains(d.parts[0].Text, "Skills") || !strings.Contains(d.parts[0].Text, "50%") {
		t.Errorf("first component label = %q, want Skills with its weight", d.parts[0].Text)
	}
	if d.verdict.Text == "" || !strings.Contains(d.verdict.Text, senior.Title) {
		t.Errorf("verdict = %q", d.verdict.Text)
	}
	shown := 0
	for _, a := range d.actions {
		if a.button.Visible() {
			shown++
			if !strings.HasPrefix(a.gain.Text, "+") {
				t.Errorf("gain %q has no +", a.gain.Text)
			}
		}
	}
	if shown != maxActions {
		t.Errorf("%d next best actions shown, want %d", shown, maxActions)
	}
}

func TestNextBestActionOpensRoadmap(t *testing.T) {
	r := newShellRig(t, Options{})
	d := r.sh.dash
	a := d.actions[0]
	id := a.id
	if id == "" {
		t.Fatal("no first action")
	}
	test.Tap(a.button)
	if got := r.sh.tabs.SelectedIndex(); got != 1 {
		t.Fatalf("the action shows screen %d, want the Roadmap", got)
	}
	row := findRow(t, r.win, id)
	if row == nil {
		t.Fatalf("%s is not on screen", id)
	}
	if i, ok := r.sh.rmap.rowOf[id]; !ok || r.sh.rmap.rows[i].entry.Item.ID != id {
		t.Errorf("the Roadmap screen does not hold %s", id)
	}
}

func TestCheckInSaves(t *testing.T) {
	r := newShellRig(t, Options{})
	test.Tap(r.row("k8s-rbac").check)
	d := r.sh.dash
	test.Tap(d.checkIn)
	label := dashCheckInEntry(t, r.win)
	if label.Text != "2026-03-16" {
		t.Errorf("the check-in dialog's label field: %v; want today's date", label)
	}
	d.saveCheckIn("Review with Alex")
	r.noErrors()
	cs, err := r.store.CheckIns()
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || cs[0].Label != "Review with Alex" {
		t.Fatalf("check-ins: %+v", cs)
	}
	// The check-in's score is the score of the levels it saved: the
	// Dashboard, shown again, agrees.
	r.sh.show(screenDashboard)
	if got := fmt.Sprintf("%.1f", cs[0].Score); got != d.score.Text {
		t.Errorf("check-in score %s, dashboard %s", got, d.score.Text)
	}
	if cs[0].Items["k8s-rbac"].Level != tracker.Proficient {
		t.Error("the check-in lacks the tick")
	}
	if rm := roadmap.Default(); cs[0].RoadmapID != rm.ID || cs[0].RoadmapVersion != rm.Version {
		t.Errorf("the check-in records roadmap %q v%d, want the one the Dashboard scored against", cs[0].RoadmapID, cs[0].RoadmapVersion)
	}
	if !strings.Contains(r.sh.status.Text, "Review with Alex") {
		t.Errorf("notice = %q", r.sh.status.Text)
	}
	d.saveCheckIn("  ")
	if cs, _ := r.store.CheckIns(); len(cs) != 2 || cs[1].Label != "2026-03-16" {
		t.Errorf("an empty label should default to today: %+v", cs)
	}
}

func TestStallWarning(t *testing.T) {
	r := newShellRig(t, Options{})
	p, _ := r.store.Profile()
	p.StageSince = time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := r.store.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	r.sh.reload()
	d := r.sh.dash
	if !d.warning.Visible() || d.warning.Text != words.StallWarning(36) {
		t.Errorf("warning = %q (visible %v)", d.warning.Text, d.warning.Visible())
	}
	if !strings.Contains(d.timeline.Text, "past the typical timeline") {
		t.Errorf("timeline = %q", d.timeline.Text)
	}
}

func TestMoneyFormats(t *testing.T) {
	for _, c := range []struct {
		b      *roadmap.Band
		region string
		want   string
	}{
		{&roadmap.Band{Min: 40000, Max: 55000}, roadmap.RegionUK, "£40,000 – £55,000"},
		{&roadmap.Band{Min: 180000, Max: 260000, Open: true}, roadmap.RegionUS, "$180,000 – $260,000+"},
		{&roadmap.Band{Min: 999, Max: 1000000}, roadmap.RegionUK, "£999 – £1,000,000"},
		{nil, roadmap.RegionUK, "no figure for this region"},
	} {
		if got := formatBand(c.b, c.region); got != c.want {
			t.Errorf("formatBand(%+v, %s) = %q, want %q", c.b, c.region, got, c.want)
		}
	}
}

// dashColumns returns the positions of the Dashboard's two columns.
func dashColumns(d *dashboard) (left, right fyne.CanvasObject) {
	grid := d.body.Objects[0].(*fyne.Container)
	return grid.Objects[0], grid.Objects[1]
}

func TestDashboardFitsNarrowWindows(t *testing.T) {
	r := newShellRig(t, Options{})
	d := r.sh.dash
	for _, size := range []fyne.Size{fitMinSize, fitSize, fyne.NewSize(1920, 1080)} {
		fitAssert(t, r.win, d.content(), size, false)
	}
	// Narrow: one column, the actions below the readiness; wide: two.
	fitResize(r.win, fitMinSize)
	left, right := dashColumns(d)
	if right.Position().Y < left.Position().Y+left.Size().Height || right.Position().X != left.Position().X {
		t.Errorf("at 800 px the columns are at %v and %v, want one under the other", left.Position(), right.Position())
	}
	fitResize(r.win, fitSize)
	left, right = dashColumns(d)
	if right.Position().Y != left.Position().Y || right.Position().X <= left.Position().X+left.Size().Width-1 {
		t.Errorf("at 1024 px the columns are at %v and %v, want them side by side", left.Position(), right.Position())
	}
}

func TestNextBestActionsShowTheirFullTitle(t *testing.T) {
	r := newShellRig(t, Options{})
	d := r.sh.dash
	fitResize(r.win, fitMinSize)
	long := 0
	for i, a := range d.actions {
		if i >= len(d.snap.assess.Missing) {
			break
		}
		want := gapTitle(d.snap.assess.Missing[i])
		if a.text.Text != want {
			t.Errorf("action %d reads %q, want the full %q", i, a.text.Text, want)
		}
		if strings.Contains(a.text.Text, "…") {
			t.Errorf("action %d is cut: %q", i, a.text.Text)
		}
		// A title too long for one line wraps: the row grows and the
		// button under the text grows with it.
		one := fyne.MeasureText(want, theme.TextSize(), fyne.TextStyle{Bold: true})
		if one.Width > a.text.Size().Width {
			long++
			if a.text.Size().Height < 2*one.Height {
				t.Errorf("action %d (%q) is %v: too narrow for one line but not wrapped", i, want, a.text.Size())
			}
			if a.button.Size().Height < a.text.Size().Height {
				t.Errorf("action %d's button is %v, lower than its text %v", i, a.button.Size(), a.text.Size())
			}
		}
	}
	if long == 0 {
		t.Fatal("no action title is longer than a line at 800 px: the test shows nothing")
	}
	// Tapping the text opens the entry, as the button does (scrolled into
	// view: the Due and plan cards stand above the actions).
	fitResize(r.win, fitSize)
	scrollIntoView(d, d.actions[1].text)
	test.TapCanvas(r.win.Canvas(), fyne.CurrentApp().Driver().AbsolutePositionForObject(d.actions[1].text).AddXY(10, 10))
	if got := r.sh.tabs.SelectedIndex(); got != 1 {
		t.Errorf("tapping an action's text shows screen %d, want the Roadmap", got)
	}
}

// dashCheckInEntry returns the label field of the open check-in dialog.
func dashCheckInEntry(t *testing.T, w fyne.Window) *dialogEntry {
	t.Helper()
	var label *dialogEntry
	for _, o := range w.Canvas().Overlays().List() {
		walkObjects(o, func(o fyne.CanvasObject) {
			if e, ok := o.(*dialogEntry); ok {
				label = e
			}
		})
	}
	if label == nil {
		t.Fatal("no check-in dialog with a label field is open")
	}
	return label
}

func TestCheckInDialogEnterSavesEscapeCancels(t *testing.T) {
	r := newShellRig(t, Options{})
	d := r.sh.dash
	test.Tap(d.checkIn)
	label := dashCheckInEntry(t, r.win)
	if r.win.Canvas().Focused() != label {
		t.Errorf("the label field does not have the focus: %v", r.win.Canvas().Focused())
	}
	label.SetText("")
	test.Type(label, "Quarterly review")
	label.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	r.noErrors()
	cs, err := r.store.CheckIns()
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || cs[0].Label != "Quarterly review" {
		t.Fatalf("after Enter the check-ins are %+v, want one labelled Quarterly review", cs)
	}
	if len(r.win.Canvas().Overlays().List()) != 0 {
		t.Error("the dialog is still open after Enter")
	}

	test.Tap(d.checkIn)
	label = dashCheckInEntry(t, r.win)
	test.Type(label, " typed")
	label.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(r.win.Canvas().Overlays().List()) != 0 {
		t.Error("the dialog is still open after Escape")
	}
	if cs, _ := r.store.CheckIns(); len(cs) != 1 {
		t.Errorf("Escape saved a check-in: %+v", cs)
	}
}

func TestCheckInShowsAtOnce(t *testing.T) {
	r := newShellRig(t, Options{})
	d := r.sh.dash
	// Hold the background work back, as a busy window does.
	var pending []func()
	d.env.async = func(work func() error, done func(error)) {
		pending = append(pending, func() { done(work()) })
	}
	test.Tap(d.checkIn)
	if len(pending) != 1 {
		t.Fatalf("%d pieces of background work on opening, want the labels taken read", len(pending))
	}
	pending[0]()
	pending = nil
	label := dashCheckInEntry(t, r.win)
	label.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	// The frame after the input already shows the check-in done, with the
	// score it saves, before the transaction has answered.
	want := checkInNotice(formatDay(d.env.today()), d.snap.assess.Readiness.Score)
	if r.sh.status.Text != want || !r.sh.status.Visible() {
		t.Errorf("before the save finishes the status line reads %q, want %q", r.sh.status.Text, want)
	}
	if d.checkIn.Disabled() || d.checkIn.Text != checkInText {
		t.Errorf("the button reads %q (disabled %v) while saving", d.checkIn.Text, d.checkIn.Disabled())
	}
	if len(pending) != 1 {
		t.Fatalf("%d pieces of background work, want the save", len(pending))
	}
	if cs, _ := r.store.CheckIns(); len(cs) != 0 {
		t.Fatalf("saved before the background work ran: %+v", cs)
	}
	d.env.async = runSync
	pending[0]()
	cs, _ := r.store.CheckIns()
	if len(cs) != 1 || checkInNotice(cs[0].Label, cs[0].Score) != want {
		t.Errorf("saved %+v, the status line said %q", cs, want)
	}
	if r.sh.status.Text != want || d.checkIn.Disabled() || d.checkIn.Text != checkInText {
		t.Errorf("after the save: status %q, button %q (disabled %v)", r.sh.status.Text, d.checkIn.Text, d.checkIn.Disabled())
	}
}

// failingCheckIns fails every check-in, as a full disk would.
type failingCheckIns struct{}

func (failingCheckIns) CheckInNow(string, *roadmap.Roadmap, time.Time) (tracker.CheckIn, error) {
	return tracker.CheckIn{}, errors.New("disk full")
}

func TestCheckInFailureTakesTheNoticeBack(t *testing.T) {
	r := newShellRig(t, Options{})
	d := r.sh.dash
	d.store = failingCheckIns{}
	test.Tap(d.checkIn)
	label := dashCheckInEntry(t, r.win)
	label.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if strings.Contains(r.sh.status.Text, "Checked in") || r.sh.status.Visible() {
		t.Errorf("after a failed save the status line still reads %q", r.sh.status.Text)
	}
	if len(r.errs) != 1 || !strings.Contains(r.errs[0].Error(), "couldn't save the check-in") || !strings.Contains(r.errs[0].Error(), "disk full") {
		t.Errorf("errors shown: %v", r.errs)
	}
}

func TestDashboardTabOrder(t *testing.T) {
	r := newShellRig(t, Options{})
	d := r.sh.dash
	fitResize(r.win, fitSize)
	want := []fyne.Focusable{d.findEvidence, d.checkIn, d.askReview}
	// What is due, then the plan, head the second column.
	for _, r := range d.due.rows {
		if r.row.Visible() && r.first.Visible() {
			want = append(want, r.first)
		}
		if r.row.Visible() && r.second.Visible() {
			want = append(want, r.second)
		}
	}
	p := d.plan
	want = append(want, p.date, p.set)
	if !p.clear.Disabled() {
		want = append(want, p.clear)
	}
	if !p.useSugg.Disabled() {
		want = append(want, p.useSugg)
	}
	for _, r := range p.rows {
		if r.row.Visible() {
			want = append(want, r.remove)
		}
	}
	for _, a := range d.actions {
		want = append(want, a.button)
	}
	for _, a := range d.evActions {
		if a.row.Visible() {
			want = append(want, a.button)
		}
	}
	tabOrderAssert(t, r.win, want...)
}

// scrollIntoView scrolls the Dashboard so that o is at the top of its view.
func scrollIntoView(d *dashboard, o fyne.CanvasObject) {
	sc := d.root.(*container.Scroll)
	drv := fyne.CurrentApp().Driver()
	y := drv.AbsolutePositionForObject(o).Y - drv.AbsolutePositionForObject(sc).Y + sc.Offset.Y
	sc.ScrollToOffset(fyne.NewPos(0, y))
}
