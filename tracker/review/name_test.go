package review

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

// Every spelling of a name that shows as "Maria", or as it in capitals, is
// the same reviewer; a name that reads differently is not.
func TestNameKeyFoldsLookAlikes(t *testing.T) {
	same := map[string]string{
		"zero-width space":      "Maria\u200b",
		"zero-width joiner":     "Ma\u200dria",
		"trailing space":        "Maria ",
		"leading and tab":       " \tMaria",
		"Cyrillic а":            "M\u0430ria",
		"Cyrillic М and а":      "\u041c\u0430ri\u0430",
		"Greek ο in a name":     "Maria",
		"capitals":              "MARIA",
		"full-width":            "Ｍａｒｉａ",
		"right-to-left mark":    "\u200fMaria",
		"bidi override":         "Maria\u202e",
		"variation selector":    "Mari\ufe0fa",
		"soft hyphen":           "Ma\u00adria",
		"Cyrillic і for i":      "Mar\u0456a",
		"word joiner, BOM":      "\u2060Maria\ufeff",
		"no-break space inside": "Maria\u00a0Lopez",
		"two spaces inside":     "Maria  Lopez",
		"mathematical bold":     "\U0001d40c\U0001d41a\U0001d42b\U0001d422\U0001d41a",
		"Hangul filler":         "Maria\u3164",
	}
	for what, name := range same {
		want := "Maria"
		if what == "no-break space inside" || what == "two spaces inside" {
			want = "Maria Lopez"
		}
		if NameKey(name) != NameKey(want) {
			t.Errorf("%s: %q has key %q, %q has %q", what, name, NameKey(name), want, NameKey(want))
		}
	}
	nfc, nfd := norm.NFC.String("María"), norm.NFD.String("María")
	if nfc == nfd || NameKey(nfc) != NameKey(nfd) {
		t.Errorf("NFC and NFD of María: %q, %q", NameKey(nfc), NameKey(nfd))
	}
	for _, other := range []string{"Marta", "María", "Mario", "Maria Lopez", "Mar ia"} {
		if NameKey(other) == NameKey("Maria") {
			t.Errorf("%q should not be Maria", other)
		}
	}
}

func TestSpelledShowsWhatDiffers(t *testing.T) {
	for in, want := range map[string]string{
		"Maria":       `"Maria"`,
		"M\u0430ria":  `"M<U+0430>ria"`,
		"Maria\u200b": `"Maria<U+200B>"`,
		"Maria ":      `"Maria "`,
		`a"b`:         `"a<U+0022>b"`,
	} {
		if got := Spelled(in); got != want {
			t.Errorf("Spelled(%q) = %s, want %s", in, got, want)
		}
	}
}
