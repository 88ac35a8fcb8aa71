package ui

import (
	"devpath/tracker/words"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// noticeTime is how long a notice stays in the status line.
const noticeTime = 6 * time.Second

// showError tells the user in a dialog that something failed.
func (sh *shell) showError(err error) {
	if err == nil {
		return
	}
	// A failure of the database itself (a full disk, a read-only file, a
	// damaged one) is worded as the command line words it, by its code.
	if sh.store != nil {
		if msg, ok := words.Failure(err, sh.store.Path(), words.Window); ok {
			err = errors.New(upperFirst(msg))
		}
	}
	showMessage("Error", upperFirst(err.Error()), sh.win)
}

// notify shows a short message in the status line for a few seconds.
func (sh *shell) notify(msg string) {
	sh.notice++
	n := sh.notice
	sh.setStatus(msg)
	if sh.noticeTime <= 0 {
		return
	}
	time.AfterFunc(sh.noticeTime, func() {
		fyne.Do(func() {
			if sh.notice == n {
				sh.setStatus("")
			}
		})
	})
}

// hint shows msg in the status line with no time limit: it goes when the
// pointer leaves what it describes (clearNotice), rather than at a moment
// of its own, which laid the window out again under whatever was on view
// then (a dialog opened from the button, six seconds later).
func (sh *shell) hint(msg string) {
	sh.notice++
	sh.setStatus(msg)
}

// clearNotice clears the status line if it still shows msg.
func (sh *shell) clearNotice(msg string) {
	if sh.status.Text != msg {
		return
	}
	sh.notice++
	sh.setStatus("")
}

// setStatus shows msg in the status line, or hides it for "". The window
// is laid out again only when the line appears or goes: a new text in a
// line on view (the evidence buttons' hints, as the pointer passes over
// them) changes nothing else.
func (sh *shell) setStatus(msg string) {
	was := sh.status.Visible()
	sh.status.SetText(msg)
	if msg == "" {
		sh.status.Hide()
	} else {
		sh.status.Show()
	}
	if sh.status.Visible() != was {
		sh.relayout()
	}
}

// relayout lays the window out again after the banner or the status line
// appeared or went. Only the layout: refreshing the body would refresh
// every screen in it and draw all their text anew.
func (sh *shell) relayout() {
	if sh.body != nil {
		sh.body.Layout.Layout(sh.body.Objects, sh.body.Size())
		canvas.Refresh(sh.body)
	}
}
