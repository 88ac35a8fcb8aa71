package cli

import (
	"flag"
	"fmt"
	"strings"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/core"
	"devpath/tracker/remind"
	"devpath/tracker/words"
)

// notifyLines is how many due entries a notification's body lists.
const notifyLines = 5

func init() {
	register(&command{
		name:    "due",
		section: sectionPlan,
		usage:   "due [--json] [--notify]",
		summary: "list what is due: a check-in, plan items, skills to re-confirm, evidence going stale, the target",
		help: `Lists what is due today: a check-in (by your cadence, 'devpath cadence'),
plan items due within a week or overdue, claimed skills to re-confirm,
evidence about to go stale (within 30 days) and the target date when it is
within 30 days. --notify also sends one desktop notification through the
notification service on the session bus when something is due, and none
when nothing is: 'devpath remind on' runs it once a day.`,
		examples: []string{"devpath due", "devpath due --json", "devpath due --notify"},
		setup: func(fs *flag.FlagSet) runFunc {
			asJSON := fs.Bool("json", false, "print JSON")
			notify := fs.Bool("notify", false, "send a desktop notification when something is due")
			return func(c *ctx, args []string) error {
				if err := wantArgs(args); err != nil {
					return err
				}
				return c.withRoadmap(false, func(rm *roadmap.Roadmap, st *core.DB) error {
					due, err := st.Due(rm, c.today())
					if err != nil {
						return err
					}
					if *asJSON {
						err = writeJSON(c.stdout, dueJSON(due))
					} else {
						vw := tracker.NewVisibleWriter(c.stdout)
						if len(due) == 0 {
							fmt.Fprintln(vw, "Nothing is due.")
						}
						for _, d := range due {
							fmt.Fprintln(vw, words.Due(d))
						}
						err = vw.Flush()
					}
					if err != nil || !*notify || len(due) == 0 {
						return err
					}
					_, err = remind.Notify(notifySummary(len(due)), notifyBody(due))
					return err
				})
			}
		},
	})
	register(&command{
		name:    "remind on",
		section: sectionPlan,
		usage:   "remind on",
		summary: "install a daily reminder that runs 'devpath due --notify'",
		help: `Installs a systemd user timer (devpath-remind.timer and .service in
$XDG_CONFIG_HOME/systemd/user, default ~/.config) that runs
'devpath due --notify' on this database once a day, and enables it with
systemctl --user. Without a systemd user session it writes an XDG autostart
entry (~/.config/autostart/devpath-remind.desktop) that runs it at each
login instead. What it installed is recorded, so that 'devpath remind off'
removes exactly that.`,
		examples: []string{"devpath remind on"},
		setup: func(fs *flag.FlagSet) runFunc {
			return func(c *ctx, args []string) error {
				if err := wantArgs(args); err != nil {
					return err
				}
				db, err := c.dbPath()
				if err != nil {
					return err
				}
				rec, fresh, err := remind.OnSelf(remind.Env{}, db)
				if err != nil {
					return failf("the reminder was not installed: %s", oneLine(err.Error()))
				}
				if !fresh {
					fmt.Fprintln(c.stdout, "The reminder is installed already ('devpath remind off' removes it).")
					return nil
				}
				switch rec.Kind {
				case remind.KindSystemd:
					fmt.Fprintln(c.stdout, "Installed a daily systemd user timer (devpath-remind.timer) that runs 'devpath due --notify'.")
				default:
					fmt.Fprintln(c.stdout, "No systemd user session: installed an autostart entry that runs 'devpath due --notify' when you log in.")
				}
				for _, f := range rec.Files {
					fmt.Fprintf(c.stdout, "  %s\n", tracker.Visible(f))
				}
				return nil
			}
		},
	})
	register(&command{
		name:     "remind off",
		section:  sectionPlan,
		usage:    "remind off",
		summary:  "remove the daily reminder 'remind on' installed, and nothing else",
		examples: []string{"devpath remind off"},
		setup: func(fs *flag.FlagSet) runFunc {
			return func(c *ctx, args []string) error {
				if err := wantArgs(args); err != nil {
					return err
				}
				rec, had, err := remind.Off(remind.Env{})
				if err != nil {
					return failf("the reminder was not removed completely: %s", oneLine(err.Error()))
				}
				if !had {
					fmt.Fprintln(c.stdout, "No reminder is installed.")
					return nil
				}
				fmt.Fprintf(c.stdout, "Removed the reminder (%d files).\n", len(rec.Files))
				return nil
			}
		},
	})
}

// notifySummary is the notification's title.
func notifySummary(n int) string {
	if n == 1 {
		return "devpath: 1 thing is due"
	}
	return fmt.Sprintf("devpath: %d things are due", n)
}

// notifyBody lists the first due entries, one a line.
func notifyBody(due []tracker.DueEntry) string {
	var lines []string
	for i, d := range due {
		if i == notifyLines {
			lines = append(lines, fmt.Sprintf("and %d more: run 'devpath due'", len(due)-notifyLines))
			break
		}
		lines = append(lines, tracker.Visible(words.Due(d)))
	}
	return strings.Join(lines, "\n")
}

// dueView is a due entry in JSON, with days as YYYY-MM-DD.
type dueView struct {
	Kind    string `json:"kind"`
	ID      string `json:"id,omitempty"`
	Title   string `json:"title,omitempty"`
	Date    string `json:"date"`
	Overdue bool   `json:"overdue"`
}

// dueJSON is the due list in JSON, [] when nothing is due.
func dueJSON(due []tracker.DueEntry) []dueView {
	out := make([]dueView, 0, len(due))
	for _, d := range due {
		out = append(out, dueView{Kind: string(d.Kind), ID: d.ID, Title: d.Title, Date: tracker.FormatDay(d.Date), Overdue: d.Overdue})
	}
	return out
}

// planItemView is a plan item in JSON.
type planItemView struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Kind    string `json:"kind,omitempty"`
	Due     string `json:"due"`
	Level   int    `json:"level"`
	Done    bool   `json:"done"`
	Overdue bool   `json:"overdue"`
}

// planItemsJSON is the plan's items in JSON, [] when there are none.
func planItemsJSON(items []tracker.PlanEntry) []planItemView {
	out := make([]planItemView, 0, len(items))
	for _, it := range items {
		out = append(out, planItemView{ID: it.ID, Title: it.Title, Kind: it.Kind, Due: tracker.FormatDay(it.Due), Level: int(it.Level), Done: it.Done, Overdue: it.Overdue})
	}
	return out
}

// forecastView is a forecast in JSON.
type forecastView struct {
	Earliest string `json:"earliest"`
	Likely   string `json:"likely"`
	Latest   string `json:"latest"`
}

// planView is status --json's "plan".
type planView struct {
	Target       *string `json:"target"`
	PacePerMonth struct {
		Claimed   float64  `json:"claimed"`
		Evidenced *float64 `json:"evidenced"`
	} `json:"pace_per_month"`
	Forecast          *forecastView `json:"forecast"`
	Reason            string        `json:"reason,omitempty"`
	EvidencedForecast *forecastView `json:"evidenced_forecast"`
	EvidencedReason   string        `json:"evidenced_reason,omitempty"`
	OnTrack           *bool         `json:"on_track"`
	Suggested         *struct {
		Typical     string `json:"typical"`
		Accelerated string `json:"accelerated"`
	} `json:"suggested"`
	WhatItTakes tracker.WhatItTakes `json:"what_it_takes"`
	Items       []planItemView      `json:"items"`
	Cadence     string              `json:"cadence"`
	NextCheckIn *string             `json:"next_check_in"`
}

// reconfirmView is an entry to re-confirm in JSON.
type reconfirmView struct {
	ID            string `json:"id"`
	LastConfirmed string `json:"last_confirmed"`
}

// dayPtr is a day as YYYY-MM-DD, nil for the zero time.
func dayPtr(d interface{ IsZero() bool }, s string) *string {
	if d.IsZero() {
		return nil
	}
	return &s
}

// forecastJSON is a forecast in JSON, nil for none.
func forecastJSON(f *tracker.Forecast) *forecastView {
	if f == nil {
		return nil
	}
	return &forecastView{Earliest: tracker.FormatDay(f.Earliest), Likely: tracker.FormatDay(f.Likely), Latest: tracker.FormatDay(f.Latest)}
}

// planJSON is the plan as status --json shows it, with the entries to
// re-confirm.
func planJSON(ps tracker.PlanStatus) (planView, []reconfirmView) {
	var v planView
	v.Target = dayPtr(ps.Target, tracker.FormatDay(ps.Target))
	v.PacePerMonth.Claimed = ps.Claimed.Pace.PerMonth
	v.Forecast, v.Reason = forecastJSON(ps.Claimed.Forecast), string(ps.Claimed.Reason)
	if ev := ps.Evidenced; ev != nil {
		p := ev.Pace.PerMonth
		v.PacePerMonth.Evidenced = &p
		v.EvidencedForecast, v.EvidencedReason = forecastJSON(ev.Forecast), string(ev.Reason)
	}
	v.OnTrack = ps.OnTrack
	if s := ps.Suggested; s != nil {
		v.Suggested = &struct {
			Typical     string `json:"typical"`
			Accelerated string `json:"accelerated"`
		}{tracker.FormatDay(s.Typical), tracker.FormatDay(s.Accelerated)}
	}
	v.WhatItTakes = ps.Takes
	v.Items = planItemsJSON(ps.Items)
	v.Cadence = ps.Cadence.String()
	v.NextCheckIn = dayPtr(ps.NextCheckIn, tracker.FormatDay(ps.NextCheckIn))
	re := make([]reconfirmView, 0, len(ps.Reconfirm))
	for _, r := range ps.Reconfirm {
		re = append(re, reconfirmView{ID: r.ID, LastConfirmed: tracker.FormatDay(r.LastConfirmed)})
	}
	return v, re
}
