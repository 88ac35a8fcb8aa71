package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
)

// planItemStore is what the Plan toggle needs of the store: an entry put
// in the plan with its due day, or taken out; each one change of the log,
// undone like a tick.
type planItemStore interface {
	AddPlanItem(rm *roadmap.Roadmap, id string, due time.Time) error
	RemovePlanItem(rm *roadmap.Roadmap, id string) error
}

// planButtonText is the Plan toggle of an entry that is not in the plan.
const planButtonText = "Plan"

// planButtonSize is the size of the Plan toggle: wide enough for "Plan"
// and for a due day ("12-31"), so that the column does not move.
func planButtonSize() fyne.Size {
	b := widget.NewButtonWithIcon(planButtonText, theme.CalendarIcon(), nil)
	s := b.MinSize()
	b.SetText("12-31")
	return s.Max(b.MinSize())
}

// quarterEnd is the last day of the quarter day falls in.
func quarterEnd(day time.Time) time.Time {
	y, m, _ := day.Date()
	first := time.Date(y, m-(m-1)%3, 1, 0, 0, 0, 0, time.UTC) // the quarter's first day
	return first.AddDate(0, 3, -1)
}

// nextQuarterEnd is the last day of the quarter after day's.
func nextQuarterEnd(day time.Time) time.Time {
	return quarterEnd(quarterEnd(day).AddDate(0, 0, 1))
}

// planned is the plan's item for entry id, if it is in the plan.
func (s *roadmapScreen) planned(id string) (tracker.PlanEntry, bool) {
	if s.snap.plan == nil {
		return tracker.PlanEntry{}, false
	}
	for _, it := range s.snap.plan.Items {
		if it.ID == id {
			return it, true
		}
	}
	return tracker.PlanEntry{}, false
}

// showPlan shows whether entry id is in the plan: "Plan", or its due day,
// in the danger colour once overdue.
func (r *rmRowView) showPlan(id string) {
	s := r.screen
	text, imp := planButtonText, widget.LowImportance
	if it, ok := s.planned(id); ok {
		text, imp = it.Due.Format("01-02"), widget.HighImportance
		if it.Overdue {
			imp = widget.DangerImportance
		}
	}
	if r.shownPlan != text || r.plan.Importance != imp {
		r.shownPlan = text
		r.plan.Importance = imp
		r.plan.SetText(text)
	}
	_, can := s.store.(planItemStore)
	setEnabled(r.plan, can && !s.snap.readOnly)
	r.plan.Show()
}

// planHint says in the status line what the Plan toggle does.
func (r *rmRowView) planHint() string {
	if r.id == "" {
		return ""
	}
	title := r.screen.titleOf(r.id)
	if it, ok := r.screen.planned(r.id); ok {
		state := "due"
		if it.Overdue {
			state = "overdue since"
		}
		return fmt.Sprintf("“%s” is in your plan, %s %s. Click, or Space, to move its due day or take it out.", title, state, formatDay(it.Due))
	}
	return fmt.Sprintf("Add “%s” to your plan, due by the end of this quarter or the next. Click, or Space.", title)
}

// onPlan opens the entry's plan menu under its toggle.
func (r *rmRowView) onPlan() {
	if r.id != "" {
		r.screen.showPlanMenu(r.id, r.plan)
	}
}

// planMenu is the menu of entry id's Plan toggle: add it due at the end of
// this quarter (the first choice, Down and Enter) or the next; or, when it
// is in the plan already, move its due day or take it out.
func (s *roadmapScreen) planMenu(id string) *fyne.Menu {
	today := s.env.today()
	this, next := quarterEnd(today), nextQuarterEnd(today)
	add := func(due time.Time) func() { return func() { s.addToPlan(id, due) } }
	it, ok := s.planned(id)
	if !ok {
		return fyne.NewMenu("",
			fyne.NewMenuItem("Add to the plan, due "+formatDay(this)+" (end of this quarter)", add(this)),
			fyne.NewMenuItem("Add to the plan, due "+formatDay(next)+" (end of next quarter)", add(next)),
		)
	}
	items := []*fyne.MenuItem{fyne.NewMenuItem("Take out of the plan", func() { s.removeFromPlan(id) })}
	for _, d := range []time.Time{this, next} {
		if !d.Equal(it.Due) {
			items = append(items, fyne.NewMenuItem("Move the due day to "+formatDay(d), add(d)))
		}
	}
	return fyne.NewMenu("", items...)
}

// showPlanMenu opens entry id's plan menu below at, with the keyboard in
// it.
func (s *roadmapScreen) showPlanMenu(id string, at fyne.CanvasObject) {
	c := s.canvas()
	if c == nil || !s.have || s.snap.readOnly {
		return
	}
	s.stepItems = s.planMenu(id)
	m := widget.NewPopUpMenu(s.stepItems, c)
	m.ShowAtRelativePosition(fyne.NewPos(0, at.Size().Height), at)
	s.stepMenu = m
}

// addToPlan puts entry id in the plan (or moves its due day) off the UI
// goroutine and says so in the status line.
func (s *roadmapScreen) addToPlan(id string, due time.Time) {
	st, ok := s.store.(planItemStore)
	if !ok || s.snap.readOnly {
		return
	}
	rm := s.snap.rm
	s.planWrite(id, func() error { return st.AddPlanItem(rm, id, due) },
		fmt.Sprintf("“%s” is in your plan, due %s. Ctrl+Z takes it back.", s.titleOf(id), formatDay(due)))
}

// removeFromPlan takes entry id out of the plan.
func (s *roadmapScreen) removeFromPlan(id string) {
	st, ok := s.store.(planItemStore)
	if !ok || s.snap.readOnly {
		return
	}
	rm := s.snap.rm
	s.planWrite(id, func() error { return st.RemovePlanItem(rm, id) },
		fmt.Sprintf("“%s” is out of your plan. Ctrl+Z puts it back.", s.titleOf(id)))
}

// planWrite runs a change of the plan in the background; then the window
// reloads and the status line says what changed, or the error is shown.
func (s *roadmapScreen) planWrite(id string, save func() error, done string) {
	s.env.async(save, func(err error) {
		if err != nil {
			s.env.showError(fmt.Errorf("couldn't change the plan: %w", s.named(err, id)))
			return
		}
		if s.env.notify != nil {
			s.env.notify(done)
		}
		s.env.changed()
		// The focus goes back to the toggle, which the reload redraws.
		if i, ok := s.rowOf[id]; ok {
			s.focusCell(i, colPlan)
		}
	})
}
