package store

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/backup"
)

// Import writes a backup into the database in one transaction: all or
// nothing. The whole backup is checked first; a backup that fails the checks
// changes nothing. The backup's lists are used in place: its dates are
// normalised (as Backup.Check does) and a replacing import orders its
// change log and numbers it afresh; b stays a valid backup of the same
// content, which may be imported again.
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
	// b is used as it is, not copied: a large backup would otherwise sit
	// in memory twice. Check only normalises what a read left as it was.
	if err := b.Check(s.now()); err != nil {
		return tracker.ImportReport{}, fmt.Errorf("%s: %w", op, err)
	}
	if !merge && rm != nil {
		rm = b.RoadmapOf()
	}
	rep := tracker.ImportReport{Merged: merge, Orphans: b.Orphans(rm)}
	if ahead := b.ExportedAt.Sub(s.now()); ahead > 0 {
		rep.ClockAhead = ahead
	}
	var kept []string // copies kept by every try: none may outlive a failure
	err := s.write(op, func(tx *gorm.DB, now time.Time) error {
		r := rep
		var err error
		if merge {
			err = s.mergeBackup(tx, b, now, &r)
		} else if r.Kept, err = s.keepBeforeReplace(tx, "before-import"); err == nil {
			if r.Kept != "" {
				kept = append(kept, r.Kept)
			}
			err = s.replaceWith(tx, b, now, &r)
		}
		if err == nil {
			rep = r
		}
		return err
	})
	if err != nil {
		// The copy kept before a replace is of a database that stays as
		// it was; when the write failed, on a full disk too (at its
		// commit), it would only take room.
		for _, k := range kept {
			_ = os.Remove(k)
		}
		return tracker.ImportReport{}, err
	}
	for _, k := range kept {
		if k != rep.Kept { // a try that was rolled back and tried again
			_ = os.Remove(k)
		}
	}
	return rep, nil
}

// replaceWith empties every table and writes the backup, ids included.
func (s *Store) replaceWith(tx *gorm.DB, b backup.Backup, now time.Time, r *tracker.ImportReport) error {
	// Counted, not read: the rows going would otherwise sit in memory
	// beside the backup's.
	n, err := countRows(tx, "profile", "progress", "evidence", "events", "checkins",
		"review_requests", "review_responses", "reviewer_keys", "reviews", "evidence_suggestions", "git_scans", "team_outbox")
	if err != nil {
		return err
	}
	r.Items.Removed, r.Evidence.Removed = n["progress"], n["evidence"]
	r.Events.Removed, r.CheckIns.Removed = n["events"], n["checkins"]
	r.Items.Added, r.Evidence.Added = len(b.Items), len(b.Evidence)
	r.Events.Added, r.CheckIns.Added = len(b.Events), len(b.CheckIns)
	r.Reviews.Removed = n["review_requests"] + n["review_responses"] + n["reviewer_keys"] + n["reviews"]
	r.Suggestions.Removed, r.Outbox.Removed = n["evidence_suggestions"]+n["git_scans"], n["team_outbox"]
	r.Reviews.Added, r.Suggestions.Added, r.Outbox.Added = countMore(b)
	switch {
	case b.Profile.Stage != "":
		r.Profile = "replaced"
	case n["profile"] > 0:
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
	// The next ids start again from the backup's: a database whose ids
	// ran out is mended by importing a good backup over it.
	if err := tx.Exec("DELETE FROM sqlite_sequence").Error; err != nil {
		return err
	}
	if err := replaceMore(tx, b); err != nil {
		return err
	}
	if err := replacePlan(tx, b, now); err != nil {
		return err
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
	return rewriteEvents(tx, renumberEvents(b.Events))
}

// renumberEvents orders the log by id and numbers it from 1, in place,
// every undo naming the new id of the event it undid. A backup's or a
// copy's ids are theirs, and may lie anywhere up to SQLite's largest id:
// taken as they are, a last id of 2^63-1 would leave no id for the next
// change.
func renumberEvents(events []tracker.Event) []tracker.Event {
	slices.SortFunc(events, func(a, b tracker.Event) int { return cmpInt64(a.ID, b.ID) })
	ids := make(map[int64]int64, len(events))
	for i, e := range events {
		ids[e.ID] = int64(i + 1)
	}
	for i := range events {
		e := &events[i]
		e.ID = int64(i + 1)
		if e.Kind != tracker.EventUndo {
			continue
		}
		if old, err := strconv.ParseInt(e.Target, 10, 64); err == nil {
			if n, ok := ids[old]; ok {
				e.Target = strconv.FormatInt(n, 10)
			}
		}
	}
	return events
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
	// The log's ids are numbered afresh: its next id follows the new log's.
	if err := tx.Exec("DELETE FROM sqlite_sequence WHERE name = 'events'").Error; err != nil {
		return err
	}
	// Batches keep each statement under SQLite's limit on parameters, and
	// only one batch of rows in memory beside the events.
	const batch = 500
	rows := make([]eventRow, 0, batch)
	for start := 0; start < len(events); start += batch {
		rows = rows[:0]
		for _, e := range events[start:min(start+batch, len(events))] {
			rows = append(rows, eventRow{ID: e.ID, At: formatStamp(e.At), Kind: e.Kind, Target: e.Target, Old: e.Old, New: e.New, Step: e.Step})
		}
		if err := tx.Create(&rows).Error; err != nil {
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

// countRows counts the rows of each table that exists.
func countRows(tx *gorm.DB, tables ...string) (map[string]int, error) {
	out := make(map[string]int, len(tables))
	for _, t := range tables {
		ok, err := hasTable(tx, t)
		if err != nil || !ok {
			if err != nil {
				return nil, err
			}
			continue
		}
		var n int64
		if err := tx.Raw(`SELECT count(*) FROM "` + t + `"`).Row().Scan(&n); err != nil {
			return nil, err
		}
		out[t] = int(n)
	}
	return out, nil
}
