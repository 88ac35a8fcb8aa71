package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"devpath/roadmap"
	"devpath/tracker"
)

// smallWindow is the smallest window the screen is made for.
var smallWindow = fyne.NewSize(800, 600)

// keyRig is the window at 800×600 on the Roadmap screen at stage mid.
func keyRig(t *testing.T) (*shellRig, *roadmapScreen) {
	t.Helper()
	r := newShellRig(t, Options{Screen: screenRoadmap})
	r.win.Resize(smallWindow)
	r.sh.show(screenRoadmap)
	s := r.sh.rmap
	if s.list.Size().Height <= 0 || s.list.Size().Height > 560 {
		t.Fatalf("the list is %v high in an 800×600 window", s.list.Size())
	}
	return r, s
}

// focusedRow returns the row whose control has the focus and the column,
// or nil.
func focusedRow(w fyne.Window) (*rmRowView, int) {
	switch f := w.Canvas().Focused().(type) {
	case *rmCheck:
		return f.row, f.col
	case *rmSelect:
		return f.row, colLevel
	case *rmButton:
		return f.row, f.col
	}
	return nil, -1
}

// itemIDs lists the entry ids of the rows, in order.
func itemIDs(s *roadmapScreen) []string {
	var out []string
	for _, row := range s.rows {
		if row.kind == rowItem {
			out = append(out, row.entry.Item.ID)
		}
	}
	return out
}

// tabThrough presses Tab (or Shift+Tab) until the focus leaves the list
// and returns the entries whose tick box (or, going back, Plan toggle)
// got the focus, checking at each step that the focused row shows in full.
func tabThrough(t *testing.T, r *shellRig, s *roadmapScreen, back bool) []string {
	t.Helper()
	var seen []string
	for step := 0; step < 1000; step++ {
		if back {
			r.win.Canvas().FocusPrevious()
		} else {
			r.win.Canvas().FocusNext()
		}
		row, col := focusedRow(r.win)
		if row == nil {
			if len(seen) > 0 {
				return seen
			}
			continue
		}
		if row.row < 0 || s.rows[row.row].entry.Item.ID != row.id {
			t.Fatalf("step %d: the focused widget shows %q but is row %d", step, row.id, row.row)
		}
		if !s.inView(row.row) {
			t.Fatalf("step %d: the focused row %s (%d) is not in view: offset %v, list %v, row %v–%v", step, row.id, row.row, s.list.GetScrollOffset(), s.list.Size(), s.rowTop(row.row), s.rowBottom(row.row))
		}
		if (!back && col == colCheck) || (back && col == colPlan) {
			seen = append(seen, row.id)
		}
	}
	t.Fatal("Tab never left the list")
	return nil
}

func TestTabVisitsEveryRowAndScrolls(t *testing.T) {
	r, s := keyRig(t)
	want := itemIDs(s)
	rm := roadmap.Default()
	mid := rm.Stage("mid")
	if len(want) < 20 || want[len(want)-1] != mid.Milestone.ID {
		t.Fatalf("stage mid lists %d entries ending with %s; want the milestone last", len(want), want[len(want)-1])
	}
	s.focusSearch()
	got := tabThrough(t, r, s, false)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Tab from the search box visits\n%v\nwant every entry in order\n%v", got, want)
	}
	if s.list.GetScrollOffset() <= 0 {
		t.Error("the list never scrolled")
	}
	// And back again with Shift+Tab, from the milestone's Plan toggle, the
	// last control of a row.
	s.shiftHeld = func() bool { return true }
	last := s.rowOf[mid.Milestone.ID]
	if !s.focusCell(last, colPlan) {
		t.Fatal("the milestone's Plan toggle can't take the focus")
	}
	back := tabThrough(t, r, s, true)
	// The milestone's own button had the focus before the first step.
	back = append([]string{mid.Milestone.ID}, back...)
	for i, j := 0, len(back)-1; i < j; i, j = i+1, j-1 {
		back[i], back[j] = back[j], back[i]
	}
	if strings.Join(back, " ") != strings.Join(want, " ") {
		t.Errorf("Shift+Tab visits\n%v\nwant\n%v", back, want)
	}
	if s.list.GetScrollOffset() > 1 {
		t.Errorf("after Shift+Tab to the first row the list is still scrolled by %v", s.list.GetScrollOffset())
	}
}

func TestTabIntoListGoesToFirstRowInView(t *testing.T) {
	r, s := keyRig(t)
	s.focusSearch()
	r.win.Canvas().FocusNext()
	row, col := focusedRow(r.win)
	if row == nil || col != colCheck || row.id != "k8s-rbac" {
		t.Fatalf("Tab from the search box focuses %v (column %d); want the tick box of the first entry", r.win.Canvas().Focused(), col)
	}
	// Shift+Tab from the first row goes back to the search box.
	r.win.Canvas().FocusPrevious()
	if r.win.Canvas().Focused() != s.search {
		t.Errorf("Shift+Tab from the first row focuses %T, want the search box", r.win.Canvas().Focused())
	}
}

func TestArrowKeysMoveBetweenRows(t *testing.T) {
	r, s := keyRig(t)
	want := itemIDs(s)
	if !s.focusCell(s.rowOf[want[0]], colLevel) {
		t.Fatal("the first row's level can't take the focus")
	}
	for i := 1; i < len(want); i++ {
		r.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		row, col := focusedRow(r.win)
		if row == nil || row.id != want[i] {
			t.Fatalf("Down %d times focuses %v, want %s", i, row, want[i])
		}
		// Criteria and the milestone have no level: the focus takes the
		// nearest column.
		if e := s.rows[row.row].entry; skillLike(e.Kind) && col != colLevel {
			t.Errorf("Down moved from the level column to column %d on %s", col, row.id)
		}
		if !s.inView(row.row) {
			t.Fatalf("row %s is focused but not in view", row.id)
		}
	}
	for i := len(want) - 2; i >= 0; i-- {
		r.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
		if row, _ := focusedRow(r.win); row == nil || row.id != want[i] {
			t.Fatalf("Up focuses %v, want %s", row, want[i])
		}
	}
}

func TestKeyboardTicksSetsLevelMarksAndOpensEvidence(t *testing.T) {
	r, s := keyRig(t)
	last := itemIDs(s)[len(itemIDs(s))-1]
	// The milestone, at the bottom, by keyboard only.
	s.focusSearch()
	for i := 0; i < 500; i++ {
		r.win.Canvas().FocusNext()
		if row, col := focusedRow(r.win); row != nil && row.id == last && col == colCheck {
			break
		}
	}
	row, _ := focusedRow(r.win)
	if row == nil || row.id != last {
		t.Fatal("Tab never reached the milestone")
	}
	r.win.Canvas().Focused().TypedRune(' ')
	r.noErrors()
	if got := stateOf(t, r, last); got.Level != tracker.Proficient {
		t.Errorf("Space on the milestone's box saved %v", got.Level)
	}

	// A skill: Right steps its level, Space marks it not applicable.
	i := s.rowOf["k8s-helm"]
	if !s.focusCell(i, colLevel) {
		t.Fatal("Helm's level can't take the focus")
	}
	r.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if got := stateOf(t, r, "k8s-helm"); got.Level != tracker.Learning {
		t.Errorf("Right on Helm's level saved %v, want learning", got.Level)
	}
	r.win.Canvas().FocusNext()
	if _, col := focusedRow(r.win); col != colSkip {
		t.Fatalf("Tab after the level focuses column %d, want N/A", col)
	}
	r.win.Canvas().Focused().TypedRune(' ')
	if got := stateOf(t, r, "k8s-helm"); !got.Skipped {
		t.Error("Space on N/A did not mark Helm not applicable")
	}
	r.win.Canvas().FocusNext()
	if _, col := focusedRow(r.win); col != colEvidence {
		t.Fatalf("Tab after N/A focuses column %d, want the evidence button", col)
	}
	r.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if s.evidence == nil || s.evidence.closed || s.evidence.entry.Item.ID != "k8s-helm" {
		t.Fatal("Enter on the evidence button opened no dialog for Helm")
	}
	if r.win.Canvas().Focused() != s.evidence.note {
		t.Error("the dialog opens without the focus in the note")
	}
	// Escape closes it and the focus goes back to the list's row.
	s.evidence.note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !s.evidence.closed || len(r.win.Canvas().Overlays().List()) != 0 {
		t.Error("Escape left the evidence dialog open")
	}
	if row, col := focusedRow(r.win); row == nil || row.id != "k8s-helm" || col != colEvidence {
		t.Errorf("after the dialog closed the focus is on %T; want Helm's evidence button", r.win.Canvas().Focused())
	}
}

// stateOf reads an entry's state from the store.
func stateOf(t *testing.T, r *shellRig, id string) tracker.ItemState {
	t.Helper()
	p, err := r.store.Progress()
	if err != nil {
		t.Fatal(err)
	}
	return p.State(id)
}

func TestLevelMenuOpensFromKeyboard(t *testing.T) {
	r, s := keyRig(t)
	if !s.focusCell(s.rowOf["k8s-rbac"], colLevel) {
		t.Fatal("the level can't take the focus")
	}
	r.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(r.win.Canvas().Overlays().List()) == 0 {
		t.Error("Enter on the level opens no menu")
	}
}

func TestFocusedRowStaysInViewWhenListShrinks(t *testing.T) {
	r, s := keyRig(t)
	ids := itemIDs(s)
	last := s.rowOf[ids[len(ids)-1]]
	if !s.focusCell(last, colCheck) {
		t.Fatal("the last row can't take the focus")
	}
	r.sh.notify("A line in the status bar")
	if !s.inView(last) {
		t.Errorf("the focused row went out of view when the status line appeared: offset %v, list %v", s.list.GetScrollOffset(), s.list.Size())
	}
}
