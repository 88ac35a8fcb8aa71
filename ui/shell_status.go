package ui

import (
	"devpath/tracker/words"
	"errors"
	"time"

	"fyne.io/fyne/v2"
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
	sh.status.SetText(msg)
	sh.status.Show()
	sh.relayout()
	if sh.noticeTime <= 0 {
		return
	}
	time.AfterFunc(sh.noticeTime, func() {
		fyne.Do(func() {
			if sh.notice == n {
				sh.status.SetText("")
				sh.status.Hide()
				sh.relayout()
			}
		})
	})
}

// clearNotice clears the status line if it still shows msg.
func (sh *shell) clearNotice(msg string) {
	if sh.status.Text != msg {
		return
	}
	sh.notice++
	sh.status.SetText("")
	sh.status.Hide()
	sh.relayout()
}

// relayout lays the window out again after the banner or the status line
// appeared or went.
func (sh *shell) relayout() {
	if sh.body != nil {
		sh.body.Refresh()
	}
}
