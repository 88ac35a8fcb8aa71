package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fuzzSeeds are argument vectors, NUL-separated, that start the fuzzer off
// on every command; testdata/fuzz/FuzzArgs holds more.
var fuzzSeeds = []string{
	"",
	"help",
	"--version",
	"help\x00tick",
	"roadmap",
	"roadmap\x00--json",
	"roadmap\x00validate\x00valid.yaml",
	"roadmap\x00validate\x00broken.yaml",
	"--roadmap\x00valid.yaml\x00status",
	"--roadmap\x00broken.yaml\x00tick\x00basics-a",
	"profile",
	"profile\x00--stage\x00mid\x00--since\x002024-01-31\x00--region\x00us",
	"profile\x00--branch\x00none\x00--track\x00ic\x00--level\x00ic-staff",
	"tick\x00aws-iam\x00--level\x002",
	"tick\x00--level\x004\x00aws-iam\x00--note\x00did it\x00--link\x00https://example.com",
	"tick\x00aws-iam\x00--date\x002099-01-01",
	"tick\x00junior-first-prod-deploy\x00--level\x002",
	"untick\x00aws-iam",
	"skip\x00aws-s3",
	"unskip\x00aws-s3",
	"undo",
	"status",
	"status\x00--json",
	"history\x00--since\x002025-01-01\x00--json",
	"checkin\x00--label\x00Q1",
	"checkins",
	"diff\x001\x002",
	"tick\x00--\x00--level",
	"--screen\x00history",
	"tick\x00--level=\x00x",
}

// FuzzArgs feeds arbitrary argument vectors to Main. It must never panic
// (Main turns a panic into "internal error", which fails here too), must
// exit 0, 1 or 2, and every line it writes to stderr must be a devpath
// message or the help hint.
func FuzzArgs(f *testing.F) {
	valid, err := os.ReadFile("testdata/valid.yaml")
	if err != nil {
		f.Fatal(err)
	}
	broken, err := os.ReadFile("testdata/broken.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var args []string
		if s != "" {
			args = strings.Split(s, "\x00")
		}
		if len(args) > 16 || !confined(args) {
			return
		}
		// Everything the run might touch lives in a fresh folder: the
		// database, its backups and any relative file name.
		dir := t.TempDir()
		t.Chdir(dir)
		for name, data := range map[string][]byte{"valid.yaml": valid, "broken.yaml": broken} {
			if err := os.WriteFile(name, data, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		env := map[string]string{
			"DEVPATH_DB":    filepath.Join(dir, "data", "devpath.db"),
			"HOME":          dir,
			"XDG_DATA_HOME": dir,
		}
		var stdout, stderr bytes.Buffer
		code := runArgs(args, Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Version: "0.0.0"},
			func() time.Time { return testNow }, func(k string) string { return env[k] })
		if code != ExitOK && code != ExitFailure && code != ExitUsage {
			t.Fatalf("Main(%q) = %d, want 0, 1 or 2", args, code)
		}
		msg := stderr.String()
		if strings.Contains(msg, "internal error") {
			t.Fatalf("Main(%q) panicked: %s", args, msg)
		}
		if code != ExitOK && strings.TrimSpace(msg) == "" {
			t.Fatalf("Main(%q) exited %d without saying why", args, code)
		}
		for _, l := range strings.Split(strings.TrimSuffix(msg, "\n"), "\n") {
			if l != "" && !strings.HasPrefix(l, "devpath: ") && !strings.HasPrefix(l, "run 'devpath help") {
				t.Fatalf("Main(%q) wrote a stray stderr line %q", args, l)
			}
		}
	})
}

// confined reports whether args name no file outside the working folder and
// do not choose the database themselves, so that a fuzz run cannot touch
// anything but its own temporary folder.
func confined(args []string) bool {
	for _, a := range args {
		if strings.Contains(a, "..") || strings.HasPrefix(a, "/") || strings.HasPrefix(a, "~") ||
			strings.Contains(a, "=/") || strings.Contains(a, "=~") {
			return false
		}
		if strings.HasPrefix(a, "-") && strings.HasPrefix(strings.TrimLeft(a, "-"), "db") {
			return false
		}
	}
	return true
}

func TestConfined(t *testing.T) {
	for _, c := range []struct {
		args []string
		want bool
	}{
		{[]string{"tick", "aws-iam"}, true},
		{[]string{"roadmap", "validate", "valid.yaml"}, true},
		{[]string{"--db", "x"}, false},
		{[]string{"-db=x"}, false},
		{[]string{"roadmap", "validate", "/dev/zero"}, false},
		{[]string{"--roadmap=/etc/passwd"}, false},
		{[]string{"roadmap", "validate", "../x"}, false},
		{[]string{"roadmap", "validate", "~/x"}, false},
	} {
		if got := confined(c.args); got != c.want {
			t.Errorf("confined(%q) = %v, want %v", c.args, got, c.want)
		}
	}
}
