package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestCardLaysOutAsFyneCard gives a card and Fyne's card the same titles
// and content: each is as small, and places its content, as the other, so
// that the screens keep their layout with cards that draw no fill.
func TestCardLaysOutAsFyneCard(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range []struct{ title, subtitle string }{
		{"", ""}, {"Readiness for the next level", ""}, {"", "Your path"},
		{"Next best actions", "What would raise your claimed score most"},
	} {
		ours, theirs := widget.NewLabel("Some content\non two lines"), widget.NewLabel("Some content\non two lines")
		a, b := newCard(c.title, c.subtitle, ours), widget.NewCard(c.title, c.subtitle, theirs)
		if a.MinSize() != b.MinSize() {
			t.Errorf("%q/%q: MinSize %v, Fyne's card %v", c.title, c.subtitle, a.MinSize(), b.MinSize())
		}
		size := b.MinSize().Add(fyne.NewSize(40, 30))
		a.Resize(size)
		b.Resize(size)
		test.WidgetRenderer(a).Layout(size)
		test.WidgetRenderer(b).Layout(size)
		if ours.Position() != theirs.Position() || ours.Size() != theirs.Size() {
			t.Errorf("%q/%q: content at %v size %v, in Fyne's card at %v size %v", c.title, c.subtitle, ours.Position(), ours.Size(), theirs.Position(), theirs.Size())
		}
	}
	if e := newCard("", "", nil); e.MinSize() != widget.NewCard("", "", nil).MinSize() {
		t.Errorf("an empty card's MinSize %v, Fyne's %v", e.MinSize(), widget.NewCard("", "", nil).MinSize())
	}
}
