// Package cli is devpath's command line. It never opens a window itself:
// with no command it hands over to the desktop window through
// Env.OpenWindow, and every command works without a display.
//
// Main parses the global flags (--db, --roadmap, --screen, --version,
// --help), finds the command in the command table and runs it. Commands are
// registered from their own files with register, so that a new command is
// one more table entry. A command's flags may come before or after its
// positional arguments.
//
// Exit codes: 0 success, 1 the command failed (one line per error on stderr,
// each prefixed "devpath: "), 2 wrong usage (the message and a hint to run
// "devpath help TOPIC").
package cli

import (
	"devpath/tracker"

	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"devpath/roadmap"
)

// Exit codes returned by Main.
const (
	ExitOK      = 0 // success
	ExitFailure = 1 // the command failed
	ExitUsage   = 2 // wrong usage
)

// Env is what Main needs from the process around it. Nil readers and
// writers are treated as empty input and discarded output.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Version is the release shown by --version.
	Version string
	// OpenWindow opens the desktop window; Main calls it when no command is
	// given. Nil means this build has no window.
	OpenWindow func(Config) error
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// Getenv reads an environment variable; nil means os.Getenv.
	Getenv func(string) string
}

// Config is what the desktop window is started with.
type Config struct {
	// DBPath is the database file to open.
	DBPath string
	// RoadmapPath is the custom roadmap file given with --roadmap, or "".
	RoadmapPath string
	// Roadmap is the roadmap read from RoadmapPath, a one-off override for
	// this run; nil: the window uses the roadmap the database holds.
	Roadmap *roadmap.Roadmap
	// Screen is the screen to start on (--screen), or "" for the default.
	Screen string
}

// ctx is the state one invocation of Main shares with the command it runs.
type ctx struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	now    func() time.Time
	getenv func(string) string

	version     string
	openWindow  func(Config) error
	dbFlag      string // --db as given
	roadmapPath string // --roadmap as given
	screen      string // --screen as given

	rm     *roadmap.Roadmap      // loaded on first use
	choice tracker.RoadmapChoice // the database's choice, read with rm (without --roadmap)
}

// Main runs devpath with the command-line arguments args (without the
// program name) and returns the exit code.
func Main(args []string, env Env) (code int) {
	c := newCtx(env)
	defer func() {
		// A bug must not show the user a stack trace: report it in one line.
		if r := recover(); r != nil {
			fmt.Fprintf(c.stderr, "devpath: internal error: %v\n", r)
			code = ExitFailure
		}
	}()
	return c.report(c.main(args))
}

func newCtx(env Env) *ctx {
	c := &ctx{
		stdin:      env.Stdin,
		stdout:     env.Stdout,
		stderr:     env.Stderr,
		now:        env.Now,
		getenv:     env.Getenv,
		version:    env.Version,
		openWindow: env.OpenWindow,
	}
	if c.stdin == nil {
		c.stdin = strings.NewReader("")
	}
	if c.stdout == nil {
		c.stdout = io.Discard
	}
	if c.stderr == nil {
		c.stderr = io.Discard
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.getenv == nil {
		c.getenv = os.Getenv
	}
	if c.version == "" {
		c.version = "dev"
	}
	return c
}

// main parses the global flags and runs the command.
func (c *ctx) main(args []string) error {
	g, rest, err := parseGlobal(args)
	if err != nil {
		return err
	}
	c.dbFlag, c.roadmapPath, c.screen = g.db, g.roadmap, g.screen
	switch {
	case g.help:
		return c.printOverview()
	case g.version:
		fmt.Fprintf(c.stdout, "devpath %s\n", c.version)
		return nil
	case len(rest) == 0:
		return c.openGUI()
	}
	name := rest[0]
	cmd := lookupCommand(name)
	if cmd == nil {
		msg := fmt.Sprintf("unknown command %q", name)
		if s := closest(name, commandNames(), 2); len(s) > 0 {
			msg += "; did you mean " + orList(s) + "?"
		}
		return &usageError{msg: msg}
	}
	if c.screen != "" {
		return usagef("--screen chooses the window's first screen; it cannot be used with a command")
	}
	return c.run(cmd, rest[1:])
}

// openGUI starts the desktop window.
func (c *ctx) openGUI() error {
	path, err := c.dbPath()
	if err != nil {
		return err
	}
	// Only a --roadmap file is read here: the window reads the database's
	// own roadmap itself, and a database that cannot be opened must still
	// reach the window, which offers to restore a backup.
	var rm *roadmap.Roadmap
	if c.roadmapPath != "" {
		if rm, err = c.roadmap(); err != nil {
			return err
		}
	}
	if c.openWindow == nil {
		return errors.New("this build of devpath has no window; run 'devpath help' for the commands")
	}
	err = c.openWindow(Config{DBPath: path, RoadmapPath: c.roadmapPath, Roadmap: rm, Screen: c.screen})
	if err != nil {
		return fmt.Errorf("window: %s", oneLine(err.Error()))
	}
	return nil
}

// report prints err as the user sees it and returns the exit code.
func (c *ctx) report(err error) int {
	if err == nil {
		return ExitOK
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(c.stderr, "devpath: %s\n", errorLine(ue.msg))
		if ue.topic != "" {
			fmt.Fprintf(c.stderr, "run 'devpath help %s' for its usage\n", ue.topic)
		} else {
			fmt.Fprintln(c.stderr, "run 'devpath help' for usage")
		}
		return ExitUsage
	}
	var f *failure
	if errors.As(err, &f) {
		for _, l := range f.lines {
			fmt.Fprintf(c.stderr, "devpath: %s\n", errorLine(l))
		}
		return ExitFailure
	}
	for _, l := range strings.Split(strings.TrimSpace(err.Error()), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			fmt.Fprintf(c.stderr, "devpath: %s\n", errorLine(l))
		}
	}
	return ExitFailure
}

// usageError is wrong usage: exit code 2 and a hint to read the help.
type usageError struct {
	topic string // command whose help to point at; "" for the overview
	msg   string
}

func (e *usageError) Error() string { return e.msg }

// usagef returns a usage error with a formatted message; run fills in the
// command for the hint.
func usagef(format string, a ...any) error {
	return &usageError{msg: fmt.Sprintf(format, a...)}
}

// failure is a failed command with one or more lines to report (exit 1).
type failure struct{ lines []string }

func (e *failure) Error() string { return strings.Join(e.lines, "\n") }

// failf returns a one-line failure.
func failf(format string, a ...any) error {
	return &failure{lines: []string{fmt.Sprintf(format, a...)}}
}

// oneLine folds a message onto one line, so that every error is one line on
// the terminal.
// errorLine is an error message as the terminal shows it: one line, with
// any control character an argument or a stored value brought into it
// written out, so that no message can move the cursor or recolour the
// terminal.
func errorLine(s string) string { return tracker.Visible(oneLine(s)) }

func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.Fields(strings.NewReplacer("\r", " ", "\n", "; ").Replace(s)), " ")
}

// today is the current calendar day, as the store keeps dates.
func (c *ctx) today() time.Time { return tracker.Day(c.now()) }
