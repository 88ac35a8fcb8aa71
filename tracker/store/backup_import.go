package store

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/backup"
)

// Import writes a backup into the database in one transaction: all or
// nothing. The whole backup is checked first; a backup that fails the checks
// changes nothing.
//
// Without merge, everything in the database (profile, entry states,
// evidence, event log, check-ins) is replaced by the backup's, ids included,
// after a copy of the database is kept in the backups folder (see
// ImportReport.Kept) inside the same write transaction: every change saved
// before the import is in that copy, every change after it in the database.
// With merge, the newer of each value is kept: entry states by updated_at,
// evidence by id and updated_at (deletions recorded in either log win over
// older copies), profile fields by their latest change in either log; the
// event logs and check-ins are united without duplicates, and an EventImport
// is appended. Ids that rm lacks are kept and listed in the report's
// Orphans; rm may be nil.
//
// The roadmap the database uses goes with the rest: a replacing import
// takes the backup's (a backup without one means the embedded roadmap),
// and its orphans are then those of that roadmap; a merge keeps the
// database's own and says in the report when the backup's differs.
func (s *Store) Import(b backup.Backup, merge bool, rm *roadmap.Roadmap) (tracker.ImportReport, error) {
	const op = "import the backup"
	b = b.Clone()
	if err := b.Check(s.now()); err != nil {
		return tracker.ImportReport{}, fmt.Errorf("%s: %w", op, err)
	}
	if !merge && rm != nil {
		rm = b.RoadmapOf()
	}
	rep := tracker.ImportReport{Merged: merge, Orphans: b.Orphans(rm)}
	err := s.write(op, func(tx *gorm.DB, now time.Time) error {
		r := rep
		var err error
		if merge {
			err = s.mergeBackup(tx, b, now, &r)
		} else if r.Kept, err = s.keepBeforeReplace(tx, "before-import"); err == nil {
			if err = s.replaceWith(tx, b, now, &r); err != nil && r.Kept != "" {
				_ = os.Remove(r.Kept)
			}
		}
		if err == nil {
			rep = r
		}
		return err
	})
	if err != nil {
		return tracker.ImportReport{}, err
	}
	return rep, nil
}

// replaceWith empties every table and writes the backup, ids included.
func (s *Store) replaceWith(tx *gorm.DB, b backup.Backup, now time.Time, r *tracker.ImportReport) error {
	before, err := s.snapshot(tx, backup.Backup{})
	if err != nil {
		return err
	}
	r.Items.Removed, r.Evidence.Removed = len(before.Items), len(before.Evidence)
	r.Events.Removed, r.CheckIns.Removed = len(before.Events), len(before.CheckIns)
	r.Items.Added, r.Evidence.Added = len(b.Items), len(b.Evidence)
	r.Events.Added, r.CheckIns.Added = len(b.Events), len(b.CheckIns)
	switch {
	case b.Profile.Stage != "":
		r.Profile = "replaced"
	case before.Profile.Stage != "":
		r.Profile = "removed"
	default:
		r.Profile = "none"
	}

	for _, model := range []any{&profileRow{}, &progressRow{}, &evidenceRow{}, &checkinRow{}} {
		// Every row goes: GORM wants a condition to delete without one.
		if err := tx.Where("1 = 1").Delete(model).Error; err != nil {
			return err
		}
	}
	if b.Profile.Stage != "" {
		if err := putProfile(tx, rowOf(b.Profile), now); err != nil {
			return err
		}
	}
	for _, it := range b.Items {
		if err := putItem(tx, it); err != nil {
			return err
		}
	}
	for _, e := range b.Evidence {
		if err := insertEvidence(tx, evidenceRowOf(e)); err != nil {
			return err
		}
	}
	for _, c := range b.CheckIns {
		if _, err := putCheckIn(tx, c, true); err != nil {
			return err
		}
	}
	if err := putChoice(tx, b.Choice()); err != nil {
		return err
	}
	r.Roadmap = b.Choice()
	events := slices.Clone(b.Events)
	slices.SortFunc(events, func(a, b tracker.Event) int { return cmpInt64(a.ID, b.ID) })
	return rewriteEvents(tx, events)
}

// putItem writes one entry's state.
func putItem(tx *gorm.DB, it tracker.ItemState) error {
	row := progressRow{ItemID: it.ID, Level: int(it.Level), Skipped: it.Skipped, Date: it.Date, Updated: it.UpdatedAt}
	return upsertItem(tx, row, "level", "skipped", "date", "updated_at")
}

// putCheckIn inserts a check-in, with its own id when withID is set, and
// returns its id.
func putCheckIn(tx *gorm.DB, c tracker.CheckIn, withID bool) (int64, error) {
	items := c.Items
	if items == nil {
		items = map[string]tracker.ItemState{}
	}
	j, err := json.Marshal(items)
	if err != nil {
		return 0, fmt.Errorf("encode the levels of check-in %q: %w", c.Label, err)
	}
	entries := ""
	if len(c.RoadmapEntries) > 0 {
		e, err := json.Marshal(c.RoadmapEntries)
		if err != nil {
			return 0, fmt.Errorf("encode the roadmap entries of check-in %q: %w", c.Label, err)
		}
		entries = string(e)
	}
	row := checkinRow{Label: c.Label, At: formatStamp(c.At), Stage: c.Stage, Score: c.Score, Verdict: c.Verdict, Items: string(j),
		RoadmapID: c.RoadmapID, RoadmapVersion: c.RoadmapVersion, RoadmapEntries: entries, EvidencedScore: c.EvidencedScore}
	if withID {
		row.ID = c.ID
	}
	if err := tx.Create(&row).Error; err != nil {
		return 0, err
	}
	return row.ID, nil
}

// rewriteEvents replaces the whole event log with events, ids included. The
// log is append-only: its guard triggers are lifted for this one
// transaction and put back exactly as they were.
func rewriteEvents(tx *gorm.DB, events []tracker.Event) error {
	var triggers []struct {
		Name string
		SQL  string
	}
	if err := tx.Raw("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events' ORDER BY name").Scan(&triggers).Error; err != nil {
		return err
	}
	for _, t := range triggers {
		if err := tx.Exec(`DROP TRIGGER "` + strings.ReplaceAll(t.Name, `"`, `""`) + `"`).Error; err != nil {
			return err
		}
	}
	if err := tx.Where("1 = 1").Delete(&eventRow{}).Error; err != nil {
		return err
	}
	if len(events) > 0 {
		rows := make([]eventRow, len(events))
		for i, e := range events {
			rows[i] = eventRow{ID: e.ID, At: formatStamp(e.At), Kind: e.Kind, Target: e.Target, Old: e.Old, New: e.New, Step: e.Step}
		}
		// Batches keep each statement under SQLite's limit on parameters.
		if err := tx.CreateInBatches(rows, 500).Error; err != nil {
			return err
		}
	}
	for _, t := range triggers {
		if err := tx.Exec(t.SQL).Error; err != nil {
			return err
		}
	}
	return nil
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
