package cli

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/core"
	"devpath/tracker/words"
)

func init() {
	register(&command{
		name:    "tick",
		section: sectionProgress,
		usage:   "tick ID|--stage STAGE|--group GROUP [--level 0-4] …",
		summary: "record progress on a roadmap entry (a skill's level, or confirm a criterion or milestone)",
		help: `Sets the level of the entry ID (see 'devpath roadmap' for the ids): 0 not
started, 1 learning, 2 practising, 3 proficient (what a tick means, and
the default), 4 expert. Criteria and milestones are confirmed or not: they
take level 3 (confirmed, the default) or 0.

--note records evidence with the tick: what you did that shows the level;
--link adds a web address (http or https) to that note. --date is the day
it happened (default today). Nothing is written if any argument is wrong.

--stage STAGE marks a whole stage done in one step: every skill that counts
for you (your track's and branch's groups) proficient, every criterion and
the milestone confirmed. --group GROUP does the same for one skill group or
branch (the ids in brackets in 'devpath roadmap'). Entries already higher
keep their level; entries marked not applicable stay so. One 'devpath undo'
reverts the whole step.`,
		examples: []string{
			"devpath tick aws-iam",
			"devpath tick aws-iam --level 2",
			`devpath tick aws-iam --note "Wrote least-privilege policies for CI" --link https://example.com/pr/12`,
			"devpath tick --date 2025-01-15 junior-first-prod-deploy",
			"devpath tick --stage junior",
			"devpath tick --group mid-kubernetes",
		},
		setup: func(fs *flag.FlagSet) runFunc {
			level := fs.String("level", "", "the level, `0-4` or its name (default 3, proficient)")
			note := fs.String("note", "", "evidence to record with the tick, as `TEXT`")
			link := fs.String("link", "", "an http or https `URL` for the evidence (needs --note)")
			date := fs.String("date", "", "the day it happened, `YYYY-MM-DD` (default today)")
			stage := fs.String("stage", "", "mark every entry of the `STAGE` done, in one step")
			group := fs.String("group", "", "mark every entry of the skill group or branch `GROUP` done, in one step")
			return func(c *ctx, args []string) error {
				if isSet(fs, "stage") || isSet(fs, "group") {
					for _, f := range []string{"level", "note", "link"} {
						if isSet(fs, f) {
							return usagef("--%s applies to one entry, not to --stage or --group", f)
						}
					}
					var day time.Time
					if isSet(fs, "date") {
						var err error
						if day, err = parseDay(c, *date); err != nil {
							return usagef("--date: %s", err)
						}
					}
					return c.markStep(fs, args, *stage, *group, true, day)
				}
				if err := wantArgs(args, "ID"); err != nil {
					return err
				}
				req := tickRequest{level: tracker.Proficient}
				rm, err := c.roadmap()
				if err != nil {
					return err
				}
				// Usage first (exit 2), then the id (exit 1): all before
				// the database is opened.
				if isSet(fs, "level") {
					if req.level, err = parseLevel(*level); err != nil {
						return err
					}
				}
				if isSet(fs, "note") {
					if req.note, err = noteFlag(*note); err != nil {
						return err
					}
				}
				if isSet(fs, "link") {
					if req.link, err = linkFlag(*link); err != nil {
						return err
					}
					if req.note == "" {
						return usagef("--link needs --note: say what the link shows")
					}
				}
				if isSet(fs, "date") {
					if req.date, err = parseDay(c, *date); err != nil {
						return usagef("--date: %s", err)
					}
				}
				e, err := lookupEntry(rm, args[0])
				if err != nil {
					return err
				}
				if words.Confirmable(e.Kind) && req.level != tracker.NotStarted && req.level != tracker.Proficient {
					return usagef("%s is a %s: it is confirmed (--level 3, the default) or not (--level 0), not level %d",
						e.Item.ID, e.Kind, int(req.level))
				}
				req.entry = e
				return c.tick(req)
			}
		},
	})
	register(&command{
		name:    "untick",
		section: sectionProgress,
		usage:   "untick ID|--stage STAGE|--group GROUP",
		summary: "set an entry back to not started",
		help: `Sets the entry ID back to not started. --stage and --group set every entry
of a stage or group back in one step (entries marked not applicable stay
as they are); one 'devpath undo' puts them all back.`,
		examples: []string{"devpath untick aws-iam", "devpath untick --group junior-aws"},
		setup: func(fs *flag.FlagSet) runFunc {
			stage := fs.String("stage", "", "set every entry of the `STAGE` back to not started, in one step")
			group := fs.String("group", "", "set every entry of the skill group or branch `GROUP` back, in one step")
			return func(c *ctx, args []string) error {
				if isSet(fs, "stage") || isSet(fs, "group") {
					return c.markStep(fs, args, *stage, *group, false, time.Time{})
				}
				e, err := c.entryArg(args)
				if err != nil {
					return err
				}
				return c.tick(tickRequest{entry: e, level: tracker.NotStarted})
			}
		},
	})
	register(&command{
		name:    "skip",
		section: sectionProgress,
		usage:   "skip ID",
		summary: "mark an entry not applicable to you: it no longer counts towards readiness",
		help: `A skipped entry keeps its level but is left out of the readiness score,
for example a tool your company does not use. 'devpath unskip ID' counts
it again.`,
		examples: []string{"devpath skip aws-ecs-eks"},
		setup: func(fs *flag.FlagSet) runFunc {
			return func(c *ctx, args []string) error { return c.setSkipped(args, true) }
		},
	})
	register(&command{
		name:     "unskip",
		section:  sectionProgress,
		usage:    "unskip ID",
		summary:  "count a skipped entry again",
		examples: []string{"devpath unskip aws-ecs-eks"},
		setup: func(fs *flag.FlagSet) runFunc {
			return func(c *ctx, args []string) error { return c.setSkipped(args, false) }
		},
	})
	register(&command{
		name:    "undo",
		section: sectionProgress,
		usage:   "undo",
		summary: "revert the last change (a level, a skip, a profile field or evidence)",
		help: `Reverts the latest change that was not undone yet and says what it undid.
Run it again to go further back. The undo itself is kept in the history.`,
		examples: []string{"devpath undo"},
		setup: func(fs *flag.FlagSet) runFunc {
			return undoRedo(false)
		},
	})
	register(&command{
		name:    "redo",
		section: sectionProgress,
		usage:   "redo",
		summary: "bring back the change the last undo reverted",
		help: `Makes the change the latest undo reverted take effect again and says what it
redid. Run it again after several undos to go forward again. Redo works only
while no new change was made since the undo; a redo can itself be undone.`,
		examples: []string{"devpath undo", "devpath redo"},
		setup: func(fs *flag.FlagSet) runFunc {
			return undoRedo(true)
		},
	})
}

// tickRequest is a validated tick: the entry, its new level and optional
// evidence.
type tickRequest struct {
	entry      roadmap.Entry
	level      tracker.Level
	note, link string
	date       time.Time // zero: today
}

// levelNames maps the names a user may type for --level to levels.
var levelNames = map[string]tracker.Level{
	"not-started": tracker.NotStarted, "none": tracker.NotStarted,
	"learning":   tracker.Learning,
	"practising": tracker.Practising, "practicing": tracker.Practising,
	"proficient": tracker.Proficient, "confirmed": tracker.Proficient,
	"expert": tracker.Expert,
}

// parseLevel reads --level: a number 0-4 or a level's name.
func parseLevel(s string) (tracker.Level, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if l, ok := levelNames[t]; ok {
		return l, nil
	}
	n, err := strconv.Atoi(t)
	if err != nil || !tracker.Level(n).Valid() {
		return 0, usagef("--level must be 0-4 (0 not started, 1 learning, 2 practising, 3 proficient, 4 expert), not %q", s)
	}
	return tracker.Level(n), nil
}

// noteFlag checks a --note before the database is opened, so that a
// refused note never creates an empty database.
func noteFlag(v string) (string, error) {
	note := strings.TrimSpace(v)
	switch {
	case note == "":
		return "", usagef("--note needs some text")
	case !utf8.ValidString(note):
		return "", usagef("--note is not valid text (UTF-8)")
	case utf8.RuneCountInString(note) > tracker.MaxNoteLen:
		return "", usagef("--note is longer than %d characters", tracker.MaxNoteLen)
	case tracker.ValidateNote(note) != nil:
		return "", usagef("--note: %v", tracker.ValidateNote(note))
	}
	return note, nil
}

// linkFlag checks a --link: an http or https address. An empty one is
// refused too: to clear a link, a command says so in its own words.
func linkFlag(v string) (string, error) {
	link := strings.TrimSpace(v)
	if len(link) > tracker.MaxLinkLen {
		// Not quoted back: the message stays one readable line.
		return "", usagef("--link is longer than %d characters", tracker.MaxLinkLen)
	}
	if err := tracker.ValidateLink(link); err != nil || link == "" {
		return "", usagef("--link %q is not an http or https address", v)
	}
	return link, nil
}

// lookupEntry finds an entry by id (or former id). An unknown id fails,
// naming it and suggesting the closest ids.
func lookupEntry(rm *roadmap.Roadmap, id string) (roadmap.Entry, error) {
	id = strings.TrimSpace(id)
	if e, ok := rm.Lookup(id); ok {
		return e, nil
	}
	if e, ok := rm.Lookup(strings.ToLower(id)); ok {
		return e, nil
	}
	msg := fmt.Sprintf("unknown id %q", id)
	if s := rm.Suggest(id, 3); len(s) > 0 {
		msg += "; did you mean " + orList(s) + "?"
	} else {
		msg += "; run 'devpath roadmap' to list the ids"
	}
	return roadmap.Entry{}, &failure{lines: []string{msg}}
}

// undoRedo runs 'devpath undo' (redo false: revert the latest change not
// undone yet) or 'devpath redo' (bring back the change the latest undo
// reverted), and says what it changed.
func undoRedo(redo bool) runFunc {
	return func(c *ctx, args []string) error {
		if err := wantArgs(args); err != nil {
			return err
		}
		return c.withRoadmap(true, func(rm *roadmap.Roadmap, st *core.DB) error {
			// A change may be a step of several entries (tick --stage):
			// it is undone and redone whole, and said as one.
			step, say := st.UndoStep, words.UndoneStep
			if redo {
				step, say = st.RedoStep, words.RedoneStep
			}
			ev, err := step()
			if errors.Is(err, tracker.ErrNothingToRedo) {
				return failf("nothing to redo: no change was undone since the last change")
			}
			if err != nil {
				return err
			}
			fmt.Fprintln(c.stdout, tracker.Visible(say(rm, ev)))
			return nil
		})
	}
}

// entryArg reads the single ID argument of untick, skip and unskip.
func (c *ctx) entryArg(args []string) (roadmap.Entry, error) {
	if err := wantArgs(args, "ID"); err != nil {
		return roadmap.Entry{}, err
	}
	rm, err := c.roadmap()
	if err != nil {
		return roadmap.Entry{}, err
	}
	return lookupEntry(rm, args[0])
}

// tick sets an entry's level, records evidence when a note was given and
// reports the readiness before and after.
func (c *ctx) tick(r tickRequest) error {
	id := r.entry.Item.ID
	return c.withRoadmap(true, func(rm *roadmap.Roadmap, st *core.DB) error {
		// The level and its evidence are saved together or not at all.
		var ev *tracker.Evidence
		if r.note != "" {
			d := r.date
			if d.IsZero() {
				d = c.today()
			}
			ev = &tracker.Evidence{Note: r.note, Link: r.link, Date: d}
		}
		ch, err := st.Apply(rm, func(tracker.Progress) (bool, error) {
			_, err := st.Tick(id, r.level, r.date, ev)
			return err == nil, err
		})
		if err != nil {
			return err
		}
		old, now := ch.Before.Effective(rm, id), ch.After.Effective(rm, id)
		switch {
		case old.Level == now.Level:
			fmt.Fprintf(c.stdout, "%s (%s) is already %s.\n", id, r.entry.Item.Title, words.LevelFor(r.entry.Kind, now.Level))
		default:
			fmt.Fprintf(c.stdout, "%s (%s): %s%s%s\n", id, r.entry.Item.Title,
				words.LevelFor(r.entry.Kind, old.Level), words.Arrow, words.LevelFor(r.entry.Kind, now.Level))
		}
		if r.note != "" {
			fmt.Fprintf(c.stdout, "Evidence recorded: %s\n", tracker.VisibleText(r.note))
		}
		if now.Skipped && now.Level > tracker.NotStarted {
			fmt.Fprintf(c.stdout, "Note: %s is marked not applicable and does not count; 'devpath unskip %s' counts it again.\n", id, id)
		}
		c.printChange(ch)
		return nil
	})
}

// setSkipped marks an entry not applicable, or applicable again.
func (c *ctx) setSkipped(args []string, skipped bool) error {
	e, err := c.entryArg(args)
	if err != nil {
		return err
	}
	id := e.Item.ID
	return c.withRoadmap(true, func(rm *roadmap.Roadmap, st *core.DB) error {
		ch, err := st.Apply(rm, func(before tracker.Progress) (bool, error) {
			if before.Effective(rm, id).Skipped == skipped {
				return false, nil
			}
			return true, st.SetSkipped(id, skipped)
		})
		switch {
		case err != nil:
			return err
		case !ch.Changed && skipped:
			fmt.Fprintf(c.stdout, "%s (%s) is already marked not applicable.\n", id, e.Item.Title)
			return nil
		case !ch.Changed:
			fmt.Fprintf(c.stdout, "%s (%s) already counts.\n", id, e.Item.Title)
			return nil
		case skipped:
			fmt.Fprintf(c.stdout, "%s (%s) is marked not applicable; it no longer counts towards readiness.\n", id, e.Item.Title)
		default:
			fmt.Fprintf(c.stdout, "%s (%s) counts again.\n", id, e.Item.Title)
		}
		c.printChange(ch)
		return nil
	})
}

// printChange prints the readiness for the next level after a change,
// with how much each score moved.
func (c *ctx) printChange(ch core.Change) {
	b := ch.Is
	next := "the next level"
	if b.Next != nil {
		next = b.Next.Title
	}
	fmt.Fprintf(c.stdout, "Readiness for %s: %.1f (%s)", next, b.Readiness.Score, words.Verdict(b.Readiness.Verdict))
	if d := ch.ScoreChange(); d != 0 {
		fmt.Fprintf(c.stdout, ", %s", signed(d))
	}
	if ev := b.Readiness.Evidenced; ev != nil {
		fmt.Fprintf(c.stdout, "; evidenced %.1f", ev.Score)
		if d, ok := ch.EvidencedChange(); ok && d != 0 {
			fmt.Fprintf(c.stdout, ", %s", signed(d))
		}
	}
	fmt.Fprintln(c.stdout)
}
