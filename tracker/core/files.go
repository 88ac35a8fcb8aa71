package core

import (
	"io"
	"os"
	"path/filepath"
	"strings"

	"devpath/roadmap/safefile"
	"devpath/tracker"
	"devpath/tracker/backup"
	"devpath/tracker/store"
)

// The use cases of this file work on database files and backups rather
// than on an open database: both interfaces reach them here, with the
// core's clock, so that neither touches a file format itself.

// Restore replaces the database (Path) with the backup file, which may be
// a JSON backup or a database copy; it keeps the database it replaces and
// returns that copy's path.
func (c *Core) Restore(file string) (kept string, err error) {
	path, err := c.Path()
	if err != nil {
		return "", err
	}
	return store.Restore(file, path, c.now())
}

// RecoverFromAutoBackup puts the newest automatic backup of the database at
// dbPath in a new file beside it, when the database cannot be opened; it
// returns the backup used and the new file.
func (c *Core) RecoverFromAutoBackup(dbPath string) (used, dest string, err error) {
	return store.RecoverFromAutoBackup(dbPath, c.now())
}

// FreeDatabaseName is a new database file name in dir, base.db or the
// first free base-N.db.
func (c *Core) FreeDatabaseName(dir, base string) (string, error) {
	return store.FreeDatabaseName(dir, base)
}

// AutoBackups lists the automatic backups of the database at dbPath,
// newest first.
func (c *Core) AutoBackups(dbPath string) ([]string, error) { return store.AutoBackups(dbPath) }

// BackupDir is the folder of the automatic backups of the database at
// dbPath.
func (c *Core) BackupDir(dbPath string) string { return store.BackupDir(dbPath) }

// CheckCopy checks that the file at path is a database copy devpath can
// restore.
func (c *Core) CheckCopy(path string) error { return store.CheckCopy(path) }

// SaveFile writes a file the user asked for (an export, a review file):
// replaced in one step, private to the user, never through a link or into
// a device.
func (c *Core) SaveFile(path string, write func(w io.Writer) error) error {
	return safefile.Save(path, write)
}

// ReadBackup reads and checks a JSON backup file. Its entry states,
// evidence and change log stay in the file (backup.ScanFile): an import
// reads them again from there, a value at a time, so a large backup is
// never in memory whole. The small parts (profile, roadmap, check-ins,
// reviews) and the counts are in memory.
func (c *Core) ReadBackup(path string) (backup.Backup, error) { return backup.ScanFile(path) }

// ParseBackup reads and checks a JSON backup from r (a file the window's
// dialog opened).
func (c *Core) ParseBackup(r io.Reader) (backup.Backup, error) {
	return backup.ReadAt(r, backup.DefaultLimit, c.now())
}

// ReadReviewFile reads a review request or response file, refusing what
// is not a regular file or is too large.
func (c *Core) ReadReviewFile(path string) ([]byte, error) { return tracker.ReadReviewFile(path) }

// OutTarget says where a file given with --out goes: into the folder dir
// when out names an existing folder or ends in a slash (which must then
// be an existing folder), else to the file named. The export and the
// backup both place their --out here, so a trailing slash means a folder
// for both.
func OutTarget(out string) (dir, file string, err error) {
	endsInSlash := strings.HasSuffix(out, "/") || strings.HasSuffix(out, string(filepath.Separator))
	fi, statErr := os.Stat(filepath.Clean(out))
	switch {
	case statErr == nil && fi.IsDir():
		return out, "", nil
	case !endsInSlash:
		return "", out, nil
	case statErr == nil:
		return "", "", &tracker.Error{Code: tracker.CodeNotAFolder, Entry: out, Msg: "it is not a folder"}
	}
	return "", "", &tracker.Error{Code: tracker.CodeNoSuchFolder, Entry: out, Msg: "there is no such folder"}
}
