// Package gitscan finds evidence of roadmap work in local git histories: it
// reads a user's repositories, never writing to them, and suggests the
// roadmap entries whose signals the user's commits match.
package gitscan

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"devpath/roadmap"
)

// Options change what Scan looks at.
type Options struct {
	// Authors are the emails whose commits count (case-insensitive). When
	// empty, each repository's user.email as git resolves it there (git
	// config user.email: the repository's, the global or the system
	// configuration, include and includeIf followed) is used; with none at
	// all, that repository gets the error "no author email: pass --author
	// or set git's user.email".
	Authors []string
	// Since ignores commits authored before this day (zero: all).
	Since time.Time
	// Seen maps a repository root (absolute, cleaned path, as
	// RepoResult.Repo) to the tips a previous scan read from (its
	// RepoResult.Tips): only the commits reachable from the tips now and
	// from none of those are read, so that a re-scan adds only what was
	// not read before, whatever the commits' dates (a fetch can bring in
	// commits older than those read). Tips no longer in the repository
	// are passed over.
	Seen map[string][]string
	// After is the mark of scans made before Seen existed: for a
	// repository without a Seen entry, commits committed at or before this
	// time are left out (the whole history is still read).
	After map[string]time.Time
	// Progress, when set, is called from the scanning goroutine with the
	// state so far, at most about 10 times a second plus once at the end of
	// each repository.
	Progress func(Progress)
}

// Progress is the state of a scan, for a progress display.
type Progress struct {
	Repo      string // the repository being read
	RepoIndex int    // 0-based index among Repos
	Repos     int    // repositories found so far
	Commits   int    // the authors' commits read so far, all repositories
}

// Suggestion says that a repository holds the author's work on a roadmap
// entry.
type Suggestion struct {
	Item    string    // roadmap entry id
	Repo    string    // repository root, absolute
	Commits int       // the author's commits that matched
	First   time.Time // author date of the oldest matching commit
	Last    time.Time // of the newest
	// Examples are up to three distinct subjects of matching commits,
	// newest first, each at most 200 runes.
	Examples []string
	// Link is the newest matching commit's web address when the remote
	// "origin" (else the first remote) is on github.com, gitlab.com or
	// bitbucket.org, else "REPO@HASH" with the full hash.
	Link string
}

// RepoResult is what Scan found in one repository, or the problem with one
// path.
type RepoResult struct {
	Repo string // repository root, absolute and cleaned
	// Err is a one-line problem with this path (nil when scanned); its
	// message starts with the path.
	Err error
	// Authors are the emails whose commits were looked for, lower case:
	// Options.Authors or the one from git's configuration.
	Authors []string
	Commits int // the author's commits considered
	// Tips are the objects this scan read the history from (to store as
	// Options.Seen next time); nil when it read none.
	Tips []string
	// Limited is true when Since, Seen or After left older commits out.
	Limited     bool
	Suggestions []Suggestion // sorted by Item
}

// NoCommits returns the line to show when the scan found none of the
// authors' commits in the repository, such as "no commits by a@b in
// /home/a/src/x" (or "no new commits by ..." when Since or After left older
// ones out), and "" when it found some or when r is an error.
func (r RepoResult) NoCommits() string {
	if r.Err != nil || r.Commits > 0 {
		return ""
	}
	what := "no commits"
	if r.Limited {
		what = "no new commits"
	}
	return fmt.Sprintf("%s by %s in %s", what, strings.Join(r.Authors, " or "), r.Repo)
}

// Scan reads every repository under paths (a path may be a repository — its
// work tree or its .git, or a bare repository — or a folder holding many,
// searched to a depth of 4, not following symlinks into loops, skipping
// .git internals, node_modules and vendor), and matches the authors'
// commits to rm's entries that have signals. It reads the commits reachable
// from the branches, the remote-tracking branches, the tags and the HEAD of
// each work tree; a repository reached twice, or through its linked work
// trees, is read once.
//
// The histories are read by the git program (git log), which must be
// installed: without it Scan returns ErrNoGit. git runs as the user would
// run it, with its own rules (a repository owned by someone else is refused
// unless safe.directory allows it), but never writes to a repository
// (--no-optional-locks), never reaches the network (no transport is
// allowed, GIT_NO_LAZY_FETCH), never prompts, and runs no program a
// repository's configuration names (see safeConfig).
//
// A commit matches an entry when one of the files it changes (against its
// first parent, renames not followed; for the root commit, all its files)
// matches a path glob, or its subject matches a word. Only trees are
// compared, never file contents. In a shallow clone the history ends at the
// commits whose parents are missing, and in a partial clone without trees
// some commits' trees are missing; what those commits changed is unknown,
// so they match by their subject only.
//
// It returns one RepoResult per repository found, and one with Err for each
// path that is not a repository and holds none, does not exist, or cannot
// be read. The error return is ctx's error when cancelled (then results so
// far may be returned, but callers discard them) or ErrNoGit.
func Scan(ctx context.Context, rm *roadmap.Roadmap, paths []string, opt Options) ([]RepoResult, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m := newMatcher(rm)
	found := findRepos(ctx, paths)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	repos := 0
	for _, f := range found {
		if f.err == nil {
			repos++
		}
	}
	if repos > 0 {
		if _, err := gitProg(); err != nil {
			return nil, err
		}
	}
	s := &scanner{ctx: ctx, opt: opt, m: m, repos: repos, index: -1, seen: map[string][]string{}, after: map[string]time.Time{}}
	for p, tips := range opt.Seen {
		s.seen[absClean(p)] = tips
	}
	for p, t := range opt.After {
		s.after[absClean(p)] = t
	}
	s.authors = normAuthors(opt.Authors)
	var out []RepoResult
	for _, f := range found {
		if f.err != nil {
			out = append(out, RepoResult{Repo: f.root, Err: f.err})
			continue
		}
		s.index++
		r := s.scanRepo(f)
		if err := ctx.Err(); err != nil {
			return out, err
		}
		s.report(r.Repo, true)
		out = append(out, r)
	}
	return out, nil
}

// normAuthors lower-cases and trims emails, dropping empty ones and
// repeats.
func normAuthors(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, a := range in {
		a = strings.ToLower(strings.TrimSpace(a))
		if a != "" && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return out
}

// sortSuggestions orders suggestions by entry id.
func sortSuggestions(s []Suggestion) {
	sort.Slice(s, func(i, j int) bool { return s[i].Item < s[j].Item })
}

// absClean makes p absolute and clean, keeping p when that fails.
func absClean(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}
