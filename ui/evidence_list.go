package ui

import (
	"fmt"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/tracker"
	"devpath/tracker/words"
)

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
