package cli

import (
	"devpath/tracker/store/storetest"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"
)

// moreBadInputs complete badInputs: links that are not http or https,
// levels that only look like numbers, dates with a time or no dashes, far
// in the future or the past, and ids that are missing or empty. Each must
// fail with a clear message and write nothing.
var moreBadInputs = []struct {
	args   []string
	code   int
	stderr string
}{
	{[]string{"tick", "aws-iam", "--note", "x", "--link", "file:///etc/passwd"}, 2, `--link "file:///etc/passwd" is not an http or https address`},
	{[]string{"tick", "aws-iam", "--note", "x", "--link", "mailto:me@example.com"}, 2, `is not an http or https address`},
	{[]string{"tick", "aws-iam", "--note", "x", "--link", "//example.com/pr/1"}, 2, `is not an http or https address`},
	{[]string{"tick", "aws-iam", "--note", "x", "--link", "data:text/html,<script>alert(1)</script>"}, 2, `is not an http or https address`},
	{[]string{"tick", "aws-iam", "--note", "x", "--link", "https://example.com/a b"}, 2, `is not an http or https address`},
	{[]string{"tick", "aws-iam", "--note", "x", "--link", "http://"}, 2, `is not an http or https address`},
	{[]string{"tick", "aws-iam", "--note", "x", "--link", "example.com"}, 2, `is not an http or https address`},
	{[]string{"tick", "aws-iam", "--level", "3.5"}, 2, `--level must be 0-4`},
	{[]string{"tick", "aws-iam", "--level", "0x3"}, 2, `not "0x3"`},
	{[]string{"tick", "aws-iam", "--level", "40"}, 2, `not "40"`},
	{[]string{"tick", "aws-iam", "--level", "2abc"}, 2, `not "2abc"`},
	{[]string{"tick", "aws-iam", "--date", "2025-06-15T10:00:00Z"}, 2, `is not a valid date (use YYYY-MM-DD)`},
	{[]string{"tick", "aws-iam", "--date", "20250615"}, 2, `is not a valid date`},
	{[]string{"tick", "aws-iam", "--date="}, 2, `no date given`},
	{[]string{"tick", "aws-iam", "--date", "9999-12-31"}, 2, `in the future`},
	{[]string{"tick", "aws-iam", "--date", "1899-12-31"}, 2, `too far in the past`},
	{[]string{"history", "--since", "2099-01-01"}, 2, `in the future`},
	{[]string{"profile", "--since", "2025-6-1"}, 2, `is not a valid date`},
	{[]string{"profile", "--career-start", "2025-06-16"}, 2, `in the future`},
	{[]string{"tick", ""}, 1, `unknown id ""`},
	{[]string{"tick", "aws-iam; rm -rf /"}, 1, `unknown id "aws-iam; rm -rf /"`},
	{[]string{"untick"}, 2, `missing ID`},
	{[]string{"skip", "aws-iam", "aws-s3"}, 2, `too many arguments`},
}

func TestMoreBadInputOnNewDatabase(t *testing.T) {
	for _, c := range moreBadInputs {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			h := newHarness(t)
			checkBad(t, h.run(c.args...), c.code, c.stderr)
			if _, err := os.Stat(h.db); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the database was created (stat: %v)", err)
			}
		})
	}
}

func TestMoreBadInputWritesNothing(t *testing.T) {
	h := newHarness(t)
	h.ok("profile", "--name", "Sam", "--stage", "junior", "--since", "2025-01-01")
	h.ok("tick", "aws-iam", "--level", "2", "--note", "Policies for CI", "--link", "https://example.com/pr/1")
	h.ok("checkin", "--label", "start")
	snapshot := func() (string, string, string) {
		return h.ok("history", "--json"), h.ok("profile"), h.ok("status", "--json")
	}
	hist, prof, status := snapshot()
	for _, c := range moreBadInputs {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			checkBad(t, h.run(c.args...), c.code, c.stderr)
			if h2, p2, s2 := snapshot(); h2 != hist || p2 != prof || s2 != status {
				t.Error("bad input changed the database")
			}
		})
	}
}

// TestStoredEscapesNeverReachTheTerminal: a database written before every
// value was checked (here edited directly) may hold terminal escapes in a
// name, a note, a label and the change log; history, status, checkins,
// diff, profile and the text exports show them only as visible escapes.
func TestStoredEscapesNeverReachTheTerminal(t *testing.T) {
	h := newHarness(t)
	h.ok("profile", "--name", "Sam", "--stage", "junior", "--since", "2025-01-01")
	h.ok("tick", "aws-iam", "--level", "2", "--note", "Policies for CI")
	h.ok("checkin", "--label", "start")
	h.ok("checkin", "--label", "later")
	const esc = "\x1b[2J\x1b]0;owned\a\u009b31m"
	if err := storetest.Exec(h.db,
		"UPDATE profile SET name = 'Sam"+esc+"', region = 'zz"+esc+"'",
		"UPDATE evidence SET note = note || '"+esc+"'",
		"UPDATE checkins SET label = label || '"+esc+"'",
		"INSERT INTO events (at, kind, target, old, new) VALUES ('2025-06-15T11:00:00Z', 'profile', 'name', 'Sam', 'Sam"+esc+"')",
		"INSERT INTO events (at, kind, target, old, new) VALUES ('2025-06-15T11:00:01Z', 'import', 'b"+esc+".json', '', 'x')",
	); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"history"}, {"status"}, {"checkins"}, {"diff", "1", "2"}, {"profile"},
		{"export"}, {"export", "--format", "html"}, {"export", "--format", "csv"},
	} {
		r := h.run(args...)
		if r.code != 0 {
			t.Errorf("devpath %s: exit %d: %s", strings.Join(args, " "), r.code, r.stderr)
		}
		for _, out := range []string{r.stdout, r.stderr} {
			for _, c := range out {
				if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c >= 0x80 && c < 0xa0 {
					t.Errorf("devpath %s wrote the control character %U:\n%q", strings.Join(args, " "), c, out)
					break
				}
			}
		}
	}
	// The escape shows, visibly, where the name is printed.
	if out := h.ok("history"); !strings.Contains(out, `Sam\x1b[2J`) {
		t.Errorf("history does not show the escape visibly:\n%s", out)
	}
}

// TestEscapesInInputAreRefused: a note, name or label holding a terminal
// escape is refused with a one-line message and changes nothing.
func TestEscapesInInputAreRefused(t *testing.T) {
	h := newHarness(t)
	h.ok("profile", "--name", "Sam", "--stage", "junior", "--since", "2025-01-01")
	h.ok("tick", "aws-iam", "--note", "first")
	before := h.ok("history", "--json") + h.ok("profile")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"tick", "aws-s3", "--note", "done\x1b[31m red"}, 2, "control character"},
		{[]string{"tick", "aws-s3", "--note", "bell\a"}, 2, "control character"},
		{[]string{"tick", "aws-s3", "--note", "c1 \u009b31m"}, 2, "control character"},
		{[]string{"profile", "--name", "Sam\x1b[2J"}, 2, "one line"},
		{[]string{"checkin", "--label", "q1\x1b[31m"}, 2, "single line"},
	} {
		r := h.run(c.args...)
		checkBad(t, r, c.code, c.want)
		if strings.ContainsAny(r.stderr, "\x1b\a\u009b") {
			t.Errorf("devpath %q: the message holds the raw character: %q", c.args, r.stderr)
		}
	}
	if after := h.ok("history", "--json") + h.ok("profile"); after != before {
		t.Error("refused input changed the database")
	}
}

// TestErrorMessagesShowEscapesVisibly: an error that quotes something the
// user or a file brought (here a database path holding an escape) writes it
// out visibly instead of sending it to the terminal.
func TestErrorMessagesShowEscapesVisibly(t *testing.T) {
	h := newHarness(t)
	h.db = filepath.Join(t.TempDir(), "bad\x1b[31m.db")
	if err := os.WriteFile(h.db, []byte("not a database, just text"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := h.run("status")
	if r.code != 1 {
		t.Fatalf("status on a foreign file: exit %d: %q", r.code, r.stderr)
	}
	if strings.ContainsRune(r.stderr, 0x1b) || !strings.Contains(r.stderr, `bad\x1b[31m.db`) {
		t.Errorf("stderr %q: want the path with its escape written out", r.stderr)
	}
}

// A note refused for its control characters never creates a database.
func TestRefusedNoteCreatesNoDatabase(t *testing.T) {
	h := newHarness(t)
	r := h.run("tick", "aws-iam", "--note", "x\x1b[31m")
	if r.code != 2 || !strings.Contains(r.stderr, "control character") {
		t.Fatalf("exit %d: %q", r.code, r.stderr)
	}
	if _, err := os.Stat(h.db); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the refused tick left a database behind (%v)", err)
	}
}

// TestTickShowsTheNoteVisibly: a note the checks let in with a character
// that reverses the direction of text is echoed with that character written
// out, as history shows it, not sent raw to the terminal.
func TestTickShowsTheNoteVisibly(t *testing.T) {
	h := newHarness(t)
	out := h.ok("tick", "aws-iam", "--note", "bidi \u202eevil\u202c x")
	if strings.ContainsAny(out, "\u202e\u202c") {
		t.Errorf("tick echoed the raw direction override:\n%q", out)
	}
	if !strings.Contains(out, `Evidence recorded: bidi \u202eevil\u202c x`) {
		t.Errorf("tick does not show the note visibly:\n%s", out)
	}
}

// TestTickRefusesALongLinkInOneShortLine: a link past the limit is refused
// for its length, without the whole link quoted back in the message.
func TestTickRefusesALongLinkInOneShortLine(t *testing.T) {
	h := newHarness(t)
	r := h.run("tick", "aws-iam", "--note", "ok", "--link", "https://example.com/"+strings.Repeat("a", 100000))
	checkBad(t, r, 2, "--link is longer than 2048 characters")
	if len(r.stderr) > 200 {
		t.Errorf("the message is %d bytes long", len(r.stderr))
	}
}
