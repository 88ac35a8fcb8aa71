package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"devpath/roadmap"
)

// Sections group the commands in the help overview, in this order.
const (
	sectionRoadmap   = "The roadmap"
	sectionProgress  = "Your progress"
	sectionReadiness = "Readiness"
	sectionEvidence  = "Evidence"
	sectionReviews   = "Reviews with your manager"
	sectionTeam      = "Your team (PostgreSQL)"
	sectionReview    = "History and check-ins"
	sectionData      = "Your data"
	sectionHelp      = "Help"
)

var sectionOrder = []string{sectionRoadmap, sectionProgress, sectionReadiness, sectionPlan, sectionEvidence, sectionReview, sectionReviews, sectionTeam, sectionData, sectionHelp}

// runFunc runs a command with its positional arguments, after its flags
// were parsed.
type runFunc func(c *ctx, args []string) error

// command is one entry of the command table.
type command struct {
	// name is what the user types after "devpath".
	name string
	// section groups the command in the help overview.
	section string
	// usage is the synopsis after "devpath", e.g. "tick ID [--level 0-4]".
	usage string
	// brief is a shorter synopsis for the overview, when usage is long.
	brief string
	// summary is one line for the overview.
	summary string
	// help is the longer description shown by "devpath help NAME".
	help string
	// examples are full command lines shown by "devpath help NAME".
	examples []string
	// setup defines the command's flags on fs and returns the function
	// that runs the command once the arguments are parsed.
	setup func(fs *flag.FlagSet) runFunc
}

// commands is the command table, filled by register; registered keeps the
// names in the order they were registered, which the overview follows
// within a section.
var (
	commands   = map[string]*command{}
	registered []string
)

// register adds a command to the table. Each command's file calls it from
// init; a name registered twice is a programming error.
func register(cmd *command) {
	if _, dup := commands[cmd.name]; dup {
		panic("cli: command registered twice: " + cmd.name)
	}
	if cmd.setup == nil {
		panic("cli: command without setup: " + cmd.name)
	}
	commands[cmd.name] = cmd
	registered = append(registered, cmd.name)
}

// subcommands returns the second words of the commands named "group
// WORD", sorted: a group such as "evidence" has no command of its own.
func subcommands(group string) []string {
	var out []string
	for n := range commands {
		if g, sub, ok := strings.Cut(n, " "); ok && g == group {
			out = append(out, sub)
		}
	}
	sort.Strings(out)
	return out
}

// lookupCommand returns the command called name, or nil.
func lookupCommand(name string) *command { return commands[name] }

// commandNames returns the names of all commands, sorted.
func commandNames() []string {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// newFlagSet returns an empty flag set for the command name that reports
// nothing itself: errors are worded by parseArgs.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// run parses a command's arguments and runs it. "-h" or "--help" anywhere
// among its flags prints the command's help instead.
func (c *ctx) run(cmd *command, args []string) error {
	fs := newFlagSet(cmd.name)
	fn := cmd.setup(fs)
	pos, err := parseArgs(fs, args)
	if errors.Is(err, errHelp) {
		return c.printCommandHelp(cmd)
	}
	if err == nil {
		err = fn(c, pos)
	}
	var ue *usageError
	if errors.As(err, &ue) && ue.topic == "" {
		ue.topic = cmd.name
		ue.msg = cmd.name + ": " + ue.msg
	}
	return err
}

// errHelp is returned by parseArgs when -h or --help was given.
var errHelp = errors.New("help requested")

// boolFlag is implemented by flag values that need no argument.
type boolFlag interface{ IsBoolFlag() bool }

// parseArgs sets the flags of fs from args and returns the positional
// arguments. Flags may come before, between or after positional arguments;
// "--" ends the flags. A flag is written -name or --name, and its value as
// the next argument or after "=" (boolean flags take no separate value).
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			pos = append(pos, a)
			continue
		}
		next := func() (string, bool) {
			if i+1 < len(args) {
				i++
				return args[i], true
			}
			return "", false
		}
		if err := setFlag(fs, a, next); err != nil {
			return nil, err
		}
	}
	return pos, nil
}

// setFlag sets one flag from the argument a ("-name", "--name" or
// "--name=value"); next yields the following argument as its value.
func setFlag(fs *flag.FlagSet, a string, next func() (string, bool)) error {
	name := strings.TrimPrefix(a[1:], "-")
	value, hasValue := "", false
	if k, v, ok := strings.Cut(name, "="); ok {
		name, value, hasValue = k, v, true
	}
	if name == "" || name[0] == '-' || strings.ContainsAny(name, " \t\r\n") {
		return usagef("%q is not a flag; to pass it as an argument, put it after --", a)
	}
	f := fs.Lookup(name)
	if f == nil {
		if name == "h" || name == "help" {
			return errHelp
		}
		msg := fmt.Sprintf("unknown flag --%s", name)
		var known []string
		fs.VisitAll(func(f *flag.Flag) { known = append(known, f.Name) })
		if s := closest(name, known, 1); len(s) > 0 {
			msg += "; did you mean --" + s[0] + "?"
		}
		return usagef("%s", msg)
	}
	if b, ok := f.Value.(boolFlag); ok && b.IsBoolFlag() {
		if !hasValue {
			value = "true"
		}
	} else if !hasValue {
		v, ok := next()
		if !ok {
			return usagef("flag --%s needs a value", name)
		}
		value = v
	}
	if err := fs.Set(name, value); err != nil {
		return usagef("invalid value %q for --%s", value, name)
	}
	return nil
}

// ParseGlobal reads the global flags up to the first argument that is not a
// flag (the command) and returns the rest, command first. "help" as the
// command with no topic is the same as --help. Wrong usage gives an error
// for Report.
func ParseGlobal(args []string) (Global, []string, error) {
	var g Global
	fs := newFlagSet("devpath")
	fs.StringVar(&g.DB, "db", "", "database file")
	fs.StringVar(&g.Roadmap, "roadmap", "", "custom roadmap file")
	fs.StringVar(&g.Screen, "screen", "", "first screen of the window")
	fs.BoolVar(&g.Version, "version", false, "print the version")
	i := 0
	for ; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			i++
			break
		}
		if len(a) < 2 || a[0] != '-' {
			break
		}
		next := func() (string, bool) {
			if i+1 < len(args) {
				i++
				return args[i], true
			}
			return "", false
		}
		if err := setFlag(fs, a, next); errors.Is(err, errHelp) {
			g.Help = true
		} else if err != nil {
			return g, nil, err
		}
	}
	rest := args[i:]
	if len(rest) == 1 && rest[0] == "help" {
		g.Help = true
		rest = nil
	}
	if g.DB == "" && isSet(fs, "db") {
		return g, nil, usagef("--db needs a file name")
	}
	if g.Roadmap == "" && isSet(fs, "roadmap") {
		return g, nil, usagef("--roadmap needs a file name")
	}
	return g, rest, nil
}

// isSet reports whether the flag name was given on the command line.
func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			set = true
		}
	})
	return set
}

// wantArgs checks the number of positional arguments: exactly the names
// given (e.g. "ID", or "A", "B").
func wantArgs(args []string, names ...string) error {
	switch {
	case len(args) == len(names):
		return nil
	case len(names) == 0:
		return usagef("unexpected argument %q", args[0])
	case len(args) < len(names):
		return usagef("missing %s", strings.Join(names[len(args):], " and "))
	default:
		return usagef("too many arguments: expected %s, got %d (%s)",
			strings.Join(names, " "), len(args), quoteList(args))
	}
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, " ")
}

// orList joins words as "a, b or c".
func orList(ss []string) string {
	switch len(ss) {
	case 0:
		return ""
	case 1:
		return ss[0]
	}
	return strings.Join(ss[:len(ss)-1], ", ") + " or " + ss[len(ss)-1]
}

// closest returns up to n of the candidates nearest to s: those that contain
// s or that s contains first, then by edit distance, leaving out the ones
// too far to be a typo.
func closest(s string, candidates []string, n int) []string {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return nil
	}
	type cand struct {
		s    string
		dist int
	}
	var cs []cand
	for _, c := range candidates {
		d := roadmap.EditDistance(s, c)
		if strings.Contains(c, s) || strings.Contains(s, c) {
			d = 0
		}
		cs = append(cs, cand{c, d})
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].dist < cs[j].dist })
	limit := len(s)/3 + 1
	var out []string
	for _, c := range cs {
		if len(out) == n || c.dist > limit {
			break
		}
		out = append(out, c.s)
	}
	return out
}
