package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"

	"devpath/roadmap"
	"devpath/tracker"
)

// Preferences of the reminders.
const (
	// prefReminders is false when the user turned the window's reminders
	// off in Settings; unset means on.
	prefReminders = "plan.reminders"
	// prefReminderID is the id of the notification the window scheduled
	// last. Fyne keeps a scheduled notification across restarts, so the
	// next run cancels it before it plans its own, rather than let both
	// arrive.
	prefReminderID = "plan.reminder.id"
)

// reminderHour is the hour of the day a reminder arrives on its day.
const reminderHour = 9

// notifier schedules desktop notifications: fyne.App, or a test's fake.
type notifier interface {
	ScheduleNotification(n *fyne.Notification, at time.Time) (*fyne.ScheduledNotification, error)
	CancelScheduledNotification(id string) error
}

// reminder is a notification planned for a moment.
type reminder struct {
	at    time.Time
	title string
	body  string
}

// reminders keeps one desktop notification scheduled for the next moment
// something falls due, and plans it again whenever the data changes.
type reminders struct {
	app   fyne.App
	sched notifier
	// planned is the notification scheduled now (nil: none) and its id.
	planned *reminder
	id      string
	// started is set once the previous run's notification was cancelled.
	started bool
	// after runs f on the UI goroutine once d has passed (nil: never);
	// again plans the next reminder once the one planned has been sent,
	// for a window left open; gen tells the latest such timer from older
	// ones.
	after func(d time.Duration, f func())
	again func()
	gen   int
}

// on reports whether the user wants reminders (the default).
func (r *reminders) on() bool {
	return r.app.Preferences().BoolWithFallback(prefReminders, true)
}

// plan schedules the notification for the next due moment of s, now being
// now, cancelling the one planned before when it differs.
func (r *reminders) plan(s snapshot, now time.Time) {
	if !r.started {
		r.started = true
		if old := r.app.Preferences().String(prefReminderID); old != "" {
			_ = r.sched.CancelScheduledNotification(old)
			r.app.Preferences().RemoveValue(prefReminderID)
		}
	}
	var next *reminder
	if r.on() && s.plan != nil {
		next = nextReminder(s.plan, s.rm, now)
	}
	if sameReminder(next, r.planned) {
		return
	}
	r.cancel()
	if next == nil {
		return
	}
	sn, err := r.sched.ScheduleNotification(fyne.NewNotification(next.title, next.body), next.at)
	if err != nil {
		fyne.LogError("scheduling a reminder", err)
		return
	}
	r.planned, r.id = next, sn.ID()
	r.app.Preferences().SetString(prefReminderID, r.id)
	if r.after != nil && r.again != nil {
		r.gen++
		gen := r.gen
		r.after(next.at.Sub(now)+time.Minute, func() {
			if gen == r.gen {
				r.again()
			}
		})
	}
}

// cancel takes back the notification planned, if any.
func (r *reminders) cancel() {
	if r.planned == nil {
		return
	}
	if err := r.sched.CancelScheduledNotification(r.id); err != nil {
		fyne.LogError("cancelling a reminder", err)
	}
	r.planned, r.id = nil, ""
	r.app.Preferences().RemoveValue(prefReminderID)
}

// sameReminder reports whether a and b are the same notification.
func sameReminder(a, b *reminder) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// dueMoment is the moment a due day's reminder arrives: reminderHour on
// that calendar day, in the local time.
func dueMoment(day time.Time) time.Time {
	y, m, d := day.Date()
	return time.Date(y, m, d, reminderHour, 0, 0, 0, time.Local)
}

// nextReminder is the notification for the next moment after now that
// something falls due: a check-in, a plan item's due day, evidence going
// stale, the target date; nil when nothing lies ahead. What is due already
// shows in the Due card and is not announced again.
func nextReminder(ps *tracker.PlanStatus, rm *roadmap.Roadmap, now time.Time) *reminder {
	var best *reminder
	consider := func(day time.Time, body string) {
		if day.IsZero() {
			return
		}
		at := dueMoment(day)
		if !at.After(now) || (best != nil && !at.Before(best.at)) {
			return
		}
		best = &reminder{at: at, title: "devpath: something is due", body: body}
	}
	consider(ps.NextCheckIn, "A check-in is due today: save today's levels and score in devpath.")
	for _, it := range ps.Items {
		if !it.Done {
			consider(it.Due, fmt.Sprintf("“%s” from your plan is due today.", planTitle(it, rm)))
		}
	}
	for _, st := range ps.StaleSoon {
		consider(st.StaleOn, fmt.Sprintf("The evidence for “%s” goes stale today: add newer evidence to keep it counting.", st.Title))
	}
	for _, rc := range ps.Reconfirm {
		consider(rc.DueSince, fmt.Sprintf("Still true? Re-confirm “%s” in devpath.", rc.Title))
	}
	consider(ps.Target, "Today is your target date for the next level.")
	return best
}

// planTitle is a plan item's title, from the roadmap when the item has
// none.
func planTitle(it tracker.PlanEntry, rm *roadmap.Roadmap) string {
	if it.Title != "" {
		return it.Title
	}
	return titleIn(rm, it.ID)
}
