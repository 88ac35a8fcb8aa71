package store

import (
	"devpath/tracker"
	"devpath/tracker/backup"
	"fmt"
	"sort"

	"gorm.io/gorm"
)

// Counts returns how much the database holds, to tell the user what an
// import would replace.
func (s *Store) Counts() (backup.Counts, error) {
	var c backup.Counts
	err := s.read("count the saved progress", func(db *gorm.DB) error {
		var n [5]int64
		for i, model := range []any{&profileRow{}, &progressRow{}, &evidenceRow{}, &eventRow{}, &checkinRow{}} {
			if err := db.Model(model).Count(&n[i]).Error; err != nil {
				return err
			}
		}
		c = backup.Counts{Profile: n[0] > 0, Items: int(n[1]), Evidence: int(n[2]), Events: int(n[3]), CheckIns: int(n[4])}
		return nil
	})
	return c, err
}

// Export returns everything in the database as a Backup, read in one
// transaction so that it is consistent. Lists are ordered by id.
func (s *Store) Export() (backup.Backup, error) {
	const op = "export the database"
	b := backup.Backup{Format: backup.Format, Version: backup.Version, ExportedAt: s.now().UTC()}
	err := s.read(op, func(db *gorm.DB) error {
		return db.Transaction(func(tx *gorm.DB) error {
			var err error
			b, err = s.snapshot(tx, b)
			return err
		})
	})
	if err != nil {
		return backup.Backup{}, err
	}
	return b, nil
}

// snapshot reads every table into b.
func (s *Store) snapshot(tx *gorm.DB, b backup.Backup) (backup.Backup, error) {
	row, found, err := s.loadProfile(tx)
	if err != nil {
		return b, err
	}
	b.Profile = tracker.Profile{}
	if found {
		if b.Profile, err = row.profile(); err != nil {
			return b, fmt.Errorf("profile: %w", err)
		}
	}
	items, err := loadItems(tx)
	if err != nil {
		return b, err
	}
	b.Items = make([]tracker.ItemState, 0, len(items))
	for _, st := range items {
		b.Items = append(b.Items, st)
	}
	sort.Slice(b.Items, func(i, j int) bool { return b.Items[i].ID < b.Items[j].ID })

	var ev []evidenceRow
	if err := tx.Order("id").Find(&ev).Error; err != nil {
		return b, fmt.Errorf("table evidence: %w", err)
	}
	b.Evidence = make([]tracker.Evidence, 0, len(ev))
	for _, r := range ev {
		b.Evidence = append(b.Evidence, r.evidence())
	}

	var evs []eventRow
	if err := tx.Order("id").Find(&evs).Error; err != nil {
		return b, fmt.Errorf("table events: %w", err)
	}
	b.Events = make([]tracker.Event, 0, len(evs))
	for _, r := range evs {
		e, err := r.event()
		if err != nil {
			return b, err
		}
		b.Events = append(b.Events, e)
	}

	cols, err := checkinColumns(tx)
	if err != nil {
		return b, err
	}
	var cs []checkinRow
	if err := tx.Select(cols).Order("id").Find(&cs).Error; err != nil {
		return b, fmt.Errorf("table checkins: %w", err)
	}
	b.CheckIns = make([]tracker.CheckIn, 0, len(cs))
	for _, r := range cs {
		c, err := r.checkIn()
		if err != nil {
			return b, err
		}
		b.CheckIns = append(b.CheckIns, c)
	}
	choice, err := loadChoice(tx)
	if err != nil {
		return b, err
	}
	b.Roadmap = backup.FromChoice(choice)
	if err := snapshotMore(tx, &b); err != nil {
		return b, err
	}
	if err := snapshotPlan(tx, &b); err != nil {
		return b, err
	}
	return b, nil
}
