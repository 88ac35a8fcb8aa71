package gitscan

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"
)

// progressEvery is the least time between two Progress calls within a
// repository.
const progressEvery = 100 * time.Millisecond

// slop is how many commits older than the cut-off the walk reads before it
// stops, so that a few commits with skewed clocks do not end it early (git
// log --since does the same).
const slop = 5

// objectCacheSize bounds go-git's cache of decoded objects, used only for
// what the scan's own pack reader leaves to go-git (alternates).
const objectCacheSize = 4 * cache.MiByte

// scanner holds the state of one Scan across its repositories.
type scanner struct {
	ctx        context.Context
	opt        Options
	m          *matcher
	authors    []string             // from Options, normalised
	global     *string              // the global user.email, once looked up
	after      map[string]time.Time // Options.After by cleaned path
	repos      int
	index      int
	commits    int // read so far, all repositories
	lastReport time.Time
}

// report calls Options.Progress, at most every progressEvery unless final.
func (s *scanner) report(repo string, final bool) {
	if s.opt.Progress == nil {
		return
	}
	now := time.Now()
	if !final && now.Sub(s.lastReport) < progressEvery {
		return
	}
	s.lastReport = now
	s.opt.Progress(Progress{Repo: repo, RepoIndex: s.index, Repos: s.repos, Commits: s.commits})
}

// entryAcc gathers one entry's matches in one repository.
type entryAcc struct {
	n           int
	first, last commit // oldest and newest matching commit by author time
	examples    []example
}

type example struct {
	sec     int64
	subject string
}

// add counts the matching commit c.
func (a *entryAcc) add(c *commit) {
	if a.n == 0 || c.asec < a.first.asec {
		a.first = *c
	}
	if a.n == 0 || c.asec > a.last.asec {
		a.last = *c
	}
	a.n++
	subject := clip(c.subject, 200)
	for i := range a.examples {
		if a.examples[i].subject == subject {
			if c.asec > a.examples[i].sec {
				a.examples[i].sec = c.asec
				a.sortExamples()
			}
			return
		}
	}
	if len(a.examples) < 3 {
		a.examples = append(a.examples, example{c.asec, subject})
	} else if c.asec > a.examples[2].sec {
		a.examples[2] = example{c.asec, subject}
	} else {
		return
	}
	a.sortExamples()
}

// sortExamples puts the newest example first (at most three: insertion
// sort).
func (a *entryAcc) sortExamples() {
	for i := 1; i < len(a.examples); i++ {
		for j := i; j > 0 && a.examples[j].sec > a.examples[j-1].sec; j-- {
			a.examples[j], a.examples[j-1] = a.examples[j-1], a.examples[j]
		}
	}
}

// scanRepo reads one repository.
func (s *scanner) scanRepo(f foundRepo) RepoResult {
	res := RepoResult{Repo: f.root}
	s.report(f.root, false)
	configDir := f.gitDir
	if f.commonDir != "" {
		configDir = f.commonDir
	}
	cfg := readConfig(filepath.Join(configDir, "config"))
	if f := cfg.Section("extensions").Option("objectformat"); f != "" && !strings.EqualFold(f, "sha1") {
		res.Err = fmt.Errorf("%s: a repository with %s hashes, which the scan cannot read yet", res.Repo, f)
		return res
	}
	authors := s.authors
	if len(authors) == 0 {
		if e := userEmail(cfg); e != "" {
			authors = normAuthors([]string{e})
		} else {
			if s.global == nil {
				g := globalEmail()
				s.global = &g
			}
			authors = normAuthors([]string{*s.global})
		}
	}
	if len(authors) == 0 {
		res.Err = fmt.Errorf("%s: no author email: pass --author or set git's user.email", f.root)
		return res
	}
	res.Authors = authors
	after, limited := s.after[f.root]
	res.Limited = limited || !s.opt.Since.IsZero()

	st := filesystem.NewStorageWithOptions(newStorageFS(f), cache.NewObjectLRU(objectCacheSize),
		filesystem.Options{KeepDescriptors: true})
	defer st.Close()

	objs, err := openObjects(filepath.Join(configDir, "objects"), st)
	if err != nil {
		res.Err = fmt.Errorf("%s: the repository is damaged (%s)", f.root, reason(err))
		return res
	}
	defer objs.close()
	w := &walker{s: s, st: st, objs: objs, res: &res, linker: newLinker(remoteURL(cfg))}
	for _, a := range authors {
		w.authors = append(w.authors, []byte(a))
	}
	if limited {
		w.afterSec = after.Unix()
		w.hasAfter = true
	}
	if !s.opt.Since.IsZero() {
		w.sinceSec = s.opt.Since.Unix()
		w.hasSince = true
	}
	if err := w.runGuarded(); err != nil {
		if s.ctx.Err() != nil {
			return res
		}
		var d *damagedError
		if errors.As(err, &d) {
			res.Err = fmt.Errorf("%s: the repository is damaged (%s)", f.root, d.what)
		} else {
			res.Err = fmt.Errorf("%s: cannot read the repository (%v)", f.root, err)
		}
		res.Commits, res.Newest, res.Suggestions = 0, time.Time{}, nil
		return res
	}
	return res
}

// newStorageFS is the read-only filesystem go-git's storage reads the git
// directory through; a linked work tree's shares the main repository's
// objects and refs.
func newStorageFS(f foundRepo) billy.Filesystem {
	if f.commonDir != "" {
		return dotgit.NewRepositoryFilesystem(roFS{root: f.gitDir}, roFS{root: f.commonDir})
	}
	return roFS{root: f.gitDir}
}

// walker walks one repository's history, newest commit first.
type walker struct {
	s        *scanner
	st       *filesystem.Storage
	objs     *objects
	res      *RepoResult
	linker   *commitLinker
	authors  [][]byte
	afterSec int64
	hasAfter bool
	sinceSec int64
	hasSince bool

	seen    map[plumbing.Hash]struct{}
	queue   commitHeap
	shallow map[plumbing.Hash]bool
	buf     []byte
	d       differ
	accs    []entryAcc
	hitGen  []int
	gen     int
	hits    []int32
	newest  int64
}

// runGuarded runs the walk with memory faults turned into errors: a pack
// file cut short while mapped would otherwise end the program.
func (w *walker) runGuarded() (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(interface{ Addr() uintptr }); !ok {
				panic(r)
			}
			err = &damagedError{"a pack file cannot be read"}
		}
	}()
	return w.run()
}

// run walks the history from the tips, the latest committer time first,
// matching the authors' commits, and fills in the result.
func (w *walker) run() error {
	w.seen = map[plumbing.Hash]struct{}{}
	w.accs = make([]entryAcc, len(w.s.m.ids))
	w.hitGen = make([]int, len(w.s.m.ids))
	w.d = differ{objs: w.objs, emit: w.file}
	sh, err := w.st.Shallow()
	if err != nil {
		return fmt.Errorf("reading the shallow list: %w", err)
	}
	if len(sh) > 0 {
		w.shallow = map[plumbing.Hash]bool{}
		for _, h := range sh {
			w.shallow[h] = true
		}
	}
	if err := w.tips(); err != nil {
		return err
	}
	old := 0
	for w.queue.len() > 0 {
		if err := w.s.ctx.Err(); err != nil {
			return err
		}
		c := w.queue.pop()
		w.s.commits++
		w.s.report(w.res.Repo, false)
		beyond := (w.hasAfter && c.csec <= w.afterSec) || (w.hasSince && c.csec < w.sinceSec)
		if beyond {
			old++
			if old > slop {
				break
			}
		} else {
			old = 0
		}
		parentTree, known, err := w.pushParents(&c)
		if err != nil {
			return err
		}
		if w.hasAfter && c.csec <= w.afterSec {
			continue
		}
		if c.csec > w.newest {
			w.newest = c.csec
		}
		if !c.mine || (w.hasSince && c.asec < w.sinceSec) {
			continue
		}
		if err := w.match(&c, parentTree, known); err != nil {
			return err
		}
	}
	w.finish()
	return nil
}

// tips queues the commits that HEAD, the branches, the remote-tracking
// branches and the tags point to.
func (w *walker) tips() error {
	refs, err := w.st.IterReferences()
	if err != nil {
		return fmt.Errorf("reading the refs: %w", err)
	}
	defer refs.Close()
	var names []plumbing.ReferenceName
	err = refs.ForEach(func(r *plumbing.Reference) error {
		n := r.Name()
		if n == plumbing.HEAD || n.IsBranch() || n.IsRemote() || n.IsTag() {
			names = append(names, n)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("reading the refs: %w", err)
	}
	for _, n := range names {
		r, err := storer.ResolveReference(w.st, n)
		if err != nil {
			if errors.Is(err, plumbing.ErrReferenceNotFound) {
				continue // an unborn branch: no commits yet
			}
			return fmt.Errorf("reading %s: %w", n, err)
		}
		if r.Type() != plumbing.HashReference {
			continue
		}
		h, ok, err := w.peel(r.Hash())
		if err != nil {
			return err
		}
		if ok {
			if err := w.push(h); err != nil {
				return err
			}
		}
	}
	return nil
}

// peel follows annotated tags to the commit they name; ok is false when
// they name a tree or a blob.
func (w *walker) peel(h plumbing.Hash) (plumbing.Hash, bool, error) {
	for range 10 {
		t, b, err := w.objs.read(0, h, nil)
		if err != nil {
			return h, false, err
		}
		switch t {
		case packCommit:
			return h, true, nil
		case packTag:
			tag := h
			target, ok := strings.CutPrefix(string(b), "object ")
			if !ok || len(target) < 40 || !parseHash([]byte(target[:40]), &h) {
				return h, false, &damagedError{fmt.Sprintf("tag %s is corrupt", tag)}
			}
		default:
			return h, false, nil
		}
	}
	return h, false, nil
}

// push reads the commit h and queues it, unless it was queued before.
func (w *walker) push(h plumbing.Hash) error {
	if _, ok := w.seen[h]; ok {
		return nil
	}
	w.seen[h] = struct{}{}
	c, err := w.load(h)
	if err != nil {
		return err
	}
	w.queue.push(c)
	return nil
}

// load reads and parses the commit h.
func (w *walker) load(h plumbing.Hash) (commit, error) {
	_, b, err := w.objs.read(packCommit, h, w.buf[:0])
	if err != nil {
		return commit{}, err
	}
	w.buf = b
	return parseCommit(h, b, w.authors)
}

// pushParents queues c's parents not seen yet and returns the tree of its
// first parent (zero for a root commit). For a shallow clone's last
// commits, whose parents are missing, known is false.
func (w *walker) pushParents(c *commit) (tree plumbing.Hash, known bool, err error) {
	if w.shallow[c.hash] {
		return plumbing.ZeroHash, false, nil
	}
	for i, p := range c.parents {
		if _, ok := w.seen[p]; ok {
			if i == 0 && c.mine {
				// Seen through another child (a merge): read again.
				pc, err := w.load(p)
				if err != nil {
					return tree, false, err
				}
				tree = pc.tree
			}
			continue
		}
		w.seen[p] = struct{}{}
		pc, err := w.load(p)
		if err != nil {
			return tree, false, err
		}
		if i == 0 {
			tree = pc.tree
		}
		w.queue.push(pc)
	}
	return tree, true, nil
}

// match finds the entries the author's commit c matches and counts it for
// each.
func (w *walker) match(c *commit, parentTree plumbing.Hash, known bool) error {
	w.res.Commits++
	w.gen++
	w.hits = w.hits[:0]
	w.s.m.subject(c.subject, w.hit)
	if known && len(w.s.m.paths) > 0 && len(w.hits) < len(w.s.m.ids) {
		if err := w.d.diff(parentTree, c.tree); err != nil {
			return err
		}
	}
	for _, i := range w.hits {
		w.accs[i].add(c)
	}
	return nil
}

// hit marks entry i as matched by the current commit.
func (w *walker) hit(i int32) {
	if w.hitGen[i] != w.gen {
		w.hitGen[i] = w.gen
		w.hits = append(w.hits, i)
	}
}

// file matches one changed file of the current commit.
func (w *walker) file(p []byte) {
	for _, i := range w.s.m.file(p) {
		w.hit(i)
	}
}

// finish turns the gathered matches into suggestions.
func (w *walker) finish() {
	if w.newest > 0 {
		w.res.Newest = time.Unix(w.newest, 0).UTC()
	}
	for i := range w.accs {
		a := &w.accs[i]
		if a.n == 0 {
			continue
		}
		sg := Suggestion{
			Item:    w.s.m.ids[i],
			Repo:    w.res.Repo,
			Commits: a.n,
			First:   authorTime(&a.first),
			Last:    authorTime(&a.last),
			Link:    w.linker.link(w.res.Repo, a.last.hash.String()),
		}
		for _, e := range a.examples {
			sg.Examples = append(sg.Examples, e.subject)
		}
		w.res.Suggestions = append(w.res.Suggestions, sg)
	}
	sortSuggestions(w.res.Suggestions)
}

// authorTime is c's author time in the author's time zone.
func authorTime(c *commit) time.Time {
	return time.Unix(c.asec, 0).In(time.FixedZone("", c.atz))
}

// commitHeap is a priority queue of commits, the latest committer time
// first, as git log walks.
type commitHeap struct{ c []commit }

func (h *commitHeap) len() int { return len(h.c) }

func (h *commitHeap) less(i, j int) bool { return h.c[i].csec > h.c[j].csec }

func (h *commitHeap) push(c commit) {
	h.c = append(h.c, c)
	for i := len(h.c) - 1; i > 0; {
		p := (i - 1) / 2
		if !h.less(i, p) {
			break
		}
		h.c[i], h.c[p] = h.c[p], h.c[i]
		i = p
	}
}

func (h *commitHeap) pop() commit {
	top := h.c[0]
	last := len(h.c) - 1
	h.c[0] = h.c[last]
	h.c[last] = commit{}
	h.c = h.c[:last]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(h.c) && h.less(l, m) {
			m = l
		}
		if r < len(h.c) && h.less(r, m) {
			m = r
		}
		if m == i {
			break
		}
		h.c[i], h.c[m] = h.c[m], h.c[i]
		i = m
	}
	return top
}
