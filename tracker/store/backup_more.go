package store

import (
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"

	"devpath/tracker"
	"devpath/tracker/backup"
)

// The tables version 4 of the backup added (see tracker/backup/more.go):
// how a backup reads them, replaces them and merges them.

// moreTables are the tables of the review round trip, the git suggestions
// and the team outbox, in the order a replace empties them.
var moreTables = []string{"review_ratings", "reviews", "reviewer_keys", "review_responses", "review_requests", "evidence_suggestions", "git_scans", "team_outbox"}

// snapshotMore reads the version 4 tables into b. A database made before a
// table existed has none of its rows.
func snapshotMore(tx *gorm.DB, b *backup.Backup) error {
	has := map[string]bool{}
	for _, t := range moreTables {
		ok, err := hasTable(tx, t)
		if err != nil {
			return err
		}
		has[t] = ok
	}
	read := func(table string, dest any) error {
		if !has[table] {
			return nil
		}
		if err := tx.Order("rowid").Find(dest).Error; err != nil {
			return fmt.Errorf("table %s: %w", table, err)
		}
		return nil
	}
	var requests []reviewRequestRow
	if err := read("review_requests", &requests); err != nil {
		return err
	}
	b.ReviewRequests = values(requests, func(r reviewRequestRow) backup.ReviewRequest {
		return backup.ReviewRequest{ID: r.ID, CreatedAt: r.CreatedAt, Share: r.Share, Digest: r.Digest, File: r.File}
	})
	var responses []reviewResponseRow
	if err := read("review_responses", &responses); err != nil {
		return err
	}
	b.ReviewResponses = values(responses, func(r reviewResponseRow) backup.ReviewResponse {
		return backup.ReviewResponse{ID: r.ID, RequestID: r.RequestID, Reviewer: r.Reviewer, Fingerprint: r.Fingerprint,
			Digest: r.Digest, File: r.File, ImportedAt: r.ImportedAt, CheckInID: r.CheckInID}
	})
	var keys []reviewerKeyRow
	if err := read("reviewer_keys", &keys); err != nil {
		return err
	}
	b.ReviewerKeys = values(keys, func(r reviewerKeyRow) backup.ReviewerKey {
		return backup.ReviewerKey{Reviewer: r.Reviewer, Key: r.Key, PinnedAt: r.PinnedAt}
	})
	if err := snapshotReviews(b, read); err != nil {
		return err
	}
	var sugg []suggestionRow
	if err := read("evidence_suggestions", &sugg); err != nil {
		return err
	}
	b.Suggestions = make([]backup.Suggestion, 0, len(sugg))
	for _, r := range sugg {
		var ex []string
		if err := json.Unmarshal([]byte(r.Examples), &ex); err != nil {
			return fmt.Errorf("table evidence_suggestions: suggestion %d: its examples are not a list of texts", r.ID)
		}
		b.Suggestions = append(b.Suggestions, backup.Suggestion{ID: r.ID, ItemID: r.ItemID, Repo: r.Repo, Commits: r.Commits,
			First: r.First, Last: r.Last, Examples: ex, Link: r.Link, Status: r.Status, EvidenceID: r.EvidenceID, FoundAt: r.FoundAt})
	}
	var scans []scanRow
	if err := read("git_scans", &scans); err != nil {
		return err
	}
	b.GitScans = values(scans, func(r scanRow) backup.GitScan {
		return backup.GitScan{Repo: r.Repo, Mark: r.Mark, ScannedAt: r.ScannedAt}
	})
	var outbox []teamOutboxRow
	if err := read("team_outbox", &outbox); err != nil {
		return err
	}
	b.TeamOutbox = make([]backup.OutboxEntry, 0, len(outbox))
	for _, r := range outbox {
		o := backup.OutboxEntry{UUID: r.UUID, CheckInID: r.CheckinID, Payload: r.Payload}
		var err error
		if o.QueuedAt, err = parseStamp(r.QueuedAt); err != nil {
			return fmt.Errorf("table team_outbox: queued_at %.40q is not a time", r.QueuedAt)
		}
		if r.PublishedAt != "" {
			if o.Published, err = parseStamp(r.PublishedAt); err != nil {
				return fmt.Errorf("table team_outbox: published_at %.40q is not a time", r.PublishedAt)
			}
		}
		b.TeamOutbox = append(b.TeamOutbox, o)
	}
	return nil
}

// snapshotReviews reads the reviews a manager opened with their ratings.
func snapshotReviews(b *backup.Backup, read func(string, any) error) error {
	var reviews []reviewRow
	if err := read("reviews", &reviews); err != nil {
		return err
	}
	var ratings []ratingRow
	if err := read("review_ratings", &ratings); err != nil {
		return err
	}
	at := make(map[string]int, len(reviews))
	b.Reviews = make([]backup.Review, 0, len(reviews))
	for i, r := range reviews {
		rv := backup.Review{ID: r.ID, Engineer: r.Engineer, OpenedAt: r.OpenedAt, File: r.File, Note: r.Note}
		if r.SignedAt != "" {
			t, err := parseStamp(r.SignedAt)
			if err != nil {
				return fmt.Errorf("table reviews: signed_at %.40q is not a time", r.SignedAt)
			}
			rv.SignedAt = t
		}
		at[r.ID] = i
		b.Reviews = append(b.Reviews, rv)
	}
	for _, x := range ratings {
		i, ok := at[x.ReviewID]
		if !ok {
			return fmt.Errorf("table review_ratings: a rating of review %.40q, which the database does not have", x.ReviewID)
		}
		b.Reviews[i].Ratings = append(b.Reviews[i].Ratings, backup.Rating{ItemID: x.ItemID, Level: x.Level, Comment: x.Comment})
	}
	return nil
}

// countMore counts the rows of the version 4 tables, as an import reports
// them: review records, suggestions (with scan marks) and queued check-ins.
func countMore(b backup.Backup) (reviews, suggestions, outbox int) {
	return len(b.ReviewRequests) + len(b.ReviewResponses) + len(b.ReviewerKeys) + len(b.Reviews),
		len(b.Suggestions) + len(b.GitScans), len(b.TeamOutbox)
}

// replaceMore empties the version 4 tables and writes the backup's rows,
// ids included.
func replaceMore(tx *gorm.DB, b backup.Backup) error {
	for _, t := range moreTables {
		if err := tx.Exec("DELETE FROM " + t).Error; err != nil {
			return err
		}
	}
	return putMore(tx, b, nil)
}

// idMaps turn the backup's ids of check-ins and evidence into the
// database's after a merge; nil keeps them.
type idMaps struct {
	checkIns, evidence map[int64]int64
}

// checkIn maps a check-in id; ok is false when the database has no such
// check-in.
func (m *idMaps) checkIn(id int64) (int64, bool) {
	if m == nil {
		return id, true
	}
	n, ok := m.checkIns[id]
	return n, ok
}

// putMore inserts the backup's rows of the version 4 tables. With ids
// (a merge), rows get new ids and their references to check-ins and
// evidence are mapped; without, they keep theirs.
func putMore(tx *gorm.DB, b backup.Backup, ids *idMaps) error {
	for _, r := range b.ReviewRequests {
		if err := tx.Create(&reviewRequestRow{ID: r.ID, CreatedAt: r.CreatedAt, Share: r.Share, Digest: r.Digest, File: r.File}).Error; err != nil {
			return err
		}
	}
	for _, r := range b.ReviewResponses {
		row := reviewResponseRow{ID: r.ID, RequestID: r.RequestID, Reviewer: r.Reviewer, Fingerprint: r.Fingerprint,
			Digest: r.Digest, File: r.File, ImportedAt: r.ImportedAt, CheckInID: r.CheckInID}
		if ids != nil {
			row.ID = 0
			if r.CheckInID != nil {
				row.CheckInID = nil
				if n, ok := ids.checkIn(*r.CheckInID); ok {
					row.CheckInID = &n
				}
			}
		}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
	}
	for _, k := range b.ReviewerKeys {
		if err := tx.Create(&reviewerKeyRow{Reviewer: k.Reviewer, Key: k.Key, PinnedAt: k.PinnedAt}).Error; err != nil {
			return err
		}
	}
	for _, r := range b.Reviews {
		row := reviewRow{ID: r.ID, Engineer: r.Engineer, OpenedAt: r.OpenedAt, File: r.File, Note: r.Note}
		if !r.SignedAt.IsZero() {
			row.SignedAt = formatStamp(r.SignedAt)
		}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		for _, x := range r.Ratings {
			if err := tx.Create(&ratingRow{ReviewID: r.ID, ItemID: x.ItemID, Level: x.Level, Comment: x.Comment}).Error; err != nil {
				return err
			}
		}
	}
	for _, s := range b.Suggestions {
		ex, err := json.Marshal(s.Examples)
		if err != nil {
			return err
		}
		if s.Examples == nil {
			ex = []byte("[]")
		}
		row := suggestionRow{ID: s.ID, ItemID: s.ItemID, Repo: s.Repo, Commits: s.Commits, First: s.First, Last: s.Last,
			Examples: string(ex), Link: s.Link, Status: s.Status, EvidenceID: s.EvidenceID, FoundAt: s.FoundAt}
		if ids != nil {
			row.ID, row.EvidenceID = 0, nil
			if s.EvidenceID != nil {
				if n, ok := ids.evidence[*s.EvidenceID]; ok {
					row.EvidenceID = &n
				}
			}
		}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
	}
	for _, g := range b.GitScans {
		if err := tx.Save(&scanRow{Repo: g.Repo, Mark: g.Mark, ScannedAt: g.ScannedAt}).Error; err != nil {
			return err
		}
	}
	for _, o := range b.TeamOutbox {
		id, ok := ids.checkIn(o.CheckInID)
		if !ok {
			continue // its check-in is not here: nothing to publish
		}
		row := teamOutboxRow{UUID: o.UUID, CheckinID: id, Payload: o.Payload, QueuedAt: formatStamp(o.QueuedAt)}
		if !o.Published.IsZero() {
			row.PublishedAt = formatStamp(o.Published)
		}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
	}
	return nil
}

// mergeMore adds what the database lacks of the backup's version 4 rows:
// requests and reviews by id, responses by digest, pinned keys by reviewer
// (a key pinned here stays pinned), suggestions by entry, repository and
// when they were found, scan marks by repository (the later scan wins) and
// queued check-ins by uuid.
func mergeMore(tx *gorm.DB, cur, b backup.Backup, ids *idMaps, r *tracker.ImportReport) error {
	var add backup.Backup
	count := func(c *tracker.ImportCounts, have bool) bool {
		if have {
			c.Kept++
		} else {
			c.Added++
		}
		return !have
	}
	requests := map[string]bool{}
	for _, x := range cur.ReviewRequests {
		requests[x.ID] = true
	}
	for _, x := range b.ReviewRequests {
		if count(&r.Reviews, requests[x.ID]) {
			add.ReviewRequests = append(add.ReviewRequests, x)
		}
	}
	digests := map[string]bool{}
	for _, x := range cur.ReviewResponses {
		digests[x.Digest] = true
	}
	for _, x := range b.ReviewResponses {
		if count(&r.Reviews, digests[x.Digest]) {
			add.ReviewResponses = append(add.ReviewResponses, x)
		}
	}
	pinned := map[string]bool{}
	for _, x := range cur.ReviewerKeys {
		pinned[x.Reviewer] = true
	}
	for _, x := range b.ReviewerKeys {
		if count(&r.Reviews, pinned[x.Reviewer]) {
			add.ReviewerKeys = append(add.ReviewerKeys, x)
		}
	}
	reviews := map[string]bool{}
	for _, x := range cur.Reviews {
		reviews[x.ID] = true
	}
	for _, x := range b.Reviews {
		if count(&r.Reviews, reviews[x.ID]) {
			add.Reviews = append(add.Reviews, x)
		}
	}
	type found struct {
		item, repo string
		at         int64
	}
	sugg := map[found]bool{}
	for _, x := range cur.Suggestions {
		sugg[found{x.ItemID, x.Repo, x.FoundAt.UnixNano()}] = true
	}
	for _, x := range b.Suggestions {
		if count(&r.Suggestions, sugg[found{x.ItemID, x.Repo, x.FoundAt.UnixNano()}]) {
			add.Suggestions = append(add.Suggestions, x)
		}
	}
	scans := map[string]time.Time{}
	for _, x := range cur.GitScans {
		scans[x.Repo] = x.ScannedAt
	}
	for _, x := range b.GitScans {
		at, have := scans[x.Repo]
		switch {
		case !have:
			r.Suggestions.Added++
		case x.ScannedAt.After(at):
			r.Suggestions.Updated++
		default:
			r.Suggestions.Kept++
			continue
		}
		add.GitScans = append(add.GitScans, x)
	}
	queued := map[string]bool{}
	for _, x := range cur.TeamOutbox {
		queued[x.UUID] = true
	}
	for _, x := range b.TeamOutbox {
		if _, ok := ids.checkIn(x.CheckInID); !ok {
			continue
		}
		if count(&r.Outbox, queued[x.UUID]) {
			add.TeamOutbox = append(add.TeamOutbox, x)
		}
	}
	return putMore(tx, add, ids)
}
