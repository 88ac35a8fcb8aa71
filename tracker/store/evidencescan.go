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
// repository is read only from where its last scan ended. A cancelled ctx
// returns its error and saves nothing.
func (s *Store) ScanGit(ctx context.Context, rm *roadmap.Roadmap, req tracker.ScanRequest) (tracker.ScanReport, error) {
	marks, err := s.ScanMarks()
	if err != nil {
		return tracker.ScanReport{}, err
	}
	opt := gitscan.Options{Authors: req.Authors, Since: req.Since, After: marks}
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
	newest := map[string]time.Time{}
	for _, r := range results {
		rs := tracker.RepoScan{Repo: r.Repo, Commits: r.Commits, Found: len(r.Suggestions)}
		switch {
		case r.Err != nil:
			rs.Problem = r.Err.Error()
		default:
			rs.Note = r.NoCommits()
			if !r.Newest.IsZero() {
				newest[r.Repo] = r.Newest
			}
		}
		rep.Repos = append(rep.Repos, rs)
		for _, sg := range r.Suggestions {
			found = append(found, tracker.Found{Item: sg.Item, Repo: sg.Repo, Commits: sg.Commits, First: sg.First, Last: sg.Last, Examples: sg.Examples, Link: sg.Link})
		}
	}
	sortFound(found)
	if len(found) > 0 || len(newest) > 0 {
		if rep.Added, err = s.SaveScan(found, newest); err != nil {
			return tracker.ScanReport{}, err
		}
	}
	if rep.Pending, err = s.Suggestions(); err != nil {
		return tracker.ScanReport{}, err
	}
	return rep, nil
}
