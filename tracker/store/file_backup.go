package store

import (
	"bytes"
	"devpath/tracker"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/mattn/go-sqlite3"
	"gorm.io/gorm"
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
//
// The copy is written under a temporary name beside dest and gets its name
// only once it is complete, synced and checked: dest is either missing or a
// sound copy, even when the program is killed or the disk fills up meanwhile.
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

// vacuumInto copies the database into dest, which must not exist (see
// writeCopy), on the store's connection.
func (s *Store) vacuumInto(dest string) error {
	if same(dest, s.path) {
		return fmt.Errorf("%s is the database itself", dest)
	}
	return s.copyWith(s.db, dest)
}

// copyLocked copies the database into dest, which must not exist, while
// this store holds the write lock (inside s.write): the copy is read on a
// second connection, which sees every change committed before the lock was
// taken, and no other change can be committed until it is released.
func (s *Store) copyLocked(dest string) error {
	if same(dest, s.path) {
		return fmt.Errorf("%s is the database itself", dest)
	}
	conn, err := openGorm(readDSN(s.path, false))
	if err != nil {
		return s.dbErr("open "+s.path+" to copy it", err)
	}
	defer closeGorm(conn)
	return s.copyWith(conn, dest)
}

// copyWith runs writeCopy and words SQLite's errors.
func (s *Store) copyWith(conn *gorm.DB, dest string) error {
	err := writeCopy(conn, dest)
	var se sqlite3.Error
	if errors.As(err, &se) {
		return s.dbErr("copy the database to "+dest, err)
	}
	return err
}

// writeCopy writes a consistent copy of the database open on conn to dest,
// which must not exist (an error wrapping fs.ErrExist), creating its folder
// (0700) when missing. The copy is written (VACUUM INTO) into a locked
// temporary file beside dest, made 0600, synced, checked like a file being
// opened (see inspect) and only then given its name, which never replaces a
// file; the folder is synced. On error nothing is left behind; a copy cut
// short by a kill is left under its temporary name, which cleanTemps
// removes later.
func writeCopy(conn *gorm.DB, dest string) (err error) {
	dir := filepath.Dir(dest)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create folder for %s: %w", dest, err)
	}
	if _, err := os.Lstat(dest); err == nil {
		return fmt.Errorf("%s already exists; choose a new file name: %w", dest, fs.ErrExist)
	}
	cleanTemps(dir)
	t, err := newTemp(dir, "copy")
	if err != nil {
		return fmt.Errorf("create a file in %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			t.discard()
		} else {
			t.release()
		}
	}()
	if err := retryOnBusy(func() error { return conn.Exec("VACUUM INTO ?", t.path).Error }); err != nil {
		return err
	}
	if err := os.Chmod(t.path, 0o600); err != nil {
		return fmt.Errorf("restrict permissions of %s: %w", dest, err)
	}
	if err := syncFile(t.path); err != nil {
		return err
	}
	if _, err := inspect(t.path); err != nil {
		return fmt.Errorf("the copy for %s failed its check: %w", dest, err)
	}
	if err := placeNew(t.path, dest); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists; choose a new file name: %w", dest, fs.ErrExist)
		}
		return fmt.Errorf("name the copy %s: %w", dest, err)
	}
	syncDir(dir)
	return nil
}

// CheckCopy tells, without SQLite and without changing anything, whether
// the file at path is a complete devpath database that nothing is writing:
// it starts with SQLite's header and devpath's application id, its size is
// the one the header gives, and no journal or write-ahead log lies beside
// it. A copy cut short (by a kill or a full disk) fails. It reads only the
// first 100 bytes, so listing many large copies stays quick; restoring a
// copy checks it completely.
func CheckCopy(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	hdr := make([]byte, 100)
	if _, err := io.ReadFull(f, hdr); err != nil {
		return fmt.Errorf("%s: %w (the file is cut short)", path, tracker.ErrDamaged)
	}
	if !bytes.HasPrefix(hdr, []byte(sqliteMagic)) {
		return fmt.Errorf("%s: %w (it is not an SQLite database)", path, tracker.ErrNotDevpath)
	}
	if binary.BigEndian.Uint32(hdr[68:]) != applicationID {
		return fmt.Errorf("%s: %w (it has no devpath data)", path, tracker.ErrNotDevpath)
	}
	pageSize := int64(binary.BigEndian.Uint16(hdr[16:]))
	if pageSize == 1 {
		pageSize = 65536
	}
	pages := int64(binary.BigEndian.Uint32(hdr[28:]))
	// The page count is valid only when written by the same change as the
	// change counter (offset 24 and 92 agree).
	if binary.BigEndian.Uint32(hdr[24:]) == binary.BigEndian.Uint32(hdr[92:]) && pages*pageSize != fi.Size() {
		return fmt.Errorf("%s: %w (it is %d bytes, its header says %d)", path, tracker.ErrDamaged, fi.Size(), pages*pageSize)
	}
	for _, s := range []string{"-journal", "-wal"} {
		if _, err := os.Lstat(path + s); err == nil {
			return fmt.Errorf("%s: it is being written or was left unfinished (%s lies beside it)", path, filepath.Base(path+s))
		}
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
		return "", fmt.Errorf("automatic backup of %s: %w", s.path, tracker.ErrReadOnly)
	}
	dir := BackupDir(s.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("automatic backup: create %s: %w", dir, err)
	}
	day := s.today().Format(tracker.DateLayout)
	name := filepath.Join(dir, "devpath-"+day+".db")
	made := ""
	if _, err := os.Stat(name); errors.Is(err, fs.ErrNotExist) {
		switch err := s.copyWith(s.db, name); {
		case err == nil:
			made = name
		case errors.Is(err, fs.ErrExist):
			// Another devpath made today's copy meanwhile.
		default:
			return "", fmt.Errorf("automatic backup: %w", err)
		}
	} else if err != nil {
		return "", fmt.Errorf("automatic backup: %w", err)
	}
	if err := pruneBackups(dir, day, keep); err != nil {
		return made, err
	}
	return made, nil
}

// pruneBackups deletes the automatic backups beyond the newest keep, and
// copies left half-written under their old temporary names
// (devpath-DAY.db.tmp-N) by an interrupted backup of an earlier devpath on
// another day.
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
