package tracker

import "testing"

func TestPercent(t *testing.T) {
	for _, c := range []struct {
		share float64
		want  string
	}{
		{0, "0%"},
		{1, "100%"},
		{0.5, "50%"},
		{1.0 / 6, "16.7%"},
		{2.0 / 3, "66.7%"},
		{0.0005, "0.1%"},
		{0.99949, "99.9%"},
		{0.99951, "100%"},
	} {
		if got := Percent(c.share); got != c.want {
			t.Errorf("Percent(%v) = %q, want %q", c.share, got, c.want)
		}
	}
}

// ShortenWords cuts between words only, within n characters.
func TestShortenWords(t *testing.T) {
	long := "Maria Fernández-Oyelaran, Head of Platform Engineering and Site Reliability"
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{
		{long, 60, "Maria Fernández-Oyelaran, Head of Platform Engineering and…"},
		{long, 200, long},
		{long, 31, "Maria Fernández-Oyelaran, Head…"}, {long, 30, "Maria Fernández-Oyelaran…"},
		{long, 26, "Maria Fernández-Oyelaran…"},
		{long, 10, "Maria…"},
		{"Supercalifragilistic", 8, "Superca…"},
		{"Ana Lima", 8, "Ana Lima"},
	} {
		got := ShortenWords(c.s, c.n)
		if got != c.want || len([]rune(got)) > c.n {
			t.Errorf("ShortenWords(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
}
