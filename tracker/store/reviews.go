package store

import (
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/review"
)

type reviewRequestRow struct {
	ID        string    `gorm:"column:id;primaryKey"`
	CreatedAt time.Time `gorm:"column:created_at;serializer:stamp"`
	Share     string    `gorm:"column:share"`
	Digest    string    `gorm:"column:digest"`
	File      []byte    `gorm:"column:file"`
}

func (reviewRequestRow) TableName() string { return "review_requests" }

type reviewResponseRow struct {
	ID          int64     `gorm:"column:id;primaryKey"`
	RequestID   string    `gorm:"column:request_id"`
	Reviewer    string    `gorm:"column:reviewer"`
	Fingerprint string    `gorm:"column:fingerprint"`
	Digest      string    `gorm:"column:digest"`
	File        []byte    `gorm:"column:file"`
	ImportedAt  time.Time `gorm:"column:imported_at;serializer:stamp"`
	CheckInID   *int64    `gorm:"column:checkin_id"`
}

func (reviewResponseRow) TableName() string { return "review_responses" }

type reviewerKeyRow struct {
	Reviewer string    `gorm:"column:reviewer;primaryKey"`
	Key      string    `gorm:"column:key"`
	PinnedAt time.Time `gorm:"column:pinned_at;serializer:stamp"`
}

func (reviewerKeyRow) TableName() string { return "reviewer_keys" }

type reviewRow struct {
	ID       string    `gorm:"column:id;primaryKey"`
	Engineer string    `gorm:"column:engineer"`
	OpenedAt time.Time `gorm:"column:opened_at;serializer:stamp"`
	File     []byte    `gorm:"column:file"`
	Note     string    `gorm:"column:note"`
	SignedAt string    `gorm:"column:signed_at"`
}

func (reviewRow) TableName() string { return "reviews" }

type ratingRow struct {
	ReviewID string `gorm:"column:review_id;primaryKey"`
	ItemID   string `gorm:"column:item_id;primaryKey"`
	Level    int    `gorm:"column:level"`
	Comment  string `gorm:"column:comment"`
}

func (ratingRow) TableName() string { return "review_ratings" }

// RequestReview builds the review request the user sends to their manager:
// their profile's name, stage and next level, rm's id and version, each
// entry counted towards the next level with its level and evidence (share
// ShareEvidenced: only the entries that have evidence), and both scores.
// The database remembers the request so that it can check the response.
// It returns the request and the file to send.
func (s *Store) RequestReview(rm *roadmap.Roadmap, share string, today time.Time) (review.Request, []byte, error) {
	if share == "" {
		share = review.ShareAll
	}
	if share != review.ShareAll && share != review.ShareEvidenced {
		return review.Request{}, nil, fmt.Errorf("share %q: want %s or %s", share, review.ShareAll, review.ShareEvidenced)
	}
	p, err := s.Progress()
	if err != nil {
		return review.Request{}, nil, err
	}
	id, err := review.NewID()
	if err != nil {
		return review.Request{}, nil, err
	}
	a := tracker.Assess(rm, p, today)
	req := review.Request{ID: id, CreatedAt: s.now().UTC().Truncate(time.Second), Engineer: p.Profile.Name, Share: share,
		Stage: review.Ref{ID: a.Stage.ID, Title: a.Stage.Title}, Roadmap: review.RoadmapRef{ID: rm.ID, Version: rm.Version, Title: rm.Title},
		Readiness: review.Scores{Claimed: a.Readiness.Score}, Entries: []review.Entry{}}
	if a.Next != nil {
		req.Next = &review.Ref{ID: a.Next.ID, Title: a.Next.Title}
	}
	if ev := a.Readiness.Evidenced; ev != nil {
		score := ev.Score
		req.Readiness.Evidenced = &score
	}
	repos, err := s.ScannedRepos()
	if err != nil {
		return review.Request{}, nil, err
	}
	st, _ := tracker.ResolveStates(rm, p.Items)
	byEntry := tracker.EvidenceByEntry(rm, p.Evidence)
	for _, e := range tracker.ActiveEntries(rm, p.Profile, a.Stage.ID) {
		is := st.State(e.Item.ID)
		re := review.Entry{ID: e.Item.ID, Title: e.Item.Title, Kind: e.Kind, Group: e.GroupTitle, Level: int(is.Level), Skipped: is.Skipped, Evidence: []review.Evidence{}}
		for _, x := range byEntry[e.Item.ID] {
			// Evidence found in git names its repository and commit, never
			// this machine's folders or a full hash (tracker.ShareNote).
			re.Evidence = append(re.Evidence, review.Evidence{Note: tracker.ShareNote(x.Note, repos), Link: x.Link, Date: x.Date.Format(tracker.DateLayout), Level: int(x.Level)})
		}
		if share == review.ShareEvidenced && len(re.Evidence) == 0 {
			continue
		}
		req.Entries = append(req.Entries, re)
	}
	file, err := review.EncodeRequest(req)
	if err != nil {
		return review.Request{}, nil, err
	}
	err = s.write("save the review request", func(tx *gorm.DB, now time.Time) error {
		return tx.Create(&reviewRequestRow{ID: id, CreatedAt: req.CreatedAt, Share: share, Digest: review.Digest(file), File: file}).Error
	})
	if err != nil {
		return review.Request{}, nil, err
	}
	return req, file, nil
}

// ScannedRepos are the folders of every repository a git scan suggested
// evidence from or read, which notes of evidence may name.
func (s *Store) ScannedRepos() ([]string, error) {
	var sugg, scanned []string
	err := s.read("read the scanned repositories", func(db *gorm.DB) error {
		if err := db.Model(&suggestionRow{}).Distinct("repo").Pluck("repo", &sugg).Error; err != nil {
			return err
		}
		return db.Model(&scanRow{}).Distinct("repo").Pluck("repo", &scanned).Error
	})
	return append(sugg, scanned...), err
}

// OpenReview keeps a review request the manager received, without
// touching their own progress. Opening the same request again returns the
// review already kept, ratings and all.
func (s *Store) OpenReview(file []byte) (tracker.Review, error) {
	req, err := review.DecodeRequest(file)
	if err != nil {
		return tracker.Review{}, err
	}
	var opened *tracker.Review
	err = s.write("open the review", func(tx *gorm.DB, now time.Time) error {
		var n int64
		if err := tx.Model(&reviewRow{}).Where("id = ?", req.ID).Count(&n).Error; err != nil || n > 0 {
			return err
		}
		row := reviewRow{ID: req.ID, Engineer: req.Engineer, OpenedAt: now.UTC(), File: file}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		opened = &tracker.Review{Request: req, Digest: review.Digest(file), OpenedAt: row.OpenedAt, Ratings: map[string]review.Rating{}}
		return nil
	})
	if err != nil {
		return tracker.Review{}, err
	}
	if opened != nil {
		// Newly opened: the request just read is the review, with no
		// rating yet; reading it back would parse the file again.
		return *opened, nil
	}
	return s.Review(req.ID)
}

// Reviews returns the reviews the manager has opened, newest first.
func (s *Store) Reviews() ([]tracker.Review, error) {
	var rows []reviewRow
	var ratings []ratingRow
	err := s.read("read reviews", func(db *gorm.DB) error {
		if err := db.Order("opened_at DESC").Find(&rows).Error; err != nil {
			return err
		}
		return db.Find(&ratings).Error
	})
	if err != nil {
		return nil, err
	}
	byReview := map[string][]ratingRow{}
	for _, x := range ratings {
		byReview[x.ReviewID] = append(byReview[x.ReviewID], x)
	}
	var out []tracker.Review
	for _, r := range rows {
		rv, err := r.review(byReview[r.ID])
		if err != nil {
			return nil, err
		}
		out = append(out, rv)
	}
	return out, nil
}

// FindReview returns the review whose id starts with ref (at least four
// characters), or the only one when ref is empty.
func (s *Store) FindReview(ref string) (tracker.Review, error) {
	all, err := s.Reviews()
	if err != nil {
		return tracker.Review{}, err
	}
	var hits []tracker.Review
	for _, r := range all {
		if ref == "" || strings.HasPrefix(r.Request.ID, strings.ToLower(ref)) && len(ref) >= 4 {
			hits = append(hits, r)
		}
	}
	switch {
	case len(hits) == 1:
		return hits[0], nil
	case len(hits) == 0 && ref == "":
		return tracker.Review{}, fmt.Errorf("no review is open: %w", tracker.ErrNotFound)
	case len(hits) == 0:
		return tracker.Review{}, fmt.Errorf("no review %q: %w", ref, tracker.ErrNotFound)
	}
	return tracker.Review{}, fmt.Errorf("%d reviews are open; name one by the start of its id", len(hits))
}

// Review returns one opened review by its full id.
func (s *Store) Review(id string) (tracker.Review, error) {
	var r reviewRow
	var ratings []ratingRow
	err := s.read("read the review", func(db *gorm.DB) error {
		res := db.Where("id = ?", id).Limit(1).Find(&r)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("review %s: %w", id, tracker.ErrNotFound)
		}
		return db.Where("review_id = ?", id).Find(&ratings).Error
	})
	if err != nil {
		return tracker.Review{}, err
	}
	return r.review(ratings)
}

// review is the stored review with its ratings.
func (r reviewRow) review(ratings []ratingRow) (tracker.Review, error) {
	req, err := review.DecodeStoredRequest(r.File)
	if err != nil {
		return tracker.Review{}, fmt.Errorf("review %s: %w", r.ID, err)
	}
	rv := tracker.Review{Request: req, Digest: review.Digest(r.File), OpenedAt: r.OpenedAt, Ratings: map[string]review.Rating{}, Note: r.Note}
	if r.SignedAt != "" {
		rv.SignedAt, _ = parseStamp(r.SignedAt)
	}
	for _, x := range ratings {
		rv.Ratings[x.ItemID] = review.Rating{ID: x.ItemID, Level: x.Level, Comment: x.Comment}
	}
	return rv, nil
}

// RateReview records the manager's level for an entry of the review
// (criteria and milestones: 3 confirmed, 0 not) and, when comment is not
// nil, their comment.
func (s *Store) RateReview(id, entry string, level tracker.Level, comment *string) error {
	rv, err := s.Review(id)
	if err != nil {
		return err
	}
	var e *review.Entry
	for i := range rv.Request.Entries {
		if rv.Request.Entries[i].ID == entry {
			e = &rv.Request.Entries[i]
		}
	}
	if e == nil {
		return fmt.Errorf("the review has no entry %q: %w", entry, tracker.ErrNotFound)
	}
	if !level.Valid() {
		return fmt.Errorf("level %d is not a level (0-4)", int(level))
	}
	if (e.Kind == roadmap.KindCriterion || e.Kind == roadmap.KindMilestone) && level != tracker.NotStarted && level != tracker.Proficient {
		return fmt.Errorf("%s is a %s: it is confirmed (3) or not (0)", entry, e.Kind)
	}
	if comment != nil {
		if err := tracker.CheckNote(*comment); err != nil && *comment != "" {
			return fmt.Errorf("the comment: %w", err)
		}
	}
	return s.write("rate "+entry, func(tx *gorm.DB, now time.Time) error {
		row := ratingRow{ReviewID: rv.Request.ID, ItemID: entry, Level: int(level)}
		if old, ok := rv.Ratings[entry]; ok {
			row.Comment = old.Comment
		}
		if comment != nil {
			row.Comment = strings.TrimSpace(*comment)
		}
		return tx.Save(&row).Error
	})
}

// NoteReview sets the manager's overall note.
func (s *Store) NoteReview(id, note string) error {
	note = strings.TrimSpace(note)
	if note != "" {
		if err := tracker.CheckNote(note); err != nil {
			return fmt.Errorf("the note: %w", err)
		}
	}
	if _, err := s.Review(id); err != nil {
		return err
	}
	return s.write("note the review", func(tx *gorm.DB, now time.Time) error {
		return tx.Model(&reviewRow{}).Where("id = ?", id).Update("note", note).Error
	})
}

// SignReview writes the response to a review, signed with key, in the
// manager's name (their profile's): for every entry of the request the
// manager's level (their own rating, else the engineer's: agreement) and
// comment, and the overall note.
func (s *Store) SignReview(id string, key ed25519.PrivateKey) ([]byte, error) {
	rv, err := s.Review(id)
	if err != nil {
		return nil, err
	}
	prof, err := s.Profile()
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(prof.Name) == "" {
		return nil, tracker.ErrNoName
	}
	resp := review.Response{RequestID: rv.Request.ID, RequestDigest: rv.Digest, Engineer: rv.Request.Engineer, Reviewer: prof.Name,
		SignedAt: s.now().UTC().Truncate(time.Second), Note: rv.Note, Ratings: []review.Rating{}}
	for _, e := range rv.Request.Entries {
		r, ok := rv.Ratings[e.ID]
		if !ok {
			r = review.Rating{ID: e.ID, Level: e.Level}
		}
		resp.Ratings = append(resp.Ratings, r)
	}
	file, err := review.Sign(resp, key)
	if err != nil {
		return nil, err
	}
	err = s.write("sign the review", func(tx *gorm.DB, now time.Time) error {
		return tx.Model(&reviewRow{}).Where("id = ?", id).Update("signed_at", formatStamp(resp.SignedAt)).Error
	})
	if err != nil {
		return nil, err
	}
	return file, nil
}

// ImportResponse checks a response file and keeps it, frozen, beside a
// check-in made at that moment: it must answer a request this database
// made, be signed as it is, and come from the key pinned for the reviewer
// (the first response from a reviewer pins it; a different key is
// refused unless acceptNewKey). Nothing is written when a check fails.
func (s *Store) ImportResponse(file []byte, acceptNewKey bool, rm *roadmap.Roadmap, today time.Time) (tracker.ImportedResponse, error) {
	resp, pub, err := review.DecodeResponse(file)
	if err != nil {
		return tracker.ImportedResponse{}, err
	}
	fp := review.Fingerprint(pub)
	key := base64.StdEncoding.EncodeToString(pub)
	var out tracker.ImportedResponse
	err = s.write("import the review response", func(tx *gorm.DB, now time.Time) error {
		var req reviewRequestRow
		res := tx.Where("id = ?", resp.RequestID).Limit(1).Find(&req)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return tracker.ErrNotOurRequest
		}
		if req.Digest != resp.RequestDigest {
			return tracker.ErrOtherVersion
		}
		var n int64
		if err := tx.Model(&reviewResponseRow{}).Where("digest = ?", review.Digest(file)).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return tracker.ErrAlreadyImported
		}
		newKey, err := pinKey(tx, resp.Reviewer, key, fp, acceptNewKey, now)
		if err != nil {
			return err
		}
		out.NewKey = newKey
		var taken []string
		if err := tx.Model(&checkinRow{}).Pluck("label", &taken).Error; err != nil {
			return err
		}
		base := "Review by " + tracker.ShortenWords(resp.Reviewer, 60)
		label := base
		for n := 2; slices.Contains(taken, label); n++ {
			label = fmt.Sprintf("%s (%d)", base, n)
		}
		ci, err := s.checkInTx(tx, "save the check-in", label, rm, today, now)
		if err != nil {
			return err
		}
		row := reviewResponseRow{RequestID: resp.RequestID, Reviewer: resp.Reviewer, Fingerprint: fp, Digest: review.Digest(file), File: file, ImportedAt: now.UTC(), CheckInID: &ci.ID}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		r, err := review.DecodeStoredRequest(req.File)
		if err != nil {
			return err
		}
		out = tracker.ImportedResponse{ID: row.ID, Request: r, Response: resp, Fingerprint: fp, NewKey: out.NewKey, ImportedAt: row.ImportedAt, CheckIn: &ci}
		return nil
	})
	if err != nil {
		return tracker.ImportedResponse{}, err
	}
	return out, nil
}

// pinKey checks a response's key against the keys pinned for its reviewer
// and every name that looks the same (review.NameKey): a name not seen
// before pins key; a pinned name, or a look-alike of one, must come with
// a key pinned for it, unless acceptNewKey, which replaces the keys of
// every look-alike with this one under this name. It reports whether it
// pinned key.
func pinKey(tx *gorm.DB, reviewer, key, fp string, acceptNewKey bool, now time.Time) (bool, error) {
	var all []reviewerKeyRow
	if err := tx.Order("pinned_at, reviewer").Find(&all).Error; err != nil {
		return false, err
	}
	want := review.NameKey(reviewer)
	var alike []reviewerKeyRow
	for _, p := range all {
		if review.NameKey(p.Reviewer) == want {
			if p.Key == key {
				return false, nil
			}
			alike = append(alike, p)
		}
	}
	if len(alike) > 0 && !acceptNewKey {
		old, _ := base64.StdEncoding.DecodeString(alike[0].Key)
		return false, &tracker.KeyChange{PinnedName: alike[0].Reviewer, PinnedKey: review.Fingerprint(old), Name: reviewer, Key: fp}
	}
	for _, p := range alike {
		if err := tx.Delete(&reviewerKeyRow{}, "reviewer = ?", p.Reviewer).Error; err != nil {
			return false, err
		}
	}
	return true, tx.Save(&reviewerKeyRow{Reviewer: reviewer, Key: key, PinnedAt: now.UTC()}).Error
}

// Responses returns the imported responses, newest first.
func (s *Store) Responses() ([]tracker.ImportedResponse, error) {
	var rows []reviewResponseRow
	var reqs []reviewRequestRow
	err := s.read("read review responses", func(db *gorm.DB) error {
		if err := db.Order("id DESC").Find(&rows).Error; err != nil {
			return err
		}
		return db.Find(&reqs).Error
	})
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, r := range reqs {
		files[r.ID] = r.File
	}
	var out []tracker.ImportedResponse
	for _, r := range rows {
		resp, _, err := review.DecodeResponse(r.File)
		if err != nil {
			return nil, fmt.Errorf("review response %d: %w", r.ID, err)
		}
		req, err := review.DecodeStoredRequest(files[r.RequestID])
		if err != nil {
			return nil, fmt.Errorf("review response %d: its request: %w", r.ID, err)
		}
		out = append(out, tracker.ImportedResponse{ID: r.ID, Request: req, Response: resp, Fingerprint: r.Fingerprint, ImportedAt: r.ImportedAt})
	}
	return out, nil
}
