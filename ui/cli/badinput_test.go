package cli

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// badInputs are invocations that must fail with the given exit code and
// message and write nothing.
var badInputs = []struct {
	args   []string
	code   int
	stderr string
}{
	{[]string{"tick", "aws-iamm"}, 1, `devpath: unknown id "aws-iamm"; did you mean aws-iam`},
	{[]string{"tick", "kubernetes-everything"}, 1, `unknown id "kubernetes-everything"`},
	{[]string{"untick", "aws-iamm"}, 1, "did you mean aws-iam"},
	{[]string{"skip", "nope"}, 1, `unknown id "nope"`},
	{[]string{"unskip", "aws_iam"}, 1, "did you mean aws-iam"},
	{[]string{"tick", "aws-iam", "--level", "5"}, 2, `--level must be 0-4`},
	{[]string{"tick", "aws-iam", "--level", "-1"}, 2, `not "-1"`},
	{[]string{"tick", "--level", "three", "aws-iam"}, 2, `not "three"`},
	{[]string{"tick", "aws-iam", "--level", ""}, 2, `--level must be 0-4`},
	{[]string{"tick", "aws-iam", "--date", "2025-13-01"}, 2, `is not a valid date`},
	{[]string{"tick", "aws-iam", "--date", "15/06/2025"}, 2, `is not a valid date`},
	{[]string{"tick", "aws-iam", "--date", "2025-06-16"}, 2, `in the future`},
	{[]string{"tick", "aws-iam", "--date", "2025-02-30"}, 2, `is not a valid date`},
	{[]string{"tick", "aws-iam", "--note", "x", "--link", "ftp://example.com/f"}, 2, `is not an http or https address`},
	{[]string{"tick", "aws-iam", "--note", "x", "--link", "javascript:alert(1)"}, 2, `is not an http or https address`},
	{[]string{"tick", "aws-iam", "--note", "x", "--link", "https://"}, 2, `is not an http or https address`},
	{[]string{"tick", "aws-iam", "--note", "x", "--link", ""}, 2, `is not an http or https address`},
	{[]string{"tick", "aws-iam", "--link", "https://example.com"}, 2, `--link needs --note`},
	{[]string{"tick", "aws-iam", "--note", "   "}, 2, `--note needs some text`},
	{[]string{"tick", "aws-iam", "--note", strings.Repeat("n", 10001)}, 2, `--note is longer than 10000 characters`},
	{[]string{"tick", "aws-iam", "--note", "bad \xff text"}, 2, `--note is not valid text`},
	{[]string{"tick", "junior-ready-on-call", "--level", "2"}, 2, `is a criterion`},
	{[]string{"tick", "junior-first-prod-deploy", "--level", "4"}, 2, `is a milestone`},
	{[]string{"tick", "aws-iamm", "--level", "9"}, 2, `--level must be 0-4`}, // usage is checked first
	{[]string{"tick"}, 2, `missing ID`},
	{[]string{"tick", "aws-iam", "aws-s3"}, 2, `too many arguments`},
	{[]string{"tick", "aws-iam", "--colour", "red"}, 2, `unknown flag --colour`},
	{[]string{"undo", "now"}, 2, `unexpected argument "now"`},
	{[]string{"profile", "--stage", "seniour"}, 1, `unknown stage "seniour"; did you mean senior`},
	{[]string{"profile", "--region", "fr"}, 2, `--region must be uk or us`},
	{[]string{"profile", "--since", "2030-01-01"}, 2, `in the future`},
	{[]string{"profile", "--career-start", "yesterday"}, 2, `is not a valid date`},
	{[]string{"profile", "--branch", "sre2"}, 1, `unknown branch "sre2"; did you mean sre`},
	{[]string{"profile", "--track", "managment"}, 1, `did you mean management`},
	{[]string{"profile", "--level", "ic-junior"}, 1, `unknown track level "ic-junior"`},
	{[]string{"profile", "--track", "ic", "--level", "cto"}, 2, `a rung of the management track`},
	{[]string{"profile", "--name", "two\nlines"}, 2, `one line`},
	{[]string{"profile", "--name", "\xfe\xff"}, 2, `one line`},
	{[]string{"checkin", "--label", "tab\there"}, 2, `single line`},
	{[]string{"profile", "mid"}, 2, `unexpected argument "mid"`},
	{[]string{"profile", "--stage", "mid", "--since", "2025-06-16"}, 2, `in the future`},
	{[]string{"checkin", "--label", "42"}, 2, `just a number`},
	{[]string{"checkin", "--label", ""}, 2, `--label needs some text`},
	{[]string{"checkin", "now"}, 2, `unexpected argument`},
	{[]string{"history", "--since", "2025-6-1"}, 2, `is not a valid date`},
	{[]string{"diff", "only-one"}, 2, `missing B`},
	{[]string{"diff", "nope", "nada"}, 1, `no check-in "nope"`},
	{[]string{"--roadmap", "testdata/broken.yaml", "tick", "aws-iam"}, 1, `testdata/broken.yaml: `},
	{[]string{"--roadmap", "testdata/missing.yaml", "tick", "aws-iam"}, 1, `testdata/missing.yaml`},
}

// TestBadInputOnNewDatabase checks that bad input on a machine without a
// database fails cleanly and does not even create the file.
func TestBadInputOnNewDatabase(t *testing.T) {
	for _, c := range badInputs {
		if c.args[0] == "diff" && c.code == 1 {
			continue // looking up check-ins opens the database by design
		}
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			h := newHarness(t)
			r := h.run(c.args...)
			checkBad(t, r, c.code, c.stderr)
			if _, err := os.Stat(h.db); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the database was created (stat: %v)", err)
			}
		})
	}
}

// TestBadInputWritesNothing checks every bad input against a database with
// progress in it: the event log, the profile and the check-ins stay the same.
func TestBadInputWritesNothing(t *testing.T) {
	h := newHarness(t)
	h.ok("profile", "--name", "Sam", "--stage", "junior", "--since", "2025-01-01")
	h.ok("tick", "aws-iam", "--level", "2", "--note", "Policies for CI")
	h.ok("skip", "aws-ecs-eks")
	h.ok("checkin", "--label", "start")
	snapshot := func() (string, string, string, int) {
		return h.ok("history", "--json"), h.ok("profile"), h.ok("checkins"), len(h.events())
	}
	hist, prof, cis, n := snapshot()
	if n < 3 {
		t.Fatalf("only %d events recorded before the test", n)
	}
	info, err := os.Stat(h.db)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range badInputs {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			checkBad(t, h.run(c.args...), c.code, c.stderr)
			h2, p2, c2, n2 := snapshot()
			if n2 != n || h2 != hist || p2 != prof || c2 != cis {
				t.Errorf("bad input changed the database: %d events → %d", n, n2)
			}
		})
	}
	if info2, err := os.Stat(h.db); err != nil || !reflect.DeepEqual(info.Mode(), info2.Mode()) {
		t.Errorf("database file changed mode or vanished: %v", err)
	}
}

// checkBad checks the exit code and that stderr is the expected message,
// each line prefixed "devpath: " (plus the hint line for usage errors).
func checkBad(t *testing.T, r result, code int, want string) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("a failed command printed to stdout:\n%s", r.stdout)
	}
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	for i, l := range lines {
		hint := code == 2 && i == len(lines)-1 && strings.HasPrefix(l, "run 'devpath help")
		if !strings.HasPrefix(l, "devpath: ") && !hint {
			t.Errorf("stderr line %q is neither a devpath: message nor the hint", l)
		}
		if strings.Contains(l, "goroutine ") || strings.Contains(l, "panic") {
			t.Errorf("stderr shows a crash: %q", l)
		}
	}
	if code == 2 && !strings.HasPrefix(lines[len(lines)-1], "run 'devpath help") {
		t.Errorf("usage error without the help hint:\n%s", r.stderr)
	}
}

func TestForeignFileIsNotTouched(t *testing.T) {
	h := newHarness(t)
	content := []byte("these are my notes, not a database\n")
	if err := os.WriteFile(h.db, content, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"status"}, {"tick", "aws-iam"}, {"history"}} {
		r := h.run(args...)
		if r.code != 1 || r.stderr != "devpath: "+h.db+" is not a devpath database; give another file with --db PATH\n" {
			t.Errorf("%q: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	got, err := os.ReadFile(h.db)
	if err != nil || !bytes.Equal(got, content) {
		t.Errorf("the foreign file was changed: %q, %v", got, err)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(h.db), "backups")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a backup folder was made beside a foreign file (stat: %v)", err)
	}
}

func TestDamagedFileIsNotTouched(t *testing.T) {
	h := newHarness(t)
	h.ok("tick", "aws-iam")
	full, err := os.ReadFile(h.db)
	if err != nil {
		t.Fatal(err)
	}
	// Cut the file short: SQLite's header promises more pages than there are.
	cut := full[:len(full)/2]
	if err := os.WriteFile(h.db, cut, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"status"}, {"tick", "aws-s3"}, {"undo"}} {
		r := h.run(args...)
		want := "devpath: " + h.db + " is damaged (it failed the integrity check) and was left as it is; run 'devpath restore' with a backup\n"
		if r.code != 1 || r.stderr != want {
			t.Errorf("%q: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	got, err := os.ReadFile(h.db)
	if err != nil || !bytes.Equal(got, cut) {
		t.Errorf("the damaged file was changed (%d bytes, was %d): %v", len(got), len(cut), err)
	}
}

// TestProfileEditAcrossTimeZones: the stage date set as today at UTC+14 is
// tomorrow at UTC-12; there, changing the name must not fail on it.
func TestProfileEditAcrossTimeZones(t *testing.T) {
	h := newHarness(t)
	instant := time.Date(2025, 6, 15, 11, 0, 0, 0, time.UTC)
	h.now = func() time.Time { return instant.In(time.FixedZone("Kiritimati", 14*3600)) }
	h.ok("profile", "--stage", "junior", "--since", "2025-06-16")
	h.now = func() time.Time { return instant.In(time.FixedZone("Etc/GMT+12", -12*3600)) }
	h.ok("profile", "--name", "y")
	if out := h.ok("profile"); !strings.Contains(out, "since 2025-06-16") || !strings.Contains(out, "Name:          y\n") {
		t.Errorf("the profile after the edit:\n%s", out)
	}
	// Typing tomorrow's date here is still refused.
	checkBad(t, h.run("profile", "--career-start", "2025-06-15"), 2, "in the future")
}
