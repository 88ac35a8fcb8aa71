package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Columns of an entry row that take the keyboard focus, in Tab order.
const (
	colCheck = iota
	colLevel
	colSkip
	colEvidence
	colPlan
	colCount
)

// rowCell is what every control of an entry row has: the row and the
// column it sits in. Getting the focus shows the row, and Up and Down move
// to the row above or below.
type rowCell struct {
	row *rmRowView
	col int
}

// gained runs the control's own FocusGained, then shows the focused row.
func (c rowCell) gained(own func()) {
	own()
	c.row.focusGained(c.col)
}

// rmCheck is a tick box of a row that keeps its row in view when it gets
// the focus and moves between rows with the arrow keys.
type rmCheck struct {
	widget.Check
	rowCell
}

func newRowCheck(r *rmRowView, col int, text string, changed func(bool)) *rmCheck {
	c := &rmCheck{Check: widget.Check{Text: text, OnChanged: changed}, rowCell: rowCell{r, col}}
	c.ExtendBaseWidget(c)
	return c
}

// FocusGained shows the focused row.
func (c *rmCheck) FocusGained() { c.gained(c.Check.FocusGained) }

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
	rowCell
}

func newRowSelect(r *rmRowView, changed func(string)) *rmSelect {
	s := &rmSelect{Select: widget.Select{Options: levelNames, OnChanged: changed}, rowCell: rowCell{r, colLevel}}
	s.ExtendBaseWidget(s)
	return s
}

// FocusGained shows the focused row.
func (s *rmSelect) FocusGained() { s.gained(s.Select.FocusGained) }

// TypedKey opens the menu on Enter and moves between rows on Up and Down.
func (s *rmSelect) TypedKey(k *fyne.KeyEvent) { s.row.pressKey(k, s.col, s.Select.TypedKey) }

// rmButton is the evidence button of a row: Space or Enter opens the
// evidence, Up and Down move between rows.
type rmButton struct {
	widget.Button
	rowCell
}

func newRowButton(r *rmRowView, tapped func()) *rmButton {
	return newRowButtonAt(r, colEvidence, theme.DocumentIcon(), tapped)
}

// newRowButtonAt is a button of column col with icon.
func newRowButtonAt(r *rmRowView, col int, icon fyne.Resource, tapped func()) *rmButton {
	b := &rmButton{Button: widget.Button{Icon: icon, Importance: widget.LowImportance, OnTapped: tapped}, rowCell: rowCell{r, col}}
	b.ExtendBaseWidget(b)
	return b
}

// FocusGained shows the focused row.
func (b *rmButton) FocusGained() { b.gained(b.Button.FocusGained) }

// MouseIn says in the status line what the button is: an icon and a count
// say little on their own, and Fyne has no tooltips.
func (b *rmButton) MouseIn(e *desktop.MouseEvent) {
	b.Button.MouseIn(e)
	if msg := b.hint(); msg != "" && b.row.screen.env.hint != nil {
		b.row.screen.env.hint(msg)
	}
}

// hint is what the button says of itself in the status line.
func (b *rmButton) hint() string {
	if b.col == colPlan {
		return b.row.planHint()
	}
	return b.row.evidenceHint()
}

// MouseOut takes the button's hint out of the status line.
func (b *rmButton) MouseOut() {
	b.Button.MouseOut()
	if msg := b.hint(); msg != "" && b.row.screen.env.clearNotice != nil {
		b.row.screen.env.clearNotice(msg)
	}
}

// TypedKey opens the evidence on Enter and moves between rows on Up and
// Down.
func (b *rmButton) TypedKey(k *fyne.KeyEvent) { b.row.pressKey(k, b.col, b.Button.TypedKey) }

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
	case colPlan:
		o = r.plan
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
	return f == r.check || f == r.level || f == r.na || f == r.evidence || f == r.plan
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
