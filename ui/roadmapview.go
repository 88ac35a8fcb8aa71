package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
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
	stageBar    *shareBar
	stageCount  *widget.Label
	markButton  *widget.Button
	stepMenu    *widget.PopUpMenu // the menu of steps last opened
	stepItems   *fyne.Menu        // and its items
	duties      *widget.Label
	filterRadio *widget.RadioGroup
	search      *widget.Entry
	list        *rmList
	resultList  *resultList
	resultNote  *widget.Label
	resultBox   *fyne.Container // the note above the results
	// body holds the list or, while a search is open, resultBox in its
	// place (see showResults).
	body *fyne.Container
	// listThemed notes the theme changes the list missed while out of body.
	listThemed  themeFollower
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
	s.stageSelect.grew = func() { layOut(s.left) }
	s.stageInfo = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.stageBar = newShareBar(1)
	s.stageCount = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.markButton = s.newMarkButton()
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

	dutiesTitle := &widget.Label{Text: "What you do", TextStyle: fyne.TextStyle{Bold: true}}
	s.left = container.NewBorder(
		container.NewVBox(s.stageSelect, s.stageInfo, s.stageBar, s.stageCount, s.markButton, widget.NewSeparator(), dutiesTitle),
		nil, nil, nil,
		container.NewVScroll(s.duties),
	)
	// The objects are in Tab order: the filter, the search box, then the
	// list (a border layout doesn't care about their order).
	bar := &fyne.Container{Layout: layout.NewBorderLayout(nil, nil, s.filterRadio, nil), Objects: []fyne.CanvasObject{s.filterRadio, s.search}}
	// The search's results and their note take the list's place, so that
	// going to a result shows the list at the size it had: laid out
	// again, it would make rows for its new height and refresh them all.
	s.resultBox = container.NewBorder(s.resultNote, nil, nil, nil, s.resultList)
	s.body = container.NewStack(s.list)
	s.right = &fyne.Container{Layout: layout.NewBorderLayout(bar, nil, nil, nil), Objects: []fyne.CanvasObject{bar, s.body}}
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
	setEnabled(s.markButton, !snap.readOnly)
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

// state returns an entry's state as shown: a change waiting for the store,
// else the snapshot's.
func (s *roadmapScreen) state(id string) tracker.ItemState {
	if p, ok := s.pending[id]; ok {
		return p.state
	}
	return s.states.State(id)
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
	// Built once, then shown again for each entry.
	if s.evidence == nil {
		s.evidence = newEvidenceDialog(s.store, s.env, s.notes)
	}
	s.evidence.open(e, s.snap.readOnly)
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
