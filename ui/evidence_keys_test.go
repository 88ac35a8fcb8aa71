package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// openEvidenceFor opens the evidence dialog of id from its row.
func openEvidenceFor(t *testing.T, r *shellRig, id string) *evidenceDialog {
	t.Helper()
	test.Tap(r.row(id).evidence)
	d := r.sh.rmap.evidence
	if d == nil || d.closed || d.entry.Item.ID != id {
		t.Fatalf("no evidence dialog open for %s", id)
	}
	return d
}

func TestEvidenceEnterSavesAndEscapeCloses(t *testing.T) {
	r := newShellRig(t, Options{})
	d := openEvidenceFor(t, r, "k8s-rbac")
	if r.win.Canvas().Focused() != d.note {
		t.Fatal("the note does not have the focus when the dialog opens")
	}
	test.Type(d.note, "Audited the RBAC roles")
	// Tab leaves the note: the window moves the focus on unless the
	// focused widget takes Tab itself.
	if tb, ok := r.win.Canvas().Focused().(fyne.Tabbable); ok && tb.AcceptsTab() {
		t.Error("Tab in the note types a tab instead of moving to the link")
	}
	r.win.Canvas().FocusNext()
	if r.win.Canvas().Focused() != d.link {
		t.Fatalf("Tab from the note focuses %T, want the link", r.win.Canvas().Focused())
	}
	test.Type(d.link, "https://wiki.example.com/rbac")
	d.link.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	r.noErrors()
	got := evidenceOf(t, r, "k8s-rbac")
	if len(got) != 1 || got[0].Note != "Audited the RBAC roles" || got[0].Link != "https://wiki.example.com/rbac" {
		t.Fatalf("Enter in the link saved %+v", got)
	}
	if d.note.Text != "" || d.link.Text != "" || d.closed {
		t.Errorf("after Enter the form holds %q, %q (closed %v); want it empty and open", d.note.Text, d.link.Text, d.closed)
	}
	// Enter in the date saves too.
	d.note.SetText("Wrote the RBAC runbook")
	d.date.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnter})
	if got := evidenceOf(t, r, "k8s-rbac"); len(got) != 2 {
		t.Fatalf("Enter in the date: %d entries saved, want 2", len(got))
	}
	// Enter in the note is a new line, not a save.
	d.note.SetText("first line")
	d.note.CursorColumn = len("first line")
	d.note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := evidenceOf(t, r, "k8s-rbac"); len(got) != 2 || !strings.Contains(d.note.Text, "\n") {
		t.Errorf("Enter in the note saved (%d entries) or added no line (%q)", len(got), d.note.Text)
	}
	d.note.SetText("")
	d.note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !d.closed || len(r.win.Canvas().Overlays().List()) != 0 {
		t.Error("Escape with nothing typed left the dialog open")
	}
	if row := findRow(t, r.win, "k8s-rbac"); row.evidence.Text != "2" {
		t.Errorf("the row counts %s evidence notes, want 2", row.evidence.Text)
	}
}

func TestEvidenceAsksBeforeLosingTypedNote(t *testing.T) {
	r := newShellRig(t, Options{})
	d := openEvidenceFor(t, r, "k8s-rbac")
	test.Type(d.note, "Half-written note")

	// Escape asks; Escape again goes on editing.
	d.note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if d.closed || d.prompt == nil || !strings.Contains(strings.Join(overlayTexts(r.win), "\n"), "not saved yet") {
		t.Fatal("Escape with a typed note closed the dialog or asked nothing")
	}
	dialogKey(r.win, fyne.KeyEscape)
	if d.prompt != nil || d.closed || d.note.Text != "Half-written note" {
		t.Fatalf("Escape in the question: prompt %v, closed %v, note %q; want back to editing", d.prompt != nil, d.closed, d.note.Text)
	}

	// Close asks too; Discard closes without saving.
	test.Tap(d.close)
	if d.prompt == nil {
		t.Fatal("Close with a typed note asked nothing")
	}
	test.Tap(findButton(t, r.win, "Discard"))
	if !d.closed || len(evidenceOf(t, r, "k8s-rbac")) != 0 || len(r.win.Canvas().Overlays().List()) != 0 {
		t.Fatalf("Discard: closed %v, %d saved, %d dialogs open", d.closed, len(evidenceOf(t, r, "k8s-rbac")), len(r.win.Canvas().Overlays().List()))
	}

	// Save (Enter in the question) saves and closes.
	d = openEvidenceFor(t, r, "k8s-rbac")
	test.Type(d.note, "Finished note")
	d.note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	dialogKey(r.win, fyne.KeyReturn)
	if got := evidenceOf(t, r, "k8s-rbac"); len(got) != 1 || got[0].Note != "Finished note" || !d.closed {
		t.Errorf("Save in the question: saved %+v, closed %v", got, d.closed)
	}

	// A bad link keeps the dialog open with the error shown.
	d = openEvidenceFor(t, r, "k8s-rbac")
	test.Type(d.note, "Note with a bad link")
	d.link.SetText("javascript:alert(1)")
	d.note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	test.Tap(findButton(t, r.win, "Save"))
	if d.closed || !d.linkErr.Visible() || d.note.Text != "Note with a bad link" {
		t.Errorf("saving a bad link from the question: closed %v, error shown %v, note %q", d.closed, d.linkErr.Visible(), d.note.Text)
	}

	// Editing: a changed note asks as well.
	d.link.SetText("")
	test.Tap(d.save)
	d.startEdit(d.items()[0])
	d.note.SetText("Finished note, edited")
	test.Tap(d.close)
	if d.prompt == nil || d.closed {
		t.Error("Close with an unsaved edit asked nothing")
	}
}

func TestEvidenceShowsAtOnceAndComesBackOnFailure(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(shellSize)
	var errs []error
	var queued []func()
	var notes, cleared []string
	var timers []func()
	e := &env{
		win: w, app: fyne.CurrentApp(),
		async:       func(work func() error, done func(error)) { queued = append(queued, func() { done(work()) }) },
		changed:     func() {},
		showError:   func(err error) { errs = append(errs, err) },
		notify:      func(m string) { notes = append(notes, m) },
		clearNotice: func(m string) { cleared = append(cleared, m) },
		after:       func(_ time.Duration, f func()) { timers = append(timers, f) },
		today:       func() time.Time { return shellDay },
	}
	s := newRoadmapScreen(&failingStore{}, e)
	w.SetContent(s.content())
	s.update(staticSnapshot("mid"))
	s.openEvidence("k8s-rbac")
	d := s.evidence
	d.note.SetText("Led the RBAC audit")
	test.Tap(d.save)
	if len(queued) != 1 {
		t.Fatalf("%d saves queued, want 1", len(queued))
	}
	// Before the store answers: the note is listed and counted, the form
	// is empty.
	if items := d.items(); len(items) != 1 || items[0].Note != "Led the RBAC audit" || d.note.Text != "" {
		t.Fatalf("before the store answers the dialog lists %+v and the form holds %q", items, d.note.Text)
	}
	if got := findRow(t, w, "k8s-rbac").evidence.Text; got != "1" {
		t.Errorf("the row counts %s before the store answers, want 1", got)
	}
	// The notice comes with the note; "saving…" only once the save is slow.
	if len(notes) != 1 || !strings.Contains(notes[0], "Added evidence") {
		t.Errorf("before the store answers the status line got %q", notes)
	}
	if saving(d) {
		t.Error("the note says saving… before the save is slow")
	}
	if len(timers) != 1 {
		t.Fatalf("%d timers, want the one that marks a slow save", len(timers))
	}
	timers[0]()
	if !saving(d) {
		t.Error("a slow save is not marked saving…")
	}
	queued[0]()
	if strings.Contains(d.formErr.Text, "k8s-rbac") {
		t.Errorf("the error names the entry by its id: %q", d.formErr.Text)
	}
	if len(d.items()) != 0 || d.note.Text != "Led the RBAC audit" || !d.formErr.Visible() || !strings.Contains(d.formErr.Text, "disk full") {
		t.Errorf("after a failed save: %d listed, form %q, error %q; want the note back in the form and the cause shown", len(d.items()), d.note.Text, d.formErr.Text)
	}
	if got := findRow(t, w, "k8s-rbac").evidence.Text; got != "0" {
		t.Errorf("the row counts %s after the failed save, want 0", got)
	}
	if len(cleared) != 1 || cleared[0] != notes[0] {
		t.Errorf("a failed save took back %q of the notices %q", cleared, notes)
	}
	// Closed before the store answers: the failure is shown with the note.
	test.Tap(d.save)
	test.Tap(d.close)
	if !d.closed {
		t.Fatal("Close with nothing typed left the dialog open")
	}
	queued[1]()
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "Led the RBAC audit") {
		t.Errorf("a save that failed after closing says %v; want the note quoted", errs)
	}
}

// saving reports whether the dialog's first note is marked saving….
func saving(d *evidenceDialog) bool {
	items := d.items()
	if len(items) == 0 {
		return false
	}
	for _, seg := range d.noteSegments(items[0]) {
		if seg.Textual() == "saving…" {
			return true
		}
	}
	return false
}

func TestEvidenceNotesNameTheEntry(t *testing.T) {
	r := newShellRig(t, Options{})
	var notes []string
	r.sh.env.notify = func(m string) { notes = append(notes, m) }
	d := openEvidenceFor(t, r, "k8s-rbac")
	d.note.SetText("Audited the roles")
	test.Tap(d.save)
	if len(notes) != 1 || !strings.Contains(notes[0], "RBAC") || strings.Contains(notes[0], "k8s-rbac") {
		t.Errorf("the status line says %q; want the entry's title and no id", notes)
	}
}

func TestEvidenceDialogFitsSmallWindow(t *testing.T) {
	r := newShellRig(t, Options{})
	r.win.Resize(smallWindow)
	d := openEvidenceFor(t, r, "mid-ready-design-new-infra")
	for _, o := range r.win.Canvas().Overlays().List() {
		walkObjects(o, func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Text == "Close" {
				pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
				if pos.Y+b.Size().Height > smallWindow.Height || pos.X+b.Size().Width > smallWindow.Width {
					t.Errorf("the Close button ends at %v, outside the %v window", pos.Add(fyne.NewPos(b.Size().Width, b.Size().Height)), smallWindow)
				}
			}
		})
	}
	_ = d
}
