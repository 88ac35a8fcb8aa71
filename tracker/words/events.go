package words

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"devpath/roadmap"
	"devpath/tracker"
)

// EntryName is an entry's title; when the roadmap (which may be nil) lacks
// it, the id with a note saying so, as there is no title to show.
func EntryName(rm *roadmap.Roadmap, id string) string {
	if rm != nil {
		if e, ok := rm.Lookup(id); ok && e.Item.Title != "" {
			return e.Item.Title
		}
	}
	return id + " (not in this roadmap)"
}

// StageName is a stage's title, or its id when the roadmap (which may be
// nil) lacks it; "not set" for none.
func StageName(rm *roadmap.Roadmap, id string) string {
	if id == "" {
		return "not set"
	}
	if rm != nil {
		if s := rm.Stage(id); s != nil {
			return s.Title
		}
	}
	return id
}

// EntryKind is an entry's kind, or "" when the roadmap (which may be nil)
// lacks it.
func EntryKind(rm *roadmap.Roadmap, id string) string {
	if rm != nil {
		if e, ok := rm.Lookup(id); ok {
			return e.Kind
		}
	}
	return ""
}

// profileFieldWords words the profile's fields as the change log names
// them.
var profileFieldWords = map[string]string{
	"name":         "name",
	"stage":        "stage",
	"stage_since":  "stage start",
	"career_start": "career start",
	"region":       "region",
	"branch":       "branch",
	"track":        "track",
	"track_level":  "rung",
}

// ProfileField is a profile field of the change log in words: "career
// start", "rung".
func ProfileField(field string) string {
	if w, ok := profileFieldWords[field]; ok {
		return w
	}
	return strings.ReplaceAll(field, "_", " ")
}

// ProfileValue is a profile value of the change log in words: titles for
// stage, branch, track and rung ids, the region's name, "none" when empty.
func ProfileValue(rm *roadmap.Roadmap, field, v string) string {
	if v == "" {
		return "none"
	}
	if field == "region" {
		return Region(v)
	}
	if rm != nil {
		switch field {
		case "stage":
			return StageName(rm, v)
		case "branch":
			if b := rm.Branch(v); b != nil {
				return b.Title
			}
		case "track":
			if t := rm.Track(v); t != nil {
				return t.Title
			}
		case "track_level":
			for _, t := range rm.Tracks {
				for _, l := range t.Levels {
					if l.ID == v {
						return l.Title
					}
				}
			}
		}
	}
	return v
}

// Line is one change in words: what changed (an entry, a profile field)
// and how. History shows the two on two lines; elsewhere they are one
// sentence.
type Line struct{ Subject, Change string }

// String is the line as one sentence: "IAM: learning ⟶ proficient".
func (l Line) String() string { return l.Subject + ": " + l.Change }

// Event describes one event of the log in words, without its date: "IAM",
// "practising ⟶ proficient". byID, which may be nil, lets an undo name the
// change it reverted. History and the command line's history both say
// events this way.
func Event(rm *roadmap.Roadmap, e tracker.Event, byID map[int64]tracker.Event) Line {
	switch e.Kind {
	case tracker.EventLevel:
		kind := EntryKind(rm, e.Target)
		return Line{EntryName(rm, e.Target), StoredLevel(kind, e.Old) + Arrow + StoredLevel(kind, e.New)}
	case tracker.EventSkip:
		if e.New == "true" {
			return Line{EntryName(rm, e.Target), "marked " + NotApplicable}
		}
		return Line{EntryName(rm, e.Target), "counted again"}
	case tracker.EventProfile:
		return Line{"Your " + ProfileField(e.Target), ProfileValue(rm, e.Target, e.Old) + Arrow + ProfileValue(rm, e.Target, e.New)}
	case tracker.EventEvidence:
		what, note := "evidence edited", evidenceNote(e.New)
		switch {
		case e.Old == "":
			what = "evidence added"
		case e.New == "":
			what, note = "evidence deleted", evidenceNote(e.Old)
		}
		if note != "" {
			what += ": “" + note + "”"
		}
		return Line{EntryName(rm, e.Target), what}
	case tracker.EventUndo:
		return undoLine(rm, e, byID)
	case tracker.EventImport:
		return Line{"Backup imported", "from " + e.Target}
	case tracker.EventRoadmap:
		// The log keeps each roadmap as it was described when chosen: the
		// file may be long gone.
		return Line{"Roadmap", e.Old + Arrow + e.New}
	case tracker.EventTarget, tracker.EventPlan, tracker.EventReconfirm, tracker.EventCadence:
		return planEvent(rm, e)
	}
	return Line{e.Kind + " " + e.Target, e.Old + Arrow + e.New}
}

// undoLine describes an undo: what it put back ("undone: back to
// learning"), or, for the undo of an undo, the change redone ("redone:
// learning ⟶ proficient").
func undoLine(rm *roadmap.Roadmap, e tracker.Event, byID map[int64]tracker.Event) Line {
	undone, ok := target(e, byID)
	if !ok {
		return Line{"An earlier change", "undone"}
	}
	if undone.Kind != tracker.EventUndo {
		l := backTo(rm, undone)
		l.Change = "undone: " + l.Change
		return l
	}
	orig, ok := target(undone, byID)
	if !ok || orig.Kind == tracker.EventUndo {
		return Line{"An earlier change", "redone"}
	}
	l := Event(rm, orig, nil)
	l.Change = "redone: " + l.Change
	return l
}

// target is the event an undo names.
func target(e tracker.Event, byID map[int64]tracker.Event) (tracker.Event, bool) {
	id, err := strconv.ParseInt(e.Target, 10, 64)
	if err != nil {
		return tracker.Event{}, false
	}
	t, ok := byID[id]
	return t, ok
}

// backTo says what undoing e put back: "back to learning" for a level or a
// profile field, the reverse change for a skip or evidence.
func backTo(rm *roadmap.Roadmap, e tracker.Event) Line {
	switch e.Kind {
	case tracker.EventLevel:
		return Line{EntryName(rm, e.Target), "back to " + StoredLevel(EntryKind(rm, e.Target), e.Old)}
	case tracker.EventProfile:
		return Line{"Your " + ProfileField(e.Target), "back to " + ProfileValue(rm, e.Target, e.Old)}
	}
	back := e
	back.Old, back.New = e.New, e.Old
	return Event(rm, back, nil)
}

// Undone says what undoing e did, for the status line and the command
// line: "Undone: Kubernetes RBAC: back to not confirmed".
func Undone(rm *roadmap.Roadmap, e tracker.Event) string {
	return "Undone: " + backTo(rm, e).String()
}

// Redone says what redoing e did: "Redone: Kubernetes RBAC: not confirmed
// ⟶ confirmed".
func Redone(rm *roadmap.Roadmap, e tracker.Event) string {
	return "Redone: " + Event(rm, e, nil).String()
}

// Undo and redo messages when there is nothing to do.
const (
	NothingToUndo            = "Nothing to undo."
	NothingToUndoAfterImport = "Nothing more to undo: an imported backup can't be undone."
	NothingToRedo            = "Nothing to redo: no change was undone since the last change."
)

// evidenceNote is the note of evidence kept as JSON in the change log, on
// one line; text that is not JSON is shown as it is.
func evidenceNote(s string) string {
	if s == "" {
		return ""
	}
	var ev tracker.Evidence
	if json.Unmarshal([]byte(s), &ev) != nil {
		return strings.Join(strings.Fields(s), " ")
	}
	return strings.Join(strings.Fields(ev.Note), " ")
}

// RoadmapDiff says how the roadmaps of two check-ins differ, one line a
// fact: the roadmaps, then the entries added, removed and renamed; none
// when d is nil (the same roadmap). History's comparison and `devpath
// diff` both show these lines.
func RoadmapDiff(d *tracker.RoadmapDiff) []Line {
	if d == nil {
		return nil
	}
	name := func(id string, v int) string {
		if id == "" {
			return "not recorded"
		}
		return fmt.Sprintf("%s version %d", tracker.Visible(id), v)
	}
	lines := []Line{{"Roadmap", name(d.FromID, d.FromVersion) + Arrow + name(d.ToID, d.ToVersion)}}
	if !d.Known {
		return append(lines, Line{"Entries", "not known: a check-in was made before devpath recorded its roadmap"})
	}
	if len(d.Added) > 0 {
		lines = append(lines, Line{"Entries added", strings.Join(d.Added, ", ")})
	}
	if len(d.Removed) > 0 {
		lines = append(lines, Line{"Entries removed", strings.Join(d.Removed, ", ")})
	}
	if len(d.Renamed) > 0 {
		names := make([]string, len(d.Renamed))
		for i, r := range d.Renamed {
			names[i] = r.From + Arrow + r.To
		}
		lines = append(lines, Line{"Entries renamed", strings.Join(names, ", ")})
	}
	return lines
}
