package gitscan

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-git/go-git/v5/plumbing"
	"golang.org/x/text/encoding/htmlindex"
)

// commit is what the scan needs of a commit object.
type commit struct {
	hash    plumbing.Hash
	tree    plumbing.Hash
	parents []plumbing.Hash
	email   []byte // author's email, as written; valid only while parsing
	asec    int64  // author time, Unix seconds
	atz     int    // author's time zone, seconds east of UTC
	csec    int64  // committer time, Unix seconds
	subject string // set only for the authors' commits
	mine    bool   // by one of the authors
}

// parseCommit parses the raw commit object b. The subject is decoded only
// when the author is one of authors (lower case), which is the slow part
// and needed for those alone.
func parseCommit(h plumbing.Hash, b []byte, authors [][]byte) (commit, error) {
	c := commit{hash: h}
	bad := func(what string) (commit, error) {
		return commit{}, &damagedError{fmt.Sprintf("commit %s is corrupt (%s)", h, what)}
	}
	var encoding []byte
	sawTree := false
	for len(b) > 0 {
		nl := bytes.IndexByte(b, '\n')
		var line []byte
		if nl < 0 {
			line, b = b, nil
		} else {
			line, b = b[:nl], b[nl+1:]
		}
		if len(line) == 0 {
			break // the message follows
		}
		key, val, _ := bytes.Cut(line, []byte{' '})
		switch string(key) {
		case "tree":
			if sawTree || !parseHash(val, &c.tree) {
				return bad("tree line")
			}
			sawTree = true
		case "parent":
			var p plumbing.Hash
			if !parseHash(val, &p) {
				return bad("parent line")
			}
			c.parents = append(c.parents, p)
		case "author":
			var ok bool
			if c.email, c.asec, c.atz, ok = parseSignature(val); !ok {
				return bad("author line")
			}
		case "committer":
			var ok bool
			if _, c.csec, _, ok = parseSignature(val); !ok {
				return bad("committer line")
			}
		case "encoding":
			encoding = val
		}
	}
	if !sawTree {
		return bad("no tree")
	}
	for _, a := range authors {
		if len(a) == len(c.email) && bytes.EqualFold(a, c.email) {
			c.mine = true
			break
		}
	}
	if c.mine {
		c.subject = subjectOf(b, encoding)
	}
	c.email = nil // it points into b, which the caller reuses
	return c, nil
}

// parseHash decodes a 40-digit hex hash.
func parseHash(b []byte, h *plumbing.Hash) bool {
	if len(b) != 2*len(h) {
		return false
	}
	_, err := hex.Decode(h[:], b)
	return err == nil
}

// parseSignature parses "Name <email> 1700000000 +0100".
func parseSignature(b []byte) (email []byte, sec int64, tz int, ok bool) {
	lt := bytes.LastIndexByte(b, '<')
	gt := bytes.LastIndexByte(b, '>')
	if lt < 0 || gt < lt {
		return nil, 0, 0, false
	}
	email = b[lt+1 : gt]
	rest := bytes.TrimSpace(b[gt+1:])
	ts, zone, _ := bytes.Cut(rest, []byte{' '})
	sec, err := strconv.ParseInt(string(ts), 10, 64)
	if err != nil {
		// git itself shows such a date as the epoch.
		sec = 0
	}
	if len(zone) == 5 && (zone[0] == '+' || zone[0] == '-') {
		if n, err := strconv.Atoi(string(zone[1:])); err == nil {
			tz = (n/100*60 + n%100) * 60
			if zone[0] == '-' {
				tz = -tz
			}
		}
	}
	return email, sec, tz, true
}

// subjectOf returns a commit message's subject as git shows it: its first
// paragraph on one line, decoded to UTF-8.
func subjectOf(msg, encoding []byte) string {
	var parts []string
	for len(msg) > 0 {
		line := msg
		if nl := bytes.IndexByte(msg, '\n'); nl >= 0 {
			line, msg = msg[:nl], msg[nl+1:]
		} else {
			msg = nil
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			if len(parts) > 0 {
				break
			}
			continue
		}
		parts = append(parts, string(line))
	}
	s := strings.Join(parts, " ")
	if len(encoding) > 0 && !strings.EqualFold(string(encoding), "utf-8") && !strings.EqualFold(string(encoding), "utf8") {
		if enc, err := htmlindex.Get(string(encoding)); err == nil {
			if d, err := enc.NewDecoder().String(s); err == nil {
				s = d
			}
		}
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return s
}

// clip shortens s to at most n runes, ending it with "…" when cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
