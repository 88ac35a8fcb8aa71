package gitscan

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// progressEvery is the least time between two Progress calls within a
// repository.
const progressEvery = 100 * time.Millisecond

// logFormat is one commit's header in git log's output: a \x01 and then
// the hash, committer time, author email, author date ("SECONDS ZONE" with
// --date=raw) and subject, each ended by a NUL (-z). With --name-only the
// changed files follow, the first after a newline, each ended by a NUL.
const logFormat = "--format=%x01%H%x00%ct%x00%ae%x00%ad%x00%s"

// logFlags are git log's options for every read of a history: what to
// show and how, whatever the repository's configuration prefers.
var logFlags = []string{
	"log", "--stdin", "-z", logFormat, "--date=raw", "--encoding=UTF-8",
	"--no-color", "--no-decorate", "--no-mailmap", "--no-show-signature", "--no-notes",
	// The authors: git compares "<email>" with each commit's author,
	// ignoring case; the scan checks the email exactly again.
	"--fixed-strings", "--regexp-ignore-case",
}

// scanner holds the state of one Scan across its repositories.
type scanner struct {
	ctx        context.Context
	opt        Options
	m          *matcher
	authors    []string             // from Options, normalised
	seen       map[string][]string  // Options.Seen by cleaned path
	after      map[string]time.Time // Options.After by cleaned path
	repos      int
	index      int
	commits    int // read so far, all repositories
	lastReport time.Time
}

// report calls Options.Progress, at most every progressEvery unless final.
func (s *scanner) report(repo string, final bool) {
	if s.opt.Progress == nil || s.ctx.Err() != nil {
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

// repoScan is the reading of one repository's history.
type repoScan struct {
	s        *scanner
	res      *RepoResult
	root     string
	authors  map[string]bool
	linker   *commitLinker
	after    int64 // commits committed at or before are left out (After)
	hasAfter bool
	since    int64
	hasSince bool
	// noFiles are commits whose changed files are not known: a shallow
	// clone's last commits, whose parents are missing.
	noFiles map[string]bool

	cur  commit // the commit being read
	mine bool   // whether cur counts

	accs   []entryAcc
	hitGen []int
	// wordGen[i] is gen when the current commit's subject holds one of
	// entry i's words.
	wordGen []int
	gen     int
	hits    []int32
}

// scanRepo reads one repository.
func (s *scanner) scanRepo(f foundRepo) RepoResult {
	res := RepoResult{Repo: f.root}
	s.report(f.root, false)
	fail := func(err error) RepoResult {
		if errors.Is(err, ErrNoGit) {
			return RepoResult{Repo: f.root, Err: err}
		}
		return RepoResult{Repo: f.root, Err: fmt.Errorf("%s: git cannot read the repository (%s)", f.root, oneLine(err))}
	}
	tips, err := listTips(s.ctx, f.root)
	if err != nil {
		return fail(err)
	}
	rc, err := readRepoConfig(s.ctx, f.root)
	if err != nil {
		return fail(err)
	}
	authors := s.authors
	if len(authors) == 0 {
		authors = normAuthors([]string{rc.email})
	}
	if len(authors) == 0 {
		res.Err = fmt.Errorf("%s: no author email: pass --author or set git's user.email", f.root)
		return res
	}
	res.Authors = authors
	r := &repoScan{s: s, res: &res, root: f.root, authors: map[string]bool{}, linker: newLinker(rc.remote)}
	for _, a := range authors {
		r.authors[a] = true
	}
	var not []string
	if old, ok := s.seen[f.root]; ok {
		res.Limited = true
		if not, err = existingTips(s.ctx, f.root, old); err != nil {
			return fail(err)
		}
	} else if t, ok := s.after[f.root]; ok {
		res.Limited = true
		r.after, r.hasAfter = t.Unix(), true
	}
	if !s.opt.Since.IsZero() {
		res.Limited = true
		r.since, r.hasSince = s.opt.Since.Unix(), true
	}
	commonDir := f.gitDir
	if f.commonDir != "" {
		commonDir = f.commonDir
	}
	if r.noFiles, err = readShallow(commonDir); err != nil {
		return fail(err)
	}
	if len(tips) > 0 {
		if rc.treeless {
			err = r.readTreeless(tips, not)
		} else {
			err = r.read(revisions(tips, not), true)
		}
		if err != nil {
			if s.ctx.Err() != nil {
				return res
			}
			return fail(err)
		}
	}
	res.Tips = tips
	r.finish()
	return res
}

// revisions is git log's standard input: the tips to read from, and the
// old tips (^HASH) whose history is left out.
func revisions(tips, not []string) *bytes.Buffer {
	var b bytes.Buffer
	for _, h := range tips {
		b.WriteString(h + "\n")
	}
	for _, h := range not {
		b.WriteString("^" + h + "\n")
	}
	return &b
}

// read runs git log over the revisions given on its standard input (and
// extra options), matching the authors' commits as they come; with files,
// the files each commit changed are read too.
func (r *repoScan) read(stdin io.Reader, files bool, extra ...string) error {
	args := append([]string(nil), logFlags...)
	if files {
		// A merge counts what it brought against its first parent; a root
		// commit, all its files. (Without files none of this is given:
		// --diff-merges alone makes git compare trees.)
		args = append(args, "--name-only", "--no-renames", "--no-ext-diff", "--no-textconv", "--no-relative",
			"--diff-merges=first-parent", "--root")
	}
	for a := range r.authors {
		args = append(args, "--author=<"+a+">")
	}
	args = append(args, extra...)
	g, err := newGit(r.s.ctx, r.root, args...)
	if err != nil {
		return err
	}
	if r.accs == nil {
		r.accs = make([]entryAcc, len(r.s.m.ids))
		r.hitGen = make([]int, len(r.s.m.ids))
		r.wordGen = make([]int, len(r.s.m.ids))
	}
	return g.stream(stdin, func(br *bufio.Reader) error {
		return parseLog(br, r)
	})
}

// logSink receives what parseLog reads.
type logSink interface {
	// header is a commit's header; it returns whether its files are
	// wanted.
	header(h logHeader) (files bool, err error)
	// file is one file the last commit changed.
	file(name []byte)
	// end ends the last commit.
	end()
}

// logHeader is one commit's header fields, valid until the next call.
type logHeader struct {
	hash, ctime, email, date, subject []byte
}

// errLogFormat is output git log would not print in the format asked for.
var errLogFormat = errors.New("unexpected output from git log")

// parseLog reads git log's output in logFormat, with -z and maybe
// --name-only, calling sink for each commit and file. A file name that
// begins with \x01 and a full hash would read as the next commit: git
// prints nothing else that way.
func parseLog(br *bufio.Reader, sink logSink) error {
	t := tokenReader{r: br}
	var h logHeader
	inCommit, files := false, false
	for {
		tok, err := t.next()
		if err == io.EOF {
			if inCommit {
				sink.end()
			}
			return nil
		}
		if err != nil {
			return err
		}
		if len(tok) > 1 && tok[0] == 1 && isHash(string(tok[1:])) {
			if inCommit {
				sink.end()
			}
			h.hash = append(h.hash[:0], tok[1:]...)
			fields := [...]*[]byte{&h.ctime, &h.email, &h.date, &h.subject}
			for _, f := range fields {
				tok, err := t.next()
				if err != nil {
					return errLogFormat
				}
				*f = append((*f)[:0], tok...)
			}
			inCommit = true
			if files, err = sink.header(h); err != nil {
				return err
			}
			continue
		}
		if !inCommit {
			return errLogFormat
		}
		// The first file comes after a newline.
		if len(tok) > 0 && tok[0] == '\n' {
			tok = tok[1:]
		}
		if files && len(tok) > 0 {
			sink.file(tok)
		}
	}
}

// tokenReader splits a stream at NUL bytes.
type tokenReader struct {
	r   *bufio.Reader
	buf []byte
}

// next returns the next token, valid until the next call; io.EOF at the
// end (a last token without its NUL is returned first).
func (t *tokenReader) next() ([]byte, error) {
	b, err := t.r.ReadSlice(0)
	if err == nil {
		return b[:len(b)-1], nil
	}
	// Longer than the buffer, or the end.
	t.buf = append(t.buf[:0], b...)
	for errors.Is(err, bufio.ErrBufferFull) {
		b, err = t.r.ReadSlice(0)
		t.buf = append(t.buf, b...)
	}
	switch {
	case err == nil:
		return t.buf[:len(t.buf)-1], nil
	case err == io.EOF && len(t.buf) > 0:
		return t.buf, nil
	}
	return nil, err
}

// header starts a commit: it is counted for progress, and matched when by
// one of the authors, within Since and not covered by After.
func (r *repoScan) header(h logHeader) (bool, error) {
	r.s.commits++
	r.s.report(r.root, false)
	if err := r.s.ctx.Err(); err != nil {
		return false, err
	}
	r.gen++
	r.hits = r.hits[:0]
	if !r.authors[strings.ToLower(string(h.email))] {
		return false, nil
	}
	ct, err := strconv.ParseInt(string(h.ctime), 10, 64)
	if err != nil {
		return false, errLogFormat
	}
	if r.hasAfter && ct <= r.after {
		return false, nil
	}
	c := commit{hash: string(h.hash), subject: strings.ToValidUTF8(string(h.subject), "\uFFFD")}
	if c.asec, c.atz, err = parseRawDate(string(h.date)); err != nil {
		return false, err
	}
	if r.hasSince && c.asec < r.since {
		return false, nil
	}
	r.res.Commits++
	r.cur, r.mine = c, true
	r.s.m.subject(c.subject, r.word)
	return !r.noFiles[c.hash] && len(r.s.m.paths) > 0, nil
}

// parseRawDate parses git's raw date, "1700000000 +0100".
func parseRawDate(s string) (sec int64, tz int, err error) {
	ts, zone, _ := strings.Cut(s, " ")
	if sec, err = strconv.ParseInt(ts, 10, 64); err != nil {
		return 0, 0, errLogFormat
	}
	if len(zone) == 5 && (zone[0] == '+' || zone[0] == '-') {
		if n, err := strconv.Atoi(zone[1:]); err == nil {
			tz = (n/100*60 + n%100) * 60
			if zone[0] == '-' {
				tz = -tz
			}
		}
	}
	return sec, tz, nil
}

// file matches one changed file of the current commit.
func (r *repoScan) file(p []byte) {
	if !r.mine || len(r.hits) == len(r.s.m.ids) {
		return
	}
	for _, i := range r.s.m.file(p) {
		// An entry that needs a word matches on its files only once the
		// subject held one (the subject is matched first).
		if r.s.m.strict[i] && r.wordGen[i] != r.gen {
			continue
		}
		r.hit(i)
	}
}

// word marks entry i as named by the current commit's subject: a match,
// unless the entry needs a changed file of its paths too.
func (r *repoScan) word(i int32) {
	if r.s.m.strict[i] {
		r.wordGen[i] = r.gen
		if len(r.s.m.sigs[i].Paths) > 0 {
			return
		}
	}
	r.hit(i)
}

// end counts the current commit for each entry it matched.
func (r *repoScan) end() {
	if !r.mine {
		return
	}
	r.mine = false
	for _, i := range r.hits {
		r.accs[i].add(&r.cur)
	}
}

// hit marks entry i as matched by the current commit.
func (r *repoScan) hit(i int32) {
	if r.hitGen[i] != r.gen {
		r.hitGen[i] = r.gen
		r.hits = append(r.hits, i)
	}
}

// finish turns the gathered matches into suggestions.
func (r *repoScan) finish() {
	for i := range r.accs {
		a := &r.accs[i]
		if a.n == 0 {
			continue
		}
		sg := Suggestion{
			Item:    r.s.m.ids[i],
			Repo:    r.res.Repo,
			Commits: a.n,
			First:   authorTime(&a.first),
			Last:    authorTime(&a.last),
			Link:    r.linker.link(r.res.Repo, a.last.hash),
		}
		for _, e := range a.examples {
			sg.Examples = append(sg.Examples, e.subject)
		}
		r.res.Suggestions = append(r.res.Suggestions, sg)
	}
	sortSuggestions(r.res.Suggestions)
}

// authorTime is c's author time in the author's time zone.
func authorTime(c *commit) time.Time {
	return time.Unix(c.asec, 0).In(time.FixedZone("", c.atz))
}

// oneLine is err's message on one line.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}
