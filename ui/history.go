package ui

import (
	"encoding/json"
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

// historyStore is what the History screen needs of the store.
type historyStore interface {
	Events(since time.Time) ([]tracker.Event, error)
	CheckIns() ([]tracker.CheckIn, error)
}

// historyScreen shows readiness over time, the recent changes in words, the
// check-ins and the difference between any two of them.
type historyScreen struct {
	store historyStore
	e     *env

	snap snapshot
	// gen counts loads, so that a slow load finishing after a newer one
	// is dropped.
	gen int

	chart   *readinessChart
	summary *widget.Label

	// events is the log newest first; byID finds an event an undo names,
	// undone holds the ids of events that were undone.
	events     []tracker.Event
	byID       map[int64]tracker.Event
	undone     map[int64]bool
	changeList *widget.List

	checkins    []tracker.CheckIn // newest first
	checkinList *widget.List

	fromSelect *widget.Select
	toSelect   *widget.Select
	diffScore  *widget.Label
	diffRows   []historyLine
	diffList   *widget.List

	root fyne.CanvasObject
}

// newHistoryScreen builds the History screen; update loads and fills it.
func newHistoryScreen(store historyStore, e *env) *historyScreen {
	s := &historyScreen{store: store, e: e}
	s.chart = newReadinessChart()
	s.summary = &widget.Label{Wrapping: fyne.TextWrapWord}

	s.changeList = widget.NewList(s.changeCount, historyPair, s.showChange)
	s.checkinList = widget.NewList(
		func() int { return len(s.checkins) }, historyRow,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(s.checkinText(s.checkins[i]))
		})
	s.diffList = widget.NewList(
		func() int { return len(s.diffRows) }, historyPair,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			setHistoryPair(o, s.diffRows[i].subject, s.diffRows[i].change)
		})

	s.fromSelect = &widget.Select{PlaceHolder: "(earlier check-in)", OnChanged: func(string) { s.showDiff() }}
	s.toSelect = &widget.Select{PlaceHolder: "(later check-in)", OnChanged: func(string) { s.showDiff() }}
	s.diffScore = &widget.Label{Wrapping: fyne.TextWrapWord}

	compare := container.NewBorder(
		container.NewVBox(
			historyHeading("Compare two check-ins"),
			container.NewGridWithColumns(2, s.fromSelect, s.toSelect),
			s.diffScore,
		), nil, nil, nil, s.diffList)
	split := container.NewVSplit(s.checkinList, compare)
	split.Offset = 0.3
	checkins := container.NewBorder(historyHeading("Check-ins"), nil, nil, nil, split)
	changes := container.NewBorder(historyHeading("Recent changes"), nil, nil, nil, s.changeList)
	top := container.NewVBox(historyHeading("Readiness for the next level over time"), s.summary, s.chart)
	s.root = container.NewPadded(container.NewBorder(top, nil, nil, nil,
		container.NewGridWithColumns(2, changes, checkins)))
	return s
}

// content returns the screen's widgets.
func (s *historyScreen) content() fyne.CanvasObject { return s.root }

// update loads the event log and the check-ins for a new snapshot off the
// UI goroutine, then shows them.
func (s *historyScreen) update(snap snapshot) {
	s.snap = snap
	s.gen++
	gen := s.gen
	var (
		events   []tracker.Event
		checkins []tracker.CheckIn
		points   []tracker.Point
	)
	s.e.async(func() error {
		var err error
		if events, err = s.store.Events(time.Time{}); err != nil {
			return fmt.Errorf("load the history of changes: %w", err)
		}
		if checkins, err = s.store.CheckIns(); err != nil {
			return fmt.Errorf("load the check-ins: %w", err)
		}
		points = tracker.History(snap.rm, events, snap.today)
		return nil
	}, func(err error) {
		if gen != s.gen {
			return
		}
		if err != nil {
			s.e.showError(err)
			return
		}
		s.show(events, checkins, points)
	})
}

// show puts loaded data on screen. events and checkins come oldest first.
func (s *historyScreen) show(events []tracker.Event, checkins []tracker.CheckIn, points []tracker.Point) {
	s.chart.setPoints(points)
	switch n := len(points); n {
	case 0:
		s.summary.SetText("")
	default:
		first, last := points[0], points[n-1]
		if n == 1 {
			s.summary.SetText(fmt.Sprintf("Readiness %.1f on %s.", last.Score, last.At.Format("2006-01-02")))
			break
		}
		s.summary.SetText(fmt.Sprintf("Readiness %.1f on %s, from %.1f on %s.",
			last.Score, last.At.Format("2006-01-02"), first.Score, first.At.Format("2006-01-02")))
	}

	s.byID = make(map[int64]tracker.Event, len(events))
	s.undone = map[int64]bool{}
	s.events = make([]tracker.Event, len(events))
	for i, ev := range events {
		s.events[len(events)-1-i] = ev
		s.byID[ev.ID] = ev
		if ev.Kind == tracker.EventUndo {
			if id, err := strconv.ParseInt(ev.Target, 10, 64); err == nil {
				s.undone[id] = true
			}
		}
	}
	s.changeList.Refresh()

	prevFrom, prevTo := s.fromSelect.Selected, s.toSelect.Selected
	s.checkins = make([]tracker.CheckIn, len(checkins))
	names := make([]string, len(checkins))
	for i, c := range checkins {
		s.checkins[len(checkins)-1-i] = c
		names[len(checkins)-1-i] = checkInName(c)
	}
	s.checkinList.Refresh()

	// Keep the user's pair when both still exist, else compare the
	// latest check-in with the one before it.
	from, to := "", ""
	if len(names) >= 2 {
		from, to = names[1], names[0]
	}
	if slices.Contains(names, prevFrom) && slices.Contains(names, prevTo) {
		from, to = prevFrom, prevTo
	}
	onFrom, onTo := s.fromSelect.OnChanged, s.toSelect.OnChanged
	s.fromSelect.OnChanged, s.toSelect.OnChanged = nil, nil
	s.fromSelect.SetOptions(names)
	s.toSelect.SetOptions(names)
	s.fromSelect.Selected, s.toSelect.Selected = from, to
	s.fromSelect.Refresh()
	s.toSelect.Refresh()
	s.fromSelect.OnChanged, s.toSelect.OnChanged = onFrom, onTo
	s.showDiff()
}

// showDiff lists what changed between the two chosen check-ins.
func (s *historyScreen) showDiff() {
	s.diffRows = nil
	defer s.diffList.Refresh()
	if len(s.checkins) < 2 {
		s.diffScore.SetText("Check in at least twice (on the Dashboard) to compare two check-ins.")
		return
	}
	i, j := s.fromSelect.SelectedIndex(), s.toSelect.SelectedIndex()
	if i < 0 || j < 0 {
		s.diffScore.SetText("Choose two check-ins to compare.")
		return
	}
	a, b := s.checkins[i], s.checkins[j]
	text := fmt.Sprintf("Readiness %.1f ⟶ %.1f (%+.1f).", a.Score, b.Score, b.Score-a.Score)
	if a.Stage != b.Stage {
		text += fmt.Sprintf(" Stage %s ⟶ %s.", stageName(s.snap.rm, a.Stage), stageName(s.snap.rm, b.Stage))
	}
	changes := tracker.DiffCheckIns(a, b)
	switch len(changes) {
	case 0:
		text += " No item changed."
	case 1:
		text += " 1 item changed:"
	default:
		text += fmt.Sprintf(" %d items changed:", len(changes))
	}
	s.diffScore.SetText(text)
	for _, c := range changes {
		kind := ""
		if e, ok := lookupEntry(s.snap.rm, c.ID); ok {
			kind = e.Kind
		}
		s.diffRows = append(s.diffRows, historyLine{
			itemName(s.snap.rm, c.ID), stateWords(c.From, kind) + " ⟶ " + stateWords(c.To, kind)})
	}
}

func (s *historyScreen) changeCount() int { return len(s.events) }

func (s *historyScreen) showChange(i widget.ListItemID, o fyne.CanvasObject) {
	ev := s.events[i]
	l := describeChange(s.snap.rm, ev, s.byID)
	if s.undone[ev.ID] {
		l.change += " (undone)"
	}
	setHistoryPair(o, ev.At.Format("2006-01-02")+" · "+l.subject, l.change)
}

func (s *historyScreen) checkinText(c tracker.CheckIn) string {
	return fmt.Sprintf("%s · %s · %.1f (%s)", checkInName(c), stageName(s.snap.rm, c.Stage), c.Score, c.Verdict)
}

// historyRow is the template of a one-line row of the History screen's
// lists.
func historyRow() fyne.CanvasObject {
	return &widget.Label{Text: "2026-01-01 template row", Truncation: fyne.TextTruncateEllipsis}
}

// historyPair is the template of a two-line row: what changed, in bold, and
// how it changed under it, so that the change stays readable when a long
// title is cut short.
func historyPair() fyne.CanvasObject {
	return container.New(layout.NewCustomPaddedVBoxLayout(0),
		&widget.Label{Text: "2026-01-01 template row", TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis},
		&widget.Label{Text: "not started ⟶ proficient", Truncation: fyne.TextTruncateEllipsis},
	)
}

// setHistoryPair fills a row made by historyPair.
func setHistoryPair(o fyne.CanvasObject, subject, change string) {
	c := o.(*fyne.Container)
	c.Objects[0].(*widget.Label).SetText(subject)
	c.Objects[1].(*widget.Label).SetText(change)
}

// historyHeading is a section heading of the History screen.
func historyHeading(text string) fyne.CanvasObject {
	return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
}

// checkInName names a check-in in a list or a choice: "#3 Q4 review (2026-11-20)".
func checkInName(c tracker.CheckIn) string {
	name := "#" + strconv.FormatInt(c.ID, 10)
	if c.Label != "" {
		name += " " + c.Label
	}
	return name + " (" + c.At.Format("2006-01-02") + ")"
}

// historyLine is one change in words: what changed (an entry, a profile
// field) and how.
type historyLine struct{ subject, change string }

// String is the line as one sentence: "aws-iam (IAM): learning ⟶ proficient".
func (l historyLine) String() string { return l.subject + ": " + l.change }

// changeWords describes one event of the log in the user's words, without
// its date: "aws-iam (IAM): practising ⟶ proficient". byID lets an undo
// name the change it reverted; it may be nil.
func changeWords(rm *roadmap.Roadmap, ev tracker.Event, byID map[int64]tracker.Event) string {
	return describeChange(rm, ev, byID).String()
}

// describeChange is changeWords in two parts.
//
// The arrow is U+27F6: Fyne 2.8's text shaping draws a replacement glyph
// after U+2192 when a space follows it.
func describeChange(rm *roadmap.Roadmap, ev tracker.Event, byID map[int64]tracker.Event) historyLine {
	switch ev.Kind {
	case tracker.EventLevel:
		kind := ""
		if e, ok := lookupEntry(rm, ev.Target); ok {
			kind = e.Kind
		}
		return historyLine{itemName(rm, ev.Target), levelWords(ev.Old, kind) + " ⟶ " + levelWords(ev.New, kind)}
	case tracker.EventSkip:
		if ev.New == "true" {
			return historyLine{itemName(rm, ev.Target), "marked not applicable"}
		}
		return historyLine{itemName(rm, ev.Target), "counted again"}
	case tracker.EventProfile:
		return historyLine{"your " + profileFieldName(ev.Target),
			profileValue(rm, ev.Target, ev.Old) + " ⟶ " + profileValue(rm, ev.Target, ev.New)}
	case tracker.EventEvidence:
		what := "evidence edited"
		note := evidenceNote(ev.New)
		switch {
		case ev.Old == "":
			what = "evidence added"
		case ev.New == "":
			what, note = "evidence deleted", evidenceNote(ev.Old)
		}
		if note != "" {
			what += ": “" + note + "”"
		}
		return historyLine{itemName(rm, ev.Target), what}
	case tracker.EventUndo:
		id, err := strconv.ParseInt(ev.Target, 10, 64)
		if undone, ok := byID[id]; err == nil && ok && undone.Kind != tracker.EventUndo {
			l := describeChange(rm, undone, byID)
			l.subject = "undo of " + l.subject
			return l
		}
		return historyLine{"undo", "of change #" + ev.Target}
	case tracker.EventImport:
		return historyLine{"restored a backup", ev.Target}
	}
	return historyLine{ev.Kind + " " + ev.Target, ev.Old + " ⟶ " + ev.New}
}

// lookupEntry finds an entry; a nil roadmap knows none.
func lookupEntry(rm *roadmap.Roadmap, id string) (roadmap.Entry, bool) {
	if rm == nil {
		return roadmap.Entry{}, false
	}
	return rm.Lookup(id)
}

// itemName is "aws-iam (IAM)", or the id alone when the roadmap lacks it.
func itemName(rm *roadmap.Roadmap, id string) string {
	if e, ok := lookupEntry(rm, id); ok && e.Item.Title != "" {
		return id + " (" + e.Item.Title + ")"
	}
	return id
}

// levelWords turns a level as the event log stores it into words; criteria
// and milestones are confirmed or not.
func levelWords(s, kind string) string {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if s == "" {
		n, err = 0, nil
	}
	if err != nil {
		return s
	}
	l := tracker.Level(n)
	if kind == roadmap.KindCriterion || kind == roadmap.KindMilestone {
		if l >= tracker.Proficient {
			return "confirmed"
		}
		return "not confirmed"
	}
	return l.String()
}

// stateWords describes an item state of a check-in.
func stateWords(st tracker.ItemState, kind string) string {
	text := levelWords(strconv.Itoa(int(st.Level)), kind)
	if st.Skipped {
		text += ", not applicable"
	}
	return text
}

// profileFieldName is a profile field of the event log in words.
func profileFieldName(field string) string {
	switch field {
	case "stage_since":
		return "date entered the stage"
	case "career_start":
		return "career start"
	case "track_level":
		return "rung"
	}
	return field
}

// profileValue is a profile value of the event log in words: titles for
// stage, branch, track and rung ids, "none" when empty.
func profileValue(rm *roadmap.Roadmap, field, v string) string {
	if v == "" {
		return "none"
	}
	if rm == nil {
		return v
	}
	switch field {
	case "stage":
		return stageName(rm, v)
	case "branch":
		if b := rm.Branch(v); b != nil {
			return b.Title
		}
	case "track":
		if t := rm.Track(v); t != nil {
			return t.Title
		}
	case "track_level":
		for _, t := range rm.Tracks {
			for _, l := range t.Levels {
				if l.ID == v {
					return l.Title
				}
			}
		}
	case "region":
		return regionName(v)
	}
	return v
}

// stageName is a stage's title, or its id when the roadmap lacks it.
func stageName(rm *roadmap.Roadmap, id string) string {
	if rm != nil {
		if st := rm.Stage(id); st != nil {
			return st.Title
		}
	}
	return id
}

// evidenceNote is the note of evidence stored as JSON in the event log,
// shortened to one line.
func evidenceNote(s string) string {
	if s == "" {
		return ""
	}
	var ev tracker.Evidence
	if json.Unmarshal([]byte(s), &ev) != nil {
		return ""
	}
	note := strings.Join(strings.Fields(ev.Note), " ")
	if r := []rune(note); len(r) > 60 {
		note = string(r[:59]) + "…"
	}
	return note
}
