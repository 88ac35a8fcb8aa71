package ui

import (
	"slices"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Preferences keys of the window.
const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
	prefLastScreen   = "window.screen"
)

// Window size on the first start.
const (
	defaultWidth  = 1180
	defaultHeight = 760
)

// loadingView is the light content shown while the database opens.
func (sh *shell) loadingView() fyne.CanvasObject {
	return container.NewCenter(&widget.Label{Text: "Loading…", Importance: widget.LowImportance})
}

// savedSize is the window size remembered from the last run.
func (sh *shell) savedSize() fyne.Size {
	p := sh.app.Preferences()
	w := p.FloatWithFallback(prefWindowWidth, defaultWidth)
	h := p.FloatWithFallback(prefWindowHeight, defaultHeight)
	if w < 400 || h < 300 {
		w, h = defaultWidth, defaultHeight
	}
	return fyne.NewSize(float32(w), float32(h))
}

// fitToScreen shrinks the window when the size remembered from the last run
// is larger than the screen it opens on (a smaller monitor, a lower
// resolution). It runs on the main thread; until the desktop driver has
// made the window it tries again, tries more times.
func (sh *shell) fitToScreen(tries int) {
	screen, ok := screenSize(sh.win)
	if !ok {
		if tries > 0 {
			time.AfterFunc(50*time.Millisecond, func() { fyne.Do(func() { sh.fitToScreen(tries - 1) }) })
		}
		return
	}
	want := sh.savedSize()
	if fit := clampToScreen(want, screen); fit != want {
		sh.win.Resize(fit)
	}
}

// clampToScreen is size made no larger than screen.
func clampToScreen(size, screen fyne.Size) fyne.Size {
	return fyne.NewSize(min(size.Width, screen.Width), min(size.Height, screen.Height))
}

// saveWindow remembers the window size.
func (sh *shell) saveWindow() {
	size := sh.win.Canvas().Size()
	if size.Width >= 400 && size.Height >= 300 {
		sh.app.Preferences().SetFloat(prefWindowWidth, float64(size.Width))
		sh.app.Preferences().SetFloat(prefWindowHeight, float64(size.Height))
	}
}

// tabPage holds one screen in the navigation. The tabs refresh every
// screen's whole tree whenever one is chosen, and so does the status line
// when a notice comes or goes: on a screen of a few hundred labels that is
// most of a screen switch. A screen refreshes what it changes itself, so
// the page only lays its screen out and repaints, and refreshes the whole
// screen only the first time it is refreshed after a theme change: Fyne
// takes a new theme only to the screen on view.
type tabPage struct {
	widget.BaseWidget
	content fyne.CanvasObject
	themes  *atomic.Uint64 // counts theme changes; nil: none are followed
	seen    uint64         // the count the content was last refreshed at
}

func newTabPage(content fyne.CanvasObject, themes *atomic.Uint64) *tabPage {
	p := &tabPage{content: content, themes: themes}
	if themes != nil {
		p.seen = themes.Load()
	}
	p.ExtendBaseWidget(p)
	return p
}

// CreateRenderer shows the screen over the page's whole area.
func (p *tabPage) CreateRenderer() fyne.WidgetRenderer { return &tabPageRenderer{page: p} }

type tabPageRenderer struct{ page *tabPage }

func (r *tabPageRenderer) Layout(size fyne.Size) {
	r.page.content.Move(fyne.NewPos(0, 0))
	r.page.content.Resize(size)
}

func (r *tabPageRenderer) MinSize() fyne.Size           { return r.page.content.MinSize() }
func (r *tabPageRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.page.content} }
func (r *tabPageRenderer) Destroy()                     {}

// Refresh repaints the page, and refreshes its whole screen only when the
// theme changed since it last did.
func (r *tabPageRenderer) Refresh() {
	p := r.page
	if p.themes != nil {
		if n := p.themes.Load(); n != p.seen {
			p.seen = n
			p.content.Refresh()
		}
	}
	canvas.Refresh(p)
}

// startIndex is the screen to start on: --screen, else the last one used,
// else the Dashboard.
func (sh *shell) startIndex() int {
	if i := slices.Index(screenNames, sh.opts.Screen); i >= 0 {
		return i
	}
	if i := slices.Index(screenNames, sh.app.Preferences().String(prefLastScreen)); i >= 0 {
		return i
	}
	return 0
}

// show switches to the named screen.
func (sh *shell) show(name string) {
	if i := slices.Index(screenNames, name); i >= 0 && sh.tabs != nil {
		sh.tabs.SelectIndex(i)
	}
}

// openItem shows an entry in the Roadmap screen.
func (sh *shell) openItem(id string) {
	if sh.rmap == nil {
		return
	}
	sh.show(screenRoadmap)
	sh.rmap.showItem(id)
}
