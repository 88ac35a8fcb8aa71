package store

import (
	"devpath/tracker"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"gorm.io/gorm"
)

// Suggestion states.
const (
	SuggestionNew       = "new"
	SuggestionAccepted  = "accepted"
	SuggestionDismissed = "dismissed"
)

// suggestionRow is one row of evidence_suggestions.
type suggestionRow struct {
	ID         int64     `gorm:"column:id;primaryKey"`
	ItemID     string    `gorm:"column:item_id"`
	Repo       string    `gorm:"column:repo"`
	Commits    int       `gorm:"column:commits"`
	First      time.Time `gorm:"column:first;serializer:day"`
	Last       time.Time `gorm:"column:last;serializer:day"`
	Examples   string    `gorm:"column:examples"`
	Link       string    `gorm:"column:link"`
	Status     string    `gorm:"column:status"`
	EvidenceID *int64    `gorm:"column:evidence_id"`
	FoundAt    time.Time `gorm:"column:found_at;serializer:stamp"`
}

// TableName is the suggestions' table.
func (suggestionRow) TableName() string { return "evidence_suggestions" }

func (r suggestionRow) suggestion() tracker.Suggestion {
	var ex []string
	_ = json.Unmarshal([]byte(r.Examples), &ex) // written by saveFound; unreadable reads as none
	if ex == nil {
		ex = []string{}
	}
	return tracker.Suggestion{ID: r.ID, Item: r.ItemID, Repo: r.Repo, Commits: r.Commits, First: r.First, Last: r.Last,
		Examples: ex, Link: r.Link, Status: r.Status}
}

// scanRow records how far the history of one repository has been scanned.
// Its column newest holds the tips the last scan read from, as hashes
// separated by spaces; a database written before holds there the newest
// commit time scanned (an instant, as serializer:stamp writes it), which
// is kept as the repository's mark until its next scan.
type scanRow struct {
	Repo      string    `gorm:"column:repo;primaryKey"`
	Mark      string    `gorm:"column:newest"`
	ScannedAt time.Time `gorm:"column:scanned_at;serializer:stamp"`
}

// TableName is the scans' table.
func (scanRow) TableName() string { return "git_scans" }

// ScanMark is how far a repository's history has been scanned: the tips
// the last scan read from, or, for a scan made before tips were recorded,
// the newest commit time it covered (Tips nil).
type ScanMark struct {
	Tips   []string
	Newest time.Time
}

// mark reads the row's column.
func (r scanRow) mark() ScanMark {
	if t, err := parseStamp(r.Mark); err == nil {
		return ScanMark{Newest: t}
	}
	return ScanMark{Tips: strings.Fields(r.Mark)}
}

// ScanMarks returns, per repository, how far a scan has covered its
// history: a re-scan reads only what was not read then.
func (s *Store) ScanMarks() (map[string]ScanMark, error) {
	var rows []scanRow
	if err := s.read("read past scans", func(db *gorm.DB) error { return db.Find(&rows).Error }); err != nil {
		return nil, err
	}
	out := make(map[string]ScanMark, len(rows))
	for _, r := range rows {
		out[r.Repo] = r.mark()
	}
	return out, nil
}

// SaveScan saves what a scan found, in one write: each match becomes a new
// suggestion, or adds to a pending one for the same entry and repository;
// a match for an entry and repository the user dismissed is dropped; and
// tips (repository → the objects its history was read from) replace the
// repository's mark for the next scan. It returns how many suggestions
// were added or grew.
func (s *Store) SaveScan(found []tracker.Found, tips map[string][]string) (int, error) {
	n := 0
	err := s.write("save the scan's suggestions", func(tx *gorm.DB, now time.Time) error {
		n = 0
		for _, f := range found {
			if err := tracker.ValidateItemID(f.Item); err != nil {
				return fmt.Errorf("a match for %q: %w", f.Item, err)
			}
			if f.Commits <= 0 {
				continue
			}
			var rows []suggestionRow
			if err := tx.Where("item_id = ? AND repo = ? AND status IN ?", f.Item, f.Repo, []string{SuggestionNew, SuggestionDismissed}).Find(&rows).Error; err != nil {
				return err
			}
			var pending *suggestionRow
			dismissed := false
			for i := range rows {
				switch rows[i].Status {
				case SuggestionDismissed:
					dismissed = true
				case SuggestionNew:
					pending = &rows[i]
				}
			}
			if dismissed {
				continue
			}
			ex := clampExamples(f.Examples)
			if pending != nil {
				var old []string
				_ = json.Unmarshal([]byte(pending.Examples), &old)
				ex = clampExamples(append(ex, old...))
				if f.First.After(pending.First) {
					f.First = pending.First
				}
				if pending.Last.After(f.Last) {
					f.Last, f.Link = pending.Last, pending.Link
				}
				f.Commits += pending.Commits
			}
			j, err := json.Marshal(ex)
			if err != nil {
				return err
			}
			row := suggestionRow{ItemID: f.Item, Repo: f.Repo, Commits: f.Commits, First: tracker.DayOf(f.First), Last: tracker.DayOf(f.Last),
				Examples: string(j), Link: f.Link, Status: SuggestionNew, FoundAt: now.UTC()}
			if pending != nil {
				row.ID = pending.ID
				err = tx.Save(&row).Error
			} else {
				err = tx.Create(&row).Error
			}
			if err != nil {
				return err
			}
			n++
		}
		for repo, t := range tips {
			for _, h := range t {
				if h == "" || strings.ContainsAny(h, " \t\n") {
					return fmt.Errorf("the scan of %s: %q is not a commit name", repo, h)
				}
			}
			if err := tx.Save(&scanRow{Repo: repo, Mark: strings.Join(t, " "), ScannedAt: now.UTC()}).Error; err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}

// clampExamples keeps at most three distinct, non-empty subjects, each of
// at most 200 characters, in order.
func clampExamples(ex []string) []string {
	out := []string{}
	for _, e := range ex {
		e = strings.TrimSpace(strings.Map(func(r rune) rune {
			if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
				return ' '
			}
			return r
		}, e))
		if r := []rune(e); len(r) > 200 {
			e = string(r[:200])
		}
		if e == "" || slices.Contains(out, e) {
			continue
		}
		out = append(out, e)
		if len(out) == 3 {
			break
		}
	}
	return out
}

// Suggestions returns the suggestions waiting for review, by entry id and
// repository.
func (s *Store) Suggestions() ([]tracker.Suggestion, error) {
	var rows []suggestionRow
	err := s.read("read suggestions", func(db *gorm.DB) error {
		return db.Where("status = ?", SuggestionNew).Order("item_id, repo, id").Find(&rows).Error
	})
	if err != nil {
		return nil, err
	}
	return values(rows, suggestionRow.suggestion), nil
}

// loadPending reads the pending suggestion id inside a transaction.
func loadPending(tx *gorm.DB, id int64) (suggestionRow, error) {
	var r suggestionRow
	res := tx.Where("id = ?", id).Limit(1).Find(&r)
	if res.Error != nil {
		return r, res.Error
	}
	if res.RowsAffected == 0 {
		return r, &tracker.Error{Code: tracker.CodeNotFound, Op: "suggestion", Entry: strconv.FormatInt(id, 10), Msg: "not found"}
	}
	if r.Status != SuggestionNew {
		return r, &tracker.Error{Code: tracker.CodeReviewed, Op: "suggestion", Entry: strconv.FormatInt(id, 10), Msg: "was " + r.Status}
	}
	return r, nil
}

// AcceptSuggestions turns the pending suggestions with the given ids (all
// pending ones when ids is empty) into evidence, in one write: each becomes
// one piece of evidence dated on its newest commit, at level (0: the level
// claimed), logged like evidence added by hand so that undo takes it back.
func (s *Store) AcceptSuggestions(ids []int64, level tracker.Level) ([]tracker.Evidence, error) {
	if err := tracker.CheckEvidenceLevel(level); err != nil {
		return nil, err
	}
	today := s.today()
	op := "accept suggestions"
	if len(ids) == 1 {
		op = fmt.Sprintf("accept suggestion %d", ids[0])
	}
	var saved []tracker.Evidence
	err := s.write(op, func(tx *gorm.DB, now time.Time) error {
		saved = nil
		var rows []suggestionRow
		if len(ids) == 0 {
			if err := tx.Where("status = ?", SuggestionNew).Order("item_id, repo, id").Find(&rows).Error; err != nil {
				return err
			}
		}
		for _, id := range ids {
			r, err := loadPending(tx, id)
			if err != nil {
				return err
			}
			rows = append(rows, r)
		}
		for _, r := range rows {
			e, err := cleanEvidence(suggestionEvidence(r.suggestion(), level, today), today)
			if err != nil {
				return fmt.Errorf("suggestion %d: %w", r.ID, err)
			}
			e, err = addEvidenceTx(tx, e, now)
			if err != nil {
				return err
			}
			if err := tx.Model(&suggestionRow{}).Where("id = ?", r.ID).Updates(map[string]any{"status": SuggestionAccepted, "evidence_id": e.ID}).Error; err != nil {
				return err
			}
			saved = append(saved, e)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return saved, nil
}

// suggestionEvidence is the evidence a suggestion becomes: a note naming
// the repository, the commits and their dates, with the examples; the web
// link when there is one.
func suggestionEvidence(sg tracker.Suggestion, level tracker.Level, today time.Time) tracker.Evidence {
	var b strings.Builder
	commits := "commits"
	if sg.Commits == 1 {
		commits = "commit"
	}
	// The repository by its name, never its folder: evidence is shared
	// (review requests, exports), and a folder is this machine's.
	fmt.Fprintf(&b, "%d %s in %s", sg.Commits, commits, tracker.RepoName(sg.Repo))
	if sg.First.Equal(sg.Last) {
		fmt.Fprintf(&b, " on %s", sg.Last.Format(tracker.DateLayout))
	} else {
		fmt.Fprintf(&b, ", %s to %s", sg.First.Format(tracker.DateLayout), sg.Last.Format(tracker.DateLayout))
	}
	if len(sg.Examples) > 0 {
		b.WriteString(": " + strings.Join(sg.Examples, "; "))
	}
	link := sg.Link
	if tracker.ValidateLink(link) != nil || !strings.Contains(link, "://") {
		if at := strings.LastIndexByte(link, '@'); at > 0 && !strings.Contains(link, "://") {
			fmt.Fprintf(&b, " (%s)", tracker.CommitRef(link[:at], link[at+1:]))
		} else if link != "" {
			fmt.Fprintf(&b, " (%s)", link)
		}
		link = ""
	}
	note := b.String()
	if r := []rune(note); len(r) > tracker.MaxNoteLen {
		note = string(r[:tracker.MaxNoteLen-1]) + "…"
	}
	date := sg.Last
	if date.After(today) {
		date = today // a commit dated ahead of this machine's clock
	}
	return tracker.Evidence{ItemID: sg.Item, Note: note, Link: link, Date: date, Level: level}
}

// DismissSuggestion marks the pending suggestion id dismissed: neither it
// nor a later match of the same entry in the same repository is suggested
// again.
func (s *Store) DismissSuggestion(id int64) error {
	return s.write(fmt.Sprintf("dismiss suggestion %d", id), func(tx *gorm.DB, now time.Time) error {
		if _, err := loadPending(tx, id); err != nil {
			return err
		}
		return tx.Model(&suggestionRow{}).Where("id = ?", id).Update("status", SuggestionDismissed).Error
	})
}

// sortFound orders matches by entry and repository, so that a scan saves
// the same rows in the same order whatever order it found them in.
func sortFound(f []tracker.Found) {
	sort.SliceStable(f, func(i, j int) bool {
		if f[i].Item != f[j].Item {
			return f[i].Item < f[j].Item
		}
		return f[i].Repo < f[j].Repo
	})
}
