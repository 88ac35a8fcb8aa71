package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/core"
	"devpath/tracker/words"
)

func init() {
	register(&command{
		name:    "history",
		section: sectionReview,
		usage:   "history [--json] [--since YYYY-MM-DD]",
		summary: "list every change you made, oldest first",
		help: `Lists the change log: every level, skip, profile field and evidence change,
and every undo, with when it happened. --since starts the list at a day;
--json prints the events as a JSON array.`,
		examples: []string{
			"devpath history",
			"devpath history --since 2025-01-01",
			"devpath history --json",
		},
		setup: func(fs *flag.FlagSet) runFunc {
			asJSON := fs.Bool("json", false, "print the events as JSON")
			sinceArg := fs.String("since", "", "list the changes from this day on, `YYYY-MM-DD`")
			return func(c *ctx, args []string) error {
				if err := wantArgs(args); err != nil {
					return err
				}
				var since time.Time
				if isSet(fs, "since") {
					d, err := parseDay(c, *sinceArg)
					if err != nil {
						return usagef("--since: %s", err)
					}
					since = d
				}
				return c.withRoadmap(false, func(rm *roadmap.Roadmap, st *core.DB) error {
					evs, err := st.Events(since)
					if err != nil {
						return err
					}
					if *asJSON {
						if evs == nil {
							evs = []tracker.Event{}
						}
						return writeJSON(c.stdout, evs)
					}
					if len(evs) == 0 {
						fmt.Fprintln(c.stdout, "No changes yet.")
						return nil
					}
					byID := map[int64]tracker.Event{}
					for _, e := range evs {
						byID[e.ID] = e
					}
					w, flush := visibleTable(c.stdout)
					for _, e := range evs {
						what := words.Event(rm, e, byID).String()
						// One line per event whatever the log holds.
						fmt.Fprintf(w, "%s\t#%d\t%s\n", e.At.Local().Format("2006-01-02 15:04"), e.ID, tracker.Visible(what))
					}
					return flush()
				})
			}
		},
	})
	register(&command{
		name:    "checkin",
		section: sectionReview,
		usage:   "checkin [--label TEXT]",
		summary: "record a check-in: a frozen snapshot of your levels and readiness",
		help: `A check-in keeps all your levels and the readiness score as they are now,
for example before a review with your manager. 'devpath diff A B' shows
what changed between two check-ins. The label defaults to today's date.`,
		examples: []string{
			"devpath checkin",
			`devpath checkin --label "Q1 review"`,
		},
		setup: func(fs *flag.FlagSet) runFunc {
			label := fs.String("label", "", "a name to find the check-in by, as `TEXT` (default: today's date)")
			return func(c *ctx, args []string) error {
				if err := wantArgs(args); err != nil {
					return err
				}
				given := isSet(fs, "label")
				l := strings.TrimSpace(*label)
				if given {
					if err := checkLabel(l); err != nil {
						return err
					}
				}
				return c.withRoadmap(true, func(rm *roadmap.Roadmap, st *core.DB) error {
					ci, err := st.CheckInNow(l, rm, c.today())
					if errors.Is(err, tracker.ErrLabelTaken) {
						return failf("a check-in labelled %q already exists; choose another --label", l)
					}
					if err != nil {
						return err
					}
					fmt.Fprintf(c.stdout, "Checked in %q (#%d): %s, readiness %.1f (%s), %s recorded.\n",
						ci.Label, ci.ID, stageTitle(rm, ci.Stage), ci.Score, ci.Verdict, plural(len(ci.Items), "entry"))
					c.publishAfterCheckIn(st) // when joined to a team
					return nil
				})
			}
		},
	})
	register(&command{
		name:     "checkins",
		section:  sectionReview,
		usage:    "checkins",
		summary:  "list your check-ins",
		examples: []string{"devpath checkins"},
		setup: func(fs *flag.FlagSet) runFunc {
			return func(c *ctx, args []string) error {
				if err := wantArgs(args); err != nil {
					return err
				}
				return c.withStore(false, func(st *core.DB) error {
					all, err := st.CheckIns()
					if err != nil {
						return err
					}
					if len(all) == 0 {
						fmt.Fprintln(c.stdout, "No check-ins yet; 'devpath checkin' records one.")
						return nil
					}
					w, flush := visibleTable(c.stdout)
					fmt.Fprintln(w, "id\tlabel\tdate\tstage\tscore\tverdict\tevidenced")
					for _, ci := range all {
						ev := "-" // made before devpath kept the evidenced score
						if ci.EvidencedScore != nil {
							ev = fmt.Sprintf("%.1f", *ci.EvidencedScore)
						}
						fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%.1f\t%s\t%s\n", ci.ID, tracker.Visible(ci.Label), ci.At.Local().Format(dateLayout),
							tracker.Visible(ci.Stage), ci.Score, words.Verdict(tracker.Visible(ci.Verdict)), ev)
					}
					return flush()
				})
			}
		},
	})
	register(&command{
		name:    "diff",
		section: sectionReview,
		usage:   "diff A B",
		summary: "show what changed between two check-ins (by id or label)",
		help: `Lists the entries whose level or "not applicable" mark differs between
check-in A and check-in B, with their titles, and the change in the
readiness score. A and B are check-in ids or labels, as 'devpath
checkins' lists them.`,
		examples: []string{
			"devpath diff 1 2",
			`devpath diff "Q1 review" "Q2 review"`,
		},
		setup: func(fs *flag.FlagSet) runFunc {
			return func(c *ctx, args []string) error {
				if err := wantArgs(args, "A", "B"); err != nil {
					return err
				}
				return c.withRoadmap(false, func(rm *roadmap.Roadmap, st *core.DB) error {
					a, err := findCheckIn(st, args[0])
					if err != nil {
						return err
					}
					b, err := findCheckIn(st, args[1])
					if err != nil {
						return err
					}
					printDiff(c, rm, a, b)
					return nil
				})
			}
		},
	})
}

// checkLabel rejects labels that could not be found again or do not fit on
// a line.
func checkLabel(l string) error {
	if l == "" {
		return usagef("--label needs some text")
	}
	if err := tracker.CheckLabel(l); err != nil {
		return usagef("--label %q: %s", l, err)
	}
	return nil
}

// findCheckIn finds a check-in by id or label, or fails naming it.
func findCheckIn(st *core.DB, ref string) (tracker.CheckIn, error) {
	ci, err := st.FindCheckIn(ref)
	if errors.Is(err, tracker.ErrNotFound) {
		return ci, failf("no check-in %q; 'devpath checkins' lists them", ref)
	}
	return ci, err
}

// printDiff writes the changes between two check-ins.
func printDiff(c *ctx, rm *roadmap.Roadmap, a, b tracker.CheckIn) {
	w, flush := visibleTable(c.stdout)
	defer func() { _ = flush() }()
	fmt.Fprintf(w, "From %q (#%d, %s) to %q (#%d, %s)\n",
		a.Label, a.ID, a.At.Local().Format(dateLayout), b.Label, b.ID, b.At.Local().Format(dateLayout))
	if a.Stage != b.Stage {
		fmt.Fprintf(w, "Stage:\t%s%s%s\n", stageTitle(rm, a.Stage), words.Arrow, stageTitle(rm, b.Stage))
	}
	fmt.Fprintf(w, "Readiness:\t%.1f (%s)%s%.1f (%s), %s\n", a.Score, words.Verdict(a.Verdict), words.Arrow, b.Score, words.Verdict(b.Verdict), signed(b.Score-a.Score))
	printRoadmapDiff(w, tracker.DiffRoadmaps(a, b))
	_ = w.Flush()
	changes := tracker.DiffCheckIns(a, b)
	if len(changes) == 0 {
		fmt.Fprintln(w, "No entry changed.")
		return
	}
	fmt.Fprintf(w, "%s changed:\n", plural(len(changes), "entry"))
	for _, ch := range changes {
		kind := words.EntryKind(rm, ch.ID)
		fmt.Fprintf(w, "  %s\t%s\t%s%s%s\n", ch.ID, entryTitle(rm, ch.ID), words.State(kind, ch.From), words.Arrow, words.State(kind, ch.To))
	}
	_ = w.Flush()
}

// printRoadmapDiff writes how the roadmaps two check-ins were made under
// differ; nothing when they are the same.
func printRoadmapDiff(w io.Writer, d *tracker.RoadmapDiff) {
	for i, l := range words.RoadmapDiff(d) {
		indent := "  "
		if i == 0 {
			indent = ""
		}
		fmt.Fprintf(w, "%s%s:\t%s\n", indent, l.Subject, l.Change)
	}
}
