package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/core"
	"devpath/tracker/team"
	"devpath/tracker/words"
)

func init() {
	register(&command{
		name:    "team init",
		section: sectionTeam,
		usage:   "team init URL",
		summary: "install or upgrade the team schema on a PostgreSQL database (administrator)",
		help: `Run once by the administrator, as the role that is to own the tables (it
needs CREATEROLE the first time, to create the group role devpath_member).
It records each step in the table devpath_schema, so running it again
changes nothing, and an upgraded devpath applies only its new steps.
The password comes from PGPASSWORD, ~/.pgpass or a prompt; it is never
stored. docs/team.md tells how to set the server up.`,
		examples: []string{"devpath team init postgres://admin@db.example.com/devpath"},
		setup: func(fs *flag.FlagSet) runFunc {
			return func(c *ctx, args []string) error {
				if err := wantArgs(args, "URL"); err != nil {
					return err
				}
				conn, err := c.teamConnect(args[0], true)
				if err != nil {
					return err
				}
				defer conn.Close()
				res, err := conn.Init(context.Background())
				if err != nil {
					return failf("%s", oneLine(err.Error()))
				}
				if len(res.Applied) == 0 {
					fmt.Fprintf(c.stdout, "The team schema is up to date (version %d); nothing was changed.\n", res.To)
					printInitNotes(c, res)
					return nil
				}
				fmt.Fprintf(c.stdout, "Installed the team schema, version %d to %d, as %s:\n", res.From, res.To, conn.Role())
				for _, a := range res.Applied {
					fmt.Fprintf(c.stdout, "  %s\n", a)
				}
				printInitNotes(c, res)
				fmt.Fprintln(c.stdout, "Next: 'devpath team admin add-member TEAM MANAGER MEMBER' for each report.")
				return nil
			}
		},
	})
	register(&command{
		name:    "team join",
		section: sectionTeam,
		usage:   "team join URL [--share-evidence] [--name NAME]",
		brief:   "team join URL",
		summary: "publish your check-ins to your team's database from now on",
		help: `Links this database to the team database at URL, as your own PostgreSQL
role. From then on every check-in is queued here and published there;
'devpath team publish' sends what a network failure held back. Only the
check-ins are shared: stage, readiness (claimed and evidenced), verdict,
time in stage, each entry's level, and your target date with the
forecast range and whether you are on track. With --share-evidence the titles
(first lines) and links of your evidence go too; never the rest of a note.
--name sets the name your manager sees (default: your profile's name).
The password comes from PGPASSWORD, ~/.pgpass or a prompt; devpath keeps
the URL without it.`,
		examples: []string{
			"devpath team join postgres://alice@db.example.com/devpath",
			"devpath team join postgres://alice@db.example.com/devpath --share-evidence",
		},
		setup: func(fs *flag.FlagSet) runFunc {
			share := fs.Bool("share-evidence", false, "share the titles and links of your evidence")
			name := fs.String("name", "", "the name your manager sees, as `NAME`")
			return func(c *ctx, args []string) error {
				if err := wantArgs(args, "URL"); err != nil {
					return err
				}
				if err := team.CheckURL(args[0]); err != nil {
					return usagef("%s", err.Error())
				}
				return c.withStore(true, func(st *core.DB) error {
					conn, err := c.teamConnect(args[0], true)
					if err != nil {
						return err
					}
					defer conn.Close()
					display, stored, err := st.JoinWith(context.Background(), conn, args[0], *share, *name)
					if err != nil {
						return failf("%s", oneLine(err.Error()))
					}
					fmt.Fprintf(c.stdout, "Joined the team database %s as %s (%q); your check-ins are published there from now on.\n", stored, conn.Role(), display)
					if *share {
						fmt.Fprintln(c.stdout, "The titles and links of your evidence go with them.")
					} else {
						fmt.Fprintln(c.stdout, "Your evidence stays here ('team join --share-evidence' shares its titles and links).")
					}
					if stored != args[0] {
						fmt.Fprintln(c.stdout, "The password in the URL was not stored: use PGPASSWORD or ~/.pgpass.")
					}
					return nil
				})
			}
		},
	})
	register(&command{
		name:     "team leave",
		section:  sectionTeam,
		usage:    "team leave",
		summary:  "stop publishing check-ins (what was published stays on the server)",
		examples: []string{"devpath team leave"},
		setup: func(fs *flag.FlagSet) runFunc {
			return func(c *ctx, args []string) error {
				if err := wantArgs(args); err != nil {
					return err
				}
				return c.withStore(true, func(st *core.DB) error {
					link, ok, err := st.Team()
					if err != nil {
						return err
					}
					if !ok {
						return failf("this database has joined no team")
					}
					pending, _, err := st.TeamQueueCounts()
					if err != nil {
						return err
					}
					if err := st.LeaveTeam(); err != nil {
						return err
					}
					fmt.Fprintf(c.stdout, "Left the team database %s; %s not published were dropped.\n", link.URL, plural(pending, "check-in"))
					return nil
				})
			}
		},
	})
	register(&command{
		name:    "team publish",
		section: sectionTeam,
		usage:   "team publish",
		summary: "send the check-ins queued for the team",
		help: `Sends every check-in queued since joining that the server does not have
yet, oldest first. A check-in already on the server (its answer lost to a
network failure) is not stored twice. When the connection fails, what is
left stays queued for the next 'devpath team publish'.`,
		examples: []string{"devpath team publish"},
		setup: func(fs *flag.FlagSet) runFunc {
			return func(c *ctx, args []string) error {
				if err := wantArgs(args); err != nil {
					return err
				}
				return c.withStore(true, func(st *core.DB) error {
					link, err := joined(st)
					if err != nil {
						return err
					}
					conn, err := c.teamConnect(link.URL, true)
					if err != nil {
						return err
					}
					defer conn.Close()
					res, err := st.PublishTo(context.Background(), conn)
					if err != nil {
						return failf("%s; %s still queued, 'devpath team publish' sends them", oneLine(err.Error()), plural(res.Left, "check-in"))
					}
					if res.Sent+res.Already == 0 {
						fmt.Fprintln(c.stdout, "Nothing to publish: the team has every check-in.")
						return nil
					}
					fmt.Fprintf(c.stdout, "Published %s to %s.\n", plural(res.Sent+res.Already, "check-in"), link.URL)
					printPublishNote(c, res)
					return nil
				})
			}
		},
	})
	register(&command{
		name:    "team status",
		section: sectionTeam,
		usage:   "team status [--team NAME] [--url URL] [--json]",
		brief:   "team status",
		summary: "your reports: stage, readiness, change and time in stage (managers)",
		help: `For each person you manage (in every team, or only --team NAME): their
name, stage, readiness claimed and evidenced in their latest published
check-in, the change since the check-in before, the months in their stage
against the roadmap's typical timeline (with the warning past three years
at one level), the day of that check-in, and their target date with the
forecast range and whether they are on track ("no plan shared" for a
check-in from a devpath before plans). The server shows you only your
reports. --url connects to another database than the one joined.`,
		examples: []string{"devpath team status", "devpath team status --team platform --json"},
		setup: func(fs *flag.FlagSet) runFunc {
			teamName, rawURL, asJSON := teamViewFlags(fs)
			return func(c *ctx, args []string) error {
				return c.teamView(args, *rawURL, func(rm *roadmap.Roadmap, conn *team.Conn) error {
					reports, err := conn.Status(context.Background(), *teamName, rm, c.today())
					if err != nil {
						return failf("%s", oneLine(err.Error()))
					}
					if *asJSON {
						if reports == nil {
							reports = []team.Report{}
						}
						return writeJSON(c.stdout, struct {
							Team    string        `json:"team,omitempty"`
							Manager string        `json:"manager"`
							Reports []team.Report `json:"reports"`
						}{*teamName, conn.Role(), reports})
					}
					return printReports(c, reports)
				})
			}
		},
	})
	register(&command{
		name:    "team coverage",
		section: sectionTeam,
		usage:   "team coverage [--team NAME] [--url URL] [--json]",
		brief:   "team coverage",
		summary: "how many of your reports are proficient in each roadmap entry (managers)",
		help: `For each entry of the roadmap, how many of the people you manage are
proficient in it (level 3 or more in their latest published check-in),
and at the end the entries nobody covers.`,
		examples: []string{"devpath team coverage", "devpath team coverage --json"},
		setup: func(fs *flag.FlagSet) runFunc {
			teamName, rawURL, asJSON := teamViewFlags(fs)
			return func(c *ctx, args []string) error {
				return c.teamView(args, *rawURL, func(rm *roadmap.Roadmap, conn *team.Conn) error {
					cov, err := conn.Coverage(context.Background(), *teamName, rm)
					if err != nil {
						return failf("%s", oneLine(err.Error()))
					}
					if *asJSON {
						return writeJSON(c.stdout, cov)
					}
					return printCoverage(c, rm, cov)
				})
			}
		},
	})
	register(&command{
		name:    "team admin",
		section: sectionTeam,
		usage:   "team admin add-member|remove-member TEAM MANAGER MEMBER [--url URL] | team admin list [--url URL]",
		brief:   "team admin add-member|remove-member|list",
		summary: "who manages whom (administrator)",
		help: `add-member makes MANAGER the manager of MEMBER in TEAM (created when new)
and grants both roles devpath_member; remove-member ends it (the team goes
with its last membership); list shows every membership. Run as the
administrator who ran 'devpath team init'; the roles must exist already
(CREATE ROLE alice LOGIN PASSWORD '…'). --url defaults to the database
joined. docs/team.md shows the same in SQL.`,
		examples: []string{
			"devpath team admin add-member platform maria alice --url postgres://admin@db.example.com/devpath",
			"devpath team admin remove-member platform maria alice --url postgres://admin@db.example.com/devpath",
			"devpath team admin list --url postgres://admin@db.example.com/devpath",
		},
		setup: func(fs *flag.FlagSet) runFunc {
			rawURL := fs.String("url", "", "the team database, as `URL` (default: the one joined)")
			return func(c *ctx, args []string) error {
				if len(args) == 0 {
					return usagef("missing add-member, remove-member or list")
				}
				switch args[0] {
				case "add-member", "remove-member":
					if err := wantArgs(args[1:], "TEAM", "MANAGER", "MEMBER"); err != nil {
						return err
					}
				case "list":
					if err := wantArgs(args[1:]); err != nil {
						return err
					}
				default:
					return usagef("unknown %q: add-member, remove-member or list", args[0])
				}
				return c.withTeam(*rawURL, func(_ *roadmap.Roadmap, conn *team.Conn) error {
					ctx := context.Background()
					switch args[0] {
					case "add-member":
						if err := conn.AddMember(ctx, args[1], args[2], args[3]); err != nil {
							return failf("%s", oneLine(err.Error()))
						}
						fmt.Fprintf(c.stdout, "%s manages %s in %s.\n", args[2], args[3], args[1])
					case "remove-member":
						ok, err := conn.RemoveMember(ctx, args[1], args[2], args[3])
						if err != nil {
							return failf("%s", oneLine(err.Error()))
						}
						if !ok {
							return failf("%s does not manage %s in %s", args[2], args[3], args[1])
						}
						fmt.Fprintf(c.stdout, "%s no longer manages %s in %s.\n", args[2], args[3], args[1])
					default:
						ms, err := conn.Memberships(ctx)
						if err != nil {
							return failf("%s", oneLine(err.Error()))
						}
						if len(ms) == 0 {
							fmt.Fprintln(c.stdout, "No memberships.")
							return nil
						}
						w, flush := visibleTable(c.stdout)
						fmt.Fprintln(w, "TEAM\tMANAGER\tMEMBER")
						for _, m := range ms {
							fmt.Fprintf(w, "%s\t%s\t%s\n", tracker.Visible(m.TeamName), tracker.Visible(m.ManagerRole), tracker.Visible(m.MemberRole))
						}
						return flush()
					}
					return nil
				})
			}
		},
	})
}

// printInitNotes says what an upgrade changed in rows already there, the
// checks rows from before still break, and whether members can read the
// tables' statistics.
func printInitNotes(c *ctx, res team.InitResult) {
	for _, n := range res.Notes {
		fmt.Fprintf(c.stdout, "Note: %s.\n", n)
	}
	if len(res.Unvalidated) > 0 {
		fmt.Fprintf(c.stdout, "Note: check-ins from before break %s; they stay NOT VALID (every new row is checked) and the team views show those check-ins as unreadable.\n",
			strings.Join(res.Unvalidated, ", "))
	}
	if !res.StatisticsHidden {
		fmt.Fprintln(c.stdout, "Note: members can read the tables' statistics (how many check-ins there are); a superuser hides them by running 'devpath team init URL' once (docs/team.md).")
	}
}

// joined returns the team link of st, or the failure that says to join.
func joined(st *core.DB) (tracker.TeamLink, error) {
	link, ok, err := st.Team()
	if err != nil {
		return link, err
	}
	if !ok {
		return link, failf("this database has joined no team; 'devpath team join URL' joins one")
	}
	return link, nil
}

// withTeam connects to rawURL, else to the team the database joined, and
// runs fn with the roadmap and the connection.
func (c *ctx) withTeam(rawURL string, fn func(rm *roadmap.Roadmap, conn *team.Conn) error) error {
	if rawURL != "" {
		if err := team.CheckURL(rawURL); err != nil {
			return usagef("%s", err.Error())
		}
	}
	return c.withRoadmap(false, func(rm *roadmap.Roadmap, st *core.DB) error {
		if rawURL == "" {
			link, err := joined(st)
			if err != nil {
				return failf("this database has joined no team; give the database with --url URL")
			}
			rawURL = link.URL
		}
		conn, err := c.teamConnect(rawURL, true)
		if err != nil {
			return err
		}
		defer conn.Close()
		return fn(rm, conn)
	})
}

// teamViewFlags are the flags of the manager's views: --team, --url and
// --json.
func teamViewFlags(fs *flag.FlagSet) (teamName, rawURL *string, asJSON *bool) {
	return fs.String("team", "", "only the team `NAME`"),
		fs.String("url", "", "the team database, as `URL` (default: the one joined)"),
		fs.Bool("json", false, "print JSON")
}

// teamView runs a manager's view, which takes no arguments, on the team
// database at rawURL (default: the one joined).
func (c *ctx) teamView(args []string, rawURL string, view func(rm *roadmap.Roadmap, conn *team.Conn) error) error {
	if err := wantArgs(args); err != nil {
		return err
	}
	return c.withTeam(rawURL, view)
}

// teamConnect connects to the team database. With ask, a password that
// neither PGPASSWORD nor ~/.pgpass gives is asked for when the input is a
// terminal.
func (c *ctx) teamConnect(rawURL string, ask bool) (*team.Conn, error) {
	o := team.Options{}
	if f, ok := c.stdin.(*os.File); ok && ask && team.IsTerminal(f) {
		o.Password = func() (string, error) {
			return team.ReadPassword(f, c.stderr, fmt.Sprintf("Password for %s: ", team.Redact(rawURL)))
		}
	}
	if !ask {
		o.Timeout = 5 * time.Second
	}
	conn, err := c.core.ConnectTeam(context.Background(), rawURL, o)
	if errors.Is(err, team.ErrURL) {
		return nil, usagef("%s", err.Error())
	}
	if err != nil {
		return nil, failf("%s", oneLine(err.Error()))
	}
	return conn, nil
}

// publishAfterCheckIn tries to publish what is queued right after a
// check-in, when the database joined a team. It never fails the check-in:
// a failure is one line of note, and the queue waits for 'team publish'.
// No password is asked for here.
func (c *ctx) publishAfterCheckIn(st *core.DB) {
	res, joined, err := st.PublishQueued(context.Background())
	if !joined {
		return
	}
	if err == nil {
		fmt.Fprintf(c.stdout, "Published %s to the team.\n", plural(res.Sent+res.Already, "check-in"))
		printPublishNote(c, res)
		return
	}
	fmt.Fprintf(c.stderr, "devpath: note: the check-in is queued for the team but was not published (%s); 'devpath team publish' sends it\n",
		errorLine(err.Error()))
}

// printReports prints the manager's view as a table, then the warnings
// and the check-ins that could not be read. Every cell goes through
// tracker.Visible, so that a tab or a line break in a name or a title
// prints as an escape and cannot make a column or a row of its own.
func printReports(c *ctx, reports []team.Report) error {
	if len(reports) == 0 {
		fmt.Fprintln(c.stdout, "You manage nobody on this team database (an administrator runs 'devpath team admin add-member').")
		return nil
	}
	w, flush := visibleTable(c.stdout)
	fmt.Fprintln(w, "NAME\tSTAGE\tCLAIMED\tEVIDENCED\tCHANGE\tIN STAGE\tLAST CHECK-IN\tPLAN")
	for _, r := range reports {
		name := tracker.Visible(r.Label())
		switch {
		case r.Problem != "":
			fmt.Fprintf(w, "%s\t(unreadable)\t-\t-\t-\t-\t-\t-\n", name)
			continue
		case !r.CheckedIn:
			fmt.Fprintf(w, "%s\t-\t-\t-\t-\t-\tnone published\t-\n", name)
			continue
		}
		ev, change := "-", "-"
		if r.Evidenced != nil {
			ev = fmt.Sprintf("%.1f", *r.Evidenced)
		}
		if r.ClaimedChange != nil {
			change = signed(*r.ClaimedChange)
		}
		fmt.Fprintf(w, "%s\t%s\t%.1f\t%s\t%s\t%s\t%s\t%s\n", name, tracker.Visible(r.StageTitle), r.Claimed, ev, change,
			words.InStage(r.MonthsInStage, r.StageSince != nil, r.Timeline, r.Typical), r.LastCheckIn.Local().Format("2006-01-02"), r.Plan.Short())
	}
	if err := flush(); err != nil {
		return err
	}
	for _, r := range reports {
		if r.Warning != "" {
			fmt.Fprintf(c.stdout, "\n%s: %s\n", tracker.Visible(r.Label()), r.Warning)
		}
	}
	for _, r := range reports {
		if r.Problem != "" {
			fmt.Fprintf(c.stdout, "\n%s: unreadable: %s\n", tracker.Visible(r.Label()), tracker.Visible(r.Problem))
		}
		if r.Unreadable > 0 {
			fmt.Fprintf(c.stdout, "\n%s: %s could not be read (a time outside %d to %d) and %s left out.\n", tracker.Visible(r.Label()),
				plural(r.Unreadable, "check-in"), team.EarliestTime.Year(), team.LatestTime.Year(), isAre(r.Unreadable))
		}
	}
	return nil
}

// printPublishNote prints what a publish that went through leaves to say
// (the plan left out by an older server), as a note on the error stream.
func printPublishNote(c *ctx, res team.PublishResult) {
	if n := res.Note(); n != "" {
		fmt.Fprintf(c.stderr, "devpath: note: %s\n", n)
	}
}

// isAre is "is" for one, else "are".
func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// printCoverage prints each entry's count, then the entries nobody covers
// and the reports whose check-in could not be read.
func printCoverage(c *ctx, rm *roadmap.Roadmap, cov team.Coverage) error {
	defer printUnreadable(c, cov.Unreadable)
	if cov.Reports == 0 {
		fmt.Fprintln(c.stdout, "None of your reports has published a check-in yet.")
		return nil
	}
	fmt.Fprintf(c.stdout, "Proficient (level 3 or more) among %s, in their latest check-ins:\n", plural(cov.Reports, "report"))
	w, flush := visibleTable(c.stdout)
	fmt.Fprintln(w, "ENTRY\tSTAGE\tPROFICIENT\tWHO")
	for _, e := range cov.Entries {
		stage := "-"
		if e.Stage != "" {
			stage = stageTitle(rm, e.Stage)
		}
		fmt.Fprintf(w, "%s\t%s\t%d/%d\t%s\n", tracker.Visible(e.ID), tracker.Visible(stage), e.Proficient, cov.Reports, tracker.Visible(strings.Join(e.Who, ", ")))
	}
	if err := flush(); err != nil {
		return err
	}
	if len(cov.Uncovered) == 0 {
		fmt.Fprintln(c.stdout, "\nEvery entry is covered by someone.")
		return nil
	}
	fmt.Fprintf(c.stdout, "\nNobody covers %s: %s\n", plural(len(cov.Uncovered), "entry"), tracker.Visible(strings.Join(cov.Uncovered, ", ")))
	return nil
}

// printUnreadable tells the reports Coverage could not count, one line
// each.
func printUnreadable(c *ctx, list []team.UnreadableReport) {
	if len(list) == 0 {
		return
	}
	fmt.Fprintf(c.stdout, "\n%s could not be read and %s not counted:\n", plural(len(list), "report"), isAre(len(list)))
	for _, u := range list {
		fmt.Fprintf(c.stdout, "  %s: %s\n", tracker.Visible(u.Role), tracker.Visible(u.Problem))
	}
}
