package tracker

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"devpath/roadmap"
	"devpath/tracker/safefile"
)

// BackupFormat is the value of a backup's "format" field.
const BackupFormat = "devpath-backup"

// BackupVersion is the version of the backup format this build writes and
// the newest it reads. Version 2 added the roadmap the database uses
// ("roadmap") and the roadmap each check-in was made under; version 1
// backups, which have neither, still read: they mean the embedded roadmap.
const BackupVersion = 2

// DefaultBackupLimit is the most bytes one value of a backup (the profile,
// one entry, one evidence note, one event, one check-in) may take when
// ReadBackup is given no limit: 64 MiB, hundreds of times what the checks on
// input let a value grow to. The file as a whole has no limit, so that every
// backup Export wrote, however long the history, can be imported again.
const DefaultBackupLimit = 64 << 20

// ErrNotBackup: the file is not a devpath backup (another program's JSON, or
// not JSON at all).
var ErrNotBackup = errors.New("not a devpath backup")

// Backup is everything in the database, as the JSON backup holds it:
// profile, entry states, evidence, the event log and check-ins.
type Backup struct {
	// Format is always BackupFormat.
	Format string `json:"format"`
	// Version is the backup format version (BackupVersion).
	Version int `json:"version"`
	// ExportedAt is when the backup was made.
	ExportedAt time.Time `json:"exported_at"`
	// Profile is the user's profile; its Stage is empty when the user had
	// not saved one yet.
	Profile Profile `json:"profile"`
	// Items are the states of every entry ever touched, by id.
	Items []ItemState `json:"items"`
	// Evidence is every evidence entry, by id.
	Evidence []Evidence `json:"evidence"`
	// Events is the whole change log, by id.
	Events []Event `json:"events"`
	// CheckIns are all check-ins, by id.
	CheckIns []CheckIn `json:"checkins"`
	// Roadmap is the roadmap the database tracks against; nil (null in
	// the file, or absent) means the embedded one.
	Roadmap *BackupRoadmap `json:"roadmap"`
	// Source names where the backup was read from (a file name); it is not
	// part of the file and is recorded in the import event of a merge.
	Source string `json:"-"`
}

// BackupCounts says how much a backup or a database holds.
type BackupCounts struct {
	Profile  bool // a profile was saved
	Items    int
	Evidence int
	Events   int
	CheckIns int
}

// String writes the counts in words: "12 entries, 3 evidence notes, 40
// changes in the log, 2 check-ins".
func (c BackupCounts) String() string {
	return fmt.Sprintf("%s, %s, %s, %s",
		countWords(c.Items, "entry", "entries"), countWords(c.Evidence, "evidence note", "evidence notes"),
		countWords(c.Events, "change in the log", "changes in the log"), countWords(c.CheckIns, "check-in", "check-ins"))
}

func countWords(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// Counts returns how much the backup holds.
func (b Backup) Counts() BackupCounts {
	return BackupCounts{
		Profile: b.Profile.Stage != "", Items: len(b.Items), Evidence: len(b.Evidence),
		Events: len(b.Events), CheckIns: len(b.CheckIns),
	}
}

// Counts returns how much the database holds, to tell the user what an
// import would replace.
func (s *Store) Counts() (BackupCounts, error) {
	var c BackupCounts
	err := s.read("count the saved progress", func(db *gorm.DB) error {
		var n [5]int64
		for i, table := range []string{"profile", "progress", "evidence", "events", "checkins"} {
			if err := db.Raw("SELECT count(*) FROM " + table).Row().Scan(&n[i]); err != nil {
				return err
			}
		}
		c = BackupCounts{Profile: n[0] > 0, Items: int(n[1]), Evidence: int(n[2]), Events: int(n[3]), CheckIns: int(n[4])}
		return nil
	})
	return c, err
}

// Export returns everything in the database as a Backup, read in one
// transaction so that it is consistent. Lists are ordered by id.
func (s *Store) Export() (Backup, error) {
	const op = "export the database"
	b := Backup{Format: BackupFormat, Version: BackupVersion, ExportedAt: s.now().UTC()}
	err := s.read(op, func(db *gorm.DB) error {
		return db.Transaction(func(tx *gorm.DB) error {
			var err error
			b, err = s.snapshot(tx, b)
			return err
		})
	})
	if err != nil {
		return Backup{}, err
	}
	return b, nil
}

// snapshot reads every table into b.
func (s *Store) snapshot(tx *gorm.DB, b Backup) (Backup, error) {
	row, found, err := s.loadProfile(tx)
	if err != nil {
		return b, err
	}
	b.Profile = Profile{}
	if found {
		if b.Profile, err = row.profile(); err != nil {
			return b, fmt.Errorf("profile: %w", err)
		}
	}
	items, err := loadItems(tx)
	if err != nil {
		return b, err
	}
	b.Items = make([]ItemState, 0, len(items))
	for _, st := range items {
		b.Items = append(b.Items, st)
	}
	sort.Slice(b.Items, func(i, j int) bool { return b.Items[i].ID < b.Items[j].ID })

	var ev []evidenceRow
	if err := tx.Raw("SELECT id, item_id, note, link, date, created_at, updated_at FROM evidence ORDER BY id").Scan(&ev).Error; err != nil {
		return b, err
	}
	b.Evidence = make([]Evidence, 0, len(ev))
	for _, r := range ev {
		e, err := r.evidence()
		if err != nil {
			return b, fmt.Errorf("evidence %d: %w", r.ID, err)
		}
		b.Evidence = append(b.Evidence, e)
	}

	var evs []eventRow
	if err := tx.Raw("SELECT id, at, kind, target, old, new FROM events ORDER BY id").Scan(&evs).Error; err != nil {
		return b, err
	}
	b.Events = make([]Event, 0, len(evs))
	for _, r := range evs {
		e, err := r.event()
		if err != nil {
			return b, err
		}
		b.Events = append(b.Events, e)
	}

	cols, err := checkinColumns(tx)
	if err != nil {
		return b, err
	}
	var cs []checkinRow
	if err := tx.Raw("SELECT " + cols + " FROM checkins ORDER BY id").Scan(&cs).Error; err != nil {
		return b, err
	}
	b.CheckIns = make([]CheckIn, 0, len(cs))
	for _, r := range cs {
		c, err := r.checkIn()
		if err != nil {
			return b, err
		}
		b.CheckIns = append(b.CheckIns, c)
	}
	choice, err := loadChoice(tx)
	if err != nil {
		return b, err
	}
	b.Roadmap = backupRoadmap(choice)
	return b, nil
}

// ReadBackup reads and checks a JSON backup. It decodes the file as a
// stream, one value at a time, so the file as a whole may be any size (every
// backup Export wrote reads back) while no single value may take more than
// limit bytes (DefaultBackupLimit when limit <= 0). It refuses, each with a
// one-line error: a value over the limit, a file that is not complete JSON,
// another program's JSON (error wrapping ErrNotBackup), a backup made by a
// newer devpath, unknown keys, unknown kinds of events, invalid levels,
// dates, links and texts (in the change log's old and new values too, with
// the checks of a live edit), and duplicate ids. Nothing is written
// anywhere.
func ReadBackup(r io.Reader, limit int64) (Backup, error) {
	b, err := readBackup(r, limit, time.Now())
	return b, oneLineError(err)
}

// lineError is an error whose message was folded onto one line; it still
// unwraps to the original.
type lineError struct {
	msg string
	err error
}

func (e *lineError) Error() string { return e.msg }
func (e *lineError) Unwrap() error { return e.err }

// oneLineError folds err's message onto one line: a backup's values end up
// in messages, and a message must never spill over several lines.
func oneLineError(err error) error {
	if err == nil || !strings.ContainsAny(err.Error(), "\r\n") {
		return err
	}
	return &lineError{msg: strings.Join(strings.Fields(err.Error()), " "), err: err}
}

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

// WriteBackup writes the backup as indented JSON.
func WriteBackup(w io.Writer, b Backup) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b); err != nil {
		return fmt.Errorf("write the backup: %w", err)
	}
	return nil
}

// SaveFile writes a file that holds the user's data (a backup or an
// export) safely: into a temporary file beside path with mode 0600, synced
// to disk, then renamed over path, so that path holds either its old content
// or the whole new one, never a part. write produces the content.
//
// A path that is (or links to) a named pipe, a device, a socket or a folder
// is refused before anything is written: the rename would put a regular
// file in the place of /dev/null or of a pipe another program reads.
func SaveFile(path string, write func(w io.Writer) error) (err error) {
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		return fmt.Errorf("write %s: it is %s, not a regular file; choose a file name", path, safefile.KindOf(fi))
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	if err := f.Chmod(0o600); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// decodeError words an error from the strict decoding of the value of the
// backup's key (or "" at the top level).
func decodeError(key string, err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		where := te.Field
		switch {
		case key != "" && where != "":
			where = key + "." + where
		case key != "":
			where = key
		case where == "":
			where = "the top level"
		}
		return fmt.Errorf("the backup has a %s where %s needs a %s", te.Value, where, jsonTypeName(te.Type.String()))
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if f, ok := strings.CutPrefix(msg, "unknown field "); ok {
		return fmt.Errorf("the backup has an unknown key %s (made by another program, or edited by hand?)", f)
	}
	if rest, ok := strings.CutPrefix(msg, "parsing time "); ok {
		value, _, _ := strings.Cut(rest, " as ")
		return fmt.Errorf("the backup has a date or time that is not valid: %.60s (use RFC 3339, e.g. 2024-05-01T00:00:00Z)", value)
	}
	if strings.Contains(msg, "Time.UnmarshalJSON") {
		return fmt.Errorf("the backup has a date or time that is not valid (use RFC 3339, e.g. 2024-05-01T00:00:00Z): %s", msg)
	}
	return fmt.Errorf("the backup is not valid: %s", msg)
}

func jsonTypeName(goType string) string {
	switch {
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "float"), strings.HasSuffix(goType, "Level"):
		return "number"
	case goType == "string":
		return "text"
	case goType == "bool":
		return "true or false"
	case strings.HasPrefix(goType, "[]"):
		return "list"
	case strings.HasPrefix(goType, "map["):
		return "object"
	case goType == "time.Time":
		return "date"
	case strings.HasPrefix(goType, "tracker."):
		return "object"
	}
	return "value of another kind"
}

func byteSize(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	if n >= 1<<10 && n%(1<<10) == 0 {
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// clockSlack is how far in the future a date in a backup may lie: the
// machine that made it may be in another time zone, or its clock a little
// ahead.
const clockSlack = 48 * time.Hour

// check validates the whole backup and normalises its calendar days to
// midnight UTC. It reports the first problem, naming where it is.
func (b *Backup) check(now time.Time) error {
	if b.Format != BackupFormat {
		return fmt.Errorf("%w: its format is %.40q, not %q", ErrNotBackup, b.Format, BackupFormat)
	}
	if b.Version < 1 {
		return fmt.Errorf("the backup's format version %d is not valid", b.Version)
	}
	if b.Version > BackupVersion {
		return fmt.Errorf("the backup was made by a newer devpath (format version %d; this devpath reads up to %d): update devpath to import it", b.Version, BackupVersion)
	}
	latest := now.Add(clockSlack)
	day := func(where string, t *time.Time, required bool) error {
		if t.IsZero() {
			if required {
				return fmt.Errorf("%s: no date", where)
			}
			return nil
		}
		d := dayOf(*t)
		if d.Year() < 1900 {
			return fmt.Errorf("%s: date %s is too far in the past", where, d.Format(dateLayout))
		}
		if d.After(latest) {
			return fmt.Errorf("%s: date %s is in the future", where, d.Format(dateLayout))
		}
		*t = d
		return nil
	}
	instant := func(where string, t *time.Time) error {
		if t.IsZero() {
			return fmt.Errorf("%s: no time", where)
		}
		if t.Year() < 1900 {
			return fmt.Errorf("%s: time %s is too far in the past", where, t.Format(time.RFC3339))
		}
		if t.After(latest) {
			return fmt.Errorf("%s: time %s is in the future", where, t.Format(time.RFC3339))
		}
		*t = t.UTC()
		return nil
	}
	if err := instant("exported_at", &b.ExportedAt); err != nil {
		return fmt.Errorf("the backup is not valid: %w", err)
	}
	if err := b.checkProfile(day, latest); err != nil {
		return fmt.Errorf("the backup is not valid: profile: %w", err)
	}
	if err := b.checkRoadmap(instant); err != nil {
		return fmt.Errorf("the backup is not valid: roadmap: %w", err)
	}

	items := map[string]bool{}
	for i := range b.Items {
		it := &b.Items[i]
		where := fmt.Sprintf("items[%d]", i)
		if err := validateItemID(it.ID); err != nil {
			return fmt.Errorf("the backup is not valid: %s: %w", where, err)
		}
		where = fmt.Sprintf("items[%d] (%s)", i, it.ID)
		if items[it.ID] {
			return fmt.Errorf("the backup is not valid: %s: the entry is listed twice", where)
		}
		items[it.ID] = true
		if err := checkState(it); err != nil {
			return fmt.Errorf("the backup is not valid: %s: %w", where, err)
		}
		if err := day(where, &it.Date, false); err != nil {
			return fmt.Errorf("the backup is not valid: %w", err)
		}
		if err := instant(where+" updated_at", &it.UpdatedAt); err != nil {
			return fmt.Errorf("the backup is not valid: %w", err)
		}
	}

	evidence := map[int64]bool{}
	for i := range b.Evidence {
		e := &b.Evidence[i]
		where := fmt.Sprintf("evidence[%d] (id %d)", i, e.ID)
		if err := checkEvidence(e, evidence, latest); err != nil {
			return fmt.Errorf("the backup is not valid: %s: %w", where, err)
		}
		if err := day(where, &e.Date, true); err != nil {
			return fmt.Errorf("the backup is not valid: %w", err)
		}
		if err := instant(where+" created_at", &e.CreatedAt); err != nil {
			return fmt.Errorf("the backup is not valid: %w", err)
		}
		if err := instant(where+" updated_at", &e.UpdatedAt); err != nil {
			return fmt.Errorf("the backup is not valid: %w", err)
		}
	}

	events := make(map[int64]*Event, len(b.Events))
	for i := range b.Events {
		e := &b.Events[i]
		where := fmt.Sprintf("events[%d] (id %d)", i, e.ID)
		if e.ID <= 0 {
			return fmt.Errorf("the backup is not valid: %s: the id must be a positive number", where)
		}
		if events[e.ID] != nil {
			return fmt.Errorf("the backup is not valid: %s: the id is used twice", where)
		}
		events[e.ID] = e
		if err := instant(where, &e.At); err != nil {
			return fmt.Errorf("the backup is not valid: %w", err)
		}
	}
	for i := range b.Events {
		e := &b.Events[i]
		if err := checkEvent(e, events, latest); err != nil {
			return fmt.Errorf("the backup is not valid: events[%d] (id %d): %w", i, e.ID, err)
		}
	}

	checkIns := map[int64]bool{}
	for i := range b.CheckIns {
		c := &b.CheckIns[i]
		where := fmt.Sprintf("checkins[%d] (id %d)", i, c.ID)
		if err := checkCheckIn(c, checkIns); err != nil {
			return fmt.Errorf("the backup is not valid: %s: %w", where, err)
		}
		if err := instant(where, &c.At); err != nil {
			return fmt.Errorf("the backup is not valid: %w", err)
		}
		for id, st := range c.Items {
			if err := day(fmt.Sprintf("%s entry %s", where, id), &st.Date, false); err != nil {
				return fmt.Errorf("the backup is not valid: %w", err)
			}
			if !st.UpdatedAt.IsZero() {
				if err := instant(fmt.Sprintf("%s entry %s updated_at", where, id), &st.UpdatedAt); err != nil {
					return fmt.Errorf("the backup is not valid: %w", err)
				}
			}
			c.Items[id] = st
		}
	}
	return nil
}

// checkProfile validates the backup's profile with the checks of a live
// edit (checkProfileValue). An empty stage means no profile was saved; then
// every other field must be empty too.
func (b *Backup) checkProfile(day func(string, *time.Time, bool) error, latest time.Time) error {
	p := &b.Profile
	if p.Stage == "" {
		if *p != (Profile{}) {
			return errors.New("no stage given")
		}
		return nil
	}
	row := rowOf(*p)
	for _, f := range profileFields {
		if f == "stage_since" || f == "career_start" {
			continue // checked and normalised below
		}
		if err := checkProfileValue(f, *row.field(f), latest); err != nil {
			return err
		}
	}
	if err := day("stage_since", &p.StageSince, false); err != nil {
		return err
	}
	return day("career_start", &p.CareerStart, false)
}

// checkState validates an entry's level.
func checkState(s *ItemState) error {
	if !s.Level.Valid() {
		return fmt.Errorf("level %d is not valid (0-4)", int(s.Level))
	}
	return nil
}

// checkEvidence validates one evidence entry and its id.
func checkEvidence(e *Evidence, seen map[int64]bool, latest time.Time) error {
	if e.ID <= 0 {
		return errors.New("the id must be a positive number")
	}
	if seen[e.ID] {
		return errors.New("the id is used twice")
	}
	seen[e.ID] = true
	return checkEvidenceContent(e, latest)
}

// eventKinds are the kinds of event this build knows.
var eventKinds = map[string]bool{
	EventLevel: true, EventSkip: true, EventProfile: true, EventEvidence: true, EventUndo: true, EventImport: true,
	EventRoadmap: true,
}

// checkEvent validates one event of the log, its old and new values with
// the checks of a live change of that kind (checkEventValues); byID holds
// every event of the backup (an undo must name one of them, and its values
// are those of the event it undid).
func checkEvent(e *Event, byID map[int64]*Event, latest time.Time) error {
	if !eventKinds[e.Kind] {
		return fmt.Errorf("unknown kind of event %.30q", e.Kind)
	}
	if e.Kind == EventRoadmap {
		return checkRoadmapEvent(e.Target, e.Old, e.New)
	}
	if e.Kind != EventUndo {
		return checkEventValues(e.Kind, e.Target, e.Old, e.New, latest)
	}
	id, err := strconv.ParseInt(e.Target, 10, 64)
	u := byID[id]
	if err != nil || u == nil || id == e.ID {
		return fmt.Errorf("it undoes event %.20q, which the backup does not have", e.Target)
	}
	if u.Kind == EventUndo {
		// A redo undoes an undo of a change: the values are the change's.
		oid, err := strconv.ParseInt(u.Target, 10, 64)
		o := byID[oid]
		if err != nil || o == nil || o.Kind == EventUndo {
			return fmt.Errorf("it redoes event %d, which does not undo a change the backup has", id)
		}
		u = o
	}
	if u.Kind == EventImport || u.Kind == EventRoadmap || !eventKinds[u.Kind] {
		return fmt.Errorf("it undoes event %d, a change of kind %.30q, which cannot be undone", id, u.Kind)
	}
	if err := checkEventValues(u.Kind, u.Target, e.Old, e.New, latest); err != nil {
		return fmt.Errorf("undo of event %d: %w", id, err)
	}
	return nil
}

// checkCheckIn validates one check-in and its id.
func checkCheckIn(c *CheckIn, seen map[int64]bool) error {
	if c.ID <= 0 {
		return errors.New("the id must be a positive number")
	}
	if seen[c.ID] {
		return errors.New("the id is used twice")
	}
	seen[c.ID] = true
	if strings.TrimSpace(c.Label) == "" {
		return errors.New("no label")
	}
	if err := validateText("label", c.Label, maxNameLen); err != nil {
		return err
	}
	if _, err := strconv.ParseInt(strings.TrimSpace(c.Label), 10, 64); err == nil {
		return fmt.Errorf("label %.20q is just a number, which would read as a check-in id", c.Label)
	}
	if c.Stage == "" {
		return errors.New("no stage")
	}
	if err := validateItemID(c.Stage); err != nil {
		return fmt.Errorf("stage %.40q is not a valid id", c.Stage)
	}
	if math.IsNaN(c.Score) || c.Score < 0 || c.Score > 100 {
		return fmt.Errorf("score %v is not between 0 and 100", c.Score)
	}
	switch c.Verdict {
	case VerdictReady, VerdictClose, VerdictBuilding, "":
	default:
		return fmt.Errorf("unknown verdict %.20q", c.Verdict)
	}
	if c.Items == nil {
		c.Items = map[string]ItemState{}
	}
	for id, st := range c.Items {
		if err := validateItemID(id); err != nil {
			return err
		}
		if st.ID != "" && st.ID != id {
			return fmt.Errorf("entry %s holds the state of %.40q", id, st.ID)
		}
		if err := checkState(&st); err != nil {
			return fmt.Errorf("entry %s: %w", id, err)
		}
	}
	return checkCheckInRoadmap(c)
}

// checkCheckInRoadmap validates the roadmap a check-in records.
func checkCheckInRoadmap(c *CheckIn) error {
	if c.RoadmapID == "" {
		if c.RoadmapVersion != 0 || len(c.RoadmapEntries) > 0 {
			return errors.New("it records a roadmap version or entries but no roadmap id")
		}
		return nil
	}
	if err := validateText("the roadmap id", c.RoadmapID, maxIDLen); err != nil {
		return err
	}
	if c.RoadmapVersion < 0 {
		return fmt.Errorf("roadmap version %d is not valid", c.RoadmapVersion)
	}
	for id, former := range c.RoadmapEntries {
		if err := validateItemID(id); err != nil {
			return fmt.Errorf("the roadmap's entries: %w", err)
		}
		for _, f := range former {
			if err := validateItemID(f); err != nil {
				return fmt.Errorf("the roadmap's entry %s: %w", id, err)
			}
		}
	}
	return nil
}

// ImportCounts says what an import did with one kind of record.
type ImportCounts struct {
	// Added records were not in the database.
	Added int
	// Updated records replaced older ones in the database.
	Updated int
	// Kept records of the database were newer or the same, and stayed.
	Kept int
	// Removed records were deleted: by a replacing import, everything that
	// was there; by a merge, evidence the backup had deleted later.
	Removed int
}

func (c ImportCounts) words() string {
	var parts []string
	for _, p := range []struct {
		n    int
		verb string
	}{{c.Added, "added"}, {c.Updated, "updated"}, {c.Kept, "unchanged"}, {c.Removed, "removed"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.verb))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// ImportReport says what an import did.
type ImportReport struct {
	// Merged is true for a merge, false when the import replaced
	// everything.
	Merged bool
	// Profile says what happened to the profile: "replaced", "updated"
	// (some fields, by a merge), "kept" or "none" (neither had one).
	Profile  string
	Items    ImportCounts
	Evidence ImportCounts
	Events   ImportCounts
	CheckIns ImportCounts
	// Orphans are the ids in the backup that the roadmap lacks: their
	// progress is kept, but counts for nothing until the roadmap has them
	// again.
	Orphans []string
	// Kept is the copy of the database a replacing import kept in the
	// backups folder before it replaced anything; "" after a merge or when
	// the database held nothing.
	Kept string
	// Roadmap says which roadmap the database uses after the import (a
	// replacing import takes the backup's) and, after a merge, that the
	// backup's differs when it does.
	Roadmap string
}

// Lines describes the import in a few lines for the user.
func (r ImportReport) Lines() []string {
	how := "Replaced everything with the backup"
	if r.Merged {
		how = "Merged the backup, keeping the newer of each value"
	}
	lines := []string{
		how + ".",
		"Profile: " + r.Profile + ".",
		"Entries: " + r.Items.words() + ".",
		"Evidence: " + r.Evidence.words() + ".",
		"Change log: " + r.Events.words() + ".",
		"Check-ins: " + r.CheckIns.words() + ".",
	}
	if r.Roadmap != "" {
		lines = append(lines, "Roadmap: "+r.Roadmap+".")
	}
	if w := r.Warning(); w != "" {
		lines = append(lines, w)
	}
	return lines
}

// Warning is the warning about orphans, or "" when there are none.
func (r ImportReport) Warning() string {
	if len(r.Orphans) == 0 {
		return ""
	}
	const show = 10
	ids := r.Orphans
	more := ""
	if len(ids) > show {
		more = fmt.Sprintf(" and %d more", len(ids)-show)
		ids = ids[:show]
	}
	return fmt.Sprintf("Warning: the roadmap has no entry %s%s; their progress was kept but counts for nothing until the roadmap has them again.",
		strings.Join(ids, ", "), more)
}

// Import writes a backup into the database in one transaction: all or
// nothing. The whole backup is checked first; a backup that fails the checks
// changes nothing.
//
// Without merge, everything in the database (profile, entry states,
// evidence, event log, check-ins) is replaced by the backup's, ids included,
// after a copy of the database is kept in the backups folder (see
// ImportReport.Kept) inside the same write transaction: every change saved
// before the import is in that copy, every change after it in the database.
// With merge, the newer of each value is kept: entry states by updated_at,
// evidence by id and updated_at (deletions recorded in either log win over
// older copies), profile fields by their latest change in either log; the
// event logs and check-ins are united without duplicates, and an EventImport
// is appended. Ids that rm lacks are kept and listed in the report's
// Orphans; rm may be nil.
//
// The roadmap the database uses goes with the rest: a replacing import
// takes the backup's (a backup without one means the embedded roadmap),
// and its orphans are then those of that roadmap; a merge keeps the
// database's own and says in the report when the backup's differs.
func (s *Store) Import(b Backup, merge bool, rm *roadmap.Roadmap) (ImportReport, error) {
	const op = "import the backup"
	b = b.clone()
	if err := b.check(s.now()); err != nil {
		return ImportReport{}, fmt.Errorf("%s: %w", op, err)
	}
	if !merge && rm != nil {
		rm = b.roadmapOf()
	}
	rep := ImportReport{Merged: merge, Orphans: b.orphans(rm)}
	err := s.write(op, func(tx *gorm.DB, now time.Time) error {
		r := rep
		var err error
		if merge {
			err = s.mergeBackup(tx, b, now, &r)
		} else if r.Kept, err = s.keepBeforeReplace(tx, "before-import"); err == nil {
			if err = s.replaceWith(tx, b, now, &r); err != nil && r.Kept != "" {
				_ = os.Remove(r.Kept)
			}
		}
		if err == nil {
			rep = r
		}
		return err
	})
	if err != nil {
		return ImportReport{}, err
	}
	return rep, nil
}

// clone copies the backup deeply enough that checking it (which normalises
// dates) does not change the caller's.
func (b Backup) clone() Backup {
	b.Items = slices.Clone(b.Items)
	b.Evidence = slices.Clone(b.Evidence)
	b.Events = slices.Clone(b.Events)
	cs := make([]CheckIn, len(b.CheckIns))
	for i, c := range b.CheckIns {
		if c.Items != nil {
			items := make(map[string]ItemState, len(c.Items))
			for k, v := range c.Items {
				items[k] = v
			}
			c.Items = items
		}
		cs[i] = c
	}
	b.CheckIns = cs
	if b.Roadmap != nil {
		r := *b.Roadmap
		b.Roadmap = &r
	}
	return b
}

// orphans lists the entry ids of the backup's states and evidence that rm
// does not know, sorted.
func (b Backup) orphans(rm *roadmap.Roadmap) []string {
	if rm == nil {
		return nil
	}
	set := map[string]bool{}
	for _, it := range b.Items {
		if rm.Resolve(it.ID) == "" {
			set[it.ID] = true
		}
	}
	for _, e := range b.Evidence {
		if rm.Resolve(e.ItemID) == "" {
			set[e.ItemID] = true
		}
	}
	out := make([]string, 0, len(set))
	for id := range set {
		out = append(out, id)
	}
	sort.Strings(out)
	if len(out) == 0 {
		return nil
	}
	return out
}

// replaceWith empties every table and writes the backup, ids included.
func (s *Store) replaceWith(tx *gorm.DB, b Backup, now time.Time, r *ImportReport) error {
	before, err := s.snapshot(tx, Backup{})
	if err != nil {
		return err
	}
	r.Items.Removed, r.Evidence.Removed = len(before.Items), len(before.Evidence)
	r.Events.Removed, r.CheckIns.Removed = len(before.Events), len(before.CheckIns)
	r.Items.Added, r.Evidence.Added = len(b.Items), len(b.Evidence)
	r.Events.Added, r.CheckIns.Added = len(b.Events), len(b.CheckIns)
	switch {
	case b.Profile.Stage != "":
		r.Profile = "replaced"
	case before.Profile.Stage != "":
		r.Profile = "removed"
	default:
		r.Profile = "none"
	}

	for _, q := range []string{"DELETE FROM profile", "DELETE FROM progress", "DELETE FROM evidence", "DELETE FROM checkins"} {
		if err := tx.Exec(q).Error; err != nil {
			return err
		}
	}
	if b.Profile.Stage != "" {
		if err := putProfile(tx, rowOf(b.Profile), now); err != nil {
			return err
		}
	}
	for _, it := range b.Items {
		if err := putItem(tx, it); err != nil {
			return err
		}
	}
	for _, e := range b.Evidence {
		if err := insertEvidence(tx, evidenceRowOf(e)); err != nil {
			return err
		}
	}
	for _, c := range b.CheckIns {
		if err := putCheckIn(tx, c, true); err != nil {
			return err
		}
	}
	if err := putChoice(tx, b.Choice()); err != nil {
		return err
	}
	r.Roadmap = "now " + b.Choice().String()
	events := slices.Clone(b.Events)
	slices.SortFunc(events, func(a, b Event) int { return cmpInt64(a.ID, b.ID) })
	return rewriteEvents(tx, events)
}

// putItem writes one entry's state.
func putItem(tx *gorm.DB, it ItemState) error {
	return tx.Exec(`INSERT INTO progress (item_id, level, skipped, date, updated_at) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (item_id) DO UPDATE SET level = excluded.level, skipped = excluded.skipped, date = excluded.date, updated_at = excluded.updated_at`,
		it.ID, int(it.Level), it.Skipped, formatDay(it.Date), formatStamp(it.UpdatedAt)).Error
}

// putCheckIn inserts a check-in, with its own id when withID is set.
func putCheckIn(tx *gorm.DB, c CheckIn, withID bool) error {
	items := c.Items
	if items == nil {
		items = map[string]ItemState{}
	}
	j, err := json.Marshal(items)
	if err != nil {
		return fmt.Errorf("encode the levels of check-in %q: %w", c.Label, err)
	}
	entries := ""
	if len(c.RoadmapEntries) > 0 {
		e, err := json.Marshal(c.RoadmapEntries)
		if err != nil {
			return fmt.Errorf("encode the roadmap entries of check-in %q: %w", c.Label, err)
		}
		entries = string(e)
	}
	if withID {
		return tx.Exec(`INSERT INTO checkins (id, label, at, stage, score, verdict, items, roadmap_id, roadmap_version, roadmap_entries)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ID, c.Label, formatStamp(c.At), c.Stage, c.Score, c.Verdict, string(j), c.RoadmapID, c.RoadmapVersion, entries).Error
	}
	return tx.Exec(`INSERT INTO checkins (label, at, stage, score, verdict, items, roadmap_id, roadmap_version, roadmap_entries)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Label, formatStamp(c.At), c.Stage, c.Score, c.Verdict, string(j), c.RoadmapID, c.RoadmapVersion, entries).Error
}

// rewriteEvents replaces the whole event log with events, ids included. The
// log is append-only: its guard triggers are lifted for this one
// transaction and put back exactly as they were.
func rewriteEvents(tx *gorm.DB, events []Event) error {
	var triggers []struct {
		Name string
		SQL  string
	}
	if err := tx.Raw("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events' ORDER BY name").Scan(&triggers).Error; err != nil {
		return err
	}
	for _, t := range triggers {
		if err := tx.Exec(`DROP TRIGGER "` + strings.ReplaceAll(t.Name, `"`, `""`) + `"`).Error; err != nil {
			return err
		}
	}
	if err := tx.Exec("DELETE FROM events").Error; err != nil {
		return err
	}
	for _, e := range events {
		if err := tx.Exec("INSERT INTO events (id, at, kind, target, old, new) VALUES (?, ?, ?, ?, ?, ?)",
			e.ID, formatStamp(e.At), e.Kind, e.Target, e.Old, e.New).Error; err != nil {
			return err
		}
	}
	for _, t := range triggers {
		if err := tx.Exec(t.SQL).Error; err != nil {
			return err
		}
	}
	return nil
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// mergeBackup merges the backup into the database, keeping the newer of
// each value.
func (s *Store) mergeBackup(tx *gorm.DB, b Backup, now time.Time, r *ImportReport) error {
	cur, err := s.snapshot(tx, Backup{})
	if err != nil {
		return err
	}
	if err := mergeProfile(tx, cur, b, now, r); err != nil {
		return err
	}
	if err := mergeItems(tx, cur, b, r); err != nil {
		return err
	}
	if err := mergeEvidence(tx, cur, b, r); err != nil {
		return err
	}
	if err := mergeCheckIns(tx, cur, b, r); err != nil {
		return err
	}
	events, counts := unionEvents(cur.Events, b.Events)
	r.Events = counts
	if mine, theirs := cur.Choice(), b.Choice(); mine.Same(theirs) {
		r.Roadmap = "kept " + mine.String()
	} else {
		r.Roadmap = "kept " + mine.String() + "; the backup uses " + theirs.String()
	}
	if err := rewriteEvents(tx, events); err != nil {
		return err
	}
	// The file's name is the user's, not devpath's: what would act on a
	// terminal is written out visibly rather than refused.
	target := Visible(b.Source)
	if n := []rune(target); len(n) > maxSourceLen {
		target = string(n[:maxSourceLen-1]) + "…"
	}
	if target == "" {
		target = "backup of " + b.ExportedAt.Format(dateLayout)
	}
	summary := fmt.Sprintf("entries %s; evidence %s; change log %s; check-ins %s",
		r.Items.words(), r.Evidence.words(), r.Events.words(), r.CheckIns.words())
	return appendEvent(tx, now, EventImport, target, "", summary)
}

// latestProfileChanges returns, per profile field, when the log last changed
// it (undos included).
func latestProfileChanges(events []Event) map[string]time.Time {
	byID := make(map[int64]Event, len(events))
	for _, e := range events {
		byID[e.ID] = e
	}
	out := map[string]time.Time{}
	note := func(field string, at time.Time) {
		if at.After(out[field]) {
			out[field] = at
		}
	}
	for _, e := range events {
		switch e.Kind {
		case EventProfile:
			note(e.Target, e.At)
		case EventUndo:
			id, err := strconv.ParseInt(e.Target, 10, 64)
			u, ok := byID[id]
			if ok && u.Kind == EventUndo { // a redo
				id, err = strconv.ParseInt(u.Target, 10, 64)
				u, ok = byID[id]
			}
			if err == nil && ok && u.Kind == EventProfile {
				note(u.Target, e.At)
			}
		}
	}
	return out
}

// mergeProfile keeps, field by field, the value changed last in either log.
// A database without a profile takes the backup's whole.
func mergeProfile(tx *gorm.DB, cur, b Backup, now time.Time, r *ImportReport) error {
	switch {
	case b.Profile.Stage == "" && cur.Profile.Stage == "":
		r.Profile = "none"
		return nil
	case b.Profile.Stage == "":
		r.Profile = "kept"
		return nil
	case cur.Profile.Stage == "":
		r.Profile = "replaced"
		return putProfile(tx, rowOf(b.Profile), now)
	}
	mine, theirs := latestProfileChanges(cur.Events), latestProfileChanges(b.Events)
	row := rowOf(cur.Profile).fields()
	back := rowOf(b.Profile).fields()
	changed := false
	for _, f := range profileFields {
		if row[f] != back[f] && theirs[f].After(mine[f]) {
			row[f] = back[f]
			changed = true
		}
	}
	if !changed {
		r.Profile = "kept"
		return nil
	}
	r.Profile = "updated"
	return putProfile(tx, profileRow{
		Name: row["name"], Stage: row["stage"], StageSince: row["stage_since"], CareerStart: row["career_start"],
		Region: row["region"], Branch: row["branch"], Track: row["track"], TrackLevel: row["track_level"],
	}, now)
}

// mergeItems keeps the newer state of each entry.
func mergeItems(tx *gorm.DB, cur, b Backup, r *ImportReport) error {
	mine := make(map[string]ItemState, len(cur.Items))
	for _, it := range cur.Items {
		mine[it.ID] = it
	}
	for _, it := range b.Items {
		m, ok := mine[it.ID]
		switch {
		case !ok:
			r.Items.Added++
		case it.UpdatedAt.After(m.UpdatedAt):
			r.Items.Updated++
		default:
			r.Items.Kept++
			continue
		}
		if err := putItem(tx, it); err != nil {
			return err
		}
	}
	return nil
}

// deletions returns when each evidence entry was deleted according to the
// log, by id and creation time (ids alone may have been reused elsewhere).
func deletions(events []Event) map[evidenceKey]time.Time {
	out := map[evidenceKey]time.Time{}
	for _, e := range events {
		if e.Kind != EventEvidence || e.New != "" || e.Old == "" {
			continue
		}
		var old Evidence
		if json.Unmarshal([]byte(e.Old), &old) != nil {
			continue
		}
		k := evidenceKey{old.ID, old.CreatedAt.UnixNano()}
		if e.At.After(out[k]) {
			out[k] = e.At
		}
	}
	return out
}

// evidenceKey identifies one evidence entry across databases: its id and
// when it was created.
type evidenceKey struct {
	id      int64
	created int64
}

func keyOf(e Evidence) evidenceKey { return evidenceKey{e.ID, e.CreatedAt.UnixNano()} }

// mergeEvidence keeps the newer copy of each evidence entry; a deletion
// recorded after a copy's last change wins over it. Backup evidence whose id
// the database uses for another entry is added under a new id.
func mergeEvidence(tx *gorm.DB, cur, b Backup, r *ImportReport) error {
	mine := make(map[int64]Evidence, len(cur.Evidence))
	for _, e := range cur.Evidence {
		mine[e.ID] = e
	}
	gone, theirGone := deletions(cur.Events), deletions(b.Events)
	inBackup := map[evidenceKey]bool{}
	for _, e := range b.Evidence {
		inBackup[keyOf(e)] = true
		m, ok := mine[e.ID]
		switch {
		case ok && keyOf(m) == keyOf(e):
			if !e.UpdatedAt.After(m.UpdatedAt) {
				r.Evidence.Kept++
				continue
			}
			if err := updateEvidence(tx, evidenceRowOf(e)); err != nil {
				return err
			}
			r.Evidence.Updated++
		case ok:
			// The id belongs to another entry here: add this one anew,
			// unless it is already here under another id.
			if sameEvidenceHere(cur.Evidence, e) {
				r.Evidence.Kept++
				continue
			}
			row := evidenceRowOf(e)
			if err := tx.Exec("INSERT INTO evidence (item_id, note, link, date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
				row.ItemID, row.Note, row.Link, row.Date, row.Created, row.Updated).Error; err != nil {
				return err
			}
			r.Evidence.Added++
		default:
			if at, deleted := gone[keyOf(e)]; deleted && !e.UpdatedAt.After(at) {
				r.Evidence.Kept++
				continue
			}
			if err := insertEvidence(tx, evidenceRowOf(e)); err != nil {
				return err
			}
			r.Evidence.Added++
		}
	}
	for _, m := range cur.Evidence {
		if inBackup[keyOf(m)] {
			continue
		}
		if at, deleted := theirGone[keyOf(m)]; deleted && !m.UpdatedAt.After(at) {
			if err := tx.Exec("DELETE FROM evidence WHERE id = ?", m.ID).Error; err != nil {
				return err
			}
			r.Evidence.Removed++
		}
	}
	return nil
}

// sameEvidenceHere reports whether the database already holds e under
// another id (same entry, note and creation time).
func sameEvidenceHere(here []Evidence, e Evidence) bool {
	for _, m := range here {
		if m.CreatedAt.Equal(e.CreatedAt) && m.ItemID == e.ItemID && m.Note == e.Note {
			return true
		}
	}
	return false
}

// mergeCheckIns adds the backup's check-ins the database lacks (same label
// and time means the same check-in), under new ids.
func mergeCheckIns(tx *gorm.DB, cur, b Backup, r *ImportReport) error {
	type key struct {
		label string
		at    int64
	}
	have := map[key]bool{}
	for _, c := range cur.CheckIns {
		have[key{c.Label, c.At.UnixNano()}] = true
	}
	for _, c := range b.CheckIns {
		k := key{c.Label, c.At.UnixNano()}
		if have[k] {
			r.CheckIns.Kept++
			continue
		}
		have[k] = true
		if err := putCheckIn(tx, c, false); err != nil {
			return err
		}
		r.CheckIns.Added++
	}
	return nil
}

// unionEvents merges two event logs: events that are the same in both (same
// time, kind, target and values; for an undo, the same undone event) are
// kept once. The result is ordered by time and numbered from 1, so that the
// newest change has the highest id as Undo expects, and every undo names
// the new id of the event it undid.
func unionEvents(mine, theirs []Event) ([]Event, ImportCounts) {
	type tagged struct {
		e     Event
		key   string
		src   int // 0 the database, 1 the backup
		order int
	}
	keys := func(events []Event) []string {
		byID := make(map[int64]int, len(events))
		for i, e := range events {
			byID[e.ID] = i
		}
		out := make([]string, len(events))
		var keyOf func(i int, depth int) string
		keyOf = func(i, depth int) string {
			if out[i] != "" {
				return out[i]
			}
			e := events[i]
			target := e.Target
			if e.Kind == EventUndo && depth < 2 {
				if id, err := strconv.ParseInt(e.Target, 10, 64); err == nil {
					if j, ok := byID[id]; ok && j != i {
						target = "[" + keyOf(j, depth+1) + "]"
					}
				}
			}
			k := strings.Join([]string{e.At.UTC().Format(time.RFC3339Nano), e.Kind, target, e.Old, e.New}, "\x00")
			if depth == 0 {
				out[i] = k
			}
			return k
		}
		for i := range events {
			keyOf(i, 0)
		}
		return out
	}
	var all []tagged
	seen := map[string]bool{}
	var c ImportCounts
	for i, k := range keys(mine) {
		all = append(all, tagged{mine[i], k, 0, i})
		seen[k] = true
	}
	for i, k := range keys(theirs) {
		if seen[k] {
			c.Kept++
			continue
		}
		seen[k] = true
		all = append(all, tagged{theirs[i], k, 1, i})
		c.Added++
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if !a.e.At.Equal(b.e.At) {
			return a.e.At.Before(b.e.At)
		}
		if a.src != b.src {
			return a.src < b.src
		}
		return a.e.ID < b.e.ID
	})
	// New ids by (source, old id); an undo from either source finds the
	// event it undid through that event's key, which both sources share.
	newByKey := map[string]int64{}
	oldKey := [2]map[int64]string{{}, {}}
	mk, tk := keys(mine), keys(theirs)
	for i, e := range mine {
		oldKey[0][e.ID] = mk[i]
	}
	for i, e := range theirs {
		oldKey[1][e.ID] = tk[i]
	}
	out := make([]Event, len(all))
	for i, t := range all {
		newByKey[t.key] = int64(i + 1)
	}
	for i, t := range all {
		e := t.e
		e.ID = int64(i + 1)
		if e.Kind == EventUndo {
			if id, err := strconv.ParseInt(e.Target, 10, 64); err == nil {
				if k, ok := oldKey[t.src][id]; ok {
					if n, ok := newByKey[k]; ok {
						e.Target = strconv.FormatInt(n, 10)
					}
				}
			}
		}
		out[i] = e
	}
	return out, c
}
