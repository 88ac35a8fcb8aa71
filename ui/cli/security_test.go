package cli

import (
	"errors"
	"os"
	"strings"
	"testing"
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
