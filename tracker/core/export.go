package core

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/backup"
	"devpath/tracker/report"
)

// ExportRequest says which export to make.
type ExportRequest struct {
	// Format is a report format's name (md, html, pdf, csv) or "json" for
	// the backup.
	Format string
	// Case asks for the promotion case instead of the summary (md, html
	// and pdf).
	Case bool
	// Since starts the summary's period of changes (zero: everything).
	Since time.Time
	// Roadmap is the roadmap the summary is made against.
	Roadmap *roadmap.Roadmap
}

// Export is an export ready to write: what it is, in words ("Markdown
// summary", "backup"), and the writer of its bytes.
type Export struct {
	What  string
	Write func(w io.Writer) error
}

// Bytes renders the export whole.
func (e Export) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	if err := e.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ErrUnknownFormat: the export names no format devpath writes.
var ErrUnknownFormat = &tracker.Error{Code: tracker.CodeUnknownFormat, Msg: "unknown export format"}

// PrepareExport reads what the export needs from the database and returns
// it ready to write. The window and the command line both export through
// it, so every format, the backup and the promotion case are assembled in
// this one place.
func (db *DB) PrepareExport(req ExportRequest) (Export, error) {
	if req.Format == "json" {
		b, err := db.Store.Export()
		if err != nil {
			return Export{}, err
		}
		return Export{What: "backup", Write: func(w io.Writer) error { return backup.Write(w, b) }}, nil
	}
	f, ok := report.FormatNamed(req.Format)
	if !ok {
		return Export{}, fmt.Errorf("%w: %q", ErrUnknownFormat, req.Format)
	}
	rm := req.Roadmap
	if rm == nil {
		rm = roadmap.Default()
	}
	d, err := report.Collect(db.Store, rm, db.core.now(), req.Since)
	if err != nil {
		return Export{}, err
	}
	if req.Case {
		write, ok := report.CaseFormats[f.Name]
		if !ok {
			return Export{}, fmt.Errorf("%w: no promotion case as %s", ErrUnknownFormat, f.Title)
		}
		return Export{What: f.Title + " promotion case", Write: func(w io.Writer) error { return write(w, d) }}, nil
	}
	return Export{What: f.Title + " summary", Write: func(w io.Writer) error { return f.Write(w, d) }}, nil
}

// ErrIsDatabase: an export or a backup was to be written over the database
// itself.
var ErrIsDatabase = &tracker.Error{Code: tracker.CodeIsDatabase, Msg: "that is the database itself; choose another file"}

// IsDatabase reports whether path names this database's file or one of
// SQLite's side files beside it (the same file by another name too).
func (db *DB) IsDatabase(path string) bool { return SameFile(path, db.Path()) }

// SameFile reports whether a names the database file b or one of its side
// files, or the same file as b by another name.
func SameFile(a, b string) bool {
	abs, err := filepath.Abs(a)
	if err != nil {
		return false
	}
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		if abs == b+suffix {
			return true
		}
	}
	ai, err := os.Stat(a)
	if err != nil {
		return false
	}
	bi, err := os.Stat(b)
	return err == nil && os.SameFile(ai, bi)
}

// SaveExport writes the export to the file at path (see Core.SaveFile),
// refusing the database itself.
func (db *DB) SaveExport(path string, e Export) error {
	if db.IsDatabase(path) {
		return fmt.Errorf("%s: %w", path, ErrIsDatabase)
	}
	return db.core.SaveFile(path, e.Write)
}
