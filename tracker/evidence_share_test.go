package tracker

import (
	"strings"
	"testing"
)

// What a review request shares of evidence found in git: the repository's
// name, never its folder; the commit's link whole, or a short hash.
func TestShareNote(t *testing.T) {
	hash := "6cb847a1f0e2d3c4b5a6978812345678deadbeef"
	repos := []string{"/home/ana/git/platform-infra", "/home/ana/git/platform-infra-old", `C:\Users\ana\src\api`}
	for note, want := range map[string]string{
		"3 commits in /home/ana/git/platform-infra, 2026-11-01 to 2026-11-20: Add VPC module (/home/ana/git/platform-infra@" + hash + ")": "3 commits in platform-infra, 2026-11-01 to 2026-11-20: Add VPC module (platform-infra@6cb847a)",
		"1 commit in /home/ana/git/platform-infra-old on 2026-01-02":                                                                      "1 commit in platform-infra-old on 2026-01-02",
		`2 commits in C:\Users\ana\src\api`:                             "2 commits in api",
		"See https://github.com/o/r/commit/" + hash + " for the change": "See https://github.com/o/r/commit/" + hash + " for the change",
		"Fixed in " + hash + ".":                                        "Fixed in 6cb847a.",
		"A SHA-256 one " + strings.Repeat("ab", 32):                     "A SHA-256 one abababa",
		"Not a hash: cafe, deadbeef, " + strings.Repeat("a", 41):        "Not a hash: cafe, deadbeef, " + strings.Repeat("a", 41),
		"Wrote the runbook myself":                                      "Wrote the runbook myself",
	} {
		if got := ShareNote(note, repos); got != want {
			t.Errorf("ShareNote(%q)\n = %q\nwant %q", note, got, want)
		}
	}
	if got := CommitRef("/srv/git/platform-infra/", hash); got != "platform-infra@6cb847a" {
		t.Errorf("CommitRef: %q", got)
	}
}
