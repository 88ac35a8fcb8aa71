package tracker

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"devpath/roadmap"
)

// Limits on what the user may type.
const (
	// MaxNoteLen is the longest evidence note, in characters.
	MaxNoteLen = 10000
	// MaxLinkLen is the longest evidence link, in bytes.
	MaxLinkLen = 2048
	// maxIDLen bounds entry ids and other identifiers.
	MaxIDLen = 200
	// maxNameLen bounds the profile name and check-in labels.
	maxNameLen = 200
)

// dateLayout is how calendar days are written, stored and parsed.
const DateLayout = "2006-01-02"

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
	d, err := time.Parse(DateLayout, s)
	if err != nil || len(s) != len(DateLayout) {
		return time.Time{}, fmt.Errorf("date %q is not a valid date (use YYYY-MM-DD)", s)
	}
	if err := checkDay(d, today); err != nil {
		return time.Time{}, err
	}
	return d, nil
}

// checkDay reports a calendar day that is after today or implausibly old.
func checkDay(d, today time.Time) error {
	if d.After(DayOf(today)) {
		return fmt.Errorf("date %s is in the future", d.Format(DateLayout))
	}
	if d.Year() < 1900 {
		return fmt.Errorf("date %s is too far in the past", d.Format(DateLayout))
	}
	return nil
}

// dayOf returns the calendar day of t (in t's own location) as midnight UTC;
// the zero time stays zero.
func DayOf(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return Day(t)
}

// formatDay writes a calendar day as YYYY-MM-DD, or "" for the zero time.
func FormatDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return DayOf(t).Format(DateLayout)
}

// parseDay reads a day written by formatDay.
func ParseDay(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	d, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored date %q is not valid: %w", s, err)
	}
	return d, nil
}

// checkOptionalDay validates a day the caller passed in (zero allowed) and
// returns it as midnight UTC.
func CheckOptionalDay(what string, t, today time.Time) (time.Time, error) {
	if t.IsZero() {
		return t, nil
	}
	d := DayOf(t)
	if err := checkDay(d, today); err != nil {
		return time.Time{}, fmt.Errorf("%s: %w", what, err)
	}
	return d, nil
}

// validateItemID checks an entry id: not empty, no spaces or control
// characters, not absurdly long.
func ValidateItemID(id string) error {
	if id == "" {
		return fmt.Errorf("no entry id given")
	}
	if len(id) > MaxIDLen {
		return fmt.Errorf("entry id %.40q… is too long (at most %d characters)", id, MaxIDLen)
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
func ValidateText(what, s string, limit int) error {
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

// ValidateNote checks an evidence note as the store does when it saves one
// (after trimming it): 1-10,000 characters of text, with no control
// characters but line breaks and tabs. The command line and the window can
// call it to refuse a note before they open the database.
func ValidateNote(note string) error { return CheckNote(strings.TrimSpace(note)) }

// validateNote checks an evidence note that has already been trimmed.
func CheckNote(note string) error {
	if note == "" {
		return fmt.Errorf("the evidence note is empty; say what you did")
	}
	if !utf8.ValidString(note) {
		return fmt.Errorf("the evidence note is not valid text")
	}
	if n := utf8.RuneCountInString(note); n > MaxNoteLen {
		return fmt.Errorf("the evidence note is too long (%d characters; at most %d)", n, MaxNoteLen)
	}
	if r, ok := controlIn(note, true); ok {
		return fmt.Errorf("the evidence note holds the control character %s (a terminal escape or similar); remove it", Visible(string(r)))
	}
	return nil
}

// controlIn returns the first control character of s that text may not
// hold. Notes (lines true) may hold line breaks (\n, or \r\n) and tabs;
// nothing else that is a control character is kept, because on a terminal
// it moves the cursor, recolours the screen or rings the bell.
func controlIn(s string, lines bool) (rune, bool) {
	for i, r := range s {
		if !unicode.IsControl(r) {
			continue
		}
		if lines && (r == '\n' || r == '\t' || r == '\r' && strings.HasPrefix(s[i+1:], "\n")) {
			continue
		}
		return r, true
	}
	return 0, false
}

// checkProfileValue is the one check of a value of a profile field, named as
// the events name them (see profileFields) and written as the profile row
// holds it (dates as YYYY-MM-DD, "" for none). Every value that enters the
// profile or its history passes it: an edit (SaveProfile, for the fields it
// changes), an undo, and every profile value of an imported backup, its
// events' old and new values included. latest is the last day a date may
// be.
func CheckProfileValue(field, v string, latest time.Time) error {
	switch field {
	case "name":
		return ValidateText("name", v, maxNameLen)
	case "stage", "branch", "track", "track_level":
		what := strings.ReplaceAll(field, "_", " ")
		if v == "" {
			if field == "stage" {
				return errors.New("no stage given")
			}
			return nil
		}
		if err := ValidateItemID(v); err != nil {
			return fmt.Errorf("%s %.40q is not a valid id", what, v)
		}
		return nil
	case "region":
		if v != roadmap.RegionUK && v != roadmap.RegionUS {
			return fmt.Errorf("region %.20q is not known (use uk or us)", v)
		}
		return nil
	case "stage_since", "career_start":
		what := "date entered the stage"
		if field == "career_start" {
			what = "career start date"
		}
		if v == "" {
			return nil
		}
		d, err := time.Parse(DateLayout, v)
		if err != nil || len(v) != len(DateLayout) {
			return fmt.Errorf("%s %.20q is not a valid date (YYYY-MM-DD)", what, v)
		}
		if err := checkDay(d, latest); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		return nil
	}
	return fmt.Errorf("unknown profile field %.30q", field)
}

// checkEvidenceContent is the one check of an evidence entry's content
// (entry id, note, link, dates), for evidence in a backup and in the old and
// new values of evidence events: the same rules as cleanEvidence applies to
// what the user types.
func CheckEvidenceContent(e *Evidence, latest time.Time) error {
	if err := ValidateItemID(e.ItemID); err != nil {
		return err
	}
	if strings.TrimSpace(e.Note) != e.Note {
		return errors.New("the note starts or ends with spaces")
	}
	if err := CheckNote(e.Note); err != nil {
		return err
	}
	if err := ValidateLink(e.Link); err != nil {
		return err
	}
	if err := CheckEvidenceLevel(e.Level); err != nil {
		return err
	}
	if e.UUID != "" && !ValidUUID(e.UUID) {
		return fmt.Errorf("uuid %.40q is not a UUID", e.UUID)
	}
	if !e.Date.IsZero() {
		if err := checkDay(DayOf(e.Date), latest); err != nil {
			return err
		}
	}
	return nil
}

// checkEvidenceLevel refuses a level evidence cannot show.
func CheckEvidenceLevel(l Level) error {
	if l < NotStarted || l > Expert {
		return fmt.Errorf("evidence level %d is not a level (0-4; 0: the level you claim)", int(l))
	}
	return nil
}

// Limits on the other texts of the change log.
const (
	// maxSourceLen bounds the file name an import records.
	MaxSourceLen = 1000
	// maxSummaryLen bounds the summary an import records.
	maxSummaryLen = 2000
)

// checkEventValues is the one check of an event's target and values for its
// kind: a level event's are levels, a profile event's pass checkProfileValue,
// an evidence event's are evidence that passes checkEvidenceContent, and so
// on. An undo's values are those of the event it undid, so they are checked
// with that event's kind and target. latest is the last day a date may be.
func CheckEventValues(kind, target, old, new string, latest time.Time) error {
	for _, s := range []string{target, old, new} {
		if !utf8.ValidString(s) {
			return errors.New("the event holds text that is not valid UTF-8")
		}
	}
	switch kind {
	case EventLevel:
		if err := ValidateItemID(target); err != nil {
			return err
		}
		for _, v := range []string{old, new} {
			n, err := strconv.Atoi(v)
			if err != nil || !Level(n).Valid() {
				return fmt.Errorf("level %.20q is not valid (0-4)", v)
			}
		}
	case EventSkip:
		if err := ValidateItemID(target); err != nil {
			return err
		}
		for _, v := range []string{old, new} {
			if v != "true" && v != "false" {
				return fmt.Errorf("skip value %.20q is not true or false", v)
			}
		}
	case EventProfile:
		for _, v := range []string{old, new} {
			if err := CheckProfileValue(target, v, latest); err != nil {
				return fmt.Errorf("profile %s: %w", target, err)
			}
		}
	case EventEvidence:
		if err := ValidateItemID(target); err != nil {
			return err
		}
		if old == "" && new == "" {
			return errors.New("an evidence change with neither old nor new content")
		}
		for _, v := range []string{old, new} {
			if v == "" {
				continue
			}
			if len(v) > maxEvidenceJSON {
				return errors.New("the evidence it records is too large")
			}
			var ev Evidence
			if err := json.Unmarshal([]byte(v), &ev); err != nil {
				return errors.New("the evidence it records is not readable")
			}
			if err := CheckEvidenceContent(&ev, latest); err != nil {
				return fmt.Errorf("the evidence it records: %w", err)
			}
		}
	case EventImport:
		if err := ValidateText("the imported file's name", target, MaxSourceLen); err != nil {
			return err
		}
		if old != "" {
			return errors.New("an import with an old value")
		}
		if err := ValidateText("the import's summary", new, maxSummaryLen); err != nil {
			return err
		}
	case EventTarget, EventPlan, EventReconfirm, EventCadence:
		return checkPlanEvent(kind, target, old, new)
	default:
		return fmt.Errorf("unknown kind of event %.30q", kind)
	}
	return nil
}

// maxEvidenceJSON bounds evidence as an event records it: a longest note
// and link, escaped, with room for the other fields.
const maxEvidenceJSON = 6*(MaxNoteLen+MaxLinkLen) + 1024

// ValidateProfileName checks a name as the profile stores it (after
// trimming spaces), so that a form can say what is wrong before saving.
func ValidateProfileName(name string) error {
	return ValidateText("name", strings.TrimSpace(name), MaxNameLen)
}

// ValidUUID reports whether s is a UUID as devpath writes it: 36
// characters, lower-case hexadecimal digits in groups of 8-4-4-4-12.
func ValidUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range []byte(s) {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
				return false
			}
		}
	}
	return true
}
