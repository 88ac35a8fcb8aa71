package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"gorm.io/gorm"

	"devpath/roadmap/safefile"
	"devpath/tracker"
	"devpath/tracker/backup"
)

// firstMissing returns the outermost folder of dir's path that does not
// exist yet, or "" when dir exists.
func firstMissing(dir string) string {
	top := ""
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil {
			return top
		}
		top = d
		if filepath.Dir(d) == d {
			return top
		}
	}
}

// isSideFile reports whether path is one of db's SQLite side files.
func isSideFile(path, db string) bool {
	for _, s := range sideSuffixes {
		if path == db+s {
			return true
		}
	}
	return false
}

// currentDB is what Restore found at the database path.
type currentDB struct {
	exists  bool
	healthy bool // a devpath (or empty) database that passed the checks
}

// examineCurrent looks at the file a restore would replace, without
// changing it, and refuses files that must not be replaced.
func examineCurrent(db string) (currentDB, error) {
	fi, err := os.Lstat(db)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return currentDB{}, nil
	case err != nil:
		return currentDB{}, fmt.Errorf("%s: %w", db, err)
	case !fi.Mode().IsRegular():
		return currentDB{}, fmt.Errorf("%s: %w (it is not a regular file)", db, tracker.ErrNotDevpath)
	}
	if !fileWritable(db) || !dirWritable(filepath.Dir(db)) {
		return currentDB{}, fmt.Errorf("%s: %w", db, tracker.ErrReadOnly)
	}
	fresh, err := readHeader(db)
	if err == nil && !fresh {
		_, err = inspect(db)
	}
	switch {
	case err == nil:
		return currentDB{exists: true, healthy: true}, nil
	case errors.Is(err, tracker.ErrNotDevpath):
		return currentDB{}, &tracker.Error{Code: tracker.CodeNotOurDatabase, Err: err, Msg: "a restore only replaces a devpath database: move the file away or choose another --db"}
	}
	// Damaged, made by a newer devpath, or unreadable: kept as it is.
	return currentDB{exists: true}, nil
}

// buildDatabase makes a new devpath database in a new locked temporary
// file in dir (mode 0600; see newTemp) with devpath's own schema, made by
// its migrations, writes b (the rows of the copy src) into it as an import
// does, syncs it and checks it. On error nothing is left behind.
func buildDatabase(b backup.Backup, src, dir string, now time.Time) (tmp *tempFile, err error) {
	tmp, err = newTemp(dir, "restore")
	if err != nil {
		return nil, restoreFSError("create a file in "+dir, err)
	}
	defer func() {
		if err != nil {
			tmp.discard()
		}
	}()
	st, err := OpenWith(tmp.path, Options{Now: func() time.Time { return now }})
	if err != nil {
		return nil, fmt.Errorf("create a database in %s: %w", dir, err)
	}
	err = st.write("", func(tx *gorm.DB, now time.Time) error {
		var r tracker.ImportReport
		return st.replaceWith(tx, b, now, &r)
	})
	if cerr := st.Close(); err == nil && cerr != nil {
		err = restoreDBError("close "+tmp.path, cerr)
	}
	if err != nil {
		return nil, fmt.Errorf("copy %s into %s: %w", src, dir, err)
	}
	if err := os.Chmod(tmp.path, 0o600); err != nil {
		return nil, fmt.Errorf("restrict permissions of %s: %w", tmp.path, err)
	}
	if err := syncFile(tmp.path); err != nil {
		return nil, err
	}
	if _, err := inspect(tmp.path); err != nil {
		return nil, fmt.Errorf("the copy of %s failed its check: %w", src, err)
	}
	return tmp, nil
}

// keepCurrent copies the damaged database at db, which is about to be
// replaced, beside itself byte for byte, with its side files, and returns
// the copy's path and every file it wrote.
func keepCurrent(db string, now time.Time) (kept string, made []string, err error) {
	defer func() {
		if err != nil {
			for _, f := range made {
				_ = os.Remove(f)
			}
			made = nil
		}
	}()
	base := fmt.Sprintf("%s.before-restore-%s", db, now.Format("20060102-150405"))
	for i := 0; ; i++ {
		kept = base
		if i > 0 {
			kept = fmt.Sprintf("%s-%d", base, i)
		}
		err = copyNew(db, kept)
		if !errors.Is(err, fs.ErrExist) || i == 99 {
			break
		}
	}
	if err != nil {
		return "", nil, fmt.Errorf("keep a copy of %s: %w", db, err)
	}
	made = append(made, kept)
	for _, s := range []string{"-wal", "-journal"} {
		if _, serr := os.Lstat(db + s); serr != nil {
			continue
		}
		if err = copyNew(db+s, kept+s); err != nil {
			return "", nil, fmt.Errorf("keep a copy of %s: %w", db+s, err)
		}
		made = append(made, kept+s)
	}
	return kept, made, nil
}

// copyNew copies the file src to dest, which must not exist, with mode 0600,
// and syncs it. A failed copy is removed.
func copyNew(src, dest string) (err error) {
	in, _, err := safefile.OpenRegular(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := out.Close(); cerr != nil && err == nil {
			err = cerr
		}
		if err != nil {
			_ = os.Remove(dest)
		}
	}()
	if err := out.Chmod(0o600); err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		return err
	}
	return out.Sync()
}

// replaceDatabase moves db's side files out of the way and renames tmp over
// db. If the rename fails, the side files are put back.
func replaceDatabase(tmp, db string) error {
	type moved struct{ from, to string }
	var aside []moved
	putBack := func() {
		for _, m := range aside {
			_ = os.Rename(m.to, m.from)
		}
	}
	for _, s := range sideSuffixes {
		from := db + s
		if _, err := os.Lstat(from); err != nil {
			continue
		}
		to := tmp + ".old" + s
		if err := os.Rename(from, to); err != nil {
			putBack()
			return restoreFSError("move "+from+" out of the way", err)
		}
		aside = append(aside, moved{from, to})
	}
	if err := os.Rename(tmp, db); err != nil {
		putBack()
		return restoreFSError("replace "+db, err)
	}
	// The database is restored; what was moved aside is stale.
	for _, m := range aside {
		_ = os.Remove(m.to)
	}
	return nil
}

// restoreFSError words a file system error of a restore; nothing was
// changed when it is returned.
func restoreFSError(op string, err error) error {
	if isPermission(err) {
		return fmt.Errorf("%s: %w (%v)", op, tracker.ErrReadOnly, err)
	}
	return fmt.Errorf("%s: %w", op, err)
}
