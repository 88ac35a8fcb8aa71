package words

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"devpath/tracker"
	"devpath/tracker/review"
)

// Every refusal of a review file is one line naming the file; where the
// window and the command line act differently they say so each their way.
func TestReviewFileError(t *testing.T) {
	for _, err := range []error{review.ErrBadSig, review.ErrIsRequest, review.ErrIsResponse, review.ErrNotReview, review.ErrIncomplete,
		fmt.Errorf("%w (format version 9)", review.ErrNewer), tracker.ErrNotOurRequest, tracker.ErrOtherVersion, tracker.ErrAlreadyImported,
		fmt.Errorf("%w (Sam: pinned key a, this file b)", tracker.ErrKeyChanged),
		&review.CheckError{Field: "entry 3 (k8s)", Problem: "a\nb"},
		&tracker.KeyChange{PinnedName: "Maria", PinnedKey: "a", Name: "Maria\u200b\n", Key: "b"}} {
		for _, where := range []Where{Window, CommandLine} {
			msg := ReviewFileError("r.json", fmt.Errorf("wrapped: %w", err), where)
			prefix := map[Where]string{Window: "the file r.json", CommandLine: "r.json"}[where]
			if !strings.HasPrefix(msg, prefix) || strings.Contains(msg, "\n") {
				t.Errorf("%v for %v: %q", err, where, msg)
			}
		}
	}
	w, c := ReviewFileError("r.json", review.ErrIsRequest, Window), ReviewFileError("r.json", review.ErrIsRequest, CommandLine)
	if !strings.Contains(w, "File ▸ Open a review…") || !strings.Contains(c, "'devpath review open'") {
		t.Errorf("window %q, command line %q", w, c)
	}
	if msg := ReviewFileError("r.json", errors.New("disk I/O error"), Window); msg != "" {
		t.Errorf("a database error is not about the file: %q", msg)
	}
}

func TestKeyChangedNamesBothKeys(t *testing.T) {
	msg := KeyChanged(tracker.KeyChange{PinnedName: "Sam", PinnedKey: "aaaa:1111", Name: "Sam", Key: "bbbb:2222"})
	if !strings.Contains(msg, "aaaa:1111") || !strings.Contains(msg, "bbbb:2222") || !strings.Contains(msg, "Sam") {
		t.Errorf("%q", msg)
	}
	// A look-alike is named both ways, spelled out.
	msg = KeyChanged(tracker.KeyChange{PinnedName: "Maria", PinnedKey: "aaaa:1111", Name: "M\u0430ria", Key: "bbbb:2222"})
	for _, want := range []string{"aaaa:1111", "bbbb:2222", `"Maria"`, `"M<U+0430>ria"`, "looks like"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the question lacks %q: %q", want, msg)
		}
	}
}

func TestGap(t *testing.T) {
	for g, want := range map[int]string{-2: "−2", 0: "0", 1: "+1"} {
		if got := Gap(g); got != want {
			t.Errorf("Gap(%d) = %q, want %q", g, got, want)
		}
	}
}
