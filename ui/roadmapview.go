package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
)

// roadmapStore is what the Roadmap screen needs of the store: saving a
// level or a "not applicable" mark, and the evidence of an entry.
type roadmapStore interface {
	SetLevel(id string, l tracker.Level, date time.Time) error
	SetSkipped(id string, skipped bool) error
	evidenceStore
}

// Filters of the Roadmap screen's item list.
const (
	filterAll  = "All"
	filterTodo = "To do"
	filterDone = "Done"
)

// rowKind says what a row of the item list shows.
type rowKind int

const (
	rowHeader rowKind = iota // a group title with its progress
	rowItem                  // a tickable entry
	rowNote                  // a line of explanation
)

// rmRow is one row of the item list.
type rmRow struct {
	kind  rowKind
	text  string        // header or note text
	entry roadmap.Entry // for rowItem
	// tag says why an entry does not count (another track or branch); ""
	// when it counts.
	tag string
	// group is the position of a header's group in the stage.
	group int
}

// rmGroup is a run of entries shown under one header.
type rmGroup struct {
	title string
	// note says in the header why the group does not count, and tag says
	// it in a few words on each row; both "" when it counts.
	note    string
	tag     string
	entries []roadmap.Entry
}

// searchHit is one entry of the search index.
type searchHit struct {
	entry roadmap.Entry
	stage int    // index of the stage the entry is shown under
	hay   string // lower-case title and group
}

// pendingState is a change shown on screen before the store confirmed it.
type pendingState struct {
	state    tracker.ItemState
	inflight int // writes not yet answered
	// stale counts the snapshots that disagreed with the change after it
	// was saved. The first may have been read before the save (a reload
	// already running); the next one is the truth.
	stale int
}

// roadmapScreen is the Roadmap screen: a stage's groups and entries with a
// tick, a level, "not applicable" and evidence per entry, plus search
// across the whole roadmap.
type roadmapScreen struct {
	env   *env
	store roadmapStore

	snap snapshot
	have bool
	// states holds the snapshot's item states under the roadmap's current
	// ids, so that progress recorded under a former id shows as it counts.
	states tracker.ResolvedStates
	// notes holds the evidence per entry as shown: the snapshot's, with
	// the changes not yet saved.
	notes *evidenceCache

	// Per roadmap: what each stage shows, and the search index. Rebuilt
	// only when the roadmap changes.
	rm        *roadmap.Roadmap
	groups    [][]rmGroup // per stage, for groupsFor
	groupsFor [2]string   // the track and branch groups was laid out for
	stageOf   map[string]int
	index     []searchHit

	// Per snapshot and stage: the rows of the list.
	stage    int
	filter   string
	rows     []rmRow
	rowOf    map[string]int
	pending  map[string]*pendingState
	results  []int // positions in index
	evidence *evidenceDialog

	// The rows' layout: the column sizes, each row's height at the list's
	// width, and a text used to measure wrapped titles.
	rowSizes rowMetrics
	heights  []float32
	heightOf map[heightKey]float32
	measure  *widget.RichText
	// quiet makes updateRow do nothing while heights are set in a batch.
	quiet bool
	// viewOf is the row widget last filled for each row.
	viewOf map[int]*rmRowView
	// The keyboard: the current row and column, and guards against the
	// focus and the selection calling each other back.
	focusRow, focusCol int
	focusID            string
	selecting, passing bool
	// shiftHeld reports whether Shift is down (tests replace it).
	shiftHeld func() bool

	stageSelect *stagePicker
	stageInfo   *widget.Label
	stageBar    *widget.ProgressBar
	stageCount  *widget.Label
	duties      *widget.Label
	filterRadio *widget.RadioGroup
	search      *widget.Entry
	list        *rmList
	resultList  *resultList
	resultNote  *widget.Label
	resultSizes []float32
	left        *fyne.Container
	right       *fyne.Container
	root        fyne.CanvasObject
}

// newRoadmapScreen builds the Roadmap screen; it shows nothing until its
// first update.
func newRoadmapScreen(st roadmapStore, e *env) *roadmapScreen {
	s := &roadmapScreen{env: e, store: st, filter: filterAll, pending: map[string]*pendingState{},
		viewOf: map[int]*rmRowView{}, heightOf: map[heightKey]float32{}, focusRow: -1, shiftHeld: shiftHeld}
	s.notes = newEvidenceCache(s.evidenceChanged)
	s.measure = &widget.RichText{Wrapping: fyne.TextWrapWord, Scroll: fyne.ScrollNone}
	s.stageSelect = &stagePicker{Select: widget.Select{PlaceHolder: "Choose a stage", OnChanged: s.onStageChosen}}
	s.stageSelect.ExtendBaseWidget(s.stageSelect)
	s.stageSelect.grew = func() { s.left.Refresh() }
	s.stageInfo = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.stageBar = newShareBar(1)
	s.stageBar.ExtendBaseWidget(s.stageBar)
	s.stageCount = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.duties = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.filterRadio = &widget.RadioGroup{
		Options:    []string{filterAll, filterTodo, filterDone},
		Horizontal: true,
		Required:   true,
		Selected:   filterAll,
		OnChanged:  s.onFilter,
	}
	s.filterRadio.ExtendBaseWidget(s.filterRadio)
	s.search = &widget.Entry{PlaceHolder: "Search every stage (Ctrl+F)", OnChanged: s.onSearch, OnSubmitted: s.onSearchSubmitted}
	s.search.ExtendBaseWidget(s.search)
	s.list = &rmList{screen: s}
	s.list.Length, s.list.CreateItem, s.list.UpdateItem = s.rowCount, s.createRow, s.updateRow
	s.list.OnSelected = s.onRowSelected
	s.list.ExtendBaseWidget(s.list)
	s.resultList = &resultList{screen: s}
	s.resultList.Length = func() int { return len(s.results) }
	s.resultList.CreateItem, s.resultList.UpdateItem, s.resultList.OnSelected = createResultRow, s.updateResult, s.onResultChosen
	s.resultList.ExtendBaseWidget(s.resultList)
	s.resultNote = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.resultList.Hide()
	s.resultNote.Hide()

	dutiesTitle := &widget.Label{Text: "What you do", TextStyle: fyne.TextStyle{Bold: true}}
	s.left = container.NewBorder(
		container.NewVBox(s.stageSelect, s.stageInfo, s.stageBar, s.stageCount, widget.NewSeparator(), dutiesTitle),
		nil, nil, nil,
		container.NewVScroll(s.duties),
	)
	// The objects are in Tab order: the filter, the search box, then the
	// list (a border layout doesn't care about their order).
	bar := &fyne.Container{Layout: layout.NewBorderLayout(nil, nil, s.filterRadio, nil), Objects: []fyne.CanvasObject{s.filterRadio, s.search}}
	top := container.NewVBox(bar, s.resultNote)
	s.right = &fyne.Container{Layout: layout.NewBorderLayout(top, nil, nil, nil), Objects: []fyne.CanvasObject{top, container.NewStack(s.list, s.resultList)}}
	split := container.NewHSplit(s.left, s.right)
	split.Offset = 0.28
	s.root = split
	return s
}

func (s *roadmapScreen) content() fyne.CanvasObject { return s.root }

// update shows a new snapshot: it keeps the chosen stage, filter and search,
// and drops the on-screen changes the store has confirmed. What depends
// only on the roadmap and the profile's track and branch is kept when they
// did not change.
func (s *roadmapScreen) update(snap snapshot) {
	first := !s.have || s.rm != snap.rm
	s.snap, s.have = snap, true
	s.states, _ = tracker.ResolveStates(snap.rm, snap.progress.Items)
	for id, p := range s.pending {
		if p.inflight > 0 {
			continue
		}
		st := s.states.State(id)
		if (st.Level == p.state.Level && st.Skipped == p.state.Skipped) || p.stale > 0 {
			delete(s.pending, id)
		} else {
			p.stale++
		}
	}
	if first {
		s.indexRoadmap(snap.rm)
		s.stage = max(snap.rm.StageIndex(snap.progress.Profile.Stage), 0)
		s.groups = nil
	}
	s.notes.load(snap.notes)
	s.notes.setRule(snap.rm, s.env.today())
	prof := snap.progress.Profile
	if key := [2]string{prof.Track, prof.Branch}; s.groups == nil || key != s.groupsFor {
		s.groups = s.stageGroups(snap.rm, prof)
		s.groupsFor = key
	}
	if s.stage >= len(s.groups) {
		s.stage = 0
	}
	s.showStage()
	if s.search.Text != "" {
		s.onSearch(s.search.Text)
	}
}

// indexRoadmap builds what depends only on the roadmap: where each entry is
// shown and the search index.
func (s *roadmapScreen) indexRoadmap(rm *roadmap.Roadmap) {
	s.rm = rm
	s.stageOf = make(map[string]int, len(rm.Entries()))
	branchStage := tracker.BranchStage(rm)
	s.index = s.index[:0]
	for _, e := range rm.Entries() {
		st := rm.StageIndex(e.Stage)
		if e.Kind == roadmap.KindBranchItem {
			st = branchStage
		}
		if st < 0 {
			continue
		}
		if _, dup := s.stageOf[e.Item.ID]; dup {
			continue
		}
		s.stageOf[e.Item.ID] = st
		s.index = append(s.index, searchHit{entry: e, stage: st, hay: strings.ToLower(e.Item.Title + "\x00" + e.GroupTitle)})
	}
}

// stageGroups lays out every stage as groups of entries for the profile:
// skill groups (marked when they belong to another track), the branches at
// the specialisation stage (the chosen one first), the criteria and the
// milestone.
func (s *roadmapScreen) stageGroups(rm *roadmap.Roadmap, prof tracker.Profile) [][]rmGroup {
	out := make([][]rmGroup, len(rm.Stages))
	byGroup := map[string][]roadmap.Entry{}
	byBranch := map[string][]roadmap.Entry{}
	for _, e := range rm.Entries() {
		switch e.Kind {
		case roadmap.KindSkill:
			byGroup[e.Stage+"\x00"+e.Group] = append(byGroup[e.Stage+"\x00"+e.Group], e)
		case roadmap.KindBranchItem:
			byBranch[e.Branch] = append(byBranch[e.Branch], e)
		}
	}
	branchStage := tracker.BranchStage(rm)
	for i := range rm.Stages {
		st := &rm.Stages[i]
		var gs []rmGroup
		for _, g := range st.Skills {
			grp := rmGroup{title: g.Title, entries: byGroup[st.ID+"\x00"+g.ID]}
			switch {
			case g.Track != "" && g.Track != prof.Track:
				grp.note = trackName(rm, g.Track) + " track only: doesn't count for you"
				grp.tag = "not your track"
			case g.Branch != "" && g.Branch != prof.Branch:
				grp.note = branchName(rm, g.Branch) + " branch only: doesn't count for you"
				grp.tag = "not your branch"
			}
			gs = append(gs, grp)
		}
		if i == branchStage {
			gs = append(gs, branchGroups(rm, prof, byBranch)...)
		}
		gs = append(gs, criteriaGroups(rm, prof, st)...)
		if st.Milestone.ID != "" {
			gs = append(gs, rmGroup{title: "Key milestone", entries: []roadmap.Entry{{Item: st.Milestone, Kind: roadmap.KindMilestone, Stage: st.ID}}})
		}
		out[i] = gs
	}
	return out
}

// criteriaGroups returns the stage's criteria: those for everyone in one
// group, then one group per track that has criteria of its own, the user's
// track first and the others marked as not counting, as skill groups of
// another track are.
func criteriaGroups(rm *roadmap.Roadmap, prof tracker.Profile, st *roadmap.Stage) []rmGroup {
	const title = "Ready for the next level"
	shared := rmGroup{title: title}
	byTrack := map[string]*rmGroup{}
	var order []string
	for _, it := range st.Criteria {
		e := roadmap.Entry{Item: it, Kind: roadmap.KindCriterion, Stage: st.ID, Track: it.Track}
		if it.Track == "" {
			shared.entries = append(shared.entries, e)
			continue
		}
		g := byTrack[it.Track]
		if g == nil {
			g = &rmGroup{title: title + ": " + trackName(rm, it.Track) + " track"}
			if it.Track != prof.Track {
				g.note = trackName(rm, it.Track) + " track only: doesn't count for you"
				g.tag = "not your track"
			}
			byTrack[it.Track] = g
			order = append(order, it.Track)
		}
		g.entries = append(g.entries, e)
	}
	var out []rmGroup
	if len(shared.entries) > 0 {
		out = append(out, shared)
	}
	if g := byTrack[prof.Track]; g != nil {
		out = append(out, *g)
	}
	for _, t := range order {
		if t != prof.Track {
			out = append(out, *byTrack[t])
		}
	}
	return out
}

// branchGroups returns one group per branch, the user's own branch first;
// the others are marked as not counting.
func branchGroups(rm *roadmap.Roadmap, prof tracker.Profile, byBranch map[string][]roadmap.Entry) []rmGroup {
	var mine, others []rmGroup
	for _, b := range rm.Branches {
		g := rmGroup{title: "Branch: " + b.Title, entries: byBranch[b.ID]}
		switch {
		case b.ID == prof.Branch:
			g.title += " (your branch)"
			mine = append(mine, g)
		case prof.Branch == "":
			g.note = "counts once you choose this branch in Paths"
			g.tag = "no branch chosen"
			others = append(others, g)
		default:
			g.note = "not your branch: doesn't count"
			g.tag = "not your branch"
			others = append(others, g)
		}
	}
	return append(mine, others...)
}

// trackName returns a track's title, or its id when the roadmap lacks it.
func trackName(rm *roadmap.Roadmap, id string) string {
	if t := rm.Track(id); t != nil {
		return t.Title
	}
	return id
}

func branchName(rm *roadmap.Roadmap, id string) string {
	if b := rm.Branch(id); b != nil {
		return b.Title
	}
	return id
}

// state returns an entry's state as shown: a change waiting for the store,
// else the snapshot's.
func (s *roadmapScreen) state(id string) tracker.ItemState {
	if p, ok := s.pending[id]; ok {
		return p.state
	}
	return s.states.State(id)
}

// visible reports whether an entry in state st passes the filter.
func (s *roadmapScreen) visible(st tracker.ItemState) bool {
	switch s.filter {
	case filterTodo:
		return !st.Done() && !st.Skipped
	case filterDone:
		return st.Done()
	}
	return true
}

// buildRows lays out the rows of the chosen stage under the filter.
func (s *roadmapScreen) buildRows() {
	s.rows = s.rows[:0]
	s.rowOf = map[string]int{}
	if s.stage >= len(s.groups) {
		return
	}
	for gi, g := range s.groups[s.stage] {
		start := len(s.rows)
		s.rows = append(s.rows, rmRow{kind: rowHeader, group: gi, text: s.groupHeader(g)})
		for _, e := range g.entries {
			if s.visible(s.state(e.Item.ID)) {
				s.rowOf[e.Item.ID] = len(s.rows)
				s.rows = append(s.rows, rmRow{kind: rowItem, entry: e, tag: g.tag})
			}
		}
		if len(g.entries) == 0 {
			s.rows = append(s.rows, rmRow{kind: rowNote, text: "Nothing listed here."})
		} else if len(s.rows) == start+1 && s.filter != filterAll {
			s.rows = s.rows[:start] // the filter hides the whole group
		}
	}
	if len(s.rows) == 0 {
		s.rows = append(s.rows, rmRow{kind: rowNote, text: emptyFilterNote(s.filter)})
	}
}

func emptyFilterNote(filter string) string {
	switch filter {
	case filterTodo:
		return "Nothing left to do at this stage."
	case filterDone:
		return "Nothing done at this stage yet."
	}
	return "This stage lists nothing."
}

// showStage refreshes the stage picker, the stage's details and its rows.
func (s *roadmapScreen) showStage() {
	s.showProgress()
	s.showDetails()
	s.setRows()
}

// showProgress shows the stages' progress in the picker and the chosen
// stage's bar and count; only what changed is redrawn.
func (s *roadmapScreen) showProgress() {
	rm := s.snap.rm
	prof := s.snap.progress.Profile
	opts := make([]string, len(rm.Stages))
	for i := range rm.Stages {
		done, total := s.stageProgress(rm.Stages[i].ID)
		opts[i] = fmt.Sprintf("%s · %d/%d", rm.Stages[i].Title, done, total)
		if rm.Stages[i].ID == prof.Stage {
			opts[i] = "▸ " + opts[i]
		}
	}
	sel := ""
	if s.stage < len(opts) {
		sel = opts[s.stage]
	}
	if !slices.Equal(opts, s.stageSelect.Options) || sel != s.stageSelect.Selected {
		s.stageSelect.Options = opts
		s.stageSelect.Selected = sel
		s.stageSelect.Refresh()
	}
	if s.stage >= len(rm.Stages) {
		return
	}
	done, total := s.stageProgress(rm.Stages[s.stage].ID)
	ratio := 0.0
	if total > 0 {
		ratio = float64(done) / float64(total)
	}
	if s.stageBar.Value != ratio {
		s.stageBar.SetValue(ratio)
	}
	if setLabel(s.stageCount, fmt.Sprintf("%d of %d that count here are done", done, total)) {
		s.left.Refresh() // a wrapped label may take another line
	}
}

// showDetails shows the chosen stage's years, pay, summary and duties.
func (s *roadmapScreen) showDetails() {
	rm := s.snap.rm
	prof := s.snap.progress.Profile
	if s.stage >= len(rm.Stages) {
		return
	}
	st := &rm.Stages[s.stage]
	info := formatYears(st.Years) + " · " + formatBand(st.Salary.Band(prof.Region), prof.Region)
	if st.ID == prof.Stage {
		info = "Your stage · " + info
	}
	if st.Summary != "" {
		info += "\n" + st.Summary
	}
	var b strings.Builder
	for _, r := range st.Responsibilities {
		b.WriteString("• " + r + "\n")
	}
	changed := setLabel(s.stageInfo, info)
	if setLabel(s.duties, strings.TrimSuffix(b.String(), "\n")) || changed {
		s.left.Refresh() // wrapped labels change height
	}
}

// setLabel sets a label's text when it differs, so that an unchanged label
// is not laid out and drawn again, and reports whether it did.
func setLabel(l *widget.Label, text string) bool {
	if l.Text == text {
		return false
	}
	l.SetText(text)
	return true
}

// setRows lays out the rows of the chosen stage again. When they are the
// same rows as before, only the rows in view are brought up to date;
// otherwise the list is redrawn once, with the keyboard's row kept.
func (s *roadmapScreen) setRows() {
	old := slices.Clone(s.rows)
	s.buildRows()
	if sameRows(old, s.rows) {
		s.refreshVisible()
		return
	}
	s.focusRow = -1
	if s.focusID != "" {
		if i, ok := s.rowOf[s.focusID]; ok {
			s.focusRow = i
		}
	}
	s.applyHeights()
	s.selecting = true
	if s.focusRow >= 0 {
		s.list.Select(s.focusRow)
	} else {
		s.list.UnselectAll()
	}
	s.selecting = false
	s.list.Refresh()
}

// sameRows reports whether two row lists show the same rows.
func sameRows(a, b []rmRow) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].kind != b[i].kind || a[i].text != b[i].text || a[i].tag != b[i].tag || a[i].entry.Item.ID != b[i].entry.Item.ID {
			return false
		}
	}
	return true
}

// refreshVisible brings the rows in view up to date without redrawing the
// list; a row whose height changed redraws it.
func (s *roadmapScreen) refreshVisible() {
	if s.applyHeights() {
		s.list.Refresh()
		return
	}
	for i, r := range s.viewOf {
		if i < len(s.rows) && s.rowView(i) == r {
			s.updateRow(i, r)
		}
	}
}

// stageProgress counts the done entries of a stage that count for the user,
// and how many count (not skipped).
func (s *roadmapScreen) stageProgress(stage string) (done, total int) {
	return tracker.CountDone(tracker.ActiveEntries(s.snap.rm, s.snap.progress.Profile, stage), s.state)
}

func (s *roadmapScreen) onStageChosen(string) {
	i := s.stageSelect.SelectedIndex()
	if i < 0 || i == s.stage || !s.have {
		return
	}
	s.stage = i
	s.focusID = ""
	s.showStage()
	s.list.ScrollToTop()
}

func (s *roadmapScreen) onFilter(f string) {
	if f == "" || f == s.filter {
		return
	}
	s.filter = f
	if s.have {
		s.setRows()
	}
}

func (s *roadmapScreen) rowCount() int { return len(s.rows) }

// setLevel shows the new level at once and saves it in the background; a
// failed save puts the row back and says why.
func (s *roadmapScreen) setLevel(id string, l tracker.Level) {
	if s.snap.readOnly {
		return
	}
	next := s.state(id)
	if next.Level == l {
		return
	}
	next.Level = l
	next.Date = s.env.today()
	s.write(id, next, func() error { return s.store.SetLevel(id, l, time.Time{}) })
}

// setSkipped shows the "not applicable" mark at once and saves it in the
// background.
func (s *roadmapScreen) setSkipped(id string, skipped bool) {
	if s.snap.readOnly {
		return
	}
	next := s.state(id)
	if next.Skipped == skipped {
		return
	}
	next.Skipped = skipped
	s.write(id, next, func() error { return s.store.SetSkipped(id, skipped) })
}

// write applies next on screen, runs save off the UI goroutine, and then
// either asks for a reload or reverts the row and reports the error.
func (s *roadmapScreen) write(id string, next tracker.ItemState, save func() error) {
	p := s.pending[id]
	if p == nil {
		p = &pendingState{}
		s.pending[id] = p
	}
	p.state = next
	p.inflight++
	p.stale = 0
	s.refreshShown()
	s.env.async(save, func(err error) {
		p.inflight--
		if err != nil {
			if s.pending[id] == p {
				delete(s.pending, id)
			}
			s.refreshShown()
			s.env.showError(fmt.Errorf("couldn't save %q, so it was put back: %w", s.titleOf(id), s.named(err, id)))
			return
		}
		s.env.changed()
	})
}

// refreshShown shows an on-screen change at once: the group headers, the
// stage's progress and the rows in view, keeping rows in place even if the
// filter would now hide them (they go at the next reload).
func (s *roadmapScreen) refreshShown() {
	if !s.have {
		return
	}
	for i, row := range s.rows {
		if row.kind == rowHeader && s.stage < len(s.groups) && row.group < len(s.groups[s.stage]) {
			s.rows[i].text = s.groupHeader(s.groups[s.stage][row.group])
		}
	}
	s.showProgress()
	s.refreshVisible()
}

// groupHeader is the header text of group g of the chosen stage: its
// title, progress, and why it does not count.
func (s *roadmapScreen) groupHeader(g rmGroup) string {
	done, total := tracker.CountDone(g.entries, s.state)
	head := fmt.Sprintf("%s — %d of %d done", g.title, done, total)
	if g.note != "" {
		head += " · " + g.note
	}
	return head
}

// titleOf returns an entry's title, or its id.
func (s *roadmapScreen) titleOf(id string) string {
	if s.rm != nil {
		if e, ok := s.rm.Lookup(id); ok {
			return e.Item.Title
		}
	}
	return id
}

// openEvidence shows the evidence dialog of an entry.
func (s *roadmapScreen) openEvidence(id string) {
	e, ok := s.rm.Lookup(id)
	if !ok {
		return
	}
	s.evidence = showEvidence(s.store, s.env, s.notes, e, s.snap.readOnly)
	// Closing gives the focus back to the row's evidence button, so that
	// the keyboard goes on from where it was.
	s.evidence.onClosed = func() {
		if i, ok := s.rowOf[id]; ok {
			s.focusCell(i, colEvidence)
		}
	}
}

// evidenceCount is the number of evidence entries shown for an entry.
func (s *roadmapScreen) evidenceCount(id string) int {
	if items, ok := s.notes.byItem[id]; ok || s.snap.notes != nil {
		return len(items)
	}
	return s.snap.evidence[id]
}

// evidenceChanged shows a change to an entry's evidence in its row and in
// the open dialog.
func (s *roadmapScreen) evidenceChanged(id string) {
	if i, ok := s.rowOf[id]; ok {
		if r := s.rowView(i); r != nil {
			s.updateRow(i, r)
		}
	}
	if d := s.evidence; d != nil && !d.closed && d.entry.Item.ID == id {
		d.refreshList()
	}
}

// named words an error for the user: the entry's id, which the store's
// messages carry, is replaced by its title. The error still wraps its
// cause.
func (s *roadmapScreen) named(err error, id string) error {
	return namedErr(err, id, s.titleOf(id))
}

// namedErr is err with the entry it failed on named by its quoted title
// instead of its id: the store names entries by id (tracker.EntryError),
// the window by title.
func namedErr(err error, id, title string) error {
	if id == "" || title == id {
		return err
	}
	return tracker.Renamed(err, id, strconv.Quote(title))
}

// onSearch lists every entry of every stage whose title or group contains
// the text, in roadmap order; an empty text shows the stage again.
func (s *roadmapScreen) onSearch(text string) {
	q := strings.ToLower(strings.TrimSpace(text))
	s.results = s.results[:0]
	if q == "" {
		if s.resultList.Visible() {
			s.resultList.Hide()
			s.resultNote.Hide()
			s.list.Show()
			s.right.Refresh()
		}
		return
	}
	for i, h := range s.index {
		if strings.Contains(h.hay, q) {
			s.results = append(s.results, i)
		}
	}
	switch len(s.results) {
	case 0:
		s.resultNote.SetText(fmt.Sprintf("Nothing matches %q.", strings.TrimSpace(text)))
	case 1:
		s.resultNote.SetText("1 match across all stages. Enter, or choose it, to go there.")
	default:
		s.resultNote.SetText(fmt.Sprintf("%d matches across all stages. Enter goes to the first; choose one to go there.", len(s.results)))
	}
	s.applyResultHeights()
	if !s.resultList.Visible() {
		s.resultNote.Show()
		s.list.Hide()
		s.resultList.Show()
		s.right.Refresh()
	}
	s.resultList.UnselectAll()
	s.resultList.Refresh()
	s.resultList.ScrollToTop()
}

// onSearchSubmitted goes to the first match when Enter is pressed in the
// search box.
func (s *roadmapScreen) onSearchSubmitted(string) {
	if len(s.results) > 0 {
		s.onResultChosen(0)
	}
}

func createResultRow() fyne.CanvasObject {
	return &widget.RichText{Wrapping: fyne.TextWrapWord, Scroll: fyne.ScrollNone}
}

// resultSegments is the text of a search result: the entry's title, and
// below it where it is.
func (s *roadmapScreen) resultSegments(h searchHit) []widget.RichTextSegment {
	// Smaller, not paler: a pale line is hard to read in the light theme.
	where := widget.RichTextStyleParagraph
	where.SizeName = theme.SizeNameCaptionText
	return []widget.RichTextSegment{
		&widget.TextSegment{Text: h.entry.Item.Title, Style: widget.RichTextStyleParagraph},
		&widget.TextSegment{Text: s.whereText(h), Style: where},
	}
}

func (s *roadmapScreen) updateResult(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= len(s.results) {
		return
	}
	rt := o.(*widget.RichText)
	rt.Segments = s.resultSegments(s.index[s.results[i]])
	rt.Refresh()
}

// resultList is the list of search results; a new width wraps them
// differently.
type resultList struct {
	widget.List
	screen *roadmapScreen
	width  float32
}

// Resize gives the results the heights they need at the new width.
func (l *resultList) Resize(size fyne.Size) {
	changed := size.Width != l.width
	l.width = size.Width
	l.List.Resize(size)
	if changed && l.screen.applyResultHeights() {
		l.Refresh()
	}
}

// applyResultHeights gives each result the height its wrapped text needs
// and reports whether any changed.
func (s *roadmapScreen) applyResultHeights() bool {
	width := s.resultList.width
	if width <= 0 {
		width = s.right.Size().Width
	}
	if width <= 0 {
		return false
	}
	changed := false
	for i, r := range s.results {
		h := textHeight(s.measure, s.resultSegments(s.index[r]), width)
		for len(s.resultSizes) <= i {
			s.resultSizes = append(s.resultSizes, 0)
		}
		if s.resultSizes[i] != h {
			s.resultSizes[i] = h
			s.resultList.SetItemHeight(i, h)
			changed = true
		}
	}
	return changed
}

// whereText says where a search hit is shown: its stage, and its group,
// branch, or that it is a criterion or the milestone.
func (s *roadmapScreen) whereText(h searchHit) string {
	stage := ""
	if h.stage >= 0 && h.stage < len(s.rm.Stages) {
		stage = "Stage: " + s.rm.Stages[h.stage].Title
	}
	switch h.entry.Kind {
	case roadmap.KindBranchItem:
		if b := s.rm.Branch(h.entry.Branch); b != nil {
			return stage + " › Branch: " + b.Title
		}
	case roadmap.KindCriterion:
		return stage + " › Ready for the next level"
	case roadmap.KindMilestone:
		return stage + " › Key milestone"
	case roadmap.KindSkill:
		if h.entry.GroupTitle != "" {
			return stage + " › Group: " + h.entry.GroupTitle
		}
	}
	return stage
}

func (s *roadmapScreen) onResultChosen(i widget.ListItemID) {
	if i < 0 || i >= len(s.results) {
		return
	}
	id := s.index[s.results[i]].entry.Item.ID
	s.resultList.UnselectAll()
	s.showItem(id)
}

// showItem clears the search, shows the entry's stage with the filter reset
// when it would hide the entry, scrolls to the entry and puts the keyboard
// focus on it. The list is laid out once.
func (s *roadmapScreen) showItem(id string) {
	if !s.have {
		return
	}
	if cur := s.rm.Resolve(id); cur != "" {
		id = cur
	}
	st, ok := s.stageOf[id]
	if !ok {
		return
	}
	if s.search.Text != "" {
		s.search.Text = ""
		s.search.Refresh()
		s.onSearch("")
	}
	if !s.visible(s.state(id)) {
		s.filter = filterAll
		s.filterRadio.Selected = filterAll
		s.filterRadio.Refresh()
	}
	s.focusID = id
	if st != s.stage {
		s.stage = st
		s.showStage()
	} else {
		s.setRows()
	}
	if i, ok := s.rowOf[id]; ok {
		s.focusRow = i
		s.reveal(i)
		s.list.Select(i)
		s.focusCell(i, colCheck)
	}
}

// focusSearch puts the keyboard focus in the search box.
func (s *roadmapScreen) focusSearch() {
	if c := s.canvas(); c != nil {
		c.Focus(s.search)
	}
}

// stagePicker is the stage picker: a select whose chosen stage and its
// progress wrap onto more lines in a narrow left panel instead of being cut
// short.
type stagePicker struct {
	widget.Select
	// grew is called when the text takes another number of lines, so that
	// the panel gives the picker its new height.
	grew func()
}

// CreateRenderer is the select's, with its text wrapping.
func (p *stagePicker) CreateRenderer() fyne.WidgetRenderer {
	p.ExtendBaseWidget(p)
	r := &stagePickerRenderer{WidgetRenderer: p.Select.CreateRenderer(), picker: p}
	for _, o := range r.Objects() {
		if rt, ok := o.(*widget.RichText); ok {
			rt.Truncation, rt.Wrapping = fyne.TextTruncateOff, fyne.TextWrapWord
			r.label = rt
		}
	}
	return r
}

type stagePickerRenderer struct {
	fyne.WidgetRenderer
	picker *stagePicker
	label  *widget.RichText
	height float32 // the text's height at the last layout
}

// Layout wraps the text at the width the select gives it, then lays the
// select out.
func (r *stagePickerRenderer) Layout(size fyne.Size) {
	if r.label != nil {
		th := r.picker.Theme()
		w := size.Width - th.Size(theme.SizeNameInlineIcon) - th.Size(theme.SizeNameInnerPadding) - th.Size(theme.SizeNamePadding)
		r.label.Resize(fyne.NewSize(max(w, 1), r.label.MinSize().Height))
	}
	r.WidgetRenderer.Layout(size)
	if r.label == nil {
		return
	}
	if h := r.label.MinSize().Height; h != r.height {
		first := r.height == 0
		r.height = h
		if !first && r.picker.grew != nil {
			r.picker.grew()
		}
	}
}

// Refresh redraws the select and lays it out again for a new text.
func (r *stagePickerRenderer) Refresh() {
	r.WidgetRenderer.Refresh()
	r.Layout(r.picker.Size())
}
