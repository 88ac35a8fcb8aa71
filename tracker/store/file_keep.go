package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"gorm.io/gorm"
)

// KeepCopy copies the database into its backups folder (see BackupDir) as
// devpath-<label>-YYYYMMDD-HHMMSS.db, mode 0600, and returns the copy's
// path. Automatic backup rotation leaves these copies alone. (A replacing
// Import keeps its own copy, under its write lock; see ImportReport.Kept.)
func (s *Store) KeepCopy(label string) (string, error) {
	return s.keepCopy(label, s.Backup)
}

// keepCopy finds a new name for a labelled copy in the backups folder and
// writes the copy there with write.
func (s *Store) keepCopy(label string, write func(dest string) error) (string, error) {
	dir := BackupDir(s.path)
	stamp := s.now().Format("20060102-150405")
	for i := 0; i < 100; i++ {
		name := fmt.Sprintf("devpath-%s-%s.db", label, stamp)
		if i > 0 {
			name = fmt.Sprintf("devpath-%s-%s-%d.db", label, stamp, i)
		}
		dest := filepath.Join(dir, name)
		if _, err := os.Lstat(dest); err == nil {
			continue
		}
		err := write(dest)
		if errors.Is(err, fs.ErrExist) {
			continue // another devpath took the name meanwhile
		}
		if err != nil {
			return "", err
		}
		return dest, nil
	}
	return "", fmt.Errorf("keep a copy of %s: too many copies named devpath-%s-%s* in %s", s.path, label, stamp, dir)
}

// keepBeforeReplace keeps a copy of the database in the backups folder, as
// devpath-<label>-YYYYMMDD-HHMMSS.db, from inside the write transaction tx
// of an operation that is about to replace everything: the copy holds
// every change saved before the transaction began, and no change can come
// between the copy and the replacement. A database that holds nothing is
// not copied ("" is returned).
func (s *Store) keepBeforeReplace(tx *gorm.DB, label string) (string, error) {
	var n int64
	if err := tx.Raw(`SELECT (SELECT count(*) FROM profile) + (SELECT count(*) FROM progress) + (SELECT count(*) FROM evidence)
	+ (SELECT count(*) FROM events) + (SELECT count(*) FROM checkins) + (SELECT count(*) FROM roadmap_choice)`).Row().Scan(&n); err != nil {
		return "", err
	}
	if n == 0 {
		return "", nil
	}
	kept, err := s.keepCopy(label, s.copyLocked)
	if err != nil {
		return "", fmt.Errorf("keep a copy of the database first: %w", err)
	}
	return kept, nil
}
