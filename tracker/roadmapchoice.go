package tracker

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"devpath/roadmap"
	"devpath/tracker/safefile"
)

// The roadmap a database tracks against lives in the database itself, in
// the single-row table roadmap_choice: the file's content as it was given,
// so that it can be checked again and travels with every backup, with its
// id, version and file name for display. No row means the embedded roadmap.
// The window and the command line both read it from there, so they always
// score the same progress against the same roadmap.

// ErrRoadmapInvalid: the roadmap stored in the database no longer passes
// the roadmap checks (a newer devpath may check more); the embedded roadmap
// is used instead.
var ErrRoadmapInvalid = errors.New("the roadmap stored in the database is not valid")

// RoadmapChoice is the roadmap a database uses.
type RoadmapChoice struct {
	// Builtin is true when no roadmap was chosen: the embedded one is used
	// and the other fields are empty.
	Builtin bool
	// Name is the name of the file the roadmap was chosen from.
	Name string
	// ID and Version are the roadmap's own id and version.
	ID      string
	Version int
	// Content is the file's content as it was given.
	Content []byte
	// ChosenAt is when it was chosen.
	ChosenAt time.Time
}

// Same reports whether two choices are the same roadmap: the same content
// under the same name, or both the built-in one.
func (c RoadmapChoice) Same(o RoadmapChoice) bool {
	if c.Builtin || o.Builtin {
		return c.Builtin == o.Builtin
	}
	return c.Name == o.Name && bytes.Equal(c.Content, o.Content)
}

// RoadmapError is a roadmap that was refused. Its message is one line; it
// unwraps to what was wrong, roadmap.Problems for bad content, so that a
// caller can list every problem.
type RoadmapError struct {
	// Name is the file's name.
	Name string
	// Err is what was wrong.
	Err error
}

func (e *RoadmapError) Error() string {
	var probs roadmap.Problems
	if errors.As(e.Err, &probs) && len(probs) > 0 {
		if len(probs) == 1 {
			return fmt.Sprintf("roadmap %s is not valid: %s", Visible(e.Name), oneLine(probs[0].String()))
		}
		return fmt.Sprintf("roadmap %s is not valid: %d problems, the first: %s", Visible(e.Name), len(probs), oneLine(probs[0].String()))
	}
	return fmt.Sprintf("roadmap %s: %s", Visible(e.Name), oneLine(e.Err.Error()))
}

func (e *RoadmapError) Unwrap() error { return e.Err }

// oneLine folds a message onto one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// ReadRoadmapFile reads a roadmap file's bytes as they are, for UseRoadmap.
// A named pipe, a device or a folder is refused before anything is read,
// and so is a file larger than roadmap.MaxFileSize.
func ReadRoadmapFile(path string) ([]byte, error) {
	f, info, err := safefile.OpenRegular(path)
	if err != nil {
		return nil, fmt.Errorf("read roadmap %s: %w", path, err)
	}
	defer f.Close()
	if info.Size() > roadmap.MaxFileSize {
		return nil, fmt.Errorf("read roadmap %s: %w", path, roadmapTooBig(info.Size()))
	}
	data, err := io.ReadAll(io.LimitReader(f, roadmap.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read roadmap %s: %w", path, err)
	}
	if len(data) > roadmap.MaxFileSize {
		return nil, fmt.Errorf("read roadmap %s: %w", path, roadmapTooBig(int64(len(data))))
	}
	return data, nil
}

func roadmapTooBig(n int64) error {
	return fmt.Errorf("too large: %d bytes, over the limit of %d MiB", n, roadmap.MaxFileSize>>20)
}

// parsed keeps the last few roadmaps parsed from stored content, by the
// content's hash: the window reads the database's roadmap again after every
// change another process makes, and a roadmap file may take a while to
// parse. The roadmaps are shared, like roadmap.Default's.
var parsed struct {
	sync.Mutex
	keys [4][sha256.Size]byte
	rms  [4]*roadmap.Roadmap
	next int
}

// ParseRoadmap reads and checks a roadmap's content (YAML or JSON, see
// roadmap.Load) as UseRoadmap and the backup checks do. Content over
// roadmap.MaxFileSize is refused. Errors are *RoadmapError. The roadmap
// returned may be shared: callers must not modify it.
func ParseRoadmap(name string, content []byte) (*roadmap.Roadmap, error) {
	if len(content) > roadmap.MaxFileSize {
		return nil, &RoadmapError{Name: name, Err: roadmapTooBig(int64(len(content)))}
	}
	key := sha256.Sum256(content)
	parsed.Lock()
	for i, k := range parsed.keys {
		if parsed.rms[i] != nil && k == key {
			rm := parsed.rms[i]
			parsed.Unlock()
			return rm, nil
		}
	}
	parsed.Unlock()
	rm, err := roadmap.Load(content)
	if err != nil {
		return nil, &RoadmapError{Name: name, Err: err}
	}
	parsed.Lock()
	parsed.keys[parsed.next], parsed.rms[parsed.next] = key, rm
	parsed.next = (parsed.next + 1) % len(parsed.keys)
	parsed.Unlock()
	return rm, nil
}

// cleanRoadmapName turns the name a roadmap was given under (a path or a
// file name) into the file name kept for display.
func cleanRoadmapName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name != "" {
		name = filepath.Base(name)
	}
	if name == "" || name == "." || name == string(filepath.Separator) {
		return "", errors.New("no file name given for the roadmap")
	}
	if err := validateText("the roadmap's file name", name, maxSourceLen); err != nil {
		return "", err
	}
	return name, nil
}

// choiceRow is the row of the roadmap_choice table.
type choiceRow struct {
	ID        int    `gorm:"column:id;primaryKey"` // always 1
	Name      string `gorm:"column:name"`
	RoadmapID string `gorm:"column:roadmap_id"`
	Version   int    `gorm:"column:version"`
	Content   []byte `gorm:"column:content"`
	ChosenAt  string `gorm:"column:chosen_at"`
}

// TableName is the roadmap choice's table.
func (choiceRow) TableName() string { return "roadmap_choice" }

// hasRoadmapSchema reports whether the database on db has the roadmap
// table and the check-ins' roadmap columns (schema version 3). A database
// opened read-only, or a backup being restored, may be older.
func hasRoadmapSchema(db *gorm.DB) (bool, error) {
	// GORM's Migrator().HasTable would say "no" on a read error too (a busy
	// database, say), and the database would silently read as using the
	// built-in roadmap: ask SQLite and pass its errors on.
	var n int64
	err := db.Raw("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'roadmap_choice'").Row().Scan(&n)
	return n > 0, err
}

// loadChoice reads the roadmap choice; no row (or an older schema) is the
// built-in roadmap.
func loadChoice(db *gorm.DB) (RoadmapChoice, error) {
	ok, err := hasRoadmapSchema(db)
	if err != nil || !ok {
		return RoadmapChoice{Builtin: true}, err
	}
	var r choiceRow
	res := db.Where("id = ?", 1).Limit(1).Find(&r)
	if res.Error != nil {
		return RoadmapChoice{}, res.Error
	}
	if res.RowsAffected == 0 {
		return RoadmapChoice{Builtin: true}, nil
	}
	at, err := parseStamp(r.ChosenAt)
	if err != nil {
		return RoadmapChoice{}, fmt.Errorf("the roadmap choice: %w", err)
	}
	return RoadmapChoice{Name: r.Name, ID: r.RoadmapID, Version: r.Version, Content: r.Content, ChosenAt: at}, nil
}

// putChoice stores a choice inside the caller's write transaction; a
// built-in choice deletes the row.
func putChoice(tx *gorm.DB, c RoadmapChoice) error {
	if c.Builtin {
		return tx.Where("1 = 1").Delete(&choiceRow{}).Error
	}
	row := choiceRow{ID: 1, Name: c.Name, RoadmapID: c.ID, Version: c.Version, Content: c.Content, ChosenAt: formatStamp(c.ChosenAt)}
	return tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(&row).Error
}

// choiceWords describes a choice for the event log.
func choiceWords(c RoadmapChoice) string {
	if c.Builtin {
		d := roadmap.Default()
		return fmt.Sprintf("the built-in roadmap (%s v%d)", d.ID, d.Version)
	}
	return fmt.Sprintf("%s (%s v%d)", Visible(c.Name), Visible(c.ID), c.Version)
}

// UseRoadmap makes the roadmap with the given content the one the database
// tracks against. name is the file it came from (only its base name is
// kept, for display); content is the file's bytes as they are. The content
// is parsed and checked first (see ParseRoadmap); a roadmap that fails, or
// content larger than roadmap.MaxFileSize, is refused with a *RoadmapError
// and nothing is changed. The change is one transaction that also logs an
// EventRoadmap. Choosing the roadmap already in use changes nothing.
func (s *Store) UseRoadmap(name string, content []byte) (*roadmap.Roadmap, error) {
	const op = "use the roadmap"
	clean, err := cleanRoadmapName(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	rm, err := ParseRoadmap(clean, content)
	if err != nil {
		return nil, err
	}
	content = bytes.Clone(content)
	err = s.write(op+" "+clean, func(tx *gorm.DB, now time.Time) error {
		cur, err := loadChoice(tx)
		if err != nil {
			return err
		}
		next := RoadmapChoice{Name: clean, ID: rm.ID, Version: rm.Version, Content: content, ChosenAt: now}
		if cur.Same(next) {
			return nil
		}
		if err := putChoice(tx, next); err != nil {
			return err
		}
		return appendEvent(tx, now, EventRoadmap, rm.ID, choiceWords(cur), choiceWords(next))
	})
	if err != nil {
		return nil, err
	}
	return rm, nil
}

// UseDefaultRoadmap makes the database track against the embedded roadmap
// again, logging an EventRoadmap; nothing happens when it already does.
func (s *Store) UseDefaultRoadmap() error {
	return s.write("use the built-in roadmap", func(tx *gorm.DB, now time.Time) error {
		cur, err := loadChoice(tx)
		if err != nil || cur.Builtin {
			return err
		}
		next := RoadmapChoice{Builtin: true}
		if err := putChoice(tx, next); err != nil {
			return err
		}
		return appendEvent(tx, now, EventRoadmap, roadmap.Default().ID, choiceWords(cur), choiceWords(next))
	})
}

// RoadmapChoice returns which roadmap the database uses, without parsing
// it.
func (s *Store) RoadmapChoice() (RoadmapChoice, error) {
	var c RoadmapChoice
	err := s.read("read the roadmap choice", func(db *gorm.DB) error {
		var err error
		c, err = loadChoice(db)
		return err
	})
	return c, err
}

// Roadmap returns the roadmap the database tracks against, parsed and
// checked, with the choice it comes from: the roadmap stored by UseRoadmap,
// or roadmap.Default when none was chosen. The roadmap may be shared:
// callers must not modify it.
//
// On error the roadmap returned is the embedded one, for callers that carry
// on with it and show the error: a stored roadmap that no longer passes the
// checks gives an error wrapping ErrRoadmapInvalid (and its *RoadmapError,
// with every problem) together with the choice.
func (s *Store) Roadmap() (*roadmap.Roadmap, RoadmapChoice, error) {
	c, err := s.RoadmapChoice()
	if err != nil {
		return roadmap.Default(), RoadmapChoice{}, err
	}
	if c.Builtin {
		return roadmap.Default(), c, nil
	}
	rm, err := ParseRoadmap(c.Name, c.Content)
	if err != nil {
		return roadmap.Default(), c, fmt.Errorf("%w, so the built-in roadmap is used: %w", ErrRoadmapInvalid, err)
	}
	return rm, c, nil
}

// roadmapEntries lists rm's entry ids with the former ids each replaces,
// as a check-in records them.
func roadmapEntries(rm *roadmap.Roadmap) map[string][]string {
	if rm == nil {
		return nil
	}
	out := make(map[string][]string, len(rm.Entries()))
	for _, e := range rm.Entries() {
		out[e.Item.ID] = append([]string{}, e.Item.Replaces...)
	}
	return out
}

// checkRoadmapEvent checks the values of an EventRoadmap from a backup.
func checkRoadmapEvent(target, old, new string) error {
	if target == "" {
		return errors.New("a roadmap change names no roadmap")
	}
	if err := validateText("the roadmap's id", target, maxIDLen); err != nil {
		return err
	}
	for _, v := range []string{old, new} {
		if v == "" {
			return errors.New("a roadmap change without its old or new roadmap")
		}
		if err := validateText("the roadmap change", v, maxSourceLen+maxIDLen+100); err != nil {
			return err
		}
	}
	return nil
}

// BackupRoadmap is the roadmap a JSON backup carries: the one the database
// had chosen.
type BackupRoadmap struct {
	// Name is the file the roadmap was chosen from.
	Name string `json:"name"`
	// ID and Version are the roadmap's own, as its content gives them.
	ID      string `json:"id"`
	Version int    `json:"version"`
	// ChosenAt is when it was chosen.
	ChosenAt time.Time `json:"chosen_at"`
	// Content is the roadmap file's content as it was given.
	Content string `json:"content"`
}

// backupRoadmap converts a choice for a backup; nil for the built-in one.
func backupRoadmap(c RoadmapChoice) *BackupRoadmap {
	if c.Builtin {
		return nil
	}
	return &BackupRoadmap{Name: c.Name, ID: c.ID, Version: c.Version, ChosenAt: c.ChosenAt.UTC(), Content: string(c.Content)}
}

// choice converts a backup's roadmap back; nil is the built-in one.
func (r *BackupRoadmap) choice() RoadmapChoice {
	if r == nil {
		return RoadmapChoice{Builtin: true}
	}
	return RoadmapChoice{Name: r.Name, ID: r.ID, Version: r.Version, Content: []byte(r.Content), ChosenAt: r.ChosenAt}
}

// Choice returns the roadmap the backup carries; a backup without one
// means the embedded roadmap.
func (b Backup) Choice() RoadmapChoice { return b.Roadmap.choice() }

// checkRoadmap checks the backup's roadmap as UseRoadmap checks a file:
// its content must be a valid roadmap whose id and version are the ones
// the backup gives.
func (b *Backup) checkRoadmap(instant func(string, *time.Time) error) error {
	r := b.Roadmap
	if r == nil {
		return nil
	}
	name, err := cleanRoadmapName(r.Name)
	if err != nil {
		return err
	}
	if name != r.Name {
		return fmt.Errorf("the roadmap's file name %.60q is a path, not a file name", r.Name)
	}
	rm, err := ParseRoadmap(r.Name, []byte(r.Content))
	if err != nil {
		return err
	}
	if rm.ID != r.ID || rm.Version != r.Version {
		return fmt.Errorf("it is named roadmap %.40q version %d, but its content is roadmap %q version %d", r.ID, r.Version, rm.ID, rm.Version)
	}
	return instant("chosen_at", &r.ChosenAt)
}

// roadmapOf returns the roadmap a backup's choice stands for.
func (b Backup) roadmapOf() *roadmap.Roadmap {
	if b.Roadmap == nil {
		return roadmap.Default()
	}
	rm, err := ParseRoadmap(b.Roadmap.Name, []byte(b.Roadmap.Content))
	if err != nil {
		return roadmap.Default() // checked before; not reached
	}
	return rm
}
