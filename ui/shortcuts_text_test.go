package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// extraWidth is how much wider s draws than its characters drawn one by
// one: a glyph the text shaping adds (Fyne 2.8 draws a replacement
// character after an arrow that a space follows, "↑�") makes it wider by
// that glyph; kerning only makes it narrower.
func extraWidth(s string, style fyne.TextStyle) float32 {
	size := theme.DefaultTheme().Size(theme.SizeNameText)
	sum := float32(0)
	for _, r := range s {
		sum += fyne.MeasureText(string(r), size, style).Width
	}
	return fyne.MeasureText(s, size, style).Width - sum
}

// Help ▸ Keyboard shortcuts draws every key as written: no glyph added.
func TestShortcutKeysDrawWithoutReplacementGlyphs(t *testing.T) {
	test.NewTempApp(t)
	if extraWidth("↑ / ↓", fyne.TextStyle{Bold: true}) < 2 {
		t.Fatal("the check no longer sees the replacement glyph after an arrow and a space; it cannot fail")
	}
	for _, s := range shortcutList {
		if w := extraWidth(s[0], fyne.TextStyle{Bold: true}); w > 1 {
			t.Errorf("key %q draws %.0f pixels wider than its characters: a glyph added", s[0], w)
		}
		if w := extraWidth(s[1], fyne.TextStyle{}); w > 1 {
			t.Errorf("action %q draws %.0f pixels wider than its characters: a glyph added", s[1], w)
		}
	}
	for _, s := range []string{"File ▸ Quit", "Stage › Group", "a ⟶ b"} {
		if w := extraWidth(s, fyne.TextStyle{}); w > 1 {
			t.Errorf("%q draws %.0f pixels wider than its characters", s, w)
		}
	}
}
