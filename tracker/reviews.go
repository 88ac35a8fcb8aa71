package tracker

import (
	"devpath/roadmap"
	"devpath/roadmap/safefile"
	"devpath/tracker/review"
	"fmt"
	"io"
	"path/filepath"
	"time"
)

// WideGap is the gap, in levels, from which self and manager disagree
// seriously: ladders treat two levels apart as a disconnect to talk
// through.
const WideGap = 2

// ComparedEntry is one entry side by side: the engineer's level, the
// manager's, the gap and the manager's comment.
//
// Skills are compared by level: Gap is the manager's level minus the
// engineer's. Criteria and the milestone are compared as states
// (confirmed or not): Gap is 0 when both say the same, else +1 (the
// manager confirms what the engineer did not) or −1, one step whatever
// the levels stored. An entry the engineer marked not applicable (Skipped)
// agrees when the manager left it so (Gap 0), and has no gap in levels
// otherwise (Gap ±1, never wide): a level set against N/A is a question
// of whether it applies, not of how far apart the two are.
type ComparedEntry struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Kind    string `json:"kind"`
	Self    Level  `json:"self"`
	Manager Level  `json:"manager"`
	// Skipped is the engineer's mark of the entry as not applicable.
	Skipped bool `json:"skipped,omitempty"`
	// States is set for the entries compared as states (criteria and the
	// milestone): their Gap counts no levels.
	States bool `json:"states,omitempty"`
	Gap    int  `json:"gap"`
	// Wide marks a disagreement to talk through: skills WideGap levels
	// apart or more, and a criterion or milestone confirmed on one side
	// only (the whole of its scale).
	Wide    bool   `json:"wide"`
	Comment string `json:"comment,omitempty"`
}

// Agrees reports whether the engineer and the manager say the same.
func (e ComparedEntry) Agrees() bool { return e.Gap == 0 }

// compareEntry compares one entry by the rules of ComparedEntry.
func compareEntry(e review.Entry, r review.Rating) ComparedEntry {
	ce := ComparedEntry{ID: e.ID, Title: e.Title, Kind: e.Kind, Self: Level(e.Level), Manager: Level(r.Level), Skipped: e.Skipped, Comment: r.Comment}
	ce.States = e.Kind == roadmap.KindCriterion || e.Kind == roadmap.KindMilestone
	diff := r.Level - e.Level
	switch {
	case e.Skipped || ce.States:
		if ce.States && !e.Skipped {
			diff = boolInt(ce.Manager >= Proficient) - boolInt(ce.Self >= Proficient)
		}
		ce.Gap = max(-1, min(1, diff))
		ce.Wide = ce.States && !e.Skipped && ce.Gap != 0
	default:
		ce.Gap = diff
		ce.Wide = diff >= WideGap || diff <= -WideGap
	}
	return ce
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Comparison is a review side by side.
type Comparison struct {
	Engineer string `json:"engineer"`
	Reviewer string `json:"reviewer"`
	// Fingerprint is the reviewer's key, which is shown wherever their
	// name is: a name can be imitated, the key cannot. Compare leaves it
	// to the caller, who knows the response's key.
	Fingerprint string          `json:"fingerprint,omitempty"`
	SignedAt    time.Time       `json:"signed_at"`
	Entries     []ComparedEntry `json:"entries"`
	// Agreement is the share (0-1) of entries on which the two agree.
	Agreement float64 `json:"agreement"`
	// Readiness is the score from the engineer's levels and from the
	// manager's, by the same formula.
	Readiness struct {
		Self    float64 `json:"self"`
		Manager float64 `json:"manager"`
	} `json:"readiness"`
	Note string `json:"note,omitempty"`
}

// Compare puts a request and its response side by side. The two scores
// are computed from prof (the engineer's profile: stage and time in it) and
// the levels of the request's entries, once as the engineer gave them and
// once as the manager did, so that they differ only by the ratings.
func Compare(rm *roadmap.Roadmap, prof Profile, req review.Request, resp review.Response, today time.Time) Comparison {
	c := Comparison{Engineer: req.Engineer, Reviewer: resp.Reviewer, SignedAt: resp.SignedAt, Note: resp.Note, Entries: []ComparedEntry{}}
	rated := map[string]review.Rating{}
	for _, r := range resp.Ratings {
		rated[r.ID] = r
	}
	self := map[string]ItemState{}
	mgr := map[string]ItemState{}
	agree := 0
	for _, e := range req.Entries {
		r, ok := rated[e.ID]
		if !ok {
			r = review.Rating{ID: e.ID, Level: e.Level}
		}
		ce := compareEntry(e, r)
		if ce.Agrees() {
			agree++
		}
		c.Entries = append(c.Entries, ce)
		self[e.ID] = ItemState{ID: e.ID, Level: Level(e.Level), Skipped: e.Skipped}
		mgr[e.ID] = ItemState{ID: e.ID, Level: Level(r.Level), Skipped: e.Skipped}
	}
	if len(c.Entries) > 0 {
		c.Agreement = float64(agree) / float64(len(c.Entries))
	}
	prof.Stage = req.Stage.ID
	c.Readiness.Self = Assess(rm, Progress{Profile: prof, Items: self}, today).Readiness.Score
	c.Readiness.Manager = Assess(rm, Progress{Profile: prof, Items: mgr}, today).Readiness.Score
	return c
}

// Review is a request opened by the manager, with their ratings so far.
type Review struct {
	Request review.Request
	// Digest is the SHA-256 of the request file as opened.
	Digest   string
	OpenedAt time.Time
	// Ratings holds the manager's own level and comment per entry id;
	// an entry without one means the manager agrees with the engineer.
	Ratings  map[string]review.Rating
	Note     string
	SignedAt time.Time
}

// ImportedResponse is a response the engineer imported.
type ImportedResponse struct {
	ID          int64
	Request     review.Request
	Response    review.Response
	Fingerprint string
	// NewKey is set when this import pinned the reviewer's key for the
	// first time (or replaced it, when the user accepted a new one).
	NewKey     bool
	ImportedAt time.Time
	CheckIn    *CheckIn
}

// KeyChange is the refusal of a response whose reviewer, or a name that
// looks the same (review.NameKey), has another key pinned: it names the
// pinned reviewer and key and the file's, so that the user can be asked
// about both. It matches ErrKeyChanged.
type KeyChange struct {
	// PinnedName is the name the pinned key was first seen under, and
	// PinnedKey that key's fingerprint.
	PinnedName, PinnedKey string
	// Name and Key are the response's reviewer and key fingerprint.
	Name, Key string
}

// Error names both reviewers and both keys; the names are spelled out
// when they differ, so that a look-alike shows as one.
func (k *KeyChange) Error() string {
	if k.Name == k.PinnedName {
		return fmt.Sprintf("%v (%s: pinned key %s, this file %s)", ErrKeyChanged, Visible(k.Name), k.PinnedKey, k.Key)
	}
	return fmt.Sprintf("%v: this file is signed by %s with key %s, a name that looks like %s, whose pinned key is %s",
		ErrKeyChanged, review.Spelled(k.Name), k.Key, review.Spelled(k.PinnedName), k.PinnedKey)
}

// Unwrap makes a KeyChange match ErrKeyChanged.
func (k *KeyChange) Unwrap() error { return ErrKeyChanged }

// ReadReviewFile reads a review file (a request or a response) without
// blocking on a named pipe and without reading more than
// review.MaxFileSize bytes.
func ReadReviewFile(path string) ([]byte, error) {
	f, fi, err := safefile.OpenRegular(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	if fi.Size() > review.MaxFileSize {
		return nil, fmt.Errorf("%s is %d bytes, too large for a review file", path, fi.Size())
	}
	b, err := io.ReadAll(io.LimitReader(f, review.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return b, nil
}

// ReviewKeyPath is where the signing key of the database at dbPath lives:
// beside it, never inside it, so that no backup or export carries it.
func ReviewKeyPath(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), "devpath-review-signing.key")
}
