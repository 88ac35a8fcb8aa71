package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

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
		col = colPlan
	}
	s.focusCell(target, col)
}

// inView reports whether row i shows in full.
func (s *roadmapScreen) inView(i int) bool {
	off, view := s.list.GetScrollOffset(), s.list.Size().Height
	return s.rowTop(i) >= off-1 && s.rowBottom(i) <= off+view+1
}
