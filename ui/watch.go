package ui

import (
	"time"

	"fyne.io/fyne/v2"
)

// watchInterval is how often the window looks for changes made elsewhere.
const watchInterval = 400 * time.Millisecond

// versionSource is what watching for changes needs of the store.
type versionSource interface {
	DataVersion() (int64, error)
}

// watcher notices changes that other processes (the command line, a second
// window, an import) commit to the database, by polling SQLite's
// data_version off the UI goroutine, and asks for a reload when it moves.
type watcher struct {
	st      versionSource
	changed func() // runs on the UI goroutine
	last    int64
	primed  bool // last holds a version read
	stop    chan struct{}
}

// newWatcher returns a watcher of st; the first poll reads the version the
// later ones compare with.
func newWatcher(st versionSource, changed func()) *watcher {
	return &watcher{st: st, changed: changed, stop: make(chan struct{})}
}

// poll checks once, off the UI goroutine, and reports whether the
// database changed since the last check.
func (w *watcher) poll() bool {
	v, err := w.st.DataVersion()
	if err != nil {
		return false
	}
	if !w.primed || v == w.last {
		w.last, w.primed = v, true
		return false
	}
	w.last = v
	return true
}

// run polls at once and then every interval until stopped, and hands a
// change to the UI goroutine. The first poll counts like the others: when
// the watcher was primed before run, a change committed in between is a
// change like any other, not a new starting point.
func (w *watcher) run(interval time.Duration) {
	check := func() {
		if !w.poll() {
			return
		}
		fyne.Do(func() {
			select {
			case <-w.stop:
			default:
				w.changed()
			}
		})
	}
	check()
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-w.stop:
			return
		case <-t.C:
			check()
		}
	}
}

// close stops run; it runs on the UI goroutine.
func (w *watcher) close() {
	select {
	case <-w.stop:
	default:
		close(w.stop)
	}
}
