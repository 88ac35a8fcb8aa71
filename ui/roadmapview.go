package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
	hay   string // lower-case title and id
}

// pendingState is a change shown on screen before the store confirmed it.
type pendingState struct {
	state    tracker.ItemState
	inflight int // writes not yet answered
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
	// ids, so that progress recorded under a former id shows.
	states map[string]tracker.ItemState

	// Per roadmap: what each stage shows, and the search index. Rebuilt
	// only when the roadmap changes.
	rm      *roadmap.Roadmap
	groups  [][]rmGroup // per stage
	stageOf map[string]int
	index   []searchHit

	// Per snapshot and stage: the rows of the list.
	stage    int
	filter   string
	rows     []rmRow
	rowOf    map[string]int
	pending  map[string]*pendingState
	results  []int // positions in index
	evidence *evidenceDialog

	stageSelect *widget.Select
	stageInfo   *widget.Label
	stageBar    *widget.ProgressBar
	stageCount  *widget.Label
	duties      *widget.Label
	filterRadio *widget.RadioGroup
	search      *widget.Entry
	list        *widget.List
	resultList  *widget.List
	resultNote  *widget.Label
	left        *fyne.Container
	right       *fyne.Container
	root        fyne.CanvasObject
}

// newRoadmapScreen builds the Roadmap screen; it shows nothing until its
// first update.
func newRoadmapScreen(st roadmapStore, e *env) *roadmapScreen {
	s := &roadmapScreen{env: e, store: st, filter: filterAll, pending: map[string]*pendingState{}}
	s.stageSelect = &widget.Select{PlaceHolder: "Choose a stage", OnChanged: s.onStageChosen}
	s.stageSelect.ExtendBaseWidget(s.stageSelect)
	s.stageInfo = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.stageBar = newShareBar(1)
	s.stageBar.ExtendBaseWidget(s.stageBar)
	s.stageCount = &widget.Label{}
	s.duties = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.filterRadio = &widget.RadioGroup{
		Options:    []string{filterAll, filterTodo, filterDone},
		Horizontal: true,
		Required:   true,
		Selected:   filterAll,
		OnChanged:  s.onFilter,
	}
	s.filterRadio.ExtendBaseWidget(s.filterRadio)
	s.search = &widget.Entry{PlaceHolder: "Search every stage (Ctrl+F)", OnChanged: s.onSearch}
	s.search.ExtendBaseWidget(s.search)
	s.list = &widget.List{Length: s.rowCount, CreateItem: s.createRow, UpdateItem: s.updateRow}
	s.list.ExtendBaseWidget(s.list)
	s.resultList = &widget.List{Length: func() int { return len(s.results) }, CreateItem: createResultRow, UpdateItem: s.updateResult, OnSelected: s.onResultChosen}
	s.resultList.ExtendBaseWidget(s.resultList)
	s.resultNote = &widget.Label{}
	s.resultList.Hide()
	s.resultNote.Hide()

	dutiesTitle := &widget.Label{Text: "What you do", TextStyle: fyne.TextStyle{Bold: true}}
	s.left = container.NewBorder(
		container.NewVBox(s.stageSelect, s.stageInfo, s.stageBar, s.stageCount, widget.NewSeparator(), dutiesTitle),
		nil, nil, nil,
		container.NewVScroll(s.duties),
	)
	top := container.NewBorder(nil, nil, s.filterRadio, nil, s.search)
	s.right = container.NewBorder(
		container.NewVBox(top, s.resultNote), nil, nil, nil,
		container.NewStack(s.list, s.resultList),
	)
	split := container.NewHSplit(s.left, s.right)
	split.Offset = 0.3
	s.root = split
	return s
}

func (s *roadmapScreen) content() fyne.CanvasObject { return s.root }

// update shows a new snapshot: it keeps the chosen stage, filter and search,
// and drops the on-screen changes the store has confirmed.
func (s *roadmapScreen) update(snap snapshot) {
	first := !s.have || s.rm != snap.rm
	s.snap, s.have = snap, true
	for id, p := range s.pending {
		if p.inflight == 0 {
			delete(s.pending, id)
		}
	}
	if first {
		s.indexRoadmap(snap.rm)
		s.stage = max(snap.rm.StageIndex(snap.progress.Profile.Stage), 0)
	}
	s.states = currentStates(snap.rm, snap.progress.Items)
	s.groups = s.stageGroups(snap.rm, snap.progress.Profile)
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
	branchStage := len(rm.Stages) - 1
	for i := range rm.Stages {
		if rm.Stages[i].BranchSkills {
			branchStage = i
			break
		}
	}
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
		s.index = append(s.index, searchHit{entry: e, stage: st, hay: strings.ToLower(e.Item.Title + " " + e.Item.ID)})
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
	branchStage := -1
	for i := range rm.Stages {
		if rm.Stages[i].BranchSkills {
			branchStage = i
			break
		}
	}
	if branchStage < 0 && len(rm.Branches) > 0 {
		branchStage = len(rm.Stages) - 1
	}
	for i := range rm.Stages {
		st := &rm.Stages[i]
		var gs []rmGroup
		for _, g := range st.Skills {
			grp := rmGroup{title: g.Title, entries: byGroup[st.ID+"\x00"+g.ID]}
			if g.Track != "" && g.Track != prof.Track {
				grp.note = trackName(rm, g.Track) + " track only: doesn't count for you"
				grp.tag = "not your track"
			}
			gs = append(gs, grp)
		}
		if i == branchStage {
			gs = append(gs, branchGroups(rm, prof, byBranch)...)
		}
		if len(st.Criteria) > 0 {
			grp := rmGroup{title: "Ready for the next level"}
			for _, it := range st.Criteria {
				grp.entries = append(grp.entries, roadmap.Entry{Item: it, Kind: roadmap.KindCriterion, Stage: st.ID})
			}
			gs = append(gs, grp)
		}
		if st.Milestone.ID != "" {
			gs = append(gs, rmGroup{title: "Key milestone", entries: []roadmap.Entry{{Item: st.Milestone, Kind: roadmap.KindMilestone, Stage: st.ID}}})
		}
		out[i] = gs
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

// state returns an entry's state as shown: a change waiting for the store,
// else the snapshot's.
func (s *roadmapScreen) state(id string) tracker.ItemState {
	if p, ok := s.pending[id]; ok {
		return p.state
	}
	if st, ok := s.states[id]; ok {
		return st
	}
	return tracker.ItemState{ID: id}
}

// currentStates maps item states to the roadmap's current ids: a state
// recorded under a former id counts for the entry unless the entry has its
// own. States of ids the roadmap doesn't know are left out.
func currentStates(rm *roadmap.Roadmap, items map[string]tracker.ItemState) map[string]tracker.ItemState {
	out := make(map[string]tracker.ItemState, len(items))
	for id, st := range items {
		cur := rm.Resolve(id)
		if cur == "" {
			continue
		}
		if _, own := items[cur]; own && cur != id {
			continue
		}
		st.ID = cur
		out[cur] = st
	}
	return out
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
	s.stageSelect.Options = opts
	if s.stage < len(opts) {
		s.stageSelect.Selected = opts[s.stage]
	}
	s.stageSelect.Refresh()

	if s.stage < len(rm.Stages) {
		st := &rm.Stages[s.stage]
		info := formatYears(st.Years) + " · " + formatBand(st.Salary.Band(prof.Region), prof.Region)
		if st.ID == prof.Stage {
			info = "Your stage · " + info
		}
		if st.Summary != "" {
			info += "\n" + st.Summary
		}
		s.stageInfo.SetText(info)
		done, total := s.stageProgress(st.ID)
		ratio := 0.0
		if total > 0 {
			ratio = float64(done) / float64(total)
		}
		s.stageBar.SetValue(ratio)
		s.stageCount.SetText(fmt.Sprintf("%d of %d that count here are done", done, total))
		var b strings.Builder
		for _, r := range st.Responsibilities {
			b.WriteString("• " + r + "\n")
		}
		s.duties.SetText(strings.TrimSuffix(b.String(), "\n"))
	}
	s.left.Refresh()
	s.buildRows()
	s.list.Refresh()
}

// stageProgress counts the done entries of a stage that count for the user,
// and how many count (not skipped).
func (s *roadmapScreen) stageProgress(stage string) (done, total int) {
	for _, e := range tracker.ActiveEntries(s.snap.rm, s.snap.progress.Profile, stage) {
		st := s.state(e.Item.ID)
		if st.Skipped {
			continue
		}
		total++
		if st.Done() {
			done++
		}
	}
	return done, total
}

func (s *roadmapScreen) onStageChosen(string) {
	i := s.stageSelect.SelectedIndex()
	if i < 0 || i == s.stage || !s.have {
		return
	}
	s.stage = i
	s.showStage()
	s.list.UnselectAll()
	s.list.ScrollToTop()
}

func (s *roadmapScreen) onFilter(f string) {
	if f == "" || f == s.filter {
		return
	}
	s.filter = f
	if s.have {
		s.buildRows()
		s.list.UnselectAll()
		s.list.Refresh()
	}
}

func (s *roadmapScreen) rowCount() int { return len(s.rows) }

// rmRowView is the widget of one row of the item list: a header, a note or
// an entry with its controls.
type rmRowView struct {
	widget.BaseWidget
	screen   *roadmapScreen
	id       string
	binding  bool // true while update fills the widgets, to ignore their callbacks
	header   *widget.Label
	check    *widget.Check
	title    *widget.Label
	tag      *widget.Label
	date     *widget.Label
	level    *widget.Select
	na       *widget.Check
	evidence *widget.Button
	item     *fyne.Container
}

// levelNames are the choices of the level Select, in Level order.
var levelNames = func() []string {
	out := make([]string, tracker.MaxLevel+1)
	for l := tracker.NotStarted; l <= tracker.MaxLevel; l++ {
		out[l] = l.String()
	}
	return out
}()

func (s *roadmapScreen) createRow() fyne.CanvasObject {
	r := &rmRowView{screen: s}
	r.header = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	r.check = widget.NewCheck("", r.onCheck)
	r.title = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	r.tag = &widget.Label{Importance: widget.WarningImportance}
	r.date = &widget.Label{}
	r.level = widget.NewSelect(levelNames, r.onLevel)
	r.na = widget.NewCheck("N/A", r.onSkip)
	r.evidence = &widget.Button{Icon: theme.DocumentIcon(), Importance: widget.LowImportance, OnTapped: r.onEvidence}
	r.evidence.ExtendBaseWidget(r.evidence)
	controls := container.NewHBox(r.tag, r.date, r.level, r.na, r.evidence)
	r.item = container.NewBorder(nil, nil, r.check, controls, r.title)
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer shows the header and the entry controls on top of each
// other; update hides the one not in use.
func (r *rmRowView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(r.header, r.item))
}

func (s *roadmapScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*rmRowView)
	if i < 0 || i >= len(s.rows) {
		return
	}
	row := s.rows[i]
	r.binding = true
	defer func() { r.binding = false }()
	if row.kind != rowItem {
		r.id = ""
		r.header.TextStyle = fyne.TextStyle{Bold: row.kind == rowHeader}
		r.header.SetText(row.text)
		r.header.Show()
		r.item.Hide()
		return
	}
	e := row.entry
	st := s.state(e.Item.ID)
	r.id = e.Item.ID
	r.header.Hide()
	r.item.Show()

	r.title.SetText(e.Item.Title)
	r.check.SetChecked(st.Level >= tracker.Proficient)
	skillLike := e.Kind == roadmap.KindSkill || e.Kind == roadmap.KindBranchItem
	if skillLike {
		r.level.SetSelectedIndex(int(min(max(st.Level, tracker.NotStarted), tracker.MaxLevel)))
		r.level.Show()
		r.na.SetChecked(st.Skipped)
		r.na.Show()
		r.date.Hide()
	} else {
		r.level.Hide()
		r.na.Hide()
		if st.Level >= tracker.Proficient && !st.Date.IsZero() {
			r.date.SetText("confirmed " + formatDay(st.Date))
		} else {
			r.date.SetText("not confirmed")
		}
		r.date.Show()
	}
	if row.tag != "" {
		r.tag.SetText(row.tag)
		r.tag.Show()
	} else {
		r.tag.Hide()
	}
	r.evidence.SetText(fmt.Sprintf("%d", s.snap.evidence[e.Item.ID]))
	if s.snap.readOnly {
		r.check.Disable()
		r.level.Disable()
		r.na.Disable()
	} else {
		r.na.Enable()
		if st.Skipped {
			r.check.Disable()
			r.level.Disable()
		} else {
			r.check.Enable()
			r.level.Enable()
		}
	}
}

func (r *rmRowView) onCheck(on bool) {
	if r.binding || r.id == "" {
		return
	}
	l := tracker.NotStarted
	if on {
		l = tracker.Proficient
	}
	r.screen.setLevel(r.id, l)
}

func (r *rmRowView) onLevel(string) {
	if r.binding || r.id == "" {
		return
	}
	if i := r.level.SelectedIndex(); i >= 0 {
		r.screen.setLevel(r.id, tracker.Level(i))
	}
}

func (r *rmRowView) onSkip(on bool) {
	if r.binding || r.id == "" {
		return
	}
	r.screen.setSkipped(r.id, on)
}

func (r *rmRowView) onEvidence() {
	if r.id != "" {
		r.screen.openEvidence(r.id)
	}
}

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
	s.refreshShown()
	s.env.async(save, func(err error) {
		p.inflight--
		if err != nil {
			if s.pending[id] == p {
				delete(s.pending, id)
			}
			s.refreshShown()
			s.env.showError(fmt.Errorf("couldn't save %q, so it was put back: %w", s.titleOf(id), err))
			return
		}
		s.env.changed()
	})
}

// refreshShown redraws the stage counts and the visible rows after an
// on-screen change, keeping rows in place even if the filter would now hide
// them (they go at the next reload).
func (s *roadmapScreen) refreshShown() {
	if !s.have {
		return
	}
	for i, row := range s.rows {
		if row.kind == rowHeader && s.stage < len(s.groups) && row.group < len(s.groups[s.stage]) {
			s.rows[i].text = s.groupHeader(s.groups[s.stage][row.group])
		}
	}
	s.list.Refresh()
}

// groupHeader is the header text of group g of the chosen stage: its
// title, progress, and why it does not count.
func (s *roadmapScreen) groupHeader(g rmGroup) string {
	done, total := 0, 0
	for _, e := range g.entries {
		st := s.state(e.Item.ID)
		if !st.Skipped {
			total++
			if st.Done() {
				done++
			}
		}
	}
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
	s.evidence = showEvidence(s.store, s.env, e, s.snap.readOnly)
}

// onSearch lists every entry of every stage whose title or id contains the
// text, in roadmap order; an empty text shows the stage again.
func (s *roadmapScreen) onSearch(text string) {
	q := strings.ToLower(strings.TrimSpace(text))
	s.results = s.results[:0]
	if q == "" {
		s.resultList.Hide()
		s.resultNote.Hide()
		s.list.Show()
		s.right.Refresh()
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
		s.resultNote.SetText("1 match across all stages; choose it to go there.")
	default:
		s.resultNote.SetText(fmt.Sprintf("%d matches across all stages; choose one to go there.", len(s.results)))
	}
	s.resultNote.Show()
	s.list.Hide()
	s.resultList.Show()
	s.resultList.UnselectAll()
	s.right.Refresh()
	s.resultList.ScrollToTop()
}

func createResultRow() fyne.CanvasObject {
	title := &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	where := &widget.Label{Importance: widget.HighImportance}
	return container.NewBorder(nil, nil, nil, where, title)
}

func (s *roadmapScreen) updateResult(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= len(s.results) {
		return
	}
	h := s.index[s.results[i]]
	c := o.(*fyne.Container)
	title := c.Objects[0].(*widget.Label)
	where := c.Objects[1].(*widget.Label)
	title.SetText(h.entry.Item.Title + "  (" + h.entry.Item.ID + ")")
	where.SetText(s.whereText(h))
}

// whereText says where a search hit is shown: its stage, and its group or
// branch.
func (s *roadmapScreen) whereText(h searchHit) string {
	stage := ""
	if h.stage >= 0 && h.stage < len(s.rm.Stages) {
		stage = s.rm.Stages[h.stage].Title
	}
	switch h.entry.Kind {
	case roadmap.KindBranchItem:
		if b := s.rm.Branch(h.entry.Branch); b != nil {
			return stage + " · branch: " + b.Title
		}
	case roadmap.KindCriterion:
		return stage + " · criterion"
	case roadmap.KindMilestone:
		return stage + " · milestone"
	case roadmap.KindSkill:
		if h.entry.GroupTitle != "" {
			return stage + " · " + h.entry.GroupTitle
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
// when it would hide the entry, scrolls to the entry and highlights it.
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
		s.search.SetText("")
	}
	if !s.visible(s.state(id)) {
		s.filter = filterAll
		s.filterRadio.SetSelected(filterAll)
	}
	if st != s.stage {
		s.stage = st
		s.showStage()
	} else {
		s.buildRows()
		s.list.Refresh()
	}
	if i, ok := s.rowOf[id]; ok {
		s.list.ScrollTo(i)
		s.list.Select(i)
	}
}

// focusSearch puts the keyboard focus in the search box.
func (s *roadmapScreen) focusSearch() {
	if c := s.env.win.Canvas(); c != nil {
		c.Focus(s.search)
	}
}
