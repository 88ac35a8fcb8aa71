package probe

import (
	"fmt"
	"os"
	"testing"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/bidi"
)

func TestProbe(t *testing.T) {
	f, _ := os.Open("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
	face, err := font.ParseTTF(f)
	if err != nil {
		t.Fatal(err)
	}
	rev := map[font.GID]rune{}
	for r := rune(0xFB50); r <= 0xFEFF; r++ {
		if g, ok := face.NominalGlyph(r); ok {
			if _, dup := rev[g]; !dup {
				rev[g] = r
			}
		}
	}
	var sh shaping.HarfbuzzShaper
	for _, s := range []string{"بيت", "سلام", "لا", "سلا", "دب", "بَب", "مُحَمَّد", "گزارش", "ملاحظة"} {
		rs := []rune(s)
		out := sh.Shape(shaping.Input{Text: rs, RunEnd: len(rs), Direction: di.DirectionRTL, Face: face, Size: fixed.I(10), Script: language.Arabic, Language: language.NewLanguage("ar")})
		var got string
		for _, g := range out.Glyphs {
			r, ok := rev[g.GlyphID]
			got += fmt.Sprintf("[%d+%d/%d g%d %U %v] ", g.ClusterIndex, g.RuneCount, g.GlyphCount, g.GlyphID, r, ok)
		}
		t.Log(s, got)
	}
	for _, s := range []string{"id دب 12 ok", "دب abc", "x: \u2068دب abc\u2069", "abc ١٢ دب"} {
		var p bidi.Paragraph
		p.SetString(s)
		o, _ := p.Order()
		var got string
		for i := 0; i < o.NumRuns(); i++ {
			r := o.Run(i)
			a, b := r.Pos()
			got += fmt.Sprintf("[%v %d-%d %q] ", r.Direction(), a, b, r.String())
		}
		t.Log(s, p.IsLeftToRight(), got)
	}
}
