package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/core"
	"devpath/tracker/words"
)

// dbPath is the database file: --db, else $DEVPATH_DB, else the default
// path in the user's data folder (the core decides).
func (c *ctx) dbPath() (string, error) {
	p, err := c.core.Path()
	if err != nil {
		return "", worded(err)
	}
	return p, nil
}

// roadmap returns the roadmap to work with: the file given with --roadmap,
// a one-off override that stores nothing, else the roadmap the database
// uses (see storedRoadmap). A file with problems fails with every problem
// on its own line.
func (c *ctx) roadmap() (*roadmap.Roadmap, error) {
	if c.rm != nil {
		return c.rm, nil
	}
	if c.roadmapPath == "" {
		rm, choice, err := c.storedRoadmap()
		if err != nil {
			return nil, err
		}
		c.rm, c.choice = rm, choice
		return rm, nil
	}
	rm, err := c.core.LoadOverride()
	if err != nil {
		return nil, worded(err)
	}
	c.rm = rm
	return rm, nil
}

// storedRoadmap reads the roadmap the database uses ('devpath roadmap use'
// or the window's Settings chose it), so that every command and the window
// score the same progress against the same roadmap. A database that does
// not exist yet uses the embedded roadmap and is not created. A stored
// roadmap that no longer passes the checks is named in a warning, and the
// embedded one is used.
func (c *ctx) storedRoadmap() (*roadmap.Roadmap, tracker.RoadmapChoice, error) {
	builtin := tracker.RoadmapChoice{Builtin: true}
	path, err := c.dbPath()
	if err != nil {
		return nil, builtin, err
	}
	if fi, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) || (err == nil && fi.Mode().IsRegular() && fi.Size() == 0) {
		return roadmap.Default(), builtin, nil
	}
	st, err := c.store()
	if err != nil {
		return nil, builtin, err
	}
	rm, choice, err := st.Roadmap()
	if errors.Is(err, tracker.ErrRoadmapInvalid) {
		fmt.Fprintf(c.stderr, "devpath: warning: %s\n", oneLine(err.Error()))
		return rm, choice, nil
	}
	if err != nil {
		return nil, builtin, storeError(path, err)
	}
	return rm, choice, nil
}

// loadRoadmap reads and validates a roadmap file. Its problems come back as
// a failure with one line each, naming the file.
func loadRoadmap(path string) (*roadmap.Roadmap, error) {
	rm, err := core.LoadRoadmapFile(path)
	if err != nil {
		return nil, worded(err)
	}
	return rm, nil
}

// roadmapProblems turns a roadmap loading error into lines for the user,
// one per problem, each naming the file.
func roadmapProblems(path string, err error) []string {
	var lines []string
	var probs roadmap.Problems
	if errors.As(err, &probs) && len(probs) > 0 {
		for _, p := range probs {
			if p.Path != "" {
				lines = append(lines, fmt.Sprintf("%s: %s: %s", path, p.Path, p.Msg))
			} else {
				lines = append(lines, fmt.Sprintf("%s: %s", path, p.Msg))
			}
		}
		return lines
	}
	for _, l := range strings.Split(err.Error(), "\n") {
		if l = strings.TrimSpace(l); l == "" {
			continue
		}
		if !strings.Contains(l, path) {
			l = path + ": " + l
		}
		lines = append(lines, l)
	}
	if len(lines) == 0 {
		lines = []string{path + ": cannot be read as a roadmap"}
	}
	return lines
}

// openStore opens the database for one command. The caller closes it.
func (c *ctx) openStore() (*core.DB, error) {
	path, err := c.dbPath()
	if err != nil {
		return nil, err
	}
	st, err := c.core.Open()
	if err != nil {
		return nil, storeError(path, err)
	}
	return st, nil
}

// store is the database of this command, opened on first use and kept
// open: the roadmap a command needs before it checks its arguments is read
// from the same open database that withStore then hands to the command, so
// a command opens (and checks) the file once. withStore, or Run at the end,
// closes it.
func (c *ctx) store() (*core.DB, error) {
	if c.st == nil {
		st, err := c.openStore()
		if err != nil {
			return nil, err
		}
		c.st = st
	}
	return c.st, nil
}

// closeStore closes the database of this command if it is open.
func (c *ctx) closeStore() error {
	if c.st == nil {
		return nil
	}
	st := c.st
	c.st = nil
	if err := st.Close(); err != nil {
		return failf("closing %s: %s", st.Path(), oneLine(err.Error()))
	}
	return nil
}

// withStore opens the database, runs fn on it and closes it. For a command
// that writes, a database opened read-only fails before fn runs, and after
// fn succeeded today's automatic backup is made (best effort: a failed
// backup does not fail the command).
func (c *ctx) withStore(write bool, fn func(st *core.DB) error) (err error) {
	st, err := c.store()
	if err != nil {
		return err
	}
	path := st.Path()
	defer func() {
		if cerr := c.closeStore(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	if write && st.DiskFull() {
		return storeError(path, tracker.ErrDiskFull)
	}
	if write && st.ReadOnly() {
		return storeError(path, tracker.ErrReadOnly)
	}
	if err := fn(st); err != nil {
		return storeError(path, err)
	}
	if write {
		_, _ = st.AfterWrite()
	}
	return nil
}

// storeError words an error from the store for the user. Errors that are
// already worded (usage errors, failures) pass through unchanged.
func storeError(path string, err error) error {
	var ue *usageError
	var f *failure
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ue), errors.As(err, &f):
		return err
	}
	if msg, ok := words.Failure(err, path, words.CommandLine); ok {
		return failf("%s", msg)
	}
	return failf("%s", oneLine(err.Error()))
}
