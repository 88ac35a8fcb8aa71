package words

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"devpath/roadmap"
	"devpath/tracker"
)

// Arrow stands between an old and a new value: "practising ⟶ proficient".
// It is U+27F6: Fyne 2.8's text shaping draws a replacement glyph after
// U+2192 when a space follows it, and the command line says it the same
// way.
const Arrow = " ⟶ "

// NotApplicable is the mark of an entry that does not count for the user.
const NotApplicable = "not applicable"

// NA is the short mark of such an entry: the Roadmap's tick box for it and
// the column that counts them in every export, so that the window and the
// documents use one word.
const NA = "N/A"

// levelWords words the five levels, in level order.
var levelWords = [...]string{
	tracker.NotStarted: "not started",
	tracker.Learning:   "learning",
	tracker.Practising: "practising",
	tracker.Proficient: "proficient",
	tracker.Expert:     "expert",
}

// Level is a level in words: "not started", "practising". A value outside
// the five levels is "level N".
func Level(l tracker.Level) string {
	if l.Valid() {
		return levelWords[l]
	}
	return "level " + strconv.Itoa(int(l))
}

// Confirmed and NotConfirmed are the two states of a criterion or a
// milestone, which are confirmed rather than levelled.
const (
	Confirmed    = "confirmed"
	NotConfirmed = "not confirmed"
)

// Confirmable reports whether entries of the kind are confirmed rather than
// levelled: criteria and milestones.
func Confirmable(kind string) bool {
	return kind == roadmap.KindCriterion || kind == roadmap.KindMilestone
}

// LevelFor is a level in the words that fit the entry kind: "confirmed" for
// a criterion at proficient or above, "practising" for a skill.
func LevelFor(kind string, l tracker.Level) string {
	if Confirmable(kind) {
		if l >= tracker.Proficient {
			return Confirmed
		}
		return NotConfirmed
	}
	return Level(l)
}

// StoredLevel words a level as the change log stores it ("0".."4", empty
// for not started) for an entry of the kind. What is not a number is shown
// as it is.
func StoredLevel(kind, stored string) string {
	s := strings.TrimSpace(stored)
	if s == "" {
		return LevelFor(kind, tracker.NotStarted)
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return stored
	}
	return LevelFor(kind, tracker.Level(n))
}

// State is an entry's state in words: its level, and "not applicable" when
// it is skipped ("practising, not applicable"; a skipped entry never
// started is just "not applicable").
func State(kind string, s tracker.ItemState) string {
	if !s.Skipped {
		return LevelFor(kind, s.Level)
	}
	if s.Level == tracker.NotStarted {
		return NotApplicable
	}
	return LevelFor(kind, s.Level) + ", " + NotApplicable
}

// kindWords words the entry kinds.
var kindWords = map[string]string{
	roadmap.KindSkill:      "skill",
	roadmap.KindCriterion:  "criterion",
	roadmap.KindMilestone:  "key milestone",
	roadmap.KindBranchItem: "branch skill",
}

// EntryKinds lists the entry kinds in the order the roadmap shows them.
var EntryKinds = []string{roadmap.KindSkill, roadmap.KindBranchItem, roadmap.KindCriterion, roadmap.KindMilestone}

// Kind is an entry kind in words: "skill", "branch skill", "criterion",
// "key milestone"; "entry" when the kind is not known.
func Kind(kind string) string {
	if w, ok := kindWords[kind]; ok {
		return w
	}
	return "entry"
}

// KindTitle is Kind for the start of a heading or a line: "Criterion".
func KindTitle(kind string) string { return UpperFirst(Kind(kind)) }

// Components name the four readiness components, in the order of
// tracker.Components' fields.
var Components = [4]string{"Skills", "Criteria", "Key milestone", "Experience"}

// Regions lists the salary regions in the order devpath offers them.
var Regions = []string{roadmap.RegionUK, roadmap.RegionUS}

// regionWords words the salary regions.
var regionWords = map[string]string{
	roadmap.RegionUK: "UK",
	roadmap.RegionUS: "US",
	"":               "not set",
}

// Region is a salary region as the user reads it: "UK", "US", "not set";
// another value in capitals.
func Region(r string) string {
	if w, ok := regionWords[r]; ok {
		return w
	}
	return strings.ToUpper(r)
}

// NoBand is what a salary band the roadmap does not give reads as.
const NoBand = "no figure for this region"

// Band is a pay band in the region's currency with thousands separators:
// "£40,000 – £55,000", or "£120,000 – £170,000+" when the top is open;
// NoBand for a nil band. The spaces around the dash keep two long figures
// apart.
func Band(region string, b *roadmap.Band) string {
	if b == nil {
		return NoBand
	}
	s := roadmap.Money(b.Min, region) + " – " + roadmap.Money(b.Max, region)
	if b.Open {
		s += "+"
	}
	return s
}

// Verdicts lists the readiness verdicts, best first.
var Verdicts = []string{tracker.VerdictReady, tracker.VerdictClose, tracker.VerdictBuilding}

// verdictWords words each verdict: a word, and a sentence that names the
// next level.
var verdictWords = map[string]struct{ word, sentence string }{
	tracker.VerdictReady:    {"ready", "Ready: you meet the bar for %s."},
	tracker.VerdictClose:    {"close", "Close: a few gaps left before %s."},
	tracker.VerdictBuilding: {"building", "Building: keep working towards %s."},
}

// Verdict is a verdict in one word: "ready", "close", "building"; "not
// assessed" when there is none.
func Verdict(v string) string {
	if w, ok := verdictWords[v]; ok {
		return w.word
	}
	if v == "" {
		return "not assessed"
	}
	return v
}

// VerdictSentence explains a verdict in a sentence naming the next level
// (its title; empty for "the next level").
func VerdictSentence(v, next string) string {
	if next == "" {
		next = "the next level"
	}
	if w, ok := verdictWords[v]; ok {
		return strings.Replace(w.sentence, "%s", next, 1)
	}
	return UpperFirst(Verdict(v)) + "."
}

// TimelineStatuses lists the timeline statuses that compare the time in
// stage with the roadmap's timeline.
var TimelineStatuses = []string{tracker.TimelineAccelerated, tracker.TimelineOnTrack, tracker.TimelineOverdue}

// timelineWords words the timeline statuses.
var timelineWords = map[string]string{
	tracker.TimelineAccelerated: "ahead of the typical timeline",
	tracker.TimelineOnTrack:     "within the typical timeline",
	tracker.TimelineOverdue:     "past the typical timeline",
}

// Timeline is a timeline status in words: "within the typical timeline";
// "not known" for the unknown status.
func Timeline(status string) string {
	if w, ok := timelineWords[status]; ok {
		return w
	}
	return "not known"
}

// UpperFirst returns s with its first letter in capitals.
func UpperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// StallWarning is the advice for someone who has been at one level for more
// than months (Timeline.StalledAfter); "" for 0.
func StallWarning(months int) string {
	if months <= 0 {
		return ""
	}
	return "More than " + spanWords(months) + " at one level: if you want to move up, something has to change. " +
		"Ask for the promotion where you are, look for a manager who will back your growth, " +
		"or join a company that hires you at the next level."
}

// spanWords says a number of months in words: "three years", "a year",
// "18 months".
func spanWords(months int) string {
	switch {
	case months == 12:
		return "a year"
	case months%12 == 0:
		return spellNumber(months/12) + " years"
	case months == 1:
		return "a month"
	}
	return spellNumber(months) + " months"
}

// spellNumber spells out two to twelve and writes larger numbers in digits.
func spellNumber(n int) string {
	names := []string{2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten", 11: "eleven", 12: "twelve"}
	if n >= 2 && n < len(names) {
		return names[n]
	}
	return strconv.Itoa(n)
}

// InStage says the months at a stage against the typical timeline of the
// move out of it: "14 months (on-track; typical 12–24)"; "unknown" when
// the day the stage began is not known.
func InStage(months int, known bool, status string, typical roadmap.Months) string {
	if !known {
		return "unknown"
	}
	s := fmt.Sprintf("%d months", months)
	if months == 1 {
		s = "1 month"
	}
	if status == tracker.TimelineUnknown || status == "" {
		return s
	}
	return fmt.Sprintf("%s (%s; typical %d–%d)", s, status, typical.Min, typical.Max)
}
