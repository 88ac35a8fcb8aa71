package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"devpath/tracker"
	"devpath/tracker/core"
)

// plan is the plan the rig's database holds.
func (r *shellRig) plan() tracker.Plan {
	r.t.Helper()
	p, err := r.store.Plan()
	if err != nil {
		r.t.Fatalf("read the plan: %v", err)
	}
	return p
}

// typeTarget types text in the Plan card's date field and presses Enter.
func typeTarget(r *shellRig, text string) {
	p := r.sh.dash.plan
	p.date.SetText("")
	test.Type(p.date, text)
	p.date.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

func TestPlanCardSetsTheTargetAndUndoTakesItBack(t *testing.T) {
	r := newShellRig(t, Options{})
	r.sh.show(screenDashboard)
	p := r.sh.dash.plan
	if !p.card.Visible() || !strings.HasPrefix(p.target.Text, "No target date") {
		t.Fatalf("before a target the card reads %q (shown %v)", p.target.Text, p.card.Visible())
	}
	typeTarget(r, "2027-06-30")
	r.noErrors()
	want := time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC)
	if got := r.plan().Target; !got.Equal(want) {
		t.Fatalf("after Enter the target is %v, want %v", got, want)
	}
	if !strings.Contains(p.target.Text, "2027-06-30") || p.dateErr.Visible() || p.date.Text != "" {
		t.Errorf("after the save the card reads %q, error shown %v, field %q", p.target.Text, p.dateErr.Visible(), p.date.Text)
	}
	if !strings.Contains(r.sh.status.Text, "Ctrl+Z") {
		t.Errorf("status = %q, want the undo hint", r.sh.status.Text)
	}
	r.sh.undo()
	r.noErrors()
	if got := r.plan().Target; !got.IsZero() {
		t.Errorf("after Ctrl+Z the target is %v, want none", got)
	}
	if !strings.Contains(r.sh.status.Text, "2027-06-30") {
		t.Errorf("after Ctrl+Z the status line reads %q, want the target taken back named", r.sh.status.Text)
	}
	r.sh.redo()
	if got := r.plan().Target; !got.Equal(want) {
		t.Errorf("after Ctrl+Shift+Z the target is %v, want %v", got, want)
	}
	test.Tap(p.clear)
	if got := r.plan().Target; !got.IsZero() {
		t.Errorf("after Clear the target is %v", got)
	}
}

func TestPlanCardRefusesBadDatesInline(t *testing.T) {
	r := newShellRig(t, Options{})
	r.sh.show(screenDashboard)
	p := r.sh.dash.plan
	for _, c := range []struct{ text, want string }{
		{"30/06/2027", "YYYY-MM-DD"},
		{"2026-03-01", "not after today"},
		{"2099-01-01", "horizon"},
	} {
		typeTarget(r, c.text)
		if !p.dateErr.Visible() || !strings.Contains(p.dateErr.Text, c.want) {
			t.Errorf("%s: the line under the date reads %q (shown %v), want it to say %q", c.text, p.dateErr.Text, p.dateErr.Visible(), c.want)
		}
		if got := r.plan().Target; !got.IsZero() {
			t.Errorf("%s: the target became %v", c.text, got)
		}
		if p.date.Text != c.text {
			t.Errorf("%s: the field was emptied to %q; the user should correct what they typed", c.text, p.date.Text)
		}
	}
	// Nothing went to an error dialog: the answer is inline.
	r.noErrors()
	typeTarget(r, "2027-01-31")
	if p.dateErr.Visible() {
		t.Errorf("a good date leaves the error %q", p.dateErr.Text)
	}
}

func TestPlanCardTakesTheSuggestedDate(t *testing.T) {
	r := newShellRig(t, Options{})
	r.sh.show(screenDashboard)
	p := r.sh.dash.plan
	sg := r.sh.snap.plan.Suggested
	if sg == nil || sg.Past {
		t.Fatalf("no suggestion to take: %+v", sg)
	}
	if !strings.Contains(p.suggest.Text, formatDay(sg.Typical)) || !strings.Contains(p.suggest.Text, formatDay(sg.Accelerated)) {
		t.Errorf("the suggestion reads %q, want %s and the accelerated %s", p.suggest.Text, formatDay(sg.Typical), formatDay(sg.Accelerated))
	}
	test.Tap(p.useSugg)
	r.noErrors()
	if got := r.plan().Target; !got.Equal(sg.Typical) {
		t.Errorf("the target is %v, want the suggested %v", got, sg.Typical)
	}
	if !p.useSugg.Disabled() {
		t.Error("the button stays enabled with the suggestion already the target")
	}
}

func TestQuarterEnds(t *testing.T) {
	for _, c := range []struct{ day, this, next string }{
		{"2026-03-16", "2026-03-31", "2026-06-30"},
		{"2026-01-01", "2026-03-31", "2026-06-30"},
		{"2026-07-01", "2026-09-30", "2026-12-31"},
		{"2026-12-31", "2026-12-31", "2027-03-31"},
	} {
		d, _ := time.Parse("2006-01-02", c.day)
		if got := formatDay(quarterEnd(d)); got != c.this {
			t.Errorf("quarterEnd(%s) = %s, want %s", c.day, got, c.this)
		}
		if got := formatDay(nextQuarterEnd(d)); got != c.next {
			t.Errorf("nextQuarterEnd(%s) = %s, want %s", c.day, got, c.next)
		}
	}
}

func TestRoadmapPlanToggleFromTheKeyboard(t *testing.T) {
	r := newShellRig(t, Options{})
	id := "k8s-rbac"
	row := r.row(id)
	c := r.win.Canvas()
	// The keyboard lands on the tick box; four Tabs reach Plan, past the
	// level, N/A and the evidence (the journey takes the same path).
	c.Focus(row.check)
	for range 4 {
		c.FocusNext()
	}
	if c.Focused() != row.plan {
		t.Fatalf("four Tabs from the tick box focus %T, want the Plan toggle", c.Focused())
	}
	if row.plan.Text != planButtonText {
		t.Errorf("the toggle reads %q before the entry is planned", row.plan.Text)
	}
	pressKey(r.win, fyne.KeySpace)
	s := r.sh.rmap
	if s.stepMenu == nil || !s.stepMenu.Visible() {
		t.Fatal("Space on Plan opened no menu")
	}
	if labels := menuLabels(s.stepItems); !strings.Contains(labels[0], "2026-03-31") {
		t.Errorf("the first choice is %q, want the end of this quarter", labels[0])
	}
	pressKey(r.win, fyne.KeyDown)
	pressKey(r.win, fyne.KeyReturn)
	r.noErrors()
	items := r.plan().Items
	if len(items) != 1 || items[0].ID != id || formatDay(items[0].Due) != "2026-03-31" {
		t.Fatalf("the plan holds %+v, want %s due 2026-03-31", items, id)
	}
	row = r.row(id)
	if row.plan.Text != "03-31" {
		t.Errorf("a planned entry's toggle reads %q, want its due day 03-31", row.plan.Text)
	}
	// The Dashboard lists it.
	r.sh.show(screenDashboard)
	pr := r.sh.dash.plan.rows[0]
	if !pr.row.Visible() || pr.id != id || !strings.Contains(pr.due.Text, "2026-03-31") {
		t.Errorf("the Plan card's first row is %q %q (shown %v)", pr.title.Text, pr.due.Text, pr.row.Visible())
	}
	// Ctrl+Z takes it out again, like a tick.
	r.sh.undo()
	if items := r.plan().Items; len(items) != 0 {
		t.Errorf("after Ctrl+Z the plan holds %+v", items)
	}
	r.sh.redo()
	if items := r.plan().Items; len(items) != 1 {
		t.Fatalf("after Ctrl+Shift+Z the plan holds %+v", items)
	}
	// Remove on the Dashboard takes it out.
	r.sh.show(screenDashboard)
	test.Tap(r.sh.dash.plan.rows[0].remove)
	r.noErrors()
	if items := r.plan().Items; len(items) != 0 {
		t.Errorf("after Remove the plan holds %+v", items)
	}
	if !r.sh.dash.plan.none.Visible() {
		t.Error("the empty plan says nothing")
	}
}

func TestRoadmapPlanMenuMovesAndRemoves(t *testing.T) {
	r := newShellRig(t, Options{})
	id := "k8s-helm"
	if err := r.store.AddPlanItem(r.sh.rm, id, quarterEnd(shellDay)); err != nil {
		t.Fatal(err)
	}
	r.sh.reload()
	r.sh.show(screenRoadmap)
	s := r.sh.rmap
	m := s.planMenu(id)
	if labels := menuLabels(m); len(labels) != 2 || labels[0] != "Take out of the plan" || !strings.Contains(labels[1], "2026-06-30") {
		t.Fatalf("a planned entry's menu is %q", labels)
	}
	m.Items[1].Action()
	if items := r.plan().Items; len(items) != 1 || formatDay(items[0].Due) != "2026-06-30" {
		t.Fatalf("after moving the plan holds %+v", items)
	}
	s.planMenu(id).Items[0].Action()
	if items := r.plan().Items; len(items) != 0 {
		t.Errorf("after taking it out the plan holds %+v", items)
	}
	r.noErrors()
}

// reconfirmRig is the rig with two skills claimed fourteen months before
// its day, past the default re-confirm interval of twelve months.
func reconfirmRig(t *testing.T) (*shellRig, []string) {
	t.Helper()
	r := newShellRig(t, Options{})
	// Claimed by a devpath whose clock said fourteen months earlier: the
	// claim's own time is what makes it old.
	old := shellDay.AddDate(0, -14, 0)
	then, err := core.New(core.Config{DB: r.path, Now: func() time.Time { return old.Add(10 * time.Hour) }}).Open()
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{"k8s-rbac", "k8s-helm"}
	for _, id := range ids {
		if err := then.SetLevel(id, tracker.Proficient, old); err != nil {
			t.Fatal(err)
		}
	}
	if err := then.Close(); err != nil {
		t.Fatal(err)
	}
	r.sh.reload()
	r.sh.show(screenDashboard)
	return r, ids
}

// dueRowOf is the Due card's row of entry id, or nil.
func dueRowOf(d *dashboard, kind tracker.DueKind, id string) *dueRow {
	for _, row := range d.due.rows {
		if row.row.Visible() && row.entry.Kind == kind && row.entry.ID == id {
			return row
		}
	}
	return nil
}

func TestDueCardKeepsOrLowersAClaim(t *testing.T) {
	r, ids := reconfirmRig(t)
	d := r.sh.dash
	keep := dueRowOf(d, tracker.DueReconfirm, ids[0])
	if keep == nil {
		t.Fatalf("the Due card does not ask about %s: %+v", ids[0], r.sh.snap.due)
	}
	if !strings.HasPrefix(keep.text.Text, "Still true?") || keep.first.Text != "Keep" || !keep.second.Visible() {
		t.Errorf("the row reads %q with %q and Lower shown %v", keep.text.Text, keep.first.Text, keep.second.Visible())
	}
	test.Tap(keep.first)
	r.noErrors()
	if got := r.plan().Reconfirmed[ids[0]]; !got.Equal(shellDay) {
		t.Errorf("after Keep %s was re-confirmed on %v, want %v", ids[0], got, shellDay)
	}
	if dueRowOf(d, tracker.DueReconfirm, ids[0]) != nil {
		t.Errorf("%s is still asked about after Keep", ids[0])
	}
	if r.level(ids[0]).Level != tracker.Proficient {
		t.Errorf("Keep changed the level to %d", r.level(ids[0]).Level)
	}
	// Undo asks again.
	r.sh.undo()
	r.sh.show(screenDashboard)
	if dueRowOf(d, tracker.DueReconfirm, ids[0]) == nil {
		t.Errorf("after Ctrl+Z %s is not asked about again", ids[0])
	}

	lower := dueRowOf(d, tracker.DueReconfirm, ids[1])
	if lower == nil {
		t.Fatalf("the Due card does not ask about %s", ids[1])
	}
	test.Tap(lower.second)
	r.noErrors()
	if got := r.level(ids[1]).Level; got != tracker.Proficient-1 {
		t.Errorf("after Lower %s is at level %d, want %d", ids[1], got, tracker.Proficient-1)
	}
}

func TestDueCardSaysNothingIsDue(t *testing.T) {
	r := newShellRig(t, Options{})
	r.sh.show(screenDashboard)
	d := r.sh.dash
	if len(r.sh.snap.due) == 0 && !d.due.none.Visible() {
		t.Error("with nothing due the card is empty")
	}
	for _, row := range d.due.rows {
		if row.row.Visible() {
			if row.text.Text == "" {
				t.Errorf("a due row has no text: %+v", row.entry)
			}
		}
	}
}

func TestDashboardWithAPlanFits(t *testing.T) {
	r, _ := reconfirmRig(t)
	for _, id := range []string{"k8s-operators", "tf-custom-providers", "design-scale"} {
		if err := r.store.AddPlanItem(r.sh.rm, id, quarterEnd(shellDay)); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.store.SetTarget(r.sh.rm, shellDay.AddDate(0, 9, 0)); err != nil {
		t.Fatal(err)
	}
	r.sh.reload()
	r.sh.show(screenDashboard)
	d := r.sh.dash
	// The longest line the card shows under the date.
	d.plan.showDateErr(errDateFormat)
	for _, size := range []fyne.Size{fitMinSize, fitSize, fyne.NewSize(1920, 1080)} {
		fitAssert(t, r.win, d.content(), size, false)
	}
	if n := countShown(d.plan.rows[:]); n != 3 {
		t.Errorf("the Plan card lists %d items, want 3", n)
	}
	// At 1024×640 the Due card and the plan's target are in view without
	// scrolling.
	fitResize(r.win, fitSize)
	view := d.root.Size().Height
	for name, o := range map[string]fyne.CanvasObject{"the Due card's title": d.due.card, "the target": d.plan.target} {
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o).Subtract(fyne.CurrentApp().Driver().AbsolutePositionForObject(d.root))
		if pos.Y > view {
			t.Errorf("at 1024×640 %s starts at %.0f, below the %.0f in view", name, pos.Y, view)
		}
	}
}

// countShown counts the plan rows shown.
func countShown(rows []*planRow) int {
	n := 0
	for _, r := range rows {
		if r.row.Visible() {
			n++
		}
	}
	return n
}

// Two quick changes of one entry are saved one after the other: run in
// whatever order the background work finishes, the later change is the
// one the database keeps (the journey once saw a level 2 overwritten by
// the level 1 typed before it).
func TestQuickChangesOfOneEntryKeepTheLast(t *testing.T) {
	r := newShellRig(t, Options{})
	r.sh.show(screenRoadmap)
	s := r.sh.rmap
	var held []func()
	s.env.async = func(work func() error, done func(error)) {
		held = append(held, func() { done(work()) })
	}
	s.setLevel("k8s-operators", 1)
	s.setLevel("k8s-operators", 2)
	// The latest finishes first, as a goroutine may.
	for len(held) > 0 {
		last := held[len(held)-1]
		held = held[:len(held)-1]
		last()
	}
	s.env.async = runSync
	r.noErrors()
	if got := r.level("k8s-operators").Level; got != 2 {
		t.Errorf("after changing the level to 1, then 2, the database holds %d", got)
	}
}
