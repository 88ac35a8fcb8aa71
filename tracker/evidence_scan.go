package tracker

import (
	"time"
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
	// Note says, naming the path, that it held none of the authors'
	// commits (or no new ones since the last scan); "" otherwise.
	Note string
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

// Suggestion is evidence found in a git repository and not yet reviewed:
// the user accepts it (it becomes evidence) or dismisses it (it is not
// suggested again). Suggestions are kept in the database so that a review
// can span several runs, but they are not progress: no score counts them.
type Suggestion struct {
	ID   int64  `json:"id"`
	Item string `json:"item"`
	Repo string `json:"repo"`
	// Commits is how many of the author's commits matched; First and Last
	// are the days of the oldest and newest.
	Commits int       `json:"commits"`
	First   time.Time `json:"first"`
	Last    time.Time `json:"last"`
	// Examples are up to three commit subjects, newest first.
	Examples []string `json:"examples"`
	// Link is the newest commit's web address, or "REPO@HASH" when the
	// repository has no known web host.
	Link string `json:"link"`
	// Status is SuggestionNew, SuggestionAccepted or SuggestionDismissed.
	Status string `json:"status"`
}

// Found is one match of a scan, before it is saved as a Suggestion.
type Found struct {
	Item     string
	Repo     string
	Commits  int
	First    time.Time
	Last     time.Time
	Examples []string
	Link     string
}
