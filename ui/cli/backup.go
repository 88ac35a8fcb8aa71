package cli

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"devpath/tracker"
	"devpath/tracker/core"
)

func init() {
	register(&command{
		name:    "backup",
		section: sectionData,
		usage:   "backup [--out FILE]",
		summary: "copy the database now, to restore later with 'devpath restore'",
		help: `Writes a consistent copy of the database as it is now (safe while devpath
is open elsewhere) and prints where. Without --out the copy goes to the
backups folder beside the database, named after the date and time
(backups/devpath-YYYY-MM-DD-HHMMSS.db); these copies are never deleted by
devpath. --out FILE writes it elsewhere, for example to a USB stick; when
FILE is a folder the copy gets the usual name inside it. An existing file is
never overwritten.

The copy is a devpath database with permissions 0600 (only you can read
it), in a folder created 0700. devpath also keeps a copy of its own each
day you change something: 'devpath backups' lists them all.`,
		examples: []string{
			"devpath backup",
			"devpath backup --out /media/usb/devpath.db",
		},
		setup: func(fs *flag.FlagSet) runFunc {
			out := fs.String("out", "", "write the copy to `FILE` (or into that folder)")
			return func(c *ctx, args []string) error {
				if err := wantArgs(args); err != nil {
					return err
				}
				if isSet(fs, "out") && strings.TrimSpace(*out) == "" {
					return usagef("--out needs a file name")
				}
				return c.backup(*out)
			}
		},
	})
	register(&command{
		name:    "backups",
		section: sectionData,
		usage:   "backups",
		summary: "list the copies of the database devpath keeps, newest first",
		help: `Lists the copies of the database, newest first, with when each was written,
its size, what made it and where it is:

  daily           the automatic copy of a day you changed something
                  (backups/devpath-YYYY-MM-DD.db; the last ` + strconv.Itoa(tracker.AutoBackupKeep) + ` are kept)
  manual          made with 'devpath backup' (never deleted by devpath)
  before import   kept by 'devpath import' before it replaced everything
  before restore  kept by 'devpath restore': the database it replaced
  before upgrade  kept before a newer devpath upgraded the database

Only complete copies are listed: a copy cut short (devpath was killed or the
disk filled up while writing it) is not. It works even when the database
cannot be opened. Any of them can be put back with 'devpath restore FILE'.`,
		examples: []string{"devpath backups"},
		setup: func(fs *flag.FlagSet) runFunc {
			return func(c *ctx, args []string) error {
				if err := wantArgs(args); err != nil {
					return err
				}
				return c.listBackups()
			}
		},
	})
	register(&command{
		name:    "restore",
		section: sectionData,
		usage:   "restore FILE",
		summary: "replace the database with a backup (the current one is kept)",
		help: `Replaces the database with the devpath database FILE: one of the copies
'devpath backups' lists, or a copy made with 'devpath backup'. (A JSON
backup from 'devpath export --format json' is restored with
'devpath import'.)

FILE is checked first, without changing it: it must be a devpath database
that passes SQLite's integrity check and was not made by a newer devpath.
Then, in one step that other devpath processes wait for, the database as
it is now is kept beside itself as DATABASE.before-restore-YYYYMMDD-HHMMSS
and FILE is copied into it: every change saved before the restore is in
the kept copy, every change after it in the restored database. (A damaged
database is kept byte for byte, as it is, and replaced by the copy.) If
anything goes wrong, nothing is changed. A file that is not a devpath
database is never replaced. It works while devpath is open
elsewhere.`,
		examples: []string{
			"devpath restore ~/.local/share/devpath/backups/devpath-2025-06-14.db",
			"devpath --db work.db restore /media/usb/devpath.db",
		},
		setup: func(fs *flag.FlagSet) runFunc {
			return func(c *ctx, args []string) error {
				if err := wantArgs(args, "FILE"); err != nil {
					return err
				}
				if strings.TrimSpace(args[0]) == "" {
					return usagef("FILE needs a file name")
				}
				return c.restore(args[0])
			}
		},
	})
}

// backupStamp is the time format in the names of manual backups.
const backupStamp = "2006-01-02-150405"

// backup copies the database to out, or to a new file in the backups
// folder when out is empty, and says where.
func (c *ctx) backup(out string) error {
	path, err := c.dbPath()
	if err != nil {
		return err
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return failf("there is no database at %s yet, so there is nothing to back up", path)
	}
	name := "devpath-" + c.now().Format(backupStamp) + ".db"
	var dest string
	err = c.withStore(false, func(st *core.DB) error {
		dir, file := c.core.BackupDir(path), ""
		if out != "" {
			d, f, err := core.OutTarget(out)
			if err != nil {
				return outError(out, err)
			}
			target := d + f
			abs, err := filepath.Abs(target)
			if err != nil {
				return failf("--out %s: %s", out, oneLine(err.Error()))
			}
			if d != "" {
				dir = abs
			} else {
				file = abs
			}
		}
		if file != "" {
			if core.SameFile(file, path) {
				return failf("%s is the database itself; choose another file for --out", out)
			}
			dest = file
			return c.backupTo(st, dest)
		}
		// A new name in the folder: never overwrite an earlier copy, nor
		// one another devpath names in the same second.
		for i := 0; ; i++ {
			dest = filepath.Join(dir, name)
			if i > 0 {
				dest = filepath.Join(dir, fmt.Sprintf("%s-%d.db", strings.TrimSuffix(name, ".db"), i))
			}
			if _, err := os.Lstat(dest); err == nil && i < 99 {
				continue
			}
			if err := st.Backup(dest); !errors.Is(err, fs.ErrExist) || i == 99 {
				return backupFailure(dest, err)
			}
		}
	})
	if err != nil {
		return err
	}
	size := ""
	if fi, err := os.Stat(dest); err == nil {
		size = " (" + fileSize(fi.Size()) + ")"
	}
	fmt.Fprintf(c.stdout, "Backed up %s to %s%s.\n", path, dest, size)
	fmt.Fprintf(c.stdout, "To put it back: devpath restore %s\n", dest)
	return nil
}

// backupTo writes the copy, wording the errors a user can act on.
func (c *ctx) backupTo(st *core.DB, dest string) error {
	return backupFailure(dest, st.Backup(dest))
}

// backupFailure words an error of writing a copy to dest; nil stays nil.
func backupFailure(dest string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrExist):
		return failf("%s already exists; choose a new file name (a backup never overwrites a file)", dest)
	}
	return failf("could not back up the database to %s: %s", dest, oneLine(err.Error()))
}

// manualBackupName matches the names 'devpath backup' gives its copies.
var manualBackupName = regexp.MustCompile(`^devpath-\d{4}-\d{2}-\d{2}-\d{6}(-\d+)?\.db$`)

// backupFile is one copy of the database found on disk.
type backupFile struct {
	path, kind string
	size       int64
	when       time.Time
}

// findBackups lists the copies of the database at path devpath made:
// those in its backups folder and those kept beside it, newest first.
func (c *ctx) findBackups(path string) ([]backupFile, error) {
	daily, err := c.core.AutoBackups(path)
	if err != nil {
		return nil, err
	}
	kinds := map[string]string{}
	for _, p := range daily {
		kinds[p] = "daily"
	}
	dir := c.core.BackupDir(path)
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("list backups in %s: %w", dir, err)
	}
	for _, e := range entries {
		n := e.Name()
		p := filepath.Join(dir, n)
		switch {
		case kinds[p] != "", !strings.HasPrefix(n, "devpath-"), !strings.HasSuffix(n, ".db"):
		case manualBackupName.MatchString(n):
			kinds[p] = "manual"
		case strings.HasPrefix(n, "devpath-before-import-"):
			kinds[p] = "before import"
		default:
			kinds[p] = "copy"
		}
	}
	for pattern, kind := range map[string]string{".before-restore-*": "before restore", ".pre-v*.bak": "before upgrade"} {
		matches, err := filepath.Glob(path + pattern)
		if err != nil {
			return nil, fmt.Errorf("list backups beside %s: %w", path, err)
		}
		for _, m := range matches {
			if !strings.HasSuffix(m, "-wal") && !strings.HasSuffix(m, "-shm") && !strings.HasSuffix(m, "-journal") {
				kinds[m] = kind
			}
		}
	}
	var list []backupFile
	for p, kind := range kinds {
		fi, err := os.Stat(p)
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		// Only sound copies are offered. A copy cut short by a devpath
		// that was killed is not; a damaged database kept byte for byte
		// by a restore is shown for what it is. A copy this user may not
		// read is listed as it is: whether it is sound cannot be told.
		if err := c.core.CheckCopy(p); err != nil && !errors.Is(err, fs.ErrPermission) {
			if kind != "before restore" {
				continue
			}
			kind = "before restore, damaged"
		}
		list = append(list, backupFile{path: p, kind: kind, size: fi.Size(), when: fi.ModTime()})
	}
	sort.Slice(list, func(i, j int) bool {
		if !list[i].when.Equal(list[j].when) {
			return list[i].when.After(list[j].when)
		}
		return list[i].path > list[j].path
	})
	return list, nil
}

// listBackups prints the copies of the database, newest first.
func (c *ctx) listBackups() error {
	path, err := c.dbPath()
	if err != nil {
		return err
	}
	list, err := c.findBackups(path)
	if err != nil {
		return failf("%s", oneLine(err.Error()))
	}
	if len(list) == 0 {
		fmt.Fprintf(c.stdout, "There are no backups of %s yet.\n", path)
		fmt.Fprintf(c.stdout, "'devpath backup' makes one now; devpath also keeps a copy of its own each day you change something (the last %d days).\n", tracker.AutoBackupKeep)
		return nil
	}
	fmt.Fprintf(c.stdout, "Backups of %s, newest first:\n", path)
	tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	loc := c.now().Location()
	for _, b := range list {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", b.when.In(loc).Format("2006-01-02 15:04"), fileSize(b.size), b.kind, b.path)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, "Put one back with 'devpath restore FILE'.")
	return nil
}

// restore replaces the database with the backup file and describes what it
// now holds.
func (c *ctx) restore(file string) error {
	path, err := c.dbPath()
	if err != nil {
		return err
	}
	// The file is about to be replaced: nothing of this command may hold
	// it open.
	if err := c.closeStore(); err != nil {
		return err
	}
	kept, err := c.core.Restore(file)
	if err != nil {
		return restoreFailure(err)
	}
	fmt.Fprintf(c.stdout, "Restored %s into %s.\n", file, path)
	if kept != "" {
		fmt.Fprintf(c.stdout, "The database as it was before is kept in %s.\n", kept)
	} else {
		fmt.Fprintln(c.stdout, "There was no database there before.")
	}
	err = c.withStore(false, func(st *core.DB) error {
		p, has, err := savedProgress(st)
		if err != nil {
			return err
		}
		ev, err := st.Evidence("")
		if err != nil {
			return err
		}
		cis, err := st.CheckIns()
		if err != nil {
			return err
		}
		touched := 0
		for _, s := range p.Items {
			if s.Level > tracker.NotStarted || s.Skipped {
				touched++
			}
		}
		stage := "no profile yet"
		if has {
			title := p.Profile.Stage
			if rm, err := c.roadmap(); err == nil {
				title = stageTitle(rm, p.Profile.Stage)
			}
			stage = "stage " + title
		}
		fmt.Fprintf(c.stdout, "It holds: %s, %s with progress, %s, %s.\n", stage,
			plural(touched, "entry"), plural(len(ev), "evidence note"), plural(len(cis), "check-in"))
		return nil
	})
	if err != nil {
		var f *failure
		if errors.As(err, &f) {
			f.lines[0] = "the backup was restored, but " + f.lines[0]
		}
		return err
	}
	return nil
}

// restoreFailure words an error of a restore, which changed nothing (the
// store's error says so). A backup that cannot be used points to the
// copies devpath keeps; a database that is not devpath's does not.
func restoreFailure(err error) error {
	msg := "cannot " + oneLine(err.Error())
	if code := tracker.ErrorCode(err); code == tracker.CodeDamaged || code == tracker.CodeNotDevpath {
		msg += "; 'devpath backups' lists the copies devpath keeps"
	}
	return failf("%s", msg)
}

// fileSize writes a file size for people: "812 bytes", "48 KB", "1.5 MB".
func fileSize(n int64) string {
	switch {
	case n < 1024:
		return plural(int(n), "byte")
	case n < 1<<20:
		return fmt.Sprintf("%d KB", (n+512)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}
