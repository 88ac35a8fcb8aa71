package backup

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"path/filepath"
	"strconv"
	"time"

	"devpath/roadmap/safefile"
	"devpath/tracker"
)

// RowLimit is the most bytes one entry state, piece of evidence or event
// may take in a backup read by ScanFile: 1 MiB, several times the largest
// the checks let through (an event whose old and new values are both notes
// of MaxNoteLen characters, escaped).
const RowLimit = 1 << 20

// stream is where a streamed backup's entries, evidence and change log
// are: its file, read again for an import, and what the first reading
// learnt of it.
type stream struct {
	path   string
	now    time.Time // the time the file was checked against
	digest []byte    // SHA-256 of the file's bytes when it was checked
	counts Counts
	// ids are the entry ids of the states and evidence (for Orphans).
	ids map[string]bool
	// log is the change log's index (ids, kinds, targets), sorted by id:
	// an import checks undos against it and numbers the log by it.
	log eventIndex
}

// ScanFile reads and checks the JSON backup in the file at path with
// every check of ReadFile, but keeps in memory only the small parts (the
// profile, the roadmap, the check-ins, the review and suggestion tables):
// its entry states, evidence and change log are checked a value at a time
// and left in the file, with an index of the log's ids, kinds and targets.
// An import reads them from the file again (Rows), so a backup of any
// length is imported in memory that does not grow with its change log.
// If the file changes between the two readings, the import is refused.
func ScanFile(path string) (Backup, error) {
	return scanFile(path, time.Now())
}

func scanFile(path string, now time.Time) (Backup, error) {
	st := &stream{path: path, now: now}
	rows := &rowReader{c: newChecker(now), st: st, scan: true}
	b, h, err := readFileWith(path, now, rows)
	if err != nil {
		return Backup{}, err
	}
	st.digest = h.Sum(nil)
	st.counts = Counts{Items: rows.nItems, Evidence: rows.nEvidence, Events: rows.nEvents}
	st.log = rows.c.log
	b.stream = st
	return b, nil
}

// readFileWith reads the backup file at path as ReadFile does, through
// rows, and returns it with the hash of its bytes.
func readFileWith(path string, now time.Time, rows *rowReader) (Backup, hash.Hash, error) {
	f, _, err := safefile.OpenRegular(path)
	if errors.Is(err, safefile.ErrNotRegular) {
		return Backup{}, nil, fmt.Errorf("%s: %w (%w)", path, tracker.ErrNotBackup, err)
	}
	if err != nil {
		return Backup{}, nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	h := sha256.New()
	b, err := readAt(io.TeeReader(f, h), DefaultLimit, now, rows)
	if err != nil {
		return Backup{}, nil, fmt.Errorf("%s: %w", path, oneLineError(err))
	}
	// What the decoder left unread (nothing but blank space) is hashed
	// too, so that the two readings hash the same bytes.
	if _, err := io.Copy(h, f); err != nil {
		return Backup{}, nil, fmt.Errorf("read %s: %w", path, err)
	}
	b.Source = filepath.Base(path)
	return b, h, nil
}

// Streamed reports whether the backup's entry states, evidence and change
// log are in its file rather than in memory (ScanFile): Items, Evidence
// and Events are then empty, and Rows reads them.
func (b Backup) Streamed() bool { return b.stream != nil }

// RowFuncs receive the rows of a streamed backup (Rows).
type RowFuncs struct {
	Item     func(tracker.ItemState) error
	Evidence func(tracker.Evidence) error
	// Event receives the change log, each event numbered afresh: its id
	// is its place in the log ordered by the file's ids, from 1, and an
	// undo names the new id of the event it undid.
	Event func(tracker.Event) error
}

// Rows reads a streamed backup's file again and gives each entry state,
// piece of evidence and event, checked and normalised as ScanFile checked
// them, to fn, in the file's order. It fails, with nothing more given,
// on the first error fn returns, and when the file is no longer the one
// ScanFile read (its bytes hash differently): a caller that writes the rows
// in one transaction and rolls it back on any error writes the file that
// was checked, or nothing.
func (b Backup) Rows(fn RowFuncs) error {
	st := b.stream
	if st == nil {
		return errors.New("the backup is not streamed from a file")
	}
	rows := &rowReader{c: newChecker(st.now), st: st, fn: fn}
	_, h, err := readFileWith(st.path, st.now, rows)
	changed := changedError(st.path)
	switch {
	case errors.Is(err, errChanged):
		return changed
	case err != nil:
		return err
	case string(h.Sum(nil)) != string(st.digest):
		return changed
	}
	return nil
}

// Load returns the streamed backup with everything in memory, read again
// from its file (for a merge, which compares every row with the
// database's); a backup in memory is returned as it is.
func (b Backup) Load() (Backup, error) {
	st := b.stream
	if st == nil {
		return b, nil
	}
	f, _, err := safefile.OpenRegular(st.path)
	if err != nil {
		return Backup{}, fmt.Errorf("open %s: %w", st.path, err)
	}
	defer f.Close()
	h := sha256.New()
	full, err := ReadAt(io.TeeReader(f, h), DefaultLimit, st.now)
	if err != nil {
		return Backup{}, fmt.Errorf("%s: %w", st.path, oneLineError(err))
	}
	if _, err := io.Copy(h, f); err != nil {
		return Backup{}, fmt.Errorf("read %s: %w", st.path, err)
	}
	if string(h.Sum(nil)) != string(st.digest) {
		return Backup{}, changedError(st.path)
	}
	full.Source = b.Source
	return full, nil
}

// changedError is the one error for a backup file that is no longer the
// one that was checked.
func changedError(path string) error {
	return &tracker.Error{Code: tracker.CodeFileChanged, Entry: path, Msg: "it changed while it was imported: import it again", Unchanged: true}
}

// errChanged: the second reading met what the first did not.
var errChanged = errors.New("the file changed")

// rowReader checks the entry states, evidence and events of a backup read
// a value at a time: on the first reading (scan) it indexes the log, on
// the second it hands each row, checked, to fn.
type rowReader struct {
	c    *checker
	st   *stream
	scan bool
	fn   RowFuncs

	nItems, nEvidence, nEvents int
	// undos are the undo events of the first reading: their values are
	// checked against the events they undid once the whole log is indexed.
	undos   []tracker.Event
	undoPos []int
}

func (r *rowReader) item(i int, it *tracker.ItemState) error {
	if err := r.c.item(i, it); err != nil {
		return err
	}
	if r.scan {
		r.noteID(it.ID)
		return nil
	}
	return r.fn.Item(*it)
}

func (r *rowReader) evidence(i int, e *tracker.Evidence) error {
	if err := r.c.evidence(i, e); err != nil {
		return err
	}
	if r.scan {
		r.noteID(e.ItemID)
		return nil
	}
	return r.fn.Evidence(*e)
}

func (r *rowReader) noteID(id string) {
	if r.st.ids == nil {
		r.st.ids = map[string]bool{}
	}
	r.st.ids[id] = true
}

func (r *rowReader) event(i int, e *tracker.Event) error {
	if r.scan {
		if err := r.c.eventHead(i, e); err != nil {
			return err
		}
		if e.Kind == tracker.EventUndo {
			// Checked at the end, when every event it may name is in.
			r.undos = append(r.undos, tracker.Event{ID: e.ID, Kind: e.Kind, Target: e.Target, Old: e.Old, New: e.New})
			r.undoPos = append(r.undoPos, i)
			return nil
		}
		return r.c.event(i, e)
	}
	// The second reading: the log's index is the first reading's.
	where := fmt.Sprintf("events[%d] (id %d)", i, e.ID)
	if err := r.c.instant(where, &e.At); err != nil {
		return fmt.Errorf("the backup is not valid: %w", err)
	}
	if err := checkEvent(e, &r.st.log, r.c.latest); err != nil {
		return fmt.Errorf("the backup is not valid: %s: %w", where, err)
	}
	n, ok := r.st.log.rank(e.ID)
	if !ok {
		return errChanged
	}
	if e.Kind == tracker.EventUndo {
		old, _ := strconv.ParseInt(e.Target, 10, 64)
		t, ok := r.st.log.rank(old)
		if !ok {
			return errChanged
		}
		e.Target = strconv.Itoa(t + 1)
	}
	e.ID = int64(n + 1)
	return r.fn.Event(*e)
}

// end finishes the first reading's log: ids used twice, then the undos.
func (r *rowReader) end() error {
	if !r.scan {
		if r.nItems != r.st.counts.Items || r.nEvidence != r.st.counts.Evidence || r.nEvents != r.st.counts.Events {
			return errChanged
		}
		return nil
	}
	if err := r.c.eventsDone(); err != nil {
		return err
	}
	for k := range r.undos {
		if err := r.c.event(r.undoPos[k], &r.undos[k]); err != nil {
			return err
		}
	}
	r.undos, r.undoPos = nil, nil
	return nil
}
