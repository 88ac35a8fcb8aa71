package report

import (
	"bytes"
	"strings"
	"testing"
)

// TestExportsWriteNoControlCharacters: text from a database written before
// notes were checked (an escape sequence, a bell, a C1 control, a
// right-to-left override) reaches the Markdown, HTML and CSV exports only
// as visible escapes.
func TestExportsWriteNoControlCharacters(t *testing.T) {
	d := fixture(t)
	const evil = "\x1b[2J\x1b[31mowned\a\u009b1m\u202e"
	d.Progress.Profile.Name = "Alex" + evil
	for i := range d.Evidence {
		d.Evidence[i].Note += evil
	}
	// An id the roadmap lacks becomes a CSV row of its own.
	d.Progress.Items["gone\x1b[31m"] = d.Progress.Items["old-entry"]
	for i := range d.CheckIns {
		d.CheckIns[i].Label += evil
	}
	for _, f := range []struct {
		name  string
		write func(*bytes.Buffer, Data) error
		// how an escape must show up
		want string
	}{
		{"md", mdw, `owned\\x07`},
		{"html", htm, `owned\x07`},
		{"csv", csvw, `gone\x1b[31m`},
	} {
		t.Run(f.name, func(t *testing.T) {
			out := string(render(t, f.write, d))
			for _, r := range out {
				if r == '\n' || r == '\t' || r == '\r' && f.name == "csv" {
					continue
				}
				if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == '\u202e' {
					t.Fatalf("the %s export holds the control character %U", f.name, r)
				}
			}
			if !strings.Contains(out, f.want) {
				t.Errorf("the %s export does not show the escape as %q", f.name, f.want)
			}
		})
	}
}
