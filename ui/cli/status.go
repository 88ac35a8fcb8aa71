package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/core"
	"devpath/tracker/words"
)

// statusMissing is how many missing entries the text status lists.
const statusMissing = 8

func init() {
	register(&command{
		name:    "status",
		section: sectionReadiness,
		usage:   "status [--json]",
		summary: "show how ready you are for the next level, and why",
		help: `Shows your stage and the next level, the readiness score (0-100) with its
verdict (building, close, ready) and the four parts it is made of with
their weights, how long you have been at your stage against the usual
timeline, the salary band now and at the next level in your region, the
entries that would add the most, how much of each branch you cover, and
hints.

The score is 100 × (skills × w1 + criteria × w2 + milestone × w3 +
experience × w4), with the weights of the roadmap (0.5, 0.3, 0.1, 0.1 in
the built-in one). Last come your target date and the forecast ('devpath
goal' says more). --json prints the whole assessment as one JSON object,
with "plan" (target, pace_per_month, forecast or reason, on_track, items)
and "reconfirm" (the skills to re-confirm with their last-confirmed dates).`,
		examples: []string{
			"devpath status",
			"devpath status --json",
		},
		setup: func(fs *flag.FlagSet) runFunc {
			asJSON := fs.Bool("json", false, "print the assessment as JSON")
			return func(c *ctx, args []string) error {
				if err := wantArgs(args); err != nil {
					return err
				}
				return c.withRoadmap(false, func(rm *roadmap.Roadmap, st *core.DB) error {
					p, has, err := savedProgress(st)
					if err != nil {
						return err
					}
					a := tracker.Assess(rm, p, c.today())
					ps, err := st.PlanStatus(rm, c.today())
					if err != nil {
						return err
					}
					if *asJSON {
						plan, re := planJSON(ps)
						return writeJSON(c.stdout, statusJSON{Assessment: jsonAssessment(a), Plan: plan, Reconfirm: re})
					}
					vw := tracker.NewVisibleWriter(c.stdout)
					printStatus(vw, rm, p, a)
					fmt.Fprintln(vw)
					for _, l := range planLines(rm, ps, false) {
						fmt.Fprintln(vw, l)
					}
					if err := vw.Flush(); err != nil {
						return err
					}
					if !has {
						fmt.Fprintln(c.stdout, "\nYou have not set up your profile yet: 'devpath profile --stage ID --since YYYY-MM-DD' says where you are.")
					}
					return nil
				})
			}
		},
	})
}

// statusJSON is status --json: the assessment, the plan and the entries
// to re-confirm.
type statusJSON struct {
	tracker.Assessment
	Plan      planView        `json:"plan"`
	Reconfirm []reconfirmView `json:"reconfirm"`
}

// jsonAssessment returns a with empty lists instead of nil ones, so that the
// JSON always has arrays where a list is expected.
func jsonAssessment(a tracker.Assessment) tracker.Assessment {
	if a.Missing == nil {
		a.Missing = []tracker.Gap{}
	}
	if a.Branches == nil {
		a.Branches = []tracker.BranchCoverage{}
	}
	return a
}

// printStatus writes the assessment as text.
func printStatus(out io.Writer, rm *roadmap.Roadmap, p tracker.Progress, a tracker.Assessment) {
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	since := ""
	if !p.Profile.StageSince.IsZero() {
		since = fmt.Sprintf(", since %s (%s)", day(p.Profile.StageSince), plural(a.MonthsInStage, "month"))
	}
	fmt.Fprintf(w, "Stage:\t%s (%s)%s\n", a.Stage.Title, a.Stage.ID, since)
	if a.Next != nil {
		fmt.Fprintf(w, "Next level:\t%s (%s)\n", a.Next.Title, a.Next.ID)
	} else {
		fmt.Fprintf(w, "Next level:\tnone: you are at the top of the roadmap\n")
	}
	r := a.Readiness
	th := tracker.ReadinessSettings(rm)
	fmt.Fprintf(w, "Readiness:\t%.1f of 100: %s (close from %.0f, ready from %.0f with the milestone)\n",
		r.Score, r.Verdict, th.Close, th.Ready)
	if ev := r.Evidenced; ev != nil {
		gap := words.EvidenceSummary(a)
		if gap == words.EveryClaimEvidenced || gap == words.NothingClaimedYet {
			gap = strings.ToLower(gap[:1]) + gap[1:]
		}
		fmt.Fprintf(w, "Evidenced:\t%.1f of 100: %s; %s\n", ev.Score, ev.Verdict, gap)
	}
	_ = w.Flush()

	fmt.Fprintln(w)
	fmt.Fprintln(w, "  part\tdone\tweight\tpoints\tbased on")
	n := a.Counts
	comp := func(name string, v, weight float64, detail string) {
		fmt.Fprintf(w, "  %s\t%s\t%s\t%.1f\t%s\n", name, percent(v), percent(weight), 100*v*weight, detail)
	}
	skills := fmt.Sprintf("%d of %d skills proficient", n.SkillsDone, n.SkillsTotal)
	if n.Skipped > 0 {
		skills += fmt.Sprintf(", %d not applicable", n.Skipped)
	}
	comp("skills", r.Components.Skills, r.Weights.Skills, skills)
	comp("criteria", r.Components.Criteria, r.Weights.Criteria, fmt.Sprintf("%d of %d confirmed", n.CriteriaDone, n.CriteriaTotal))
	ms := "not achieved yet"
	if n.MilestoneDone {
		ms = "achieved"
	}
	comp("milestone", r.Components.Milestone, r.Weights.Milestone, ms)
	exp := ""
	if m := a.Timeline.Accelerated.Min; m > 0 {
		exp = fmt.Sprintf("%d of %d months (the fastest usual move)", min(a.MonthsInStage, m), m)
	}
	comp("experience", r.Components.Experience, r.Weights.Experience, exp)
	_ = w.Flush()

	fmt.Fprintln(w)
	t := a.Timeline
	switch {
	case t.Status == tracker.TimelineUnknown || t.Status == "":
		fmt.Fprintf(w, "Timeline:\tunknown (give the day you entered the stage with 'devpath profile --since')\n")
	default:
		fmt.Fprintf(w, "Timeline:\t%s in stage; usually %d-%d months, %d-%d when accelerated: %s\n",
			plural(a.MonthsInStage, "month"), t.Typical.Min, t.Typical.Max, t.Accelerated.Min, t.Accelerated.Max, words.TimelineFor(a))
	}
	if warn := words.StallWarning(t.StalledAfter); warn != "" {
		fmt.Fprintf(w, "\t%s\n", warn)
	}
	region := a.Salary.Region
	if region == "" {
		region = p.Profile.Region
	}
	pay := "now " + words.Band(region, a.Salary.Now)
	if a.Next != nil {
		pay += fmt.Sprintf("; as %s %s", a.Next.Title, words.Band(region, a.Salary.Next))
	}
	fmt.Fprintf(w, "Salary (%s):\t%s\n", words.Region(region), pay)
	_ = w.Flush()

	if len(a.Missing) > 0 {
		fmt.Fprintln(w, "\nWhat would add the most:")
		for i, g := range a.Missing {
			if i == statusMissing {
				fmt.Fprintf(w, "  … and %d more ('devpath status --json' lists them all)\n", len(a.Missing)-i)
				break
			}
			what := words.Kind(g.Kind)
			if g.Group != "" {
				what += ", " + g.Group
			}
			if g.Level > tracker.NotStarted && !words.Confirmable(g.Kind) {
				what += ", now " + words.Level(g.Level)
			}
			fmt.Fprintf(w, "  +%.1f\t%s\t%s (%s)\n", g.Gain, g.ID, g.Title, what)
		}
		_ = w.Flush()
	}

	if ev := r.Evidenced; ev != nil && len(ev.Actions) > 0 {
		fmt.Fprintln(w, "\nEvidence that would add the most (to the evidenced score):")
		for i, g := range ev.Actions {
			if i == statusMissing {
				fmt.Fprintf(w, "  … and %d more ('devpath status --json' lists them all)\n", len(ev.Actions)-i)
				break
			}
			fmt.Fprintf(w, "  +%.1f\t%s\t%s\n", g.Gain, g.ID, words.EvidenceAction(g))
		}
		_ = w.Flush()
	}

	if len(a.Branches) > 0 {
		fmt.Fprintln(w, "\nBranches:")
		for _, b := range a.Branches {
			var marks []string
			if b.ID == a.Closest {
				marks = append(marks, "closest")
			}
			if b.ID == p.Profile.Branch {
				marks = append(marks, "your branch")
			}
			mark := ""
			if len(marks) > 0 {
				mark = " (" + strings.Join(marks, ", ") + ")"
			}
			fmt.Fprintf(w, "  %s\t%s\t%s\t%d of %d done%s\n", b.ID, b.Title, percent(b.Share), b.Done, b.Total, mark)
		}
		_ = w.Flush()
	}
	if len(a.Orphans) > 0 {
		fmt.Fprintf(w, "\nKept progress on ids this roadmap no longer has: %s\n", strings.Join(a.Orphans, ", "))
	}
	hints := words.Hints(a.Hints, words.CommandLine)
	if len(hints) > 0 {
		fmt.Fprintln(w, "\nHints:")
		for _, h := range hints {
			fmt.Fprintf(w, "  - %s\n", h)
		}
	}
	_ = w.Flush()
}
