package report

import (
	"bytes"
	"strings"
	"testing"

	"devpath/tracker/words"
)

// The summaries name entries marked not applicable as the window does,
// words.NA, never "Skipped".
func TestSummariesSayNA(t *testing.T) {
	d := fixture(t)
	for name, f := range map[string]func(*bytes.Buffer, Data) error{"Markdown": mdw, "HTML": htm} {
		got := string(render(t, f, d))
		if strings.Contains(got, "Skipped") {
			t.Errorf("the %s summary says Skipped", name)
		}
		if !strings.Contains(got, words.NA+" entries are left out of the totals") {
			t.Errorf("the %s summary does not say %q", name, words.NA)
		}
	}
}
