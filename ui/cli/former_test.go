package cli

import (
	"strings"
	"testing"
	"time"

	"devpath/tracker"
)

// TestTickSeesTheStateOfAFormerID checks that tick and skip start from the
// state that counts for an entry, even when it is recorded under a former
// id: the same state the score and the Roadmap screen use.
func TestTickSeesTheStateOfAFormerID(t *testing.T) {
	h := newHarness(t)
	st, err := tracker.Open(h.db)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetLevel("old-more-a", tracker.Practising, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetSkipped("old-more-a", true); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	rm := func(args ...string) string {
		return h.ok(append([]string{"--roadmap", "testdata/valid.yaml"}, args...)...)
	}
	if out := rm("skip", "more-a"); !strings.Contains(out, "already marked not applicable") {
		t.Errorf("skip of an entry skipped under its former id:\n%s", out)
	}
	out := rm("tick", "more-a", "--level", "4")
	if want := "more-a (More A): " + levelWords("skill", tracker.Practising) + " → " + levelWords("skill", tracker.Expert); !strings.Contains(out, want) {
		t.Errorf("tick of an entry recorded under its former id:\n%s\nwant %q", out, want)
	}
}
