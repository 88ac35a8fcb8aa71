package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/words"
)

// evidenceDialog lists the evidence of one roadmap entry and adds, edits and
// deletes it. Every change shows at once and is saved in the background; a
// failed save puts things back and says so.
type evidenceDialog struct {
	env      *env
	store    evidenceStore
	cache    *evidenceCache
	entry    roadmap.Entry
	readOnly bool
	closed   bool
	// onClosed runs after the dialog closed, to give the focus back.
	onClosed func()

	editing *tracker.Evidence // the entry being edited, nil when adding

	list      *widget.List
	heights   []float32
	measure   *widget.RichText
	empty     *widget.Label
	formTitle *widget.Label
	note      *noteEntry
	link      *dialogEntry
	date      *dialogEntry
	// level is the skill level the evidence shows (skills only; nil for
	// criteria and milestones, which evidence confirms or not).
	level       *widget.Select
	levelSelect *widget.Select // the level field, shown for skills only
	levelName   *widget.Label
	form        *fyne.Container
	formRows    int // the form's objects for every entry: Note, Link, Date
	head        *widget.Label
	summary     *widget.Label
	linkErr     *widget.Label
	dateErr     *widget.Label
	formErr     *widget.Label
	save        *widget.Button
	cancel      *widget.Button
	close       *widget.Button
	body        *fyne.Container
	dlg         *dialog.CustomDialog
	// prompt is the "not saved" question while it is on view.
	prompt *dialog.CustomDialog
	themed themeFollower
	keys   *keyedDialog
}

// showEvidence opens the evidence dialog of an entry on the evidence the
// window already holds, with the keyboard focus in the note.
func showEvidence(st evidenceStore, e *env, cache *evidenceCache, entry roadmap.Entry, readOnly bool) *evidenceDialog {
	d := newEvidenceDialog(st, e, cache)
	d.open(entry, readOnly)
	return d
}

// newEvidenceDialog builds the dialog's widgets once; open shows it for an
// entry, as often as asked. Building them took most of the time a click
// on an evidence button took.
func newEvidenceDialog(st evidenceStore, e *env, cache *evidenceCache) *evidenceDialog {
	d := &evidenceDialog{env: e, store: st, cache: cache}
	d.themed.seen = e.themeCount()
	d.measure = &widget.RichText{Wrapping: fyne.TextWrapWord, Scroll: fyne.ScrollNone}
	d.list = &widget.List{Length: func() int { return len(d.items()) }, CreateItem: d.createRow, UpdateItem: d.updateRow}
	d.list.ExtendBaseWidget(d.list)
	d.empty = &widget.Label{Text: "No evidence yet. Add a note below: what you did, and a link to it if there is one.", Wrapping: fyne.TextWrapWord}
	d.formTitle = &widget.Label{Text: "Add evidence", TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	d.note = newNoteEntry(e.win)
	d.note.SetMinRowsVisible(3)
	d.note.PlaceHolder = "What did you do? For example: led the incident review for the March outage"
	d.link = newDialogEntry(e.win, false)
	d.link.PlaceHolder = "https://… (optional)"
	d.link.OnChanged = d.checkLink
	d.date = newDialogEntry(e.win, false)
	d.date.Text = formatDay(e.today())
	d.date.OnChanged = d.checkDate
	d.linkErr = newErrorLabel()
	d.dateErr = newErrorLabel()
	d.formErr = newErrorLabel()
	d.save = &widget.Button{Text: "Add", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: func() { d.onSave() }}
	d.save.ExtendBaseWidget(d.save)
	d.cancel = &widget.Button{Text: "Cancel edit", OnTapped: d.resetForm}
	d.cancel.ExtendBaseWidget(d.cancel)
	d.cancel.Hide()
	d.close = &widget.Button{Text: "Close", OnTapped: d.requestClose}
	d.close.ExtendBaseWidget(d.close)
	d.levelSelect = widget.NewSelect(evidenceLevelOptions(), nil)
	d.levelSelect.SetSelectedIndex(0)
	d.levelName = widget.NewLabel(evidenceLevelName)

	d.form = container.New(layout.NewFormLayout(),
		widget.NewLabel("Note"), d.note,
		widget.NewLabel("Link"), container.NewVBox(d.link, d.linkErr),
		widget.NewLabel("Date"), container.NewVBox(d.date, d.dateErr),
	)
	d.formRows = len(d.form.Objects)
	small := widget.RichTextStyleInline
	small.SizeName = theme.SizeNameCaptionText
	hint := &widget.RichText{Segments: []widget.RichTextSegment{&widget.TextSegment{Text: "Enter in Link or Date adds the note · Esc closes", Style: small}}, Truncation: fyne.TextTruncateEllipsis, Scroll: fyne.ScrollNone}
	bottom := container.NewVBox(widget.NewSeparator(), d.formTitle, d.form, d.formErr,
		container.NewBorder(nil, nil, nil, container.NewHBox(d.cancel, d.save), hint))
	d.head = &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}}
	d.summary = &widget.Label{Wrapping: fyne.TextWrapWord}
	top := container.NewVBox(d.head, d.summary)
	d.body = container.NewBorder(top, bottom, nil, nil, container.NewStack(d.empty, d.list))

	d.dlg = dialog.NewCustomWithoutButtons("Evidence", d.body, e.win)
	d.dlg.SetButtons([]fyne.CanvasObject{d.close})
	d.dlg.SetOnClosed(func() {
		d.closed = true
		if d.onClosed != nil {
			updateBackdrop(e.win) // the screen back before its focus
			d.onClosed()
		}
	})
	return d
}

// open shows the dialog for entry, with an empty form and the keyboard in
// the note.
func (d *evidenceDialog) open(entry roadmap.Entry, readOnly bool) {
	e := d.env
	d.entry, d.readOnly, d.closed = entry, readOnly, false
	d.head.SetText(words.KindTitle(entry.Kind) + ": " + entry.Item.Title)
	d.summary.SetText(entry.Item.Summary)
	if entry.Item.Summary == "" {
		d.summary.Hide()
	} else {
		d.summary.Show()
	}
	// Skills say which level the evidence shows; criteria and milestones
	// are confirmed or not.
	d.level = nil
	d.form.Objects = d.form.Objects[:d.formRows]
	if !words.Confirmable(entry.Kind) {
		d.level = d.levelSelect
		d.form.Objects = append(d.form.Objects, d.levelName, d.levelSelect)
	}
	d.form.Refresh()
	for _, w := range []fyne.Disableable{d.note, d.link, d.date, d.levelSelect, d.save} {
		setEnabled(w, !readOnly)
	}
	d.resetForm()
	d.setError(d.linkErr, nil)
	d.setError(d.dateErr, nil)
	if readOnly {
		d.formTitle.SetText("Read-only: evidence can't be added or changed.")
	}
	d.heights = d.heights[:0]
	d.showEmpty()
	if d.themed.followTheme(e) {
		repaintDialog(d.dlg, d.note, d.link, d.date)
	}
	unhover(d.save)
	showReused(e.win, d.dlg, dialogKeys{cancel: d.requestClose, submit: func() { d.onSave() }}, &d.keys)
	d.dlg.Resize(dialogSize(e.win, fyne.NewSize(760, 580)))
	d.applyHeights()
	d.list.Refresh()
	d.list.ScrollToTop()
	if !readOnly {
		e.win.Canvas().Focus(d.note)
	}
}

// noteEntry is the multi-line note of the dialog. Tab leaves it for the
// next field, as everywhere else in the window, instead of typing a tab:
// a note has no use for one, and a keyboard user would be stuck in it.
type noteEntry struct {
	dialogEntry
}

func newNoteEntry(win fyne.Window) *noteEntry {
	n := &noteEntry{}
	n.win = win
	n.MultiLine = true
	n.Wrapping = fyne.TextWrapWord
	n.ExtendBaseWidget(n)
	return n
}

// AcceptsTab lets Tab move the focus on.
func (n *noteEntry) AcceptsTab() bool { return false }

// dialogSize is want, made smaller to fit in the window with a margin.
func dialogSize(win fyne.Window, want fyne.Size) fyne.Size {
	c := win.Canvas().Size()
	if c.Width > 0 {
		want.Width = min(want.Width, c.Width-32)
	}
	if c.Height > 0 {
		want.Height = min(want.Height, c.Height-24)
	}
	return want
}

func newErrorLabel() *widget.Label {
	l := &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	l.ExtendBaseWidget(l)
	l.Hide()
	return l
}

// items is the entry's evidence as shown.
func (d *evidenceDialog) items() []tracker.Evidence { return d.cache.list(d.entry.Item.ID) }

// requestClose closes the dialog (Close, Escape), first asking what to do
// with a note typed and not saved.
func (d *evidenceDialog) requestClose() {
	if d.unsaved() {
		d.askUnsaved()
		return
	}
	d.dlg.Hide()
}

// askUnsaved asks whether to save the typed note, discard it, or go on
// editing. Escape goes on editing; Enter saves.
func (d *evidenceDialog) askUnsaved() {
	if d.prompt != nil {
		return
	}
	what := "The note you typed is not saved yet."
	if d.editing != nil {
		what = "Your changes to this evidence are not saved yet."
	}
	msg := &widget.Label{Text: what + " Save it before closing?", Wrapping: fyne.TextWrapWord}
	p := dialog.NewCustomWithoutButtons("Not saved", msg, d.env.win)
	keep := func() { p.Hide() }
	save := func() {
		p.Hide()
		if d.onSave() {
			d.dlg.Hide()
		}
	}
	p.SetButtons([]fyne.CanvasObject{
		&widget.Button{Text: "Keep editing", OnTapped: keep},
		&widget.Button{Text: "Discard", Importance: widget.DangerImportance, OnTapped: func() { p.Hide(); d.dlg.Hide() }},
		&widget.Button{Text: "Save", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: save},
	})
	bindDialogKeys(d.env.win, p, dialogKeys{cancel: keep, submit: save})
	p.SetOnClosed(func() { d.prompt = nil })
	d.prompt = p
	p.Resize(dialogSize(d.env.win, fyne.NewSize(440, p.MinSize().Height)))
	p.Show()
}
