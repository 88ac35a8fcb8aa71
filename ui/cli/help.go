package cli

import (
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
)

func init() {
	register(&command{
		name:    "help",
		section: sectionHelp,
		usage:   "help [COMMAND]",
		summary: "show this overview, or a command's flags and examples",
		examples: []string{
			"devpath help",
			"devpath help tick",
		},
		setup: func(fs *flag.FlagSet) runFunc {
			return func(c *ctx, args []string) error {
				switch len(args) {
				case 0:
					return c.printOverview()
				case 2:
					if cmd := lookupCommand(args[0] + " " + args[1]); cmd != nil {
						return c.printCommandHelp(cmd)
					}
					return &usageError{msg: fmt.Sprintf("no help topic %q", args[0]+" "+args[1])}
				case 1:
					if subs := subcommands(args[0]); len(subs) > 0 {
						return c.printGroupHelp(args[0], subs)
					}
					cmd := lookupCommand(args[0])
					if cmd == nil {
						msg := fmt.Sprintf("no help topic %q", args[0])
						if s := closest(args[0], commandNames(), 2); len(s) > 0 {
							msg += "; did you mean " + orList(s) + "?"
						}
						return &usageError{msg: msg}
					}
					return c.printCommandHelp(cmd)
				}
				return wantArgs(args, "COMMAND [SUBCOMMAND]")
			}
		},
	})
}

// printGroupHelp lists the commands of a group ("evidence scan", …) with
// their synopses.
func (c *ctx) printGroupHelp(group string, subs []string) error {
	w := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "The %s commands:\n", group)
	for _, sub := range subs {
		cmd := lookupCommand(group + " " + sub)
		fmt.Fprintf(w, "  devpath %s\t%s\n", cmd.usage, cmd.summary)
	}
	fmt.Fprintf(w, "\nRun 'devpath help %s SUBCOMMAND' for one command's flags and examples.\n", group)
	return w.Flush()
}

// printOverview prints what devpath is, the global flags and every command.
func (c *ctx) printOverview() error {
	w := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprint(w, `devpath tracks your progress along the DevOps career roadmap: tick off
skills, confirm criteria and milestones, record evidence, and see how ready
you are for the next level. Everything stays in one local database file.

Usage:
  devpath [global flags]`+"\t"+`open the window
  devpath [global flags] COMMAND [ARGS]`+"\t"+`run a command on the command line (no window)

Global flags (before the command):
  --db PATH`+"\t"+`the database file (default: $DEVPATH_DB, else your data folder)
  --roadmap FILE`+"\t"+`use this roadmap file for this run only; 'devpath roadmap use FILE'
  `+"\t"+`stores one in the database for every run and the window
  --screen NAME`+"\t"+`the screen the window starts on
  --version`+"\t"+`print the version
  -h, --help`+"\t"+`print this help
`)
	for _, sec := range sectionOrder {
		var cmds []*command
		for _, n := range registered {
			if cmd := commands[n]; cmd != nil && cmd.section == sec {
				cmds = append(cmds, cmd)
			}
		}
		if len(cmds) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s:\n", sec)
		for _, cmd := range cmds {
			usage := cmd.usage
			if cmd.brief != "" {
				usage = cmd.brief
			}
			fmt.Fprintf(w, "  %s\t%s\n", usage, cmd.summary)
		}
	}
	fmt.Fprint(w, `
A command's flags may come before or after its arguments.
Exit codes: 0 success, 1 the command failed, 2 wrong usage.
Run 'devpath help COMMAND' for a command's flags and examples.
`)
	return w.Flush()
}

// printCommandHelp prints a command's synopsis, description, flags and
// examples.
func (c *ctx) printCommandHelp(cmd *command) error {
	w := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "Usage: devpath [global flags] %s\n\n", cmd.usage)
	fmt.Fprintf(w, "%s.\n", capitalize(cmd.summary))
	if cmd.help != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(cmd.help))
	}
	fs := newFlagSet(cmd.name)
	cmd.setup(fs)
	first := true
	fs.VisitAll(func(f *flag.Flag) {
		if first {
			fmt.Fprint(w, "\nFlags:\n")
			first = false
		}
		name, usage := flag.UnquoteUsage(f)
		if name != "" {
			name = " " + name
		}
		fmt.Fprintf(w, "  --%s%s\t%s\n", f.Name, name, usage)
	})
	if len(cmd.examples) > 0 {
		fmt.Fprint(w, "\nExamples:\n")
		for _, e := range cmd.examples {
			fmt.Fprintf(w, "  %s\n", e)
		}
	}
	return w.Flush()
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
