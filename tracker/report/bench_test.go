package report

import (
	"bytes"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/store"
)

// realisticData builds, through a store in a temporary folder, what a
// senior engineer on the SRE branch and the individual contributor track
// exports after two years with devpath on the embedded roadmap: junior and
// mid nearly all done, the senior stage under way, some SRE branch work,
// evidence for every fifth entry touched and two check-ins.
func realisticData(tb testing.TB) Data {
	tb.Helper()
	rm := roadmap.Default()
	c := &clock{t: date(2023, 4, 1).Add(9 * time.Hour)}
	s, err := store.OpenWith(filepath.Join(tb.TempDir(), "devpath.db"), store.Options{Now: c.now})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	must(s.SaveProfile(tracker.Profile{
		Name: "Sam Taylor", Stage: "senior", StageSince: date(2023, 4, 1), CareerStart: date(2019, 9, 2),
		Region: "uk", Branch: "sre", Track: "ic",
	}))
	checkIn := func(label string) {
		tb.Helper()
		p, err := s.Progress()
		must(err)
		_, err = s.CheckIn(label, tracker.Assess(rm, p, c.now()))
		must(err)
	}
	touched := 0
	for i, e := range rm.Entries() {
		var l tracker.Level
		switch {
		case e.Stage == "junior" || e.Stage == "mid":
			l = tracker.Proficient + tracker.Level(i%2)
		case e.Stage == "senior":
			l = tracker.Level(i % 5)
		case e.Kind == roadmap.KindBranchItem && e.Branch == "sre":
			l = tracker.Level(i % 4)
		default:
			continue
		}
		if l == tracker.NotStarted {
			continue
		}
		if e.Kind == roadmap.KindCriterion || e.Kind == roadmap.KindMilestone {
			l = tracker.Proficient // confirmed or not: no other levels
		}
		day := date(2023, 5, 1).AddDate(0, 0, 3*touched)
		c.t = day.Add(10 * time.Hour)
		must(s.SetLevel(e.Item.ID, l, day))
		if touched%5 == 0 {
			_, err := s.AddEvidence(tracker.Evidence{ItemID: e.Item.ID, Note: "Did " + e.Item.Title + " on the payments platform; write-up and review notes linked",
				Link: "https://wiki.example.com/notes/" + e.Item.ID, Date: day})
			must(err)
		}
		touched++
		if touched == 40 {
			checkIn("Mid-year review " + strconv.Itoa(day.Year()))
		}
	}
	checkIn("Annual review")
	d, err := Collect(s, rm, c.now(), time.Time{})
	must(err)
	if len(d.Progress.Items) < 50 || len(d.Evidence) < 10 || len(d.CheckIns) != 2 {
		tb.Fatalf("the export data holds %d states, %d evidence entries, %d check-ins", len(d.Progress.Items), len(d.Evidence), len(d.CheckIns))
	}
	return d
}

// BenchmarkExportPDF renders the PDF summary of a realistic export on the
// embedded roadmap.
func BenchmarkExportPDF(b *testing.B) {
	d := realisticData(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := PDF(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || buf.Len() < 5000 {
		b.Fatalf("the PDF is %d bytes and starts %q", buf.Len(), buf.Bytes()[:min(8, buf.Len())])
	}
	b.ReportMetric(float64(buf.Len()), "pdf-bytes")
}
