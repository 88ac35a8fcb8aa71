package backup

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"devpath/tracker"
	"devpath/tracker/review"
)

// The rest of the database, which version 4 of the backup added: the
// review round trip in both directions, the suggestions found in git
// repositories with how far each repository was scanned, and the check-ins
// queued for a team. Older backups have none of it, which means none.

// ReviewRequest is a review request the user sent: the database keeps it
// to check the manager's answer.
type ReviewRequest struct {
	ID        string    `json:"id"`
	CreatedAt time.Time `json:"created_at"`
	Share     string    `json:"share"`
	Digest    string    `json:"digest"`
	// File is the request exactly as it was sent (base64 in the JSON).
	File []byte `json:"file"`
}

// ReviewResponse is a signed answer to a request, imported.
type ReviewResponse struct {
	ID          int64     `json:"id"`
	RequestID   string    `json:"request_id"`
	Reviewer    string    `json:"reviewer"`
	Fingerprint string    `json:"fingerprint"`
	Digest      string    `json:"digest"`
	File        []byte    `json:"file"`
	ImportedAt  time.Time `json:"imported_at"`
	// CheckInID is the check-in the response was saved as, if any.
	CheckInID *int64 `json:"checkin_id,omitempty"`
}

// ReviewerKey is the key pinned for a reviewer: the first key they signed
// with, or the one the user accepted later.
type ReviewerKey struct {
	Reviewer string    `json:"reviewer"`
	Key      string    `json:"key"`
	PinnedAt time.Time `json:"pinned_at"`
}

// Review is a request a manager opened, with their ratings.
type Review struct {
	ID       string    `json:"id"`
	Engineer string    `json:"engineer"`
	OpenedAt time.Time `json:"opened_at"`
	File     []byte    `json:"file"`
	Note     string    `json:"note,omitempty"`
	// SignedAt is when the manager last signed it; zero when never.
	SignedAt time.Time `json:"signed_at,omitzero"`
	Ratings  []Rating  `json:"ratings,omitempty"`
}

// Rating is a manager's rating of one entry of a review.
type Rating struct {
	ItemID  string `json:"item_id"`
	Level   int    `json:"level"`
	Comment string `json:"comment,omitempty"`
}

// Suggestion is evidence found in a git repository, waiting, accepted or
// dismissed.
type Suggestion struct {
	ID         int64     `json:"id"`
	ItemID     string    `json:"item_id"`
	Repo       string    `json:"repo"`
	Commits    int       `json:"commits"`
	First      time.Time `json:"first"`
	Last       time.Time `json:"last"`
	Examples   []string  `json:"examples"`
	Link       string    `json:"link,omitempty"`
	Status     string    `json:"status"`
	EvidenceID *int64    `json:"evidence_id,omitempty"`
	FoundAt    time.Time `json:"found_at"`
}

// GitScan is how far a repository's history was scanned.
type GitScan struct {
	Repo string `json:"repo"`
	// Mark is the scan's mark as stored: the tips read from, or the
	// newest commit time of an older scan.
	Mark      string    `json:"mark"`
	ScannedAt time.Time `json:"scanned_at"`
}

// OutboxEntry is a check-in queued for the team database.
type OutboxEntry struct {
	UUID      string `json:"uuid"`
	CheckInID int64  `json:"checkin_id"`
	// Payload is the check-in as the team sees it (tracker.TeamCheckIn).
	Payload   string    `json:"payload"`
	QueuedAt  time.Time `json:"queued_at"`
	Published time.Time `json:"published_at,omitzero"`
}

// Limits on the values of the version 4 tables.
const (
	maxReviewerLen = 200
	maxCommentLen  = 10000
	maxRepoLen     = 4096
	maxMarkLen     = 64 << 10
	maxPayloadLen  = 4 << 20
)

var (
	suggestionStatuses = []string{"new", "accepted", "dismissed"}
	shares             = []string{review.ShareAll, review.ShareEvidenced}
)

// SectionError is an error of Backup.Check in one part of the backup,
// named by its key in the file.
type SectionError struct {
	// Section is the backup's key: "profile", "items", "evidence",
	// "events", "checkins", "roadmap", "exported_at" or one of the version
	// 4 keys, which are the names of their tables.
	Section string
	err     error
}

func (e *SectionError) Error() string { return e.err.Error() }
func (e *SectionError) Unwrap() error { return e.err }

// checkRowID checks an id the database keeps as it is.
func checkRowID(id int64) error {
	if id <= 0 {
		return errors.New("the id must be a positive number")
	}
	if id > tracker.MaxRowID {
		return fmt.Errorf("the id %d is too large (at most %d)", id, tracker.MaxRowID)
	}
	return nil
}

// checkMore validates the version 4 tables; instant checks and normalises
// a time, day a calendar day.
func (b *Backup) checkMore(section *string, instant func(string, *time.Time) error, day func(string, *time.Time, bool) error) error {
	*section = "review_requests"
	requests := map[string]string{} // id → digest
	for i := range b.ReviewRequests {
		r := &b.ReviewRequests[i]
		where := fmt.Sprintf("review_requests[%d]", i)
		if err := checkRequestFile(r.ID, r.Digest, r.File); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		if _, dup := requests[r.ID]; dup {
			return fmt.Errorf("%s: request %s is listed twice", where, r.ID)
		}
		requests[r.ID] = r.Digest
		if !slices.Contains(shares, r.Share) {
			return fmt.Errorf("%s: share %.20q is not %s or %s", where, r.Share, review.ShareAll, review.ShareEvidenced)
		}
		if err := instant(where+" created_at", &r.CreatedAt); err != nil {
			return err
		}
	}
	*section = "review_responses"
	ids, digests := map[int64]bool{}, map[string]bool{}
	signed := map[string]bool{} // reviewer and fingerprint of each response
	for i := range b.ReviewResponses {
		r := &b.ReviewResponses[i]
		where := fmt.Sprintf("review_responses[%d] (id %d)", i, r.ID)
		if err := checkResponse(r, ids, digests); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		if err := instant(where+" imported_at", &r.ImportedAt); err != nil {
			return err
		}
		signed[r.Reviewer+"\x00"+r.Fingerprint] = true
	}
	*section = "reviewer_keys"
	reviewers := map[string]bool{}
	for i := range b.ReviewerKeys {
		k := &b.ReviewerKeys[i]
		where := fmt.Sprintf("reviewer_keys[%d]", i)
		if err := checkReviewer(k.Reviewer); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		if reviewers[k.Reviewer] {
			return fmt.Errorf("%s: reviewer %.60q has two keys", where, k.Reviewer)
		}
		reviewers[k.Reviewer] = true
		pub, err := base64.StdEncoding.DecodeString(k.Key)
		if err != nil || len(pub) != ed25519.PublicKeySize {
			return fmt.Errorf("%s: the key of %.60q is not an Ed25519 public key", where, k.Reviewer)
		}
		// devpath pins a key only when it imports a response signed with
		// it: a key no response of the backup was signed with was planted.
		if !signed[k.Reviewer+"\x00"+review.Fingerprint(pub)] {
			return fmt.Errorf("%s: the key pinned for %.60q signed none of the responses", where, k.Reviewer)
		}
		if err := instant(where+" pinned_at", &k.PinnedAt); err != nil {
			return err
		}
	}
	*section = "reviews"
	reviews := map[string]bool{}
	for i := range b.Reviews {
		r := &b.Reviews[i]
		where := fmt.Sprintf("reviews[%d]", i)
		if err := checkReview(r, reviews); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		if err := instant(where+" opened_at", &r.OpenedAt); err != nil {
			return err
		}
		if !r.SignedAt.IsZero() {
			if err := instant(where+" signed_at", &r.SignedAt); err != nil {
				return err
			}
		}
	}
	*section = "evidence_suggestions"
	suggestions := map[int64]bool{}
	for i := range b.Suggestions {
		s := &b.Suggestions[i]
		where := fmt.Sprintf("evidence_suggestions[%d] (id %d)", i, s.ID)
		if err := checkSuggestion(s, suggestions); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		if err := day(where+" first", &s.First, true); err != nil {
			return err
		}
		if err := day(where+" last", &s.Last, true); err != nil {
			return err
		}
		if err := instant(where+" found_at", &s.FoundAt); err != nil {
			return err
		}
	}
	*section = "git_scans"
	repos := map[string]bool{}
	for i := range b.GitScans {
		g := &b.GitScans[i]
		where := fmt.Sprintf("git_scans[%d]", i)
		if err := tracker.ValidateText("the repository", g.Repo, maxRepoLen); err != nil || g.Repo == "" {
			return fmt.Errorf("%s: the repository is not a single line of text", where)
		}
		if repos[g.Repo] {
			return fmt.Errorf("%s: repository %.60q is listed twice", where, g.Repo)
		}
		repos[g.Repo] = true
		if err := tracker.ValidateText("the scan's mark", g.Mark, maxMarkLen); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		if err := instant(where+" scanned_at", &g.ScannedAt); err != nil {
			return err
		}
	}
	*section = "team_outbox"
	queued := map[string]bool{}
	for i := range b.TeamOutbox {
		o := &b.TeamOutbox[i]
		where := fmt.Sprintf("team_outbox[%d]", i)
		if err := checkOutbox(o, queued); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		if err := instant(where+" queued_at", &o.QueuedAt); err != nil {
			return err
		}
		if !o.Published.IsZero() {
			if err := instant(where+" published_at", &o.Published); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkRequestFile checks a review request file: what devpath reads as a
// request, with the id and digest given.
func checkRequestFile(id, digest string, file []byte) error {
	if len(file) > review.MaxFileSize {
		return fmt.Errorf("the request file is larger than %s", byteSize(review.MaxFileSize))
	}
	req, err := review.DecodeRequest(file)
	if err != nil {
		return fmt.Errorf("the request file is not valid: %w", err)
	}
	if req.ID != id {
		return fmt.Errorf("the request file is request %.40q, not %.40q", req.ID, id)
	}
	if digest != review.Digest(file) {
		return errors.New("the digest is not the request file's")
	}
	return nil
}

// checkResponse checks an imported response: a file whose signature holds,
// and the values the database keeps beside it are the file's.
func checkResponse(r *ReviewResponse, ids map[int64]bool, digests map[string]bool) error {
	if err := checkRowID(r.ID); err != nil {
		return err
	}
	if ids[r.ID] {
		return errors.New("the id is used twice")
	}
	ids[r.ID] = true
	if len(r.File) > review.MaxFileSize {
		return fmt.Errorf("the response file is larger than %s", byteSize(review.MaxFileSize))
	}
	resp, pub, err := review.DecodeResponse(r.File)
	if err != nil {
		return fmt.Errorf("the response file is not valid: %w", err)
	}
	switch {
	case r.RequestID != resp.RequestID:
		return errors.New("it names another request than its file")
	case r.Reviewer != resp.Reviewer:
		return errors.New("it names another reviewer than its file")
	case r.Fingerprint != review.Fingerprint(pub):
		return errors.New("its fingerprint is not its file's key's")
	case r.Digest != review.Digest(r.File):
		return errors.New("the digest is not the response file's")
	case digests[r.Digest]:
		return errors.New("the same response is listed twice")
	}
	digests[r.Digest] = true
	if r.CheckInID != nil {
		if err := checkRowID(*r.CheckInID); err != nil {
			return fmt.Errorf("check-in: %w", err)
		}
	}
	return nil
}

// checkReviewer checks a reviewer's name as a response file's checks do.
func checkReviewer(name string) error {
	if strings.TrimSpace(name) == "" {
		return errors.New("no reviewer")
	}
	return tracker.ValidateText("the reviewer's name", name, maxReviewerLen)
}

// checkReview checks a review a manager opened and its ratings.
func checkReview(r *Review, seen map[string]bool) error {
	if len(r.File) > review.MaxFileSize {
		return fmt.Errorf("the request file is larger than %s", byteSize(review.MaxFileSize))
	}
	req, err := review.DecodeRequest(r.File)
	if err != nil {
		return fmt.Errorf("the request file is not valid: %w", err)
	}
	if req.ID != r.ID || req.Engineer != r.Engineer {
		return errors.New("its id or engineer is not its file's")
	}
	if seen[r.ID] {
		return fmt.Errorf("review %s is listed twice", r.ID)
	}
	seen[r.ID] = true
	if err := checkComment("the review's note", r.Note); err != nil {
		return err
	}
	rated := map[string]bool{}
	for _, rt := range r.Ratings {
		if err := tracker.ValidateItemID(rt.ItemID); err != nil {
			return fmt.Errorf("rating: %w", err)
		}
		if rated[rt.ItemID] {
			return fmt.Errorf("entry %s is rated twice", rt.ItemID)
		}
		rated[rt.ItemID] = true
		if rt.Level < 0 || rt.Level > 4 {
			return fmt.Errorf("rating of %s: level %d is not valid (0-4)", rt.ItemID, rt.Level)
		}
		if err := checkComment("the comment on "+rt.ItemID, rt.Comment); err != nil {
			return err
		}
	}
	return nil
}

// checkComment checks a manager's note or comment: text of at most
// maxCommentLen characters whose only control characters are line breaks
// and tabs (what the review files allow).
func checkComment(what, s string) error {
	for _, line := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\t' }) {
		if err := tracker.ValidateText(what, line, maxCommentLen); err != nil {
			return err
		}
	}
	if n := len([]rune(s)); n > maxCommentLen {
		return fmt.Errorf("%s is too long (%d characters; at most %d)", what, n, maxCommentLen)
	}
	return nil
}

// checkSuggestion checks a suggestion's values.
func checkSuggestion(s *Suggestion, seen map[int64]bool) error {
	if err := checkRowID(s.ID); err != nil {
		return err
	}
	if seen[s.ID] {
		return errors.New("the id is used twice")
	}
	seen[s.ID] = true
	if err := tracker.ValidateItemID(s.ItemID); err != nil {
		return err
	}
	if s.Repo == "" {
		return errors.New("no repository")
	}
	if err := tracker.ValidateText("the repository", s.Repo, maxRepoLen); err != nil {
		return err
	}
	if s.Commits <= 0 {
		return fmt.Errorf("%d commits: want at least one", s.Commits)
	}
	if len(s.Examples) > 3 {
		return fmt.Errorf("%d examples: at most 3", len(s.Examples))
	}
	for _, ex := range s.Examples {
		if err := tracker.ValidateText("an example commit", ex, tracker.MaxSourceLen); err != nil {
			return err
		}
	}
	if err := tracker.ValidateText("the link", s.Link, tracker.MaxSourceLen+maxRepoLen); err != nil {
		return err
	}
	if !slices.Contains(suggestionStatuses, s.Status) {
		return fmt.Errorf("status %.20q is not new, accepted or dismissed", s.Status)
	}
	if s.EvidenceID != nil {
		if err := checkRowID(*s.EvidenceID); err != nil {
			return fmt.Errorf("evidence: %w", err)
		}
	}
	return nil
}

// checkOutbox checks a queued check-in: its payload must be a team
// check-in with the entry's own uuid.
func checkOutbox(o *OutboxEntry, seen map[string]bool) error {
	if !tracker.ValidUUID(o.UUID) {
		return fmt.Errorf("uuid %.40q is not a UUID", o.UUID)
	}
	if seen[o.UUID] {
		return errors.New("the uuid is used twice")
	}
	seen[o.UUID] = true
	if err := checkRowID(o.CheckInID); err != nil {
		return fmt.Errorf("check-in: %w", err)
	}
	if len(o.Payload) > maxPayloadLen {
		return fmt.Errorf("the queued check-in is larger than %s", byteSize(maxPayloadLen))
	}
	var tc tracker.TeamCheckIn
	d := json.NewDecoder(bytes.NewReader([]byte(o.Payload)))
	d.DisallowUnknownFields()
	if err := d.Decode(&tc); err != nil || d.More() {
		return errors.New("the queued check-in is not one devpath wrote")
	}
	if tc.UUID != o.UUID || tc.CheckInID != o.CheckInID {
		return errors.New("the queued check-in names another uuid or check-in than its row")
	}
	if err := tracker.ValidateItemID(tc.Stage); err != nil {
		return fmt.Errorf("the queued check-in's stage: %w", err)
	}
	if math.IsNaN(tc.Score) || tc.Score < 0 || tc.Score > 100 {
		return fmt.Errorf("the queued check-in's score %v is not between 0 and 100", tc.Score)
	}
	for id, it := range tc.Items {
		if err := tracker.ValidateItemID(id); err != nil {
			return fmt.Errorf("the queued check-in: %w", err)
		}
		if !it.Level.Valid() {
			return fmt.Errorf("the queued check-in: entry %s: level %d is not valid (0-4)", id, int(it.Level))
		}
	}
	for _, e := range tc.Evidence {
		if err := tracker.ValidateItemID(e.ItemID); err != nil {
			return fmt.Errorf("the queued check-in's evidence: %w", err)
		}
		if err := tracker.ValidateText("the queued check-in's evidence title", e.Title, tracker.MaxTeamTitle); err != nil {
			return err
		}
		if err := tracker.ValidateLink(e.Link); err != nil {
			return fmt.Errorf("the queued check-in's evidence: %w", err)
		}
	}
	return nil
}
