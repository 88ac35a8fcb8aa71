// Package core is devpath's application core: what the window (ui) and the
// command line (ui/cli) both stand on. main builds one Core from the global
// flags and hands it to whichever interface runs, and each interface asks it
// which database to open, which roadmap that database is tracked against,
// what day it is and when to make the daily backup, so that the two cannot
// open, score or date the same database differently.
package core

import (
	"fmt"
	"os"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/store"
)

// Config is what a Core is built from: the global flags and the process
// around them.
type Config struct {
	// DB is the database file given with --db, or "" for $DEVPATH_DB, else
	// the default file in the user's data folder.
	DB string
	// RoadmapFile is the roadmap file given with --roadmap, or "": a
	// one-off override of the roadmap the database chose, stored nowhere.
	RoadmapFile string
	// Getenv reads an environment variable; nil means os.Getenv.
	Getenv func(string) string
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
}

// Core is the application core of one devpath process.
type Core struct {
	db          string // as given; resolved by Path
	roadmapFile string
	getenv      func(string) string
	now         func() time.Time

	override *roadmap.Roadmap // read from roadmapFile by LoadOverride
}

// New returns the core for cfg. It reads nothing yet: Path and
// LoadOverride report problems with the database path or the roadmap file
// when an interface needs them.
func New(cfg Config) *Core {
	c := &Core{db: cfg.DB, roadmapFile: cfg.RoadmapFile, getenv: cfg.Getenv, now: cfg.Now}
	if c.getenv == nil {
		c.getenv = os.Getenv
	}
	if c.now == nil {
		c.now = time.Now
	}
	return c
}

// ErrNoPath says the database file could not be placed: no --db, no
// $DEVPATH_DB and no user data folder.
var ErrNoPath = &tracker.Error{Code: tracker.CodeNoPath, Msg: "cannot find where to keep the database"}

// Path is the database file: --db, else $DEVPATH_DB, else the default file
// in the user's data folder, made absolute.
func (c *Core) Path() (string, error) {
	p := c.db
	if p == "" {
		p = c.getenv("DEVPATH_DB")
	}
	var (
		path string
		err  error
	)
	if p != "" {
		path, err = store.ResolvePath(p)
	} else {
		path, err = store.DefaultPath()
	}
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrNoPath, err)
	}
	return path, nil
}

// Now is the current time.
func (c *Core) Now() time.Time { return c.now() }

// Today is the current calendar day, as the store keeps dates (tracker.Day).
func (c *Core) Today() time.Time { return tracker.Day(c.now()) }

// Open opens the database the core was given (Path), with the core's
// clock. The caller closes it.
func (c *Core) Open() (*DB, error) {
	path, err := c.Path()
	if err != nil {
		return nil, err
	}
	return c.OpenFile(path)
}

// OpenFile opens the database file at path (another file than Path: one
// the user chose, or a copy recovered after a failed open), with the
// core's clock. The caller closes it.
func (c *Core) OpenFile(path string) (*DB, error) {
	st, err := store.OpenWith(path, store.Options{Now: c.now})
	if err != nil {
		return nil, err
	}
	return &DB{Store: st, core: c}, nil
}

// RoadmapFile is the file given with --roadmap, or "".
func (c *Core) RoadmapFile() string { return c.roadmapFile }

// RoadmapFileError is a --roadmap file that cannot be used. Err holds the
// problems (roadmap.Problems where the loader found them, one per line for
// the user).
type RoadmapFileError struct {
	Path string
	Err  error
}

func (e *RoadmapFileError) Error() string { return e.Path + ": " + e.Err.Error() }

// Unwrap is the loader's error.
func (e *RoadmapFileError) Unwrap() error { return e.Err }

// LoadOverride reads and checks the roadmap file given with --roadmap, once;
// without one it returns nil. The window and every command track against
// it for this run instead of the database's roadmap, and nothing stores
// it. A file that cannot be used gives a *RoadmapFileError.
func (c *Core) LoadOverride() (*roadmap.Roadmap, error) {
	if c.roadmapFile == "" || c.override != nil {
		return c.override, nil
	}
	rm, err := LoadRoadmapFile(c.roadmapFile)
	if err != nil {
		return nil, err
	}
	c.override = rm
	return rm, nil
}

// LoadRoadmapFile reads a roadmap file and checks it. A file that cannot be
// used gives a *RoadmapFileError.
func LoadRoadmapFile(path string) (*roadmap.Roadmap, error) {
	rm, err := roadmap.LoadFile(path)
	if err == nil {
		err = rm.Validate()
	}
	if err != nil {
		return nil, &RoadmapFileError{Path: path, Err: err}
	}
	return rm, nil
}
