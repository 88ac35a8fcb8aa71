package tracker

import (
	"fmt"
	"time"

	"devpath/roadmap"
)

// Level is how far the user has got with a roadmap entry.
type Level int

// The levels of a skill. Criteria and milestones use only NotStarted and
// Proficient: confirmed is Proficient.
const (
	NotStarted Level = 0
	Learning   Level = 1
	Practising Level = 2
	Proficient Level = 3 // what a tick means
	Expert     Level = 4
)

// MaxLevel is the highest level.
const MaxLevel = Expert

// String returns the level's name in the user's words.
func (l Level) String() string {
	switch l {
	case NotStarted:
		return "not started"
	case Learning:
		return "learning"
	case Practising:
		return "practising"
	case Proficient:
		return "proficient"
	case Expert:
		return "expert"
	}
	return fmt.Sprintf("level %d", int(l))
}

// Valid reports whether l is one of the five levels.
func (l Level) Valid() bool { return l >= NotStarted && l <= Expert }

// Profile is who the user is and where they stand.
type Profile struct {
	Name string `json:"name"`
	// Stage is the id of the roadmap stage the user is at.
	Stage string `json:"stage"`
	// StageSince is the day the user entered Stage (zero when unknown).
	StageSince time.Time `json:"stage_since"`
	// CareerStart is the day the user's DevOps career began (zero when
	// unknown).
	CareerStart time.Time `json:"career_start"`
	// Region is "uk" or "us"; it picks the salary bands shown.
	Region string `json:"region"`
	// Branch is the id of the chosen specialisation branch, if any.
	Branch string `json:"branch,omitempty"`
	// Track is the id of the chosen track (ic, management, architecture),
	// if any.
	Track string `json:"track,omitempty"`
	// TrackLevel is the id of the rung the user holds on Track, if they
	// said so.
	TrackLevel string `json:"track_level,omitempty"`
}

// ItemState is the user's progress on one roadmap entry.
type ItemState struct {
	ID    string `json:"id"`
	Level Level  `json:"level"`
	// Skipped marks the entry "not applicable": it is left out of
	// readiness.
	Skipped bool `json:"skipped,omitempty"`
	// Date is the day the entry was confirmed or last reached its level,
	// as the user gave it (zero when never set).
	Date time.Time `json:"date"`
	// UpdatedAt is when the state last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// Done reports whether the entry counts as done: proficient or better, and
// not skipped.
func (s ItemState) Done() bool { return !s.Skipped && s.Level >= Proficient }

// Progress is a snapshot of everything the readiness engine needs.
type Progress struct {
	Profile Profile
	// Items maps an entry id to its state. Entries never touched are
	// absent and count as not started.
	Items map[string]ItemState
	// Evidence maps an entry id (as stored: possibly a former id) to its
	// evidence, for the evidenced score. Nil counts as no evidence at all.
	Evidence map[string][]Evidence
}

// State returns the state stored under the id id, or a not-started state.
// It does not look at former ids: Effective gives the state that counts for
// an entry of a roadmap.
func (p Progress) State(id string) ItemState {
	if s, ok := p.Items[id]; ok {
		return s
	}
	return ItemState{ID: id}
}

// Effective returns the state that counts for the entry id (a current id)
// of rm: its own, or else one recorded under a former id, as ResolveStates
// chooses. It resolves every stored state; for many entries, call
// ResolveStates once.
func (p Progress) Effective(rm *roadmap.Roadmap, id string) ItemState {
	st, _ := ResolveStates(rm, p.Items)
	return st.State(id)
}

// CountDone counts the entries that count towards progress (those not
// marked not applicable) and the done ones among them, reading each entry's
// state with state: every progress count of a stage or a group follows it.
func CountDone(entries []roadmap.Entry, state func(id string) ItemState) (done, total int) {
	for _, e := range entries {
		st := state(e.Item.ID)
		if st.Skipped {
			continue
		}
		total++
		if st.Done() {
			done++
		}
	}
	return done, total
}

// Evidence is a note, with an optional link, that backs up progress on an
// entry.
type Evidence struct {
	ID     int64     `json:"id"`
	ItemID string    `json:"item_id"`
	Note   string    `json:"note"`
	Link   string    `json:"link,omitempty"`
	Date   time.Time `json:"date"`
	// Level is the skill level this evidence shows (1-4); 0 means it
	// supports whatever level is claimed. Criteria and milestones ignore
	// it.
	Level Level `json:"level,omitempty"`
	// CreatedAt and UpdatedAt are set by the store.
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// UUID names the entry in every database it reaches (set by the store
	// when it is added, kept by backups and merges), so that a merge can
	// follow an edit or a deletion made elsewhere; ids are only this
	// database's. Evidence written before it had one has "".
	UUID string `json:"uuid,omitempty"`
}

// Kinds of events in the log.
const (
	EventLevel    = "level"    // Target is an entry id; Old/New are levels
	EventSkip     = "skip"     // Target is an entry id; Old/New are "true"/"false"
	EventProfile  = "profile"  // Target is a profile field name
	EventEvidence = "evidence" // Target is an entry id; Old/New are evidence JSON ("" when absent)
	EventUndo     = "undo"     // Target is the id of the event undone
	EventImport   = "import"   // a backup was imported; Target is the file name
	EventRoadmap  = "roadmap"  // another roadmap was chosen; Target is its id; Old/New describe the roadmaps
)

// Event is one entry of the append-only change log.
type Event struct {
	ID     int64     `json:"id"`
	At     time.Time `json:"at"`
	Kind   string    `json:"kind"`
	Target string    `json:"target"`
	Old    string    `json:"old"`
	New    string    `json:"new"`
	// Step groups the events of one change that took several at once
	// (marking a stage or a group done, and the undo or redo of such a
	// change): consecutive events with the same non-zero Step are undone
	// and redone together. Zero for an event that is a change on its own,
	// and for every event of a log written before devpath grouped them.
	Step int64 `json:"step,omitempty"`
}

// CheckIn is a labelled, frozen snapshot of all levels and the readiness at a
// moment, for a review with a manager.
type CheckIn struct {
	ID    int64     `json:"id"`
	Label string    `json:"label"`
	At    time.Time `json:"at"`
	// Stage is the stage the user was at.
	Stage string `json:"stage"`
	// Score and Verdict are the readiness at that moment.
	Score   float64 `json:"score"`
	Verdict string  `json:"verdict"`
	// Items holds the level of every entry touched so far.
	Items map[string]ItemState `json:"items"`
	// RoadmapID and RoadmapVersion name the roadmap the check-in was made
	// under; "" and 0 for a check-in made before devpath recorded it.
	RoadmapID      string `json:"roadmap_id,omitempty"`
	RoadmapVersion int    `json:"roadmap_version,omitempty"`
	// RoadmapEntries lists that roadmap's entry ids, each with the former
	// ids it replaces, so that two check-ins made under different roadmap
	// versions tell what was added, removed or renamed (see
	// DiffRoadmapEntries); nil when not recorded.
	RoadmapEntries map[string][]string `json:"roadmap_entries,omitempty"`
	// EvidencedScore is the evidenced score at that moment; nil for a
	// check-in made before devpath recorded it, or under a roadmap that
	// turns evidence off.
	EvidencedScore *float64 `json:"evidenced_score,omitempty"`
}

// Fields returns the profile's values by the field names of the change log
// (ProfileFields), dates written as the store writes them, so that a value
// can be checked the same way whether it comes from a form, a backup or
// the log.
func (p Profile) Fields() map[string]string {
	return map[string]string{
		"name": p.Name, "stage": p.Stage, "stage_since": FormatDay(p.StageSince), "career_start": FormatDay(p.CareerStart),
		"region": p.Region, "branch": p.Branch, "track": p.Track, "track_level": p.TrackLevel,
	}
}
