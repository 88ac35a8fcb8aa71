package report

import (
	"bytes"
	"strings"
	"testing"

	"devpath/tracker"
)

// withPath returns the fixture with the user on the given branch, track and
// rung, assessed again for that profile.
func withPath(t *testing.T, branch, track, level string) Data {
	t.Helper()
	d := fixture(t)
	d.Progress.Profile.Branch = branch
	d.Progress.Profile.Track = track
	d.Progress.Profile.TrackLevel = level
	d.Assessment = tracker.Assess(d.Roadmap, d.Progress, d.Now)
	return d
}

// summaries renders the Markdown, HTML and PDF summaries of d as text.
func summaries(t *testing.T, d Data) map[string]string {
	t.Helper()
	return map[string]string{
		"Markdown": string(render(t, mdw, d)),
		"HTML":     unescapeHTML(string(render(t, htm, d))),
		"PDF":      pdfText(t, d),
	}
}

// factsOf are the facts the test roadmap gives a track and its rung.
func factsOf(t *testing.T, d Data, track string) []string {
	t.Helper()
	tr := d.Roadmap.Track(track)
	if tr == nil || len(tr.Facts) == 0 || len(tr.Levels) == 0 || len(tr.Levels[0].Facts) == 0 {
		t.Fatalf("the test roadmap has no facts for the track %q and its first rung", track)
	}
	return append(append([]string(nil), tr.Facts...), tr.Levels[0].Facts...)
}

func TestSummariesShowTheChosenTracksFacts(t *testing.T) {
	d := withPath(t, "", "management", "engineering-manager")
	mine, other := factsOf(t, d, "management"), factsOf(t, d, "ic")
	for format, text := range summaries(t, d) {
		for _, f := range mine {
			if !strings.Contains(text, f) {
				t.Errorf("the %s summary of a manager lacks the fact %q", format, f)
			}
		}
		for _, f := range other {
			if strings.Contains(text, f) {
				t.Errorf("the %s summary of a manager shows the individual contributor fact %q", format, f)
			}
		}
		for _, f := range d.Roadmap.TimelineFacts {
			if !strings.Contains(text, f) {
				t.Errorf("the %s summary lacks the timeline fact %q", format, f)
			}
		}
	}
	// The facts sit under the track, before the next section.
	md := string(render(t, mdw, d))
	track := strings.Index(md, "- **Track:** Management (Engineering Manager)\n")
	fact := strings.Index(md, "  - "+mine[0]+"\n")
	next := strings.Index(md, "## Readiness")
	if track < 0 || fact < track || fact > next {
		t.Errorf("the Markdown summary does not list the track's facts under the track:\n%s", md[:max(next, 0)])
	}
}

func TestSummariesShowNoPathFactsWithoutAChoice(t *testing.T) {
	d := withPath(t, "", "", "")
	var all []string
	for _, tr := range d.Roadmap.Tracks {
		all = append(all, factsOf(t, d, tr.ID)...)
	}
	for _, b := range d.Roadmap.Branches {
		all = append(all, b.Facts...)
	}
	if len(all) == 0 {
		t.Fatal("the test roadmap has no track or branch facts")
	}
	for format, text := range summaries(t, d) {
		for _, f := range all {
			if strings.Contains(text, f) {
				t.Errorf("the %s summary of a user with no track or branch shows the fact %q", format, f)
			}
		}
	}
	if md := render(t, mdw, d); !bytes.Contains(md, []byte("- **Branch:** —\n- **Track:** —\n")) {
		t.Errorf("the Markdown summary lists something under an empty branch or track:\n%s", md)
	}
}
