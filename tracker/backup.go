package tracker

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// BackupFormat is the value of a backup's "format" field.
const BackupFormat = "devpath-backup"

// BackupVersion is the version of the backup format this build writes and
// the newest it reads. Version 2 added the roadmap the database uses
// ("roadmap") and the roadmap each check-in was made under; version 1
// backups, which have neither, still read: they mean the embedded roadmap.
// Version 3 added the level a piece of evidence shows; older backups have
// none, which means the level claimed.
const BackupVersion = 3

// DefaultBackupLimit is the most bytes one value of a backup (the profile,
// one entry, one evidence note, one event, one check-in) may take when
// ReadBackup is given no limit: 64 MiB, hundreds of times what the checks on
// input let a value grow to. The file as a whole has no limit, so that every
// backup Export wrote, however long the history, can be imported again.
const DefaultBackupLimit = 64 << 20

// ErrNotBackup: the file is not a devpath backup (another program's JSON, or
// not JSON at all).
var ErrNotBackup = errors.New("not a devpath backup")

// Backup is everything in the database, as the JSON backup holds it:
// profile, entry states, evidence, the event log and check-ins.
type Backup struct {
	// Format is always BackupFormat.
	Format string `json:"format"`
	// Version is the backup format version (BackupVersion).
	Version int `json:"version"`
	// ExportedAt is when the backup was made.
	ExportedAt time.Time `json:"exported_at"`
	// Profile is the user's profile; its Stage is empty when the user had
	// not saved one yet.
	Profile Profile `json:"profile"`
	// Items are the states of every entry ever touched, by id.
	Items []ItemState `json:"items"`
	// Evidence is every evidence entry, by id.
	Evidence []Evidence `json:"evidence"`
	// Events is the whole change log, by id.
	Events []Event `json:"events"`
	// CheckIns are all check-ins, by id.
	CheckIns []CheckIn `json:"checkins"`
	// Roadmap is the roadmap the database tracks against; nil (null in
	// the file, or absent) means the embedded one.
	Roadmap *BackupRoadmap `json:"roadmap"`
	// Source names where the backup was read from (a file name); it is not
	// part of the file and is recorded in the import event of a merge.
	Source string `json:"-"`
}

// BackupCounts says how much a backup or a database holds.
type BackupCounts struct {
	Profile  bool // a profile was saved
	Items    int
	Evidence int
	Events   int
	CheckIns int
}

// String writes the counts in words: "12 entries, 3 evidence notes, 40
// changes in the log, 2 check-ins".
func (c BackupCounts) String() string {
	return fmt.Sprintf("%s, %s, %s, %s",
		countWords(c.Items, "entry", "entries"), countWords(c.Evidence, "evidence note", "evidence notes"),
		countWords(c.Events, "change in the log", "changes in the log"), countWords(c.CheckIns, "check-in", "check-ins"))
}

func countWords(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// Counts returns how much the backup holds.
func (b Backup) Counts() BackupCounts {
	return BackupCounts{
		Profile: b.Profile.Stage != "", Items: len(b.Items), Evidence: len(b.Evidence),
		Events: len(b.Events), CheckIns: len(b.CheckIns),
	}
}

// Counts returns how much the database holds, to tell the user what an
// import would replace.
func (s *Store) Counts() (BackupCounts, error) {
	var c BackupCounts
	err := s.read("count the saved progress", func(db *gorm.DB) error {
		var n [5]int64
		for i, model := range []any{&profileRow{}, &progressRow{}, &evidenceRow{}, &eventRow{}, &checkinRow{}} {
			if err := db.Model(model).Count(&n[i]).Error; err != nil {
				return err
			}
		}
		c = BackupCounts{Profile: n[0] > 0, Items: int(n[1]), Evidence: int(n[2]), Events: int(n[3]), CheckIns: int(n[4])}
		return nil
	})
	return c, err
}

// Export returns everything in the database as a Backup, read in one
// transaction so that it is consistent. Lists are ordered by id.
func (s *Store) Export() (Backup, error) {
	const op = "export the database"
	b := Backup{Format: BackupFormat, Version: BackupVersion, ExportedAt: s.now().UTC()}
	err := s.read(op, func(db *gorm.DB) error {
		return db.Transaction(func(tx *gorm.DB) error {
			var err error
			b, err = s.snapshot(tx, b)
			return err
		})
	})
	if err != nil {
		return Backup{}, err
	}
	return b, nil
}

// snapshot reads every table into b.
func (s *Store) snapshot(tx *gorm.DB, b Backup) (Backup, error) {
	row, found, err := s.loadProfile(tx)
	if err != nil {
		return b, err
	}
	b.Profile = Profile{}
	if found {
		if b.Profile, err = row.profile(); err != nil {
			return b, fmt.Errorf("profile: %w", err)
		}
	}
	items, err := loadItems(tx)
	if err != nil {
		return b, err
	}
	b.Items = make([]ItemState, 0, len(items))
	for _, st := range items {
		b.Items = append(b.Items, st)
	}
	sort.Slice(b.Items, func(i, j int) bool { return b.Items[i].ID < b.Items[j].ID })

	var ev []evidenceRow
	if err := tx.Order("id").Find(&ev).Error; err != nil {
		return b, err
	}
	b.Evidence = make([]Evidence, 0, len(ev))
	for _, r := range ev {
		b.Evidence = append(b.Evidence, r.evidence())
	}

	var evs []eventRow
	if err := tx.Order("id").Find(&evs).Error; err != nil {
		return b, err
	}
	b.Events = make([]Event, 0, len(evs))
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
		return b, err
	}
	b.CheckIns = make([]CheckIn, 0, len(cs))
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
	b.Roadmap = backupRoadmap(choice)
	return b, nil
}

// ReadBackup reads and checks a JSON backup. It decodes the file as a
// stream, one value at a time, so the file as a whole may be any size (every
// backup Export wrote reads back) while no single value may take more than
// limit bytes (DefaultBackupLimit when limit <= 0). It refuses, each with a
// one-line error: a value over the limit, a file that is not complete JSON,
// another program's JSON (error wrapping ErrNotBackup), a backup made by a
// newer devpath, unknown keys, unknown kinds of events, invalid levels,
// dates, links and texts (in the change log's old and new values too, with
// the checks of a live edit), and duplicate ids. Nothing is written
// anywhere.
func ReadBackup(r io.Reader, limit int64) (Backup, error) {
	b, err := readBackup(r, limit, time.Now())
	return b, oneLineError(err)
}

// lineError is an error whose message was folded onto one line; it still
// unwraps to the original.
type lineError struct {
	msg string
	err error
}

func (e *lineError) Error() string { return e.msg }
func (e *lineError) Unwrap() error { return e.err }

// oneLineError folds err's message onto one line: a backup's values end up
// in messages, and a message must never spill over several lines.
func oneLineError(err error) error {
	if err == nil || !strings.ContainsAny(err.Error(), "\r\n") {
		return err
	}
	return &lineError{msg: strings.Join(strings.Fields(err.Error()), " "), err: err}
}

// WriteBackup writes the backup as indented JSON.
func WriteBackup(w io.Writer, b Backup) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b); err != nil {
		return fmt.Errorf("write the backup: %w", err)
	}
	return nil
}
