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
	// Plan is the target, the forecast and the plan's items; nil when the
	// source keeps no plan (the report then says nothing of it).
	Plan *tracker.PlanStatus
}

// MissingLimit is how many missing entries the summaries list, highest gain
// first.
const MissingLimit = 15

// dateLayout is how the reports write calendar days.
const dateLayout = "2006-01-02"

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
	if d.Plan != nil {
		s.Target, s.Forecast, s.PlanItems = planText(rm, *d.Plan)
	}
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
		s.Evidenced = &evidencedScore{Score: ev.Score, Verdict: ev.Verdict, Gap: words.EvidenceSummary(d.Assessment)}
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
