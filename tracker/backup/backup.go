package backup

import (
	"devpath/roadmap"
	"devpath/tracker"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// BackupFormat is the value of a backup's "format" field.
const Format = "devpath-backup"

// BackupVersion is the version of the backup format this build writes and
// the newest it reads. Version 2 added the roadmap the database uses
// ("roadmap") and the roadmap each check-in was made under; version 1
// backups, which have neither, still read: they mean the embedded roadmap.
// Version 3 added the level a piece of evidence shows; older backups have
// none, which means the level claimed. Version 4 made the backup the whole
// database: evidence carries its uuid, and the review round trip, the git
// suggestions and the team outbox came in; an older backup has none of
// them, which means none. Version 5 added the plan (the target date,
// the plan's entries, the re-confirmations and the check-in cadence); an
// older backup has none, which means no plan.
const Version = 5

// DefaultBackupLimit is the most bytes one value of a backup (the profile,
// one entry, one evidence note, one event, one check-in) may take when
// ReadBackup is given no limit: 64 MiB, hundreds of times what the checks on
// input let a value grow to. The file as a whole has no limit, so that every
// backup Export wrote, however long the history, can be imported again.
const DefaultLimit = 64 << 20

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
	Profile tracker.Profile `json:"profile"`
	// Items are the states of every entry ever touched, by id.
	Items []tracker.ItemState `json:"items"`
	// Evidence is every evidence entry, by id.
	Evidence []tracker.Evidence `json:"evidence"`
	// Events is the whole change log, by id.
	Events []tracker.Event `json:"events"`
	// CheckIns are all check-ins, by id.
	CheckIns []tracker.CheckIn `json:"checkins"`
	// Roadmap is the roadmap the database tracks against; nil (null in
	// the file, or absent) means the embedded one.
	Roadmap *Roadmap `json:"roadmap"`

	// The rest of the database (version 4; see more.go). The link to a
	// team database (team_link) is this machine's setting and stays out,
	// as does the reviewer's private key, which is a file of its own.
	ReviewRequests  []ReviewRequest  `json:"review_requests,omitempty"`
	ReviewResponses []ReviewResponse `json:"review_responses,omitempty"`
	ReviewerKeys    []ReviewerKey    `json:"reviewer_keys,omitempty"`
	Reviews         []Review         `json:"reviews,omitempty"`
	Suggestions     []Suggestion     `json:"evidence_suggestions,omitempty"`
	GitScans        []GitScan        `json:"git_scans,omitempty"`
	TeamOutbox      []OutboxEntry    `json:"team_outbox,omitempty"`
	// Plan is the plan (version 5; see plan.go); nil means none.
	Plan *Plan `json:"plan,omitempty"`
	// Source names where the backup was read from (a file name); it is not
	// part of the file and is recorded in the import event of a merge.
	Source string `json:"-"`
}

// BackupCounts says how much a backup or a database holds.
type Counts struct {
	Profile  bool // a profile was saved
	Items    int
	Evidence int
	Events   int
	CheckIns int
}

// String writes the counts in words: "12 entries, 3 evidence notes, 40
// changes in the log, 2 check-ins".
func (c Counts) String() string {
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
func (b Backup) Counts() Counts {
	return Counts{
		Profile: b.Profile.Stage != "", Items: len(b.Items), Evidence: len(b.Evidence),
		Events: len(b.Events), CheckIns: len(b.CheckIns),
	}
}

// ReadBackup reads and checks a JSON backup. It decodes the file as a
// stream, one value at a time, so the file as a whole may be any size (every
// backup Export wrote reads back) while no single value may take more than
// limit bytes (DefaultBackupLimit when limit <= 0). It refuses, each with a
// one-line error: a value over the limit, a file that is not complete JSON,
// another program's JSON (error wrapping tracker.ErrNotBackup), a backup made by a
// newer devpath, unknown keys, unknown kinds of events, invalid levels,
// dates, links and texts (in the change log's old and new values too, with
// the checks of a live edit), and duplicate ids. Nothing is written
// anywhere.
func Read(r io.Reader, limit int64) (Backup, error) {
	b, err := ReadAt(r, limit, time.Now())
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

// WriteBackup writes the backup as indented JSON.
func Write(w io.Writer, b Backup) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b); err != nil {
		return fmt.Errorf("write the backup: %w", err)
	}
	return nil
}

// clone copies the backup deeply enough that checking it (which normalises
// dates) does not change the caller's.
func (b Backup) Clone() Backup {
	b.Items = slices.Clone(b.Items)
	b.Evidence = slices.Clone(b.Evidence)
	b.Events = slices.Clone(b.Events)
	cs := make([]tracker.CheckIn, len(b.CheckIns))
	for i, c := range b.CheckIns {
		if c.Items != nil {
			items := make(map[string]tracker.ItemState, len(c.Items))
			for k, v := range c.Items {
				items[k] = v
			}
			c.Items = items
		}
		cs[i] = c
	}
	b.CheckIns = cs
	b.ReviewRequests = slices.Clone(b.ReviewRequests)
	b.ReviewResponses = slices.Clone(b.ReviewResponses)
	b.ReviewerKeys = slices.Clone(b.ReviewerKeys)
	b.Reviews = slices.Clone(b.Reviews)
	b.Suggestions = slices.Clone(b.Suggestions)
	b.GitScans = slices.Clone(b.GitScans)
	b.TeamOutbox = slices.Clone(b.TeamOutbox)
	if b.Plan != nil {
		p := *b.Plan
		p.Items, p.Reconfirmed = slices.Clone(p.Items), slices.Clone(p.Reconfirmed)
		b.Plan = &p
	}
	if b.Roadmap != nil {
		r := *b.Roadmap
		b.Roadmap = &r
	}
	return b
}

// orphans lists the entry ids of the backup's states and evidence that rm
// does not know, sorted.
func (b Backup) Orphans(rm *roadmap.Roadmap) []string {
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
