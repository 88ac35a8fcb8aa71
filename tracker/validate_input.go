package tracker

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Limits on what the user may type.
const (
	// MaxNoteLen is the longest evidence note, in characters.
	MaxNoteLen = 10000
	// MaxLinkLen is the longest evidence link, in bytes.
	MaxLinkLen = 2048
	// maxIDLen bounds entry ids and other identifiers.
	maxIDLen = 200
	// maxNameLen bounds the profile name and check-in labels.
	maxNameLen = 200
)

// dateLayout is how calendar days are written, stored and parsed.
const dateLayout = "2006-01-02"

// ValidateLink checks an evidence link: "" is fine (no link); anything else
// must be an absolute http:// or https:// URL with a host.
func ValidateLink(link string) error {
	if link == "" {
		return nil
	}
	if len(link) > MaxLinkLen {
		return fmt.Errorf("link is too long (%d characters; at most %d)", len(link), MaxLinkLen)
	}
	if strings.TrimSpace(link) != link {
		return fmt.Errorf("link %q must not start or end with spaces", link)
	}
	if !utf8.ValidString(link) {
		return fmt.Errorf("link %q is not valid text", link)
	}
	lower := strings.ToLower(link)
	if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
		return fmt.Errorf("link %q must start with http:// or https://", link)
	}
	u, err := url.Parse(link)
	if err != nil {
		return fmt.Errorf("link %q is not a valid web address", link)
	}
	if u.Host == "" || u.Hostname() == "" {
		return fmt.Errorf("link %q has no host (use a full address such as https://example.com/page)", link)
	}
	for _, r := range link {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return fmt.Errorf("link %q must not contain spaces", link)
		}
	}
	return nil
}

// ParseDate parses a calendar day written YYYY-MM-DD and checks that it is
// not after today (the calendar day of today in its own location). The result
// is midnight UTC of that day.
func ParseDate(s string, today time.Time) (time.Time, error) {
	if s == "" {
		return time.Time{}, fmt.Errorf("no date given (use YYYY-MM-DD)")
	}
	d, err := time.Parse(dateLayout, s)
	if err != nil || len(s) != len(dateLayout) {
		return time.Time{}, fmt.Errorf("date %q is not a valid date (use YYYY-MM-DD)", s)
	}
	if err := checkDay(d, today); err != nil {
		return time.Time{}, err
	}
	return d, nil
}

// checkDay reports a calendar day that is after today or implausibly old.
func checkDay(d, today time.Time) error {
	if d.After(dayOf(today)) {
		return fmt.Errorf("date %s is in the future", d.Format(dateLayout))
	}
	if d.Year() < 1900 {
		return fmt.Errorf("date %s is too far in the past", d.Format(dateLayout))
	}
	return nil
}

// dayOf returns the calendar day of t (in t's own location) as midnight UTC;
// the zero time stays zero.
func dayOf(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// formatDay writes a calendar day as YYYY-MM-DD, or "" for the zero time.
func formatDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return dayOf(t).Format(dateLayout)
}

// parseDay reads a day written by formatDay.
func parseDay(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	d, err := time.Parse(dateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored date %q is not valid: %w", s, err)
	}
	return d, nil
}

// checkOptionalDay validates a day the caller passed in (zero allowed) and
// returns it as midnight UTC.
func checkOptionalDay(what string, t, today time.Time) (time.Time, error) {
	if t.IsZero() {
		return t, nil
	}
	d := dayOf(t)
	if err := checkDay(d, today); err != nil {
		return time.Time{}, fmt.Errorf("%s: %w", what, err)
	}
	return d, nil
}

// validateItemID checks an entry id: not empty, no spaces or control
// characters, not absurdly long.
func validateItemID(id string) error {
	if id == "" {
		return fmt.Errorf("no entry id given")
	}
	if len(id) > maxIDLen {
		return fmt.Errorf("entry id %.40q… is too long (at most %d characters)", id, maxIDLen)
	}
	if !utf8.ValidString(id) {
		return fmt.Errorf("entry id %q is not valid text", id)
	}
	for _, r := range id {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return fmt.Errorf("entry id %q must not contain spaces", id)
		}
	}
	return nil
}

// validateText checks a short piece of user text such as a name or label.
func validateText(what, s string, limit int) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("%s is not valid text", what)
	}
	if n := utf8.RuneCountInString(s); n > limit {
		return fmt.Errorf("%s is too long (%d characters; at most %d)", what, n, limit)
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return fmt.Errorf("%s must be a single line of text", what)
		}
	}
	return nil
}

// validateNote checks an evidence note that has already been trimmed.
func validateNote(note string) error {
	if note == "" {
		return fmt.Errorf("the evidence note is empty; say what you did")
	}
	if !utf8.ValidString(note) {
		return fmt.Errorf("the evidence note is not valid text")
	}
	if n := utf8.RuneCountInString(note); n > MaxNoteLen {
		return fmt.Errorf("the evidence note is too long (%d characters; at most %d)", n, MaxNoteLen)
	}
	return nil
}
