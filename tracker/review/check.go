package review

import (
	"fmt"
	"math"
	"net/url"
	"time"
	"unicode"
	"unicode/utf8"

	"devpath/roadmap"
)

// Limits of a request, checked when it is opened: generous for any real
// roadmap (a few hundred entries, a few pieces of evidence each), and
// bounds on what a crafted file can make the manager's devpath hold.
const (
	MaxEntries          = 50000 // entries in one request
	MaxEvidencePerEntry = 1000  // pieces of evidence on one entry
	MaxEvidence         = 200000
	MaxIDLen            = 200   // entry, stage and roadmap ids
	MaxTitleLen         = 1000  // titles and group names, in characters
	MaxNameLen          = 200   // the engineer's and reviewer's names
	MaxNoteLen          = 10000 // evidence notes and comments
	MaxLinkLen          = 2048  // evidence links, in bytes
)

// CheckError says what in a review file is not as devpath writes it: the
// field (such as `entry 12 "k8s-helm", evidence 2, link`) and what is
// wrong, in one line. It matches ErrIncomplete.
type CheckError struct {
	Field   string
	Problem string
}

func (e *CheckError) Error() string { return e.Field + ": " + e.Problem }

// Unwrap makes a CheckError match ErrIncomplete.
func (e *CheckError) Unwrap() error { return ErrIncomplete }

func bad(field, format string, args ...any) error {
	return &CheckError{Field: field, Problem: fmt.Sprintf(format, args...)}
}

// idForm reports the form of every roadmap id (roadmap.Validate holds
// every roadmap to it): lowercase letters, digits and dashes, not first.
func idForm(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' && i > 0) {
			return false
		}
	}
	return s != ""
}

// kinds are the kinds of entry a request can share.
var kinds = map[string]bool{roadmap.KindSkill: true, roadmap.KindCriterion: true, roadmap.KindMilestone: true, roadmap.KindBranchItem: true}

// check holds every field of a request to what devpath writes, so that
// nothing reaches the manager's window or database that devpath itself
// would not have written: ids in their form, known kinds and shares,
// single-line titles of plain text, real dates, web links, levels and
// scores in range, and counts within the limits above.
func (r Request) check() error {
	switch {
	case !validID(r.ID):
		return bad("the request id", "not 32 hexadecimal digits")
	case !sensibleTime(r.CreatedAt):
		return bad("the request's date", "%s is not a date devpath writes", r.CreatedAt.Format(time.RFC3339))
	case r.Share != ShareAll && r.Share != ShareEvidenced:
		return bad("the share", "%s is neither %s nor %s", quote(r.Share), ShareAll, ShareEvidenced)
	}
	if err := line("the engineer's name", r.Engineer, MaxNameLen, true); err != nil {
		return err
	}
	if err := ref("the stage", r.Stage.ID, r.Stage.Title); err != nil {
		return err
	}
	if r.Next != nil {
		if err := ref("the next level", r.Next.ID, r.Next.Title); err != nil {
			return err
		}
	}
	if err := ref("the roadmap", r.Roadmap.ID, r.Roadmap.Title); err != nil {
		return err
	}
	if r.Roadmap.Version < 1 || r.Roadmap.Version > 1_000_000 {
		return bad("the roadmap's version", "%d is not a version (1 to 1000000)", r.Roadmap.Version)
	}
	if err := score("the claimed readiness", r.Readiness.Claimed); err != nil {
		return err
	}
	if r.Readiness.Evidenced != nil {
		if err := score("the evidenced readiness", *r.Readiness.Evidenced); err != nil {
			return err
		}
	}
	if len(r.Entries) > MaxEntries {
		return bad("the entries", "%d entries, more than the %d a request may share", len(r.Entries), MaxEntries)
	}
	seen := make(map[string]bool, len(r.Entries))
	evidence := 0
	for i, e := range r.Entries {
		// The field is named only when it is wrong: a request may share
		// tens of thousands of entries, and is checked as the manager
		// waits. Each check is run again, with the name, on failure.
		field := func() string { return fmt.Sprintf("entry %d (%s)", i+1, e.ID) }
		if id("", e.ID) != nil {
			return id(fmt.Sprintf("entry %d's id", i+1), e.ID)
		}
		if seen[e.ID] {
			return bad(field(), "the id is repeated")
		}
		seen[e.ID] = true
		if !kinds[e.Kind] {
			return bad(field()+", kind", "%s is not a kind of entry", quote(e.Kind))
		}
		if e.Level < 0 || e.Level > 4 || (e.Kind == roadmap.KindCriterion || e.Kind == roadmap.KindMilestone) && e.Level != 0 && e.Level != 3 {
			return bad(field()+", level", "%d is not a level of a %s", e.Level, e.Kind)
		}
		if line("", e.Title, MaxTitleLen, false) != nil {
			return line(field()+", title", e.Title, MaxTitleLen, false)
		}
		if line("", e.Group, MaxTitleLen, true) != nil {
			return line(field()+", group", e.Group, MaxTitleLen, true)
		}
		if len(e.Evidence) > MaxEvidencePerEntry {
			return bad(field(), "%d pieces of evidence, more than the %d an entry may have", len(e.Evidence), MaxEvidencePerEntry)
		}
		if evidence += len(e.Evidence); evidence > MaxEvidence {
			return bad("the evidence", "more than the %d pieces a request may share", MaxEvidence)
		}
		for j, ev := range e.Evidence {
			if ev.check("") != nil {
				return ev.check(fmt.Sprintf("%s, evidence %d", field(), j+1))
			}
		}
	}
	return nil
}

// check holds a piece of evidence to what devpath writes.
func (ev Evidence) check(field string) error {
	if !cleanText(ev.Note, MaxNoteLen) {
		return bad(field+", note", "not plain text of at most %d characters", MaxNoteLen)
	}
	if d, err := time.Parse("2006-01-02", ev.Date); err != nil || !sensibleTime(d) {
		return bad(field+", date", "%s is not a date written YYYY-MM-DD", quote(ev.Date))
	}
	if ev.Level < 0 || ev.Level > 4 {
		return bad(field+", level", "%d is not a level (0 to 4)", ev.Level)
	}
	return link(field+", link", ev.Link)
}

// ref checks a stage, next level or roadmap: an id and a title.
func ref(field, id_, title string) error {
	if err := id(field+"'s id", id_); err != nil {
		return err
	}
	return line(field+"'s title", title, MaxTitleLen, false)
}

func id(field, s string) error {
	if len(s) > MaxIDLen || !idForm(s) {
		return bad(field, "%s is not an id (lowercase letters, digits and dashes, at most %d)", quote(s), MaxIDLen)
	}
	return nil
}

// line checks one line of plain text: no control, bidi or line-breaking
// character, at most n characters, empty only when allowed.
func line(field, s string, n int, empty bool) error {
	switch {
	case s == "" && !empty:
		return bad(field, "missing")
	case !utf8.ValidString(s):
		return bad(field, "not valid UTF-8 text")
	case utf8.RuneCountInString(s) > n:
		return bad(field, "%d characters, more than %d", utf8.RuneCountInString(s), n)
	}
	for _, r := range s {
		if hidden(r) || r == '\n' || r == '\t' {
			return bad(field, "%s holds the control character U+%04X", quote(s), r)
		}
	}
	return nil
}

// link checks an evidence link: none, or an absolute http or https
// address with a host and no spaces.
func link(field, s string) error {
	if s == "" {
		return nil
	}
	if len(s) > MaxLinkLen || !utf8.ValidString(s) {
		return bad(field, "not a web address of at most %d bytes", MaxLinkLen)
	}
	for _, r := range s {
		if unicode.IsSpace(r) || hidden(r) {
			return bad(field, "%s holds a space or control character", quote(s))
		}
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Hostname() == "" {
		return bad(field, "%s is not an http or https address", quote(s))
	}
	return nil
}

func score(field string, v float64) error {
	if math.IsNaN(v) || v < 0 || v > 100 {
		return bad(field, "%v is not a score (0 to 100)", v)
	}
	return nil
}

// sensibleTime reports a time devpath could have written: from 1970 to
// the year 3000, the bounds every devpath file keeps to.
func sensibleTime(t time.Time) bool {
	return t.Year() >= 1970 && t.Year() < 3000
}

// quote is s quoted with every control and bidi character escaped, cut to
// 60 characters, so that an error shows it as it is without being
// reordered or broken by it.
func quote(s string) string {
	if r := []rune(s); len(r) > 60 {
		s = string(r[:60]) + "…"
	}
	return fmt.Sprintf("%+q", s)
}

// hidden reports a character that is not shown as itself or changes how
// the text around it is shown: controls, line and paragraph separators,
// bidi embeddings, overrides, isolates and marks.
func hidden(r rune) bool {
	switch {
	case unicode.IsControl(r) && r != '\n' && r != '\t':
		return true
	case r == 0x2028, r == 0x2029, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}

// cleanText reports whether s is valid text of at most n characters with
// no control or bidi character other than line breaks and tabs.
func cleanText(s string, n int) bool {
	if !utf8.ValidString(s) || utf8.RuneCountInString(s) > n {
		return false
	}
	for _, r := range s {
		if hidden(r) {
			return false
		}
	}
	return true
}
