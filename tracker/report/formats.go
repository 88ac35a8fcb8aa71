package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
)

// Format is one of the summary formats.
type Format struct {
	// Name is what the user types: md, html, pdf or csv.
	Name string
	// Title is the format's name in words.
	Title string
	// Ext is the usual file name extension, with its dot.
	Ext string
	// Binary formats cannot be written to a terminal.
	Binary bool
	// Write renders the summary.
	Write func(w io.Writer, d Data) error
}

// Formats are the summary formats, in the order they are offered.
var Formats = []Format{
	{Name: "md", Title: "Markdown", Ext: ".md", Write: Markdown},
	{Name: "html", Title: "HTML", Ext: ".html", Write: HTML},
	{Name: "pdf", Title: "PDF", Ext: ".pdf", Binary: true, Write: PDF},
	{Name: "csv", Title: "CSV", Ext: ".csv", Write: CSV},
}

// FormatNamed returns the format called name (also "markdown" and "htm"),
// ignoring case.
func FormatNamed(name string) (Format, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	switch name {
	case "markdown":
		name = "md"
	case "htm":
		name = "html"
	}
	for _, f := range Formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// Source is what Collect reads; *tracker.Store is one.
type Source interface {
	Progress() (tracker.Progress, error)
	Evidence(itemID string) ([]tracker.Evidence, error)
	CheckIns() ([]tracker.CheckIn, error)
}

// Collect reads everything a summary shows from src and assesses the
// progress against rm as of now's calendar day. since limits the period
// (zero: all time).
func Collect(src Source, rm *roadmap.Roadmap, now, since time.Time) (Data, error) {
	p, err := src.Progress()
	if err != nil {
		return Data{}, fmt.Errorf("read progress for the summary: %w", err)
	}
	ev, err := src.Evidence("")
	if err != nil {
		return Data{}, fmt.Errorf("read evidence for the summary: %w", err)
	}
	cs, err := src.CheckIns()
	if err != nil {
		return Data{}, fmt.Errorf("read check-ins for the summary: %w", err)
	}
	today := tracker.Day(now)
	d := Data{
		Roadmap:    rm,
		Progress:   p,
		Assessment: tracker.Assess(rm, p, today),
		Evidence:   ev,
		CheckIns:   cs,
		Since:      since,
		Now:        now,
	}
	if ps, ok := src.(planSource); ok {
		plan, err := ps.Plan()
		if err != nil {
			return Data{}, fmt.Errorf("read the plan for the summary: %w", err)
		}
		evs, err := ps.Events(time.Time{})
		if err != nil {
			return Data{}, fmt.Errorf("read the change log for the summary: %w", err)
		}
		var last time.Time
		for _, c := range cs {
			if c.At.After(last) {
				last = c.At
			}
		}
		st := tracker.BuildPlanStatus(tracker.PlanInput{Roadmap: rm, Progress: p, Plan: plan, Events: evs, LastCheckIn: last, Today: today})
		d.Plan = &st
	}
	if rs, ok := src.(responseSource); ok {
		all, err := rs.Responses()
		if err != nil {
			return Data{}, fmt.Errorf("read reviews for the summary: %w", err)
		}
		if len(all) > 0 {
			r := all[0] // newest first
			d.Review = &ReviewView{Comparison: tracker.Compare(rm, p.Profile, r.Request, r.Response, today), Fingerprint: r.Fingerprint, Stage: r.Request.Stage.ID}
		}
	}
	return d, nil
}

// planSource is a Source that also keeps the plan and the change log the
// pace is measured from, as the store does.
type planSource interface {
	Plan() (tracker.Plan, error)
	Events(since time.Time) ([]tracker.Event, error)
}

// responseSource is a Source that also keeps review responses, as
// *tracker.Store does.
type responseSource interface {
	Responses() ([]tracker.ImportedResponse, error)
}

// CaseFormats are the formats of the promotion case.
var CaseFormats = map[string]func(w io.Writer, d Data) error{"md": CaseMarkdown, "html": CaseHTML, "pdf": CasePDF}
