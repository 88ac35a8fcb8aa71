package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/words"
)

// stepStore is what marking a stage or a group done needs of the store:
// one step that one undo reverts.
type stepStore interface {
	MarkEntries(ids []string, done bool, date time.Time) (int, error)
}

// markButtonText is the stage bar's button that opens the menu of steps.
const markButtonText = "Mark done…"

// newMarkButton is the button under the stage bar: Space or a click opens
// the menu of the stage's steps, which the arrow keys and Enter work.
func (s *roadmapScreen) newMarkButton() *widget.Button {
	b := &widget.Button{Text: markButtonText, Icon: theme.ConfirmIcon(), Alignment: widget.ButtonAlignLeading}
	b.OnTapped = func() { s.showStepMenu(b) }
	b.ExtendBaseWidget(b)
	return b
}

// stageMenu is the menu of the chosen stage's steps: the whole stage (done,
// or not started when all of it is done), then each group that counts.
func (s *roadmapScreen) stageMenu() *fyne.Menu {
	rm, prof := s.snap.rm, s.snap.progress.Profile
	st := &rm.Stages[s.stage]
	ids, _ := tracker.StageStepIDs(rm, prof, st.ID)
	label, done := words.MarkStageDone, true
	if s.allDone(ids) {
		label, done = words.MarkStageUndone, false
	}
	items := []*fyne.MenuItem{fyne.NewMenuItem(label, func() { s.markStep(ids, done, st.Title) })}
	items = append(items, fyne.NewMenuItemSeparator())
	for _, g := range s.groups[s.stage] {
		if g.note != "" || len(g.entries) == 0 {
			continue // another track's or branch's: its header has its own menu
		}
		items = append(items, s.groupItem(g, true))
	}
	return fyne.NewMenu("", items...)
}

// groupItem is the menu item that marks group g done, or not started when
// all of it is; long names it words "Linux: mark done".
func (s *roadmapScreen) groupItem(g rmGroup, named bool) *fyne.MenuItem {
	ids := entryIDs(g.entries)
	done := !s.allDone(ids)
	label := words.MarkGroupDone
	if !done {
		label = words.MarkGroupUndone
	}
	if named {
		label = g.title + ": mark done"
		if !done {
			label = g.title + ": mark not started"
		}
	}
	return fyne.NewMenuItem(label, func() { s.markStep(ids, done, g.title) })
}

// showStepMenu opens the stage's menu below the button, with the keyboard
// in it.
func (s *roadmapScreen) showStepMenu(b fyne.CanvasObject) {
	c := s.canvas()
	if c == nil || !s.have || s.stage >= len(s.groups) {
		return
	}
	s.stepItems = s.stageMenu()
	m := widget.NewPopUpMenu(s.stepItems, c)
	m.ShowAtRelativePosition(fyne.NewPos(0, b.Size().Height), b)
	s.stepMenu = m
}

// showGroupMenu opens the menu of the group whose header holds icon.
func (s *roadmapScreen) showGroupMenu(group int, at fyne.CanvasObject) {
	c := s.canvas()
	if c == nil || !s.have || s.stage >= len(s.groups) || group >= len(s.groups[s.stage]) {
		return
	}
	s.stepItems = fyne.NewMenu("", s.groupItem(s.groups[s.stage][group], false))
	m := widget.NewPopUpMenu(s.stepItems, c)
	m.ShowAtRelativePosition(fyne.NewPos(0, at.Size().Height), at)
	s.stepMenu = m
}

// allDone reports whether every entry of ids that is not marked N/A is done
// (and there is one).
func (s *roadmapScreen) allDone(ids []string) bool {
	n := 0
	for _, id := range ids {
		st := s.state(id)
		if st.Skipped {
			continue
		}
		if !st.Done() {
			return false
		}
		n++
	}
	return n > 0
}

// markStep marks the entries ids done (or not started) in one step off the
// UI goroutine and says in the status line what changed and that Ctrl+Z
// reverts it.
func (s *roadmapScreen) markStep(ids []string, done bool, what string) {
	st, ok := s.store.(stepStore)
	if !ok || s.snap.readOnly || len(ids) == 0 {
		return
	}
	changed := 0
	s.env.async(func() error {
		var err error
		changed, err = st.MarkEntries(ids, done, time.Time{})
		return err
	}, func(err error) {
		if err != nil {
			s.env.showError(err)
			return
		}
		msg := words.StepResult(what, done, changed)
		if changed > 0 {
			msg += words.StepUndoHint
			s.env.changed()
		}
		if s.env.notify != nil {
			s.env.notify(msg)
		}
	})
}

// entryIDs are the ids of entries.
func entryIDs(es []roadmap.Entry) []string {
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = e.Item.ID
	}
	return ids
}

// stepIcon is the "⋯" of a group header: a click opens the group's menu.
// It takes no keyboard focus, so that Tab goes from entry to entry; the
// stage bar's Mark done… menu offers every group to the keyboard.
type stepIcon struct {
	themeIcon
	tapped func()
}

func newStepIcon(tapped func()) *stepIcon {
	i := &stepIcon{tapped: tapped}
	i.Resource = theme.MoreHorizontalIcon()
	i.ExtendBaseWidget(i)
	return i
}

// Tapped opens the menu.
func (i *stepIcon) Tapped(*fyne.PointEvent) {
	if i.tapped != nil {
		i.tapped()
	}
}
