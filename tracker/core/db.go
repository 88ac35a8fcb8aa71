package core

import (
	"io"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/backup"
	"devpath/tracker/store"
)

// DB is an open database as both interfaces use it: the store's use cases,
// reached through the core so that the window and the command line open,
// date and back up a database the same way, and the use cases that need
// more than the store (exports, the history's cache, the team database).
// Screens and commands declare the small interfaces they need; DB
// satisfies them, and so can a test's fake.
type DB struct {
	*store.Store
	core *Core
	// history keeps the replay of the change log between reads, so that a
	// screen that reloads reads only what changed since.
	history store.HistoryCache
}

// AfterWrite makes today's automatic backup after a change, keeping
// tracker.AutoBackupKeep days. It is best effort: a failed backup does not
// undo or fail the change. It returns the backup's path, "" when today's
// was already made.
func (db *DB) AfterWrite() (string, error) {
	return db.AutoBackup(tracker.AutoBackupKeep)
}

// ReadinessHistory is the readiness score over time, read through the
// cache this DB keeps: a second read replays only the changes since the
// first.
func (db *DB) ReadinessHistory(rm *roadmap.Roadmap, today time.Time) (tracker.ReadinessSeries, error) {
	return db.CachedReadinessHistory(&db.history, rm, today)
}

// Today is the current calendar day by the core's clock.
func (db *DB) Today() time.Time { return db.core.Today() }

// ReadBackup reads and checks the JSON backup file at path (Core.ReadBackup),
// for a screen that has the database but not the core.
func (db *DB) ReadBackup(path string) (backup.Backup, error) { return db.core.ReadBackup(path) }

// ParseBackup reads and checks a JSON backup from r (Core.ParseBackup).
func (db *DB) ParseBackup(r io.Reader) (backup.Backup, error) { return db.core.ParseBackup(r) }
