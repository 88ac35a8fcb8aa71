package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/core"
)

func init() {
	register(&command{
		name:    "evidence scan",
		section: sectionEvidence,
		usage:   "evidence scan PATH... [--author EMAIL]... [--since YYYY-MM-DD] [--json]",
		summary: "find evidence of your work in local git repositories, as suggestions to accept or dismiss",
		help: `Reads the git repositories at PATH (a repository, or a folder holding
several, searched four levels deep) and matches your commits to roadmap
entries by the signals the roadmap declares for them: the files a commit
changes (Terraform, Dockerfiles, CI workflows, Helm charts, runbooks, ADRs
and so on) and the words of its subject. Your commits are those of the
emails given with --author (any number, or several separated by commas),
else of each repository's user.email, else the global one. --since leaves
out commits made before a day.

The scan reads local histories only, through git: it never uses the
network and never writes to a repository. What it finds are suggestions:
per entry and repository, the number of commits, their first and last
day, up to three example subjects and a link to the newest commit (its
web address when the repository's remote is on GitHub, GitLab or
Bitbucket). They count in no score until you accept them ('devpath
evidence accept'); a dismissed one is not suggested again. A repository
scanned before is read only for the commits that scan did not reach (by
reachability from the branches and tags it read, not by date): a re-scan
adds only what is new, fetched older commits included. The scan needs git
installed. A path that cannot be scanned gets one line and makes the exit code 1; the other paths are still
scanned and saved. Ctrl+C stops the scan and saves nothing.

Then it lists every suggestion waiting for review as 'evidence
suggestions' does: those that add most to your evidenced score first, then
the other entries that count for your readiness, then the rest, each with
its stage and group; --json prints them in that order with the same
fields (counts and gain among them).`,
		examples: []string{
			"devpath evidence scan ~/src",
			"devpath evidence scan ~/src/infra ~/src/platform --author ana@example.com --author ana@work.example",
			"devpath evidence scan ~/src --since 2025-01-01 --json",
		},
		setup: func(fs *flag.FlagSet) runFunc {
			var authors stringList
			fs.Var(&authors, "author", "count the commits of `EMAIL` (repeat for more)")
			since := fs.String("since", "", "leave out commits before `YYYY-MM-DD`")
			asJSON := fs.Bool("json", false, "print the suggestions as JSON")
			return func(c *ctx, args []string) error {
				if len(args) == 0 {
					return usagef("missing PATH: give a git repository or a folder holding some")
				}
				req := tracker.ScanRequest{Paths: args, Authors: authors}
				for _, a := range authors {
					if !looksLikeEmail(a) {
						return usagef("--author %q is not an email address", a)
					}
				}
				if isSet(fs, "since") {
					d, err := parseDay(c, *since)
					if err != nil {
						return usagef("--since: %s", err)
					}
					req.Since = d
				}
				return c.withRoadmap(true, func(rm *roadmap.Roadmap, st *core.DB) error {
					ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
					defer stop()
					if !*asJSON {
						last := time.Now() // a scan that ends within a second prints no progress
						req.Progress = func(p tracker.ScanProgress) {
							if time.Since(last) < time.Second {
								return
							}
							last = time.Now()
							fmt.Fprintf(c.stderr, "scanning %s (%d of %d repositories, %d commits read)\n", p.Repo, p.RepoIndex+1, p.Repos, p.Commits)
						}
					}
					rep, err := st.ScanGit(ctx, rm, req)
					if err != nil {
						if ctx.Err() != nil {
							return failf("scan stopped; nothing was saved")
						}
						return err
					}
					for _, r := range rep.Repos {
						if r.Problem != "" {
							fmt.Fprintf(c.stderr, "devpath: %s\n", oneLine(r.Problem))
						}
					}
					if !*asJSON {
						for _, r := range rep.Repos {
							if r.Note != "" {
								fmt.Fprintf(c.stdout, "Note: %s.\n", oneLine(r.Note))
							}
						}
					}
					failed := 0
					for _, r := range rep.Repos {
						if r.Problem != "" {
							failed++
						}
					}
					fits, err := st.FitSuggestions(rm, rep.Pending)
					if err != nil {
						return err
					}
					if !*asJSON {
						fmt.Fprintf(c.stdout, "Scanned %s: %s new or grown.\n", plural(len(rep.Repos)-failed, "repository"), plural(rep.Added, "suggestion"))
					}
					err = c.printSuggestions(rm, fits, *asJSON)
					if err == nil && failed > 0 {
						// The others were scanned and saved; the exit code
						// still says that not every path was.
						return &failure{}
					}
					return err
				})
			}
		},
	})
}

// looksLikeEmail is a light check of --author: something@something, no
// spaces.
func looksLikeEmail(s string) bool {
	at := -1
	for i, r := range s {
		switch {
		case r == ' ' || r == '\t' || r < 0x20:
			return false
		case r == '@':
			at = i
		}
	}
	return at > 0 && at < len(s)-1
}
