package store

import (
	"devpath/tracker"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// RecoverFromAutoBackup is the way on when the database at dbPath cannot be
// opened: it copies the newest of its automatic backups (AutoBackups) that
// Restore accepts as a sound devpath database to a new file beside the
// database, named devpath-restored-YYYY-MM-DD.db after the day of now (with
// -N added when that name is taken: no file is ever overwritten), and
// returns the backup it used and the new file.
//
// The database at dbPath is not touched, nor are the backups: the user keeps
// the file that failed, to look into or delete. When no backup can be
// restored it returns an error that says why for each one and no file is
// left behind.
func RecoverFromAutoBackup(dbPath string, now time.Time) (backup, dest string, err error) {
	backups, err := AutoBackups(dbPath)
	if err != nil {
		return "", "", err
	}
	if len(backups) == 0 {
		return "", "", fmt.Errorf("there is no automatic backup of %s in %s", dbPath, BackupDir(dbPath))
	}
	var errs []error
	for _, b := range backups {
		d, err := FreeDatabaseName(filepath.Dir(dbPath), "devpath-restored-"+now.Format(tracker.DateLayout))
		if err != nil {
			return "", "", err
		}
		if _, err := Restore(b, d, now); err != nil {
			errs = append(errs, err)
			continue
		}
		return b, d, nil
	}
	return "", "", errors.Join(errs...)
}

// FreeDatabaseName returns dir/base.db, or dir/base-N.db for the first N that
// names no file, for a new database that must not replace an existing file.
func FreeDatabaseName(dir, base string) (string, error) {
	for n := 0; n < 1000; n++ {
		name := base + ".db"
		if n > 0 {
			name = fmt.Sprintf("%s-%d.db", base, n)
		}
		p := filepath.Join(dir, name)
		if _, err := os.Lstat(p); errors.Is(err, os.ErrNotExist) {
			return p, nil
		}
	}
	return "", fmt.Errorf("no free file name for a new database in %s", dir)
}
