package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
)

// reconfirmStore is what the Due card needs of the store to answer "still
// true?": keep the claim (a re-confirmation, logged) or lower its level.
type reconfirmStore interface {
	Reconfirm(rm *roadmap.Roadmap, ids []string) error
	SetLevel(id string, l tracker.Level, date time.Time) error
}

// maxDueRows is how many due things the Due card lists.
const maxDueRows = 6

// dueCard is the Dashboard's Due card: a check-in due, plan items due or
// overdue, claims to re-confirm, evidence about to go stale and the target
// date approaching, each with the action that answers it.
type dueCard struct {
	d    *dashboard
	card *card
	rows [maxDueRows]*dueRow
	more *widget.Label
	none *widget.Label
}

// dueRow is one due thing: what it is and up to two buttons.
type dueRow struct {
	text    *widget.Label
	first   *widget.Button
	second  *widget.Button
	row     *fyne.Container
	entry   tracker.DueEntry
	onFirst func()
}

// newDueCard builds the Due card of d.
func newDueCard(d *dashboard) *dueCard {
	c := &dueCard{d: d}
	list := container.NewVBox()
	for i := range c.rows {
		r := &dueRow{text: &widget.Label{Wrapping: fyne.TextWrapWord}}
		r.first = &widget.Button{OnTapped: func() {
			if r.onFirst != nil {
				r.onFirst()
			}
		}}
		r.second = &widget.Button{Text: "Lower", Importance: widget.LowImportance, OnTapped: func() { c.lower(r.entry.ID) }}
		r.row = container.NewBorder(nil, nil, nil, container.NewHBox(r.first, r.second), r.text)
		r.row.Hide()
		c.rows[i] = r
		list.Add(r.row)
	}
	c.more = &widget.Label{Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}
	c.more.Hide()
	c.none = &widget.Label{Text: "Nothing is due.", Wrapping: fyne.TextWrapWord}
	c.card = newCard("Due", "", container.NewVBox(list, c.more, c.none))
	return c
}

// update lists what the snapshot says is due.
func (c *dueCard) update(s snapshot) {
	if s.plan == nil {
		c.card.Hide()
		return
	}
	c.card.Show()
	_, canKeep := c.d.store.(reconfirmStore)
	for i, r := range c.rows {
		if i >= len(s.due) {
			r.row.Hide()
			r.entry, r.onFirst = tracker.DueEntry{}, nil
			continue
		}
		e := s.due[i]
		r.entry = e
		r.text.SetText(dueWords(e, s.rm, s.today))
		// An overdue plan item is late; a claim or a check-in overdue is
		// only a question waiting.
		switch {
		case e.Overdue && e.Kind == tracker.DuePlanItem:
			r.text.Importance = widget.DangerImportance
		case e.Overdue:
			r.text.Importance = widget.WarningImportance
		default:
			r.text.Importance = widget.MediumImportance
		}
		r.text.Refresh()
		r.second.Hide()
		r.first.Show()
		r.first.Importance = widget.MediumImportance
		id := e.ID
		switch e.Kind {
		case tracker.DueCheckIn:
			r.first.SetText(checkInText)
			r.onFirst = c.d.askCheckIn
			setEnabled(r.first, !s.readOnly)
		case tracker.DueReconfirm:
			r.first.SetText("Keep")
			r.first.Importance = widget.HighImportance
			r.onFirst = func() { c.keep(id) }
			setEnabled(r.first, canKeep && !s.readOnly)
			setEnabled(r.second, canKeep && !s.readOnly)
			r.second.Show()
		case tracker.DueStale:
			r.first.SetText("Evidence…")
			r.onFirst = func() {
				if c.d.openEvidence != nil {
					c.d.openEvidence(id)
				}
			}
			setEnabled(r.first, true)
		case tracker.DuePlanItem:
			r.first.SetText("Open")
			r.onFirst = func() {
				if c.d.env.openItem != nil {
					c.d.env.openItem(id)
				}
			}
			setEnabled(r.first, true)
		default:
			r.first.Hide()
			r.onFirst = nil
		}
		r.first.Refresh()
		r.row.Show()
	}
	if n := len(s.due) - maxDueRows; n > 0 {
		c.more.SetText(fmt.Sprintf("and %d more (devpath due lists them all)", n))
		c.more.Show()
	} else {
		c.more.Hide()
	}
	setShown(len(s.due) == 0, c.none)
}

// dueWords says what a due entry is, in a line.
func dueWords(e tracker.DueEntry, rm *roadmap.Roadmap, today time.Time) string {
	title := e.Title
	if title == "" && e.ID != "" {
		title = titleIn(rm, e.ID)
	}
	switch e.Kind {
	case tracker.DueCheckIn:
		if e.Overdue {
			return "A check-in has been due since " + formatDay(e.Date) + "."
		}
		return "A check-in is due " + formatDay(e.Date) + "."
	case tracker.DuePlanItem:
		if e.Overdue {
			return fmt.Sprintf("“%s” is overdue: it was due %s.", title, formatDay(e.Date))
		}
		return fmt.Sprintf("“%s” is due %s.", title, formatDay(e.Date))
	case tracker.DueReconfirm:
		// e.Date is when the re-confirmation fell due, not the last
		// confirmation (the roadmap's interval before it).
		if e.Date.Before(today) {
			return fmt.Sprintf("Still true? “%s” has been due for re-confirming since %s.", title, formatDay(e.Date))
		}
		return fmt.Sprintf("Still true? “%s” is due for re-confirming today.", title)
	case tracker.DueStale:
		return fmt.Sprintf("The evidence for “%s” goes stale %s: add newer evidence to keep it counting.", title, formatDay(e.Date))
	case tracker.DueTarget:
		if e.Date.Before(today) {
			return "Your target date, " + formatDay(e.Date) + ", has gone by: set a new one."
		}
		return "Your target date, " + formatDay(e.Date) + ", is " + untilWords(today, e.Date) + "."
	}
	return title
}

// keep re-confirms claimed entry id as still true, in the background.
func (c *dueCard) keep(id string) {
	d := c.d
	st, ok := d.store.(reconfirmStore)
	if !ok || !d.have || d.snap.readOnly {
		return
	}
	title := titleIn(d.snap.rm, id)
	rm := d.snap.rm
	d.env.async(func() error { return st.Reconfirm(rm, []string{id}) }, func(err error) {
		if err != nil {
			d.env.showError(fmt.Errorf("couldn't re-confirm: %w", namedErr(err, id, title)))
			return
		}
		d.say(fmt.Sprintf("“%s” re-confirmed as still true. Ctrl+Z takes it back.", title))
		d.env.changed()
	})
}

// lower takes claimed entry id down a level (a criterion or milestone back
// to not confirmed), in the background: the claim was no longer true.
func (c *dueCard) lower(id string) {
	d := c.d
	st, ok := d.store.(reconfirmStore)
	if id == "" || !ok || !d.have || d.snap.readOnly {
		return
	}
	states, _ := tracker.ResolveStates(d.snap.rm, d.snap.progress.Items)
	level := states.State(id).Level
	to := max(level-1, tracker.NotStarted)
	if e, ok := d.snap.rm.Lookup(id); ok && !skillLike(e.Kind) {
		to = tracker.NotStarted
	}
	title := titleIn(d.snap.rm, id)
	d.env.async(func() error { return st.SetLevel(id, to, time.Time{}) }, func(err error) {
		if err != nil {
			d.env.showError(fmt.Errorf("couldn't lower %q: %w", title, namedErr(err, id, title)))
			return
		}
		d.say(fmt.Sprintf("“%s” lowered. Ctrl+Z takes it back.", title))
		d.env.changed()
	})
}

// titleIn is entry id's title in rm, or id.
func titleIn(rm *roadmap.Roadmap, id string) string {
	if e, ok := rm.Lookup(id); ok {
		return e.Item.Title
	}
	return id
}
