package cli

import (
	"crypto/ed25519"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/core"
	"devpath/tracker/review"
	"devpath/tracker/words"
)

func init() {
	register(&command{
		name:    "review request",
		section: sectionReviews,
		usage:   "review request [--share all|evidenced] [--out FILE]",
		summary: "write a review request for your manager: your levels, evidence and scores",
		help: `Writes the file you send your manager for a review: your name, stage and
next level, the roadmap, each entry that counts towards the next level with
your level and its evidence, and both readiness scores. --share evidenced
leaves out the entries that have no evidence. Nothing else leaves your
machine. The database remembers the request, so that it can check the
answer. Without --out the file is review-request-NAME-DATE.json here,
NAME your first name as a file name holds it (review-request-ana-2026-12-06.json).`,
		examples: []string{"devpath review request", "devpath review request --share evidenced --out ~/review.json"},
		setup: func(fs *flag.FlagSet) runFunc {
			share := fs.String("share", review.ShareAll, "what to share: `all|evidenced`")
			out := fs.String("out", "", "write the request to `FILE`")
			return func(c *ctx, args []string) error {
				if err := wantArgs(args); err != nil {
					return err
				}
				if *share != review.ShareAll && *share != review.ShareEvidenced {
					return usagef("--share must be all or evidenced, not %q", *share)
				}
				return c.withRoadmap(true, func(rm *roadmap.Roadmap, st *core.DB) error {
					req, file, err := st.RequestReview(rm, *share, c.today())
					if err != nil {
						return err
					}
					path := *out
					if path == "" {
						path = review.FileName(review.RequestFile, req.Engineer, c.today())
					}
					if err := c.core.SaveFile(path, func(w io.Writer) error { _, err := w.Write(file); return err }); err != nil {
						return err
					}
					fmt.Fprintf(c.stdout, "Wrote the review request %s to %s: %s for your manager to open with 'devpath review open'.\n",
						short(req.ID), path, plural(len(req.Entries), "entry"))
					return nil
				})
			}
		},
	})
	register(&command{
		name:     "review open",
		section:  sectionReviews,
		usage:    "review open FILE",
		summary:  "open a review request an engineer sent you (it never touches your own progress)",
		examples: []string{"devpath review open review-request-ana-2026-11-30.json"},
		setup: func(fs *flag.FlagSet) runFunc {
			return func(c *ctx, args []string) error {
				file, err := c.reviewFileArg(args)
				if err != nil {
					return err
				}
				return c.withStore(true, func(st *core.DB) error {
					rv, err := st.OpenReview(file)
					if err != nil {
						return reviewFileError(args[0], err)
					}
					c.printReview(rv)
					fmt.Fprintf(c.stdout, "\nRate with 'devpath review rate %s ENTRY --level N', then 'devpath review sign %s'.\n", short(rv.Request.ID), short(rv.Request.ID))
					return nil
				})
			}
		},
	})
	register(&command{
		name:    "review rate",
		section: sectionReviews,
		usage:   "review rate REVIEW ENTRY --level 0-4 [--comment TEXT]",
		summary: "give your own level for an entry of a review you opened",
		help: `Sets the level you see for the entry ENTRY of the review REVIEW (the start
of its id, as 'review list' shows it): 0 not started … 4 expert; criteria
and milestones 3 (confirmed) or 0 (not). An entry you do not rate counts as
agreeing with the engineer. --comment says why.`,
		examples: []string{`devpath review rate 3f9a tf-modules --level 2 --comment "Show me a module another team uses"`},
		setup: func(fs *flag.FlagSet) runFunc {
			level := fs.String("level", "", "your level, `0-4`")
			comment := fs.String("comment", "", "why, as `TEXT`")
			return func(c *ctx, args []string) error {
				if err := wantArgs(args, "REVIEW", "ENTRY"); err != nil {
					return err
				}
				if !isSet(fs, "level") {
					return usagef("--level is needed")
				}
				l, err := parseLevel(*level)
				if err != nil {
					return err
				}
				var cm *string
				if isSet(fs, "comment") {
					cm = comment
				}
				return c.rate(args[0], args[1], l, cm)
			}
		},
	})
	register(&command{
		name:     "review confirm",
		section:  sectionReviews,
		usage:    "review confirm REVIEW ENTRY [--comment TEXT]",
		summary:  "confirm a criterion or the milestone in a review you opened",
		examples: []string{"devpath review confirm 3f9a junior-ready-on-call"},
		setup: func(fs *flag.FlagSet) runFunc {
			comment := fs.String("comment", "", "why, as `TEXT`")
			return func(c *ctx, args []string) error {
				if err := wantArgs(args, "REVIEW", "ENTRY"); err != nil {
					return err
				}
				var cm *string
				if isSet(fs, "comment") {
					cm = comment
				}
				return c.rate(args[0], args[1], tracker.Proficient, cm)
			}
		},
	})
	register(&command{
		name:     "review note",
		section:  sectionReviews,
		usage:    "review note REVIEW TEXT",
		summary:  "write your overall note on a review you opened",
		examples: []string{`devpath review note 3f9a "A strong half year; the on-call work stands out"`},
		setup: func(fs *flag.FlagSet) runFunc {
			return func(c *ctx, args []string) error {
				if err := wantArgs(args, "REVIEW", "TEXT"); err != nil {
					return err
				}
				return c.withStore(true, func(st *core.DB) error {
					rv, err := st.FindReview(args[0])
					if err != nil {
						return err
					}
					if err := st.NoteReview(rv.Request.ID, args[1]); err != nil {
						return err
					}
					fmt.Fprintln(c.stdout, "Note saved.")
					return nil
				})
			}
		},
	})
	register(&command{
		name:    "review sign",
		section: sectionReviews,
		usage:   "review sign REVIEW [--out FILE]",
		summary: "sign your ratings and write the response for the engineer",
		help: `Writes your response to the review: your level for every entry (yours
where you rated it, the engineer's where you agree), your comments and note,
in your name (your profile's), signed with your devpath's signing key. The
key is made on first use and kept beside your database in a file only you
can read; it never leaves your machine and is in no export or backup. The
key's fingerprint is printed: tell it to the engineer another way if they
want to be sure the response is yours. Without --out the file is
review-response-NAME-DATE.json here, NAME your first name.`,
		examples: []string{"devpath review sign 3f9a", "devpath review sign 3f9a --out ana-review-response.json"},
		setup: func(fs *flag.FlagSet) runFunc {
			out := fs.String("out", "", "write the response to `FILE`")
			return func(c *ctx, args []string) error {
				if err := wantArgs(args, "REVIEW"); err != nil {
					return err
				}
				return c.withStore(true, func(st *core.DB) error {
					rv, err := st.FindReview(args[0])
					if err != nil {
						return err
					}
					key, created, err := review.LoadOrCreateKey(tracker.ReviewKeyPath(st.Path()))
					if err != nil {
						return err
					}
					file, err := st.SignReview(rv.Request.ID, key)
					if errors.Is(err, tracker.ErrNoName) {
						return failf("%s", tracker.ErrNoName)
					}
					if err != nil {
						return err
					}
					path := *out
					if path == "" {
						prof, err := st.Profile()
						if err != nil {
							return err
						}
						path = review.FileName(review.ResponseFile, prof.Name, c.today())
					}
					if err := c.core.SaveFile(path, func(w io.Writer) error { _, err := w.Write(file); return err }); err != nil {
						return err
					}
					if created {
						fmt.Fprintf(c.stdout, "Made your signing key: %s\n", tracker.ReviewKeyPath(st.Path()))
					}
					fmt.Fprintf(c.stdout, "Signed and wrote the response to %s.\nYour key's fingerprint: %s\n", path, review.Fingerprint(key.Public().(ed25519.PublicKey)))
					return nil
				})
			}
		},
	})
	register(&command{
		name:    "review import",
		section: sectionReviews,
		usage:   "review import FILE [--accept-new-key]",
		summary: "import your manager's signed response to your review request",
		help: `Checks the response: it must answer a request this database made, and its
signature must hold for the file as it is. The first response from a
reviewer pins their key; a response under the same name signed with
another key is refused unless you give --accept-new-key (do so only when
they told you they have a new one). The response is kept as it is, beside
a check-in made now. Nothing is written when a check fails.`,
		examples: []string{"devpath review import review-response-maria-2026-12-06.json"},
		setup: func(fs *flag.FlagSet) runFunc {
			accept := fs.Bool("accept-new-key", false, "accept a reviewer's new signing key")
			return func(c *ctx, args []string) error {
				file, err := c.reviewFileArg(args)
				if err != nil {
					return err
				}
				return c.withRoadmap(true, func(rm *roadmap.Roadmap, st *core.DB) error {
					imp, err := st.ImportResponse(file, *accept, rm, c.today())
					if err != nil {
						return reviewFileError(args[0], err)
					}
					fmt.Fprintf(c.stdout, "Imported the review by %s (key %s%s), kept with check-in %q.\n", tracker.Visible(imp.Response.Reviewer), imp.Fingerprint,
						map[bool]string{true: ", now pinned", false: ""}[imp.NewKey], imp.CheckIn.Label)
					p, err := st.Progress()
					if err != nil {
						return err
					}
					cmp := tracker.Compare(rm, p.Profile, imp.Request, imp.Response, c.today())
					cmp.Fingerprint = imp.Fingerprint
					return c.printComparison(cmp, imp.ID)
				})
			}
		},
	})
	register(&command{
		name:    "review show",
		section: sectionReviews,
		usage:   "review show [N] [--json]",
		summary: "show a review side by side: your levels, your manager's, the gaps",
		help: `Shows the response numbered N (default: the latest imported) side by side:
per entry your level, your manager's, the gap and the comment. Skills are
compared by level, criteria and the milestone as confirmed or not
confirmed, an entry you marked N/A as N/A; skills two levels apart or more
and a criterion confirmed on one side only are marked ‼. Then the share of
entries you agree on, the readiness from your levels and from your
manager's, and the overall note.

--json prints entries (each with id, self, manager, gap, wide, comment;
"states" for criteria and the milestone, whose gap is one step, -1, 0 or
1; "skipped" for an entry you marked N/A), agreement (0-1) and readiness
(self, manager).`,
		examples: []string{"devpath review show", "devpath review show 2 --json"},
		setup: func(fs *flag.FlagSet) runFunc {
			asJSON := fs.Bool("json", false, "print JSON")
			return func(c *ctx, args []string) error {
				if len(args) > 1 {
					return wantArgs(args, "N")
				}
				return c.withRoadmap(false, func(rm *roadmap.Roadmap, st *core.DB) error {
					all, err := st.Responses()
					if err != nil {
						return err
					}
					if len(all) == 0 {
						return failf("no review response imported yet; 'devpath review import FILE' imports one")
					}
					pick := all[0]
					if len(args) == 1 {
						n, err := strconv.ParseInt(args[0], 10, 64)
						if err != nil {
							return usagef("%q is not a response number (see 'devpath review list')", args[0])
						}
						found := false
						for _, r := range all {
							if r.ID == n {
								pick, found = r, true
							}
						}
						if !found {
							return failf("no review response numbered %d; 'devpath review list' lists them", n)
						}
					}
					p, err := st.Progress()
					if err != nil {
						return err
					}
					cmp := tracker.Compare(rm, p.Profile, pick.Request, pick.Response, c.today())
					cmp.Fingerprint = pick.Fingerprint
					if *asJSON {
						return writeJSON(c.stdout, cmp)
					}
					return c.printComparison(cmp, pick.ID)
				})
			}
		},
	})
	register(&command{
		name:     "review list",
		section:  sectionReviews,
		usage:    "review list",
		summary:  "list the reviews you opened and the responses you imported",
		examples: []string{"devpath review list"},
		setup: func(fs *flag.FlagSet) runFunc {
			return func(c *ctx, args []string) error {
				if err := wantArgs(args); err != nil {
					return err
				}
				return c.withStore(false, func(st *core.DB) error {
					rvs, err := st.Reviews()
					if err != nil {
						return err
					}
					resps, err := st.Responses()
					if err != nil {
						return err
					}
					if len(rvs) == 0 && len(resps) == 0 {
						fmt.Fprintln(c.stdout, "No reviews yet. 'devpath review request' asks your manager for one; 'devpath review open FILE' opens one sent to you.")
						return nil
					}
					w, flush := visibleTable(c.stdout)
					if len(resps) > 0 {
						fmt.Fprintln(w, "Responses to your requests:\nN\tREVIEWER\tSIGNED\tKEY")
						for _, r := range resps {
							fmt.Fprintf(w, "%d\t%s\t%s\t%s\n", r.ID, r.Response.Reviewer, day(r.Response.SignedAt), r.Fingerprint)
						}
					}
					if len(rvs) > 0 {
						if len(resps) > 0 {
							fmt.Fprintln(w)
						}
						fmt.Fprintln(w, "Reviews you opened:\nREVIEW\tENGINEER\tOPENED\tRATED\tSIGNED")
						for _, r := range rvs {
							signed := "not yet"
							if !r.SignedAt.IsZero() {
								signed = day(r.SignedAt)
							}
							fmt.Fprintf(w, "%s\t%s\t%s\t%d of %d\t%s\n", short(r.Request.ID), orNone(r.Request.Engineer), day(r.OpenedAt), len(r.Ratings), len(r.Request.Entries), signed)
						}
					}
					return flush()
				})
			}
		},
	})
}

// short is the part of a review id the commands show and take.
func short(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

// rate records a manager's rating.
func (c *ctx) rate(ref, entry string, l tracker.Level, comment *string) error {
	if comment != nil {
		if t := strings.TrimSpace(*comment); t != "" {
			if _, err := noteFlag(t); err != nil {
				return usagef("--comment: %v", errors.Unwrap(err))
			}
		}
	}
	return c.withStore(true, func(st *core.DB) error {
		rv, err := st.FindReview(ref)
		if err != nil {
			return err
		}
		if err := st.RateReview(rv.Request.ID, entry, l, comment); err != nil {
			if errors.Is(err, tracker.ErrNotFound) {
				return failf("the review has no entry %q; 'devpath review open' lists its entries", entry)
			}
			return err
		}
		fmt.Fprintf(c.stdout, "%s: %s.\n", entry, words.Level(l))
		return nil
	})
}

// reviewFileError words what is wrong with a review file, naming it, as
// the window does too.
func reviewFileError(path string, err error) error {
	if msg := words.ReviewFileError(filepath.Base(path), err, words.CommandLine); msg != "" {
		return failf("%s", msg)
	}
	return err
}

// printReview lists a review's entries for the manager.
func (c *ctx) printReview(rv tracker.Review) {
	r := rv.Request
	fmt.Fprintf(c.stdout, "Review %s from %s: %s", short(r.ID), orNone(tracker.Visible(r.Engineer)), tracker.Visible(r.Stage.Title))
	if r.Next != nil {
		fmt.Fprintf(c.stdout, ", towards %s", tracker.Visible(r.Next.Title))
	}
	fmt.Fprintf(c.stdout, " (roadmap %s version %d)\nTheir readiness: %.1f", tracker.Visible(r.Roadmap.ID), r.Roadmap.Version, r.Readiness.Claimed)
	if r.Readiness.Evidenced != nil {
		fmt.Fprintf(c.stdout, ", evidenced %.1f", *r.Readiness.Evidenced)
	}
	fmt.Fprintln(c.stdout)
	w, flush := visibleTable(c.stdout)
	fmt.Fprintln(w, "ENTRY\tTHEIRS\tYOURS\tEVIDENCE\tTITLE")
	for _, e := range r.Entries {
		yours := "agree"
		if rt, ok := rv.Ratings[e.ID]; ok {
			yours = words.LevelFor(e.Kind, tracker.Level(rt.Level))
		}
		theirs := words.LevelFor(e.Kind, tracker.Level(e.Level))
		if e.Skipped {
			theirs = words.NA
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%s\n", e.ID, theirs, yours, len(e.Evidence), e.Title)
	}
	_ = flush()
}

// printComparison writes a review side by side: the reviewer once, then
// the table of words.ReviewRows, as the window shows it.
func (c *ctx) printComparison(cmp tracker.Comparison, n int64) error {
	fmt.Fprintf(c.stdout, "Review %d. %s\n", n, tracker.Visible(words.ReviewSigned(cmp, cmp.Fingerprint)))
	w, flush := visibleTable(c.stdout)
	fmt.Fprintln(w, strings.ToUpper(strings.Join(words.ReviewColumns[:], "\t")))
	for _, r := range words.ReviewRows(cmp) {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.You, r.Manager, r.Gap, r.Comment)
	}
	if err := flush(); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, words.ReviewAgreement(cmp))
	fmt.Fprintln(c.stdout, words.ReviewReadiness(cmp))
	if cmp.Note != "" {
		fmt.Fprintf(c.stdout, "Note: %s\n", tracker.Visible(cmp.Note))
	}
	return nil
}

// reviewFileArg reads the review file named by the single FILE argument.
func (c *ctx) reviewFileArg(args []string) ([]byte, error) {
	if err := wantArgs(args, "FILE"); err != nil {
		return nil, err
	}
	return c.core.ReadReviewFile(args[0])
}
