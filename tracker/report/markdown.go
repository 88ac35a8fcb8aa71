package report

import (
	"fmt"
	"io"
	"strings"

	"devpath/tracker"
	"devpath/tracker/words"
)

// Markdown writes the progress summary as Markdown: headings, lists and
// tables that read well as plain text and render on any Markdown viewer.
// User text is escaped so that it cannot add links, markup or table cells,
// and no control character reaches the file: the whole text passes through
// tracker.VisibleWriter.
func Markdown(w io.Writer, d Data) error {
	s := summarise(d)
	vw := tracker.NewVisibleWriter(w)
	m := &mdWriter{w: vw}

	m.f("# %s\n\n", md(s.Title))
	m.f("Made on %s · Period: %s", s.Generated, s.Period)
	if s.Roadmap != "" {
		m.f(" · Roadmap: %s", md(s.Roadmap))
	}
	m.f("\n\n")

	m.f("## Who and where\n\n")
	if s.Name != "" {
		m.f("- **Name:** %s\n", md(s.Name))
	}
	m.f("- **Stage:** %s\n", md(s.Stage))
	if s.StageSince != "" {
		m.f("- **At this stage since:** %s (%s)\n", s.StageSince, plural(s.Months, "month"))
	} else {
		m.f("- **At this stage since:** not set\n")
	}
	m.f("- **Timeline:** %s\n", md(s.Timeline))
	m.list("  ", s.TimelineFacts)
	m.f("- **Region:** %s\n", md(s.Region))
	m.f("- **Branch:** %s\n", orDash(md(s.Branch)))
	m.list("  ", s.BranchFacts)
	m.f("- **Track:** %s\n", orDash(md(s.Track)))
	m.list("  ", s.TrackFacts)
	if s.Target != "" {
		m.f("- **Target:** %s\n", md(s.Target))
		m.f("- **Forecast:** %s\n", md(s.Forecast))
		if len(s.PlanItems) > 0 {
			m.f("- **Plan:**\n")
			m.list("  ", s.PlanItems)
		}
	}
	if s.Warning != "" {
		m.f("\n> **Warning:** %s\n", md(s.Warning))
	}
	m.f("\n")

	if s.Next != "" {
		m.f("## Readiness for %s\n\n", md(s.Next))
	} else {
		m.f("## Readiness\n\n")
	}
	m.f("**Score: %s / 100 — %s** (%s)\n\n", num(s.Score), words.Verdict(s.Verdict), s.VerdictFor)
	if ev := s.Evidenced; ev != nil {
		m.f("**Evidenced score: %s / 100 — %s.** ", num(ev.Score), words.Verdict(ev.Verdict))
		if ev.Gap != "" {
			m.f("%s\n\n", md(ev.Gap))
		} else {
			m.f("%s\n\n", words.EveryClaimEvidenced)
		}
		if len(ev.Actions) > 0 {
			m.f("Evidence that would raise it the most:\n\n")
			m.list("", ev.Actions)
			m.f("\n")
		}
	}
	if r := s.Review; r != nil {
		m.f("**%s.** ", md(r.Heading))
		m.f("%s\n\n", md(strings.Join(r.Lines, " ")))
		if len(r.Gaps) > 0 {
			m.f("Two levels or more apart:\n\n")
			m.list("", r.Gaps)
			m.f("\n")
		}
	}
	m.f("| Component | Done | Weight | Points |\n|---|---:|---:|---:|\n")
	for _, c := range s.Components {
		m.f("| %s | %s%% | %s%% | %s |\n", c.Name, num(c.Share), num(c.Weight), num(c.Points))
	}
	m.f("\n")
	m.list("", s.Hints)
	if len(s.Hints) > 0 {
		m.f("\n")
	}

	m.f("## Progress per stage\n\n")
	m.f("%s entries are left out of the totals.\n\n", words.NA)
	m.f("| Stage | Done | Of | %s |\n|---|---:|---:|---:|\n", words.NA)
	for _, st := range s.Stages {
		title := md(st.Label())
		if st.Current {
			title = "**" + md(st.Title) + "** (" + st.Place + ")"
		}
		done, of, skipped := st.Count()
		m.f("| %s | %s | %s | %s |\n", title, done, of, skipped)
	}
	m.f("\n")
	for _, st := range s.Stages {
		if len(st.Groups) == 0 || st.NotTracked {
			continue
		}
		m.f("### %s\n\n", md(st.Title))
		m.f("| Group | Done | Of |\n|---|---:|---:|\n")
		for _, g := range st.Groups {
			m.f("| %s | %d | %d |\n", md(g.Title), g.Done, g.Total)
		}
		m.f("\n")
	}

	m.f("## Done (%s)\n\n", s.Period)
	if len(s.Done) == 0 {
		m.f("Nothing marked done in this period.\n\n")
	}
	for _, de := range s.Done {
		m.f("- **%s · %s** — %s (%s)\n", orDash(de.Date), md(de.Title), de.Level, md(de.Where))
		m.evidence(de.Evidence)
	}
	if len(s.Done) > 0 {
		m.f("\n")
	}
	if len(s.OtherEvidence) > 0 {
		m.f("### Other evidence (%s)\n\n", s.Period)
		for _, g := range s.OtherEvidence {
			m.f("- **%s** (%s)\n", md(g.Title), md(g.Where))
			m.evidence(g.Evidence)
		}
		m.f("\n")
	}

	m.f("## Still to do\n\n")
	if len(s.Missing) == 0 {
		m.f("Nothing left to do for the next level.\n\n")
	} else {
		m.f("Highest gain first: the gain is how many points the score would rise if that entry alone were done.\n\n")
		m.f("| # | Entry | Kind | Group | Now | Gain |\n|---:|---|---|---|---|---:|\n")
		for _, g := range s.Missing {
			m.f("| %d | %s | %s | %s | %s | +%s |\n", g.Rank, md(g.Title), g.Kind, orDash(md(g.Group)), g.Level, num(g.Gain))
		}
		if s.MissingMore > 0 {
			m.f("\n…and %d more.\n", s.MissingMore)
		}
		m.f("\n")
	}

	if len(s.Branches) > 0 {
		m.f("## Specialisation branches\n\n")
		m.f("| Branch | Done | Of | Share |\n|---|---:|---:|---:|\n")
		for _, b := range s.Branches {
			m.f("| %s | %d | %d | %s%% |\n", md(b.Title), b.Done, b.Total, num(b.Share))
		}
		m.f("\n")
		if s.Closest != "" {
			m.f("Closest branch: **%s**.\n\n", md(s.Closest))
		}
	}

	m.f("## Salary (%s)\n\n", s.PayRegion)
	m.f("| Level | Band |\n|---|---|\n")
	m.f("| %s (now) | %s |\n", md(s.Stage), s.PayNow)
	if s.NextTitle != "" {
		m.f("| %s (next) | %s |\n", md(s.NextTitle), s.PayNext)
	}
	m.f("\n")

	m.f("## Latest check-in\n\n")
	switch c := s.CheckIn; {
	case c == nil:
		m.f("No check-ins yet.\n\n")
	case c.Previous == "":
		m.f("**%s**: score %s (%s). There is no earlier check-in to compare with.\n\n",
			md(c.Latest), num(c.LatestScore), words.Verdict(c.LatestVerdict))
	default:
		m.f("**%s**: score %s (%s), %s since **%s** (score %s).\n\n",
			md(c.Latest), num(c.LatestScore), words.Verdict(c.LatestVerdict), signed(c.Delta),
			md(c.Previous), num(c.PrevScore))
		if len(c.Changes) == 0 {
			m.f("No entry changed between them.\n\n")
		} else {
			m.f("| Entry | Before | After |\n|---|---|---|\n")
			for _, ch := range c.Changes {
				m.f("| %s | %s | %s |\n", md(ch.Title), ch.From, ch.To)
			}
			m.f("\n")
		}
	}

	if len(s.Orphans) > 0 {
		m.f("## Progress on entries no longer in the roadmap\n\n")
		m.list("", s.Orphans)
		m.f("\n")
	}
	if m.err != nil {
		return m.err
	}
	return vw.Flush()
}

// mdWriter writes formatted text and keeps the first error.
type mdWriter struct {
	w   io.Writer
	err error
}

func (m *mdWriter) f(format string, a ...any) {
	if m.err != nil {
		return
	}
	_, m.err = fmt.Fprintf(m.w, format, a...)
}

// list writes each of items, escaped, as a list item indented by indent:
// "" at the top, "  " nested under the line above (a field's facts).
func (m *mdWriter) list(indent string, items []string) {
	for _, it := range items {
		m.f("%s- %s\n", indent, md(it))
	}
}

// evidence lists evidence under the entry above it, one nested item each.
func (m *mdWriter) evidence(ev []evidenceLine) {
	for _, e := range ev {
		m.f("  - %s\n", mdEvidence(e))
	}
}

// mdEscaper escapes the characters that would let user text add links, raw
// HTML, code spans or table cells.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`,
	"`", "\\`",
	"[", `\[`,
	"]", `\]`,
	"<", `\<`,
	">", `\>`,
	"|", `\|`,
)

// md makes user text safe as Markdown inline text: one line, no markup
// that changes the document's structure, and no character that would act
// on a terminal showing the file (tracker.Visible writes those out).
func md(s string) string {
	return mdEscaper.Replace(tracker.Visible(strings.Join(strings.Fields(s), " ")))
}

// orDash returns "—" for an empty value.
func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// mdEvidence writes one evidence line: its date, note and link. Only http
// and https links become autolinks; anything else is shown as text.
func mdEvidence(e evidenceLine) string {
	s := orDash(e.Date) + ": " + md(e.Note)
	switch {
	case e.Link != "" && !strings.ContainsAny(e.Link, " <>") && tracker.Visible(e.Link) == e.Link:
		s += " — <" + e.Link + ">"
	case e.LinkText != "":
		s += " — " + md(e.LinkText)
	}
	return s
}
