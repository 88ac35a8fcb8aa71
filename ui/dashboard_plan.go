package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/words"
)

// targetStore is what the Plan card needs of the store to set or clear the
// target date; each change is one change of the log, undone like a tick.
type targetStore interface {
	SetTarget(rm *roadmap.Roadmap, day time.Time) error
	ClearTarget() error
}

// maxPlanRows is how many of the plan's items the Plan card lists.
const maxPlanRows = 5

// errDateFormat is the Plan card's answer to a date it cannot read.
var errDateFormat = errors.New("write the date as YYYY-MM-DD, for example 2027-06-30")

// planCard is the Dashboard's Plan card: the target date for the next
// level (set, cleared, or the suggested one taken), the pace, the forecast
// as a range, whether that is on track, what it would take, and the plan's
// items.
type planCard struct {
	d *dashboard

	card      *card
	target    *widget.Label
	suggest   *widget.Label
	useSugg   *widget.Button
	date      *widget.Entry
	set       *widget.Button
	clear     *widget.Button
	dateErr   *widget.Label
	pace      *widget.Label
	forecast  *widget.Label
	onTrack   *widget.Label
	takes     *widget.Label
	rows      [maxPlanRows]*planRow
	more      *widget.Label
	none      *widget.Label
	suggested time.Time // the suggested target shown, zero for none
}

// planRow is one item of the plan: its title, when it is due, and a button
// that takes it out.
type planRow struct {
	title  *widget.Label
	due    *widget.Label
	remove *widget.Button
	row    *fyne.Container
	id     string
}

// newPlanCard builds the Plan card of d.
func newPlanCard(d *dashboard) *planCard {
	p := &planCard{d: d}
	wrap := func() *widget.Label { return &widget.Label{Wrapping: fyne.TextWrapWord} }
	p.target = &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}}
	p.suggest = wrap()
	p.useSugg = &widget.Button{Text: "Use the suggested date", OnTapped: p.useSuggested}
	p.date = &widget.Entry{PlaceHolder: "YYYY-MM-DD", OnSubmitted: func(string) { p.setTyped() }}
	p.date.ExtendBaseWidget(p.date)
	p.set = &widget.Button{Text: "Set target", Icon: theme.ConfirmIcon(), OnTapped: p.setTyped}
	p.clear = &widget.Button{Text: "Clear", Icon: theme.ContentClearIcon(), OnTapped: p.clearTarget}
	p.dateErr = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	p.dateErr.Hide()
	p.pace, p.forecast, p.takes = wrap(), wrap(), wrap()
	p.onTrack = &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}}
	items := container.NewVBox()
	for i := range p.rows {
		r := &planRow{title: wrap(), due: &widget.Label{}}
		r.remove = &widget.Button{Text: "Remove", Importance: widget.LowImportance, OnTapped: func() { p.removeItem(r.id) }}
		r.row = container.NewBorder(nil, nil, nil, container.NewHBox(r.due, r.remove), r.title)
		r.row.Hide()
		p.rows[i] = r
		items.Add(r.row)
	}
	p.more = &widget.Label{Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}
	p.more.Hide()
	p.none = &widget.Label{Text: "Nothing in your plan yet: add entries with Plan beside them on the Roadmap.", Wrapping: fyne.TextWrapWord}
	dateRow := container.NewBorder(nil, nil, nil, container.NewHBox(p.set, p.clear), p.date)
	p.card = newCard("Your plan", "", container.NewVBox(
		p.target,
		dateRow,
		p.dateErr,
		container.NewBorder(nil, nil, nil, container.NewVBox(p.useSugg), p.suggest),
		p.onTrack,
		p.forecast,
		p.pace,
		p.takes,
		widget.NewSeparator(),
		&widget.Label{Text: "Working on", TextStyle: fyne.TextStyle{Bold: true}},
		items,
		p.more,
		p.none,
	))
	return p
}

// update shows the snapshot's plan; the card hides for a store without one.
func (p *planCard) update(s snapshot) {
	ps := s.plan
	if ps == nil {
		p.card.Hide()
		return
	}
	p.card.Show()
	next := "the next level"
	if s.assess.Next != nil {
		next = s.assess.Next.Title
	}
	today := s.today
	if ps.Target.IsZero() {
		p.target.SetText("No target date for " + next + " yet.")
	} else {
		p.target.SetText(fmt.Sprintf("Target: %s by %s (%s).", next, formatDay(ps.Target), untilWords(today, ps.Target)))
	}
	p.suggested = time.Time{}
	switch sg := ps.Suggested; {
	case sg == nil:
		p.suggest.SetText("Set the day you entered your stage in Settings for a suggested date.")
	case sg.Past:
		p.suggest.SetText(fmt.Sprintf("The typical date, %s, has gone by; choose a date of your own (accelerated was %s).", formatDay(sg.Typical), formatDay(sg.Accelerated)))
	default:
		p.suggested = sg.Typical
		p.suggest.SetText(fmt.Sprintf("Suggested: %s, the typical move from the day you entered your stage (accelerated: %s).", formatDay(sg.Typical), formatDay(sg.Accelerated)))
	}
	ro := s.readOnly
	_, can := p.d.store.(targetStore)
	setEnabled(p.date, can && !ro)
	setEnabled(p.set, can && !ro)
	setEnabled(p.clear, can && !ro && !ps.Target.IsZero())
	setEnabled(p.useSugg, can && !ro && !p.suggested.IsZero() && !p.suggested.Equal(ps.Target))

	p.pace.SetText(paceWords(ps))
	// Too little history says so once, in the forecast's line.
	setShown(ps.Claimed.Reason != tracker.ReasonTooLittleHistory, p.pace)
	p.forecast.SetText(forecastWords(ps.Claimed))
	switch {
	case ps.OnTrack == nil:
		p.onTrack.Hide()
	case *ps.OnTrack:
		p.onTrack.Importance = widget.SuccessImportance
		p.onTrack.SetText("On track for your target.")
		p.onTrack.Show()
	default:
		p.onTrack.Importance = widget.WarningImportance
		p.onTrack.SetText("Not on track: at this pace you'd be ready after your target.")
		p.onTrack.Show()
	}
	p.takes.SetText(takesWords(ps.Takes, !ps.Target.IsZero(), s.rm))
	p.showItems(ps.Items, ro)
}

// showItems lists the plan's items, soonest due first.
func (p *planCard) showItems(items []tracker.PlanEntry, ro bool) {
	_, can := p.d.store.(planItemStore)
	for i, r := range p.rows {
		if i >= len(items) {
			r.id = ""
			r.row.Hide()
			continue
		}
		it := items[i]
		r.id = it.ID
		r.title.SetText(it.Title)
		switch {
		case it.Done:
			r.due.Importance = widget.SuccessImportance
			r.due.SetText("done")
		case it.Overdue:
			r.due.Importance = widget.DangerImportance
			r.due.SetText("overdue since " + formatDay(it.Due))
		default:
			r.due.Importance = widget.MediumImportance
			r.due.SetText("due " + formatDay(it.Due))
		}
		setEnabled(r.remove, can && !ro)
		r.row.Show()
	}
	if n := len(items) - maxPlanRows; n > 0 {
		p.more.SetText(fmt.Sprintf("and %d more (devpath plan list shows them all)", n))
		p.more.Show()
	} else {
		p.more.Hide()
	}
	setShown(len(items) == 0, p.none)
}

// untilWords says how far day is from today: "in 7 months", "in 12 days",
// "today", "3 days ago".
func untilWords(today, day time.Time) string {
	days := int(day.Sub(today).Hours() / 24)
	switch {
	case days == 0:
		return "today"
	case days < 0:
		return plural(-days, "day", "days") + " ago"
	case days < 62:
		return "in " + plural(days, "day", "days")
	}
	return "in " + plural(int(float64(days)/30.44+0.5), "month", "months")
}

// paceWords says how fast both scores rose over the pace window.
func paceWords(ps *tracker.PlanStatus) string {
	c := ps.Claimed.Pace
	if c.From.IsZero() {
		return "Pace: not enough history yet."
	}
	line := fmt.Sprintf("Pace since %s: claimed %+.1f points a month", formatDay(c.From), c.PerMonth)
	if ev := ps.Evidenced; ev != nil {
		line += fmt.Sprintf(", evidenced %+.1f", ev.Pace.PerMonth)
	}
	return line + "."
}

// forecastWords says when the claimed score would reach the ready score at
// its pace, as a range of months, or why there is no telling.
func forecastWords(o tracker.Outlook) string {
	if f := o.Forecast; f != nil {
		return fmt.Sprintf("At this pace you'd reach the ready score (%.0f) %s.", o.Pace.Ready, words.ForecastRange(*f))
	}
	return "No forecast: " + words.ForecastReason(o.Reason) + "."
}

// takesWords says what reaching the ready score would take, in entries a
// month or the milestone; "" when nothing is missing.
func takesWords(t tracker.WhatItTakes, target bool, rm *roadmap.Roadmap) string {
	ways := words.Takes(rm, t)
	if ways == "" {
		return ""
	}
	what := "To be ready"
	if target {
		what = "To be ready by your target"
	}
	return fmt.Sprintf("%s: %s; %.1f points to go.", what, ways, t.Gap)
}

// planErrText says a failed change of the plan in a line: the store's
// refusals by their code, anything else as it is.
func planErrText(err error) string {
	if msg, ok := words.PlanFailure(err); ok {
		return upperFirst(msg) + "."
	}
	return upperFirst(err.Error()) + "."
}

// parseDay reads a YYYY-MM-DD date as a calendar day.
func parseDay(text string) (time.Time, error) {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(text))
	if err != nil {
		return time.Time{}, errDateFormat
	}
	return t, nil
}

// setTyped sets the date typed as the target.
func (p *planCard) setTyped() {
	day, err := parseDay(p.date.Text)
	if err != nil {
		p.showDateErr(err)
		return
	}
	p.setTarget(day)
}

// useSuggested sets the suggested date as the target.
func (p *planCard) useSuggested() {
	if !p.suggested.IsZero() {
		p.setTarget(p.suggested)
	}
}

// showDateErr shows err under the date, or hides the line for nil.
func (p *planCard) showDateErr(err error) {
	if err == nil {
		p.dateErr.Hide()
		return
	}
	p.dateErr.SetText(planErrText(err))
	p.dateErr.Show()
}

// setTarget sets the target in the background; the store's refusal (a day
// in the past, beyond the roadmap's horizon) shows under the date.
func (p *planCard) setTarget(day time.Time) {
	d := p.d
	st, ok := d.store.(targetStore)
	if !ok || !d.have || d.snap.readOnly {
		return
	}
	rm := d.snap.rm
	d.env.async(func() error { return st.SetTarget(rm, day) }, func(err error) {
		if err != nil {
			p.showDateErr(err)
			return
		}
		p.showDateErr(nil)
		p.date.SetText("")
		d.say("Target set: " + formatDay(day) + ". Ctrl+Z takes it back.")
		d.env.changed()
	})
}

// clearTarget clears the target in the background.
func (p *planCard) clearTarget() {
	d := p.d
	st, ok := d.store.(targetStore)
	if !ok || !d.have || d.snap.readOnly {
		return
	}
	d.env.async(st.ClearTarget, func(err error) {
		if err != nil {
			d.env.showError(fmt.Errorf("couldn't clear the target: %w", err))
			return
		}
		p.showDateErr(nil)
		d.say("Target cleared. Ctrl+Z puts it back.")
		d.env.changed()
	})
}

// removeItem takes entry id out of the plan in the background.
func (p *planCard) removeItem(id string) {
	d := p.d
	st, ok := d.store.(planItemStore)
	if id == "" || !ok || !d.have || d.snap.readOnly {
		return
	}
	title := titleIn(d.snap.rm, id)
	rm := d.snap.rm
	d.env.async(func() error { return st.RemovePlanItem(rm, id) }, func(err error) {
		if err != nil {
			d.env.showError(fmt.Errorf("couldn't change the plan: %w", namedErr(err, id, title)))
			return
		}
		d.say(fmt.Sprintf("“%s” is out of your plan. Ctrl+Z puts it back.", title))
		d.env.changed()
	})
}

// say shows msg in the window's status line.
func (d *dashboard) say(msg string) {
	if d.env.notify != nil {
		d.env.notify(msg)
	}
}
