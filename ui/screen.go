// Package ui is devpath's desktop window: the Dashboard, Roadmap, Paths,
// History, Settings and Team screens, the first-run welcome, and the shell that
// ties them together (navigation, shortcuts, undo, preferences).
//
// Every screen depends on a small interface of the store methods it needs,
// so that it can be tested on its own with a real store on a temporary file
// or with a fake. Database work runs off the UI goroutine; its results are
// applied with fyne.Do.
package ui

import (
	"strconv"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/words"
)

// Names of the screens, as --screen and the preferences spell them, in the
// order of the navigation (Ctrl+1 … Ctrl+6).
const (
	screenDashboard = "dashboard"
	screenRoadmap   = "roadmap"
	screenPaths     = "paths"
	screenHistory   = "history"
	screenSettings  = "settings"
	screenTeam      = "team" // Ctrl+6
)

// screenNames lists the screens in navigation order.
var screenNames = []string{screenDashboard, screenRoadmap, screenPaths, screenHistory, screenSettings, screenTeam}

// prefRoadmapPath is the Preferences key under which an older devpath kept
// the custom roadmap file chosen in Settings. The roadmap now lives in the
// database: the window moves such a file into it once and removes the key
// (see moveRoadmapPreference).
const prefRoadmapPath = "roadmap.path"

// snapshot is what the screens show: the roadmap, the user's progress and
// its assessment, loaded together off the UI goroutine.
type snapshot struct {
	rm       *roadmap.Roadmap
	progress tracker.Progress
	assess   tracker.Assessment
	today    time.Time
	dbPath   string
	readOnly bool
	// evidence counts the evidence entries per roadmap entry id.
	evidence map[string]int
	// notes holds the evidence entries per roadmap entry id, oldest first,
	// so that the evidence dialog opens on them without waiting.
	notes map[string][]tracker.Evidence
	// roadmapPath names where the roadmap in use comes from: the file
	// given with --roadmap, or the name of the file the database's roadmap
	// was chosen from; "" for the embedded roadmap.
	roadmapPath string
	// roadmapOverride: the roadmap was given with --roadmap, for this run
	// only, instead of the database's.
	roadmapOverride bool
	// plan is the target, the forecast and the plan's items, and due what
	// is due; nil and empty for a store without a plan.
	plan *tracker.PlanStatus
	due  []tracker.DueEntry
}

// screen is one page of the window.
type screen interface {
	// content returns the screen's widgets; it is called once.
	content() fyne.CanvasObject
	// update shows a new snapshot. It runs on the UI goroutine.
	update(s snapshot)
}

// env is what a screen may use of the window around it.
type env struct {
	win fyne.Window
	app fyne.App
	// async runs work off the UI goroutine, then done on it with work's
	// error. Tests replace it with a synchronous version.
	async func(work func() error, done func(err error))
	// changed asks the shell to reload the snapshot after a write; every
	// screen's update is then called with the new one. Rapid calls are
	// coalesced into one reload.
	changed func()
	// showError tells the user in a dialog that something failed.
	showError func(err error)
	// openItem switches to the Roadmap screen and shows the entry id.
	openItem func(id string)
	// show switches to the named screen (one of screenNames).
	show func(name string)
	// setRoadmap makes the window track against rm (from the file called
	// name; "" and a nil rm mean the embedded roadmap) and reloads. The
	// caller has stored the choice in the database.
	setRoadmap func(rm *roadmap.Roadmap, name string)
	// notify shows a short message in the window's status line.
	notify func(msg string)
	// clearNotice takes msg out of the status line if it is still there:
	// a notice shown ahead of a save that then failed, a hint the pointer
	// left.
	clearNotice func(msg string)
	// hint shows msg in the status line until clearNotice takes it away
	// or another message replaces it: what the control under the pointer
	// does, for as long as the pointer is on it.
	hint func(msg string)
	// after runs f on the UI goroutine once d has passed; nil in tests,
	// which run such work by hand.
	after func(d time.Duration, f func())
	// today returns the current calendar day.
	today func() time.Time
	// now returns the current time (nil: time.Now): when an export is
	// made, as the command line tells it too.
	now func() time.Time
	// themes counts the app's theme changes (nil: none are followed); see
	// themeFollower.
	themes *atomic.Uint64
	// remindersChanged plans the window's reminder again after the user
	// turned reminders on or off (nil: nothing to plan).
	remindersChanged func()
}

// themeCount is the number of theme changes so far.
func (e *env) themeCount() uint64 {
	if e == nil || e.themes == nil {
		return 0
	}
	return e.themes.Load()
}

// runAsync is the production env.async: work in a goroutine, done on the UI
// goroutine through fyne.Do.
func runAsync(work func() error, done func(err error)) {
	go func() {
		err := work()
		fyne.Do(func() { done(err) })
	}()
}

// runAfter is the production env.after.
func runAfter(d time.Duration, f func()) {
	time.AfterFunc(d, func() { fyne.Do(f) })
}

// runSync is env.async for tests: the test driver has no separate UI
// goroutine, so doing the work inline keeps tests deterministic.
func runSync(work func() error, done func(err error)) { done(work()) }

// formatBand writes a pay band as words.Band says it: "£55,000 – £80,000".
func formatBand(b *roadmap.Band, region string) string { return words.Band(region, b) }

// formatYears writes a span of career years: "years 2–4" or "years 8+".
func formatYears(y roadmap.Years) string {
	if y.Max == nil {
		return "years " + strconv.Itoa(y.Min) + "+"
	}
	return "years " + strconv.Itoa(y.Min) + "–" + strconv.Itoa(*y.Max)
}

// formatDay writes a calendar day as YYYY-MM-DD, or "" for the zero time.
func formatDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// instant is the current time, from now when it is set.
func (e *env) instant() time.Time {
	if e.now != nil {
		return e.now()
	}
	return time.Now()
}
