package store

import (
	"devpath/tracker"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// profileRow is the one row of the profile table (its id is always 1).
type profileRow struct {
	ID          int    `gorm:"column:id;primaryKey"`
	Name        string `gorm:"column:name"`
	Stage       string `gorm:"column:stage"`
	StageSince  string `gorm:"column:stage_since"`
	CareerStart string `gorm:"column:career_start"`
	Region      string `gorm:"column:region"`
	Branch      string `gorm:"column:branch"`
	Track       string `gorm:"column:track"`
	TrackLevel  string `gorm:"column:track_level"`
	Updated     string `gorm:"column:updated_at"`
}

// TableName is the profile's table.
func (profileRow) TableName() string { return "profile" }

// field returns the row's field with the given name (one of
// ProfileFieldNames), or nil for an unknown name.
func (r *profileRow) field(name string) *string {
	switch name {
	case "name":
		return &r.Name
	case "stage":
		return &r.Stage
	case "stage_since":
		return &r.StageSince
	case "career_start":
		return &r.CareerStart
	case "region":
		return &r.Region
	case "branch":
		return &r.Branch
	case "track":
		return &r.Track
	case "track_level":
		return &r.TrackLevel
	}
	return nil
}

// fields returns the row's values by field name.
func (r profileRow) fields() map[string]string {
	m := make(map[string]string, len(tracker.ProfileFields()))
	for _, f := range tracker.ProfileFields() {
		m[f] = *r.field(f)
	}
	return m
}

// rowOf converts a profile to its stored form.
func rowOf(p tracker.Profile) profileRow {
	return profileRow{
		Name: p.Name, Stage: p.Stage, StageSince: tracker.FormatDay(p.StageSince), CareerStart: tracker.FormatDay(p.CareerStart),
		Region: p.Region, Branch: p.Branch, Track: p.Track, TrackLevel: p.TrackLevel,
	}
}

// profile converts a stored row back to a Profile.
func (r profileRow) profile() (tracker.Profile, error) {
	since, err := tracker.ParseDay(r.StageSince)
	if err != nil {
		return tracker.Profile{}, err
	}
	start, err := tracker.ParseDay(r.CareerStart)
	if err != nil {
		return tracker.Profile{}, err
	}
	return tracker.Profile{
		Name: r.Name, Stage: r.Stage, StageSince: since, CareerStart: start,
		Region: r.Region, Branch: r.Branch, Track: r.Track, TrackLevel: r.TrackLevel,
	}, nil
}

// loadProfile reads the profile row; found is false on a new database, when
// the row holds the defaults.
func (s *Store) loadProfile(db *gorm.DB) (row profileRow, found bool, err error) {
	res := db.Where("id = ?", 1).Limit(1).Find(&row)
	if res.Error != nil {
		return profileRow{}, false, res.Error
	}
	if res.RowsAffected == 0 {
		return profileRow{Stage: defaultStage, Region: defaultRegion, StageSince: tracker.FormatDay(s.today())}, false, nil
	}
	return row, true, nil
}

// HasProfile reports whether the user has saved a profile; false on a new
// database (first run).
func (s *Store) HasProfile() (bool, error) {
	var n int64
	err := s.read("read the profile", func(db *gorm.DB) error {
		return db.Model(&profileRow{}).Count(&n).Error
	})
	return n > 0, err
}

// Profile returns the user's profile. On a new database it is the default:
// stage "junior", region "uk", in the stage since today.
func (s *Store) Profile() (tracker.Profile, error) {
	var row profileRow
	err := s.read("read the profile", func(db *gorm.DB) error {
		var err error
		row, _, err = s.loadProfile(db)
		return err
	})
	if err != nil {
		return tracker.Profile{}, err
	}
	p, err := row.profile()
	if err != nil {
		return tracker.Profile{}, fmt.Errorf("read the profile: %w", err)
	}
	return p, nil
}

// trimProfile trims what the caller gave; the values are checked against
// the stored profile by SaveProfile.
func trimProfile(p tracker.Profile) tracker.Profile {
	p.Name = strings.TrimSpace(p.Name)
	p.Stage = strings.TrimSpace(p.Stage)
	p.Region = strings.ToLower(strings.TrimSpace(p.Region))
	p.Branch = strings.TrimSpace(p.Branch)
	p.Track = strings.TrimSpace(p.Track)
	p.TrackLevel = strings.TrimSpace(p.TrackLevel)
	p.StageSince, p.CareerStart = tracker.DayOf(p.StageSince), tracker.DayOf(p.CareerStart)
	return p
}

// SaveProfile validates and saves the profile in one transaction, logging
// one EventProfile per field that changed (dates as YYYY-MM-DD). Saving an
// unchanged profile on a database that already has one writes nothing.
//
// Only the fields that change are checked (checkProfileValue; a date
// against today here): a value already stored never blocks an edit of
// another field, for example a stage date entered as today in a time zone
// a day ahead of this one, which is tomorrow here. Stage ids are not
// checked against a roadmap; the store does not know it.
func (s *Store) SaveProfile(p tracker.Profile) error {
	const op = "save the profile"
	next := rowOf(trimProfile(p))
	return s.write(op, func(tx *gorm.DB, now time.Time) error {
		cur, found, err := s.loadProfile(tx)
		if err != nil {
			return err
		}
		return writeProfileChanges(tx, op, cur, found, next, now)
	})
}

// writeProfileChanges checks the fields of next that differ from cur, the
// stored row (found: a row is stored), logs one EventProfile per changed
// field and writes next; nothing when no field changed. Only the changed
// fields are checked, so a stored value never blocks an edit of another.
func writeProfileChanges(tx *gorm.DB, op string, cur profileRow, found bool, next profileRow, now time.Time) error {
	before, after := cur.fields(), next.fields()
	today := tracker.DayOf(now)
	if after["stage"] == "" {
		return fmt.Errorf("%s: no stage given", op)
	}
	var changed []string
	for _, f := range tracker.ProfileFields() {
		if before[f] == after[f] {
			continue
		}
		if err := tracker.CheckProfileValue(f, after[f], today); err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		changed = append(changed, f)
	}
	if found && len(changed) == 0 {
		return nil
	}
	for _, f := range changed {
		if err := appendEvent(tx, now, tracker.EventProfile, f, before[f], after[f]); err != nil {
			return err
		}
	}
	return putProfile(tx, next, now)
}

// putProfile writes the whole profile row, made or replaced.
func putProfile(tx *gorm.DB, r profileRow, now time.Time) error {
	r.ID, r.Updated = 1, formatStamp(now)
	return tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(&r).Error
}

// setProfileField sets one field of the profile row to a stored value (used
// by Undo).
func (s *Store) setProfileField(tx *gorm.DB, field, value string, now time.Time) error {
	row, _, err := s.loadProfile(tx)
	if err != nil {
		return err
	}
	f := row.field(field)
	if f == nil {
		return fmt.Errorf("unknown profile field %.30q in the event log", field)
	}
	// The log may come from an old import that was not checked: what it
	// would put back passes the checks of a live edit first.
	if err := tracker.CheckProfileValue(field, value, now.Add(tracker.ClockSlack)); err != nil {
		return fmt.Errorf("the change log holds a value of the profile's %s that is not valid, so it cannot be undone: %w", strings.ReplaceAll(field, "_", " "), err)
	}
	*f = value
	return putProfile(tx, row, now)
}

// UpdateProfile changes some fields of the profile in one transaction: it
// reads the stored profile, lets change set the fields the user changed,
// checks the result as SaveProfile does and logs one EventProfile per field
// that changed. A field change leaves alone keeps what is stored, even when
// another process changed it after the caller last read the profile.
func (s *Store) UpdateProfile(change func(p *tracker.Profile)) error {
	const op = "save the profile"
	return s.write(op, func(tx *gorm.DB, now time.Time) error {
		cur, found, err := s.loadProfile(tx)
		if err != nil {
			return err
		}
		p, err := cur.profile()
		if err != nil {
			return err
		}
		change(&p)
		return writeProfileChanges(tx, op, cur, found, rowOf(trimProfile(p)), now)
	})
}
