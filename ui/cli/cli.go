// Package cli is devpath's command line. It never opens a window: main
// reads the global flags with ParseGlobal, builds the application core
// (tracker/core) from them and then either opens the window or hands the
// command to Run; every command works without a display.
//
// Run finds the command in the command table and runs it on the core.
// Commands are registered from their own files with register, so that a new
// command is one more table entry. A command's flags may come before or
// after its positional arguments.
//
// Exit codes: 0 success, 1 the command failed (one line per error on stderr,
// each prefixed "devpath: "), 2 wrong usage (the message and a hint to run
// "devpath help TOPIC"). Report prints any error that way, the window's too.
package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/core"
)

// Exit codes returned by Run and Report.
const (
	ExitOK      = 0 // success
	ExitFailure = 1 // the command failed
	ExitUsage   = 2 // wrong usage
)

// Env is the process around a command. Nil readers and writers are
// treated as empty input and discarded output.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Version is the release shown by --version.
	Version string
}

// Global is what the global flags (before the command) asked for.
type Global struct {
	DB      string // --db, or ""
	Roadmap string // --roadmap, or ""
	Screen  string // --screen, or ""
	Version bool   // --version
	Help    bool   // --help, -h or a bare "help"
}

// Window reports whether these flags and the rest of the command line ask
// for the window: no command, no --help and no --version.
func (g Global) Window(rest []string) bool { return len(rest) == 0 && !g.Help && !g.Version }

// ctx is the state one command shares with the code it runs.
type ctx struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	core   *core.Core
	now    func() time.Time

	version     string
	roadmapPath string // --roadmap as given
	screen      string // --screen as given

	st     *core.DB              // the database, while open (see store)
	rm     *roadmap.Roadmap      // loaded on first use
	choice tracker.RoadmapChoice // the database's roadmap, once rm was read from it
}

// Run runs the help, the version or the command in rest (command first) on
// the core c, with the global flags g, and returns the exit code. It does
// not open the window: with no command it fails with a usage error.
func Run(c *core.Core, g Global, rest []string, env Env) (code int) {
	x := newCtx(c, env)
	defer func() {
		// A bug must not show the user a stack trace: report it in one line.
		if r := recover(); r != nil {
			fmt.Fprintf(x.stderr, "devpath: internal error: %v\n", r)
			code = ExitFailure
		}
	}()
	x.roadmapPath, x.screen = g.Roadmap, g.Screen
	err := x.main(g, rest)
	if cerr := x.closeStore(); cerr != nil && err == nil {
		err = cerr
	}
	return x.report(err)
}

// Report prints err as every error of devpath reads on the terminal (one
// line each, "devpath: " first) and returns the exit code: 0 for nil, 2 for
// wrong usage, else 1. main reports the window's errors through it too.
func Report(env Env, err error) int {
	return newCtx(nil, env).report(err)
}

func newCtx(c *core.Core, env Env) *ctx {
	x := &ctx{stdin: env.Stdin, stdout: env.Stdout, stderr: env.Stderr, core: c, version: env.Version}
	if x.stdin == nil {
		x.stdin = strings.NewReader("")
	}
	if x.stdout == nil {
		x.stdout = io.Discard
	}
	if x.stderr == nil {
		x.stderr = io.Discard
	}
	if x.version == "" {
		x.version = "dev"
	}
	x.now = time.Now
	if c != nil {
		x.now = c.Now
	}
	return x
}

// main runs the help, the version or the command.
func (c *ctx) main(g Global, rest []string) error {
	switch {
	case g.Help:
		return c.printOverview()
	case g.Version:
		fmt.Fprintf(c.stdout, "devpath %s\n", c.version)
		return nil
	case len(rest) == 0:
		return usagef("no command given (without one, devpath opens its window)")
	}
	name := rest[0]
	if subs := subcommands(name); len(subs) > 0 {
		if len(rest) < 2 {
			return &usageError{msg: fmt.Sprintf("%s needs a subcommand: %s", name, strings.Join(subs, ", ")), topic: name}
		}
		cmd := lookupCommand(name + " " + rest[1])
		if cmd == nil {
			msg := fmt.Sprintf("unknown command %q", name+" "+rest[1])
			if s := closest(rest[1], subs, 2); len(s) > 0 {
				msg += "; did you mean " + orList(s) + "?"
			}
			return &usageError{msg: msg, topic: name}
		}
		if c.screen != "" {
			return usagef("--screen chooses the window's first screen; it cannot be used with a command")
		}
		return c.run(cmd, rest[2:])
	}
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

// report prints err as the user sees it and returns the exit code.
func (c *ctx) report(err error) int {
	if err == nil {
		return ExitOK
	}
	err = worded(err)
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

// worded turns the core's errors into what the user reads: a roadmap
// file's problems one per line, each naming the file, and a database with
// nowhere to go with the way out.
func worded(err error) error {
	var rf *core.RoadmapFileError
	if errors.As(err, &rf) {
		return &failure{lines: roadmapProblems(rf.Path, rf.Err)}
	}
	if errors.Is(err, core.ErrNoPath) {
		return failf("%s; give one with --db PATH", oneLine(err.Error()))
	}
	return err
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
