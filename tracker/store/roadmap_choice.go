package store

import (
	"bytes"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"devpath/roadmap"
	"devpath/tracker"
)

// The roadmap a database tracks against lives in the database itself, in
// the single-row table roadmap_choice: the file's content as it was given,
// so that it can be checked again and travels with every backup, with its
// id, version and file name for display. No row means the embedded roadmap.
// The window and the command line both read it from there, so they always
// score the same progress against the same roadmap.

// choiceRow is the row of the roadmap_choice table.
type choiceRow struct {
	ID        int    `gorm:"column:id;primaryKey"` // always 1
	Name      string `gorm:"column:name"`
	RoadmapID string `gorm:"column:roadmap_id"`
	Version   int    `gorm:"column:version"`
	Content   []byte `gorm:"column:content"`
	ChosenAt  string `gorm:"column:chosen_at"`
}

// TableName is the roadmap choice's table.
func (choiceRow) TableName() string { return "roadmap_choice" }

// hasRoadmapSchema reports whether the database on db has the roadmap
// table and the check-ins' roadmap columns (schema version 3). A database
// opened read-only, or a backup being restored, may be older.
func hasRoadmapSchema(db *gorm.DB) (bool, error) {
	// GORM's Migrator().HasTable would say "no" on a read error too (a busy
	// database, say), and the database would silently read as using the
	// built-in roadmap: ask SQLite and pass its errors on.
	var n int64
	err := db.Raw("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'roadmap_choice'").Row().Scan(&n)
	return n > 0, err
}

// loadChoice reads the roadmap choice; no row (or an older schema) is the
// built-in roadmap.
func loadChoice(db *gorm.DB) (tracker.RoadmapChoice, error) {
	ok, err := hasRoadmapSchema(db)
	if err != nil || !ok {
		return tracker.RoadmapChoice{Builtin: true}, err
	}
	var r choiceRow
	res := db.Where("id = ?", 1).Limit(1).Find(&r)
	if res.Error != nil {
		return tracker.RoadmapChoice{}, res.Error
	}
	if res.RowsAffected == 0 {
		return tracker.RoadmapChoice{Builtin: true}, nil
	}
	at, err := parseStamp(r.ChosenAt)
	if err != nil {
		return tracker.RoadmapChoice{}, fmt.Errorf("the roadmap choice: %w", err)
	}
	return tracker.RoadmapChoice{Name: r.Name, ID: r.RoadmapID, Version: r.Version, Content: r.Content, ChosenAt: at}, nil
}

// putChoice stores a choice inside the caller's write transaction; a
// built-in choice deletes the row.
func putChoice(tx *gorm.DB, c tracker.RoadmapChoice) error {
	if c.Builtin {
		return tx.Where("1 = 1").Delete(&choiceRow{}).Error
	}
	row := choiceRow{ID: 1, Name: c.Name, RoadmapID: c.ID, Version: c.Version, Content: c.Content, ChosenAt: formatStamp(c.ChosenAt)}
	return tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(&row).Error
}

// choiceWords describes a choice for the event log.
func choiceWords(c tracker.RoadmapChoice) string {
	if c.Builtin {
		d := roadmap.Default()
		return fmt.Sprintf("the built-in roadmap (%s v%d)", d.ID, d.Version)
	}
	return fmt.Sprintf("%s (%s v%d)", tracker.Visible(c.Name), tracker.Visible(c.ID), c.Version)
}

// UseRoadmap makes the roadmap with the given content the one the database
// tracks against. name is the file it came from (only its base name is
// kept, for display); content is the file's bytes as they are. The content
// is parsed and checked first (see ParseRoadmap); a roadmap that fails, or
// content larger than roadmap.MaxFileSize, is refused with a *RoadmapError
// and nothing is changed. The change is one transaction that also logs an
// EventRoadmap. Choosing the roadmap already in use changes nothing.
func (s *Store) UseRoadmap(name string, content []byte) (*roadmap.Roadmap, error) {
	const op = "use the roadmap"
	clean, err := tracker.CleanRoadmapName(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	rm, err := tracker.ParseRoadmap(clean, content)
	if err != nil {
		return nil, err
	}
	content = bytes.Clone(content)
	err = s.write(op+" "+clean, func(tx *gorm.DB, now time.Time) error {
		cur, err := loadChoice(tx)
		if err != nil {
			return err
		}
		next := tracker.RoadmapChoice{Name: clean, ID: rm.ID, Version: rm.Version, Content: content, ChosenAt: now}
		if cur.Same(next) {
			return nil
		}
		if err := putChoice(tx, next); err != nil {
			return err
		}
		return appendEvent(tx, now, tracker.EventRoadmap, rm.ID, choiceWords(cur), choiceWords(next))
	})
	if err != nil {
		return nil, err
	}
	return rm, nil
}

// UseDefaultRoadmap makes the database track against the embedded roadmap
// again, logging an EventRoadmap; nothing happens when it already does.
func (s *Store) UseDefaultRoadmap() error {
	return s.write("use the built-in roadmap", func(tx *gorm.DB, now time.Time) error {
		cur, err := loadChoice(tx)
		if err != nil || cur.Builtin {
			return err
		}
		next := tracker.RoadmapChoice{Builtin: true}
		if err := putChoice(tx, next); err != nil {
			return err
		}
		return appendEvent(tx, now, tracker.EventRoadmap, roadmap.Default().ID, choiceWords(cur), choiceWords(next))
	})
}

// RoadmapChoice returns which roadmap the database uses, without parsing
// it.
func (s *Store) RoadmapChoice() (tracker.RoadmapChoice, error) {
	var c tracker.RoadmapChoice
	err := s.read("read the roadmap choice", func(db *gorm.DB) error {
		var err error
		c, err = loadChoice(db)
		return err
	})
	return c, err
}

// Roadmap returns the roadmap the database tracks against, parsed and
// checked, with the choice it comes from: the roadmap stored by UseRoadmap,
// or roadmap.Default when none was chosen. The roadmap may be shared:
// callers must not modify it.
//
// On error the roadmap returned is the embedded one, for callers that carry
// on with it and show the error: a stored roadmap that no longer passes the
// checks gives an error wrapping ErrRoadmapInvalid (and its *RoadmapError,
// with every problem) together with the choice.
func (s *Store) Roadmap() (*roadmap.Roadmap, tracker.RoadmapChoice, error) {
	c, err := s.RoadmapChoice()
	if err != nil {
		return roadmap.Default(), tracker.RoadmapChoice{}, err
	}
	if c.Builtin {
		return roadmap.Default(), c, nil
	}
	rm, err := tracker.ParseRoadmap(c.Name, c.Content)
	if err != nil {
		return roadmap.Default(), c, fmt.Errorf("%w, so the built-in roadmap is used: %w", tracker.ErrRoadmapInvalid, err)
	}
	return rm, c, nil
}
