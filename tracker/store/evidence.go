package store

import (
	"devpath/tracker"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// evidenceRow is one row of the evidence table.
type evidenceRow struct {
	ID      int64         `gorm:"column:id;primaryKey"`
	ItemID  string        `gorm:"column:item_id"`
	Note    string        `gorm:"column:note"`
	Link    string        `gorm:"column:link"`
	Date    time.Time     `gorm:"column:date;serializer:day"`
	Level   tracker.Level `gorm:"column:level"`
	Created time.Time     `gorm:"column:created_at;serializer:stamp"`
	Updated time.Time     `gorm:"column:updated_at;serializer:stamp"`
	UUID    string        `gorm:"column:uuid"`
}

// BeforeCreate gives a new row its uuid when it comes without one (new
// evidence, or evidence of a backup made before evidence had uuids), so that
// every row has one.
func (r *evidenceRow) BeforeCreate(*gorm.DB) error {
	if r.UUID != "" {
		return nil
	}
	id, err := newUUID()
	if err != nil {
		return err
	}
	r.UUID = id
	return nil
}

// TableName is the evidence table.
func (evidenceRow) TableName() string { return "evidence" }

// evidenceRowOf converts evidence to its stored form.
func evidenceRowOf(e tracker.Evidence) evidenceRow {
	return evidenceRow{ID: e.ID, ItemID: e.ItemID, Note: e.Note, Link: e.Link, Date: tracker.DayOf(e.Date), Level: e.Level, Created: e.CreatedAt, Updated: e.UpdatedAt, UUID: e.UUID}
}

// evidence is the evidence the row holds.
func (r evidenceRow) evidence() tracker.Evidence {
	return tracker.Evidence{ID: r.ID, ItemID: r.ItemID, Note: r.Note, Link: r.Link, Date: r.Date, Level: r.Level, CreatedAt: r.Created, UpdatedAt: r.Updated, UUID: r.UUID}
}

// evidenceJSON is the form of evidence kept in the event log.
func evidenceJSON(e tracker.Evidence) (string, error) {
	b, err := json.Marshal(e)
	if err != nil {
		return "", fmt.Errorf("encode evidence: %w", err)
	}
	return string(b), nil
}

// insertEvidence adds a row with its id (used to put a deleted entry back).
func insertEvidence(tx *gorm.DB, r evidenceRow) error {
	return tx.Create(&r).Error
}

// updateEvidence overwrites the content of an existing row.
func updateEvidence(tx *gorm.DB, r evidenceRow) error {
	// Select names every column, so that a value that is empty is written
	// too (Updates alone skips zero values).
	res := tx.Model(&evidenceRow{ID: r.ID}).Select("item_id", "note", "link", "date", "level", "created_at", "updated_at").Updates(&r)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("evidence %d: %w", r.ID, tracker.ErrNotFound)
	}
	return nil
}

// loadEvidence reads one entry by id.
func loadEvidence(tx *gorm.DB, id int64) (tracker.Evidence, error) {
	var r evidenceRow
	res := tx.Where("id = ?", id).Limit(1).Find(&r)
	if res.Error != nil {
		return tracker.Evidence{}, res.Error
	}
	if res.RowsAffected == 0 {
		return tracker.Evidence{}, fmt.Errorf("evidence %d: %w", id, tracker.ErrNotFound)
	}
	return r.evidence(), nil
}

// cleanEvidence trims and validates what the caller gave: an entry id, a
// note (1-10,000 characters), an optional http(s) link and a date that is
// not in the future (zero: today).
func cleanEvidence(e tracker.Evidence, today time.Time) (tracker.Evidence, error) {
	e.ItemID = strings.TrimSpace(e.ItemID)
	e.Note = strings.TrimSpace(e.Note)
	e.Link = strings.TrimSpace(e.Link)
	if err := tracker.ValidateItemID(e.ItemID); err != nil {
		return tracker.Evidence{}, err
	}
	if err := tracker.CheckNote(e.Note); err != nil {
		return tracker.Evidence{}, err
	}
	if err := tracker.ValidateLink(e.Link); err != nil {
		return tracker.Evidence{}, err
	}
	if err := tracker.CheckEvidenceLevel(e.Level); err != nil {
		return tracker.Evidence{}, err
	}
	if e.Date.IsZero() {
		e.Date = today
	}
	d, err := tracker.CheckOptionalDay("evidence date", e.Date, today)
	if err != nil {
		return tracker.Evidence{}, err
	}
	e.Date = d
	return e, nil
}

// loadEvidenceByItem reads all evidence, by entry id, oldest date first.
func loadEvidenceByItem(db *gorm.DB) (map[string][]tracker.Evidence, error) {
	var rows []evidenceRow
	if err := db.Order("date, id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make(map[string][]tracker.Evidence, len(rows))
	for _, r := range rows {
		out[r.ItemID] = append(out[r.ItemID], r.evidence())
	}
	return out, nil
}

// Evidence returns the evidence for entry itemID ("" for all entries),
// oldest date first.
func (s *Store) Evidence(itemID string) ([]tracker.Evidence, error) {
	var rows []evidenceRow
	err := s.read("read evidence", func(db *gorm.DB) error {
		q := db.Order("date, id")
		if itemID != "" {
			q = q.Where("item_id = ?", itemID)
		}
		return q.Find(&rows).Error
	})
	if err != nil {
		return nil, err
	}
	return values(rows, evidenceRow.evidence), nil
}

// AddEvidence validates and stores a new evidence entry (its ID is ignored)
// and logs an EventEvidence with the entry as JSON in New. It returns the
// entry as stored.
func (s *Store) AddEvidence(e tracker.Evidence) (tracker.Evidence, error) {
	const op = "add evidence to"
	id := e.ItemID
	e, err := cleanEvidence(e, s.today())
	if err != nil {
		return tracker.Evidence{}, tracker.EntryError(op, id, err)
	}
	var saved tracker.Evidence
	err = s.write("", func(tx *gorm.DB, now time.Time) error {
		var err error
		saved, err = addEvidenceTx(tx, e, now)
		return err
	})
	if err != nil {
		return tracker.Evidence{}, tracker.EntryError(op, id, err)
	}
	return saved, nil
}

// addEvidenceTx inserts the validated evidence e inside a write transaction
// and logs it; it returns the entry as saved.
func addEvidenceTx(tx *gorm.DB, e tracker.Evidence, now time.Time) (tracker.Evidence, error) {
	e.ID, e.UUID = 0, ""
	e.CreatedAt, e.UpdatedAt = now.UTC(), now.UTC()
	r := evidenceRowOf(e)
	if err := tx.Create(&r).Error; err != nil {
		return tracker.Evidence{}, err
	}
	e, err := loadEvidence(tx, r.ID)
	if err != nil {
		return tracker.Evidence{}, err
	}
	j, err := evidenceJSON(e)
	if err != nil {
		return tracker.Evidence{}, err
	}
	return e, appendEvent(tx, now, tracker.EventEvidence, e.ItemID, "", j)
}

// UpdateEvidence validates and saves new content for the entry with e.ID
// (an empty ItemID keeps the entry where it is) and logs an EventEvidence
// with the old and new entry as JSON. Saving unchanged content does nothing.
// A missing entry gives an error wrapping ErrNotFound.
func (s *Store) UpdateEvidence(e tracker.Evidence) error {
	op := fmt.Sprintf("change evidence %d", e.ID)
	today := s.today()
	return s.write(op, func(tx *gorm.DB, now time.Time) error {
		old, err := loadEvidence(tx, e.ID)
		if err != nil {
			return err
		}
		next := e
		if strings.TrimSpace(next.ItemID) == "" {
			next.ItemID = old.ItemID
		}
		// Only a changed date is judged against today: a date stored from a
		// time zone a day ahead must not block an edit of the note.
		latest := today
		if tracker.DayOf(next.Date).Equal(old.Date) && old.Date.After(latest) {
			latest = old.Date
		}
		if next, err = cleanEvidence(next, latest); err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		if next.ItemID == old.ItemID && next.Note == old.Note && next.Link == old.Link && next.Date.Equal(old.Date) && next.Level == old.Level {
			return nil
		}
		next.ID, next.CreatedAt, next.UpdatedAt = old.ID, old.CreatedAt, now.UTC()
		if err := updateEvidence(tx, evidenceRowOf(next)); err != nil {
			return err
		}
		if next, err = loadEvidence(tx, next.ID); err != nil {
			return err
		}
		oj, err := evidenceJSON(old)
		if err != nil {
			return err
		}
		nj, err := evidenceJSON(next)
		if err != nil {
			return err
		}
		return appendEvent(tx, now, tracker.EventEvidence, next.ItemID, oj, nj)
	})
}

// DeleteEvidence removes the entry with the given id and logs an
// EventEvidence with the entry as JSON in Old and "" in New. A missing entry
// gives an error wrapping ErrNotFound.
func (s *Store) DeleteEvidence(id int64) error {
	op := fmt.Sprintf("delete evidence %d", id)
	return s.write(op, func(tx *gorm.DB, now time.Time) error {
		old, err := loadEvidence(tx, id)
		if err != nil {
			return err
		}
		if err := tx.Delete(&evidenceRow{}, id).Error; err != nil {
			return err
		}
		oj, err := evidenceJSON(old)
		if err != nil {
			return err
		}
		return appendEvent(tx, now, tracker.EventEvidence, old.ItemID, oj, "")
	})
}
