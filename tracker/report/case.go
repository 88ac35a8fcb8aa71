package report

import (
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/words"
)

// ReviewView is the latest review response, side by side, for the reports.
type ReviewView struct {
	Comparison  tracker.Comparison
	Fingerprint string
	// Stage is the stage the request was made at: the manager's view
	// speaks of that stage's entries.
	Stage string
}

// caseDoc is the promotion case: what a promotion committee reads. Every
// text is final, so that the three renderers only lay it out.
type caseDoc struct {
	Title     string
	Generated string
	Intro     []string
	SignOff   []string
	Sections  []caseSection
	Missing   []string
}

type caseSection struct {
	Title string
	Items []caseItem
}

type caseItem struct {
	Title  string
	Status string   // the user's own level or state, in words
	Lines  []string // evidence, then the manager's view
}

// buildCase gathers the promotion case from d: the next level's criteria
// and milestone and the stage's skills, each with its evidence and the
// manager's view, and what is still missing.
func buildCase(d Data) caseDoc {
	s := summarise(d)
	rm, a, p := d.Roadmap, d.Assessment, d.Progress
	next := "the next level"
	if a.Next != nil {
		next = a.Next.Title
	}
	name := p.Profile.Name
	if name == "" {
		name = "the engineer"
	}
	doc := caseDoc{Title: fmt.Sprintf("Promotion case: %s for %s", name, next), Generated: s.Generated}
	doc.Intro = append(doc.Intro, fmt.Sprintf("Stage: %s%s", s.Stage, sinceText(s.StageSince, s.Months)))
	doc.Intro = append(doc.Intro, fmt.Sprintf("Readiness for %s: %s / 100, %s", next, num(a.Readiness.Score), words.Verdict(a.Readiness.Verdict)))
	if ev := a.Readiness.Evidenced; ev != nil {
		line := fmt.Sprintf("Evidenced readiness: %s / 100, %s", num(ev.Score), words.Verdict(ev.Verdict))
		if g := words.EvidenceGap(ev); g != "" {
			line += ". " + g
		}
		doc.Intro = append(doc.Intro, line)
	}
	if s.Timeline != "" {
		doc.Intro = append(doc.Intro, "Time in stage: "+s.Timeline)
	}
	if s.Target != "" {
		doc.Intro = append(doc.Intro, "Target: "+s.Target, "Forecast: "+s.Forecast)
	}

	manager := map[string]tracker.ComparedEntry{}
	if r := d.Review; r != nil && r.Stage == a.Stage.ID {
		c := r.Comparison
		doc.SignOff = []string{
			fmt.Sprintf("Reviewed by %s on %s (signing key %s).", c.Reviewer, day(c.SignedAt), r.Fingerprint),
			fmt.Sprintf("Agreement: %s of entries. Readiness from the engineer's levels %s, from the reviewer's %s.", tracker.Percent(c.Agreement), num(c.Readiness.Self), num(c.Readiness.Manager)),
		}
		if c.Note != "" {
			doc.SignOff = append(doc.SignOff, "Note: "+c.Note)
		}
		for _, e := range c.Entries {
			manager[e.ID] = e
		}
	} else {
		doc.SignOff = []string{"No review by a manager for this stage yet ('devpath review request' asks for one)."}
	}

	st, _ := tracker.ResolveStates(rm, p.Items)
	evidence := map[string][]tracker.Evidence{}
	for _, e := range d.Evidence {
		id := canonical(rm, e.ItemID)
		evidence[id] = append(evidence[id], e)
	}
	unevidenced := map[string]bool{}
	if ev := a.Readiness.Evidenced; ev != nil {
		for _, id := range ev.Unevidenced {
			unevidenced[id] = true
		}
	}
	item := func(e roadmap.Entry) caseItem {
		is := st.State(e.Item.ID)
		ci := caseItem{Title: e.Item.Title, Status: words.State(e.Kind, is)}
		list := slices.Clone(evidence[e.Item.ID])
		slices.SortFunc(list, func(a, b tracker.Evidence) int { return a.Date.Compare(b.Date) })
		for _, ev := range list {
			line := day(ev.Date) + ": " + oneLineText(ev.Note)
			if ev.Link != "" && safeLink(ev.Link) {
				line += " (" + ev.Link + ")"
			}
			ci.Lines = append(ci.Lines, "Evidence "+line)
		}
		if len(list) == 0 {
			ci.Lines = append(ci.Lines, "No evidence recorded.")
		}
		if m, ok := manager[e.Item.ID]; ok {
			view := "Reviewer: " + words.LevelFor(e.Kind, m.Manager)
			if m.Gap != 0 {
				view += fmt.Sprintf(" (%+d against the engineer's own)", m.Gap)
			} else {
				view += " (agrees)"
			}
			if m.Comment != "" {
				view += ". " + m.Comment
			}
			ci.Lines = append(ci.Lines, view)
		}
		missing := ""
		switch {
		case is.Skipped:
		case is.Level < tracker.Proficient:
			missing = "not done yet"
		case unevidenced[e.Item.ID]:
			missing = "no fresh evidence"
		}
		if m, ok := manager[e.Item.ID]; ok && m.Manager < tracker.Proficient && missing == "" && !is.Skipped {
			missing = "the reviewer does not see it yet"
		}
		if missing != "" {
			doc.Missing = append(doc.Missing, fmt.Sprintf("%s (%s): %s", e.Item.Title, words.Kind(e.Kind), missing))
		}
		return ci
	}
	var crit, skills caseSection
	crit.Title = "Ready for " + next + ": the criteria and the key milestone"
	skills.Title = "The skills of " + a.Stage.Title
	for _, e := range tracker.ActiveEntries(rm, p.Profile, a.Stage.ID) {
		switch e.Kind {
		case roadmap.KindCriterion, roadmap.KindMilestone:
			crit.Items = append(crit.Items, item(e))
		default:
			skills.Items = append(skills.Items, item(e))
		}
	}
	doc.Sections = []caseSection{crit, skills}
	return doc
}

func sinceText(since string, months int) string {
	if since == "" {
		return ""
	}
	return fmt.Sprintf(", since %s (%s)", since, plural(months, "month"))
}

func oneLineText(s string) string { return strings.Join(strings.Fields(s), " ") }

// CaseMarkdown writes the promotion case as Markdown.
func CaseMarkdown(w io.Writer, d Data) error {
	doc := buildCase(d)
	vw := tracker.NewVisibleWriter(w)
	m := &mdWriter{w: vw}
	m.f("# %s\n\nMade on %s\n\n", md(doc.Title), doc.Generated)
	m.list("", doc.Intro)
	m.f("\n## Sign-off\n\n")
	for _, l := range doc.SignOff {
		m.f("%s\n\n", md(l))
	}
	for _, sec := range doc.Sections {
		m.f("## %s\n\n", md(sec.Title))
		for _, it := range sec.Items {
			m.f("### %s: %s\n\n", md(it.Title), md(it.Status))
			m.list("", it.Lines)
			m.f("\n")
		}
	}
	m.f("## Still missing\n\n")
	if len(doc.Missing) == 0 {
		m.f("Nothing: every entry is done, evidenced and seen by the reviewer.\n")
	}
	m.list("", doc.Missing)
	if m.err != nil {
		return fmt.Errorf("write the promotion case: %w", m.err)
	}
	if err := vw.Flush(); err != nil {
		return fmt.Errorf("write the promotion case: %w", err)
	}
	return nil
}

var casePage = template.Must(template.New("case").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d2330;line-height:1.45}
h2{border-bottom:1px solid #d2d7e1;padding-bottom:.2rem;margin-top:2rem}h3{margin:1.2rem 0 .3rem;font-size:1.05rem}
.muted{color:#5b6477}ul{margin:.2rem 0}li.missing{color:#8a4b00}</style></head><body>
<h1>{{.Title}}</h1><p class="muted">Made on {{.Generated}}</p>
<ul>{{range .Intro}}<li>{{.}}</li>{{end}}</ul>
<h2>Sign-off</h2>{{range .SignOff}}<p>{{.}}</p>{{end}}
{{range .Sections}}<h2>{{.Title}}</h2>{{range .Items}}<h3>{{.Title}}: <span class="muted">{{.Status}}</span></h3><ul>{{range .Lines}}<li>{{.}}</li>{{end}}</ul>{{end}}{{end}}
<h2>Still missing</h2>{{if .Missing}}<ul>{{range .Missing}}<li class="missing">{{.}}</li>{{end}}</ul>{{else}}<p>Nothing: every entry is done, evidenced and seen by the reviewer.</p>{{end}}
</body></html>
`))

// CaseHTML writes the promotion case as one HTML page.
func CaseHTML(w io.Writer, d Data) error {
	vw := tracker.NewVisibleWriter(w)
	if err := casePage.Execute(vw, buildCase(d)); err != nil {
		return fmt.Errorf("write the promotion case: %w", err)
	}
	if err := vw.Flush(); err != nil {
		return fmt.Errorf("write the promotion case: %w", err)
	}
	return nil
}

// CasePDF writes the promotion case as a PDF document.
func CasePDF(w io.Writer, d Data) error {
	doc := buildCase(d)
	pdf := newA4(doc.Title, d.Now)
	p, _, err := newPDFDoc(pdf, doc)
	if err != nil {
		return fmt.Errorf("write the promotion case: %w", err)
	}
	pdf.AddPage()
	p.font("B", 16, colText)
	p.multi(8, doc.Title)
	p.note("Made on " + doc.Generated)
	for _, l := range doc.Intro {
		p.bullet(l)
	}
	p.heading("Sign-off")
	for _, l := range doc.SignOff {
		p.para(l)
	}
	for _, sec := range doc.Sections {
		p.heading(sec.Title)
		for _, it := range sec.Items {
			p.subheading(it.Title + ": " + it.Status)
			for _, l := range it.Lines {
				p.bullet(l)
			}
		}
	}
	p.heading("Still missing")
	if len(doc.Missing) == 0 {
		p.para("Nothing: every entry is done, evidenced and seen by the reviewer.")
	}
	for _, l := range doc.Missing {
		p.bullet(l)
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("write the promotion case: %w", err)
	}
	return nil
}
