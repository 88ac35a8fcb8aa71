package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/report"
)

func TestSearchFindsItemInAnotherStage(t *testing.T) {
	r := newShellRig(t, Options{})
	s := r.sh.rmap
	r.sh.show(screenRoadmap)
	s.stageSelect.SetSelectedIndex(0) // junior
	if s.stage != 0 {
		t.Fatalf("stage = %d after choosing junior", s.stage)
	}
	test.Type(s.search, "RBAC")
	if len(s.results) == 0 {
		t.Fatal("searching RBAC finds nothing")
	}
	if !s.showingResults() || inTree(r.win, s.list) {
		t.Error("the results do not replace the stage's list")
	}
	// The list leaves the window instead: hidden and shown again, it
	// would refresh every row in view.
	if !s.list.Visible() {
		t.Error("the search hid the list")
	}
	hit := s.index[s.results[0]]
	if hit.entry.Item.ID != "k8s-rbac" {
		t.Fatalf("first hit = %s, want k8s-rbac", hit.entry.Item.ID)
	}
	if where := s.whereText(hit); !strings.Contains(where, roadmap.Default().Stage("mid").Title) {
		t.Errorf("the hit says %q; want the name of its stage", where)
	}

	s.resultList.Select(0)
	if want := roadmap.Default().StageIndex("mid"); s.stage != want {
		t.Errorf("choosing the hit shows stage %d, want %d", s.stage, want)
	}
	if s.search.Text != "" || s.showingResults() || !inTree(r.win, s.list) {
		t.Error("choosing a hit leaves the search open")
	}
	row := findRow(t, r.win, "k8s-rbac")
	if row == nil {
		t.Fatal("the chosen entry is not on screen")
	}
	// The search matches titles and group names, not ids.
	s.search.SetText("aws core")
	if len(s.results) < 5 {
		t.Errorf("searching a group's name finds %d entries", len(s.results))
	}
	s.search.SetText("k8s-")
	if len(s.results) != 0 {
		t.Errorf("searching an id finds %d entries; ids are not shown anywhere", len(s.results))
	}
	s.search.SetText("no such thing at all")
	if len(s.results) != 0 || !strings.Contains(s.resultNote.Text, "Nothing matches") {
		t.Errorf("%d results, note %q", len(s.results), s.resultNote.Text)
	}
}

func TestFilterShowsToDoAndDone(t *testing.T) {
	r := newShellRig(t, Options{})
	s := r.sh.rmap
	test.Tap(r.row("k8s-rbac").check)
	r.noErrors()

	ids := func() []string {
		var out []string
		for _, row := range s.rows {
			if row.kind == rowItem {
				out = append(out, row.entry.Item.ID)
			}
		}
		return out
	}
	s.filterRadio.SetSelected(filterDone)
	if got := ids(); len(got) != 1 || got[0] != "k8s-rbac" {
		t.Errorf("Done shows %v, want only k8s-rbac", got)
	}
	s.filterRadio.SetSelected(filterTodo)
	got := ids()
	if len(got) == 0 {
		t.Fatal("To do shows nothing")
	}
	for _, id := range got {
		if id == "k8s-rbac" {
			t.Error("To do shows the ticked k8s-rbac")
		}
	}
	s.filterRadio.SetSelected(filterAll)
	all := ids()
	if len(all) != len(got)+1 {
		t.Errorf("All shows %d entries, want %d", len(all), len(got)+1)
	}
}

func TestGroupHeadersCountProgress(t *testing.T) {
	r := newShellRig(t, Options{})
	s := r.sh.rmap
	test.Tap(r.row("k8s-rbac").check)
	var head string
	for _, row := range s.rows {
		if row.kind == rowHeader && strings.HasPrefix(row.text, "Kubernetes mastery") {
			head = row.text
		}
	}
	if !strings.Contains(head, "1 of ") {
		t.Errorf("Kubernetes header = %q, want 1 done", head)
	}
	if !strings.Contains(s.stageSelect.Selected, "· 1/") {
		t.Errorf("stage picker = %q, want the stage's progress", s.stageSelect.Selected)
	}
}

func TestOtherTrackAndBranchesAreLabelled(t *testing.T) {
	r := newShellRig(t, Options{})
	s := r.sh.rmap
	rm := roadmap.Default()
	lead := rm.StageIndex("lead")
	if lead < 0 {
		t.Fatal("the default roadmap has no lead stage")
	}
	p, _ := r.store.Profile()
	p.Branch = "sre"
	if err := r.store.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	r.sh.reload()
	r.sh.show(screenRoadmap)
	s.stageSelect.SetSelectedIndex(lead)
	var heads []string
	for _, row := range s.rows {
		if row.kind == rowHeader {
			heads = append(heads, row.text)
		}
	}
	joined := strings.Join(heads, "\n")
	if !strings.Contains(joined, "(your branch)") {
		t.Errorf("lead headers lack the chosen branch:\n%s", joined)
	}
	if !strings.Contains(joined, "not your branch") {
		t.Errorf("lead headers don't mark the other branches:\n%s", joined)
	}
	for _, row := range s.rows {
		if row.kind == rowItem && row.entry.Kind == roadmap.KindBranchItem && row.entry.Branch != "sre" && row.tag == "" {
			t.Errorf("%s of branch %s is not labelled", row.entry.Item.ID, row.entry.Branch)
		}
	}
	// A group limited to a track shows that it does not count.
	tracked := false
	for _, st := range rm.Stages {
		for _, g := range st.Skills {
			if g.Track != "" {
				tracked = true
				s.stageSelect.SetSelectedIndex(rm.StageIndex(st.ID))
				found := false
				for _, row := range s.rows {
					if row.kind == rowHeader && strings.HasPrefix(row.text, g.Title) && strings.Contains(row.text, "track only") {
						found = true
					}
				}
				if !found {
					t.Errorf("group %s (track %s) is not labelled", g.ID, g.Track)
				}
			}
		}
	}
	if !tracked {
		t.Error("the default roadmap has no track-limited group to check")
	}
}

// failingStore fails every write, as a full disk would.
type failingStore struct {
	writes int
}

var errDiskFull = errors.New("disk full")

// The messages name the entry by its id, as the store's do.
func (f *failingStore) SetLevel(id string, _ tracker.Level, _ time.Time) error {
	f.writes++
	return tracker.EntryError("set the level of", id, errDiskFull)
}
func (f *failingStore) SetSkipped(id string, _ bool) error {
	f.writes++
	return tracker.EntryError("set N/A on", id, errDiskFull)
}
func (f *failingStore) Evidence(string) ([]tracker.Evidence, error) { return nil, nil }
func (f *failingStore) AddEvidence(e tracker.Evidence) (tracker.Evidence, error) {
	return tracker.Evidence{}, tracker.EntryError("add evidence to", e.ItemID, errDiskFull)
}
func (f *failingStore) UpdateEvidence(tracker.Evidence) error { return errDiskFull }
func (f *failingStore) DeleteEvidence(int64) error            { return errDiskFull }

// staticSnapshot is a snapshot of a profile at stage with no progress.
func staticSnapshot(stage string) snapshot {
	rm := roadmap.Default()
	p := tracker.Progress{Profile: tracker.Profile{Stage: stage, Region: roadmap.RegionUK, StageSince: time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC)}, Items: map[string]tracker.ItemState{}}
	return snapshot{rm: rm, progress: p, assess: tracker.Assess(rm, p, shellDay), today: shellDay, evidence: map[string]int{}}
}

func TestFailedWriteRevertsTickAndShowsError(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(shellSize)
	var errs []error
	var queued []func()
	changed := 0
	e := &env{
		win: w, app: fyne.CurrentApp(),
		// Hold the work back, to see the row before the store answers.
		async:     func(work func() error, done func(error)) { queued = append(queued, func() { done(work()) }) },
		changed:   func() { changed++ },
		showError: func(err error) { errs = append(errs, err) },
		today:     func() time.Time { return shellDay },
	}
	st := &failingStore{}
	s := newRoadmapScreen(st, e)
	w.SetContent(s.content())
	s.update(staticSnapshot("mid"))

	row := findRow(t, w, "k8s-rbac")
	test.Tap(row.check)
	if !row.check.Checked || s.state("k8s-rbac").Level != tracker.Proficient {
		t.Fatal("the tick is not shown before the store answers")
	}
	if len(queued) != 1 {
		t.Fatalf("%d writes queued, want 1", len(queued))
	}
	queued[0]()
	if st.writes != 1 {
		t.Errorf("%d writes tried", st.writes)
	}
	row = findRow(t, w, "k8s-rbac")
	if row.check.Checked || s.state("k8s-rbac").Level != tracker.NotStarted {
		t.Error("the tick stays on screen after the write failed")
	}
	if len(errs) != 1 || !errors.Is(errs[0], errDiskFull) || !strings.Contains(errs[0].Error(), "RBAC") || strings.Contains(errs[0].Error(), "k8s-rbac") {
		t.Errorf("errors shown: %v; want one naming the item by its title and the cause", errs)
	}
	if changed != 0 {
		t.Error("a failed write asked for a reload as if it had saved")
	}

	// The same for "not applicable".
	test.Tap(row.na)
	queued[1]()
	if findRow(t, w, "k8s-rbac").na.Checked || s.state("k8s-rbac").Skipped {
		t.Error("N/A stays on screen after the write failed")
	}
	if len(errs) != 2 {
		t.Errorf("%d errors shown, want 2", len(errs))
	}
}

func TestReadOnlyDisablesEditing(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(shellSize)
	st := &failingStore{}
	e := &env{win: w, app: fyne.CurrentApp(), async: runSync, changed: func() {}, showError: func(error) {}, today: func() time.Time { return shellDay }}
	s := newRoadmapScreen(st, e)
	w.SetContent(s.content())
	snap := staticSnapshot("mid")
	snap.readOnly = true
	s.update(snap)
	row := findRow(t, w, "k8s-rbac")
	if !row.check.Disabled() || !row.level.Disabled() || !row.na.Disabled() {
		t.Error("a read-only database leaves the row's controls enabled")
	}
	s.setLevel("k8s-rbac", tracker.Proficient)
	if st.writes != 0 {
		t.Error("a read-only database was written")
	}
}

// largeRoadmap generates a roadmap of stages × groups × items skill items.
func largeRoadmap(t *testing.T, stages, groups, items int) *roadmap.Roadmap {
	t.Helper()
	var b strings.Builder
	b.WriteString("version: 1\nid: large\ntitle: Large\nstages:\n")
	for s := range stages {
		fmt.Fprintf(&b, "  - id: s%d\n    title: Stage %d\n    years: {min: %d, max: %d}\n    milestone: {id: s%d-m, title: Milestone %d}\n    skills:\n", s, s, s, s+1, s, s)
		for g := range groups {
			fmt.Fprintf(&b, "      - id: s%d-g%d\n        title: Group %d.%d\n        items:\n", s, g, s, g)
			for i := range items {
				fmt.Fprintf(&b, "          - {id: s%d-g%d-i%d, title: Item %d.%d.%d}\n", s, g, i, s, g, i)
			}
		}
	}
	rm, err := roadmap.Load([]byte(b.String()))
	if err != nil {
		t.Fatalf("generate a large roadmap: %v", err)
	}
	return rm
}

func TestLargeRoadmapBuildsOnlyVisibleRows(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(shellSize)
	e := &env{win: w, app: fyne.CurrentApp(), async: runSync, changed: func() {}, showError: func(error) {}, today: func() time.Time { return shellDay }}
	s := newRoadmapScreen(&failingStore{}, e)
	w.SetContent(s.content())
	rm := largeRoadmap(t, 5, 20, 50) // 5,000 skill items
	p := tracker.Progress{Profile: tracker.Profile{Stage: "s0", Region: roadmap.RegionUK}, Items: map[string]tracker.ItemState{}}
	s.update(snapshot{rm: rm, progress: p, assess: tracker.Assess(rm, p, shellDay), today: shellDay, evidence: map[string]int{}})
	if len(s.rows) < 1000 {
		t.Fatalf("stage 0 has %d rows, want over 1,000", len(s.rows))
	}
	n := 0
	walkObjects(w.Canvas().Content(), func(o fyne.CanvasObject) {
		if _, ok := o.(*rmRowView); ok {
			n++
		}
	})
	if n == 0 || n > 60 {
		t.Errorf("%d row widgets for %d rows; want only about a screenful", n, len(s.rows))
	}
	test.Type(s.search, "item 4.19.49")
	if len(s.results) != 1 || s.index[s.results[0]].entry.Item.ID != "s4-g19-i49" {
		t.Errorf("search in the large roadmap: %d results", len(s.results))
	}
}

// formerIDsRoadmap has one entry renamed twice: new-id replaces old-a,
// old-b, old-c and old-d.
const formerIDsRoadmap = `version: 2
id: renamed
title: Renamed
stages:
  - id: one
    title: One
    years: {min: 0, max: 2}
    milestone: {id: one-m, title: Milestone}
    skills:
      - id: g
        title: Group
        items:
          - {id: new-id, title: Renamed skill, replaces: [old-a, old-b, old-c, old-d]}
          - {id: other, title: Other}
`

// TestFormerIDsAgreeOnScreenInCSVAndScore records an entry's progress under
// several former ids with different levels and dates: the Roadmap screen,
// the CSV export and the readiness score must all take the same one (the
// most recently updated).
func TestFormerIDsAgreeOnScreenInCSVAndScore(t *testing.T) {
	rm, err := roadmap.Load([]byte(formerIDsRoadmap))
	if err != nil {
		t.Fatal(err)
	}
	day := func(d int) time.Time { return time.Date(2025, 3, d, 12, 0, 0, 0, time.UTC) }
	latest := tracker.ItemState{ID: "old-c", Level: tracker.Learning, Date: day(9), UpdatedAt: day(9)}
	items := map[string]tracker.ItemState{
		"old-a": {ID: "old-a", Level: tracker.Expert, Date: day(2), UpdatedAt: day(2)},
		"old-b": {ID: "old-b", Level: tracker.Proficient, Date: day(5), UpdatedAt: day(5)},
		"old-c": latest,
		"old-d": {ID: "old-d", Level: tracker.Practising, Date: day(1), UpdatedAt: day(1)},
		"other": {ID: "other", Level: tracker.Learning, UpdatedAt: day(3)},
	}
	p := tracker.Progress{Profile: tracker.Profile{Stage: "one", Region: roadmap.RegionUK, StageSince: day(1)}, Items: items}
	a := tracker.Assess(rm, p, shellDay)
	// The score the entry's own state at the latest former id's level gives.
	own := tracker.Progress{Profile: p.Profile, Items: map[string]tracker.ItemState{"new-id": {ID: "new-id", Level: latest.Level, UpdatedAt: latest.UpdatedAt}, "other": items["other"]}}
	if want := tracker.Assess(rm, own, shellDay).Readiness.Score; a.Readiness.Score != want {
		t.Fatalf("score %v, want %v (the level recorded last, under old-c)", a.Readiness.Score, want)
	}

	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(shellSize)
	e := &env{win: w, app: fyne.CurrentApp(), async: runSync, changed: func() {}, showError: func(error) {}, today: func() time.Time { return shellDay }}
	s := newRoadmapScreen(&benchStore{}, e)
	w.SetContent(s.content())
	// Map order changes from one run over the states to the next: a copy
	// that kept whichever former id came last would disagree in some of
	// these rounds.
	for round := range 20 {
		s.update(snapshot{rm: rm, progress: p, assess: a, today: shellDay, evidence: map[string]int{}})
		if got := s.state("new-id"); got.Level != latest.Level || !got.UpdatedAt.Equal(latest.UpdatedAt) {
			t.Fatalf("round %d: the Roadmap screen shows new-id at %v (updated %v), want %v as recorded under old-c", round, got.Level, got.UpdatedAt, latest.Level)
		}
		if got, want := findRow(t, w, "new-id").level.Selected, levelNames[latest.Level]; got != want {
			t.Fatalf("round %d: the row's level reads %q, want %q", round, got, want)
		}

		var buf strings.Builder
		if err := report.CSV(&buf, report.Data{Roadmap: rm, Progress: p}); err != nil {
			t.Fatal(err)
		}
		var row string
		for _, line := range strings.Split(buf.String(), "\n") {
			if strings.HasPrefix(line, "new-id,") {
				row = line
			}
		}
		want := fmt.Sprintf(",%d,%s,%s,", latest.Level, report.Status(latest), latest.UpdatedAt.Format(time.RFC3339))
		if !strings.Contains(row, want) {
			t.Fatalf("round %d: CSV row %q, want level, status and date %q of old-c", round, row, want)
		}
	}
}

func TestStaleSnapshotDoesNotUndoATick(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(shellSize)
	e := &env{win: w, app: fyne.CurrentApp(), async: runSync, changed: func() {}, showError: func(error) {}, today: func() time.Time { return shellDay }}
	s := newRoadmapScreen(&benchStore{}, e)
	w.SetContent(s.content())
	before := staticSnapshot("mid")
	s.update(before)
	test.Tap(findRow(t, w, "k8s-rbac").check)

	// A reload that was already running when the tick was saved brings
	// the old state: the tick stays.
	s.update(before)
	if !findRow(t, w, "k8s-rbac").check.Checked {
		t.Fatal("a snapshot read before the save took the tick away")
	}
	// The next snapshot is the truth, even when it disagrees (an undo).
	s.update(before)
	if findRow(t, w, "k8s-rbac").check.Checked {
		t.Error("the tick stays after two snapshots without it")
	}

	// A snapshot that agrees settles the tick at once.
	test.Tap(findRow(t, w, "k8s-rbac").check)
	after := staticSnapshot("mid")
	after.progress.Items["k8s-rbac"] = tracker.ItemState{ID: "k8s-rbac", Level: tracker.Proficient, Date: shellDay}
	s.update(after)
	if _, ok := s.pending["k8s-rbac"]; ok {
		t.Error("a snapshot with the tick left it pending")
	}
	s.update(before)
	if findRow(t, w, "k8s-rbac").check.Checked {
		t.Error("after the tick settled, a snapshot without it (an undo) did not show")
	}
}

func TestStaleSnapshotDoesNotDropANewNote(t *testing.T) {
	c := newEvidenceCache(nil)
	c.load(map[string][]tracker.Evidence{})
	c.inflight["a"]++
	c.set("a", []tracker.Evidence{{ID: 7, ItemID: "a", Note: "new", Date: shellDay}})
	c.inflight["a"]--
	c.saved["a"] = 0
	c.load(map[string][]tracker.Evidence{}) // read before the save
	if len(c.list("a")) != 1 {
		t.Fatal("a snapshot read before the save dropped the new note")
	}
	c.load(map[string][]tracker.Evidence{})
	if len(c.list("a")) != 0 {
		t.Error("the note stays after two snapshots without it")
	}
}

// At Lead, criteria for everyone come first, then the user's own track's,
// then the other tracks', marked as not counting: a manager is not shown
// the individual contributor's criteria as theirs.
func TestCriteriaGroupedByTrack(t *testing.T) {
	rm := roadmap.Default()
	st := rm.Stage("lead")
	if st == nil {
		t.Fatal("the roadmap has no lead stage")
	}
	groups := criteriaGroups(rm, tracker.Profile{Stage: "lead", Track: roadmap.TrackManagement}, st)
	if len(groups) != 4 {
		t.Fatalf("%d criteria groups at Lead, want the shared one and one per track", len(groups))
	}
	if groups[0].tag != "" || groups[0].title != "Ready for the next level" {
		t.Errorf("first group %q (tag %q), want the shared criteria, counting", groups[0].title, groups[0].tag)
	}
	if !strings.Contains(groups[1].title, rm.Track(roadmap.TrackManagement).Title) || groups[1].tag != "" {
		t.Errorf("second group %q (tag %q), want the management criteria, counting", groups[1].title, groups[1].tag)
	}
	for _, g := range groups[2:] {
		if g.tag != "not your track" || g.note == "" {
			t.Errorf("group %q is another track's but reads as counting (tag %q)", g.title, g.tag)
		}
	}
	for _, g := range groups {
		for _, e := range g.entries {
			if e.Kind != roadmap.KindCriterion {
				t.Errorf("%s in %q is a %s", e.Item.ID, g.title, e.Kind)
			}
		}
	}
	// Without a track, every track's criteria are marked.
	for _, g := range criteriaGroups(rm, tracker.Profile{Stage: "lead"}, st)[1:] {
		if g.tag == "" {
			t.Errorf("with no track chosen, %q reads as counting", g.title)
		}
	}
}

// At Staff, the group of the user's own branch counts and the other
// branches' groups are marked as not counting, as other tracks' are.
func TestStaffBranchGroupsMarked(t *testing.T) {
	rm := roadmap.Default()
	si := rm.StageIndex("staff")
	s := &roadmapScreen{}
	groups := s.stageGroups(rm, tracker.Profile{Stage: "staff", Track: roadmap.TrackManagement, Branch: "sre"})[si]
	seen := map[string]string{}
	for _, g := range groups {
		seen[g.title] = g.tag
	}
	for title, want := range map[string]string{
		"Staff SRE work": "", "Staff Platform Engineer work": "not your branch",
		"Staff AI Infra work": "not your branch", "Staff Security Engineer work": "not your branch",
		"Director work": "", "Principal Engineer work": "not your track",
	} {
		got, ok := seen[title]
		if !ok {
			t.Errorf("no group %q at Staff", title)
		} else if got != want {
			t.Errorf("group %q tagged %q, want %q", title, got, want)
		}
	}
}

// inTree reports whether o is on view in w's window: in its tree and
// visible all the way.
func inTree(w fyne.Window, o fyne.CanvasObject) bool {
	found := false
	walkObjects(w.Canvas().Content(), func(x fyne.CanvasObject) {
		if x == o {
			found = true
		}
	})
	return found
}
