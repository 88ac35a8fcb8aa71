package ui

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
)

// evidenceStore is what the evidence dialog needs of the store.
type evidenceStore interface {
	Evidence(itemID string) ([]tracker.Evidence, error)
	AddEvidence(e tracker.Evidence) (tracker.Evidence, error)
	UpdateEvidence(e tracker.Evidence) error
	DeleteEvidence(id int64) error
}

// evidenceDialog lists the evidence of one roadmap entry and adds, edits and
// deletes it.
type evidenceDialog struct {
	env      *env
	store    evidenceStore
	entry    roadmap.Entry
	readOnly bool

	items   []tracker.Evidence
	editing *tracker.Evidence // the entry being edited, nil when adding

	list      *widget.List
	empty     *widget.Label
	formTitle *widget.Label
	note      *widget.Entry
	link      *widget.Entry
	date      *widget.Entry
	linkErr   *widget.Label
	dateErr   *widget.Label
	formErr   *widget.Label
	save      *widget.Button
	cancel    *widget.Button
	body      *fyne.Container
	dlg       *dialog.CustomDialog
}

// showEvidence opens the evidence dialog of an entry and loads its
// evidence in the background.
func showEvidence(st evidenceStore, e *env, entry roadmap.Entry, readOnly bool) *evidenceDialog {
	d := &evidenceDialog{env: e, store: st, entry: entry, readOnly: readOnly}
	d.list = &widget.List{Length: func() int { return len(d.items) }, CreateItem: d.createRow, UpdateItem: d.updateRow}
	d.list.ExtendBaseWidget(d.list)
	d.empty = &widget.Label{Text: "No evidence yet. Add a note below: what you did, and a link to it if there is one.", Wrapping: fyne.TextWrapWord}
	d.formTitle = &widget.Label{Text: "Add evidence", TextStyle: fyne.TextStyle{Bold: true}}
	d.note = widget.NewMultiLineEntry()
	d.note.Wrapping = fyne.TextWrapWord
	d.note.SetMinRowsVisible(3)
	d.note.PlaceHolder = "What did you do? For example: led the incident review for the March outage"
	d.link = &widget.Entry{PlaceHolder: "https://… (optional)", OnChanged: d.checkLink}
	d.link.ExtendBaseWidget(d.link)
	d.date = &widget.Entry{Text: formatDay(e.today()), OnChanged: d.checkDate}
	d.date.ExtendBaseWidget(d.date)
	d.linkErr = newErrorLabel()
	d.dateErr = newErrorLabel()
	d.formErr = newErrorLabel()
	d.save = &widget.Button{Text: "Add", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: d.onSave}
	d.save.ExtendBaseWidget(d.save)
	d.cancel = &widget.Button{Text: "Cancel edit", OnTapped: d.resetForm}
	d.cancel.ExtendBaseWidget(d.cancel)
	d.cancel.Hide()

	form := container.New(layout.NewFormLayout(),
		widget.NewLabel("Note"), d.note,
		widget.NewLabel("Link"), container.NewVBox(d.link, d.linkErr),
		widget.NewLabel("Date"), container.NewVBox(d.date, d.dateErr),
	)
	bottom := container.NewVBox(widget.NewSeparator(), d.formTitle, form, d.formErr, container.NewHBox(layout.NewSpacer(), d.cancel, d.save))
	if readOnly {
		d.note.Disable()
		d.link.Disable()
		d.date.Disable()
		d.save.Disable()
		d.formTitle.SetText("Read-only: evidence can't be added or changed.")
	}
	head := &widget.Label{Text: kindName(entry.Kind) + ": " + entry.Item.Title, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}}
	top := container.NewVBox(head)
	if entry.Item.Summary != "" {
		top.Add(&widget.Label{Text: entry.Item.Summary, Wrapping: fyne.TextWrapWord})
	}
	d.body = container.NewBorder(top, bottom, nil, nil, container.NewStack(d.empty, d.list))

	d.dlg = dialog.NewCustom("Evidence", "Close", d.body, e.win)
	d.dlg.Resize(fyne.NewSize(760, 580))
	d.dlg.Show()
	d.reload()
	return d
}

// kindName names an entry kind in the user's words.
func kindName(kind string) string {
	switch kind {
	case roadmap.KindCriterion:
		return "Criterion"
	case roadmap.KindMilestone:
		return "Milestone"
	case roadmap.KindBranchItem:
		return "Branch skill"
	}
	return "Skill"
}

func newErrorLabel() *widget.Label {
	l := &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	l.ExtendBaseWidget(l)
	l.Hide()
	return l
}

// setError shows err's message in an error label, or hides the label, and
// lays the dialog out again.
func (d *evidenceDialog) setError(l *widget.Label, err error) {
	if err == nil {
		l.SetText("")
		l.Hide()
	} else {
		l.SetText(err.Error())
		l.Show()
	}
	if d.body != nil {
		d.body.Refresh()
	}
}

// reload fetches the entry's evidence in the background.
func (d *evidenceDialog) reload() {
	var items []tracker.Evidence
	d.env.async(func() error {
		var err error
		items, err = d.store.Evidence(d.entry.Item.ID)
		return err
	}, func(err error) {
		if err != nil {
			d.setError(d.formErr, fmt.Errorf("couldn't load the evidence: %w", err))
			return
		}
		d.items = items
		if len(items) == 0 {
			d.empty.Show()
		} else {
			d.empty.Hide()
		}
		d.body.Refresh()
	})
}

// evidenceRow is one row of the evidence list: date, note, link and the
// edit and delete buttons.
type evidenceRow struct {
	widget.BaseWidget
	date   *widget.Label
	note   *widget.Label
	link   *widget.Hyperlink
	plain  *widget.Label // a link that is not http/https: never opened
	edit   *widget.Button
	delete *widget.Button
}

func (d *evidenceDialog) createRow() fyne.CanvasObject {
	r := &evidenceRow{
		date:  &widget.Label{},
		note:  &widget.Label{Truncation: fyne.TextTruncateEllipsis},
		link:  &widget.Hyperlink{Text: "open link"},
		plain: &widget.Label{Importance: widget.WarningImportance},
	}
	r.link.ExtendBaseWidget(r.link)
	r.edit = &widget.Button{Icon: theme.DocumentCreateIcon(), Importance: widget.LowImportance}
	r.edit.ExtendBaseWidget(r.edit)
	r.delete = &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance}
	r.delete.ExtendBaseWidget(r.delete)
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer lays the row out: date on the left, buttons on the right,
// the note in between.
func (r *evidenceRow) CreateRenderer() fyne.WidgetRenderer {
	right := container.NewHBox(r.link, r.plain, r.edit, r.delete)
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, r.date, right, r.note))
}

func (d *evidenceDialog) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*evidenceRow)
	if i < 0 || i >= len(d.items) {
		return
	}
	ev := d.items[i]
	r.date.SetText(formatDay(ev.Date))
	r.note.SetText(strings.ReplaceAll(ev.Note, "\n", " "))
	r.link.Hide()
	r.plain.Hide()
	if ev.Link != "" {
		if u, ok := webLink(ev.Link); ok {
			r.link.SetText(shortLink(u))
			r.link.OnTapped = func() { d.openLink(u) }
			r.link.Show()
		} else {
			r.plain.SetText("link not opened: not http or https")
			r.plain.Show()
		}
	}
	r.edit.OnTapped = func() { d.startEdit(ev) }
	r.delete.OnTapped = func() { d.confirmDelete(ev) }
	if d.readOnly {
		r.edit.Disable()
		r.delete.Disable()
	} else {
		r.edit.Enable()
		r.delete.Enable()
	}
}

// webLink parses link and reports whether it is an http or https URL with
// a host: only such links are ever opened.
func webLink(link string) (*url.URL, bool) {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || u.Host == "" {
		return nil, false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u, true
	}
	return nil, false
}

// shortLink shows a link as its host and the start of its path.
func shortLink(u *url.URL) string {
	s := u.Host + u.Path
	if r := []rune(s); len(r) > 40 {
		s = string(r[:39]) + "…"
	}
	return s
}

// openLink opens an http or https link in the browser.
func (d *evidenceDialog) openLink(u *url.URL) {
	if _, ok := webLink(u.String()); !ok {
		return
	}
	if err := d.env.app.OpenURL(u); err != nil {
		d.env.showError(fmt.Errorf("couldn't open %s in the browser: %w", u, err))
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
	if d.readOnly {
		return
	}
	d.editing = &ev
	d.formTitle.SetText("Edit the evidence of " + formatDay(ev.Date))
	d.note.SetText(ev.Note)
	d.link.SetText(ev.Link)
	d.date.SetText(formatDay(ev.Date))
	d.save.SetText("Save changes")
	d.save.SetIcon(theme.DocumentSaveIcon())
	d.cancel.Show()
	d.setError(d.formErr, nil)
}

// resetForm empties the form for a new entry.
func (d *evidenceDialog) resetForm() {
	d.editing = nil
	d.formTitle.SetText("Add evidence")
	d.note.SetText("")
	d.link.SetText("")
	d.date.SetText(formatDay(d.env.today()))
	d.save.SetText("Add")
	d.save.SetIcon(theme.ContentAddIcon())
	d.cancel.Hide()
	d.setError(d.formErr, nil)
}

// errNoNote is shown when the note is left empty.
var errNoNote = errors.New("write a note: what did you do?")

// onSave checks the form and saves the entry in the background; problems
// are shown under the fields and nothing is saved.
func (d *evidenceDialog) onSave() {
	if d.readOnly {
		return
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
		return
	}
	ev := tracker.Evidence{ItemID: d.entry.Item.ID}
	if d.editing != nil {
		ev = *d.editing
	}
	ev.Note, ev.Link, ev.Date = note, link, date
	editing := d.editing != nil
	d.save.Disable()
	d.env.async(func() error {
		if editing {
			return d.store.UpdateEvidence(ev)
		}
		_, err := d.store.AddEvidence(ev)
		return err
	}, func(err error) {
		d.save.Enable()
		if err != nil {
			d.setError(d.formErr, fmt.Errorf("not saved: %w", err))
			return
		}
		d.resetForm()
		d.reload()
		d.env.changed()
	})
}

// confirmDelete asks before deleting an evidence entry.
func (d *evidenceDialog) confirmDelete(ev tracker.Evidence) {
	if d.readOnly {
		return
	}
	msg := fmt.Sprintf("Delete the evidence of %s?\n%s\n\nEdit ▸ Undo (Ctrl+Z) brings it back.", formatDay(ev.Date), firstLine(ev.Note))
	dialog.ShowConfirm("Delete evidence", msg, func(ok bool) {
		if ok {
			d.delete(ev)
		}
	}, d.env.win)
}

// delete removes an evidence entry in the background.
func (d *evidenceDialog) delete(ev tracker.Evidence) {
	d.env.async(func() error { return d.store.DeleteEvidence(ev.ID) }, func(err error) {
		if err != nil {
			d.setError(d.formErr, fmt.Errorf("not deleted: %w", err))
			return
		}
		if d.editing != nil && d.editing.ID == ev.ID {
			d.resetForm()
		}
		d.reload()
		d.env.changed()
	})
}

// firstLine returns the first line of s, shortened to 80 characters.
func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if r := []rune(s); len(r) > 80 {
		s = string(r[:79]) + "…"
	}
	return s
}
