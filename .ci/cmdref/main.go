// Command cmdref writes devpath's man page and its shell completions for bash
// and zsh from the command line's own help: it runs "devpath help", then
// "devpath help COMMAND" (and "devpath help GROUP SUBCOMMAND") for every
// command the overview lists, so the page and the completions always say
// what the binary does.
//
// Usage:
//
//	go run ./.ci/cmdref -bin bin/devpath -version V -date YYYY-MM-DD -man devpath.1 -bash devpath.bash -zsh _devpath
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
)

// command is one command or subcommand, as its help describes it.
type command struct {
	Path    []string // "tick", or "evidence", "add"
	Summary string   // the overview's words for it
	Help    string   // "devpath help PATH..." in full
	Flags   []string // its flags, "--level", …
	Subs    []*command
}

// name is the command's words, "evidence add".
func (c *command) name() string { return strings.Join(c.Path, " ") }

// ref is what the help gives.
type ref struct {
	Overview    string
	GlobalFlags []string
	Commands    []*command
}

var (
	// commandLine is a command's line in the overview: two spaces, the
	// name, then its arguments and, after two spaces or more, its summary.
	commandLine = regexp.MustCompile(`^  ([a-z][a-z-]*)\b.*?\s{2,}(\S.*)$`)
	// subLine is a subcommand's line in a group's help.
	subLine = regexp.MustCompile(`^  devpath ([a-z-]+) ([a-z][a-z-]*)\b.*?\s{2,}(\S.*)$`)
	// flagName is a flag at the start of a line of a "Flags:" list.
	flagName = regexp.MustCompile(`^\s+(--?[a-z][a-z-]*)`)
)

// help runs "devpath help ARGS...".
func help(bin string, args ...string) (string, error) {
	out, err := exec.Command(bin, append([]string{"help"}, args...)...).Output()
	if err != nil {
		return "", fmt.Errorf("%s help %s: %w", bin, strings.Join(args, " "), err)
	}
	return string(out), nil
}

// flagsOf lists the flags of a help text's sections whose heading ends in
// "flags:" or is "Flags:".
func flagsOf(text string) []string {
	var fs []string
	in := false
	for _, line := range strings.Split(text, "\n") {
		switch {
		case strings.HasSuffix(strings.ToLower(line), "flags:") || strings.HasPrefix(strings.ToLower(line), "global flags"):
			in = true
		case line == "" || !strings.HasPrefix(line, " "):
			in = false
		case in:
			if m := flagName.FindStringSubmatch(line); m != nil && !slices.Contains(fs, m[1]) {
				fs = append(fs, m[1])
			}
			// "-h, --help": the long name too.
			if i := strings.Index(line, ", --"); in && i >= 0 {
				if m := flagName.FindStringSubmatch(line[i+1:]); m != nil && !slices.Contains(fs, m[1]) {
					fs = append(fs, m[1])
				}
			}
		}
	}
	return fs
}

// read asks the binary for its whole help.
func read(bin string) (*ref, error) {
	over, err := help(bin)
	if err != nil {
		return nil, err
	}
	r := &ref{Overview: over, GlobalFlags: flagsOf(over)}
	section := ""
	for _, line := range strings.Split(over, "\n") {
		if line != "" && !strings.HasPrefix(line, " ") {
			section = line
			continue
		}
		if section == "Usage:" || strings.HasPrefix(section, "Global flags") {
			continue
		}
		m := commandLine.FindStringSubmatch(line)
		if m == nil || slices.ContainsFunc(r.Commands, func(c *command) bool { return c.Path[0] == m[1] }) {
			continue
		}
		c := &command{Path: []string{m[1]}, Summary: m[2]}
		if c.Help, err = help(bin, m[1]); err != nil {
			return nil, err
		}
		c.Flags = flagsOf(c.Help)
		for _, hl := range strings.Split(c.Help, "\n") {
			sm := subLine.FindStringSubmatch(hl)
			if sm == nil || sm[1] != m[1] {
				continue
			}
			s := &command{Path: []string{m[1], sm[2]}, Summary: sm[3]}
			if s.Help, err = help(bin, m[1], sm[2]); err != nil {
				return nil, err
			}
			s.Flags = flagsOf(s.Help)
			c.Subs = append(c.Subs, s)
		}
		r.Commands = append(r.Commands, c)
	}
	if len(r.Commands) < 10 {
		return nil, fmt.Errorf("the overview of %s help lists only %d commands", bin, len(r.Commands))
	}
	return r, nil
}

// roff escapes text for a man page: backslashes, minus signs, and a line
// that would start with a request's dot or quote.
func roff(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, "-", `\-`)
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		if strings.HasPrefix(line, ".") || strings.HasPrefix(line, "'") {
			b.WriteString(`\&`)
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// manPage writes the man page: the overview's first paragraph as the
// description, the rest of the overview, then every command's help.
func manPage(r *ref, version, date string) string {
	var b strings.Builder
	fmt.Fprintf(&b, ".\\\" Written by .ci/cmdref from \"devpath help\"; do not edit.\n")
	fmt.Fprintf(&b, ".TH DEVPATH 1 %q \"devpath %s\" \"User Commands\"\n", date, version)
	b.WriteString(".SH NAME\ndevpath \\- track your progress along the DevOps career roadmap\n")
	b.WriteString(".SH SYNOPSIS\n.B devpath\n[\\fIglobal flags\\fR]\n.br\n.B devpath\n[\\fIglobal flags\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]\n")
	intro, rest, _ := strings.Cut(r.Overview, "\n\n")
	b.WriteString(".SH DESCRIPTION\n")
	b.WriteString(roff(strings.Join(strings.Fields(intro), " ")))
	b.WriteString(".PP\nWith no command, devpath opens its window; with a command, it works on the command line and opens no window.\n")
	b.WriteString(".SH OVERVIEW\n.nf\n" + roff(rest) + ".fi\n")
	b.WriteString(".SH COMMANDS\n")
	for _, c := range r.Commands {
		for _, x := range append([]*command{c}, c.Subs...) {
			fmt.Fprintf(&b, ".SS \"devpath %s\"\n.nf\n%s.fi\n", x.name(), roff(x.Help))
		}
	}
	b.WriteString(".SH FILES\n.TP\n.I ~/.local/share/devpath/devpath.db\nthe database, unless \\fB\\-\\-db\\fR, \\fBDEVPATH_DB\\fR or \\fBXDG_DATA_HOME\\fR say otherwise; its backups are kept beside it\n")
	b.WriteString(".SH ENVIRONMENT\n.TP\n.B DEVPATH_DB\nthe database file, when \\fB\\-\\-db\\fR is not given\n")
	return b.String()
}

// words joins names for a shell word list.
func words(xs []string) string { return strings.Join(xs, " ") }

// bashCompletion completes commands, subcommands and each one's flags;
// anything else falls back to file names (-o default).
func bashCompletion(r *ref) string {
	var b strings.Builder
	b.WriteString("# bash completion for devpath. Written by .ci/cmdref from \"devpath help\"; do not edit.\n")
	b.WriteString("_devpath() {\n")
	b.WriteString("  local cur=${COMP_WORDS[COMP_CWORD]} cmd='' sub='' i w\n")
	b.WriteString("  for ((i = 1; i < COMP_CWORD; i++)); do\n    w=${COMP_WORDS[i]}\n    case $w in\n")
	b.WriteString("      --db | --roadmap | --screen) ((i++)) ;;\n      -*) ;;\n")
	b.WriteString("      *) if [[ -z $cmd ]]; then cmd=$w; elif [[ -z $sub ]]; then sub=$w; fi ;;\n    esac\n  done\n")
	b.WriteString("  local list\n  case $cmd/$sub in\n")
	var names []string
	for _, c := range r.Commands {
		names = append(names, c.Path[0])
	}
	fmt.Fprintf(&b, "    /) list=%q ;;\n", words(append(names, r.GlobalFlags...)))
	for _, c := range r.Commands {
		if len(c.Subs) > 0 {
			var subs []string
			for _, s := range c.Subs {
				subs = append(subs, s.Path[1])
			}
			fmt.Fprintf(&b, "    %s/) list=%q ;;\n", c.Path[0], words(subs))
			for _, s := range c.Subs {
				fmt.Fprintf(&b, "    %s/%s) list=%q ;;\n", c.Path[0], s.Path[1], words(s.Flags))
			}
			continue
		}
		if c.Path[0] == "help" {
			fmt.Fprintf(&b, "    help/*) list=%q ;;\n", words(names))
			continue
		}
		fmt.Fprintf(&b, "    %s/*) list=%q ;;\n", c.Path[0], words(c.Flags))
	}
	b.WriteString("  esac\n")
	b.WriteString("  if [[ $cur == -* || -z $cmd || ( -z $sub && $cmd/ == @(")
	var groups []string
	for _, c := range r.Commands {
		if len(c.Subs) > 0 {
			groups = append(groups, c.Path[0])
		}
	}
	b.WriteString(strings.Join(groups, "|"))
	b.WriteString(")/ ) || $cmd == help ]]; then\n")
	b.WriteString("    mapfile -t COMPREPLY < <(compgen -W \"$list\" -- \"$cur\")\n  fi\n}\n")
	b.WriteString("complete -o default -F _devpath devpath\n")
	return b.String()
}

// zq quotes a name and its description for zsh's _describe ("name:words"),
// with the colons of the description escaped.
func zq(name, desc string) string {
	return "'" + name + ":" + strings.ReplaceAll(strings.ReplaceAll(desc, "'", `'\''`), ":", `\:`) + "'"
}

// zshCompletion completes the same as bashCompletion, with each command's
// summary beside it.
func zshCompletion(r *ref) string {
	var b strings.Builder
	b.WriteString("#compdef devpath\n# zsh completion for devpath. Written by .ci/cmdref from \"devpath help\"; do not edit.\n")
	b.WriteString("_devpath() {\n  local -a cmds subs flags\n  cmds=(\n")
	for _, c := range r.Commands {
		fmt.Fprintf(&b, "    %s\n", zq(c.Path[0], c.Summary))
	}
	b.WriteString("  )\n")
	b.WriteString("  local -a args\n  args=(${words[2,CURRENT-1]:#-*})\n")
	fmt.Fprintf(&b, "  if (( ${#args} == 0 )); then\n    if [[ $PREFIX == -* ]]; then compadd -- %s; else _describe command cmds; fi\n    return\n  fi\n", words(r.GlobalFlags))
	b.WriteString("  case ${args[1]} in\n")
	for _, c := range r.Commands {
		if len(c.Subs) > 0 {
			fmt.Fprintf(&b, "    %s)\n      if (( ${#args} == 1 )); then\n        subs=(\n", c.Path[0])
			for _, s := range c.Subs {
				fmt.Fprintf(&b, "          %s\n", zq(s.Path[1], s.Summary))
			}
			b.WriteString("        )\n        _describe subcommand subs\n        return\n      fi\n      case ${args[2]} in\n")
			for _, s := range c.Subs {
				fmt.Fprintf(&b, "        %s) flags=(%s) ;;\n", s.Path[1], words(s.Flags))
			}
			b.WriteString("      esac ;;\n")
			continue
		}
		if c.Path[0] == "help" {
			b.WriteString("    help) _describe command cmds; return ;;\n")
			continue
		}
		fmt.Fprintf(&b, "    %s) flags=(%s) ;;\n", c.Path[0], words(c.Flags))
	}
	b.WriteString("  esac\n  if [[ $PREFIX == -* ]]; then compadd -- $flags; else _files; fi\n}\n_devpath \"$@\"\n")
	return b.String()
}

func main() {
	bin := flag.String("bin", "bin/devpath", "the devpath `binary` to ask")
	version := flag.String("version", "", "the `version` the man page names")
	date := flag.String("date", "", "the man page's `date`, YYYY-MM-DD")
	man := flag.String("man", "", "write the man page to this `file`")
	bash := flag.String("bash", "", "write the bash completion to this `file`")
	zsh := flag.String("zsh", "", "write the zsh completion to this `file`")
	flag.Parse()
	if flag.NArg() > 0 || *version == "" || *date == "" {
		fmt.Fprintln(os.Stderr, "usage: cmdref -bin FILE -version V -date YYYY-MM-DD [-man FILE] [-bash FILE] [-zsh FILE]")
		os.Exit(2)
	}
	r, err := read(*bin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "cmdref:", err)
		os.Exit(1)
	}
	for path, text := range map[string]string{*man: manPage(r, *version, *date), *bash: bashCompletion(r), *zsh: zshCompletion(r)} {
		if path == "" {
			continue
		}
		if err := os.WriteFile(path, bytes.TrimLeft([]byte(text), "\n"), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "cmdref:", err)
			os.Exit(1)
		}
	}
}
