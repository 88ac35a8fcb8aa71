package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/tracker"
	"devpath/tracker/words"
)

// checkInDialog asks for a check-in's label. It is built once, on the
// first check-in, and shown again for each one with its label reset to
// today's date: building a dialog's widgets anew is most of the time it
// takes to open.
//
// A label another check-in has is said under the field, with the text
// kept, rather than in a second dialog after this one closed: the labels
// taken are read as the dialog opens, and a label taken meanwhile (by
// another devpath) brings the dialog back with the text and the message.
// A free label closes the dialog at once, and the status line says the
// check-in is done in the next frame, before the transaction answers.
type checkInDialog struct {
	d       *dashboard
	dlg     *dialog.CustomDialog
	label   *dialogEntry
	problem *widget.Label // what is wrong with the label; hidden when nothing
	save    *widget.Button
	themed  themeFollower
	keys    *keyedDialog
	// taken holds the labels of the check-ins saved, read on each open.
	taken map[string]bool
}

// checkInWidth is the dialog's width: room for a long label.
const checkInWidth = 420

func newCheckInDialog(d *dashboard) *checkInDialog {
	c := &checkInDialog{d: d}
	c.themed.seen = d.env.themeCount()
	c.label = newDialogEntry(d.env.win, false)
	c.label.OnChanged = func(string) { c.setProblem("") }
	c.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	c.problem.Hide()
	cancel := &widget.Button{Text: "Cancel", Icon: theme.CancelIcon(), OnTapped: func() { c.dlg.Hide() }}
	c.save = &widget.Button{Text: "Save check-in", Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: c.submit}
	body := container.NewVBox(widget.NewForm(widget.NewFormItem("Label", c.label)), c.problem)
	c.dlg = dialog.NewCustomWithoutButtons("Check in", body, d.env.win)
	c.dlg.SetButtons([]fyne.CanvasObject{cancel, c.save})
	return c
}

// open shows the dialog with today's date as the label, selected, and the
// keyboard in it.
func (c *checkInDialog) open() {
	c.label.SetText(formatDay(c.d.env.today()))
	c.setProblem("")
	c.readTaken()
	c.show()
}

// show puts the dialog on view with the keyboard in the label.
func (c *checkInDialog) show() {
	win := c.d.env.win
	if c.themed.followTheme(c.d.env) {
		repaintDialog(c.dlg, c.label)
	}
	// Enter saves, Escape cancels, also while the label has the focus.
	unhover(c.save)
	showReused(win, c.dlg, dialogKeys{submit: c.submit}, &c.keys)
	c.fit()
	win.Canvas().Focus(c.label)
}

// labelHeads is the store's light list of check-ins, when it has one.
type labelHeads interface {
	CheckInHeads() ([]tracker.CheckIn, error)
}

// readTaken reads the labels taken, in the background.
func (c *checkInDialog) readTaken() {
	hs, ok := c.d.store.(labelHeads)
	if !ok {
		return
	}
	var taken map[string]bool
	c.d.env.async(func() error {
		heads, err := hs.CheckInHeads()
		if err != nil {
			return err
		}
		taken = make(map[string]bool, len(heads))
		for _, h := range heads {
			taken[h.Label] = true
		}
		return nil
	}, func(err error) {
		if err == nil {
			c.taken = taken
		} // else the store says so on save
	})
}

// fit gives the dialog its width and the height its contents need there.
func (c *checkInDialog) fit() {
	c.dlg.Resize(fyne.NewSize(checkInWidth, c.dlg.MinSize().Height))
}

// setProblem shows msg under the label, or nothing for "".
func (c *checkInDialog) setProblem(msg string) {
	if msg == c.problem.Text && c.problem.Visible() == (msg != "") {
		return
	}
	c.problem.SetText(upperFirst(msg))
	if msg == "" {
		c.problem.Hide()
	} else {
		c.problem.Show()
	}
	c.fit()
}

// submit checks the label and saves the check-in.
func (c *checkInDialog) submit() {
	label := strings.TrimSpace(c.label.Text)
	if label != "" {
		if err := tracker.CheckLabel(label); err != nil {
			c.setProblem(err.Error())
			return
		}
	}
	if c.taken[label] {
		c.setProblem(words.LabelTaken(label))
		return
	}
	c.dlg.Hide()
	text := c.label.Text
	c.d.saveCheckInThen(label, func(err error) {
		switch {
		case errors.Is(err, tracker.ErrLabelTaken):
			c.label.SetText(text)
			c.setProblem(words.LabelTaken(label))
			c.show()
		case err != nil:
			c.d.env.showError(fmt.Errorf("couldn't save the check-in: %w", err))
		}
	})
}
