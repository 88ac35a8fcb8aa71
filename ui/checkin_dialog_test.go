package ui

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"devpath/tracker/words"
)

// A label another check-in has: the dialog stays open with the text kept
// and says so once, under the field; no other dialog opens. A new label
// then saves and closes it, and the dialog opens again reset.
func TestCheckInDuplicateLabelIsSaidInline(t *testing.T) {
	r := newShellRig(t, Options{})
	d := r.sh.dash
	r.sh.show(screenDashboard)
	save := func(label string) {
		t.Helper()
		test.Tap(d.checkIn)
		e := dashCheckInEntry(t, r.win)
		e.SetText(label)
		test.Type(e, "")
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	}
	save("H2 start")
	if cs, _ := r.store.CheckIns(); len(cs) != 1 {
		t.Fatalf("%d check-ins after the first, want 1", len(cs))
	}
	if n := len(r.win.Canvas().Overlays().List()); n != 0 {
		t.Fatalf("%d dialogs open after a saved check-in, want none", n)
	}

	save("H2 start")
	c := d.checkInDialog
	if n := len(r.win.Canvas().Overlays().List()); n != 1 {
		t.Fatalf("%d dialogs open after a taken label, want the check-in dialog alone", n)
	}
	if got := dashCheckInEntry(t, r.win).Text; got != "H2 start" {
		t.Errorf("the label field holds %q after a taken label, want the text kept", got)
	}
	want := upperFirst(words.LabelTaken("H2 start"))
	if !c.problem.Visible() || c.problem.Text != want {
		t.Errorf("under the label: %q (shown %v), want %q", c.problem.Text, c.problem.Visible(), want)
	}
	if n := strings.Count(strings.Join(overlayTexts(r.win), "\n"), "H2 start"); n != 1 {
		t.Errorf("the dialog's message names the label %d times, want once: %q", n, overlayTexts(r.win))
	}
	r.noErrors()

	// Typing clears the message; a free label saves and closes.
	e := dashCheckInEntry(t, r.win)
	e.CursorColumn = len([]rune(e.Text))
	test.Type(e, " (2)")
	if c.problem.Visible() {
		t.Error("the message stays while the label is changed")
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if cs, _ := r.store.CheckIns(); len(cs) != 2 || cs[1].Label != "H2 start (2)" {
		t.Fatalf("check-ins %+v, want the second as H2 start (2)", cs)
	}
	if n := len(r.win.Canvas().Overlays().List()); n != 0 {
		t.Errorf("%d dialogs open after the second check-in, want none", n)
	}

	// The same dialog opens again, reset to today's date.
	test.Tap(d.checkIn)
	if d.checkInDialog != c {
		t.Error("the check-in dialog was built again")
	}
	if got := dashCheckInEntry(t, r.win).Text; got != "2026-03-16" || c.problem.Visible() {
		t.Errorf("reopened with %q and message shown %v, want today's date and no message", got, c.problem.Visible())
	}
	r.noErrors()

	// A label taken after the dialog read the labels (another devpath
	// took it): the store refuses it, and the dialog comes back with the
	// text and the message.
	c.taken = nil
	e = dashCheckInEntry(t, r.win)
	e.SetText("H2 start")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := dashCheckInEntry(t, r.win).Text; got != "H2 start" || c.problem.Text != want {
		t.Errorf("after the store refused the label: field %q, message %q; want the text kept and %q", got, c.problem.Text, want)
	}
	if n := len(r.win.Canvas().Overlays().List()); n != 1 {
		t.Errorf("%d dialogs open after the store refused the label, want the check-in dialog alone", n)
	}
	if strings.Contains(r.sh.status.Text, "H2 start") && r.sh.status.Visible() {
		t.Errorf("the status line still says %q", r.sh.status.Text)
	}
	r.noErrors()
}

// The messages of information and error dialogs start clear of any icon:
// Fyne's own drew a large "i" or "!" behind the first words.
func TestMessageDialogsDrawNoIconOverTheText(t *testing.T) {
	r := newShellRig(t, Options{})
	for name, show := range map[string]func(){
		"information": func() { showInformation("Imported", "Imported 3 entries and 2 notes from the backup.", r.win) },
		"error":       func() { r.sh.showError(errors.New("the printer caught fire")) },
	} {
		show()
		top := r.win.Canvas().Overlays().Top()
		if top == nil {
			t.Fatalf("%s: no dialog", name)
		}
		var images, texts []fyne.CanvasObject
		walkObjects(top, func(o fyne.CanvasObject) {
			switch x := o.(type) {
			case *canvas.Image, *canvas.Raster:
				if o.Size().Width > 40 {
					images = append(images, o)
				}
			case *canvas.Text:
				if strings.TrimSpace(x.Text) != "" {
					texts = append(texts, o)
				}
			}
		})
		for _, im := range images {
			for _, tx := range texts {
				if region(r.win, im).Overlaps(region(r.win, tx)) {
					t.Errorf("%s dialog: an icon of %v lies over the text %q", name, im.Size(), tx.(*canvas.Text).Text)
				}
			}
		}
		for _, o := range r.win.Canvas().Overlays().List() {
			r.win.Canvas().Overlays().Remove(o)
		}
	}
}

// Pointing at a row's evidence button says what it is: an icon and a count
// alone say little.
func TestEvidenceButtonSaysWhatItIs(t *testing.T) {
	r := newShellRig(t, Options{})
	row := r.row("k8s-rbac")
	if h, ok := any(row.evidence).(desktop.Hoverable); !ok {
		t.Fatal("the evidence button does not react to the pointer")
	} else {
		h.MouseIn(&desktop.MouseEvent{})
	}
	want := evidenceHint("RBAC", 0)
	if !r.sh.status.Visible() || r.sh.status.Text != want {
		t.Errorf("status line %q (shown %v), want %q", r.sh.status.Text, r.sh.status.Visible(), want)
	}
	// It goes with the pointer.
	any(row.evidence).(desktop.Hoverable).MouseOut()
	if r.sh.status.Visible() || r.sh.status.Text != "" {
		t.Errorf("after the pointer left, the status line is %q (shown %v)", r.sh.status.Text, r.sh.status.Visible())
	}
	if got := evidenceHint("RBAC", 2); !strings.Contains(got, "2 pieces of evidence") {
		t.Errorf("two notes: %q", got)
	}
}
