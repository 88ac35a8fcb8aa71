package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/tracker"
	"devpath/tracker/words"
)

// setError shows err's message in an error label, or hides the label, and
// lays the dialog out again when the label's size or visibility changed:
// a check runs on every key press, and most leave the message as it was.
func (d *evidenceDialog) setError(l *widget.Label, err error) {
	size, shown := l.MinSize(), l.Visible()
	if err != nil {
		l.SetText(err.Error())
		l.Show()
	} else {
		l.SetText("")
		l.Hide()
	}
	if d.body != nil && (l.MinSize() != size || l.Visible() != shown) {
		d.body.Refresh()
	}
}

func (d *evidenceDialog) checkLink(s string) {
	d.setError(d.linkErr, tracker.ValidateLink(strings.TrimSpace(s)))
}

func (d *evidenceDialog) checkDate(s string) {
	_, err := tracker.ParseDate(strings.TrimSpace(s), d.env.today())
	d.setError(d.dateErr, err)
}

// startEdit fills the form with an evidence entry to change it.
func (d *evidenceDialog) startEdit(ev tracker.Evidence) {
	if d.readOnly || ev.ID <= 0 {
		return
	}
	d.editing = &ev
	d.formTitle.SetText("Edit the evidence of " + formatDay(ev.Date))
	d.note.SetText(ev.Note)
	d.link.SetText(ev.Link)
	d.date.SetText(formatDay(ev.Date))
	if d.level != nil {
		d.level.SetSelectedIndex(int(ev.Level))
	}
	d.save.SetText("Save changes")
	d.save.SetIcon(theme.DocumentSaveIcon())
	d.cancel.Show()
	d.setError(d.formErr, nil)
	d.env.win.Canvas().Focus(d.note)
}

// resetForm empties the form for a new entry.
func (d *evidenceDialog) resetForm() {
	d.editing = nil
	d.formTitle.SetText("Add evidence")
	d.note.SetText("")
	d.link.SetText("")
	d.date.SetText(formatDay(d.env.today()))
	if d.level != nil {
		d.level.SetSelectedIndex(0)
	}
	d.save.SetText("Add")
	d.save.SetIcon(theme.ContentAddIcon())
	d.cancel.Hide()
	d.setError(d.formErr, nil)
}

// unsaved reports whether the form holds typing that is not saved: a new
// note or link, or a change to the entry being edited.
func (d *evidenceDialog) unsaved() bool {
	if d.readOnly {
		return false
	}
	note, link := strings.TrimSpace(d.note.Text), strings.TrimSpace(d.link.Text)
	if d.editing == nil {
		return note != "" || link != ""
	}
	return note != d.editing.Note || link != d.editing.Link || strings.TrimSpace(d.date.Text) != formatDay(d.editing.Date) || d.levelChosen() != d.editing.Level
}

// evidenceLevelName names the field that says which level a skill's
// evidence shows. "Shows: the level you claim" left open what was shown
// and what claiming meant; the field now reads as a sentence, "Evidence
// of: the level you ticked" or "Evidence of: Practising level".
const evidenceLevelName = "Evidence of"

// evidenceLevelOptions are the choices of the "Evidence of" field, by
// level: 0 backs whatever level the entry is ticked at, now or later.
func evidenceLevelOptions() []string {
	out := []string{"the level you ticked, whichever it is"}
	for l := tracker.Learning; l <= tracker.Expert; l++ {
		out = append(out, words.UpperFirst(words.Level(l))+" level")
	}
	return out
}

// levelChosen is the level chosen in the "Evidence of" field (0 for criteria and
// milestones).
func (d *evidenceDialog) levelChosen() tracker.Level {
	if d.level == nil || d.level.SelectedIndex() < 0 {
		return tracker.NotStarted
	}
	return tracker.Level(d.level.SelectedIndex())
}

// errNoNote is shown when the note is left empty.
var errNoNote = errors.New("write a note: what did you do?")

// onSave checks the form and, when it is right, shows the entry at once,
// empties the form and saves in the background; it reports whether it
// did. Problems are shown under the fields and nothing is saved.
func (d *evidenceDialog) onSave() bool {
	if d.readOnly {
		return false
	}
	note := strings.TrimSpace(d.note.Text)
	link := strings.TrimSpace(d.link.Text)
	linkErr := tracker.ValidateLink(link)
	date, dateErr := tracker.ParseDate(strings.TrimSpace(d.date.Text), d.env.today())
	d.setError(d.linkErr, linkErr)
	d.setError(d.dateErr, dateErr)
	if note == "" {
		d.setError(d.formErr, errNoNote)
	} else {
		d.setError(d.formErr, nil)
	}
	if note == "" || linkErr != nil || dateErr != nil {
		return false
	}
	id := d.entry.Item.ID
	if d.editing != nil {
		old := *d.editing
		ev := old
		ev.Note, ev.Link, ev.Date, ev.Level = note, link, date, d.levelChosen()
		d.resetForm()
		d.apply(func(items []tracker.Evidence) []tracker.Evidence {
			for i := range items {
				if items[i].ID == ev.ID {
					items[i] = ev
				}
			}
			return items
		}, func() error { return d.store.UpdateEvidence(ev) }, nil, func(err error) {
			d.failed(fmt.Errorf("your changes to the evidence of %s were not saved: %w", formatDay(old.Date), err), &old, ev)
		}, "Saved your changes to the evidence of “"+d.entry.Item.Title+"”.")
		return true
	}
	ev := tracker.Evidence{ID: d.cache.tempID(), ItemID: id, Note: note, Link: link, Date: date, Level: d.levelChosen()}
	temp := ev.ID
	var saved tracker.Evidence
	d.resetForm()
	d.apply(func(items []tracker.Evidence) []tracker.Evidence {
		return append(items, ev)
	}, func() error {
		add := ev
		add.ID = 0
		var err error
		saved, err = d.store.AddEvidence(add)
		return err
	}, func() {
		// Give the shown entry its id, so that it can be edited.
		items := slices.Clone(d.cache.list(id))
		for i := range items {
			if items[i].ID == temp {
				items[i] = saved
			}
		}
		delete(d.cache.slow, temp)
		d.cache.set(id, items)
	}, func(err error) {
		delete(d.cache.slow, temp)
		d.failed(fmt.Errorf("the note was not saved: %w", err), nil, ev)
	}, "Added evidence to “"+d.entry.Item.Title+"”.")
	d.markSlow(id, temp)
	if i := slices.IndexFunc(d.items(), func(e tracker.Evidence) bool { return e.ID == temp }); i >= 0 {
		d.list.ScrollTo(i)
	}
	return true
}
