package tracker

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/mattn/go-sqlite3"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Errors the store returns; compare with errors.Is.
var (
	// ErrNothingToUndo: the event log holds no change left to undo.
	ErrNothingToUndo = errors.New("nothing to undo")
	// ErrReadOnly: the database file or its folder cannot be written; it
	// was opened for viewing only.
	ErrReadOnly = errors.New("the database is read-only")
	// ErrDiskFull: the disk holding the database has no room for the
	// change (or had none to open it for writing); nothing was changed.
	ErrDiskFull = errors.New("the disk is full")
	// ErrNotDevpath: the file is not a devpath database.
	ErrNotDevpath = errors.New("not a devpath database")
	// ErrDamaged: the file failed SQLite's integrity check.
	ErrDamaged = errors.New("the database file is damaged")
	// ErrNotFound: no such evidence entry or check-in.
	ErrNotFound = errors.New("not found")
)

// Options tune Open.
type Options struct {
	// Now returns the current time; nil means time.Now. Tests fix it.
	Now func() time.Time
}

// Store is the user's progress database. Its methods are safe for use from
// several goroutines.
//
// All access goes through one connection: writes are serialised inside the
// process, and between processes SQLite's write lock (taken when each write
// transaction begins) makes them queue. Every write is one transaction that
// also appends its events to the log, so a change reported saved is both
// durable and in the log.
type Store struct {
	db       *gorm.DB
	path     string
	now      func() time.Time
	readOnly bool
	// full: opened for viewing only because the disk had no room.
	full bool
}

// Default profile values on a new database.
const (
	defaultStage  = "junior"
	defaultRegion = "uk"
)

// Open opens (creating it if needed) the database at path. It is
// OpenWith(path, Options{}).
func Open(path string) (*Store, error) { return OpenWith(path, Options{}) }

// OpenWith opens the database at path, creating the folder (0700) and the
// file (0600) when missing, and migrating an older schema (after copying the
// file beside itself). A missing or zero-length file becomes a new database.
//
// The file is checked on a read-only connection before anything writes to
// it: a file that is not a devpath database gives an error wrapping
// ErrNotDevpath, one that fails PRAGMA quick_check ErrDamaged, both naming
// the file, which is left exactly as it was. A file or folder that cannot be
// written opens read-only: ReadOnly reports it and every write returns an
// error wrapping ErrReadOnly. So does a database on a disk so full that
// opening it for writing fails: reading needs no space.
//
// Opening also removes the unfinished copies a killed devpath left in the
// database's folder and its backups folder (see cleanTemps).
func OpenWith(path string, o Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("open database: no file given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	path = abs
	now := o.Now
	if now == nil {
		now = time.Now
	}
	s := &Store{path: path, now: now}

	dir := filepath.Dir(path)
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			if isPermission(err) {
				return nil, fmt.Errorf("create folder %s: %w (%v)", dir, ErrReadOnly, err)
			}
			return nil, fmt.Errorf("create folder %s: %w", dir, err)
		}
	}

	fi, err := os.Stat(path)
	exists := err == nil
	switch {
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("open %s: %w", path, err)
	case exists && !fi.Mode().IsRegular():
		return nil, fmt.Errorf("open %s: %w (it is not a regular file)", path, ErrNotDevpath)
	}

	state := fileState{fresh: true}
	if exists {
		fresh, err := readHeader(path)
		if err != nil {
			return nil, err
		}
		if !fresh {
			if state, err = inspect(path); err != nil {
				return nil, err
			}
		}
	}

	writable := dirWritable(dir) && (!exists || fileWritable(path))
	if !writable {
		if !exists {
			return nil, fmt.Errorf("create %s: %w (the folder cannot be written)", path, ErrReadOnly)
		}
		if state.fresh {
			return nil, fmt.Errorf("open %s: %w (the file is empty and cannot be written)", path, ErrReadOnly)
		}
		if state.version < minReadableVersion {
			return nil, fmt.Errorf("open %s: %w (it needs upgrading from schema version %d, which needs write access)", path, ErrReadOnly, state.version)
		}
		db, err := openReadOnlyDB(path)
		if err != nil {
			return nil, err
		}
		s.db, s.readOnly = db, true
		return s, nil
	}

	if !exists {
		// Created here with 0600, through a link deliberately: SQLite would
		// create a link's missing target with the default, world-readable
		// mode.
		if err := createDatabaseFile(path); err != nil {
			return nil, err
		}
	} else if fi.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(path, 0o600); err != nil {
			return nil, fmt.Errorf("restrict permissions of %s: %w", path, err)
		}
	}

	// Copies left unfinished by a devpath that was killed go first.
	cleanTemps(dir)
	cleanTemps(BackupDir(path))

	db, err := openWriter(path)
	if err != nil {
		err = classify(path, err)
	} else {
		s.db = db
		if err = s.migrate(state); err != nil {
			closeGorm(db)
			s.db = nil
		}
	}
	if err != nil && exists && !state.fresh && state.version >= minReadableVersion && diskFull(err) {
		// Reading needs no space: open for viewing only, as for a
		// read-only file.
		if db, rerr := openReadOnlyDB(path); rerr == nil {
			s.db, s.readOnly, s.full = db, true, true
			return s, nil
		}
	}
	if err != nil {
		return nil, err
	}
	return s, nil
}

// openWriter opens the write connection. Opening switches a new file to WAL
// mode, which takes the file's exclusive lock; when two processes open a new
// file at the same moment, SQLite makes one of them fail at once with
// "database is locked" instead of waiting (each holds the read lock the
// other waits for), so a busy open is tried again until the other is done.
func openWriter(path string) (*gorm.DB, error) {
	var db *gorm.DB
	err := retryFor(openRetryTime, func() error {
		var err error
		db, err = openGorm(writeDSN(path))
		return err
	})
	return db, err
}

// openRetryTime is how long a busy open is tried again.
const openRetryTime = 30 * time.Second

// retryFor runs fn until it succeeds, fails for another reason than a busy
// database, or d has passed.
func retryFor(d time.Duration, fn func() error) error {
	deadline := time.Now().Add(d)
	wait := time.Millisecond
	for {
		err := fn()
		if !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		time.Sleep(wait)
		wait = min(2*wait, 50*time.Millisecond)
	}
}

// diskFull reports an error that means there was no room to write: the
// disk is full, the user's quota is used up, or the file may not grow.
func diskFull(err error) bool {
	if err == nil {
		return false
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		if se.Code == sqlite3.ErrFull {
			return true
		}
		switch se.SystemErrno {
		case syscall.ENOSPC, syscall.EDQUOT, syscall.EFBIG:
			return true
		}
	}
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) || errors.Is(err, syscall.EFBIG)
}

// openGorm opens a pool of one connection.
func openGorm(dsn string) (*gorm.DB, error) {
	db, err := gorm.Open(sqlite.Open(dsn), &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true,
	})
	if err != nil {
		return nil, err
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	sqlDB.SetMaxOpenConns(1)
	sqlDB.SetMaxIdleConns(1)
	sqlDB.SetConnMaxLifetime(0)
	sqlDB.SetConnMaxIdleTime(0)
	return db, nil
}

// closeGorm closes a pool opened by openGorm; nil is fine.
func closeGorm(db *gorm.DB) error {
	if db == nil {
		return nil
	}
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// fileWritable reports whether the file can be opened for writing (opening
// it changes nothing).
func fileWritable(path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	_ = f.Close()
	return true
}

// dirWritable reports whether files can be created in dir (SQLite needs that
// for its WAL side files).
func dirWritable(dir string) bool {
	f, err := os.CreateTemp(dir, ".devpath-probe-*")
	if err != nil {
		return false
	}
	name := f.Name()
	_ = f.Close()
	_ = os.Remove(name)
	return true
}

// isPermission reports a permission or read-only file system error.
func isPermission(err error) bool {
	return errors.Is(err, fs.ErrPermission) || strings.Contains(err.Error(), "read-only file system")
}

// Close closes the database. With WAL, the last connection to close folds
// the log back into the file.
func (s *Store) Close() error {
	if err := closeGorm(s.db); err != nil {
		return fmt.Errorf("close %s: %w", s.path, err)
	}
	return nil
}

// Path returns the absolute path of the database file.
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether the database was opened for viewing only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// DiskFull reports whether the database was opened for viewing only because
// the disk had no room to open it for writing.
func (s *Store) DiskFull() bool { return s.full }

// today is the calendar day of the store's clock, as midnight UTC.
func (s *Store) today() time.Time { return dayOf(s.now()) }

// isCode reports whether err is an SQLite error with the given primary code.
func isCode(err error, code sqlite3.ErrNo) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.Code == code
}

// isBusy reports an SQLite error that means another connection held the
// database for longer than the busy timeout.
func isBusy(err error) bool {
	return isCode(err, sqlite3.ErrBusy) || isCode(err, sqlite3.ErrLocked)
}

// busyRetries is how many times an operation that found the database busy
// for the whole busy timeout is tried again.
const busyRetries = 5

// retryBusy runs fn, running it again while it fails because the database
// is busy. fn must be safe to repeat: a busy failure means its transaction
// did not commit.
func (s *Store) retryBusy(fn func() error) error { return retryOnBusy(fn) }

// retryOnBusy is Store.retryBusy for work on any connection.
func retryOnBusy(fn func() error) error {
	err := fn()
	for i := 0; i < busyRetries && isBusy(err); i++ {
		time.Sleep(time.Duration(10*(i+1)) * time.Millisecond)
		err = fn()
	}
	return err
}

// dbErr words an error that came from SQLite, with the operation op.
func (s *Store) dbErr(op string, err error) error {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return fmt.Errorf("%s: %w", op, err)
	}
	switch se.Code {
	case sqlite3.ErrReadonly:
		return fmt.Errorf("%s: %w (%v)", op, ErrReadOnly, err)
	case sqlite3.ErrFull:
		return fmt.Errorf("%s: %w; nothing was changed (%w)", op, ErrDiskFull, err)
	case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
		return fmt.Errorf("%s: %s: %w (%v)", op, s.path, ErrDamaged, err)
	case sqlite3.ErrBusy, sqlite3.ErrLocked:
		return fmt.Errorf("%s: another devpath kept the database busy for too long; nothing was changed, try again: %w", op, err)
	case sqlite3.ErrIoErr:
		return fmt.Errorf("%s: the disk could not be read or written; nothing was changed: %w", op, err)
	}
	return fmt.Errorf("%s: %w", op, err)
}

// write runs fn in one write transaction (BEGIN IMMEDIATE) with the time of
// the change, retrying when another process keeps the database busy. Errors
// from fn that do not come from SQLite are returned as they are.
func (s *Store) write(op string, fn func(tx *gorm.DB, now time.Time) error) error {
	if s.readOnly {
		return s.readOnlyErr(op)
	}
	err := s.retryBusy(func() error {
		now := s.now()
		return s.db.Transaction(func(tx *gorm.DB) error { return fn(tx, now) })
	})
	if err == nil {
		return nil
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		return s.dbErr(op, err)
	}
	return err
}

// readOnlyErr is the error of a write to a store opened for viewing only.
func (s *Store) readOnlyErr(op string) error {
	if s.full {
		return fmt.Errorf("%s: %w, so the database was opened for viewing only; nothing was changed (%w)", op, ErrDiskFull, ErrReadOnly)
	}
	return fmt.Errorf("%s: %w", op, ErrReadOnly)
}

// read runs fn, retrying when the database is busy, and words SQLite errors.
func (s *Store) read(op string, fn func(db *gorm.DB) error) error {
	if err := s.retryBusy(func() error { return fn(s.db) }); err != nil {
		return s.dbErr(op, err)
	}
	return nil
}

// profileRow is the one row of the profile table.
type profileRow struct {
	Name        string
	Stage       string
	StageSince  string
	CareerStart string
	Region      string
	Branch      string
	Track       string
	TrackLevel  string
}

// profileFields are the profile's fields in the order they are compared and
// logged; the names are the event targets.
var profileFields = []string{"name", "stage", "stage_since", "career_start", "region", "branch", "track", "track_level"}

// field returns the row's field with the given name (one of
// profileFields), or nil for an unknown name.
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
	m := make(map[string]string, len(profileFields))
	for _, f := range profileFields {
		m[f] = *r.field(f)
	}
	return m
}

// rowOf converts a profile to its stored form.
func rowOf(p Profile) profileRow {
	return profileRow{
		Name: p.Name, Stage: p.Stage, StageSince: formatDay(p.StageSince), CareerStart: formatDay(p.CareerStart),
		Region: p.Region, Branch: p.Branch, Track: p.Track, TrackLevel: p.TrackLevel,
	}
}

// profile converts a stored row back to a Profile.
func (r profileRow) profile() (Profile, error) {
	since, err := parseDay(r.StageSince)
	if err != nil {
		return Profile{}, err
	}
	start, err := parseDay(r.CareerStart)
	if err != nil {
		return Profile{}, err
	}
	return Profile{
		Name: r.Name, Stage: r.Stage, StageSince: since, CareerStart: start,
		Region: r.Region, Branch: r.Branch, Track: r.Track, TrackLevel: r.TrackLevel,
	}, nil
}

// loadProfile reads the profile row; found is false on a new database, when
// the row holds the defaults.
func (s *Store) loadProfile(db *gorm.DB) (row profileRow, found bool, err error) {
	res := db.Raw("SELECT name, stage, stage_since, career_start, region, branch, track, track_level FROM profile WHERE id = 1").Scan(&row)
	if res.Error != nil {
		return profileRow{}, false, res.Error
	}
	if res.RowsAffected == 0 {
		return profileRow{Stage: defaultStage, Region: defaultRegion, StageSince: formatDay(s.today())}, false, nil
	}
	return row, true, nil
}

// HasProfile reports whether the user has saved a profile; false on a new
// database (first run).
func (s *Store) HasProfile() (bool, error) {
	var n int64
	err := s.read("read the profile", func(db *gorm.DB) error {
		return db.Raw("SELECT count(*) FROM profile").Row().Scan(&n)
	})
	return n > 0, err
}

// Profile returns the user's profile. On a new database it is the default:
// stage "junior", region "uk", in the stage since today.
func (s *Store) Profile() (Profile, error) {
	var row profileRow
	err := s.read("read the profile", func(db *gorm.DB) error {
		var err error
		row, _, err = s.loadProfile(db)
		return err
	})
	if err != nil {
		return Profile{}, err
	}
	p, err := row.profile()
	if err != nil {
		return Profile{}, fmt.Errorf("read the profile: %w", err)
	}
	return p, nil
}

// trimProfile trims what the caller gave; the values are checked against
// the stored profile by SaveProfile.
func trimProfile(p Profile) Profile {
	p.Name = strings.TrimSpace(p.Name)
	p.Stage = strings.TrimSpace(p.Stage)
	p.Region = strings.ToLower(strings.TrimSpace(p.Region))
	p.Branch = strings.TrimSpace(p.Branch)
	p.Track = strings.TrimSpace(p.Track)
	p.TrackLevel = strings.TrimSpace(p.TrackLevel)
	p.StageSince, p.CareerStart = dayOf(p.StageSince), dayOf(p.CareerStart)
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
func (s *Store) SaveProfile(p Profile) error {
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
	today := dayOf(now)
	if after["stage"] == "" {
		return fmt.Errorf("%s: no stage given", op)
	}
	var changed []string
	for _, f := range profileFields {
		if before[f] == after[f] {
			continue
		}
		if err := checkProfileValue(f, after[f], today); err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		changed = append(changed, f)
	}
	if found && len(changed) == 0 {
		return nil
	}
	for _, f := range changed {
		if err := appendEvent(tx, now, EventProfile, f, before[f], after[f]); err != nil {
			return err
		}
	}
	return putProfile(tx, next, now)
}

// putProfile writes the whole profile row.
func putProfile(tx *gorm.DB, r profileRow, now time.Time) error {
	return tx.Exec(`INSERT INTO profile (id, name, stage, stage_since, career_start, region, branch, track, track_level, updated_at)
VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET name = excluded.name, stage = excluded.stage, stage_since = excluded.stage_since,
	career_start = excluded.career_start, region = excluded.region, branch = excluded.branch,
	track = excluded.track, track_level = excluded.track_level, updated_at = excluded.updated_at`,
		r.Name, r.Stage, r.StageSince, r.CareerStart, r.Region, r.Branch, r.Track, r.TrackLevel, formatStamp(now)).Error
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
	if err := checkProfileValue(field, value, now.Add(clockSlack)); err != nil {
		return fmt.Errorf("the change log holds a value of the profile's %s that is not valid, so it cannot be undone: %w", strings.ReplaceAll(field, "_", " "), err)
	}
	*f = value
	return putProfile(tx, row, now)
}

// progressRow is one row of the progress table.
type progressRow struct {
	ItemID  string `gorm:"column:item_id"`
	Level   int    `gorm:"column:level"`
	Skipped bool   `gorm:"column:skipped"`
	Date    string `gorm:"column:date"`
	Updated string `gorm:"column:updated_at"`
}

// state converts a stored row to an ItemState.
func (r progressRow) state() (ItemState, error) {
	d, err := parseDay(r.Date)
	if err != nil {
		return ItemState{}, err
	}
	var up time.Time
	if r.Updated != "" {
		if up, err = parseStamp(r.Updated); err != nil {
			return ItemState{}, err
		}
	}
	return ItemState{ID: r.ItemID, Level: Level(r.Level), Skipped: r.Skipped, Date: d, UpdatedAt: up}, nil
}

// loadItem reads one entry's row; a missing row is a not-started state.
func loadItem(tx *gorm.DB, id string) (progressRow, error) {
	var r progressRow
	res := tx.Raw("SELECT item_id, level, skipped, date, updated_at FROM progress WHERE item_id = ?", id).Scan(&r)
	if res.Error != nil {
		return progressRow{}, res.Error
	}
	if res.RowsAffected == 0 {
		return progressRow{ItemID: id}, nil
	}
	return r, nil
}

// loadItems reads every entry's state.
func loadItems(db *gorm.DB) (map[string]ItemState, error) {
	var rows []progressRow
	if err := db.Raw("SELECT item_id, level, skipped, date, updated_at FROM progress ORDER BY item_id").Scan(&rows).Error; err != nil {
		return nil, err
	}
	items := make(map[string]ItemState, len(rows))
	for _, r := range rows {
		st, err := r.state()
		if err != nil {
			return nil, fmt.Errorf("entry %s: %w", r.ItemID, err)
		}
		items[r.ItemID] = st
	}
	return items, nil
}

// Progress returns the profile and the state of every entry ever touched.
func (s *Store) Progress() (Progress, error) {
	const op = "read progress"
	var row profileRow
	var items map[string]ItemState
	err := s.read(op, func(db *gorm.DB) error {
		var err error
		if row, _, err = s.loadProfile(db); err != nil {
			return err
		}
		items, err = loadItems(db)
		return err
	})
	if err != nil {
		return Progress{}, err
	}
	p, err := row.profile()
	if err != nil {
		return Progress{}, fmt.Errorf("%s: %w", op, err)
	}
	return Progress{Profile: p, Items: items}, nil
}

// SetLevel sets the level of entry id, on date (zero means today), and logs
// an EventLevel with the old and new level ("0".."4"). Setting the level it
// already has changes nothing and logs nothing.
func (s *Store) SetLevel(id string, l Level, date time.Time) error {
	op := fmt.Sprintf("set the level of %s", id)
	if err := validateItemID(id); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	if !l.Valid() {
		return fmt.Errorf("%s: level %d is not valid (use 0-4)", op, int(l))
	}
	today := s.today()
	if date.IsZero() {
		date = today
	}
	date, err := checkOptionalDay("date", date, today)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return s.write(op, func(tx *gorm.DB, now time.Time) error {
		return setLevelTx(tx, id, l, date, now)
	})
}

// setLevelTx sets the level of entry id inside a write transaction and logs
// the change; the level it already has changes nothing.
func setLevelTx(tx *gorm.DB, id string, l Level, date, now time.Time) error {
	cur, err := loadItem(tx, id)
	if err != nil {
		return err
	}
	if Level(cur.Level) == l {
		return nil
	}
	if err := tx.Exec(`INSERT INTO progress (item_id, level, skipped, date, updated_at) VALUES (?, ?, 0, ?, ?)
ON CONFLICT (item_id) DO UPDATE SET level = excluded.level, date = excluded.date, updated_at = excluded.updated_at`,
		id, int(l), formatDay(date), formatStamp(now)).Error; err != nil {
		return err
	}
	return appendEvent(tx, now, EventLevel, id, strconv.Itoa(cur.Level), strconv.Itoa(int(l)))
}

// Tick sets the level of entry id on date (zero means today) and, when ev is
// not nil, adds ev as evidence for it, in one transaction: both are saved or
// neither is. It returns the saved evidence (zero without ev).
func (s *Store) Tick(id string, l Level, date time.Time, ev *Evidence) (Evidence, error) {
	op := fmt.Sprintf("set the level of %s", id)
	if err := validateItemID(id); err != nil {
		return Evidence{}, fmt.Errorf("%s: %w", op, err)
	}
	if !l.Valid() {
		return Evidence{}, fmt.Errorf("%s: level %d is not valid (use 0-4)", op, int(l))
	}
	today := s.today()
	if date.IsZero() {
		date = today
	}
	date, err := checkOptionalDay("date", date, today)
	if err != nil {
		return Evidence{}, fmt.Errorf("%s: %w", op, err)
	}
	var clean Evidence
	if ev != nil {
		e := *ev
		e.ItemID = id
		if clean, err = cleanEvidence(e, today); err != nil {
			return Evidence{}, fmt.Errorf("add evidence to %s: %w", id, err)
		}
	}
	var saved Evidence
	err = s.write(op, func(tx *gorm.DB, now time.Time) error {
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
		return Evidence{}, err
	}
	return saved, nil
}

// restoreLevel puts an entry back to a level (Undo); the date is kept.
func restoreLevel(tx *gorm.DB, id string, l int, now time.Time) error {
	if !Level(l).Valid() {
		return fmt.Errorf("level %d in the event log is not valid", l)
	}
	return tx.Exec(`INSERT INTO progress (item_id, level, skipped, date, updated_at) VALUES (?, ?, 0, '', ?)
ON CONFLICT (item_id) DO UPDATE SET level = excluded.level, updated_at = excluded.updated_at`,
		id, l, formatStamp(now)).Error
}

// SetSkipped marks entry id not applicable (or applicable again) and logs an
// EventSkip ("true"/"false"). Nothing happens when it already is so.
func (s *Store) SetSkipped(id string, skipped bool) error {
	op := fmt.Sprintf("mark %s not applicable", id)
	if !skipped {
		op = fmt.Sprintf("mark %s applicable", id)
	}
	if err := validateItemID(id); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return s.write(op, func(tx *gorm.DB, now time.Time) error {
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
		return appendEvent(tx, now, EventSkip, id, strconv.FormatBool(cur.Skipped), strconv.FormatBool(skipped))
	})
}

// putSkipped writes an entry's skipped flag.
func putSkipped(tx *gorm.DB, id string, skipped bool, now time.Time) error {
	return tx.Exec(`INSERT INTO progress (item_id, level, skipped, date, updated_at) VALUES (?, 0, ?, '', ?)
ON CONFLICT (item_id) DO UPDATE SET skipped = excluded.skipped, updated_at = excluded.updated_at`,
		id, skipped, formatStamp(now)).Error
}
