package cli

import (
	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/core"
)

// withRoadmap reads the roadmap, then opens the database and runs fn with
// both (see withStore for write). The roadmap comes first so that a bad
// --roadmap fails before the database is opened.
func (c *ctx) withRoadmap(write bool, fn func(rm *roadmap.Roadmap, st *core.DB) error) error {
	rm, err := c.roadmap()
	if err != nil {
		return err
	}
	return c.withStore(write, func(st *core.DB) error { return fn(rm, st) })
}

// savedProgress reads the progress and whether a profile was ever saved
// (on a new database the progress holds the default profile).
func savedProgress(st *core.DB) (p tracker.Progress, saved bool, err error) {
	if saved, err = st.HasProfile(); err != nil {
		return tracker.Progress{}, false, err
	}
	p, err = st.Progress()
	return p, saved, err
}
