package shingle

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

func TestNormalise(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Don't stop", "dont stop"},
		{"Don’t stop", "dont stop"},
		{"‘Quoted’ words", "quoted words"},
		{"Salary: £40,000 – $90,000 (US)", "salary £40 000 $90 000 us"},
		{"Up 25% YoY", "up 25% yoy"},
		{"CI/CD, ECS/EKS; mid-to-senior!", "ci cd ecs eks mid to senior"},
		{"UPPER lower MiXeD", "upper lower mixed"},
		{"  \t\n", ""},
		{"Über-naïve café", "über naïve café"},
		{"€5 and ' alone", "€5 and alone"},
	}
	for _, c := range cases {
		if got := Normalise(c.in); got != c.want {
			t.Errorf("Normalise(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestWordOffsets(t *testing.T) {
	text := "Hello, wörld’s end"
	for _, w := range Words(text) {
		if got := Normalise(text[w.Start:w.End]); got != w.Text {
			t.Errorf("word %q at %d:%d reads %q in the text", w.Text, w.Start, w.End, text[w.Start:w.End])
		}
	}
}

func TestShingles(t *testing.T) {
	if got := Shingles("one two three four five six seven"); got != nil {
		t.Fatalf("seven words gave %d shingles, want none", len(got))
	}
	text := "One, two; three four five six seven EIGHT nine."
	got := Shingles(text)
	if len(got) != 2 {
		t.Fatalf("nine words gave %d shingles, want 2", len(got))
	}
	want := []string{"one two three four five six seven eight", "two three four five six seven eight nine"}
	for i, s := range got {
		if s.Text != want[i] {
			t.Errorf("shingle %d = %q, want %q", i, s.Text, want[i])
		}
		sum := sha256.Sum256([]byte(want[i]))
		if h := hex.EncodeToString(sum[:])[:HashLen]; s.Hash != h {
			t.Errorf("shingle %d hash = %s, want %s", i, s.Hash, h)
		}
		if span := text[s.Start:s.End]; Normalise(span) != want[i] {
			t.Errorf("shingle %d spans %q", i, span)
		}
	}
	if !strings.HasPrefix(text[got[0].Start:], "One,") || !strings.HasSuffix(text[:got[1].End], "nine") {
		t.Errorf("spans %d:%d and %d:%d do not start and end at the words", got[0].Start, got[0].End, got[1].Start, got[1].End)
	}
	// Wording that differs only in case, punctuation and apostrophes has the
	// same shingles.
	a := Shingles("It's the team's call: ship it, then watch it.")
	b := Shingles("its THE teams’ call ship it then watch it")
	if len(a) != len(b) || a[0].Hash != b[0].Hash {
		t.Errorf("equivalent texts differ: %v / %v", a, b)
	}
}
