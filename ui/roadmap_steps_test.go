package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"devpath/tracker"
	"devpath/tracker/words"
)

// menuLabels are the labels of a pop-up menu's items.
func menuLabels(m *fyne.Menu) []string {
	var out []string
	for _, it := range m.Items {
		out = append(out, it.Label)
	}
	return out
}

// stageIDsDone counts the entries of ids that are done in the store.
func (r *shellRig) doneCount(ids []string) int {
	r.t.Helper()
	n := 0
	for _, id := range ids {
		if r.level(id).Level >= tracker.Proficient {
			n++
		}
	}
	return n
}

// TestMarkStageDoneFromTheKeyboard reaches the stage bar's menu with
// Shift+Tab from the search box, marks the stage done with Down and Enter,
// and Ctrl+Z puts every entry back in one undo.
func TestMarkStageDoneFromTheKeyboard(t *testing.T) {
	r := newShellRig(t, Options{})
	r.sh.show(screenRoadmap)
	s := r.sh.rmap
	c := r.win.Canvas()
	ids, err := tracker.StageStepIDs(r.sh.rm, tracker.Profile{Stage: "mid"}, "mid")
	if err != nil {
		t.Fatal(err)
	}
	test.Tap(r.row(ids[0]).check) // one done before the step
	before := r.score()
	r.sh.show(screenRoadmap)

	// Shift+Tab from the search box: the filter's three choices, then the
	// button (the real-window journey takes the same path).
	c.Focus(s.search)
	for range 4 {
		c.FocusPrevious()
	}
	if c.Focused() != s.markButton {
		t.Fatalf("Shift+Tab four times from the search box focuses %T, want the %s button", c.Focused(), markButtonText)
	}
	pressKey(r.win, fyne.KeySpace)
	if s.stepMenu == nil || !s.stepMenu.Visible() {
		t.Fatal("Space on the button opened no menu")
	}
	if labels := menuLabels(s.stepItems); labels[0] != words.MarkStageDone || len(labels) < 4 {
		t.Errorf("the stage menu is %q, want %q first and then the groups", labels, words.MarkStageDone)
	}
	pressKey(r.win, fyne.KeyDown)
	pressKey(r.win, fyne.KeyReturn)
	r.noErrors()
	if got := r.doneCount(ids); got != len(ids) {
		t.Fatalf("after the step %d of %d entries are done", got, len(ids))
	}
	want := words.StepResult(r.sh.rm.Stage("mid").Title, true, len(ids)-1) + words.StepUndoHint
	if got := r.sh.status.Text; got != want {
		t.Errorf("status = %q, want %q", got, want)
	}
	if labels := menuLabels(s.stageMenu()); labels[0] != words.MarkStageUndone {
		t.Errorf("with the stage done the menu starts %q, want %q", labels[0], words.MarkStageUndone)
	}
	if r.score() <= before {
		t.Errorf("the score did not rise: %.1f", before)
	}

	r.sh.onShortcut(&fyne.ShortcutUndo{})
	r.noErrors()
	if got := r.doneCount(ids); got != 1 {
		t.Errorf("after one Ctrl+Z %d entries are done, want the 1 done before", got)
	}
	if got := r.score(); got != before {
		t.Errorf("score after undo %.1f, want %.1f", got, before)
	}
	if got := r.sh.status.Text; !strings.HasPrefix(got, "Undone: "+r.sh.rm.Stage("mid").Title+": ") {
		t.Errorf("status after undo = %q", got)
	}
	if !r.row(ids[0]).check.Checked || r.row(ids[1]).check.Checked {
		t.Error("the rows do not show the state before the step")
	}
}

// TestGroupHeaderMenu marks one group done from its header's menu, then
// not started, and one undo brings the group back.
func TestGroupHeaderMenu(t *testing.T) {
	r := newShellRig(t, Options{})
	r.sh.show(screenRoadmap)
	s := r.sh.rmap
	g := s.groups[s.stage][0]
	ids := entryIDs(g.entries)
	var header *rmRowView
	walkObjects(r.win.Canvas().Content(), func(o fyne.CanvasObject) {
		if row, ok := o.(*rmRowView); ok && header == nil && row.kind == rowHeader && row.row >= 0 && s.rows[row.row].group == 0 {
			header = row
		}
	})
	if header == nil || !header.menu.Visible() {
		t.Fatal("the first group's header shows no menu")
	}
	test.Tap(header.menu)
	if s.stepMenu == nil || !s.stepMenu.Visible() {
		t.Fatal("a click on the header's menu opened nothing")
	}
	items := s.stepItems.Items
	if len(items) != 1 || items[0].Label != words.MarkGroupDone {
		t.Fatalf("the header's menu is %q, want %q", menuLabels(s.stepItems), words.MarkGroupDone)
	}
	items[0].Action()
	if got := r.doneCount(ids); got != len(ids) {
		t.Fatalf("%d of %d done after %q", got, len(ids), words.MarkGroupDone)
	}
	// All done: the menu offers the way back.
	test.Tap(header.menu)
	if got := s.stepItems.Items[0].Label; got != words.MarkGroupUndone {
		t.Fatalf("with the group done the menu offers %q, want %q", got, words.MarkGroupUndone)
	}
	s.stepItems.Items[0].Action()
	if got := r.doneCount(ids); got != 0 {
		t.Errorf("%d done after %q", got, words.MarkGroupUndone)
	}
	r.sh.onShortcut(&fyne.ShortcutUndo{})
	if got := r.doneCount(ids); got != len(ids) {
		t.Errorf("Ctrl+Z after setting the group back: %d of %d done, want all", got, len(ids))
	}
	r.noErrors()
}
