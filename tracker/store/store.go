package store

import (
	"devpath/tracker"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/mattn/go-sqlite3"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
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
				return nil, fmt.Errorf("create folder %s: %w (%v)", dir, tracker.ErrReadOnly, err)
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
		return nil, fmt.Errorf("open %s: %w (it is not a regular file)", path, tracker.ErrNotDevpath)
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
			return nil, fmt.Errorf("create %s: %w (the folder cannot be written)", path, tracker.ErrReadOnly)
		}
		if state.fresh {
			return nil, fmt.Errorf("open %s: %w (the file is empty and cannot be written)", path, tracker.ErrReadOnly)
		}
		if state.version < minReadableVersion {
			return nil, fmt.Errorf("open %s: %w (it needs upgrading from schema version %d, which needs write access)", path, tracker.ErrReadOnly, state.version)
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

// fileWritable reports whether the file can be opened for writing and is
// not marked read-only (markedReadOnly) (opening
// it changes nothing).
func fileWritable(path string) bool {
	if markedReadOnly(path) {
		return false
	}
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

// isPermission reports a permission or read-only file system error, by
// the system's error number (EROFS has no fs.Err* of its own).
func isPermission(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)
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
func (s *Store) today() time.Time { return tracker.DayOf(s.now()) }

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
		return withOp(op, err)
	}
	switch se.Code {
	case sqlite3.ErrReadonly:
		err = fmt.Errorf("%w (%v)", tracker.ErrReadOnly, err)
	case sqlite3.ErrFull:
		if table := s.exhaustedTable(); table != "" {
			err = fmt.Errorf("%w: table %s holds the largest id there is; nothing was changed (%w)", tracker.ErrIDsExhausted, table, err)
			break
		}
		err = fmt.Errorf("%w; nothing was changed (%w)", tracker.ErrDiskFull, err)
	case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
		err = fmt.Errorf("%s: %w (%v)", s.path, tracker.ErrDamaged, err)
	case sqlite3.ErrBusy, sqlite3.ErrLocked:
		err = fmt.Errorf("another devpath kept the database busy for too long; nothing was changed, try again: %w", err)
	case sqlite3.ErrIoErr:
		err = fmt.Errorf("the disk could not be read or written; nothing was changed: %w", err)
	}
	return withOp(op, err)
}

// exhaustedTable names a table whose ids have run out: SQLite reports a
// table whose next id would pass 2^63-1 as a full disk (SQLITE_FULL), and
// the user must not be told to free space. "" when none has.
func (s *Store) exhaustedTable() string {
	var name string
	err := s.db.Raw("SELECT name FROM sqlite_sequence WHERE seq >= 9223372036854775807 ORDER BY name LIMIT 1").Row().Scan(&name)
	if err != nil {
		return ""
	}
	return name
}

// withOp prefixes err with the operation that failed; an empty op (one
// the caller names itself, with tracker.EntryError) adds nothing.
func withOp(op string, err error) error {
	if op == "" {
		return err
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
		return withOp(op, fmt.Errorf("%w, so the database was opened for viewing only; nothing was changed (%w)", tracker.ErrDiskFull, tracker.ErrReadOnly))
	}
	return withOp(op, tracker.ErrReadOnly)
}

// read runs fn, retrying when the database is busy, and words SQLite errors.
func (s *Store) read(op string, fn func(db *gorm.DB) error) error {
	if err := s.retryBusy(func() error { return fn(s.db) }); err != nil {
		return s.dbErr(op, err)
	}
	return nil
}

// DataVersion is SQLite's data_version of the store's connection: it
// changes whenever another connection (another devpath, the command line,
// an import in another process) commits a change to the file, and stays
// the same for the store's own writes. The store keeps a single connection
// for its whole life, so successive values compare.
func (s *Store) DataVersion() (int64, error) {
	var v int64
	err := s.read("check the database for changes", func(db *gorm.DB) error {
		return db.Raw("PRAGMA data_version").Scan(&v).Error
	})
	return v, err
}

// values turns rows into the domain values they hold.
func values[R, T any](rows []R, value func(R) T) []T {
	out := make([]T, 0, len(rows))
	for _, r := range rows {
		out = append(out, value(r))
	}
	return out
}
