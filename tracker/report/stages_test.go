package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/words"
)

// TestEarlierStagesReadAsEarlier: a Senior engineer who recorded nothing
// of Junior and all of Mid reads Junior as not tracked and Mid as behind
// them, in every format, never as "0 of 30".
func TestEarlierStagesReadAsEarlier(t *testing.T) {
	rm := roadmap.Default()
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	prof := tracker.Profile{Name: "Sam", Stage: "senior", StageSince: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Region: "uk"}
	p := tracker.Progress{Profile: prof, Items: map[string]tracker.ItemState{}}
	for _, id := range tracker.EarlierStageIDs(rm, prof, "senior") {
		if e, _ := rm.Lookup(id); e.Stage == "mid" {
			p.Items[id] = tracker.ItemState{ID: id, Level: tracker.Proficient, Date: prof.StageSince, UpdatedAt: now}
		}
	}
	d := Data{Roadmap: rm, Progress: p, Assessment: tracker.Assess(rm, p, now), Now: now}
	junior, mid := rm.Stage("junior").Title, rm.Stage("mid").Title
	total := len(tracker.ActiveEntries(rm, prof, "junior"))

	md := string(render(t, mdw, d))
	for _, want := range []string{
		"| " + junior + " (" + words.StageNotTracked + ") | – | – | – |",
		"| " + mid + " (" + words.StageBehind + ") |",
		"**" + rm.Stage("senior").Title + "** (" + words.StageCurrent + ")",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q", want)
		}
	}
	for _, bad := range []string{"| " + junior + " | 0 |", "### " + junior + "\n"} {
		if strings.Contains(md, bad) {
			t.Errorf("the Markdown still has %q", bad)
		}
	}
	html := string(render(t, func(b *bytes.Buffer, d Data) error { return HTML(b, d) }, d))
	if !strings.Contains(html, "<td>"+junior+" ("+words.StageNotTracked+")</td><td class=\"n\">–</td>") {
		t.Error("the HTML does not show Junior as not tracked")
	}
	if txt := strings.Join(strings.Fields(pdfText(t, d)), " "); !strings.Contains(txt, junior+" ("+words.StageNotTracked+")") || !strings.Contains(txt, mid+" ("+words.StageBehind+")") {
		t.Errorf("the PDF does not place the earlier stages:\n%s", txt)
	}

	rows, err := csv.NewReader(bytes.NewReader(render(t, csvw, d))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	notTracked := 0
	for _, r := range rows[1:] {
		switch {
		case r[2] == "junior" && (r[6] != StatusNotTracked || r[10] != PlaceEarlier):
			t.Fatalf("junior row %q: want status %q, place %q", r, StatusNotTracked, PlaceEarlier)
		case r[2] == "junior":
			notTracked++
		case r[2] == "mid" && r[10] != PlaceEarlier, r[2] == "senior" && r[10] != PlaceCurrent, r[2] == "lead" && r[10] != PlaceLater:
			t.Errorf("row %q has place %q", r[0], r[10])
		}
	}
	if notTracked < total {
		t.Errorf("%d junior rows not tracked, want at least %d", notTracked, total)
	}
}
