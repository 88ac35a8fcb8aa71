package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/words"
)

// Columns of an entry row that take the keyboard focus, in Tab order.
const (
	colCheck = iota
	colLevel
	colSkip
	colEvidence
	colCount
)

// rowMetrics are the sizes of the fixed columns of an entry row, measured
// once from the widgets themselves so that they follow the theme.
type rowMetrics struct {
	check, level, skip, evidence float32
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
		height:   max(check.Height, levelSize.Height, skip.Height, evSize.Height),
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
	w := rowWidth - m.check - m.level - m.skip - m.evidence - 4*m.pad
	return min(max(w, m.titleMin), m.titleMax)
}

// minWidth is the narrowest an entry row gets.
func (m rowMetrics) minWidth() float32 {
	return m.check + m.titleMin + m.level + m.skip + m.evidence + 4*m.pad
}

// rmCheck is a tick box of a row that keeps its row in view when it gets
// the focus and moves between rows with the arrow keys.
type rmCheck struct {
	widget.Check
	row *rmRowView
	col int
}

func newRowCheck(r *rmRowView, col int, text string, changed func(bool)) *rmCheck {
	c := &rmCheck{row: r, col: col}
	c.Text = text
	c.OnChanged = changed
	c.ExtendBaseWidget(c)
	return c
}

// FocusGained shows the focused row.
func (c *rmCheck) FocusGained() {
	c.Check.FocusGained()
	c.row.focusGained(c.col)
}

// TypedKey moves to the row above or below on Up and Down.
func (c *rmCheck) TypedKey(k *fyne.KeyEvent) {
	if !c.row.arrowKey(k, c.col) {
		c.Check.TypedKey(k)
	}
}

// rmSelect is the level menu of a row. Up and Down move between rows, as in
// the rest of the row; Space or Enter opens the menu, Left and Right step
// the level.
type rmSelect struct {
	widget.Select
	row *rmRowView
}

func newRowSelect(r *rmRowView, changed func(string)) *rmSelect {
	s := &rmSelect{row: r}
	s.Options = levelNames
	s.OnChanged = changed
	s.ExtendBaseWidget(s)
	return s
}

// FocusGained shows the focused row.
func (s *rmSelect) FocusGained() {
	s.Select.FocusGained()
	s.row.focusGained(colLevel)
}

// TypedKey opens the menu on Enter and moves between rows on Up and Down.
func (s *rmSelect) TypedKey(k *fyne.KeyEvent) {
	s.row.pressKey(k, colLevel, s.Select.TypedKey)
}

// rmButton is the evidence button of a row: Space or Enter opens the
// evidence, Up and Down move between rows.
type rmButton struct {
	widget.Button
	row *rmRowView
}

func newRowButton(r *rmRowView, tapped func()) *rmButton {
	b := &rmButton{row: r}
	b.Icon = theme.DocumentIcon()
	b.Importance = widget.LowImportance
	b.OnTapped = tapped
	b.ExtendBaseWidget(b)
	return b
}

// FocusGained shows the focused row.
func (b *rmButton) FocusGained() {
	b.Button.FocusGained()
	b.row.focusGained(colEvidence)
}

// TypedKey opens the evidence on Enter and moves between rows on Up and
// Down.
func (b *rmButton) TypedKey(k *fyne.KeyEvent) {
	b.row.pressKey(k, colEvidence, b.Button.TypedKey)
}

// pressKey handles a key on a row control in column col that Enter opens as
// Space does (the level menu, the evidence button): Up and Down move between
// rows, Enter becomes Space, and every other key goes to typed, the
// control's own handler.
func (r *rmRowView) pressKey(k *fyne.KeyEvent, col int, typed func(*fyne.KeyEvent)) {
	if r.arrowKey(k, col) {
		return
	}
	if k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter {
		typed(&fyne.KeyEvent{Name: fyne.KeySpace})
		return
	}
	typed(k)
}

// rmRowView is the widget of one row of the item list: a header, a note or
// an entry with its controls. The list reuses it for other rows as it
// scrolls.
type rmRowView struct {
	widget.BaseWidget
	screen  *roadmapScreen
	row     int    // index in screen.rows; -1 before the first update
	id      string // the entry shown, "" for a header or note
	kind    rowKind
	binding bool // true while update fills the widgets, to ignore their callbacks

	header   *widget.RichText
	check    *rmCheck
	title    *widget.RichText
	status   *widget.Label
	level    *rmSelect
	na       *rmCheck
	evidence *rmButton

	// last shown values, so that an update touches only what changed
	shownText  string
	shownTag   string
	shownCount int
}

// levelNames are the choices of the level Select, in Level order.
var levelNames = func() []string {
	out := make([]string, tracker.MaxLevel+1)
	for l := tracker.NotStarted; l <= tracker.MaxLevel; l++ {
		out[l] = words.Level(l)
	}
	return out
}()

func (s *roadmapScreen) createRow() fyne.CanvasObject {
	r := &rmRowView{screen: s, row: -1, shownCount: -1}
	r.header = &widget.RichText{Wrapping: fyne.TextWrapWord, Scroll: fyne.ScrollNone}
	r.check = newRowCheck(r, colCheck, "", r.onCheck)
	r.title = &widget.RichText{Wrapping: fyne.TextWrapWord, Scroll: fyne.ScrollNone}
	r.status = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	r.level = newRowSelect(r, r.onLevel)
	r.na = newRowCheck(r, colSkip, "N/A", r.onSkip)
	r.evidence = newRowButton(r, r.onEvidence)
	r.ExtendBaseWidget(r)
	return r
}

// MinSize is the one-line row: the list takes it as the height of rows
// that need no more, and as its own minimum width.
func (r *rmRowView) MinSize() fyne.Size {
	m := r.screen.metrics()
	return fyne.NewSize(m.minWidth(), m.height)
}

// CreateRenderer lays out the row's parts; the objects are in Tab order.
func (r *rmRowView) CreateRenderer() fyne.WidgetRenderer {
	c := &fyne.Container{Layout: rowLayout{r}, Objects: []fyne.CanvasObject{r.header, r.check, r.title, r.status, r.level, r.na, r.evidence}}
	return widget.NewSimpleRenderer(c)
}

// rowLayout places a row's parts: the tick box on the left, the level, N/A
// and evidence columns on the right, and the title, wrapped, in between.
type rowLayout struct{ r *rmRowView }

func (l rowLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	r := l.r
	if r.kind != rowItem {
		r.header.Move(fyne.NewPos(0, 0))
		r.header.Resize(size)
		return
	}
	m := r.screen.metrics()
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
	r.check.Move(fyne.NewPos(0, mid(m.height)))
	r.check.Resize(fyne.NewSize(m.check, m.height))
	r.title.Resize(fyne.NewSize(tw, r.title.MinSize().Height))
	th := r.title.MinSize().Height
	r.title.Resize(fyne.NewSize(tw, th))
	r.title.Move(fyne.NewPos(m.check+m.pad, mid(th)))
}

func (l rowLayout) MinSize([]fyne.CanvasObject) fyne.Size { return l.r.MinSize() }

// titleSegments is the text of an entry row: the title and, in the warning
// colour, why it does not count.
func titleSegments(title, tag string) []widget.RichTextSegment {
	segs := []widget.RichTextSegment{&widget.TextSegment{Text: title, Style: widget.RichTextStyleInline}}
	if tag != "" {
		style := widget.RichTextStyleInline
		style.ColorName = theme.ColorNameWarning
		segs = append(segs, &widget.TextSegment{Text: " · " + tag, Style: style})
	}
	return segs
}

// headerSegments is the text of a header or note row.
func headerSegments(row rmRow) []widget.RichTextSegment {
	style := widget.RichTextStyleInline
	if row.kind == rowHeader {
		style = widget.RichTextStyleStrong
	} else {
		style.ColorName = theme.ColorNamePlaceHolder
	}
	return []widget.RichTextSegment{&widget.TextSegment{Text: row.text, Style: style}}
}

func (s *roadmapScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*rmRowView)
	if i < 0 || i >= len(s.rows) {
		return
	}
	if r.row >= 0 && s.viewOf[r.row] == r {
		delete(s.viewOf, r.row)
	}
	s.viewOf[i] = r
	if s.quiet {
		r.row = -1 // filled by the refresh that follows
		return
	}
	row := s.rows[i]
	if r.row != i && r.hasFocus() && (s.focusRow != i || row.kind != rowItem) {
		// The list reuses the focused row's widgets for another row: take
		// the focus away rather than leave it on a different entry.
		if c := s.canvas(); c != nil {
			c.Unfocus()
		}
	}
	r.row = i
	r.binding = true
	defer func() { r.binding = false }()
	relayout := r.kind != row.kind
	r.kind = row.kind
	if row.kind != rowItem {
		r.id = ""
		if r.shownText != row.text || relayout {
			r.shownText = row.text
			r.header.Segments = headerSegments(row)
			r.header.Refresh()
		}
		r.header.Show()
		for _, o := range []fyne.CanvasObject{r.check, r.title, r.status, r.level, r.na, r.evidence} {
			o.Hide()
		}
		if relayout {
			r.Refresh()
		}
		return
	}
	e := row.entry
	st := s.state(e.Item.ID)
	r.id = e.Item.ID
	r.header.Hide()
	r.check.Show()
	r.title.Show()
	r.evidence.Show()
	if r.shownText != e.Item.Title || r.shownTag != row.tag {
		r.shownText, r.shownTag = e.Item.Title, row.tag
		r.title.Segments = titleSegments(e.Item.Title, row.tag)
		r.title.Refresh()
		relayout = true
	}
	if done := st.Level >= tracker.Proficient; r.check.Checked != done {
		r.check.SetChecked(done)
	}
	if skillLike(e.Kind) {
		if li := int(min(max(st.Level, tracker.NotStarted), tracker.MaxLevel)); r.level.SelectedIndex() != li {
			r.level.SetSelectedIndex(li)
		}
		if r.na.Checked != st.Skipped {
			r.na.SetChecked(st.Skipped)
		}
		r.level.Show()
		r.na.Show()
		r.status.Hide()
	} else {
		r.level.Hide()
		r.na.Hide()
		text := words.NotConfirmed
		if st.Level >= tracker.Proficient && !st.Date.IsZero() {
			text = words.Confirmed + " " + formatDay(st.Date)
		}
		if r.status.Text != text {
			r.status.SetText(text)
		}
		r.status.Show()
	}
	if n := s.evidenceCount(e.Item.ID); n != r.shownCount {
		r.shownCount = n
		r.evidence.SetText(fmt.Sprintf("%d", n))
	}
	setEnabled(r.check, !s.snap.readOnly && !st.Skipped)
	setEnabled(r.level, !s.snap.readOnly && !st.Skipped)
	setEnabled(r.na, !s.snap.readOnly)
	if relayout {
		r.Refresh()
	}
}

// setEnabled enables or disables w, touching it only when that changes.
func setEnabled(w fyne.Disableable, on bool) {
	switch {
	case on && w.Disabled():
		w.Enable()
	case !on && !w.Disabled():
		w.Disable()
	}
}

// skillLike reports whether an entry kind has a level and can be marked
// not applicable (skills and branch skills); criteria and milestones are
// only confirmed.
func skillLike(kind string) bool {
	return kind == roadmap.KindSkill || kind == roadmap.KindBranchItem
}

// control returns the row's focusable widget in column col, or nil when the
// row has none there or it can't take the focus.
func (r *rmRowView) control(col int) fyne.Focusable {
	var o interface {
		fyne.Focusable
		fyne.Disableable
		Visible() bool
	}
	switch col {
	case colCheck:
		o = r.check
	case colLevel:
		o = r.level
	case colSkip:
		o = r.na
	case colEvidence:
		o = r.evidence
	default:
		return nil
	}
	if r.kind != rowItem || !o.Visible() || o.Disabled() {
		return nil
	}
	return o
}

// hasFocus reports whether one of the row's controls has the focus.
func (r *rmRowView) hasFocus() bool {
	c := r.screen.canvas()
	if c == nil || c.Focused() == nil {
		return false
	}
	f := c.Focused()
	return f == r.check || f == r.level || f == r.na || f == r.evidence
}

func (r *rmRowView) focusGained(col int) {
	if r.row >= 0 && r.kind == rowItem {
		r.screen.rowFocused(r.row, col)
	}
}

// arrowKey moves the focus to the row above or below on Up or Down and
// reports whether it did.
func (r *rmRowView) arrowKey(k *fyne.KeyEvent, col int) bool {
	switch k.Name {
	case fyne.KeyUp:
		r.screen.moveFocus(r.row, col, -1)
		return true
	case fyne.KeyDown:
		r.screen.moveFocus(r.row, col, +1)
		return true
	}
	return false
}

func (r *rmRowView) onCheck(on bool) {
	if r.binding || r.id == "" {
		return
	}
	l := tracker.NotStarted
	if on {
		l = tracker.Proficient
	}
	r.screen.setLevel(r.id, l)
}

func (r *rmRowView) onLevel(string) {
	if r.binding || r.id == "" {
		return
	}
	if i := r.level.SelectedIndex(); i >= 0 {
		r.screen.setLevel(r.id, tracker.Level(i))
	}
}

func (r *rmRowView) onSkip(on bool) {
	if r.binding || r.id == "" {
		return
	}
	r.screen.setSkipped(r.id, on)
}

func (r *rmRowView) onEvidence() {
	if r.id != "" {
		r.screen.openEvidence(r.id)
	}
}

// rmList is the item list. When Tab brings the focus to the list itself,
// it passes it on to a row, so that the keyboard goes from the search box
// straight to the entries.
type rmList struct {
	widget.List
	screen *roadmapScreen
	width  float32
}

// FocusGained passes the focus on to the row in view.
func (l *rmList) FocusGained() {
	l.List.FocusGained()
	l.screen.listFocused()
}

// Resize lays the rows out again for the new width: titles wrap
// differently.
func (l *rmList) Resize(size fyne.Size) {
	if size.Width != l.width {
		l.width = size.Width
		if l.screen.applyHeights() {
			l.List.Resize(size)
			l.Refresh()
			return
		}
	}
	l.List.Resize(size)
	// The status line or a wrapped header can make the list shorter: keep
	// the focused row and its neighbours in view.
	if s := l.screen; s.focusRow >= 0 && s.focusRow < len(s.rows) {
		if r := s.rowView(s.focusRow); r != nil && r.hasFocus() {
			s.reveal(s.focusRow)
		}
	}
}

// canvas is the canvas of the screen's window, or nil.
func (s *roadmapScreen) canvas() fyne.Canvas {
	if s.env == nil || s.env.win == nil {
		return nil
	}
	return s.env.win.Canvas()
}

// shiftHeld reports whether Shift is down, to tell Shift+Tab from Tab.
func shiftHeld() bool {
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
	}
	return false
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
		h = max(m.height, textHeight(s.measure, headerSegments(row), width))
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

// itemRow returns the entry row nearest to i in direction dir (+1 or -1),
// not i itself, or -1.
func (s *roadmapScreen) itemRow(i, dir int) int {
	for j := i + dir; j >= 0 && j < len(s.rows); j += dir {
		if s.rows[j].kind == rowItem {
			return j
		}
	}
	return -1
}

// reveal scrolls the list so that row i shows in full and the entry rows
// next to it show at least in part: the list builds only the rows in view,
// and Tab can only go to a row that is built.
func (s *roadmapScreen) reveal(i int) {
	if i < 0 || i >= len(s.rows) {
		return
	}
	view := s.list.Size().Height
	if view <= 0 {
		return
	}
	off := s.list.GetScrollOffset()
	top, bottom := s.rowTop(i), s.rowBottom(i)
	lo, hi := bottom-view, top
	const peek = 4 // pixels of a neighbour that make the list build it
	if n := s.itemRow(i, +1); n >= 0 {
		lo = max(lo, s.rowTop(n)+peek-view)
	}
	if p := s.itemRow(i, -1); p >= 0 {
		hi = min(hi, s.rowBottom(p)-peek)
	}
	if i > 0 && s.rows[i-1].kind == rowHeader {
		hi = min(hi, s.rowTop(i-1)) // the group's title above its first entry
	}
	if lo > hi {
		lo, hi = bottom-view, top
	}
	next := off
	if next < lo {
		next = lo
	}
	if next > hi {
		next = hi
	}
	next = max(next, 0)
	if next != off {
		s.list.ScrollToOffset(next)
	}
}

// rowView returns the widget showing row i, or nil when the list has not
// built it: the list builds only the rows that show at least in part.
func (s *roadmapScreen) rowView(i int) *rmRowView {
	r := s.viewOf[i]
	if r == nil || r.row != i {
		return nil
	}
	sep := s.list.Theme().Size(theme.SizeNamePadding)
	off, view := s.list.GetScrollOffset(), s.list.Size().Height
	if s.rowTop(i) >= off+view || s.rowBottom(i)+sep <= off {
		return nil
	}
	return r
}

// focusCell puts the focus on column col of row i, or on the nearest
// column that can take it, after scrolling the row into view. It reports
// whether a control got the focus.
func (s *roadmapScreen) focusCell(i, col int) bool {
	if i < 0 || i >= len(s.rows) || s.rows[i].kind != rowItem {
		return false
	}
	s.reveal(i)
	r := s.rowView(i)
	c := s.canvas()
	if r == nil || c == nil {
		return false
	}
	for d := 0; d < colCount; d++ {
		for _, cc := range []int{col - d, col + d} {
			if f := r.control(cc); f != nil {
				c.Focus(f)
				return c.Focused() == f
			}
		}
	}
	return false
}

// rowFocused follows the focus: the row becomes the current one, shown
// selected, and stays in view with its neighbours.
func (s *roadmapScreen) rowFocused(i, col int) {
	s.focusRow, s.focusCol = i, col
	if i < len(s.rows) {
		s.focusID = s.rows[i].entry.Item.ID
	}
	if s.selecting {
		return
	}
	s.selecting = true
	s.list.Select(i)
	s.selecting = false
	s.reveal(i)
}

// onRowSelected puts the focus on a row chosen with the mouse or by
// showItem.
func (s *roadmapScreen) onRowSelected(i widget.ListItemID) {
	if s.selecting {
		return
	}
	if r := s.rowView(i); r != nil && r.hasFocus() {
		return
	}
	s.selecting = true
	defer func() { s.selecting = false }()
	s.focusCell(i, colCheck)
	s.focusRow = i
}

// moveFocus moves the focus from row i to the next entry row in direction
// dir, keeping the column when it can.
func (s *roadmapScreen) moveFocus(i, col, dir int) {
	if n := s.itemRow(i, dir); n >= 0 {
		s.focusCell(n, col)
	}
}

// listFocused passes the focus from the list to a row in view: the current
// row if it is in view, else the first (or, going back with Shift+Tab, the
// last) entry row in view.
func (s *roadmapScreen) listFocused() {
	if s.passing {
		return
	}
	s.passing = true
	defer func() { s.passing = false }()
	back := s.shiftHeld()
	target := -1
	if r := s.rowView(s.focusRow); r != nil && s.focusRow < len(s.rows) && s.rows[s.focusRow].kind == rowItem && s.inView(s.focusRow) {
		target = s.focusRow
	}
	if target < 0 {
		off, view := s.list.GetScrollOffset(), s.list.Size().Height
		for i := range s.rows {
			if s.rows[i].kind != rowItem || s.rowTop(i) < off-1 || s.rowBottom(i) > off+view+1 {
				continue
			}
			target = i
			if !back {
				break
			}
		}
	}
	if target < 0 {
		target = s.itemRow(-1, +1)
	}
	col := colCheck
	if back {
		col = colEvidence
	}
	s.focusCell(target, col)
}

// inView reports whether row i shows in full.
func (s *roadmapScreen) inView(i int) bool {
	off, view := s.list.GetScrollOffset(), s.list.Size().Height
	return s.rowTop(i) >= off-1 && s.rowBottom(i) <= off+view+1
}
