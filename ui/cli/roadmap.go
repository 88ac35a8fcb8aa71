package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"text/tabwriter"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/core"
	"devpath/tracker/words"
)

func init() {
	register(&command{
		name:    "roadmap",
		section: sectionRoadmap,
		usage:   "roadmap [--json] | roadmap validate FILE | roadmap use FILE | roadmap use --default",
		brief:   "roadmap [--json] | roadmap validate|use FILE",
		summary: "list the roadmap in use, check a roadmap file, or choose one",
		help: `Without arguments, says which roadmap the database uses, then lists every
stage with its skill groups, criteria and key milestone, then the branches
and tracks, each entry with the id that the other commands take, and the
facts the roadmap gives about a branch, a track, a rung, the decision and
the timelines (lines starting with "*"). --json
prints the roadmap in its canonical JSON form, the same format a custom
roadmap file is written in.

"roadmap use FILE" checks a roadmap file and stores it in the database:
from then on every command and the window track against it, on this
machine and on any other the database or a backup of it goes to; the file
itself is no longer needed. A file with problems is refused, each problem
listed on its own line, and nothing is changed. "roadmap use --default"
goes back to the built-in roadmap. Progress is kept by entry id, so ticks
follow the entries both roadmaps share. Either change is in the history.

"roadmap validate FILE" checks a roadmap file: it prints a one-line
summary and exits 0 when the file is valid, or lists every problem, one a
line, and exits 1. It does not open the database.

The global flag --roadmap FILE uses a roadmap file for one run only and
stores nothing.`,
		examples: []string{
			"devpath roadmap",
			"devpath roadmap --json > roadmap.json",
			"devpath roadmap validate my-roadmap.yaml",
			"devpath roadmap use my-roadmap.yaml",
			"devpath roadmap use --default",
			"devpath --roadmap draft.yaml status",
		},
		setup: func(fs *flag.FlagSet) runFunc {
			asJSON := fs.Bool("json", false, "print the roadmap as canonical JSON")
			useDefault := fs.Bool("default", false, "with use: go back to the built-in roadmap")
			return func(c *ctx, args []string) error {
				if *useDefault && (len(args) == 0 || args[0] != "use") {
					return usagef("--default goes with use: 'devpath roadmap use --default'")
				}
				if len(args) > 0 && args[0] == "use" {
					if *asJSON {
						return usagef("--json cannot be used with use")
					}
					if c.roadmapPath != "" {
						return usagef("--roadmap is for one run only; 'devpath roadmap use FILE' stores FILE, so give it without --roadmap")
					}
					if *useDefault {
						if err := wantArgs(args[1:]); err != nil {
							return usagef("give either FILE or --default, not both")
						}
						return c.useRoadmap("")
					}
					if err := wantArgs(args[1:], "FILE"); err != nil {
						return err
					}
					return c.useRoadmap(args[1])
				}
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
					return usagef("unknown argument %q; did you mean 'devpath roadmap validate %s' or 'devpath roadmap use %s'?", args[0], args[0], args[0])
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
				fmt.Fprintln(c.stdout, c.roadmapSource())
				fmt.Fprintln(c.stdout)
				return printRoadmap(c.stdout, rm)
			}
		},
	})
}

// roadmapSource says in one line where the roadmap in use comes from.
func (c *ctx) roadmapSource() string {
	if c.roadmapPath != "" {
		return fmt.Sprintf("Roadmap file %s, given with --roadmap for this run only.", c.roadmapPath)
	}
	if c.choice.Builtin || c.choice.Name == "" {
		return "The database uses the built-in roadmap."
	}
	return fmt.Sprintf("The database uses %s, chosen on %s.", words.Roadmap(c.choice), c.choice.ChosenAt.Local().Format(dateLayout))
}

// useRoadmap stores the roadmap file at path in the database (path ""
// goes back to the built-in roadmap) and says what is now used. The file
// is read once: what was checked is what is stored.
func (c *ctx) useRoadmap(path string) error {
	var data []byte
	if path != "" {
		var err error
		if data, err = tracker.ReadRoadmapFile(path); err != nil {
			return failf("%s", oneLine(err.Error()))
		}
		// Checked before the database is opened: a refused file creates
		// or changes nothing.
		if _, err := tracker.ParseRoadmap(path, data); err != nil {
			return roadmapRefused(path, err)
		}
	}
	return c.withStore(true, func(st *core.DB) error {
		if path == "" {
			if err := st.UseDefaultRoadmap(); err != nil {
				return err
			}
			rm := roadmap.Default()
			fmt.Fprintf(c.stdout, "%s now uses the built-in roadmap: %q v%d, %s, %s.\n",
				st.Path(), rm.Title, rm.Version, plural(len(rm.Stages), "stage"), plural(len(rm.Entries()), "entry"))
			return nil
		}
		rm, err := st.UseRoadmap(path, data)
		var re *tracker.RoadmapError
		if errors.As(err, &re) {
			return roadmapRefused(path, err)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "%s now uses the roadmap %s: %q v%d, %s, %s. The file itself is no longer needed.\n",
			st.Path(), tracker.Visible(filepath.Base(path)), rm.Title, rm.Version, plural(len(rm.Stages), "stage"), plural(len(rm.Entries()), "entry"))
		return nil
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

// roadmapRefused words a roadmap that was refused: every problem on its
// own line, naming the file.
func roadmapRefused(path string, err error) error {
	var probs roadmap.Problems
	if errors.As(err, &probs) {
		return &failure{lines: roadmapProblems(path, probs)}
	}
	return failf("%s", oneLine(err.Error()))
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
			only := ""
			if it.Track != "" {
				only = fmt.Sprintf(" (%s track only)", it.Track)
			}
			fmt.Fprintf(w, "    %s\t%s%s\n", it.ID, it.Title, only)
		}
	}
	// A fact is the last cell of its line, so a long one widens no column.
	facts := func(indent string, fs []string) {
		for _, f := range fs {
			fmt.Fprintf(w, "%s* %s\n", indent, oneLine(f))
		}
	}
	for i, s := range rm.Stages {
		fmt.Fprintf(w, "\nStage %d: %s [%s]\n", i+1, s.Title, s.ID)
		fmt.Fprintf(w, "  years %s%s\n", years(s.Years), salaryLine(s.Salary))
		for _, g := range s.Skills {
			only := ""
			switch {
			case g.Track != "" && g.Branch != "":
				only = fmt.Sprintf(" (counts on the %s track and the %s branch only)", g.Track, g.Branch)
			case g.Track != "":
				only = fmt.Sprintf(" (counts on the %s track only)", g.Track)
			case g.Branch != "":
				only = fmt.Sprintf(" (counts on the %s branch only)", g.Branch)
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
			facts("    ", b.Facts)
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
				// Under the rung's title: the empty first cell keeps
				// the rungs one aligned block.
				facts("    \t", l.Facts)
			}
			facts("    ", t.Facts)
		}
	}
	if d := rm.Decision; d != nil && len(d.Facts) > 0 {
		at := d.Stage
		if st := rm.Stage(d.Stage); st != nil {
			at = st.Title
		}
		fmt.Fprintf(w, "\nThe decision at %s\n", at)
		facts("  ", d.Facts)
	}
	if len(rm.TimelineFacts) > 0 {
		fmt.Fprintln(w, "\nTimelines")
		facts("  ", rm.TimelineFacts)
	}
	return w.Flush()
}
