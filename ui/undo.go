package ui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/words"
)

// undoStore is what undo and redo need of the store: a change may be a
// step of several entries, undone and redone whole.
type undoStore interface {
	UndoStep() ([]tracker.Event, error)
	RedoStep() ([]tracker.Event, error)
}

// undo reverts the latest change in the background and says what it did.
// While a text field has the focus, Ctrl+Z undoes typing there instead.
func (sh *shell) undo() {
	if sh.typingShortcut(shortcutUndo) {
		return
	}
	sh.undoRedo(false)
}

// redo brings back what the latest undo reverted. While a text field has
// the focus, it redoes typing there instead.
func (sh *shell) redo() {
	if sh.typingShortcut(shortcutRedo) {
		return
	}
	sh.undoRedo(true)
}

// typingShortcut gives an undo or redo to the focused text field, if one
// has the focus, and reports whether it did.
func (sh *shell) typingShortcut(s fyne.Shortcut) bool {
	c := sh.win.Canvas()
	if c == nil {
		return false
	}
	// Entries, and the widgets built on them, have Undo and Redo of their
	// own; selectable labels do not.
	e, ok := c.Focused().(interface {
		fyne.Shortcutable
		Undo()
		Redo()
	})
	if !ok {
		return false
	}
	e.TypedShortcut(s)
	return true
}

// undoRedo runs Undo (or Redo) in the background and says in the status
// line what changed.
func (sh *shell) undoRedo(redo bool) {
	if sh.store == nil {
		return
	}
	if sh.readOnly {
		sh.notify("Nothing can be undone or redone: the database is read-only.")
		return
	}
	var st undoStore = sh.store
	rm := sh.rm
	var evs []tracker.Event
	sh.env.async(func() error {
		var err error
		if redo {
			evs, err = st.RedoStep()
		} else {
			evs, err = st.UndoStep()
		}
		return err
	}, func(err error) {
		switch {
		case errors.Is(err, tracker.ErrNothingToUndo):
			msg := words.NothingToUndo
			if errors.Is(err, tracker.ErrNotUndoable) {
				msg = words.NothingToUndoAfterImport
			}
			sh.notify(msg)
		case errors.Is(err, tracker.ErrNothingToRedo):
			sh.notify(words.NothingToRedo)
		case err != nil && redo:
			sh.showError(fmt.Errorf("couldn't redo: %w", err))
		case err != nil:
			sh.showError(fmt.Errorf("couldn't undo: %w", err))
		case redo:
			sh.notify(words.RedoneStep(rm, evs))
			sh.reload()
		default:
			sh.notify(words.UndoneStep(rm, evs))
			sh.reload()
		}
	})
}

// undoMessage says what undoing ev did, naming the entry by its title:
// "Undone: Kubernetes RBAC: back to not confirmed".
func undoMessage(rm *roadmap.Roadmap, ev tracker.Event) string { return words.Undone(rm, ev) }
