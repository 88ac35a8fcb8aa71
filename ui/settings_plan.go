package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"devpath/tracker"
	"devpath/tracker/remind"
)

// cadenceStore is what the Reminders card needs of the store: the check-in
// cadence, set as written ("" the default, quarterly; "off" none), logged
// and undoable.
type cadenceStore interface {
	SetCadence(cadence string) error
}

// cadenceChoices are the cadence picker's choices as the user reads them,
// and cadenceWords the cadences they stand for, in the same order.
var (
	cadenceChoices = []string{"Every week", "Every two weeks", "Every month", "Every quarter (the default)", "Every year", "Off", "Other…"}
	cadenceWords   = []string{"weekly", "fortnightly", "monthly", "quarterly", "yearly", "off", ""}
)

// cadenceOther is the index of "Other…": a cadence typed, such as 6w.
var cadenceOther = len(cadenceChoices) - 1

// reminderCard is the Settings card of the check-in cadence and the
// window's reminders.
type reminderCard struct {
	s       *settingsScreen
	root    *fyne.Container
	cadence *widget.Select
	other   *widget.Entry
	errLine *widget.Label
	remind  *widget.Check
	// daily installs or removes the daily reminder that runs while
	// devpath is closed; dailyCheck is its switch.
	daily      dailyReminder
	dailyCheck *widget.Check
	// dailyRead is set once whether the daily reminder is installed has
	// been read.
	dailyRead bool
	filling   bool
	// shown is the cadence the snapshot holds, as written.
	shown string
}

// newReminderCard builds the card of s.
func newReminderCard(s *settingsScreen) *reminderCard {
	c := &reminderCard{s: s}
	c.cadence = &widget.Select{Options: cadenceChoices, OnChanged: func(string) { c.chosen() }}
	c.other = &widget.Entry{PlaceHolder: "e.g. 6w or 2m", OnSubmitted: func(string) { c.typed() }}
	c.other.ExtendBaseWidget(c.other)
	c.other.Hide()
	c.errLine = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	c.errLine.Hide()
	c.remind = &widget.Check{Text: "Remind me with a desktop notification while devpath is open", OnChanged: c.remindChanged}
	c.remind.ExtendBaseWidget(c.remind)
	c.daily = systemReminder{}
	c.dailyCheck = &widget.Check{Text: "Also remind me once a day when devpath is closed", OnChanged: c.dailyChanged}
	c.dailyCheck.ExtendBaseWidget(c.dailyCheck)
	note := &widget.Label{Text: "The daily reminder is a systemd user timer (or an autostart entry) that runs devpath due --notify and notifies only when something is due; devpath remind on and off do the same.", Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	form := widget.NewForm(widget.NewFormItem("Check-in every", container.NewVBox(c.cadence, c.other, c.errLine)))
	c.root = container.NewVBox(form, c.remind)
	// The daily reminder is a Linux desktop's (remind.Supported); elsewhere
	// the switch would only ever fail.
	if remind.Supported() {
		c.root.Add(c.dailyCheck)
		c.root.Add(note)
	}
	return c
}

// update shows the snapshot's cadence and the reminders' preference.
func (c *reminderCard) update(snap snapshot) {
	c.filling = true
	defer func() { c.filling = false }()
	_, can := c.s.store.(cadenceStore)
	setEnabled(c.cadence, can && !snap.readOnly)
	setEnabled(c.other, can && !snap.readOnly)
	c.remind.SetChecked(c.s.e.app.Preferences().BoolWithFallback(prefReminders, true))
	setEnabled(c.dailyCheck, !snap.readOnly)
	if !c.dailyRead {
		c.dailyRead = true
		c.readDaily()
	}
	if snap.plan == nil {
		return
	}
	cad := snap.plan.Cadence
	written := cadenceInput(cad)
	if written == c.shown && c.cadence.SelectedIndex() >= 0 {
		return
	}
	c.shown = written
	i := slices.IndexFunc(cadenceWords[:cadenceOther], func(w string) bool {
		p, err := tracker.ParseCadence(w)
		return err == nil && p == cad
	})
	if i >= 0 {
		c.cadence.SetSelectedIndex(i)
		c.other.Hide()
	} else {
		c.cadence.SetSelectedIndex(cadenceOther)
		c.other.SetText(written)
		c.other.Show()
	}
}

// cadenceInput writes a cadence as it can be typed again: "6w", "2m",
// "10d", "off".
func cadenceInput(c tracker.Cadence) string {
	switch {
	case c.Off:
		return "off"
	case c.Days == 0:
		return fmt.Sprintf("%dm", c.Months)
	case c.Months == 0 && c.Days%7 == 0:
		return fmt.Sprintf("%dw", c.Days/7)
	case c.Months == 0:
		return fmt.Sprintf("%dd", c.Days)
	}
	return fmt.Sprintf("%dm %dd", c.Months, c.Days)
}

// chosen saves a cadence picked from the list; "Other…" shows the field
// to type one in.
func (c *reminderCard) chosen() {
	if c.filling {
		return
	}
	i := c.cadence.SelectedIndex()
	if i == cadenceOther {
		c.other.Show()
		if w := c.s.e.win.Canvas(); w != nil {
			w.Focus(c.other)
		}
		return
	}
	c.other.Hide()
	if i >= 0 {
		c.save(cadenceWords[i])
	}
}

// typed saves the cadence typed in the field.
func (c *reminderCard) typed() { c.save(c.other.Text) }

// save sets the cadence in the background; a cadence that is not a
// duration shows under the field and changes nothing.
func (c *reminderCard) save(cadence string) {
	st, ok := c.s.store.(cadenceStore)
	if !ok || c.s.snap.readOnly {
		return
	}
	e := c.s.e
	e.async(func() error { return st.SetCadence(cadence) }, func(err error) {
		if err != nil {
			c.errLine.SetText(planErrText(err))
			c.errLine.Show()
			return
		}
		c.errLine.Hide()
		if e.notify != nil {
			e.notify(fmt.Sprintf("Check-ins: %s. Ctrl+Z takes it back.", strings.ToLower(cadenceName(cadence))))
		}
		e.changed()
	})
}

// cadenceName is how the card names a cadence as written.
func cadenceName(cadence string) string {
	if i := slices.Index(cadenceWords[:cadenceOther], strings.ToLower(strings.TrimSpace(cadence))); i >= 0 {
		return strings.TrimSuffix(cadenceChoices[i], " (the default)")
	}
	return "every " + strings.TrimSpace(cadence)
}

// remindChanged keeps the choice in the preferences and plans (or cancels)
// the window's reminder.
func (c *reminderCard) remindChanged(on bool) {
	if c.filling {
		return
	}
	c.s.e.app.Preferences().SetBool(prefReminders, on)
	if c.s.e.remindersChanged != nil {
		c.s.e.remindersChanged()
	}
}

// dailyReminder installs, removes and finds the daily reminder that runs
// while devpath is closed (package remind); tests use a temporary home.
type dailyReminder interface {
	Installed() (bool, error)
	On(db string) error
	Off() error
}

// systemReminder is the daily reminder of the user's session.
type systemReminder struct{ env remind.Env }

// Installed reports whether a daily reminder is installed.
func (r systemReminder) Installed() (bool, error) {
	rec, err := remind.Installed(r.env)
	return rec != nil, err
}

// On installs the daily reminder for this devpath program and the
// database db.
func (r systemReminder) On(db string) error {
	_, _, err := remind.OnSelf(r.env, db)
	return err
}

// Off removes what On installed, and nothing else.
func (r systemReminder) Off() error {
	_, _, err := remind.Off(r.env)
	return err
}

// readDaily shows, once read in the background, whether the daily reminder
// is installed.
func (c *reminderCard) readDaily() {
	var on bool
	c.s.e.async(func() (err error) {
		on, err = c.daily.Installed()
		return err
	}, func(err error) {
		if err != nil {
			fyne.LogError("reading the daily reminder", err)
			return
		}
		c.filling = true
		c.dailyCheck.SetChecked(on)
		c.filling = false
	})
}

// dailyChanged installs or removes the daily reminder in the background; a
// failure puts the switch back and says why.
func (c *reminderCard) dailyChanged(on bool) {
	if c.filling {
		return
	}
	e, db := c.s.e, c.s.snap.dbPath
	c.s.e.async(func() error {
		if on {
			return c.daily.On(db)
		}
		return c.daily.Off()
	}, func(err error) {
		if err != nil {
			c.filling = true
			c.dailyCheck.SetChecked(!on)
			c.filling = false
			e.showError(fmt.Errorf("couldn't change the daily reminder: %w", err))
			return
		}
		if e.notify != nil {
			if on {
				e.notify("The daily reminder is installed: devpath checks once a day what is due.")
			} else {
				e.notify("The daily reminder is removed.")
			}
		}
	})
}
