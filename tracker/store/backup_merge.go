package store

import (
	"devpath/tracker"
	"devpath/tracker/backup"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// mergeBackup merges the backup into the database, keeping the newer of
// each value.
func (s *Store) mergeBackup(tx *gorm.DB, b backup.Backup, now time.Time, r *tracker.ImportReport) error {
	cur, err := s.snapshot(tx, backup.Backup{})
	if err != nil {
		return err
	}
	if err := mergeProfile(tx, cur, b, now, r); err != nil {
		return err
	}
	if err := mergeItems(tx, cur, b, r); err != nil {
		return err
	}
	if err := mergeEvidence(tx, cur, b, r); err != nil {
		return err
	}
	checkIns, err := mergeCheckIns(tx, cur, b, r)
	if err != nil {
		return err
	}
	evidence, err := evidenceIDs(tx, b)
	if err != nil {
		return err
	}
	if err := mergeMore(tx, cur, b, &idMaps{checkIns: checkIns, evidence: evidence}, r); err != nil {
		return err
	}
	if err := mergePlan(tx, b, now); err != nil {
		return err
	}
	events, counts := unionEvents(cur.Events, b.Events)
	r.Events = counts
	r.Roadmap = cur.Choice()
	if theirs := b.Choice(); !r.Roadmap.Same(theirs) {
		r.BackupRoadmap = &theirs
	}
	if err := rewriteEvents(tx, events); err != nil {
		return err
	}
	// The file's name is the user's, not devpath's: what would act on a
	// terminal is written out visibly rather than refused.
	target := tracker.Visible(b.Source)
	if n := []rune(target); len(n) > tracker.MaxSourceLen {
		target = string(n[:tracker.MaxSourceLen-1]) + "…"
	}
	if target == "" {
		target = "backup of " + b.ExportedAt.Format(tracker.DateLayout)
	}
	// The log keeps the counts as data, for the record; the user reads
	// about an import in words (tracker/words). Logs written before keep
	// a sentence here.
	summary, err := json.Marshal(struct {
		Entries   tracker.ImportCounts `json:"entries"`
		Evidence  tracker.ImportCounts `json:"evidence"`
		ChangeLog tracker.ImportCounts `json:"change_log"`
		CheckIns  tracker.ImportCounts `json:"check_ins"`
	}{r.Items, r.Evidence, r.Events, r.CheckIns})
	if err != nil {
		return fmt.Errorf("record the import: %w", err)
	}
	return appendEvent(tx, now, tracker.EventImport, target, "", string(summary))
}

// latestProfileChanges returns, per profile field, when the log last changed
// it (undos included).
func latestProfileChanges(events []tracker.Event) map[string]time.Time {
	byID := make(map[int64]tracker.Event, len(events))
	for _, e := range events {
		byID[e.ID] = e
	}
	out := map[string]time.Time{}
	note := func(field string, at time.Time) {
		if at.After(out[field]) {
			out[field] = at
		}
	}
	for _, e := range events {
		switch e.Kind {
		case tracker.EventProfile:
			note(e.Target, e.At)
		case tracker.EventUndo:
			id, err := strconv.ParseInt(e.Target, 10, 64)
			u, ok := byID[id]
			if ok && u.Kind == tracker.EventUndo { // a redo
				id, err = strconv.ParseInt(u.Target, 10, 64)
				u, ok = byID[id]
			}
			if err == nil && ok && u.Kind == tracker.EventProfile {
				note(u.Target, e.At)
			}
		}
	}
	return out
}

// mergeProfile keeps, field by field, the value changed last in either log.
// A database without a profile takes the backup's whole.
func mergeProfile(tx *gorm.DB, cur, b backup.Backup, now time.Time, r *tracker.ImportReport) error {
	switch {
	case b.Profile.Stage == "" && cur.Profile.Stage == "":
		r.Profile = "none"
		return nil
	case b.Profile.Stage == "":
		r.Profile = "kept"
		return nil
	case cur.Profile.Stage == "":
		r.Profile = "replaced"
		return putProfile(tx, rowOf(b.Profile), now)
	}
	mine, theirs := latestProfileChanges(cur.Events), latestProfileChanges(b.Events)
	row := rowOf(cur.Profile).fields()
	back := rowOf(b.Profile).fields()
	changed := false
	for _, f := range tracker.ProfileFields() {
		if row[f] != back[f] && theirs[f].After(mine[f]) {
			row[f] = back[f]
			changed = true
		}
	}
	if !changed {
		r.Profile = "kept"
		return nil
	}
	r.Profile = "updated"
	return putProfile(tx, profileRow{
		Name: row["name"], Stage: row["stage"], StageSince: row["stage_since"], CareerStart: row["career_start"],
		Region: row["region"], Branch: row["branch"], Track: row["track"], TrackLevel: row["track_level"],
	}, now)
}

// mergeItems keeps the newer state of each entry.
func mergeItems(tx *gorm.DB, cur, b backup.Backup, r *tracker.ImportReport) error {
	mine := make(map[string]tracker.ItemState, len(cur.Items))
	for _, it := range cur.Items {
		mine[it.ID] = it
	}
	for _, it := range b.Items {
		m, ok := mine[it.ID]
		switch {
		case !ok:
			r.Items.Added++
		case it.UpdatedAt.After(m.UpdatedAt):
			r.Items.Updated++
		default:
			r.Items.Kept++
			continue
		}
		if err := putItem(tx, it); err != nil {
			return err
		}
	}
	return nil
}

// deletions returns when each evidence entry was deleted according to the
// log (a deletion, or an undo that took the entry away): by uuid when the
// entry had one, else by id and creation time (ids alone may have been
// reused elsewhere).
func deletions(events []tracker.Event) (map[evidenceKey]time.Time, map[string]time.Time) {
	out, byUUID := map[evidenceKey]time.Time{}, map[string]time.Time{}
	for _, e := range events {
		if e.Kind != tracker.EventEvidence && e.Kind != tracker.EventUndo || e.New != "" || e.Old == "" || e.Old[0] != '{' {
			continue
		}
		var old tracker.Evidence
		if json.Unmarshal([]byte(e.Old), &old) != nil {
			continue
		}
		if old.UUID != "" {
			if e.At.After(byUUID[old.UUID]) {
				byUUID[old.UUID] = e.At
			}
			continue // the uuid says which entry went, whatever its id
		}
		k := evidenceKey{old.ID, old.CreatedAt.UnixNano()}
		if e.At.After(out[k]) {
			out[k] = e.At
		}
	}
	return out, byUUID
}

// evidenceKey identifies one evidence entry across databases: its id and
// when it was created.
type evidenceKey struct {
	id      int64
	created int64
}

func keyOf(e tracker.Evidence) evidenceKey { return evidenceKey{e.ID, e.CreatedAt.UnixNano()} }

// mergeEvidence keeps the newer copy of each evidence entry; a deletion
// recorded after a copy's last change wins over it. Evidence with a uuid is
// the same entry wherever its uuid is the same, whatever its id: an edit
// made on the other side updates it, a deletion there removes it. Evidence
// of older backups, which has none, is matched by id and creation time.
// Backup evidence whose id the database uses for another entry is added
// under a new id.
func mergeEvidence(tx *gorm.DB, cur, b backup.Backup, r *tracker.ImportReport) error {
	mine := make(map[int64]tracker.Evidence, len(cur.Evidence))
	byUUID := make(map[string]tracker.Evidence, len(cur.Evidence))
	for _, e := range cur.Evidence {
		mine[e.ID] = e
		if e.UUID != "" {
			byUUID[e.UUID] = e
		}
	}
	gone, goneUUID := deletions(cur.Events)
	theirGone, theirGoneUUID := deletions(b.Events)
	inBackup, uuidInBackup := map[evidenceKey]bool{}, map[string]bool{}
	for _, e := range b.Evidence {
		inBackup[keyOf(e)] = true
		if e.UUID != "" {
			uuidInBackup[e.UUID] = true
			if err := mergeByUUID(tx, e, byUUID, mine, goneUUID, r); err != nil {
				return err
			}
			continue
		}
		m, ok := mine[e.ID]
		switch {
		case ok && keyOf(m) == keyOf(e):
			if !e.UpdatedAt.After(m.UpdatedAt) {
				r.Evidence.Kept++
				continue
			}
			row := evidenceRowOf(e)
			row.UUID = m.UUID
			if err := updateEvidence(tx, row); err != nil {
				return err
			}
			r.Evidence.Updated++
		case ok:
			// The id belongs to another entry here: add this one anew,
			// unless it is already here under another id.
			if sameEvidenceHere(cur.Evidence, e) {
				r.Evidence.Kept++
				continue
			}
			row := evidenceRowOf(e)
			row.ID = 0 // a new id
			if err := tx.Create(&row).Error; err != nil {
				return err
			}
			r.Evidence.Added++
		default:
			if at, deleted := gone[keyOf(e)]; deleted && !e.UpdatedAt.After(at) {
				r.Evidence.Kept++
				continue
			}
			if err := insertEvidence(tx, evidenceRowOf(e)); err != nil {
				return err
			}
			r.Evidence.Added++
		}
	}
	for _, m := range cur.Evidence {
		if m.UUID != "" && uuidInBackup[m.UUID] || inBackup[keyOf(m)] {
			continue
		}
		at, deleted := theirGone[keyOf(m)]
		if m.UUID != "" {
			if t, ok := theirGoneUUID[m.UUID]; ok {
				at, deleted = t, true
			}
		}
		if deleted && !m.UpdatedAt.After(at) {
			if err := tx.Delete(&evidenceRow{}, m.ID).Error; err != nil {
				return err
			}
			r.Evidence.Removed++
		}
	}
	return nil
}

// mergeByUUID merges one backup entry that has a uuid: the database's
// entry with that uuid takes its content when the backup's is newer; an
// entry the database deleted after the backup's last change stays deleted;
// any other is added, under its own id when that is free here.
func mergeByUUID(tx *gorm.DB, e tracker.Evidence, byUUID map[string]tracker.Evidence, mine map[int64]tracker.Evidence, gone map[string]time.Time, r *tracker.ImportReport) error {
	if m, ok := byUUID[e.UUID]; ok {
		if !e.UpdatedAt.After(m.UpdatedAt) {
			r.Evidence.Kept++
			return nil
		}
		row := evidenceRowOf(e)
		row.ID = m.ID
		if err := updateEvidence(tx, row); err != nil {
			return err
		}
		r.Evidence.Updated++
		return nil
	}
	if at, deleted := gone[e.UUID]; deleted && !e.UpdatedAt.After(at) {
		r.Evidence.Kept++
		return nil
	}
	row := evidenceRowOf(e)
	if _, taken := mine[e.ID]; taken {
		row.ID = 0 // a new id
	}
	if err := tx.Create(&row).Error; err != nil {
		return err
	}
	mine[row.ID] = e
	r.Evidence.Added++
	return nil
}

// evidenceIDs maps the backup's evidence ids to the database's after a
// merge, through the entries' uuids; evidence without one keeps its id
// when the database holds the same entry under it.
func evidenceIDs(tx *gorm.DB, b backup.Backup) (map[int64]int64, error) {
	var rows []struct {
		ID   int64
		UUID string
	}
	if err := tx.Raw("SELECT id, uuid FROM evidence").Scan(&rows).Error; err != nil {
		return nil, err
	}
	here := make(map[string]int64, len(rows))
	for _, r := range rows {
		here[r.UUID] = r.ID
	}
	out := map[int64]int64{}
	for _, e := range b.Evidence {
		if id, ok := here[e.UUID]; ok && e.UUID != "" {
			out[e.ID] = id
		}
	}
	return out, nil
}

// sameEvidenceHere reports whether the database already holds e under
// another id (same entry, note and creation time).
func sameEvidenceHere(here []tracker.Evidence, e tracker.Evidence) bool {
	for _, m := range here {
		if m.CreatedAt.Equal(e.CreatedAt) && m.ItemID == e.ItemID && m.Note == e.Note {
			return true
		}
	}
	return false
}

// mergeCheckIns adds the backup's check-ins the database lacks (same label
// and time means the same check-in), under new ids, and returns the
// database's id of each of the backup's check-ins.
func mergeCheckIns(tx *gorm.DB, cur, b backup.Backup, r *tracker.ImportReport) (map[int64]int64, error) {
	type key struct {
		label string
		at    int64
	}
	have := map[key]int64{}
	for _, c := range cur.CheckIns {
		have[key{c.Label, c.At.UnixNano()}] = c.ID
	}
	ids := make(map[int64]int64, len(b.CheckIns))
	for _, c := range b.CheckIns {
		k := key{c.Label, c.At.UnixNano()}
		if id, ok := have[k]; ok {
			ids[c.ID] = id
			r.CheckIns.Kept++
			continue
		}
		id, err := putCheckIn(tx, c, false)
		if err != nil {
			return nil, err
		}
		have[k], ids[c.ID] = id, id
		r.CheckIns.Added++
	}
	return ids, nil
}

// unionEvents merges two event logs: events that are the same in both (same
// time, kind, target and values; for an undo, the same undone event) are
// kept once. The result is ordered by time and numbered from 1, so that the
// newest change has the highest id as Undo expects, and every undo names
// the new id of the event it undid.
func unionEvents(mine, theirs []tracker.Event) ([]tracker.Event, tracker.ImportCounts) {
	type tagged struct {
		e     tracker.Event
		key   string
		src   int // 0 the database, 1 the backup
		order int
	}
	keys := func(events []tracker.Event) []string {
		byID := make(map[int64]int, len(events))
		for i, e := range events {
			byID[e.ID] = i
		}
		out := make([]string, len(events))
		var keyOf func(i int, depth int) string
		keyOf = func(i, depth int) string {
			if out[i] != "" {
				return out[i]
			}
			e := events[i]
			target := e.Target
			if e.Kind == tracker.EventUndo && depth < 2 {
				if id, err := strconv.ParseInt(e.Target, 10, 64); err == nil {
					if j, ok := byID[id]; ok && j != i {
						target = "[" + keyOf(j, depth+1) + "]"
					}
				}
			}
			k := strings.Join([]string{e.At.UTC().Format(time.RFC3339Nano), e.Kind, target, e.Old, e.New}, "\x00")
			if depth == 0 {
				out[i] = k
			}
			return k
		}
		for i := range events {
			keyOf(i, 0)
		}
		return out
	}
	var all []tagged
	seen := map[string]bool{}
	var c tracker.ImportCounts
	for i, k := range keys(mine) {
		all = append(all, tagged{mine[i], k, 0, i})
		seen[k] = true
	}
	for i, k := range keys(theirs) {
		if seen[k] {
			c.Kept++
			continue
		}
		seen[k] = true
		all = append(all, tagged{theirs[i], k, 1, i})
		c.Added++
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if !a.e.At.Equal(b.e.At) {
			return a.e.At.Before(b.e.At)
		}
		if a.src != b.src {
			return a.src < b.src
		}
		return a.e.ID < b.e.ID
	})
	// New ids by (source, old id); an undo from either source finds the
	// event it undid through that event's key, which both sources share.
	newByKey := map[string]int64{}
	oldKey := [2]map[int64]string{{}, {}}
	mk, tk := keys(mine), keys(theirs)
	for i, e := range mine {
		oldKey[0][e.ID] = mk[i]
	}
	for i, e := range theirs {
		oldKey[1][e.ID] = tk[i]
	}
	out := make([]tracker.Event, len(all))
	for i, t := range all {
		newByKey[t.key] = int64(i + 1)
	}
	for i, t := range all {
		e := t.e
		e.ID = int64(i + 1)
		if e.Kind == tracker.EventUndo {
			if id, err := strconv.ParseInt(e.Target, 10, 64); err == nil {
				if k, ok := oldKey[t.src][id]; ok {
					if n, ok := newByKey[k]; ok {
						e.Target = strconv.FormatInt(n, 10)
					}
				}
			}
		}
		out[i] = e
	}
	return out, c
}
