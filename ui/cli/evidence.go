package cli

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/core"
	"devpath/tracker/words"
)

// stringList is a flag that may be given several times (--author a
// --author b); each value may also hold several, separated by commas.
type stringList []string

func (l *stringList) String() string { return strings.Join(*l, ",") }

func (l *stringList) Set(v string) error {
	for _, x := range strings.Split(v, ",") {
		if x = strings.TrimSpace(x); x != "" {
			*l = append(*l, x)
		}
	}
	return nil
}

func init() {
	register(&command{
		name:    "evidence list",
		section: sectionEvidence,
		usage:   "evidence list [ID] [--json]",
		summary: "list your evidence, for one entry or all",
		help: `Lists the evidence you recorded, oldest first: its number (which 'evidence
edit' and 'evidence delete' take), the day, the entry, the level it shows
and the note. Evidence older than the roadmap's limit (24 months in the
DevOps roadmap) is marked stale: it no longer counts in the evidenced
score until you add something newer.`,
		examples: []string{"devpath evidence list", "devpath evidence list tf-modules --json"},
		setup: func(fs *flag.FlagSet) runFunc {
			asJSON := fs.Bool("json", false, "print JSON")
			return func(c *ctx, args []string) error {
				if len(args) > 1 {
					return wantArgs(args, "ID")
				}
				return c.withRoadmap(false, func(rm *roadmap.Roadmap, st *core.DB) error {
					id := ""
					if len(args) == 1 {
						e, err := lookupEntry(rm, args[0])
						if err != nil {
							return err
						}
						id = e.Item.ID
					}
					list, err := st.Evidence(id)
					if err != nil {
						return err
					}
					return c.printEvidence(rm, list, *asJSON)
				})
			}
		},
	})
	register(&command{
		name:    "evidence add",
		section: sectionEvidence,
		usage:   "evidence add ID --note TEXT [--link URL] [--date YYYY-MM-DD] [--level 1-4]",
		summary: "record evidence for an entry without changing its level",
		help: `Records what you did that shows the entry ID: --note says it, --link adds a
web address, --date is the day it happened (default today), and --level
the skill level it shows (default: whatever level you claim). Undo takes
it back.`,
		examples: []string{`devpath evidence add tf-modules --note "Wrote the VPC module the team uses" --link https://example.com/pr/7`},
		setup: func(fs *flag.FlagSet) runFunc {
			note := fs.String("note", "", "what you did, as `TEXT`")
			link := fs.String("link", "", "an http or https `URL`")
			date := fs.String("date", "", "the day it happened, `YYYY-MM-DD` (default today)")
			level := fs.String("level", "", "the skill level it shows, `1-4` (default: the level you claim)")
			return func(c *ctx, args []string) error {
				if err := wantArgs(args, "ID"); err != nil {
					return err
				}
				if !isSet(fs, "note") {
					return usagef("--note is needed: say what you did")
				}
				var e tracker.Evidence
				var err error
				if e.Note, err = noteFlag(*note); err != nil {
					return err
				}
				if isSet(fs, "link") {
					if e.Link, err = linkFlag(*link); err != nil {
						return err
					}
				}
				if isSet(fs, "date") {
					if e.Date, err = parseDay(c, *date); err != nil {
						return usagef("--date: %s", err)
					}
				}
				if isSet(fs, "level") {
					if e.Level, err = parseLevel(*level); err != nil {
						return err
					}
				}
				rm, err := c.roadmap()
				if err != nil {
					return err
				}
				entry, err := lookupEntry(rm, args[0])
				if err != nil {
					return err
				}
				e.ItemID = entry.Item.ID
				return c.withRoadmap(true, func(rm *roadmap.Roadmap, st *core.DB) error {
					return c.scoreChange(rm, st, func() (bool, error) {
						saved, err := st.AddEvidence(e)
						if err != nil {
							return false, err
						}
						fmt.Fprintf(c.stdout, "Evidence %d recorded for %s (%s).\n", saved.ID, e.ItemID, entry.Item.Title)
						return true, nil
					})
				})
			}
		},
	})
	register(&command{
		name:    "evidence edit",
		section: sectionEvidence,
		usage:   "evidence edit N [--note TEXT] [--link URL] [--no-link] [--date YYYY-MM-DD] [--level 0-4] [--item ID]",
		summary: "change a piece of evidence",
		help: `Changes the evidence numbered N (see 'evidence list'): only what you give
changes. --no-link removes its link; --level 0 makes it support whatever
level you claim; --item moves it to another entry. Undo takes it back.`,
		examples: []string{"devpath evidence edit 4 --date 2026-03-01", "devpath evidence edit 4 --level 4"},
		setup: func(fs *flag.FlagSet) runFunc {
			note := fs.String("note", "", "the new note, as `TEXT`")
			link := fs.String("link", "", "the new http or https `URL`")
			noLink := fs.Bool("no-link", false, "remove the link")
			date := fs.String("date", "", "the new day, `YYYY-MM-DD`")
			level := fs.String("level", "", "the skill level it shows, `0-4` (0: the level you claim)")
			item := fs.String("item", "", "move it to the entry `ID`")
			return func(c *ctx, args []string) error {
				if err := wantArgs(args, "N"); err != nil {
					return err
				}
				n, err := evidenceNumber(args[0])
				if err != nil {
					return err
				}
				if isSet(fs, "link") && *noLink {
					return usagef("--link and --no-link cannot be given together")
				}
				return c.withRoadmap(true, func(rm *roadmap.Roadmap, st *core.DB) error {
					e, err := findEvidence(st, n)
					if err != nil {
						return err
					}
					if isSet(fs, "note") {
						if e.Note, err = noteFlag(*note); err != nil {
							return err
						}
					}
					if isSet(fs, "link") {
						if e.Link, err = linkFlag(*link); err != nil {
							return err
						}
					}
					if *noLink {
						e.Link = ""
					}
					if isSet(fs, "date") {
						if e.Date, err = parseDay(c, *date); err != nil {
							return usagef("--date: %s", err)
						}
					}
					if isSet(fs, "level") {
						if e.Level, err = parseLevel(*level); err != nil {
							return err
						}
					}
					if isSet(fs, "item") {
						entry, err := lookupEntry(rm, *item)
						if err != nil {
							return err
						}
						e.ItemID = entry.Item.ID
					}
					return c.scoreChange(rm, st, c.saying(func() error { return st.UpdateEvidence(e) }, fmt.Sprintf("Evidence %d changed.", n)))
				})
			}
		},
	})
	register(&command{
		name:     "evidence delete",
		section:  sectionEvidence,
		usage:    "evidence delete N",
		summary:  "delete a piece of evidence (undo brings it back)",
		examples: []string{"devpath evidence delete 4"},
		setup: func(fs *flag.FlagSet) runFunc {
			return func(c *ctx, args []string) error {
				if err := wantArgs(args, "N"); err != nil {
					return err
				}
				n, err := evidenceNumber(args[0])
				if err != nil {
					return err
				}
				return c.withRoadmap(true, func(rm *roadmap.Roadmap, st *core.DB) error {
					return c.scoreChange(rm, st, c.saying(func() error { return st.DeleteEvidence(n) }, fmt.Sprintf("Evidence %d deleted; 'devpath undo' brings it back.", n)))
				})
			}
		},
	})
	register(&command{
		name:    "evidence suggestions",
		section: sectionEvidence,
		usage:   "evidence suggestions [--json]",
		summary: "list the evidence found in git repositories, waiting for you to accept or dismiss it",
		help: `Lists the suggestions 'evidence scan' found and you have not reviewed, in
the order of what they add: first the ones that raise your evidenced score
most, then the other entries that count for the readiness of your stage
(with your track's and your branch's), then the rest, each in roadmap
order. Each row has its number (which 'evidence accept' and 'evidence
dismiss' take), COUNTS ("yes" when its entry counts for your readiness,
with "+N" the points accepting it adds to your evidenced score, "no"
otherwise), the entry, its stage and group, the commits with their first
and last day, the repository and up to three example subjects.

A suggestion adds to the evidenced score only when it backs a claim that
lacks fresh evidence: tick the entry at the level you have reached (see
'devpath status' for the evidenced score) and the gain shows. Entries of
earlier stages count for nothing now; their evidence is still kept.

--json prints each suggestion with id, item, title, kind, stage and
stage_title, group and group_title (for a branch item, its branch; empty
for a criterion or a milestone), counts (true or false), gain (points on
the evidenced score), repo, commits, first, last, examples and link.`,
		examples: []string{"devpath evidence suggestions", "devpath evidence suggestions --json"},
		setup: func(fs *flag.FlagSet) runFunc {
			asJSON := fs.Bool("json", false, "print JSON")
			return func(c *ctx, args []string) error {
				if err := wantArgs(args); err != nil {
					return err
				}
				return c.withRoadmap(false, func(rm *roadmap.Roadmap, st *core.DB) error {
					sg, err := st.PendingFits(rm)
					if err != nil {
						return err
					}
					return c.printSuggestions(rm, sg, *asJSON)
				})
			}
		},
	})
	register(&command{
		name:    "evidence accept",
		section: sectionEvidence,
		usage:   "evidence accept ID... [--level 1-4] | evidence accept --all",
		summary: "turn suggestions into evidence",
		help: `Accepts the suggestions with the numbers given (see 'evidence
suggestions'), or all of them with --all: each becomes one piece of
evidence for its entry, dated on its newest commit, with the commit's web
address as its link when there is one. --level says what skill level the
commits show (default: the level you claim). Undo takes each back.`,
		examples: []string{"devpath evidence accept 3", "devpath evidence accept 3 5 --level 4", "devpath evidence accept --all"},
		setup: func(fs *flag.FlagSet) runFunc {
			all := fs.Bool("all", false, "accept every suggestion")
			level := fs.String("level", "", "the skill level the commits show, `1-4`")
			return func(c *ctx, args []string) error {
				switch {
				case *all && len(args) > 0:
					return usagef("give suggestion numbers or --all, not both")
				case !*all && len(args) == 0:
					return usagef("missing ID: give suggestion numbers, or --all")
				}
				ids, err := suggestionIDs(args)
				if err != nil {
					return err
				}
				var l tracker.Level
				if isSet(fs, "level") {
					if l, err = parseLevel(*level); err != nil {
						return err
					}
				}
				return c.withRoadmap(true, func(rm *roadmap.Roadmap, st *core.DB) error {
					return c.scoreChange(rm, st, func() (bool, error) {
						saved, err := st.AcceptSuggestions(ids, l)
						if err != nil {
							return false, suggestionError(err)
						}
						if len(saved) == 0 {
							fmt.Fprintln(c.stdout, "No suggestions to accept.")
							return false, nil
						}
						for _, e := range saved {
							fmt.Fprintf(c.stdout, "Evidence %d recorded for %s (%s).\n", e.ID, e.ItemID, entryTitle(rm, e.ItemID))
						}
						return true, nil
					})
				})
			}
		},
	})
	register(&command{
		name:     "evidence dismiss",
		section:  sectionEvidence,
		usage:    "evidence dismiss ID...",
		summary:  "dismiss suggestions: the same entry in the same repository is not suggested again",
		examples: []string{"devpath evidence dismiss 4"},
		setup: func(fs *flag.FlagSet) runFunc {
			return func(c *ctx, args []string) error {
				if len(args) == 0 {
					return usagef("missing ID")
				}
				ids, err := suggestionIDs(args)
				if err != nil {
					return err
				}
				return c.withStore(true, func(st *core.DB) error {
					for _, n := range ids {
						if err := st.DismissSuggestion(n); err != nil {
							return suggestionError(err)
						}
						fmt.Fprintf(c.stdout, "Suggestion %d dismissed.\n", n)
					}
					return nil
				})
			}
		},
	})
}

// suggestionIDs reads the suggestion numbers of accept and dismiss.
func suggestionIDs(args []string) ([]int64, error) {
	var ids []int64
	for _, a := range args {
		n, err := strconv.ParseInt(a, 10, 64)
		if err != nil || n <= 0 {
			return nil, usagef("%q is not a suggestion number (see 'devpath evidence suggestions')", a)
		}
		ids = append(ids, n)
	}
	return ids, nil
}

// suggestionError words a suggestion's errors: the suggestion named and
// what is wrong with it, without the operation around it.
func suggestionError(err error) error {
	var e *tracker.Error
	for next := err; errors.As(next, &e); next = e.Err {
		switch e.Code {
		case tracker.CodeNotFound:
			return failf("suggestion %s: %s; 'devpath evidence suggestions' lists the ones waiting", e.Entry, e.Msg)
		case tracker.CodeReviewed:
			return failf("suggestion %s %s", e.Entry, e.Msg)
		}
	}
	return err
}

// evidenceNumber reads the N of evidence edit and delete.
func evidenceNumber(s string) (int64, error) {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 {
		return 0, usagef("%q is not an evidence number (see 'devpath evidence list')", s)
	}
	return n, nil
}

// findEvidence reads the evidence numbered n.
func findEvidence(st *core.DB, n int64) (tracker.Evidence, error) {
	all, err := st.Evidence("")
	if err != nil {
		return tracker.Evidence{}, err
	}
	for _, e := range all {
		if e.ID == n {
			return e, nil
		}
	}
	return tracker.Evidence{}, failf("no evidence numbered %d; 'devpath evidence list' lists yours", n)
}

// scoreChange makes a change through the core and, when it changed
// anything, prints the readiness after it.
func (c *ctx) scoreChange(rm *roadmap.Roadmap, st *core.DB, change func() (changed bool, err error)) error {
	ch, err := st.Apply(rm, func(tracker.Progress) (bool, error) { return change() })
	if err != nil || !ch.Changed {
		return err
	}
	c.printChange(ch)
	return nil
}

// saying is a change for scoreChange that cannot turn out to change
// nothing: do, then done printed.
func (c *ctx) saying(do func() error, done string) func() (bool, error) {
	return func() (bool, error) {
		if err := do(); err != nil {
			return false, err
		}
		fmt.Fprintln(c.stdout, done)
		return true, nil
	}
}

// evidenceJSON is one piece of evidence as 'evidence list --json' prints it.
type evidenceJSON struct {
	ID    int64  `json:"id"`
	Item  string `json:"item"`
	Title string `json:"title"`
	Note  string `json:"note"`
	Link  string `json:"link,omitempty"`
	Date  string `json:"date"`
	Level int    `json:"level"`
	Stale bool   `json:"stale"`
}

func (c *ctx) printEvidence(rm *roadmap.Roadmap, list []tracker.Evidence, asJSON bool) error {
	fresh := tracker.FreshFrom(tracker.ReadinessSettings(rm).Evidence, c.today())
	if asJSON {
		out := make([]evidenceJSON, 0, len(list))
		for _, e := range list {
			out = append(out, evidenceJSON{ID: e.ID, Item: e.ItemID, Title: entryTitle(rm, e.ItemID), Note: e.Note, Link: e.Link,
				Date: day(e.Date), Level: int(e.Level), Stale: e.Date.Before(fresh)})
		}
		return writeJSON(c.stdout, out)
	}
	if len(list) == 0 {
		fmt.Fprintln(c.stdout, "No evidence recorded yet. 'devpath evidence add ID --note TEXT' records some; 'devpath evidence scan PATH' finds it in your git repositories.")
		return nil
	}
	w, flush := visibleTable(c.stdout)
	fmt.Fprintln(w, "N\tDAY\tENTRY\tLEVEL\tNOTE")
	for _, e := range list {
		lv := "as claimed"
		if e.Level > tracker.NotStarted {
			lv = words.Level(e.Level)
		}
		note := oneLine(e.Note)
		if r := []rune(note); len(r) > 80 {
			note = string(r[:79]) + "…"
		}
		if e.Date.Before(fresh) {
			note = "[stale] " + note
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\n", e.ID, day(e.Date), e.ItemID, lv, note)
	}
	return flush()
}

// suggestionJSON is one suggestion as the --json outputs print it: what
// was found, where its entry sits in the roadmap, whether the entry counts
// for the user's readiness and what accepting it adds to the evidenced
// score.
type suggestionJSON struct {
	ID         int64    `json:"id"`
	Item       string   `json:"item"`
	Title      string   `json:"title"`
	Kind       string   `json:"kind"`
	Stage      string   `json:"stage"`
	StageTitle string   `json:"stage_title"`
	Group      string   `json:"group"`
	GroupTitle string   `json:"group_title"`
	Counts     bool     `json:"counts"`
	Gain       float64  `json:"gain"`
	Repo       string   `json:"repo"`
	Commits    int      `json:"commits"`
	First      string   `json:"first"`
	Last       string   `json:"last"`
	Examples   []string `json:"examples"`
	Link       string   `json:"link"`
}

func suggestionsJSON(rm *roadmap.Roadmap, sg []tracker.SuggestionFit) []suggestionJSON {
	out := make([]suggestionJSON, 0, len(sg))
	for _, s := range sg {
		title := s.Title
		if s.Kind == "" {
			title = entryTitle(rm, s.Item)
		}
		out = append(out, suggestionJSON{ID: s.ID, Item: s.Item, Title: title, Kind: s.Kind,
			Stage: s.Stage, StageTitle: s.StageTitle, Group: s.Group, GroupTitle: s.GroupTitle, Counts: s.Counts, Gain: s.Gain,
			Repo: s.Repo, Commits: s.Commits, First: day(s.First), Last: day(s.Last), Examples: s.Examples, Link: s.Link})
	}
	return out
}

// fitCounts is a suggestion's COUNTS cell: whether its entry counts for
// the user's readiness, with the gain on the evidenced score when there
// is one.
func fitCounts(f tracker.SuggestionFit) string {
	switch {
	case f.Gain > 0:
		return fmt.Sprintf("yes, +%.1f", f.Gain)
	case f.Counts:
		return "yes"
	}
	return "no"
}

func (c *ctx) printSuggestions(rm *roadmap.Roadmap, sg []tracker.SuggestionFit, asJSON bool) error {
	if asJSON {
		return writeJSON(c.stdout, suggestionsJSON(rm, sg))
	}
	if len(sg) == 0 {
		fmt.Fprintln(c.stdout, "No suggestions waiting.")
		return nil
	}
	w, flush := visibleTable(c.stdout)
	fmt.Fprintln(w, "ID\tCOUNTS\tENTRY\tSTAGE · GROUP\tCOMMITS\tFROM\tTO\tREPOSITORY")
	for _, s := range sg {
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", s.ID, fitCounts(s), s.Item, oneLine(words.SuggestionPlace(s)), s.Commits, day(s.First), day(s.Last), s.Repo)
		for _, ex := range s.Examples {
			fmt.Fprintf(w, "\t\t  %s\t\t\t\t\t\n", oneLine(ex))
		}
	}
	if err := flush(); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, "\nCOUNTS says whether the entry counts for the readiness of your stage, track and branch, and +N what accepting")
	fmt.Fprintln(c.stdout, "it adds to your evidenced score (evidence backs a claim: tick the entry first). The ones that add most come first.")
	fmt.Fprintln(c.stdout, "'devpath evidence accept ID' makes one evidence; 'devpath evidence dismiss ID' drops it for good.")
	return nil
}
