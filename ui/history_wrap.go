package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// wrapList is a list of the History screen whose rows show their whole
// text, wrapped: each row is as high as its lines need at the list's width,
// measured again when the width changes (as the Roadmap's rows are).
type wrapList struct {
	widget.List
	// lines returns row i's lines, each a paragraph that wraps on its own;
	// every row has as many as the template has.
	lines func(i int) [][]widget.RichTextSegment
	n     int // lines per row
	width float32
	// heights are the rows' heights last given to the list.
	heights []float32
	measure *widget.RichText
	// minRows is how many rows the list asks room for, at least: a list
	// that its neighbours squeeze to one clipped row is of no use.
	minRows int
}

// newWrapList makes a list of length() rows of n lines each.
func newWrapList(length func() int, n int, lines func(int) [][]widget.RichTextSegment) *wrapList {
	l := &wrapList{lines: lines, n: n, measure: &widget.RichText{Wrapping: fyne.TextWrapWord, Scroll: fyne.ScrollNone}}
	l.Length = length
	l.CreateItem = l.createRow
	l.UpdateItem = l.updateRow
	l.ExtendBaseWidget(l)
	return l
}

func (l *wrapList) createRow() fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, l.n)
	for i := range objs {
		objs[i] = &widget.RichText{Wrapping: fyne.TextWrapWord, Scroll: fyne.ScrollNone,
			Segments: []widget.RichTextSegment{&widget.TextSegment{Text: "2026-01-01 template row", Style: widget.RichTextStyleInline}}}
	}
	return container.New(wrapRowLayout{}, objs...)
}

func (l *wrapList) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= l.Length() {
		return
	}
	lines := l.lines(i)
	for j, obj := range o.(*fyne.Container).Objects {
		rt := obj.(*widget.RichText)
		if j < len(lines) {
			rt.Segments = lines[j]
		} else {
			rt.Segments = nil
		}
		rt.Refresh()
	}
}

// Resize measures the rows again for a new width: text wraps differently.
func (l *wrapList) Resize(size fyne.Size) {
	if size.Width != l.width {
		l.width = size.Width
		if l.applyHeights() {
			l.List.Resize(size)
			l.Refresh()
			return
		}
	}
	l.List.Resize(size)
}

// MinSize is the list's own, and at least as high as its first minRows
// rows are at its width (the template's height for rows not there yet).
func (l *wrapList) MinSize() fyne.Size {
	m := l.List.MinSize()
	if l.minRows <= 0 {
		return m
	}
	row := l.List.MinSize().Height // one template row
	h := float32(0)
	for i := range l.minRows {
		if i < len(l.heights) && l.heights[i] > 0 {
			h += l.heights[i]
		} else {
			h += row
		}
	}
	h += float32(l.minRows-1) * theme.Padding() // the list's separators
	m.Height = max(m.Height, h)
	return m
}

// reload measures every row for new contents and shows them.
func (l *wrapList) reload() {
	l.heights = l.heights[:0]
	l.applyHeights()
	l.Refresh()
}

// rowHeight is the height row i needs at width.
func (l *wrapList) rowHeight(i int, width float32) float32 {
	h := float32(0)
	for _, segs := range l.lines(i) {
		h += textHeight(l.measure, segs, width)
	}
	return h
}

// applyHeights gives every row the height it needs at the list's width and
// reports whether any changed.
func (l *wrapList) applyHeights() bool {
	if l.width <= 0 {
		return false
	}
	changed := false
	n := l.Length()
	for i := range n {
		h := l.rowHeight(i, l.width)
		for len(l.heights) <= i {
			l.heights = append(l.heights, -1)
		}
		if l.heights[i] != h {
			l.heights[i] = h
			l.SetItemHeight(i, h)
			changed = true
		}
	}
	l.heights = l.heights[:n]
	return changed
}

// rowText is a plain line of a row.
func rowText(text string) []widget.RichTextSegment {
	return []widget.RichTextSegment{&widget.TextSegment{Text: text, Style: widget.RichTextStyleInline}}
}

// rowTitle is the bold first line of a row; colour names its colour, or
// is empty for the text's own.
func rowTitle(text string, colour fyne.ThemeColorName) []widget.RichTextSegment {
	st := widget.RichTextStyleStrong
	st.Inline = true
	if colour != "" {
		st.ColorName = colour
	}
	return []widget.RichTextSegment{&widget.TextSegment{Text: text, Style: st}}
}

// rowPrimary is the colour of a row that stands out (a check-in among the
// changes).
const rowPrimary = theme.ColorNamePrimary

// wrapRowLayout stacks a row's lines, each as high as its text wraps to at
// the row's width. A box layout would place them by the heights they had at
// their last width, and a line that wraps anew would run into the next.
type wrapRowLayout struct{}

// Layout gives each line the row's width, then the height it needs there.
func (wrapRowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		o.Resize(fyne.NewSize(size.Width, o.Size().Height))
		h := o.MinSize().Height
		o.Resize(fyne.NewSize(size.Width, h))
		o.Move(fyne.NewPos(0, y))
		y += h
	}
}

// MinSize is the lines' heights at their present width.
func (wrapRowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.Size{}
	for _, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
	}
	return s
}
