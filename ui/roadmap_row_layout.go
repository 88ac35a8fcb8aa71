package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// rowMetrics are the sizes of the fixed columns of an entry row, measured
// once from the widgets themselves so that they follow the theme.
type rowMetrics struct {
	check, level, skip, evidence float32
	// plan is the width of the Plan toggle.
	plan float32
	// status is the width of a criterion's "confirmed" text, which takes
	// the level and N/A columns.
	status float32
	// height is the height of a one-line row: the tallest control.
	height float32
	pad    float32
	// titleMin is the narrowest the title column gets; below it the row
	// stops shrinking and the list scrolls sideways no more.
	titleMin float32
	// titleMax is the widest the title column gets.
	titleMax float32
}

// metrics returns the row sizes, measuring them on first use.
func (s *roadmapScreen) metrics() rowMetrics {
	if s.rowSizes.height > 0 {
		return s.rowSizes
	}
	th := theme.Current()
	if s.list != nil {
		th = s.list.Theme()
	}
	pad := th.Size(theme.SizeNamePadding)
	check := widget.NewCheck("", nil).MinSize()
	skip := widget.NewCheck("N/A", nil).MinSize()
	ev := widget.NewButtonWithIcon("99", theme.DocumentIcon(), nil)
	ev.Importance = widget.LowImportance
	evSize := ev.MinSize()
	planSize := planButtonSize()
	// The level column fits the longest level name.
	widest := ""
	for _, n := range levelNames {
		if len(n) > len(widest) {
			widest = n
		}
	}
	level := widget.NewSelect(levelNames, nil)
	level.PlaceHolder = widest + "  "
	levelSize := level.MinSize()
	m := rowMetrics{
		check:    check.Width,
		level:    levelSize.Width,
		skip:     skip.Width,
		evidence: evSize.Width,
		plan:     planSize.Width,
		height:   max(check.Height, levelSize.Height, skip.Height, evSize.Height, planSize.Height),
		pad:      pad,
		titleMin: 8 * th.Size(theme.SizeNameText),
		titleMax: 44 * th.Size(theme.SizeNameText),
	}
	m.status = m.level + pad + m.skip
	s.rowSizes = m
	return m
}

// titleWidth is the width of the title column in a row of the given width.
// In a wide window it stops growing, so that the controls stay near the
// titles they belong to.
func (m rowMetrics) titleWidth(rowWidth float32) float32 {
	w := rowWidth - m.check - m.level - m.skip - m.evidence - m.plan - 5*m.pad
	return min(max(w, m.titleMin), m.titleMax)
}

// minWidth is the narrowest an entry row gets.
func (m rowMetrics) minWidth() float32 {
	return m.check + m.titleMin + m.level + m.skip + m.evidence + m.plan + 5*m.pad
}

// rowLayout places a row's parts: the tick box on the left, the level, N/A
// and evidence columns on the right, and the title, wrapped, in between.
type rowLayout struct{ r *rmRowView }

func (l rowLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	r := l.r
	m := r.screen.metrics()
	if r.kind != rowItem {
		// A header's menu sits in the evidence column, at its first line.
		hw := headerWidth(m, size.Width)
		r.header.Move(fyne.NewPos(0, 0))
		r.header.Resize(fyne.NewSize(hw, size.Height))
		icon := r.screen.list.Theme().Size(theme.SizeNameInlineIcon)
		r.menu.Move(fyne.NewPos(hw+m.pad+(m.evidence-icon)/2, max((m.height-icon)/2, 0)))
		r.menu.Resize(fyne.NewSize(icon, icon))
		return
	}
	mid := func(h float32) float32 { return max((size.Height-h)/2, 0) }
	tw := m.titleWidth(size.Width)
	x := m.check + m.pad + tw + m.pad
	r.level.Move(fyne.NewPos(x, mid(m.height)))
	r.level.Resize(fyne.NewSize(m.level, m.height))
	r.status.Move(fyne.NewPos(x, mid(m.height)))
	r.status.Resize(fyne.NewSize(m.status, m.height))
	x += m.level + m.pad
	r.na.Move(fyne.NewPos(x, mid(m.height)))
	r.na.Resize(fyne.NewSize(m.skip, m.height))
	x += m.skip + m.pad
	r.evidence.Move(fyne.NewPos(x, mid(m.height)))
	r.evidence.Resize(fyne.NewSize(m.evidence, m.height))
	x += m.evidence + m.pad
	r.plan.Move(fyne.NewPos(x, mid(m.height)))
	r.plan.Resize(fyne.NewSize(m.plan, m.height))
	r.check.Move(fyne.NewPos(0, mid(m.height)))
	r.check.Resize(fyne.NewSize(m.check, m.height))
	r.title.Resize(fyne.NewSize(tw, r.title.MinSize().Height))
	th := r.title.MinSize().Height
	r.title.Resize(fyne.NewSize(tw, th))
	r.title.Move(fyne.NewPos(m.check+m.pad, mid(th)))
}

func (l rowLayout) MinSize([]fyne.CanvasObject) fyne.Size { return l.r.MinSize() }

// headerWidth is the width of a header's text in a row of the given width:
// up to the evidence column, where its menu sits.
func headerWidth(m rowMetrics, rowWidth float32) float32 {
	return m.check + m.pad + m.titleWidth(rowWidth) + m.pad + m.level + m.pad + m.skip
}

// rowHeight is the height row i needs at the list's width. Heights are
// remembered per text and width: a tick changes one header, not the rest.
func (s *roadmapScreen) rowHeight(i int, width float32) float32 {
	m := s.metrics()
	row := s.rows[i]
	key := heightKey{kind: row.kind, text: row.text, tag: row.tag, width: width}
	if row.kind == rowItem {
		key.text = row.entry.Item.Title
	}
	if h, ok := s.heightOf[key]; ok {
		return h
	}
	var h float32
	if row.kind != rowItem {
		h = max(m.height, textHeight(s.measure, headerSegments(row), headerWidth(m, width)))
	} else {
		h = max(m.height, textHeight(s.measure, titleSegments(row.entry.Item.Title, row.tag), m.titleWidth(width)))
	}
	if len(s.heightOf) > 4096 {
		clear(s.heightOf) // old widths and texts
	}
	s.heightOf[key] = h
	return h
}

// heightKey is what a row's height depends on.
type heightKey struct {
	kind      rowKind
	text, tag string
	width     float32
}

// textHeight is the height of the wrapped text segs at width, measured on
// rt. A text that fits on one line is not laid out at all.
func textHeight(rt *widget.RichText, segs []widget.RichTextSegment, width float32) float32 {
	th := theme.Current()
	inner := th.Size(theme.SizeNameInnerPadding)
	size := th.Size(theme.SizeNameText)
	one := float32(0)
	simple := true // one line of text in the normal size
	for _, sg := range segs {
		t, ok := sg.(*widget.TextSegment)
		if !ok || !t.Inline() || (t.Style.SizeName != "" && t.Style.SizeName != theme.SizeNameText) {
			simple = false
			break
		}
		one += fyne.MeasureText(t.Text, size, t.Style.TextStyle).Width
	}
	if simple && one+2*inner <= width {
		return fyne.MeasureText("M", size, fyne.TextStyle{}).Height + 2*inner
	}
	rt.Segments = segs
	rt.Resize(fyne.NewSize(width, 1))
	rt.Refresh()
	return rt.MinSize().Height
}

// applyHeights gives every row the height it needs at the list's width and
// reports whether any changed; the caller then refreshes the list once.
func (s *roadmapScreen) applyHeights() bool {
	width := s.list.width
	if width <= 0 {
		return false
	}
	m := s.metrics()
	changed := false
	s.quiet = true
	for i := range s.rows {
		h := s.rowHeight(i, width)
		old := m.height
		if i < len(s.heights) {
			old = s.heights[i]
		}
		for len(s.heights) <= i {
			s.heights = append(s.heights, m.height)
		}
		if h != old {
			s.heights[i] = h
			s.list.SetItemHeight(i, h)
			changed = true
		}
	}
	s.quiet = false
	return changed
}

// rowTop is the offset of row i from the top of the list's content.
func (s *roadmapScreen) rowTop(i int) float32 {
	sep := s.list.Theme().Size(theme.SizeNamePadding)
	m := s.metrics()
	y := float32(0)
	for j := 0; j < i && j < len(s.rows); j++ {
		h := m.height
		if j < len(s.heights) {
			h = s.heights[j]
		}
		y += h + sep
	}
	return y
}

// rowBottom is the offset of the bottom of row i.
func (s *roadmapScreen) rowBottom(i int) float32 {
	h := s.metrics().height
	if i < len(s.heights) {
		h = s.heights[i]
	}
	return s.rowTop(i) + h
}
