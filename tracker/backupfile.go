package tracker

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// backupDirName is the folder beside the database that holds the daily
// automatic backups.
const backupDirName = "backups"

// autoBackupName matches the file names of automatic backups.
var autoBackupName = regexp.MustCompile(`^devpath-\d{4}-\d{2}-\d{2}\.db$`)

// Backup writes a consistent copy of the database to dest with VACUUM INTO.
// The copy is created with mode 0600 (it holds the user's notes); dest must
// not exist. A missing folder for dest is created (0700). It works on a
// read-only store too.
func (s *Store) Backup(dest string) error {
	if dest == "" {
		return errors.New("back up: no destination file given")
	}
	abs, err := filepath.Abs(dest)
	if err != nil {
		return fmt.Errorf("back up to %s: %w", dest, err)
	}
	if err := s.vacuumInto(abs); err != nil {
		return fmt.Errorf("back up %s: %w", s.path, err)
	}
	return nil
}

// vacuumInto copies the database into dest, which must not exist. The file
// is created 0600 before SQLite writes to it, synced to disk afterwards, and
// removed again if the copy fails.
func (s *Store) vacuumInto(dest string) (err error) {
	if same(dest, s.path) {
		return fmt.Errorf("%s is the database itself", dest)
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o700); err != nil {
		return fmt.Errorf("create folder for %s: %w", dest, err)
	}
	f, err := os.OpenFile(dest, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; choose a new file name: %w", dest, fs.ErrExist)
	}
	if err != nil {
		return fmt.Errorf("create %s: %w", dest, err)
	}
	if err := f.Close(); err != nil {
		_ = os.Remove(dest)
		return fmt.Errorf("create %s: %w", dest, err)
	}
	return s.vacuumIntoEmpty(dest)
}

// vacuumIntoEmpty copies the database into dest, an empty file this store
// just created; dest is removed again if the copy fails.
func (s *Store) vacuumIntoEmpty(dest string) (err error) {
	defer func() {
		if err != nil {
			_ = os.Remove(dest)
		}
	}()
	if err := s.retryBusy(func() error { return s.db.Exec("VACUUM INTO ?", dest).Error }); err != nil {
		return s.dbErr("copy the database to "+dest, err)
	}
	if err := os.Chmod(dest, 0o600); err != nil {
		return fmt.Errorf("restrict permissions of %s: %w", dest, err)
	}
	if err := syncFile(dest); err != nil {
		return err
	}
	return nil
}

// same reports whether two paths name the same existing file.
func same(a, b string) bool {
	ai, err := os.Stat(a)
	if err != nil {
		return false
	}
	bi, err := os.Stat(b)
	if err != nil {
		return false
	}
	return os.SameFile(ai, bi)
}

// syncFile flushes a file to disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("sync %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return fmt.Errorf("sync %s: %w", path, err)
	}
	return f.Close()
}

// syncDir flushes a folder's entries to disk, where the system allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// BackupDir returns the folder of automatic backups for the database at
// dbPath: "backups" beside it.
func BackupDir(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), backupDirName)
}

// AutoBackups lists the automatic backups of the database at dbPath, newest
// first. No folder means no backups. It needs no open store, so it can offer
// a backup when the database itself cannot be opened.
func AutoBackups(dbPath string) ([]string, error) {
	dir := BackupDir(dbPath)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups in %s: %w", dir, err)
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && autoBackupName.MatchString(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(names)))
	paths := make([]string, len(names))
	for i, n := range names {
		paths[i] = filepath.Join(dir, n)
	}
	return paths, nil
}

// AutoBackup makes today's automatic backup, "<folder of the database>/
// backups/devpath-YYYY-MM-DD.db" (folder 0700, file 0600), unless it exists,
// and then deletes the oldest automatic backups beyond keep. It returns the
// path of the backup it made, or "" when today's already existed.
func (s *Store) AutoBackup(keep int) (string, error) {
	if keep < 1 {
		return "", fmt.Errorf("automatic backup: keep must be at least 1, not %d", keep)
	}
	if s.readOnly {
		return "", fmt.Errorf("automatic backup of %s: %w", s.path, ErrReadOnly)
	}
	dir := BackupDir(s.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("automatic backup: create %s: %w", dir, err)
	}
	day := s.today().Format(dateLayout)
	name := filepath.Join(dir, "devpath-"+day+".db")
	made := ""
	if _, err := os.Stat(name); errors.Is(err, fs.ErrNotExist) {
		f, err := os.CreateTemp(dir, "devpath-"+day+".db.tmp-*")
		if err != nil {
			return "", fmt.Errorf("automatic backup: %w", err)
		}
		tmp := f.Name()
		if err := f.Close(); err != nil {
			_ = os.Remove(tmp)
			return "", fmt.Errorf("automatic backup: %w", err)
		}
		if err := s.vacuumIntoEmpty(tmp); err != nil {
			return "", fmt.Errorf("automatic backup: %w", err)
		}
		if err := os.Rename(tmp, name); err != nil {
			_ = os.Remove(tmp)
			return "", fmt.Errorf("automatic backup: %w", err)
		}
		syncDir(dir)
		made = name
	} else if err != nil {
		return "", fmt.Errorf("automatic backup: %w", err)
	}
	if err := pruneBackups(dir, day, keep); err != nil {
		return made, err
	}
	return made, nil
}

// pruneBackups deletes the automatic backups beyond the newest keep, and
// copies left half-written by an interrupted backup on another day.
func pruneBackups(dir, today string, keep int) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("automatic backup: list %s: %w", dir, err)
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		switch {
		case !e.Type().IsRegular():
		case autoBackupName.MatchString(n):
			names = append(names, n)
		case strings.HasPrefix(n, "devpath-") && strings.Contains(n, ".db.tmp-") && !strings.HasPrefix(n, "devpath-"+today):
			_ = os.Remove(filepath.Join(dir, n))
		}
	}
	sort.Strings(names)
	for len(names) > keep {
		if err := os.Remove(filepath.Join(dir, names[0])); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("automatic backup: remove old backup: %w", err)
		}
		names = names[1:]
	}
	return nil
}
