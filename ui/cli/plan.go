package cli

import (
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/core"
	"devpath/tracker/words"
)

// sectionPlan groups the plan's commands in the help overview.
const sectionPlan = "Your plan"

func init() {
	register(&command{
		name:    "goal",
		section: sectionPlan,
		usage:   "goal [--by YYYY-MM-DD | --clear]",
		summary: "set or clear the date you aim to reach the next level by, or show it with the forecast",
		help: `--by sets the target date for the next level: after today, and no further
ahead than the roadmap's horizon (60 months in the DevOps roadmap).
--clear removes it. Without either, shows the target, the date the roadmap
suggests (the day you entered your stage plus the typical move, with the
accelerated one), your pace and when it would make you ready, and what
reaching the target would take. Undo takes a change back.`,
		examples: []string{"devpath goal --by 2026-12-31", "devpath goal", "devpath goal --clear"},
		setup: func(fs *flag.FlagSet) runFunc {
			by := fs.String("by", "", "the target date, `YYYY-MM-DD`")
			clear := fs.Bool("clear", false, "remove the target date")
			return func(c *ctx, args []string) error {
				if err := wantArgs(args); err != nil {
					return err
				}
				if isSet(fs, "by") && *clear {
					return usagef("give --by or --clear, not both")
				}
				var target time.Time
				if isSet(fs, "by") {
					d, err := planDay("--by", *by)
					if err != nil {
						return err
					}
					target = d
				}
				return c.withRoadmap(isSet(fs, "by") || *clear, func(rm *roadmap.Roadmap, st *core.DB) error {
					switch {
					case *clear:
						if err := st.ClearTarget(); err != nil {
							return planErr(err)
						}
						fmt.Fprintln(c.stdout, "Target date removed.")
						return nil
					case isSet(fs, "by"):
						if err := st.SetTarget(rm, target); err != nil {
							return planErr(err)
						}
						fmt.Fprintf(c.stdout, "Target date: %s.\n", tracker.FormatDay(target))
					}
					ps, err := st.PlanStatus(rm, c.today())
					if err != nil {
						return err
					}
					printGoal(c.stdout, rm, ps)
					return nil
				})
			}
		},
	})
	register(&command{
		name:    "plan add",
		section: sectionPlan,
		usage:   "plan add ID --due YYYY-MM-DD",
		summary: "pick an entry to work on, due by a date",
		help: `Puts the roadmap entry ID in your plan, due on --due (today or later); an
entry already in the plan gets the new date. It leaves the plan's work as
done when it reaches proficient (or, for a criterion or milestone, is
confirmed). Undo takes it back.`,
		examples: []string{"devpath plan add tf-modules --due 2025-09-30"},
		setup: func(fs *flag.FlagSet) runFunc {
			due := fs.String("due", "", "the day it is due, `YYYY-MM-DD`")
			return func(c *ctx, args []string) error {
				if err := wantArgs(args, "ID"); err != nil {
					return err
				}
				if !isSet(fs, "due") {
					return usagef("--due is needed: the day it is due, YYYY-MM-DD")
				}
				d, err := planDay("--due", *due)
				if err != nil {
					return err
				}
				return c.withRoadmap(true, func(rm *roadmap.Roadmap, st *core.DB) error {
					if err := st.AddPlanItem(rm, args[0], d); err != nil {
						return planErr(err)
					}
					fmt.Fprintf(c.stdout, "In the plan: %s, due %s.\n", tracker.Visible(words.EntryName(rm, rm.Resolve(args[0]))), tracker.FormatDay(d))
					return nil
				})
			}
		},
	})
	register(&command{
		name:     "plan remove",
		section:  sectionPlan,
		usage:    "plan remove ID",
		summary:  "take an entry out of your plan",
		help:     `Takes the entry ID out of your plan. Undo puts it back.`,
		examples: []string{"devpath plan remove tf-modules"},
		setup: func(fs *flag.FlagSet) runFunc {
			return func(c *ctx, args []string) error {
				if err := wantArgs(args, "ID"); err != nil {
					return err
				}
				return c.withRoadmap(true, func(rm *roadmap.Roadmap, st *core.DB) error {
					if err := st.RemovePlanItem(rm, args[0]); err != nil {
						return planErr(err)
					}
					fmt.Fprintf(c.stdout, "Taken out of the plan: %s.\n", tracker.Visible(words.EntryName(rm, args[0])))
					return nil
				})
			}
		},
	})
	register(&command{
		name:     "plan list",
		section:  sectionPlan,
		usage:    "plan list [--json]",
		summary:  "list your plan: each entry, its due date, done or overdue",
		examples: []string{"devpath plan list", "devpath plan list --json"},
		setup: func(fs *flag.FlagSet) runFunc {
			asJSON := fs.Bool("json", false, "print JSON")
			return func(c *ctx, args []string) error {
				if err := wantArgs(args); err != nil {
					return err
				}
				return c.withRoadmap(false, func(rm *roadmap.Roadmap, st *core.DB) error {
					ps, err := st.PlanStatus(rm, c.today())
					if err != nil {
						return err
					}
					if *asJSON {
						return writeJSON(c.stdout, planItemsJSON(ps.Items))
					}
					if len(ps.Items) == 0 {
						fmt.Fprintln(c.stdout, "Your plan is empty: 'devpath plan add ID --due YYYY-MM-DD' puts an entry in it.")
						return nil
					}
					vw := tracker.NewVisibleWriter(c.stdout)
					tw := tabwriter.NewWriter(vw, 0, 4, 2, ' ', 0)
					fmt.Fprintln(tw, "DUE\tID\tENTRY\tSTATE")
					for _, it := range ps.Items {
						fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", tracker.FormatDay(it.Due), it.ID, it.Title, planState(it))
					}
					if err := tw.Flush(); err != nil {
						return err
					}
					return vw.Flush()
				})
			}
		},
	})
	register(&command{
		name:    "reconfirm",
		section: sectionPlan,
		usage:   "reconfirm ID...",
		summary: "confirm that claimed skills are still true",
		help: `A claimed skill asks "still true?" once its last confirmation (its level
change, its evidence's date or a re-confirmation) is older than the
roadmap's re-confirm interval (12 months in the DevOps roadmap). This
confirms each ID today, in one step: one undo takes them all back. To
lower a skill instead, use 'devpath tick ID --level N'. 'devpath due'
lists what to re-confirm.`,
		examples: []string{"devpath reconfirm linux-systemd docker-compose"},
		setup: func(fs *flag.FlagSet) runFunc {
			return func(c *ctx, args []string) error {
				if len(args) == 0 {
					return usagef("missing ID: name the entries to re-confirm")
				}
				return c.withRoadmap(true, func(rm *roadmap.Roadmap, st *core.DB) error {
					if err := st.Reconfirm(rm, args); err != nil {
						return planErr(err)
					}
					for _, id := range args {
						fmt.Fprintf(c.stdout, "Still true: %s (confirmed %s).\n", tracker.Visible(words.EntryName(rm, rm.Resolve(id))), tracker.FormatDay(c.today()))
					}
					return nil
				})
			}
		},
	})
	register(&command{
		name:    "cadence",
		section: sectionPlan,
		usage:   "cadence [off|weekly|monthly|quarterly|yearly|Nd|Nw|Nm]",
		summary: "set how often a check-in is due (default quarterly), or show it",
		help: `Sets how often 'devpath due' (and the reminders) ask for a check-in:
off, weekly, fortnightly, monthly, quarterly (the default), yearly, or a
whole number of days, weeks or months such as 45d, 6w or 2m. Without a
value, shows the cadence and when the next check-in is due. Undo takes a
change back.`,
		examples: []string{"devpath cadence 6w", "devpath cadence off", "devpath cadence"},
		setup: func(fs *flag.FlagSet) runFunc {
			return func(c *ctx, args []string) error {
				if len(args) > 1 {
					return wantArgs(args, "CADENCE")
				}
				if len(args) == 1 {
					if _, err := tracker.ParseCadence(args[0]); err != nil {
						return planErr(err)
					}
				}
				return c.withRoadmap(len(args) == 1, func(rm *roadmap.Roadmap, st *core.DB) error {
					if len(args) == 1 {
						if err := st.SetCadence(args[0]); err != nil {
							return planErr(err)
						}
					}
					ps, err := st.PlanStatus(rm, c.today())
					if err != nil {
						return err
					}
					fmt.Fprintf(c.stdout, "Check-ins: %s", ps.Cadence)
					if !ps.NextCheckIn.IsZero() {
						fmt.Fprintf(c.stdout, "; the next is due %s", tracker.FormatDay(ps.NextCheckIn))
					}
					fmt.Fprintln(c.stdout, ".")
					return nil
				})
			}
		},
	})
}

// planDay reads a date flag of the plan; a malformed one is wrong usage.
func planDay(flagName, v string) (time.Time, error) {
	d, err := tracker.ParsePlanDay(v)
	if err != nil {
		return time.Time{}, usagef("%s %q is not a date: write it YYYY-MM-DD", flagName, v)
	}
	return d, nil
}

// planErr turns the plan's coded errors into their one line.
func planErr(err error) error {
	if msg, ok := words.PlanFailure(err); ok {
		return failf("%s", tracker.Visible(msg))
	}
	return err
}

// planState says a plan item's state in a word or two.
func planState(it tracker.PlanEntry) string {
	switch {
	case it.Unknown:
		return "not in the roadmap"
	case it.Done:
		return "done"
	case it.Overdue:
		return "overdue"
	}
	return it.Level.String()
}

// printGoal prints the target, the suggestion, the paces and forecasts and
// what the target takes.
func printGoal(w io.Writer, rm *roadmap.Roadmap, ps tracker.PlanStatus) {
	vw := tracker.NewVisibleWriter(w)
	defer vw.Flush()
	for _, l := range planLines(rm, ps, true) {
		fmt.Fprintln(vw, l)
	}
}

// planLines says the plan's status: the target (or the suggestion), the
// forecast, and with more, the paces and what it takes.
func planLines(rm *roadmap.Roadmap, ps tracker.PlanStatus, more bool) []string {
	var out []string
	target := "Target: none set"
	if !ps.Target.IsZero() {
		target = "Target: " + tracker.FormatDay(ps.Target)
		if ps.OnTrack != nil {
			target += map[bool]string{true: " (on track)", false: " (not on track at this pace)"}[*ps.OnTrack]
		}
	}
	if s := ps.Suggested; s != nil && (ps.Target.IsZero() || more) {
		target += fmt.Sprintf("; the roadmap suggests %s (typical, %d-%d months in the stage) or %s (accelerated)",
			tracker.FormatDay(s.Typical), s.TypicalM.Min, s.TypicalM.Max, tracker.FormatDay(s.Accelerated))
	}
	out = append(out, target+".")
	fc := "Forecast: " + words.ForecastReason(ps.Claimed.Reason)
	if f := ps.Claimed.Forecast; f != nil {
		fc = fmt.Sprintf("Forecast: ready %s at %+.1f points a month", words.ForecastRange(*f), ps.Claimed.Pace.PerMonth)
	}
	out = append(out, fc+".")
	if !more {
		return out
	}
	if ev := ps.Evidenced; ev != nil {
		e := "Evidenced: " + words.ForecastReason(ev.Reason)
		if ev.Forecast != nil {
			e = fmt.Sprintf("Evidenced: ready %s at %+.1f points a month", words.ForecastRange(*ev.Forecast), ev.Pace.PerMonth)
		}
		out = append(out, e+".")
	}
	if t := words.Takes(rm, ps.Takes); t != "" {
		if ps.Target.IsZero() {
			out = append(out, "To be ready: "+t+".")
		} else {
			out = append(out, fmt.Sprintf("To be ready by the target: %s (%.1f points a month).", t, ps.Takes.PointsPerMonth))
		}
	}
	return out
}
