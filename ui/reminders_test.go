package ui

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"devpath/tracker"
	"devpath/tracker/remind"
)

// fakeNotifier records the notifications scheduled and cancelled.
type fakeNotifier struct {
	n         int
	scheduled map[string]*fyne.ScheduledNotification
	cancelled []string
}

func (f *fakeNotifier) ScheduleNotification(n *fyne.Notification, at time.Time) (*fyne.ScheduledNotification, error) {
	f.n++
	id := "n" + string(rune('0'+f.n))
	s := fyne.NewScheduledNotification(id, n, at)
	if f.scheduled == nil {
		f.scheduled = map[string]*fyne.ScheduledNotification{}
	}
	f.scheduled[id] = s
	return s, nil
}

func (f *fakeNotifier) CancelScheduledNotification(id string) error {
	f.cancelled = append(f.cancelled, id)
	delete(f.scheduled, id)
	return nil
}

// only is the one notification scheduled, failing unless there is one.
func (f *fakeNotifier) only(t *testing.T) *fyne.ScheduledNotification {
	t.Helper()
	if len(f.scheduled) != 1 {
		t.Fatalf("%d notifications scheduled, want one: %v", len(f.scheduled), f.scheduled)
	}
	for _, s := range f.scheduled {
		return s
	}
	return nil
}

func TestReminderFollowsTheNextDueMoment(t *testing.T) {
	a := test.NewTempApp(t)
	f := &fakeNotifier{}
	// A notification the run before scheduled is cancelled first.
	a.Preferences().SetString(prefReminderID, "from-before")
	r := &reminders{app: a, sched: f}
	now := time.Date(2026, 3, 16, 10, 0, 0, 0, time.Local)
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	ps := &tracker.PlanStatus{
		NextCheckIn: day("2026-06-16"),
		Target:      day("2026-12-31"),
		Items:       []tracker.PlanEntry{{ID: "k8s-rbac", Title: "RBAC", Due: day("2026-03-31")}, {ID: "done", Title: "Done", Due: day("2026-03-20"), Done: true}},
	}
	r.plan(snapshot{plan: ps}, now)
	if len(f.cancelled) != 1 || f.cancelled[0] != "from-before" {
		t.Errorf("cancelled %v, want the earlier run's notification", f.cancelled)
	}
	s := f.only(t)
	if want := time.Date(2026, 3, 31, reminderHour, 0, 0, 0, time.Local); !s.DeliveryTime.Equal(want) || !strings.Contains(s.Content, "RBAC") {
		t.Errorf("scheduled %q at %v, want RBAC at %v (the done item is not announced)", s.Content, s.DeliveryTime, want)
	}
	if got := a.Preferences().String(prefReminderID); got != s.ID() {
		t.Errorf("the preferences keep %q, want %q", got, s.ID())
	}
	// Planning again with the same data changes nothing.
	r.plan(snapshot{plan: ps}, now)
	if f.n != 1 {
		t.Errorf("the same plan scheduled %d notifications", f.n)
	}
	// The item leaves the plan: the check-in is next, the old one goes.
	ps.Items = nil
	r.plan(snapshot{plan: ps}, now)
	s2 := f.only(t)
	if !s2.DeliveryTime.Equal(dueMoment(day("2026-06-16"))) || !strings.Contains(s2.Content, "check-in") {
		t.Errorf("scheduled %q at %v, want the check-in", s2.Content, s2.DeliveryTime)
	}
	if f.cancelled[len(f.cancelled)-1] != s.ID() {
		t.Errorf("the notification for the item was not cancelled: %v", f.cancelled)
	}
	// Reminders off: nothing is scheduled.
	a.Preferences().SetBool(prefReminders, false)
	r.plan(snapshot{plan: ps}, now)
	if len(f.scheduled) != 0 {
		t.Errorf("with reminders off %d notifications stay scheduled", len(f.scheduled))
	}
	// Nothing ahead: nothing scheduled.
	a.Preferences().SetBool(prefReminders, true)
	r.plan(snapshot{plan: &tracker.PlanStatus{}}, now)
	if len(f.scheduled) != 0 {
		t.Errorf("with nothing ahead %d notifications are scheduled", len(f.scheduled))
	}
}

func TestWindowSchedulesAReminderForThePlan(t *testing.T) {
	r := newShellRig(t, Options{})
	f := &fakeNotifier{}
	r.sh.remind = &reminders{app: r.app, sched: f}
	id := "k8s-rbac"
	if err := r.store.AddPlanItem(r.sh.rm, id, quarterEnd(shellDay)); err != nil {
		t.Fatal(err)
	}
	r.sh.reload()
	s := f.only(t)
	if !s.DeliveryTime.Equal(dueMoment(quarterEnd(shellDay))) {
		t.Errorf("the reminder is at %v, want %v", s.DeliveryTime, dueMoment(quarterEnd(shellDay)))
	}
	// Turning reminders off in Settings cancels it.
	r.sh.show(screenSettings)
	test.Tap(r.sh.settings.reminders.remind)
	if len(f.scheduled) != 0 || r.app.Preferences().BoolWithFallback(prefReminders, true) {
		t.Errorf("after turning reminders off: %d scheduled, preference %v", len(f.scheduled), r.app.Preferences().BoolWithFallback(prefReminders, true))
	}
}

func TestSettingsSetsTheCadence(t *testing.T) {
	r := newShellRig(t, Options{})
	r.sh.show(screenSettings)
	c := r.sh.settings.reminders
	if got := c.cadence.Selected; got != cadenceChoices[3] {
		t.Errorf("the cadence shows %q, want the default quarterly", got)
	}
	c.cadence.SetSelectedIndex(2)
	r.noErrors()
	if got := r.plan().Cadence; got != "monthly" {
		t.Errorf("the cadence stored is %q, want monthly", got)
	}
	r.sh.undo()
	if got := r.plan().Cadence; got == "monthly" {
		t.Errorf("after Ctrl+Z the cadence is still %q", got)
	}
	// Other…: a typed cadence, refused inline when it is no duration.
	r.sh.show(screenSettings)
	c.cadence.SetSelectedIndex(cadenceOther)
	if !c.other.Visible() {
		t.Fatal("Other… shows no field")
	}
	test.Type(c.other, "soon")
	c.other.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !c.errLine.Visible() || !strings.Contains(c.errLine.Text, "not a cadence") {
		t.Errorf("a bad cadence reads %q (shown %v)", c.errLine.Text, c.errLine.Visible())
	}
	r.noErrors()
	c.other.SetText("")
	test.Type(c.other, "6w")
	c.other.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := r.plan().Cadence; got != "6w" || c.errLine.Visible() {
		t.Errorf("the cadence is %q (error shown %v), want 6w", got, c.errLine.Visible())
	}
	r.sh.show(screenSettings)
	if c.cadence.SelectedIndex() != cadenceOther || c.other.Text != "6w" {
		t.Errorf("after a reload the picker shows %q and the field %q", c.cadence.Selected, c.other.Text)
	}
}

func TestChartDrawsTheTargetAndTheForecast(t *testing.T) {
	test.NewTempApp(t)
	c := newReadinessChart()
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	pts := []tracker.Point{{At: day("2026-01-01"), Score: 20}, {At: day("2026-03-01"), Score: 40}}
	c.plan = chartPlan{target: day("2026-12-31"), today: day("2026-03-01"), from: 40, ready: 85,
		earliest: day("2026-08-01"), likely: day("2026-10-01"), latest: day("2027-01-01")}
	c.setData(pts, nil, nil)
	w := test.NewTempWindow(t, c)
	w.Resize(fyne.NewSize(600, 300))
	r := test.WidgetRenderer(c).(*chartRenderer)
	d := r.plan
	if !d.target.Visible() || !d.ready.Visible() || !strings.Contains(d.targetLabel.Text, "2026-12-31") {
		t.Fatalf("target shown %v, forecast shown %v, label %q", d.target.Visible(), d.ready.Visible(), d.targetLabel.Text)
	}
	// The axis runs to the latest date of the forecast: the last point is
	// no longer at the right edge, the target is left of it.
	x0, _, x1, _ := r.plot(c.Size())
	lastDot := r.dots[1].Position().X + r.dots[1].Size().Width/2
	tx := d.target.Position1.X
	if !(lastDot < tx && tx < x1) || lastDot <= x0 {
		t.Errorf("the last point is at %.0f, the target at %.0f, the plot %.0f…%.0f", lastDot, tx, x0, x1)
	}
	if r.last.Text != "2027-01-01" {
		t.Errorf("the axis ends at %q, want the forecast's latest day", r.last.Text)
	}
	// The likely line starts at today's score and ends on the ready score
	// between the earliest and the latest day.
	first, last := d.likely[0].Position1, d.likely[len(d.likely)-1].Position2
	if first.X < lastDot-1 || first.X > lastDot+1 || !(d.early.Position2.X < last.X && last.X < d.late.Position2.X) {
		t.Errorf("the likely line runs %v to %v; the range ends at %.0f and %.0f", first, last, d.early.Position2.X, d.late.Position2.X)
	}
	if last.Y >= first.Y {
		t.Errorf("the forecast runs down: %v to %v", first, last)
	}
	// Without a plan nothing of it is drawn and the axis ends at the last
	// point.
	c.plan = chartPlan{}
	c.Refresh()
	if d.target.Visible() || d.ready.Visible() || r.last.Text != "2026-03-01" {
		t.Errorf("without a plan: target %v, forecast %v, axis end %q", d.target.Visible(), d.ready.Visible(), r.last.Text)
	}
}

func TestSettingsInstallsAndRemovesTheDailyReminder(t *testing.T) {
	r := newShellRig(t, Options{})
	home := t.TempDir()
	env := remind.Env{
		Getenv: func(k string) string {
			switch k {
			case "HOME":
				return home
			case "XDG_CONFIG_HOME":
				return filepath.Join(home, "config")
			}
			return ""
		},
		// No systemd user session: an autostart entry is installed.
		Run: func(string, ...string) error { return errors.New("no systemctl") },
	}
	r.sh.show(screenSettings)
	c := r.sh.settings.reminders
	c.daily = systemReminder{env: env}
	test.Tap(c.dailyCheck)
	r.noErrors()
	rec, err := remind.Installed(env)
	if err != nil || rec == nil || rec.Kind != remind.KindAutostart {
		t.Fatalf("after switching it on the reminder installed is %+v (%v)", rec, err)
	}
	for _, f := range rec.Files {
		if _, err := os.Stat(f); err != nil || !strings.HasPrefix(f, home) {
			t.Errorf("the installed file %s: %v", f, err)
		}
	}
	test.Tap(c.dailyCheck)
	r.noErrors()
	if rec, _ := remind.Installed(env); rec != nil {
		t.Errorf("after switching it off %+v is still installed", rec)
	}
	var left []string
	_ = filepath.WalkDir(home, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			left = append(left, p)
		}
		return nil
	})
	if len(left) != 0 {
		t.Errorf("switching it off left %v", left)
	}
}

// A window left open plans the next reminder once the planned one has
// been sent.
func TestReminderPlansTheNextOnceSent(t *testing.T) {
	a := test.NewTempApp(t)
	f := &fakeNotifier{}
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	ps := &tracker.PlanStatus{NextCheckIn: day("2026-03-20"), Target: day("2026-12-31")}
	now := time.Date(2026, 3, 16, 10, 0, 0, 0, time.Local)
	var wait time.Duration
	var fire func()
	r := &reminders{app: a, sched: f}
	r.after = func(d time.Duration, fn func()) { wait, fire = d, fn }
	r.again = func() { r.plan(snapshot{plan: ps}, now) }
	r.plan(snapshot{plan: ps}, now)
	first := f.only(t)
	if want := dueMoment(day("2026-03-20")).Sub(now) + time.Minute; wait != want || fire == nil {
		t.Fatalf("the next plan is in %v, want %v", wait, want)
	}
	// The check-in reminder went out; the data did not change.
	delete(f.scheduled, first.ID())
	now = dueMoment(day("2026-03-20")).Add(time.Minute)
	fire()
	if s := f.only(t); !s.DeliveryTime.Equal(dueMoment(day("2026-12-31"))) {
		t.Errorf("after the check-in's reminder the next is at %v, want the target's", s.DeliveryTime)
	}
}
