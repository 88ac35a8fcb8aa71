package gitscan

import (
	"strings"
	"unicode/utf8"
)

// commit is what the scan needs of one of the authors' commits.
type commit struct {
	hash    string
	asec    int64  // author time, Unix seconds
	atz     int    // author's time zone, seconds east of UTC
	subject string // as git log's %s shows it, in UTF-8
}

// clip shortens s to at most n runes, ending it with "…" when cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
