package tracker

import (
	"context"
	"errors"
	"time"

	"devpath/roadmap"
)

// ScanRequest is what to scan for evidence: repositories (or folders
// holding them), whose commits (the authors' emails; none: each
// repository's configured user.email) and from when.
type ScanRequest struct {
	Paths   []string
	Authors []string
	Since   time.Time
	// Progress, when set, is called from the scanning goroutine.
	Progress func(ScanProgress)
}

// ScanProgress is how far a scan has got.
type ScanProgress struct {
	Repo      string
	RepoIndex int
	Repos     int
	Commits   int
}

// RepoScan is what a scan made of one repository or path.
type RepoScan struct {
	Repo string
	// Problem is a one-line reason the path was not scanned, naming it;
	// "" when it was.
	Problem string
	// Commits is how many of the author's commits were read, Found how
	// many suggestions they gave.
	Commits int
	Found   int
}

// ScanReport is a scan's outcome: each repository, how many suggestions
// were added or grew, and every suggestion now waiting for review.
type ScanReport struct {
	Repos   []RepoScan
	Added   int
	Pending []Suggestion
}

// errScanUnavailable is returned until the scanner is wired in.
var errScanUnavailable = errors.New("the git scan is not available in this build")

// ScanGit scans the repositories of req for commits that show work on rm's
// entries and saves what it finds as suggestions (nothing becomes evidence
// until the user accepts it). A cancelled ctx returns its error and saves
// nothing.
func (s *Store) ScanGit(ctx context.Context, rm *roadmap.Roadmap, req ScanRequest) (ScanReport, error) {
	return ScanReport{}, errScanUnavailable
}
