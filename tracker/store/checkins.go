package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"devpath/roadmap"
	"devpath/tracker"
)

// checkinRow is one row of the checkins table.
type checkinRow struct {
	ID      int64   `gorm:"column:id;primaryKey"`
	Label   string  `gorm:"column:label"`
	At      string  `gorm:"column:at"`
	Stage   string  `gorm:"column:stage"`
	Score   float64 `gorm:"column:score"`
	Verdict string  `gorm:"column:verdict"`
	Items   string  `gorm:"column:items"`
	// The roadmap the check-in was made under ('' and 0 before it was
	// recorded); RoadmapEntries is JSON, or ''.
	RoadmapID      string `gorm:"column:roadmap_id"`
	RoadmapVersion int    `gorm:"column:roadmap_version"`
	RoadmapEntries string `gorm:"column:roadmap_entries"`
	// EvidencedScore is NULL for check-ins made before it was recorded.
	EvidencedScore *float64 `gorm:"column:evidenced_score"`
}

// TableName is the check-ins' table.
func (checkinRow) TableName() string { return "checkins" }

// checkIn converts a stored row to a CheckIn.
func (r checkinRow) checkIn() (tracker.CheckIn, error) {
	at, err := parseStamp(r.At)
	if err != nil {
		return tracker.CheckIn{}, fmt.Errorf("check-in %d: %w", r.ID, err)
	}
	items := map[string]tracker.ItemState{}
	if err := json.Unmarshal([]byte(r.Items), &items); err != nil {
		return tracker.CheckIn{}, fmt.Errorf("check-in %d: the saved levels are not readable: %w", r.ID, err)
	}
	var entries map[string][]string
	if r.RoadmapEntries != "" {
		if err := json.Unmarshal([]byte(r.RoadmapEntries), &entries); err != nil {
			return tracker.CheckIn{}, fmt.Errorf("check-in %d: the roadmap's entries are not readable: %w", r.ID, err)
		}
	}
	return tracker.CheckIn{ID: r.ID, Label: r.Label, At: at, Stage: r.Stage, Score: r.Score, Verdict: r.Verdict, Items: items,
		RoadmapID: r.RoadmapID, RoadmapVersion: r.RoadmapVersion, RoadmapEntries: entries, EvidencedScore: r.EvidencedScore}, nil
}

// checkinColumns returns the columns to read check-ins with from db. A
// database older than schema version 3 (opened read-only, or a backup being
// restored) has no roadmap columns: its check-ins record none.
func checkinColumns(db *gorm.DB) (string, error) {
	const cols = "id, label, at, stage, score, verdict, items"
	ok, err := hasRoadmapSchema(db)
	switch {
	case err != nil:
		return "", err
	case !ok:
		return cols + ", '' AS roadmap_id, 0 AS roadmap_version, '' AS roadmap_entries, NULL AS evidenced_score", nil
	}
	ev, err := hasColumn(db, "checkins", "evidenced_score")
	switch {
	case err != nil:
		return "", err
	case !ev: // schema version 3
		return cols + ", roadmap_id, roadmap_version, roadmap_entries, NULL AS evidenced_score", nil
	}
	return cols + ", roadmap_id, roadmap_version, roadmap_entries, evidenced_score", nil
}

// hasColumn reports whether table has the column, passing read errors on
// (see hasRoadmapSchema).
func hasColumn(db *gorm.DB, table, column string) (bool, error) {
	var n int64
	err := db.Raw("SELECT count(*) FROM pragma_table_info(?) WHERE name = ?", table, column).Row().Scan(&n)
	return n > 0, err
}

// CheckIn is CheckInUnder with the roadmap the database tracks against (see
// Roadmap).
func (s *Store) CheckIn(label string, a tracker.Assessment) (tracker.CheckIn, error) {
	rm, _, _ := s.Roadmap() // a stored roadmap that fails falls back, as for the callers
	return s.CheckInUnder(label, a, rm)
}

// CheckInUnder saves a labelled, frozen snapshot of every entry's state
// together with the stage, score and verdict of a (the assessment of the
// same progress, made against rm), and rm's id, version and entry ids, so
// that a later diff can tell what changed in the roadmap. An empty label
// becomes today's date. A label may not be a bare number, which would read
// as a check-in id. rm may be nil: the check-in then records no roadmap.
func (s *Store) CheckInUnder(label string, a tracker.Assessment, rm *roadmap.Roadmap) (tracker.CheckIn, error) {
	label = strings.TrimSpace(label)
	if label == "" {
		label = s.now().Format(tracker.DateLayout)
	}
	op := fmt.Sprintf("save check-in %q", label)
	if err := tracker.CheckLabel(label); err != nil {
		return tracker.CheckIn{}, fmt.Errorf("%s: %w", op, err)
	}
	var c tracker.CheckIn
	err := s.write(op, func(tx *gorm.DB, now time.Time) error {
		items, err := loadItems(tx)
		if err != nil {
			return err
		}
		c, err = saveCheckIn(tx, label, a, rm, items, now)
		return err
	})
	if err != nil {
		return tracker.CheckIn{}, err
	}
	return c, nil
}

// findCheckIn reads the newest check-in matching the condition.
func findCheckIn(db *gorm.DB, cond string, arg any) (tracker.CheckIn, error) {
	cols, err := checkinColumns(db)
	if err != nil {
		return tracker.CheckIn{}, err
	}
	var r checkinRow
	res := db.Select(cols).Where(cond, arg).Order("id DESC").Limit(1).Find(&r)
	if res.Error != nil {
		return tracker.CheckIn{}, res.Error
	}
	if res.RowsAffected == 0 {
		return tracker.CheckIn{}, tracker.ErrNotFound
	}
	return r.checkIn()
}

// CheckIns returns every check-in, oldest first.
func (s *Store) CheckIns() ([]tracker.CheckIn, error) {
	var rows []checkinRow
	err := s.read("read check-ins", func(db *gorm.DB) error {
		cols, err := checkinColumns(db)
		if err != nil {
			return err
		}
		return db.Select(cols).Order("at, id").Find(&rows).Error
	})
	if err != nil {
		return nil, err
	}
	out := make([]tracker.CheckIn, 0, len(rows))
	for _, r := range rows {
		c, err := r.checkIn()
		if err != nil {
			return nil, fmt.Errorf("read check-ins: %w", err)
		}
		out = append(out, c)
	}
	return out, nil
}

// LastCheckInAt is when the newest check-in was made; zero when there is
// none. It reads the times alone: the plan needs no more, and reading every
// check-in with its saved states to find it took 37 MB of allocations on
// the large database at each load of the Dashboard.
func (s *Store) LastCheckInAt() (time.Time, error) {
	var stamps []string
	err := s.read("read check-ins", func(db *gorm.DB) error {
		return db.Model(&checkinRow{}).Pluck("at", &stamps).Error
	})
	if err != nil {
		return time.Time{}, err
	}
	var last time.Time
	for _, st := range stamps {
		at, err := parseStamp(st)
		if err != nil {
			return time.Time{}, fmt.Errorf("read check-ins: %w", err)
		}
		if at.After(last) {
			last = at
		}
	}
	return last, nil
}

// FindCheckIn returns the check-in with numeric id ref, or else the newest
// one labelled exactly ref. None gives an error wrapping ErrNotFound.
func (s *Store) FindCheckIn(ref string) (tracker.CheckIn, error) {
	ref = strings.TrimSpace(ref)
	op := fmt.Sprintf("check-in %q", ref)
	var c tracker.CheckIn
	err := s.retryBusy(func() error {
		var err error
		if id, perr := strconv.ParseInt(ref, 10, 64); perr == nil {
			c, err = findCheckIn(s.db, "id = ?", id)
			if !errors.Is(err, tracker.ErrNotFound) {
				return err
			}
		}
		c, err = findCheckIn(s.db, "label = ?", ref)
		return err
	})
	switch {
	case errors.Is(err, tracker.ErrNotFound):
		return tracker.CheckIn{}, fmt.Errorf("%s: %w", op, tracker.ErrNotFound)
	case err != nil:
		return tracker.CheckIn{}, s.dbErr("read "+op, err)
	}
	return c, nil
}

// CheckInNow is the check-in the window and the command line both make:
// in one write transaction it reads the progress, assesses it against rm
// on day today, and saves the check-in, so that the score saved is the
// score of the levels saved with it, whatever another devpath wrote just
// before. An empty label becomes today's date, numbered "(2)", "(3)" … when
// that is taken; a label given that is taken is refused with an error
// wrapping ErrLabelTaken, so that a check-in's label finds that one
// check-in.
func (s *Store) CheckInNow(label string, rm *roadmap.Roadmap, today time.Time) (tracker.CheckIn, error) {
	label = strings.TrimSpace(label)
	op := "save the check-in"
	if label != "" {
		op = fmt.Sprintf("save check-in %q", label)
		if err := tracker.CheckLabel(label); err != nil {
			return tracker.CheckIn{}, fmt.Errorf("%s: %w", op, err)
		}
	}
	var c tracker.CheckIn
	err := s.write(op, func(tx *gorm.DB, now time.Time) error {
		var err error
		c, err = s.checkInTx(tx, op, label, rm, today, now)
		return err
	})
	if err != nil {
		return tracker.CheckIn{}, err
	}
	return c, nil
}

// checkInTx is CheckInNow inside the caller's write transaction.
func (s *Store) checkInTx(tx *gorm.DB, op, label string, rm *roadmap.Roadmap, today, now time.Time) (tracker.CheckIn, error) {
	var taken []string
	if err := tx.Model(&checkinRow{}).Pluck("label", &taken).Error; err != nil {
		return tracker.CheckIn{}, err
	}
	l, err := freeLabel(label, taken, today)
	if err != nil {
		return tracker.CheckIn{}, fmt.Errorf("%s: %w", op, err)
	}
	row, _, err := s.loadProfile(tx)
	if err != nil {
		return tracker.CheckIn{}, err
	}
	prof, err := row.profile()
	if err != nil {
		return tracker.CheckIn{}, err
	}
	items, err := loadItems(tx)
	if err != nil {
		return tracker.CheckIn{}, err
	}
	ev, err := loadEvidenceByItem(tx)
	if err != nil {
		return tracker.CheckIn{}, err
	}
	a := tracker.Assess(rm, tracker.Progress{Profile: prof, Items: items, Evidence: ev}, today)
	c, err := saveCheckIn(tx, l, a, rm, items, now)
	if err != nil {
		return tracker.CheckIn{}, err
	}
	return c, queueForTeam(tx, c, a, prof, ev, now) // a no-op unless the database joined a team
}

// saveCheckIn writes a check-in of items, scored by a against rm (nil: no
// roadmap recorded), inside the caller's write transaction, and reads it
// back as stored.
func saveCheckIn(tx *gorm.DB, label string, a tracker.Assessment, rm *roadmap.Roadmap, items map[string]tracker.ItemState, now time.Time) (tracker.CheckIn, error) {
	ci := tracker.CheckIn{Label: label, At: now, Stage: a.Stage.ID, Score: a.Readiness.Score, Verdict: a.Readiness.Verdict, Items: items}
	if ev := a.Readiness.Evidenced; ev != nil {
		score := ev.Score
		ci.EvidencedScore = &score
	}
	if rm != nil {
		ci.RoadmapID, ci.RoadmapVersion, ci.RoadmapEntries = rm.ID, rm.Version, tracker.RoadmapEntries(rm)
	}
	id, err := putCheckIn(tx, ci, false)
	if err != nil {
		return tracker.CheckIn{}, err
	}
	return findCheckIn(tx, "id = ?", id)
}

// freeLabel is the label a new check-in takes: the one given unless it is
// taken, else today's date, numbered when that is taken.
func freeLabel(given string, taken []string, today time.Time) (string, error) {
	if given != "" {
		if slices.Contains(taken, given) {
			return "", fmt.Errorf("%w: %q; choose another label", tracker.ErrLabelTaken, given)
		}
		return given, nil
	}
	day := today.Format(tracker.DateLayout)
	l := day
	for n := 2; slices.Contains(taken, l); n++ {
		l = fmt.Sprintf("%s (%d)", day, n)
	}
	return l, nil
}
