package store

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"devpath/tracker"
	"devpath/tracker/backup"
)

// planSettingsRow is the one row of plan_settings: the target day and the
// check-in cadence.
type planSettingsRow struct {
	ID      int    `gorm:"column:id;primaryKey"`
	Target  string `gorm:"column:target"`
	Cadence string `gorm:"column:cadence"`
	Updated string `gorm:"column:updated_at"`
}

// TableName is the plan settings' table.
func (planSettingsRow) TableName() string { return "plan_settings" }

// planItemRow is one entry of the plan.
type planItemRow struct {
	ItemID string `gorm:"column:item_id;primaryKey"`
	Due    string `gorm:"column:due"`
	Added  string `gorm:"column:added_at"`
}

// TableName is the plan's table.
func (planItemRow) TableName() string { return "plan_items" }

// reconfirmRow is the day an entry was last re-confirmed.
type reconfirmRow struct {
	ItemID string `gorm:"column:item_id;primaryKey"`
	Day    string `gorm:"column:day"`
}

// TableName is the re-confirmations' table.
func (reconfirmRow) TableName() string { return "reconfirmations" }

// hasPlanTables reports whether the database has the plan's tables: one
// before schema version 9, opened for viewing only, has none and so no plan.
func hasPlanTables(db *gorm.DB) (bool, error) {
	var n int
	err := db.Raw("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'plan_items'").Row().Scan(&n)
	return n > 0, err
}

// Plan returns what the user planned: the target, the cadence, the plan's
// entries (soonest due first) and the re-confirmations.
func (s *Store) Plan() (tracker.Plan, error) {
	var p tracker.Plan
	err := s.read("read the plan", func(db *gorm.DB) error {
		var err error
		p, err = readPlan(db)
		return err
	})
	return p, err
}

// readPlan reads the plan inside a transaction or on the connection.
func readPlan(db *gorm.DB) (tracker.Plan, error) {
	p := tracker.Plan{Items: []tracker.PlanItem{}, Reconfirmed: map[string]time.Time{}}
	ok, err := hasPlanTables(db)
	if err != nil || !ok {
		return p, err
	}
	var set []planSettingsRow
	if err := db.Find(&set).Error; err != nil {
		return p, err
	}
	if len(set) > 0 {
		if set[0].Target != "" {
			t, err := parsePlanDay(set[0].Target)
			if err != nil {
				return p, fmt.Errorf("the target date: %w", err)
			}
			p.Target = t
		}
		p.Cadence = set[0].Cadence
	}
	var items []planItemRow
	if err := db.Order("due, item_id").Find(&items).Error; err != nil {
		return p, err
	}
	for _, r := range items {
		due, err := parsePlanDay(r.Due)
		if err != nil {
			return p, fmt.Errorf("the plan's entry %s: %w", r.ItemID, err)
		}
		added, _ := parseStamp(r.Added)
		p.Items = append(p.Items, tracker.PlanItem{ID: r.ItemID, Due: due, Added: added})
	}
	var recs []reconfirmRow
	if err := db.Find(&recs).Error; err != nil {
		return p, err
	}
	for _, r := range recs {
		d, err := parsePlanDay(r.Day)
		if err != nil {
			return p, fmt.Errorf("the re-confirmation of %s: %w", r.ItemID, err)
		}
		p.Reconfirmed[r.ItemID] = d
	}
	return p, nil
}

// parsePlanDay reads a day stored as YYYY-MM-DD.
func parsePlanDay(s string) (time.Time, error) {
	d, err := time.Parse(tracker.DateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored day %q is not valid", s)
	}
	return d, nil
}

// PutTarget sets the target day for the next level (the zero time clears
// it) and logs the change. Setting the value it has already writes nothing.
// The rules (after today, within the roadmap's horizon) are the core's.
func (s *Store) PutTarget(day time.Time) error {
	return s.putSetting("set the target date", tracker.EventTarget, tracker.FormatDay(day))
}

// PutCadence sets the check-in cadence as written ("" is the default) and
// logs the change. It refuses a cadence ParseCadence does not read.
func (s *Store) PutCadence(cadence string) error {
	if _, err := tracker.ParseCadence(cadence); err != nil {
		return withOp("set the check-in cadence", err)
	}
	return s.putSetting("set the check-in cadence", tracker.EventCadence, cadence)
}

// putSetting writes one field of plan_settings with its event.
func (s *Store) putSetting(op, kind, value string) error {
	return s.write(op, func(tx *gorm.DB, now time.Time) error {
		p, err := readPlan(tx)
		if err != nil {
			return err
		}
		old := p.Cadence
		if kind == tracker.EventTarget {
			old = tracker.FormatDay(p.Target)
		}
		if old == value {
			return nil
		}
		if err := setPlanSetting(tx, kind, value, now); err != nil {
			return err
		}
		return appendEvent(tx, now, kind, "", old, value)
	})
}

// setPlanSetting writes the target ("YYYY-MM-DD" or "") or the cadence.
func setPlanSetting(tx *gorm.DB, kind, value string, now time.Time) error {
	row := planSettingsRow{ID: 1, Updated: formatStamp(now)}
	col := "cadence"
	if kind == tracker.EventTarget {
		if value != "" {
			if _, err := parsePlanDay(value); err != nil {
				return err
			}
		}
		row.Target, col = value, "target"
	} else {
		if _, err := tracker.ParseCadence(value); err != nil {
			return err
		}
		row.Cadence = value
	}
	return tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "id"}}, DoUpdates: clause.AssignmentColumns([]string{col, "updated_at"})}).Create(&row).Error
}

// PutPlanItem puts the entry id in the plan, due on day due (or moves its
// due day), and logs the change. The rules (a roadmap entry, due today or
// later) are the core's; the store checks only the id's form.
func (s *Store) PutPlanItem(id string, due time.Time) error {
	const op = "add to the plan"
	if err := tracker.ValidateItemID(id); err != nil {
		return tracker.EntryError(op, id, err)
	}
	if due.IsZero() {
		return tracker.EntryError(op, id, tracker.ErrBadDate)
	}
	return s.setPlan(op, id, tracker.FormatDay(due), false)
}

// DropPlanItem takes the entry id out of the plan and logs the change; an
// entry that is not in the plan is an error wrapping ErrNotInPlan.
func (s *Store) DropPlanItem(id string) error {
	return s.setPlan("remove from the plan", id, "", true)
}

// setPlan writes one entry's due day ("" takes it out) with its event.
func (s *Store) setPlan(op, id, due string, mustExist bool) error {
	return s.write(op, func(tx *gorm.DB, now time.Time) error {
		old, err := planDue(tx, id)
		if err != nil {
			return err
		}
		if old == "" && mustExist {
			return tracker.EntryError(op, id, tracker.ErrNotInPlan)
		}
		if old == due {
			return nil
		}
		if err := setPlanItem(tx, id, due, now); err != nil {
			return err
		}
		return appendEvent(tx, now, tracker.EventPlan, id, old, due)
	})
}

// planDue is the due day of id in the plan, "" when it is not in it.
func planDue(tx *gorm.DB, id string) (string, error) {
	var rows []planItemRow
	if err := tx.Where("item_id = ?", id).Find(&rows).Error; err != nil {
		return "", err
	}
	if len(rows) == 0 {
		return "", nil
	}
	return rows[0].Due, nil
}

// setPlanItem writes id's due day; "" takes it out of the plan.
func setPlanItem(tx *gorm.DB, id, due string, now time.Time) error {
	if due == "" {
		return tx.Where("item_id = ?", id).Delete(&planItemRow{}).Error
	}
	if _, err := parsePlanDay(due); err != nil {
		return err
	}
	row := planItemRow{ItemID: id, Due: due, Added: formatStamp(now)}
	return tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "item_id"}}, DoUpdates: clause.AssignmentColumns([]string{"due"})}).Create(&row).Error
}

// PutReconfirmed records that the entries ids were re-confirmed on day,
// each with its event; several are one step, undone together. An entry
// already re-confirmed on day is left as it is. Whether each was claimed
// is the core's rule.
func (s *Store) PutReconfirmed(ids []string, day time.Time) error {
	const op = "re-confirm"
	for _, id := range ids {
		if err := tracker.ValidateItemID(id); err != nil {
			return tracker.EntryError(op, id, err)
		}
	}
	if day.IsZero() {
		return withOp(op, tracker.ErrBadDate)
	}
	value := tracker.FormatDay(day)
	return s.write(op, func(tx *gorm.DB, now time.Time) error {
		type change struct{ id, old string }
		var changes []change
		for _, id := range slices.Compact(slices.Sorted(slices.Values(ids))) {
			var rows []reconfirmRow
			if err := tx.Where("item_id = ?", id).Find(&rows).Error; err != nil {
				return err
			}
			old := ""
			if len(rows) > 0 {
				old = rows[0].Day
			}
			if old != value {
				changes = append(changes, change{id, old})
			}
		}
		if len(changes) == 0 {
			return nil
		}
		var step int64
		if len(changes) > 1 {
			u, err := loadUndoState(tx)
			if err != nil {
				return err
			}
			step = u.nextStep()
		}
		for _, c := range changes {
			if err := setReconfirmed(tx, c.id, value); err != nil {
				return err
			}
			if err := appendStepEvent(tx, now, step, tracker.EventReconfirm, c.id, c.old, value); err != nil {
				return err
			}
		}
		return nil
	})
}

// setReconfirmed writes id's re-confirmation day; "" removes it.
func setReconfirmed(tx *gorm.DB, id, day string) error {
	if day == "" {
		return tx.Where("item_id = ?", id).Delete(&reconfirmRow{}).Error
	}
	if _, err := parsePlanDay(day); err != nil {
		return err
	}
	row := reconfirmRow{ItemID: id, Day: day}
	return tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "item_id"}}, DoUpdates: clause.AssignmentColumns([]string{"day"})}).Create(&row).Error
}

// revertPlan puts back the old value of a plan event (target, plan item,
// re-confirmation, cadence); undo and redo both go through it.
func revertPlan(tx *gorm.DB, e tracker.Event, now time.Time) error {
	var err error
	switch e.Kind {
	case tracker.EventTarget, tracker.EventCadence:
		err = setPlanSetting(tx, e.Kind, e.Old, now)
	case tracker.EventPlan:
		if err = tracker.ValidateItemID(e.Target); err == nil {
			err = setPlanItem(tx, e.Target, e.Old, now)
		}
	case tracker.EventReconfirm:
		if err = tracker.ValidateItemID(e.Target); err == nil {
			err = setReconfirmed(tx, e.Target, e.Old)
		}
	default:
		err = errors.New("not a plan event")
	}
	if err != nil {
		return fmt.Errorf("the change log's event %d (%s) cannot be undone: %w", e.ID, e.Kind, err)
	}
	return nil
}

// snapshotPlan reads the plan into b, in backup form; nil when there is
// none.
func snapshotPlan(tx *gorm.DB, b *backup.Backup) error {
	p, err := readPlan(tx)
	if err != nil {
		return err
	}
	bp := &backup.Plan{Target: tracker.FormatDay(p.Target), Cadence: p.Cadence}
	for _, it := range p.Items {
		bp.Items = append(bp.Items, backup.PlanItem{ID: it.ID, Due: tracker.FormatDay(it.Due), Added: addedStamp(it.Added)})
	}
	for _, id := range slices.Sorted(maps.Keys(p.Reconfirmed)) {
		bp.Reconfirmed = append(bp.Reconfirmed, backup.Reconfirmed{ID: id, Day: tracker.FormatDay(p.Reconfirmed[id])})
	}
	if !bp.Empty() {
		b.Plan = bp
	}
	return nil
}

// addedStamp writes when an entry was put in the plan, "" when unknown.
func addedStamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatStamp(t)
}

// replacePlan empties the plan's tables and writes the backup's plan.
func replacePlan(tx *gorm.DB, b backup.Backup, now time.Time) error {
	for _, t := range []string{"plan_settings", "plan_items", "reconfirmations"} {
		if err := tx.Exec("DELETE FROM " + t).Error; err != nil {
			return err
		}
	}
	return putPlan(tx, b.Plan, nil, now)
}

// mergePlan brings the backup's plan into the database's cur: the
// database's target and cadence stay when it has them, entries not in its
// plan are added, and each re-confirmation keeps the later day.
func mergePlan(tx *gorm.DB, b backup.Backup, now time.Time) error {
	if b.Plan.Empty() {
		return nil
	}
	cur, err := readPlan(tx)
	if err != nil {
		return err
	}
	return putPlan(tx, b.Plan, &cur, now)
}

// putPlan writes p over the plan's tables; with cur (a merge) it keeps
// what cur has set.
func putPlan(tx *gorm.DB, p *backup.Plan, cur *tracker.Plan, now time.Time) error {
	if p.Empty() {
		return nil
	}
	target, cadence := p.Target, p.Cadence
	if cur != nil {
		if !cur.Target.IsZero() {
			target = tracker.FormatDay(cur.Target)
		}
		if cur.Cadence != "" {
			cadence = cur.Cadence
		}
	}
	if err := setPlanSetting(tx, tracker.EventTarget, target, now); err != nil {
		return err
	}
	if err := setPlanSetting(tx, tracker.EventCadence, cadence, now); err != nil {
		return err
	}
	have := map[string]bool{}
	if cur != nil {
		for _, it := range cur.Items {
			have[it.ID] = true
		}
	}
	for _, it := range p.Items {
		if have[it.ID] {
			continue
		}
		added := it.Added
		if _, err := parseStamp(added); err != nil {
			added = formatStamp(now)
		}
		row := planItemRow{ItemID: it.ID, Due: it.Due, Added: added}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
	}
	for _, r := range p.Reconfirmed {
		if cur != nil {
			if d, ok := cur.Reconfirmed[r.ID]; ok && tracker.FormatDay(d) >= r.Day {
				continue
			}
		}
		if err := setReconfirmed(tx, r.ID, r.Day); err != nil {
			return err
		}
	}
	return nil
}
