package store

import (
	"context"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/gitscan"
)

// ScanGit scans the repositories of req for commits that show work on rm's
// entries (by the signals the roadmap declares) and saves what it finds as
// suggestions: nothing becomes evidence until the user accepts it. Each
// repository is read only for the commits its last scan did not reach
// (by reachability from the tips that scan read). A cancelled ctx returns
// its error and saves nothing; without the git program it returns an error
// that errors.Is matches with gitscan.ErrNoGit.
func (s *Store) ScanGit(ctx context.Context, rm *roadmap.Roadmap, req tracker.ScanRequest) (tracker.ScanReport, error) {
	marks, err := s.ScanMarks()
	if err != nil {
		return tracker.ScanReport{}, err
	}
	opt := gitscan.Options{Authors: req.Authors, Since: req.Since, Seen: map[string][]string{}, After: map[string]time.Time{}}
	for repo, m := range marks {
		if m.Tips != nil {
			opt.Seen[repo] = m.Tips
		} else if !m.Newest.IsZero() {
			opt.After[repo] = m.Newest
		}
	}
	if req.Progress != nil {
		opt.Progress = func(p gitscan.Progress) {
			req.Progress(tracker.ScanProgress{Repo: p.Repo, RepoIndex: p.RepoIndex, Repos: p.Repos, Commits: p.Commits})
		}
	}
	results, err := gitscan.Scan(ctx, rm, req.Paths, opt)
	if err != nil {
		return tracker.ScanReport{}, err
	}
	if err := ctx.Err(); err != nil {
		return tracker.ScanReport{}, err
	}
	var rep tracker.ScanReport
	var found []tracker.Found
	tips := map[string][]string{}
	for _, r := range results {
		rs := tracker.RepoScan{Repo: r.Repo, Commits: r.Commits, Found: len(r.Suggestions)}
		switch {
		case r.Err != nil:
			rs.Problem = r.Err.Error()
		default:
			rs.Note = r.NoCommits()
			if r.Tips != nil {
				tips[r.Repo] = r.Tips
			}
		}
		rep.Repos = append(rep.Repos, rs)
		for _, sg := range r.Suggestions {
			found = append(found, tracker.Found{Item: sg.Item, Repo: sg.Repo, Commits: sg.Commits, First: sg.First, Last: sg.Last, Examples: sg.Examples, Link: sg.Link})
		}
	}
	sortFound(found)
	if len(found) > 0 || len(tips) > 0 {
		if rep.Added, err = s.SaveScan(found, tips); err != nil {
			return tracker.ScanReport{}, err
		}
	}
	if rep.Pending, err = s.Suggestions(); err != nil {
		return tracker.ScanReport{}, err
	}
	return rep, nil
}
