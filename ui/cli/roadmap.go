package cli

import (
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"devpath/roadmap"
	"devpath/tracker/words"
)

func init() {
	register(&command{
		name:    "roadmap",
		section: sectionRoadmap,
		usage:   "roadmap [--json] | roadmap validate FILE",
		summary: "list the roadmap's stages, groups and entries with their ids, or check a roadmap file",
		help: `Without arguments, lists every stage with its skill groups, criteria and
key milestone, then the branches and tracks, each entry with the id that
the other commands take. --json prints the roadmap in its canonical JSON
form, the same format a custom roadmap file (--roadmap FILE) is written in.

"roadmap validate FILE" checks a roadmap file: it prints a one-line
summary and exits 0 when the file is valid, or lists every problem, one a
line, and exits 1. Neither form opens the database.`,
		examples: []string{
			"devpath roadmap",
			"devpath roadmap --json > roadmap.json",
			"devpath --roadmap my-roadmap.yaml roadmap",
			"devpath roadmap validate my-roadmap.yaml",
		},
		setup: func(fs *flag.FlagSet) runFunc {
			asJSON := fs.Bool("json", false, "print the roadmap as canonical JSON")
			return func(c *ctx, args []string) error {
				if len(args) > 0 && args[0] == "validate" {
					if *asJSON {
						return usagef("--json cannot be used with validate")
					}
					if err := wantArgs(args[1:], "FILE"); err != nil {
						return err
					}
					return c.validateRoadmap(args[1])
				}
				if len(args) > 0 {
					return usagef("unknown argument %q; did you mean 'devpath roadmap validate %s'?", args[0], args[0])
				}
				rm, err := c.roadmap()
				if err != nil {
					return err
				}
				if *asJSON {
					b, err := rm.JSON()
					if err != nil {
						return failf("encode the roadmap as JSON: %s", oneLine(err.Error()))
					}
					if len(b) == 0 || b[len(b)-1] != '\n' {
						b = append(b, '\n')
					}
					_, err = c.stdout.Write(b)
					return err
				}
				return printRoadmap(c.stdout, rm)
			}
		},
	})
}

// validateRoadmap checks a roadmap file and prints its summary.
func (c *ctx) validateRoadmap(path string) error {
	rm, err := loadRoadmap(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "%s: valid roadmap %q v%d: %s, %s\n",
		path, rm.Title, rm.Version, plural(len(rm.Stages), "stage"), plural(len(rm.Entries()), "entry"))
	return nil
}

// years writes a stage's span of career years: "0-2" or "8+".
func years(y roadmap.Years) string {
	if y.Max == nil {
		return fmt.Sprintf("%d+", y.Min)
	}
	return fmt.Sprintf("%d-%d", y.Min, *y.Max)
}

// salaryLine writes the pay bands of both regions that the roadmap gives,
// each after " · ".
func salaryLine(s roadmap.Salary) string {
	out := ""
	for _, r := range []string{roadmap.RegionUK, roadmap.RegionUS} {
		if b := s.Band(r); b != nil {
			out += fmt.Sprintf(" · %s %s", words.Region(r), words.Band(r, b))
		}
	}
	return out
}

// printRoadmap lists the roadmap as readable, aligned text.
func printRoadmap(out io.Writer, rm *roadmap.Roadmap) error {
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "%s (%s, version %d)\n", rm.Title, rm.ID, rm.Version)
	items := func(its []roadmap.Item) {
		for _, it := range its {
			fmt.Fprintf(w, "    %s\t%s\n", it.ID, it.Title)
		}
	}
	for i, s := range rm.Stages {
		fmt.Fprintf(w, "\nStage %d: %s [%s]\n", i+1, s.Title, s.ID)
		fmt.Fprintf(w, "  years %s%s\n", years(s.Years), salaryLine(s.Salary))
		for _, g := range s.Skills {
			only := ""
			if g.Track != "" {
				only = fmt.Sprintf(" (counts on the %s track only)", g.Track)
			}
			fmt.Fprintf(w, "  Skills: %s [%s]%s\n", g.Title, g.ID, only)
			items(g.Items)
		}
		if s.BranchSkills {
			fmt.Fprintln(w, "  Skills: the items of your chosen branch (see Branches)")
		}
		if len(s.Criteria) > 0 {
			fmt.Fprintln(w, "  Ready for the next level when:")
			items(s.Criteria)
		}
		if s.Milestone.ID != "" {
			fmt.Fprintln(w, "  Key milestone:")
			items([]roadmap.Item{s.Milestone})
		}
	}
	if len(rm.Branches) > 0 {
		fmt.Fprintln(w, "\nBranches")
		for _, b := range rm.Branches {
			fmt.Fprintf(w, "  %s [%s]%s\n", b.Title, b.ID, salaryLine(b.Salary))
			items(b.Items)
		}
	}
	if len(rm.Tracks) > 0 {
		fmt.Fprintln(w, "\nTracks")
		for _, t := range rm.Tracks {
			fmt.Fprintf(w, "  %s [%s]\n", t.Title, t.ID)
			for _, l := range t.Levels {
				at := ""
				if l.Stage != "" {
					at = " · usually held at " + l.Stage
				}
				fmt.Fprintf(w, "    %s\t%s%s%s\n", l.ID, l.Title, at, salaryLine(l.Salary))
			}
		}
	}
	return w.Flush()
}
