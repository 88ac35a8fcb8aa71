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
