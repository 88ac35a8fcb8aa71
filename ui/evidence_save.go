package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2/dialog"

	"devpath/tracker"
)

// apply shows a change to the entry's evidence at once, runs save in the
// background, and then either confirms the change (done, a note in the
// status line, a reload) or puts the evidence back as it was and calls
// fail.
func (d *evidenceDialog) apply(change func([]tracker.Evidence) []tracker.Evidence, save func() error, done func(), fail func(error), notice string) {
	id := d.entry.Item.ID
	before := slices.Clone(d.cache.list(id))
	d.cache.inflight[id]++
	d.cache.set(id, change(slices.Clone(before)))
	// The notice goes with the change, in the same frame; a failed save
	// takes it back.
	if d.env.notify != nil {
		d.env.notify(notice)
	}
	d.env.async(save, func(err error) {
		d.cache.inflight[id]--
		if d.cache.inflight[id] == 0 {
			d.cache.saved[id] = 0
		}
		if err != nil {
			if d.env.clearNotice != nil {
				d.env.clearNotice(notice)
			}
			d.cache.set(id, before)
			fail(namedErr(err, id, d.entry.Item.Title))
			return
		}
		if done != nil {
			done()
		}
		d.env.changed()
	})
}

// markSlow marks the new entry temp of entry id "saving…" if it is still
// not saved after savingDelay.
func (d *evidenceDialog) markSlow(id string, temp int64) {
	if d.env.after == nil {
		return
	}
	c := d.cache
	d.env.after(savingDelay, func() {
		if slices.ContainsFunc(c.list(id), func(e tracker.Evidence) bool { return e.ID == temp }) {
			c.slow[temp] = true
			if c.changed != nil {
				c.changed(id)
			}
		}
	})
}

// failed tells the user a save failed. While the dialog is open and its
// form is empty, the note goes back into the form so that nothing typed is
// lost; otherwise the message quotes it.
func (d *evidenceDialog) failed(err error, editing *tracker.Evidence, ev tracker.Evidence) {
	if !d.closed && !d.unsaved() {
		d.editing = nil
		if editing != nil {
			d.startEdit(*editing)
		}
		d.note.SetText(ev.Note)
		d.link.SetText(ev.Link)
		d.date.SetText(formatDay(ev.Date))
		d.setError(d.formErr, err)
		return
	}
	d.env.showError(fmt.Errorf("%w\n\nThe note was: %s", err, firstLine(ev.Note)))
}

// confirmDelete asks before deleting an evidence entry; Escape keeps it.
func (d *evidenceDialog) confirmDelete(ev tracker.Evidence) {
	if d.readOnly || ev.ID <= 0 {
		return
	}
	msg := fmt.Sprintf("Delete the evidence of %s?\n%s\n\nEdit ▸ Undo (Ctrl+Z) brings it back.", formatDay(ev.Date), firstLine(ev.Note))
	c := dialog.NewConfirm("Delete evidence", msg, func(ok bool) {
		if ok {
			d.delete(ev)
		}
	}, d.env.win)
	bindDialogKeys(d.env.win, c, dialogKeys{})
	c.Show()
}

// delete removes an evidence entry at once and in the background.
func (d *evidenceDialog) delete(ev tracker.Evidence) {
	if d.editing != nil && d.editing.ID == ev.ID {
		d.resetForm()
	}
	d.apply(func(items []tracker.Evidence) []tracker.Evidence {
		return slices.DeleteFunc(items, func(e tracker.Evidence) bool { return e.ID == ev.ID })
	}, func() error { return d.store.DeleteEvidence(ev.ID) }, nil, func(err error) {
		if d.closed {
			d.env.showError(fmt.Errorf("the evidence of %s was not deleted: %w", formatDay(ev.Date), err))
			return
		}
		d.setError(d.formErr, fmt.Errorf("not deleted: %w", err))
	}, "Deleted the evidence of "+formatDay(ev.Date)+" from “"+d.entry.Item.Title+"”.")
}

// firstLine returns the first line of s, shortened to 80 characters.
func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if r := []rune(s); len(r) > 80 {
		s = string(r[:79]) + "…"
	}
	return s
}
