package ui

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

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

// evidenceStore is what the evidence dialog needs of the store.
type evidenceStore interface {
	Evidence(itemID string) ([]tracker.Evidence, error)
	AddEvidence(e tracker.Evidence) (tracker.Evidence, error)
	UpdateEvidence(e tracker.Evidence) error
	DeleteEvidence(id int64) error
}

// evidenceCache holds the evidence of each entry as the window shows it:
// the latest snapshot's, with the changes still being saved. The dialog
// changes it at once and the store catches up in the background.
type evidenceCache struct {
	byItem   map[string][]tracker.Evidence
	inflight map[string]int // writes not yet answered, per entry
	// saved holds the entries whose writes are all answered and whose
	// snapshot has not yet agreed, with the snapshots that disagreed: the
	// first may have been read before the save, the next is the truth.
	saved map[string]int
	// changed is called after the evidence of an entry changed on screen.
	changed func(itemID string)
	// nextTemp numbers the entries not saved yet, below zero.
	nextTemp int64
	// slow holds the entries not saved yet whose save has taken longer
	// than savingDelay: only they are marked "saving…".
	slow map[int64]bool
	// freshFrom is the first day evidence counts in the evidenced score;
	// zero when the roadmap turns evidence off (nothing is stale).
	freshFrom time.Time
}

// savingDelay is how long a note's save may take before its row says
// "saving…". A save answers well within it on a working disk, and a mark
// that comes and goes in a few milliseconds would only be a flicker that
// delays the note's final look by a frame and a transaction.
const savingDelay = 300 * time.Millisecond

func newEvidenceCache(changed func(string)) *evidenceCache {
	return &evidenceCache{byItem: map[string][]tracker.Evidence{}, inflight: map[string]int{}, saved: map[string]int{}, slow: map[int64]bool{}, changed: changed}
}

// load takes a snapshot's evidence, except for the entries with a write
// in flight, or just saved and not yet in the snapshot: their on-screen
// state is newer.
func (c *evidenceCache) load(all map[string][]tracker.Evidence) {
	keep := func(id string) bool {
		if c.inflight[id] > 0 {
			return true
		}
		n, ok := c.saved[id]
		if !ok {
			return false
		}
		if sameEvidence(c.byItem[id], all[id]) || n > 0 {
			delete(c.saved, id)
			return false
		}
		c.saved[id] = n + 1
		return true
	}
	for id := range c.byItem {
		if _, ok := all[id]; !ok && !keep(id) {
			delete(c.byItem, id)
		}
	}
	for id, ev := range all {
		if !keep(id) {
			c.byItem[id] = ev
		}
	}
}

// sameEvidence reports whether two lists hold the same entries.
func sameEvidence(a, b []tracker.Evidence) bool {
	return slices.EqualFunc(a, b, func(x, y tracker.Evidence) bool {
		return x.ID == y.ID && x.Note == y.Note && x.Link == y.Link && x.Date.Equal(y.Date)
	})
}

// list returns an entry's evidence, oldest first.
func (c *evidenceCache) list(id string) []tracker.Evidence { return c.byItem[id] }

// set replaces an entry's evidence on screen, keeping the store's order:
// by date, then by when it was added.
func (c *evidenceCache) set(id string, items []tracker.Evidence) {
	slices.SortStableFunc(items, func(a, b tracker.Evidence) int { return a.Date.Compare(b.Date) })
	c.byItem[id] = items
	if c.changed != nil {
		c.changed(id)
	}
}

// tempID numbers an entry shown before the store gave it its id.
func (c *evidenceCache) tempID() int64 {
	c.nextTemp--
	return c.nextTemp
}

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
	level   *widget.Select
	linkErr *widget.Label
	dateErr *widget.Label
	formErr *widget.Label
	save    *widget.Button
	cancel  *widget.Button
	close   *widget.Button
	body    *fyne.Container
	dlg     *dialog.CustomDialog
	// prompt is the "not saved" question while it is on view.
	prompt *dialog.CustomDialog
}

// showEvidence opens the evidence dialog of an entry on the evidence the
// window already holds, with the keyboard focus in the note.
func showEvidence(st evidenceStore, e *env, cache *evidenceCache, entry roadmap.Entry, readOnly bool) *evidenceDialog {
	d := &evidenceDialog{env: e, store: st, cache: cache, entry: entry, readOnly: readOnly}
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

	form := container.New(layout.NewFormLayout(),
		widget.NewLabel("Note"), d.note,
		widget.NewLabel("Link"), container.NewVBox(d.link, d.linkErr),
		widget.NewLabel("Date"), container.NewVBox(d.date, d.dateErr),
	)
	if !words.Confirmable(entry.Kind) {
		d.level = widget.NewSelect(evidenceLevelOptions(), nil)
		d.level.SetSelectedIndex(0)
		form.Add(widget.NewLabel("Shows"))
		form.Add(d.level)
	}
	small := widget.RichTextStyleInline
	small.SizeName = theme.SizeNameCaptionText
	hint := &widget.RichText{Segments: []widget.RichTextSegment{&widget.TextSegment{Text: "Enter in Link or Date adds the note · Esc closes", Style: small}}, Truncation: fyne.TextTruncateEllipsis, Scroll: fyne.ScrollNone}
	bottom := container.NewVBox(widget.NewSeparator(), d.formTitle, form, d.formErr,
		container.NewBorder(nil, nil, nil, container.NewHBox(d.cancel, d.save), hint))
	if readOnly {
		d.note.Disable()
		d.link.Disable()
		d.date.Disable()
		if d.level != nil {
			d.level.Disable()
		}
		d.save.Disable()
		d.formTitle.SetText("Read-only: evidence can't be added or changed.")
	}
	head := &widget.Label{Text: words.KindTitle(entry.Kind) + ": " + entry.Item.Title, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}}
	top := container.NewVBox(head)
	if entry.Item.Summary != "" {
		top.Add(&widget.Label{Text: entry.Item.Summary, Wrapping: fyne.TextWrapWord})
	}
	d.body = container.NewBorder(top, bottom, nil, nil, container.NewStack(d.empty, d.list))
	d.showEmpty()

	d.dlg = dialog.NewCustomWithoutButtons("Evidence", d.body, e.win)
	d.dlg.SetButtons([]fyne.CanvasObject{d.close})
	bindDialogKeys(e.win, d.dlg, dialogKeys{cancel: d.requestClose, submit: func() { d.onSave() }})
	d.dlg.SetOnClosed(func() {
		d.closed = true
		if d.onClosed != nil {
			d.onClosed()
		}
	})
	d.dlg.Resize(dialogSize(e.win, fyne.NewSize(760, 580)))
	d.dlg.Show()
	d.applyHeights()
	if !readOnly {
		e.win.Canvas().Focus(d.note)
	}
	return d
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

// setError shows err's message in an error label, or hides the label, and
// lays the dialog out again when that changed.
func (d *evidenceDialog) setError(l *widget.Label, err error) {
	text := ""
	if err != nil {
		text = err.Error()
	}
	if text == l.Text && (err != nil) == l.Visible() {
		return
	}
	l.SetText(text)
	if err == nil {
		l.Hide()
	} else {
		l.Show()
	}
	if d.body != nil {
		d.body.Refresh()
	}
}

// showEmpty shows the "no evidence yet" line when there is none.
func (d *evidenceDialog) showEmpty() {
	if len(d.items()) == 0 {
		d.empty.Show()
	} else {
		d.empty.Hide()
	}
}

// refreshList shows the evidence again after it changed.
func (d *evidenceDialog) refreshList() {
	if d.closed {
		return
	}
	d.showEmpty()
	d.applyHeights()
	d.list.Refresh()
}

// evidenceRow is one row of the evidence list: the date, the note with its
// link below it, wrapped, and the edit and delete buttons.
type evidenceRow struct {
	widget.BaseWidget
	date   *widget.Label
	text   *widget.RichText
	edit   *widget.Button
	delete *widget.Button
}

func (d *evidenceDialog) createRow() fyne.CanvasObject {
	r := &evidenceRow{
		date: &widget.Label{},
		text: &widget.RichText{Wrapping: fyne.TextWrapWord, Scroll: fyne.ScrollNone},
	}
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
	right := container.NewHBox(r.edit, r.delete)
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, container.NewVBox(r.date), container.NewVBox(right), r.text))
}

// noteSegments is the text of an evidence row: the note, and its link
// below it. Only http and https links can be opened.
func (d *evidenceDialog) noteSegments(ev tracker.Evidence) []widget.RichTextSegment {
	segs := []widget.RichTextSegment{&widget.TextSegment{Text: ev.Note, Style: widget.RichTextStyleParagraph}}
	if ev.Level > tracker.NotStarted && !words.Confirmable(d.entry.Kind) {
		small := widget.RichTextStyleParagraph
		small.ColorName = theme.ColorNamePlaceHolder
		small.SizeName = theme.SizeNameCaptionText
		segs = append(segs, &widget.TextSegment{Text: "shows the " + words.Level(ev.Level) + " level", Style: small})
	}
	if d.stale(ev) {
		warn := widget.RichTextStyleParagraph
		warn.ColorName = theme.ColorNameWarning
		warn.SizeName = theme.SizeNameCaptionText
		segs = append(segs, &widget.TextSegment{Text: "stale: too old to count in the evidenced score; add something newer", Style: warn})
	}
	if ev.ID < 0 && d.cache.slow[ev.ID] {
		small := widget.RichTextStyleParagraph
		small.ColorName = theme.ColorNamePlaceHolder
		small.SizeName = theme.SizeNameCaptionText
		segs = append(segs, &widget.TextSegment{Text: "saving…", Style: small})
	}
	if ev.Link == "" {
		return segs
	}
	if u, ok := webLink(ev.Link); ok {
		return append(segs, &widget.HyperlinkSegment{Text: shortLink(u), URL: u, OnTapped: func() { d.openLink(u) }})
	}
	warn := widget.RichTextStyleParagraph
	warn.ColorName = theme.ColorNameWarning
	return append(segs, &widget.TextSegment{Text: ev.Link + " (not opened: not an http or https link)", Style: warn})
}

// stale reports whether ev is too old to count in the evidenced score.
func (d *evidenceDialog) stale(ev tracker.Evidence) bool {
	return !d.cache.freshFrom.IsZero() && ev.Date.Before(d.cache.freshFrom)
}

// setRule sets the evidence rule of the roadmap in use, for the stale
// marks, on day today.
func (c *evidenceCache) setRule(rm *roadmap.Roadmap, today time.Time) {
	rule := tracker.ReadinessSettings(rm).Evidence
	c.freshFrom = time.Time{}
	if !rule.Off {
		c.freshFrom = tracker.FreshFrom(rule, today)
	}
}

// noteWidth is the width of the note column in a list of the given width.
func noteWidth(width float32) float32 {
	th := theme.Current()
	pad := th.Size(theme.SizeNamePadding)
	date := fyne.MeasureText("0000-00-00", th.Size(theme.SizeNameText), fyne.TextStyle{}).Width + 2*th.Size(theme.SizeNameInnerPadding)
	buttons := 2*(th.Size(theme.SizeNameInlineIcon)+2*th.Size(theme.SizeNameInnerPadding)) + pad
	return max(width-date-buttons-2*pad, 80)
}

// applyHeights gives each row the height its wrapped note needs.
func (d *evidenceDialog) applyHeights() {
	width := d.list.Size().Width
	if width <= 0 {
		return
	}
	th := theme.Current()
	one := th.Size(theme.SizeNameInlineIcon) + 2*th.Size(theme.SizeNameInnerPadding) // a button
	for i, ev := range d.items() {
		h := max(textHeight(d.measure, d.noteSegments(ev), noteWidth(width)), one)
		for len(d.heights) <= i {
			d.heights = append(d.heights, 0)
		}
		if d.heights[i] != h {
			d.heights[i] = h
			d.list.SetItemHeight(i, h)
		}
	}
}

func (d *evidenceDialog) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*evidenceRow)
	items := d.items()
	if i < 0 || i >= len(items) {
		return
	}
	ev := items[i]
	r.date.SetText(formatDay(ev.Date))
	r.text.Segments = d.noteSegments(ev)
	r.text.Refresh()
	r.edit.OnTapped = func() { d.startEdit(ev) }
	r.delete.OnTapped = func() { d.confirmDelete(ev) }
	// An entry still being saved has no id to edit or delete by yet, and
	// its buttons do nothing until it has; they are not greyed out for the
	// few milliseconds that takes, which would only flicker.
	setEnabled(r.edit, !d.readOnly)
	setEnabled(r.delete, !d.readOnly)
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
	if r := []rune(s); len(r) > 60 {
		s = string(r[:59]) + "…"
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

// evidenceLevelOptions are the choices of the "Shows" field, by level: 0
// supports the level claimed.
func evidenceLevelOptions() []string {
	out := []string{"the level you claim"}
	for l := tracker.Learning; l <= tracker.Expert; l++ {
		out = append(out, words.UpperFirst(words.Level(l))+" level")
	}
	return out
}

// levelChosen is the level chosen in the "Shows" field (0 for criteria and
// milestones).
func (d *evidenceDialog) levelChosen() tracker.Level {
	if d.level == nil || d.level.SelectedIndex() < 0 {
		return tracker.NotStarted
	}
	return tracker.Level(d.level.SelectedIndex())
}

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
