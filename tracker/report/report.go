// Package report renders a user's progress along the career roadmap as a
// summary to take to a review with a manager or to keep as a brag document:
// Markdown, a self-contained HTML page, a PDF, and a CSV table with one row
// per roadmap entry for spreadsheets.
//
// Every renderer takes the same Data and writes to an io.Writer; none of them
// reads the database or makes a network request. The Markdown, HTML and PDF
// summaries hold the same sections, built once by summarise.
package report

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/words"
)

// Data is everything a report shows. The caller loads it from the store and
// computes the assessment with tracker.Assess.
type Data struct {
	// Roadmap is the roadmap the progress is tracked against.
	Roadmap *roadmap.Roadmap
	// Progress is the profile and every entry's state.
	Progress tracker.Progress
	// Assessment is the readiness for the next level on Now.
	Assessment tracker.Assessment
	// Evidence is all evidence, any order.
	Evidence []tracker.Evidence
	// CheckIns are all check-ins, any order; the report compares the latest
	// two.
	CheckIns []tracker.CheckIn
	// Since, when not zero, limits the done entries and the evidence listed
	// to those dated on or after that day.
	Since time.Time
	// Now is when the report is made; it is printed on it.
	Now time.Time
	// Review is the latest review response, side by side; nil when none
	// was imported.
	Review *ReviewView
}

// MissingLimit is how many missing entries the summaries list, highest gain
// first.
const MissingLimit = 15

// dateLayout is how the reports write calendar days.
const dateLayout = "2006-01-02"

// summary is the content of the Markdown, HTML and PDF reports, in the
// user's words, ready to print.
type summary struct {
	Title     string
	Name      string
	Generated string
	Period    string
	Roadmap   string

	Stage      string
	StageSince string // "" when unknown
	Months     int
	Timeline   string // sentence comparing the months with the transition
	Warning    string
	Region     string
	Branch     string
	Track      string
	// The roadmap's facts that concern the user: about the transitions,
	// their chosen branch, and their chosen track and rung (track first).
	TimelineFacts []string
	BranchFacts   []string
	TrackFacts    []string

	Next       string // title of the next level, "" at the top
	Score      float64
	Verdict    string
	VerdictFor string // when the verdict changes, in words
	Components []component
	Hints      []string
	// Evidenced is the evidenced score; nil when the roadmap turns
	// evidence off.
	Evidenced *evidencedScore
	// Review is the latest review by a manager, in lines; nil without one.
	Review *reviewLines

	Stages []stageProgress

	Done          []doneEntry
	OtherEvidence []evidenceGroup

	Missing     []missingEntry
	MissingMore int // missing entries not listed

	Branches []branchLine
	Closest  string

	PayRegion string
	PayNow    string
	PayNext   string
	NextTitle string

	CheckIn *checkInCompare

	Orphans []string
}

// evidencedScore is the evidenced score beside the claimed one.
type evidencedScore struct {
	Score   float64
	Verdict string
	Gap     string   // what the claims lack, in a sentence; "" when nothing
	Actions []string // "Add evidence for X (proficient): +4.2", most first
}

// reviewLines is the latest review, said in lines.
type reviewLines struct {
	Heading string
	Lines   []string
	Gaps    []string // entries two levels or more apart
}

// evidenceActionLimit is how many evidence actions a summary lists.
const evidenceActionLimit = 5

type component struct {
	Name   string
	Share  float64 // 0-100
	Weight float64 // 0-100
	Points float64 // Share*Weight/100
}

type stageProgress struct {
	Title   string
	Current bool
	Done    int
	Total   int
	Skipped int
	Groups  []groupProgress
}

type groupProgress struct {
	Title string
	Done  int
	Total int
}

type doneEntry struct {
	Title    string
	Where    string
	Level    string
	Date     string
	Evidence []evidenceLine
}

type evidenceLine struct {
	Date string
	Note string
	// Link is the evidence link when it is an http or https URL; other
	// links are never made clickable and are shown in LinkText only.
	Link     string
	LinkText string
}

type evidenceGroup struct {
	Title    string
	Where    string
	Evidence []evidenceLine
}

type missingEntry struct {
	Rank  int
	Title string
	Kind  string
	Group string
	Level string
	Gain  float64
}

type branchLine struct {
	Title   string
	Done    int
	Total   int
	Share   float64 // 0-100
	Closest bool
}

type checkInCompare struct {
	Latest        string // label and date
	LatestScore   float64
	LatestVerdict string
	Previous      string // "" when there is only one check-in
	PrevScore     float64
	Delta         float64
	Changes       []changeLine
}

type changeLine struct {
	Title string
	From  string
	To    string
}

// summarise builds the report content from d.
func summarise(d Data) summary {
	rm := d.Roadmap
	if rm == nil {
		rm = &roadmap.Roadmap{}
	}
	p := d.Progress
	prof := p.Profile
	a := d.Assessment
	s := summary{
		Title:     "Progress summary",
		Name:      strings.TrimSpace(prof.Name),
		Generated: day(d.Now),
		Period:    "all time",
		Roadmap:   rm.Title,
		Months:    a.MonthsInStage,
		Warning:   words.StallWarning(a.Timeline.StalledAfter),
		Hints:     words.Hints(a.Hints, words.Report),
		Orphans:   a.Orphans,
	}
	if s.Name != "" {
		s.Title += ": " + s.Name
	}
	if !d.Since.IsZero() {
		s.Period = "since " + day(d.Since)
	}
	if rm.Version > 0 {
		s.Roadmap = fmt.Sprintf("%s (version %d)", rm.Title, rm.Version)
	}

	// Who and where.
	s.Stage = a.Stage.Title
	if s.Stage == "" {
		s.Stage = stageTitle(rm, prof.Stage)
	}
	if !prof.StageSince.IsZero() {
		s.StageSince = day(prof.StageSince)
	}
	s.Timeline = timelineText(a)
	s.Region = words.Region(prof.Region)
	s.TimelineFacts = facts(rm.TimelineFacts)
	if b := rm.Branch(prof.Branch); b != nil {
		s.Branch = b.Title
		s.BranchFacts = facts(b.Facts)
	} else {
		s.Branch = prof.Branch
	}
	if t := rm.Track(prof.Track); t != nil {
		s.Track = t.Title
		s.TrackFacts = facts(t.Facts)
		for _, l := range t.Levels {
			if l.ID == prof.TrackLevel {
				s.Track += " (" + l.Title + ")"
				s.TrackFacts = append(s.TrackFacts, facts(l.Facts)...)
			}
		}
	} else {
		s.Track = prof.Track
	}

	// Readiness.
	if a.Next != nil {
		s.Next = a.Next.Title
	}
	r := a.Readiness
	s.Score = r.Score
	s.Verdict = r.Verdict
	th := tracker.ReadinessSettings(rm)
	s.VerdictFor = fmt.Sprintf("ready from %s with the key milestone achieved, close from %s",
		num(th.Ready), num(th.Close))
	s.Components = []component{
		newComponent("Skills", r.Components.Skills, r.Weights.Skills),
		newComponent("Criteria", r.Components.Criteria, r.Weights.Criteria),
		newComponent("Key milestone", r.Components.Milestone, r.Weights.Milestone),
		newComponent("Experience", r.Components.Experience, r.Weights.Experience),
	}

	if ev := r.Evidenced; ev != nil {
		s.Evidenced = &evidencedScore{Score: ev.Score, Verdict: ev.Verdict, Gap: words.EvidenceGap(ev)}
		for i, g := range ev.Actions {
			if i == evidenceActionLimit {
				break
			}
			s.Evidenced.Actions = append(s.Evidenced.Actions, fmt.Sprintf("%s: +%s", words.EvidenceAction(g), num(g.Gain)))
		}
	}

	if r := d.Review; r != nil {
		c := r.Comparison
		rl := &reviewLines{Heading: fmt.Sprintf("Review by %s, signed %s", c.Reviewer, day(c.SignedAt))}
		rl.Lines = append(rl.Lines,
			fmt.Sprintf("Agreement on %s of %s; readiness %s from your levels, %s from the reviewer's.", tracker.Percent(c.Agreement), plural(len(c.Entries), "entry"), num(c.Readiness.Self), num(c.Readiness.Manager)),
			"Signing key: "+r.Fingerprint)
		if c.Note != "" {
			rl.Lines = append(rl.Lines, "Note: "+c.Note)
		}
		for _, e := range c.Entries {
			if e.Wide {
				g := fmt.Sprintf("%s: you %s, reviewer %s", e.Title, words.LevelFor(e.Kind, e.Self), words.LevelFor(e.Kind, e.Manager))
				if e.Comment != "" {
					g += " (" + e.Comment + ")"
				}
				rl.Gaps = append(rl.Gaps, g)
			}
		}
		s.Review = rl
	}

	s.Stages = stagesProgress(rm, p)
	s.Done, s.OtherEvidence = doneAndEvidence(rm, d)

	for i, g := range a.Missing {
		if i == MissingLimit {
			s.MissingMore = len(a.Missing) - MissingLimit
			break
		}
		s.Missing = append(s.Missing, missingEntry{
			Rank:  i + 1,
			Title: g.Title,
			Kind:  words.Kind(g.Kind),
			Group: g.Group,
			Level: words.LevelFor(g.Kind, g.Level),
			Gain:  g.Gain,
		})
	}

	for _, b := range a.Branches {
		s.Branches = append(s.Branches, branchLine{
			Title: b.Title, Done: b.Done, Total: b.Total,
			Share: b.Share * 100, Closest: b.ID == a.Closest,
		})
		if b.ID == a.Closest {
			s.Closest = b.Title
		}
	}

	region := a.Salary.Region
	if region == "" {
		region = prof.Region
	}
	s.PayRegion = words.Region(region)
	s.PayNow = words.Band(region, a.Salary.Now)
	s.PayNext = words.Band(region, a.Salary.Next)
	s.NextTitle = s.Next

	s.CheckIn = compareCheckIns(rm, d.CheckIns)
	return s
}

// facts returns the roadmap's facts as one-line texts, leaving out empty
// ones, so that every renderer can list them as they are.
func facts(fs []string) []string {
	var out []string
	for _, f := range fs {
		if f = strings.Join(strings.Fields(f), " "); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func newComponent(name string, share, weight float64) component {
	return component{
		Name:   name,
		Share:  round1(share * 100),
		Weight: round1(weight * 100),
		Points: round1(share * weight * 100),
	}
}

// timelineText compares the months in stage with the transition out of it.
func timelineText(a tracker.Assessment) string {
	t := a.Timeline
	var b strings.Builder
	if t.Status == tracker.TimelineUnknown || t.Status == "" {
		if t.Typical.Max == 0 {
			return "no timeline for this stage"
		}
		fmt.Fprintf(&b, "typically %s, accelerated %s; set the date you entered this stage to compare",
			monthRange(t.Typical), monthRange(t.Accelerated))
		return b.String()
	}
	fmt.Fprintf(&b, "%s at this stage; typically %s, accelerated %s (%s)",
		plural(a.MonthsInStage, "month"), monthRange(t.Typical), monthRange(t.Accelerated), words.Timeline(t.Status))
	return b.String()
}

func monthRange(m roadmap.Months) string {
	if m.Min == m.Max {
		return plural(m.Max, "month")
	}
	return fmt.Sprintf("%d–%d months", m.Min, m.Max)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// stagesProgress counts, per stage and per skill group, the entries that
// count for the user (their branch and track) and how many are done.
// Skipped entries are left out of the totals.
func stagesProgress(rm *roadmap.Roadmap, p tracker.Progress) []stageProgress {
	var out []stageProgress
	states, _ := tracker.ResolveStates(rm, p.Items)
	for _, st := range rm.Stages {
		sp := stageProgress{Title: st.Title, Current: st.ID == p.Profile.Stage}
		var groups []groupProgress
		at := map[string]int{}
		for _, e := range tracker.ActiveEntries(rm, p.Profile, st.ID) {
			title := groupTitle(rm, e)
			i, ok := at[title]
			if !ok {
				i = len(groups)
				at[title] = i
				groups = append(groups, groupProgress{Title: title})
			}
			s := states.State(e.Item.ID)
			if s.Skipped {
				sp.Skipped++
				continue
			}
			groups[i].Total++
			sp.Total++
			if s.Done() {
				groups[i].Done++
				sp.Done++
			}
		}
		sp.Groups = groups
		out = append(out, sp)
	}
	return out
}

// groupTitle is the heading an entry is counted under.
func groupTitle(rm *roadmap.Roadmap, e roadmap.Entry) string {
	switch e.Kind {
	case roadmap.KindCriterion:
		return "Ready for the next level"
	case roadmap.KindMilestone:
		return "Key milestone"
	case roadmap.KindBranchItem:
		if b := rm.Branch(e.Branch); b != nil {
			return "Branch: " + b.Title
		}
		return "Branch: " + e.Branch
	}
	if e.GroupTitle != "" {
		return e.GroupTitle
	}
	return e.Group
}

// where says where an entry sits in the roadmap, for a reader.
func where(rm *roadmap.Roadmap, e roadmap.Entry) string {
	if e.Kind == roadmap.KindBranchItem {
		return groupTitle(rm, e)
	}
	st := stageTitle(rm, e.Stage)
	return st + " · " + groupTitle(rm, e)
}

func stageTitle(rm *roadmap.Roadmap, id string) string {
	if s := rm.Stage(id); s != nil {
		return s.Title
	}
	return id
}

// doneAndEvidence lists the done entries (oldest first) with their evidence,
// and the evidence for entries not listed as done, both limited to the
// period when d.Since is set.
func doneAndEvidence(rm *roadmap.Roadmap, d Data) ([]doneEntry, []evidenceGroup) {
	inPeriod := func(t time.Time) bool { return d.Since.IsZero() || !t.Before(d.Since) }

	// Evidence per current entry id, oldest first, in the period.
	ev := append([]tracker.Evidence(nil), d.Evidence...)
	sort.SliceStable(ev, func(i, j int) bool {
		if !ev[i].Date.Equal(ev[j].Date) {
			return ev[i].Date.Before(ev[j].Date)
		}
		return ev[i].ID < ev[j].ID
	})
	byItem := map[string][]evidenceLine{}
	var itemOrder []string
	for _, e := range ev {
		if !inPeriod(e.Date) {
			continue
		}
		id := canonical(rm, e.ItemID)
		if _, seen := byItem[id]; !seen {
			itemOrder = append(itemOrder, id)
		}
		byItem[id] = append(byItem[id], newEvidenceLine(e))
	}

	type doneState struct {
		id    string
		state tracker.ItemState
		date  time.Time
		order int
	}
	order := map[string]int{}
	for i, e := range rm.Entries() {
		order[e.Item.ID] = i
	}
	var done []doneState
	seen := map[string]bool{}
	ids := make([]string, 0, len(d.Progress.Items))
	for id := range d.Progress.Items {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	// An entry is listed once, under its current id, with the state the
	// score counts for it (its own, or else one of its former ids').
	states, _ := tracker.ResolveStates(rm, d.Progress.Items)
	for _, id := range ids {
		cid := canonical(rm, id)
		if seen[cid] {
			continue
		}
		seen[cid] = true
		st := states.State(cid)
		if !st.Done() {
			continue
		}
		date := st.Date
		if date.IsZero() {
			date = st.UpdatedAt
		}
		if !inPeriod(date) {
			continue
		}
		o, ok := order[cid]
		if !ok {
			o = len(order)
		}
		done = append(done, doneState{id: cid, state: st, date: date, order: o})
	}
	sort.Slice(done, func(i, j int) bool {
		di, dj := day(done[i].date), day(done[j].date)
		if di != dj {
			return di < dj
		}
		if done[i].order != done[j].order {
			return done[i].order < done[j].order
		}
		return done[i].id < done[j].id
	})

	listed := map[string]bool{}
	var out []doneEntry
	for _, ds := range done {
		de := doneEntry{
			Title:    words.EntryName(rm, ds.id),
			Level:    words.LevelFor(entryKindOf(rm, ds.id), ds.state.Level),
			Date:     day(ds.date),
			Evidence: byItem[ds.id],
		}
		if e, ok := rm.Lookup(ds.id); ok {
			de.Where = where(rm, e)
		} else {
			de.Where = "no longer in the roadmap"
		}
		listed[ds.id] = true
		out = append(out, de)
	}

	var other []evidenceGroup
	for _, id := range itemOrder {
		if listed[id] {
			continue
		}
		g := evidenceGroup{Title: words.EntryName(rm, id), Evidence: byItem[id]}
		if e, ok := rm.Lookup(id); ok {
			g.Where = where(rm, e)
		} else {
			g.Where = "no longer in the roadmap"
		}
		other = append(other, g)
	}
	return out, other
}

// canonical returns the current id of id, or id itself when the roadmap
// does not know it.
func canonical(rm *roadmap.Roadmap, id string) string {
	if c := rm.Resolve(id); c != "" {
		return c
	}
	return id
}

func newEvidenceLine(e tracker.Evidence) evidenceLine {
	l := evidenceLine{Date: day(e.Date), Note: strings.TrimSpace(e.Note)}
	if link := strings.TrimSpace(e.Link); link != "" {
		if safeLink(link) {
			l.Link = link
		}
		l.LinkText = link
	}
	return l
}

// safeLink reports whether link is an absolute http or https URL with a
// host: the only links the reports make clickable.
func safeLink(link string) bool {
	u, err := url.Parse(link)
	if err != nil || u.Host == "" {
		return false
	}
	scheme := strings.ToLower(u.Scheme)
	return scheme == "http" || scheme == "https"
}

// compareCheckIns compares the latest check-in with the one before it.
func compareCheckIns(rm *roadmap.Roadmap, cs []tracker.CheckIn) *checkInCompare {
	if len(cs) == 0 {
		return nil
	}
	cs = append([]tracker.CheckIn(nil), cs...)
	sort.SliceStable(cs, func(i, j int) bool {
		if !cs[i].At.Equal(cs[j].At) {
			return cs[i].At.Before(cs[j].At)
		}
		return cs[i].ID < cs[j].ID
	})
	latest := cs[len(cs)-1]
	c := &checkInCompare{
		Latest:        checkInName(latest),
		LatestScore:   latest.Score,
		LatestVerdict: latest.Verdict,
	}
	if len(cs) < 2 {
		return c
	}
	prev := cs[len(cs)-2]
	c.Previous = checkInName(prev)
	c.PrevScore = prev.Score
	c.Delta = round1(latest.Score - prev.Score)
	for _, ch := range tracker.DiffCheckIns(prev, latest) {
		c.Changes = append(c.Changes, changeLine{
			Title: words.EntryName(rm, ch.ID),
			From:  words.State(entryKindOf(rm, ch.ID), ch.From),
			To:    words.State(entryKindOf(rm, ch.ID), ch.To),
		})
	}
	return c
}

// entryKindOf is the kind of the entry id, or "" when the roadmap lacks it.
func entryKindOf(rm *roadmap.Roadmap, id string) string {
	if e, ok := rm.Lookup(id); ok {
		return e.Kind
	}
	return ""
}

func checkInName(c tracker.CheckIn) string {
	label := strings.TrimSpace(c.Label)
	if label == "" {
		label = "check-in " + strconv.FormatInt(c.ID, 10)
	}
	return fmt.Sprintf("%s (%s)", label, day(c.At))
}

// day writes a calendar day, or "" for the zero time.
func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dateLayout)
}

func round1(f float64) float64 {
	if f < 0 {
		return -round1(-f)
	}
	return float64(int64(f*10+0.5)) / 10
}

// num writes a number with at most one decimal: "62.5", "85".
func num(f float64) string { return strconv.FormatFloat(round1(f), 'f', -1, 64) }

// signed writes a change with its sign: "+4.5", "-2", "0".
func signed(f float64) string {
	if f > 0 {
		return "+" + num(f)
	}
	return num(f)
}

// verdictWords is the verdict as a reader reads it, for the HTML template.
var verdictWords = words.Verdict
