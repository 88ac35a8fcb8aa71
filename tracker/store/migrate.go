package store

import (
	"bytes"
	"devpath/tracker"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
	"gorm.io/gorm"
)

// applicationID marks an SQLite file as a devpath database
// (PRAGMA application_id; the bytes spell "dvpt").
const applicationID = 0x64767074

// sqliteMagic starts every SQLite database file.
const sqliteMagic = "SQLite format 3\x00"

// migration is one step of the schema. Each runs in its own transaction that
// also records the new version in schema_version.
type migration struct {
	version int
	what    string
	sql     string
}

// migrations is the ordered schema history. Never edit a released step; add
// a new one.
var migrations = []migration{
	{1, "tables", `
PRAGMA application_id = 1685483636;
CREATE TABLE schema_version (
	version    INTEGER PRIMARY KEY,
	applied_at TEXT NOT NULL
);
CREATE TABLE profile (
	id           INTEGER PRIMARY KEY CHECK (id = 1),
	name         TEXT NOT NULL DEFAULT '',
	stage        TEXT NOT NULL,
	stage_since  TEXT NOT NULL DEFAULT '',
	career_start TEXT NOT NULL DEFAULT '',
	region       TEXT NOT NULL DEFAULT 'uk',
	branch       TEXT NOT NULL DEFAULT '',
	track        TEXT NOT NULL DEFAULT '',
	track_level  TEXT NOT NULL DEFAULT '',
	updated_at   TEXT NOT NULL
);
CREATE TABLE progress (
	item_id    TEXT PRIMARY KEY,
	level      INTEGER NOT NULL DEFAULT 0 CHECK (level BETWEEN 0 AND 4),
	skipped    INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
	date       TEXT NOT NULL DEFAULT '',
	updated_at TEXT NOT NULL
);
CREATE TABLE evidence (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	item_id    TEXT NOT NULL,
	note       TEXT NOT NULL CHECK (note <> ''),
	link       TEXT NOT NULL DEFAULT '',
	date       TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE TABLE events (
	id     INTEGER PRIMARY KEY AUTOINCREMENT,
	at     TEXT NOT NULL,
	kind   TEXT NOT NULL,
	target TEXT NOT NULL,
	old    TEXT NOT NULL DEFAULT '',
	new    TEXT NOT NULL DEFAULT ''
);
CREATE TABLE checkins (
	id      INTEGER PRIMARY KEY AUTOINCREMENT,
	label   TEXT NOT NULL,
	at      TEXT NOT NULL,
	stage   TEXT NOT NULL,
	score   REAL NOT NULL,
	verdict TEXT NOT NULL,
	items   TEXT NOT NULL
);`},
	{2, "indexes and the append-only event log", `
CREATE INDEX events_at ON events (at);
CREATE INDEX evidence_item ON evidence (item_id, date);
CREATE INDEX checkins_label ON checkins (label);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
	SELECT RAISE(ABORT, 'the event log is append-only');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
	SELECT RAISE(ABORT, 'the event log is append-only');
END;`},
	{3, "the roadmap in the database", `
CREATE TABLE roadmap_choice (
	id         INTEGER PRIMARY KEY CHECK (id = 1),
	name       TEXT NOT NULL,
	roadmap_id TEXT NOT NULL,
	version    INTEGER NOT NULL,
	content    BLOB NOT NULL,
	chosen_at  TEXT NOT NULL
);
ALTER TABLE checkins ADD COLUMN roadmap_id TEXT NOT NULL DEFAULT '';
ALTER TABLE checkins ADD COLUMN roadmap_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE checkins ADD COLUMN roadmap_entries TEXT NOT NULL DEFAULT '';`},
	{4, "evidence levels and evidence found in git repositories", `
ALTER TABLE evidence ADD COLUMN level INTEGER NOT NULL DEFAULT 0 CHECK (level BETWEEN 0 AND 4);
ALTER TABLE checkins ADD COLUMN evidenced_score REAL;
CREATE TABLE evidence_suggestions (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	item_id    TEXT NOT NULL,
	repo       TEXT NOT NULL,
	commits    INTEGER NOT NULL CHECK (commits > 0),
	first      TEXT NOT NULL,
	last       TEXT NOT NULL,
	examples   TEXT NOT NULL DEFAULT '[]',
	link       TEXT NOT NULL DEFAULT '',
	status     TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'accepted', 'dismissed')),
	evidence_id INTEGER,
	found_at   TEXT NOT NULL
);
CREATE INDEX evidence_suggestions_item ON evidence_suggestions (item_id, repo);
CREATE TABLE git_scans (
	repo       TEXT PRIMARY KEY,
	newest     TEXT NOT NULL,
	scanned_at TEXT NOT NULL
);`},
	{5, "reviews with a manager", `
CREATE TABLE review_requests (
	id         TEXT PRIMARY KEY,
	created_at TEXT NOT NULL,
	share      TEXT NOT NULL,
	digest     TEXT NOT NULL,
	file       BLOB NOT NULL
);
CREATE TABLE review_responses (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	request_id  TEXT NOT NULL,
	reviewer    TEXT NOT NULL,
	fingerprint TEXT NOT NULL,
	digest      TEXT NOT NULL UNIQUE,
	file        BLOB NOT NULL,
	imported_at TEXT NOT NULL,
	checkin_id  INTEGER
);
CREATE TABLE reviewer_keys (
	reviewer  TEXT PRIMARY KEY,
	key       TEXT NOT NULL,
	pinned_at TEXT NOT NULL
);
CREATE TABLE reviews (
	id        TEXT PRIMARY KEY,
	engineer  TEXT NOT NULL,
	opened_at TEXT NOT NULL,
	file      BLOB NOT NULL,
	note      TEXT NOT NULL DEFAULT '',
	signed_at TEXT NOT NULL DEFAULT ''
);
CREATE TABLE review_ratings (
	review_id TEXT NOT NULL,
	item_id   TEXT NOT NULL,
	level     INTEGER NOT NULL CHECK (level BETWEEN 0 AND 4),
	comment   TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (review_id, item_id)
);`},
	{6, "the team outbox", `
CREATE TABLE team_link (
	id             INTEGER PRIMARY KEY CHECK (id = 1),
	url            TEXT NOT NULL,
	share_evidence INTEGER NOT NULL DEFAULT 0 CHECK (share_evidence IN (0, 1)),
	joined_at      TEXT NOT NULL
);
CREATE TABLE team_outbox (
	uuid         TEXT PRIMARY KEY,
	checkin_id   INTEGER NOT NULL,
	payload      TEXT NOT NULL,
	queued_at    TEXT NOT NULL,
	published_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX team_outbox_pending ON team_outbox (published_at, queued_at);`},
	// Each piece of evidence gets a random (version 4) UUID that follows
	// it into backups and other databases, so that a merge can tell an
	// edit or a deletion made elsewhere from new evidence.
	{7, "a lasting identity for evidence", `
ALTER TABLE evidence ADD COLUMN uuid TEXT NOT NULL DEFAULT '';
UPDATE evidence SET uuid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2)
	|| '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX evidence_uuid ON evidence (uuid) WHERE uuid <> '';`},
	{8, "changes of several entries in one step", `
ALTER TABLE events ADD COLUMN step INTEGER NOT NULL DEFAULT 0;`},
	// The plan: a target date and a check-in cadence (one row), the
	// entries picked to work on with their due days, and the day each
	// claimed entry was last re-confirmed. Days are YYYY-MM-DD.
	{9, "the plan: a target date, items to work on, re-confirmations and the check-in cadence", `
CREATE TABLE plan_settings (
	id         INTEGER PRIMARY KEY CHECK (id = 1),
	target     TEXT NOT NULL DEFAULT '',
	cadence    TEXT NOT NULL DEFAULT '',
	updated_at TEXT NOT NULL
);
CREATE TABLE plan_items (
	item_id  TEXT PRIMARY KEY,
	due      TEXT NOT NULL,
	added_at TEXT NOT NULL
);
CREATE TABLE reconfirmations (
	item_id TEXT PRIMARY KEY,
	day     TEXT NOT NULL
);`},
}

// schemaVersion is the version this build creates and migrates to.
var schemaVersion = migrations[len(migrations)-1].version

// minReadableVersion is the oldest schema this build can read without
// migrating it (used when the file is read-only). Version 2 only added
// indexes and triggers; a database before version 3 has no roadmap_choice
// table and no roadmap columns in checkins, which the reads allow for (see
// hasRoadmapSchema): it uses the embedded roadmap, and its check-ins record
// none.
const minReadableVersion = 1

// devpathTables are the tables of the current schema.
var devpathTables = map[string]bool{
	"schema_version": true, "profile": true, "progress": true,
	"evidence": true, "events": true, "checkins": true, "roadmap_choice": true,
	"evidence_suggestions": true, "git_scans": true,
	"review_requests": true, "review_responses": true, "reviewer_keys": true, "reviews": true, "review_ratings": true,
	"team_link": true, "team_outbox": true,
	"plan_settings": true, "plan_items": true, "reconfirmations": true,
}

// fileState is what inspection found in an existing file.
type fileState struct {
	// fresh: missing, zero-length or an SQLite database with nothing in it.
	fresh   bool
	version int
}

// readHeader reads up to the first 100 bytes of the file and classifies
// it without SQLite: a zero-length file is fresh; a file that does not start
// like an SQLite database is not devpath's.
func readHeader(path string) (fresh bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return false, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	hdr := make([]byte, 100)
	n, err := io.ReadFull(f, hdr)
	switch {
	case n == 0 && (err == io.EOF || err == nil):
		return true, nil
	case err != nil && err != io.ErrUnexpectedEOF && err != io.EOF:
		return false, fmt.Errorf("read %s: %w", path, err)
	}
	if !bytes.HasPrefix(hdr[:n], []byte(sqliteMagic)) {
		return false, fmt.Errorf("%s: %w (it is not an SQLite database)", path, tracker.ErrNotDevpath)
	}
	if n < 100 {
		return false, fmt.Errorf("%s: %w (the file is cut short)", path, tracker.ErrDamaged)
	}
	return false, nil
}

// openReadOnlyDB opens a read-only connection pool on an existing file. When
// the folder does not let SQLite create its WAL side files, the file is opened
// as immutable.
func openReadOnlyDB(path string) (*gorm.DB, error) {
	db, err := openChecked(path, readDSN(path, false))
	if err != nil && (isCode(err, sqlite3.ErrCantOpen) || isCode(err, sqlite3.ErrReadonly)) {
		if db, ierr := openChecked(path, readDSN(path, true)); ierr == nil {
			return db, nil
		}
	}
	if err != nil && diskFull(err) {
		// No room for the shared-memory index: with nothing in the
		// write-ahead log the file alone is the whole database; else the
		// index is kept in this process's memory, which holds the
		// database's lock while the connection is open.
		if fi, serr := os.Lstat(path + "-wal"); serr != nil || fi.Size() == 0 {
			if db, ierr := openChecked(path, readDSN(path, true)); ierr == nil {
				return db, nil
			}
		}
		if db, ierr := openChecked(path, readDSN(path, false)+"&_locking_mode=EXCLUSIVE"); ierr == nil {
			return db, nil
		}
	}
	return db, err
}

// classify turns an error from reading a file into ErrDamaged or
// ErrNotDevpath when SQLite says the file is corrupt or not a database.
func classify(path string, err error) error {
	switch {
	case err == nil:
		return nil
	case isCode(err, sqlite3.ErrCorrupt), isCode(err, sqlite3.ErrNotADB):
		return fmt.Errorf("%s: %w (%v)", path, tracker.ErrDamaged, err)
	}
	return fmt.Errorf("open %s: %w", path, err)
}

// inspect checks an existing, non-empty file on a read-only connection
// before anything writes to it: it must be an SQLite database that is empty
// or carries devpath's application id and tables, pass PRAGMA quick_check,
// and not be newer than this build.
//
// When no other connection has the file open (there is no -wal or -journal
// file beside it), the file is first read as immutable, which creates
// nothing beside it. An immutable read takes no locks, so another devpath
// process that writes meanwhile (and removes its -wal file again when it
// closes) can make a healthy file look damaged; a file that fails that check
// is therefore always checked again on an ordinary read-only connection,
// under SQLite's locks, and only that verdict counts.
//
// A file that fails under the locks too is no database a devpath process
// can be using, so the empty side files that this second check made SQLite
// create beside it are removed again: a damaged or foreign file is left with
// no trace.
func inspect(path string) (fileState, error) {
	hadSide := hasSideFiles(path)
	if !hadSide {
		st, err := inspectWith(path, func() (*gorm.DB, error) { return openChecked(path, readDSN(path, true)) })
		if err == nil {
			return st, nil
		}
	}
	_, shmErr := os.Lstat(path + "-shm")
	hadShm := shmErr == nil
	st, err := inspectWith(path, func() (*gorm.DB, error) { return openReadOnlyDB(path) })
	if err != nil && !hadSide {
		if fi, serr := os.Lstat(path + "-wal"); serr == nil && fi.Size() == 0 {
			os.Remove(path + "-wal")
		}
		if !hadShm {
			os.Remove(path + "-shm")
		}
	}
	return st, err
}

// inspectWith runs inspectDB on a connection from open and closes it.
func inspectWith(path string, open func() (*gorm.DB, error)) (fileState, error) {
	db, err := open()
	if err != nil {
		return fileState{}, err
	}
	defer closeGorm(db)
	return inspectDB(path, db)
}

// hasSideFiles reports whether SQLite's journal or WAL file is beside path,
// which means another connection may be using it.
func hasSideFiles(path string) bool {
	for _, suffix := range []string{"-wal", "-journal"} {
		if _, err := os.Lstat(path + suffix); err == nil {
			return true
		}
	}
	return false
}

// openChecked opens a pool on dsn and makes sure the file can be read.
func openChecked(path, dsn string) (*gorm.DB, error) {
	db, err := openGorm(dsn)
	if err != nil {
		return nil, classify(path, err)
	}
	if err := db.Exec("SELECT count(*) FROM sqlite_master").Error; err != nil {
		closeGorm(db)
		return nil, classify(path, err)
	}
	return db, nil
}

func inspectDB(path string, db *gorm.DB) (fileState, error) {
	var appID int64
	if err := db.Raw("PRAGMA application_id").Row().Scan(&appID); err != nil {
		return fileState{}, classify(path, err)
	}
	tables, err := tableNames(db)
	if err != nil {
		return fileState{}, classify(path, err)
	}
	if appID != 0 && appID != applicationID {
		return fileState{}, fmt.Errorf("%s: %w (it belongs to another application)", path, tracker.ErrNotDevpath)
	}
	if appID == 0 && len(tables) > 0 {
		return fileState{}, fmt.Errorf("%s: %w (it holds tables %s)", path, tracker.ErrNotDevpath, strings.Join(tables, ", "))
	}
	if err := quickCheck(path, db); err != nil {
		return fileState{}, err
	}
	if appID == 0 {
		return fileState{fresh: true}, nil
	}
	v, err := currentVersion(db)
	if err != nil {
		return fileState{}, fmt.Errorf("%s: %w (no schema version: %v)", path, tracker.ErrDamaged, err)
	}
	if v > schemaVersion {
		return fileState{}, fmt.Errorf("open %s: it was made by a newer devpath (database schema version %d; this devpath knows up to %d); update devpath to open it", path, v, schemaVersion)
	}
	if v < 1 {
		return fileState{}, fmt.Errorf("%s: %w (schema version %d)", path, tracker.ErrDamaged, v)
	}
	for _, t := range tables {
		if !devpathTables[t] && !strings.HasPrefix(t, "sqlite_") {
			return fileState{}, fmt.Errorf("%s: %w (unexpected table %s)", path, tracker.ErrNotDevpath, t)
		}
	}
	return fileState{version: v}, nil
}

// tableNames lists the user tables of the database, sorted.
func tableNames(db *gorm.DB) ([]string, error) {
	var names []string
	err := db.Raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").
		Scan(&names).Error
	return names, err
}

// quickCheck runs PRAGMA quick_check and reports ErrDamaged unless it says ok.
func quickCheck(path string, db *gorm.DB) error {
	rows, err := db.Raw("PRAGMA quick_check(5)").Rows()
	if err != nil {
		return classify(path, err)
	}
	defer rows.Close()
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return classify(path, err)
		}
		msgs = append(msgs, m)
	}
	if err := rows.Err(); err != nil {
		return classify(path, err)
	}
	if len(msgs) == 1 && msgs[0] == "ok" {
		return nil
	}
	return fmt.Errorf("%s: %w (%s)", path, tracker.ErrDamaged, strings.Join(msgs, "; "))
}

// currentVersion reads the schema version; 0 when there is no
// schema_version table yet.
func currentVersion(db *gorm.DB) (int, error) {
	var n int64
	if err := db.Raw("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").Row().Scan(&n); err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, nil
	}
	var v int
	if err := db.Raw("SELECT COALESCE(MAX(version), 0) FROM schema_version").Row().Scan(&v); err != nil {
		return 0, err
	}
	return v, nil
}

// migrate brings the database on the write connection up to schemaVersion,
// in one write transaction that re-reads the version inside it, so two
// processes opening the same file at once apply every step exactly once.
// When the file held a devpath database at an older version, a copy of it
// is first written beside it, inside that transaction (see copyLocked):
// every change saved before the upgrade is in the copy.
func (s *Store) migrate(before fileState) error {
	if !before.fresh && before.version >= schemaVersion {
		return nil
	}
	step := migrations[0]
	err := s.retryBusy(func() error {
		return s.db.Transaction(func(tx *gorm.DB) error {
			v, err := currentVersion(tx)
			if err != nil {
				return err
			}
			if v >= schemaVersion {
				return nil
			}
			if v > 0 {
				if _, err := s.preMigrationBackup(); err != nil {
					return err
				}
			}
			for _, m := range migrations {
				if v >= m.version {
					continue
				}
				step = m
				if v != m.version-1 {
					return fmt.Errorf("schema version %d cannot be migrated to %d", v, m.version)
				}
				if err := tx.Exec(m.sql).Error; err != nil {
					return err
				}
				if err := tx.Exec("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
					m.version, formatStamp(s.now())).Error; err != nil {
					return err
				}
				v = m.version
			}
			return nil
		})
	})
	var se sqlite3.Error
	if err != nil && !errors.As(err, &se) {
		return err
	}
	if err != nil {
		return s.dbErr(fmt.Sprintf("upgrade %s to schema version %d (%s)", s.path, step.version, step.what), err)
	}
	return nil
}

// preMigrationBackup copies the database beside itself before a migration,
// from inside its write transaction: <file>.pre-v<N>-YYYYMMDD-HHMMSS.bak,
// mode 0600.
func (s *Store) preMigrationBackup() (string, error) {
	stamp := s.now().Format("20060102-150405")
	base := fmt.Sprintf("%s.pre-v%d-%s", s.path, schemaVersion, stamp)
	for i := 0; i < 100; i++ {
		dest := base + ".bak"
		if i > 0 {
			dest = fmt.Sprintf("%s-%d.bak", base, i)
		}
		err := s.copyLocked(dest)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("back up %s before upgrading it: %w", s.path, err)
		}
		return dest, nil
	}
	return "", fmt.Errorf("back up %s before upgrading it: too many backups named %s*", s.path, base)
}

// stampLayout is how instants are stored: UTC with a fixed number of
// fraction digits, so that text order is time order.
const stampLayout = "2006-01-02T15:04:05.000000000Z"

// formatStamp writes an instant for storage.
func formatStamp(t time.Time) string { return t.UTC().Format(stampLayout) }

// parseStamp reads an instant written by formatStamp.
func parseStamp(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q is not valid: %w", s, err)
	}
	return t, nil
}
