package cli

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"devpath/tracker"
	"devpath/tracker/words"
)

// TestTickSeesTheStateOfAFormerID checks that tick and skip start from the
// state that counts for an entry, even when it is recorded under a former
// id: the same state the score and the Roadmap screen use.
func TestTickSeesTheStateOfAFormerID(t *testing.T) {
	h := newHarness(t)
	st, err := openDB(h.db)
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
	if want := "more-a (More A): " + words.LevelFor("skill", tracker.Practising) + words.Arrow + words.LevelFor("skill", tracker.Expert); !strings.Contains(out, want) {
		t.Errorf("tick of an entry recorded under its former id:\n%s\nwant %q", out, want)
	}
}

// TestCheckInLabelLimitIsTheStores checks that the command line takes the
// labels the store takes, and refuses a longer one before opening anything.
func TestCheckInLabelLimitIsTheStores(t *testing.T) {
	h := newHarness(t)
	long := strings.Repeat("l", tracker.MaxLabelLen)
	if out := h.ok("checkin", "--label", long); !strings.Contains(out, long) {
		t.Errorf("a label of %d characters:\n%s", tracker.MaxLabelLen, out)
	}
	r := h.run("checkin", "--label", long+"x")
	if r.code != 2 || !strings.Contains(r.stderr, fmt.Sprintf("at most %d", tracker.MaxLabelLen)) {
		t.Errorf("a label one character too long: exit %d, stderr %q", r.code, r.stderr)
	}
	if out := h.ok("checkins"); strings.Count(out, long) != 1 {
		t.Errorf("want one check-in, labelled with the long label:\n%s", out)
	}
}
