package store

import (
	"database/sql"
	"devpath/tracker"
	"errors"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// progressRow is one row of the progress table.
type progressRow struct {
	ItemID  string    `gorm:"column:item_id;primaryKey"`
	Level   int       `gorm:"column:level"`
	Skipped bool      `gorm:"column:skipped"`
	Date    time.Time `gorm:"column:date;serializer:day"`
	Updated time.Time `gorm:"column:updated_at;serializer:stamp"`
}

// TableName is the progress table.
func (progressRow) TableName() string { return "progress" }

// upsertItem writes row, or, when the entry has a row already, the given
// columns of it.
func upsertItem(tx *gorm.DB, row progressRow, columns ...string) error {
	return tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "item_id"}},
		DoUpdates: clause.AssignmentColumns(columns),
	}).Create(&row).Error
}

// putLevel writes an entry's level and the day it was reached, creating
// the row when the entry has none. Every tick writes it, so it is one plain
// statement, with the dates in the form the model's serializers give them,
// rather than the model's upsert: GORM builds that statement anew on each
// call, and with it and the model's read in loadItem a tick used twice the
// CPU time of the same rows written with database/sql (1.5× without them;
// BENCHMARKS.md).
func putLevel(tx *gorm.DB, id string, level int, date, now time.Time) error {
	return tx.Exec(`INSERT INTO progress (item_id, level, skipped, date, updated_at) VALUES (?, ?, 0, ?, ?)
ON CONFLICT (item_id) DO UPDATE SET level = excluded.level, date = excluded.date, updated_at = excluded.updated_at`,
		id, level, tracker.FormatDay(date), formatStamp(now)).Error
}

// state is the entry's state the row holds.
func (r progressRow) state() tracker.ItemState {
	return tracker.ItemState{ID: r.ItemID, Level: tracker.Level(r.Level), Skipped: r.Skipped, Date: r.Date, UpdatedAt: r.Updated}
}

// loadItem reads what a change needs of one entry's row: its level and
// whether it is N/A. A missing row is a not-started state. Every tick reads
// it, so it is one plain query rather than the model's (see putLevel).
func loadItem(tx *gorm.DB, id string) (progressRow, error) {
	r := progressRow{ItemID: id}
	err := tx.Raw("SELECT level, skipped FROM progress WHERE item_id = ?", id).Row().Scan(&r.Level, &r.Skipped)
	if errors.Is(err, sql.ErrNoRows) {
		return r, nil
	}
	return r, err
}

// loadItems reads every entry's state.
func loadItems(db *gorm.DB) (map[string]tracker.ItemState, error) {
	var rows []progressRow
	if err := db.Order("item_id").Find(&rows).Error; err != nil {
		return nil, err
	}
	items := make(map[string]tracker.ItemState, len(rows))
	for _, r := range rows {
		items[r.ItemID] = r.state()
	}
	return items, nil
}

// Progress returns the profile and the state of every entry ever touched.
func (s *Store) Progress() (tracker.Progress, error) {
	const op = "read progress"
	var row profileRow
	var items map[string]tracker.ItemState
	var ev map[string][]tracker.Evidence
	err := s.read(op, func(db *gorm.DB) error {
		var err error
		if row, _, err = s.loadProfile(db); err != nil {
			return err
		}
		if items, err = loadItems(db); err != nil {
			return err
		}
		ev, err = loadEvidenceByItem(db)
		return err
	})
	if err != nil {
		return tracker.Progress{}, err
	}
	p, err := row.profile()
	if err != nil {
		return tracker.Progress{}, fmt.Errorf("%s: %w", op, err)
	}
	return tracker.Progress{Profile: p, Items: items, Evidence: ev}, nil
}

// SetLevel sets the level of entry id, on date (zero means today), and logs
// an EventLevel with the old and new level ("0".."4"). Setting the level it
// already has changes nothing and logs nothing. It is Tick without evidence.
func (s *Store) SetLevel(id string, l tracker.Level, date time.Time) error {
	_, err := s.Tick(id, l, date, nil)
	return err
}

// setLevelTx sets the level of entry id inside a write transaction and logs
// the change; the level it already has changes nothing.
func setLevelTx(tx *gorm.DB, id string, l tracker.Level, date, now time.Time) error {
	cur, err := loadItem(tx, id)
	if err != nil {
		return err
	}
	if tracker.Level(cur.Level) == l {
		return nil
	}
	if err := putLevel(tx, id, int(l), date, now); err != nil {
		return err
	}
	return appendEvent(tx, now, tracker.EventLevel, id, strconv.Itoa(cur.Level), strconv.Itoa(int(l)))
}

// Tick sets the level of entry id on date (zero means today) and, when ev is
// not nil, adds ev as evidence for it, in one transaction: both are saved or
// neither is. It returns the saved evidence (zero without ev).
func (s *Store) Tick(id string, l tracker.Level, date time.Time, ev *tracker.Evidence) (tracker.Evidence, error) {
	const op = "set the level of"
	if err := tracker.ValidateItemID(id); err != nil {
		return tracker.Evidence{}, tracker.EntryError(op, id, err)
	}
	if !l.Valid() {
		return tracker.Evidence{}, tracker.EntryError(op, id, fmt.Errorf("level %d is not valid (use 0-4)", int(l)))
	}
	today := s.today()
	if date.IsZero() {
		date = today
	}
	date, err := tracker.CheckOptionalDay("date", date, today)
	if err != nil {
		return tracker.Evidence{}, tracker.EntryError(op, id, err)
	}
	var clean tracker.Evidence
	if ev != nil {
		e := *ev
		e.ItemID = id
		if clean, err = cleanEvidence(e, today); err != nil {
			return tracker.Evidence{}, tracker.EntryError("add evidence to", id, err)
		}
	}
	var saved tracker.Evidence
	err = s.write("", func(tx *gorm.DB, now time.Time) error {
		if err := setLevelTx(tx, id, l, date, now); err != nil {
			return err
		}
		if ev == nil {
			return nil
		}
		var err error
		saved, err = addEvidenceTx(tx, clean, now)
		return err
	})
	if err != nil {
		return tracker.Evidence{}, tracker.EntryError(op, id, err)
	}
	return saved, nil
}

// restoreLevel puts an entry back to a level (Undo); the date is kept.
func restoreLevel(tx *gorm.DB, id string, l int, now time.Time) error {
	if !tracker.Level(l).Valid() {
		return fmt.Errorf("level %d in the event log is not valid", l)
	}
	return upsertItem(tx, progressRow{ItemID: id, Level: l, Updated: now}, "level", "updated_at")
}

// SetSkipped marks entry id not applicable (or applicable again) and logs an
// EventSkip ("true"/"false"). Nothing happens when it already is so.
func (s *Store) SetSkipped(id string, skipped bool) error {
	op := "set N/A on"
	if !skipped {
		op = "clear N/A on"
	}
	if err := tracker.ValidateItemID(id); err != nil {
		return tracker.EntryError(op, id, err)
	}
	return tracker.EntryError(op, id, s.write("", func(tx *gorm.DB, now time.Time) error {
		cur, err := loadItem(tx, id)
		if err != nil {
			return err
		}
		if cur.Skipped == skipped {
			return nil
		}
		if err := putSkipped(tx, id, skipped, now); err != nil {
			return err
		}
		return appendEvent(tx, now, tracker.EventSkip, id, strconv.FormatBool(cur.Skipped), strconv.FormatBool(skipped))
	}))
}

// putSkipped writes an entry's skipped flag.
func putSkipped(tx *gorm.DB, id string, skipped bool, now time.Time) error {
	return upsertItem(tx, progressRow{ItemID: id, Skipped: skipped, Updated: now}, "skipped", "updated_at")
}
