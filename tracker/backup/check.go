package backup

import (
	"devpath/tracker"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

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
	var pe *time.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("the backup has a date or time that is not valid: %.60q (use RFC 3339, e.g. 2024-05-01T00:00:00Z)", pe.Value)
	}
	return fmt.Errorf("the backup is not valid: %w", err)
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

// check validates the whole backup and normalises its calendar days to
// midnight UTC. It reports the first problem, naming where it is.
//
// An error says which part of the backup failed as a *SectionError (the
// key of the backup: "profile", "items", "evidence", ...), so that a
// restore can name the table of a database copy.
func (b *Backup) Check(now time.Time) (err error) {
	section := ""
	defer func() {
		if err != nil && section != "" {
			err = &SectionError{Section: section, err: err}
		}
	}()
	if b.Format != Format {
		return fmt.Errorf("%w: its format is %.40q, not %q", tracker.ErrNotBackup, b.Format, Format)
	}
	if b.Version < 1 {
		return fmt.Errorf("the backup's format version %d is not valid", b.Version)
	}
	if b.Version > Version {
		return fmt.Errorf("the backup was made by a newer devpath (format version %d; this devpath reads up to %d): update devpath to import it", b.Version, Version)
	}
	// The file is the user's own, perhaps made under a clock that ran
	// fast: its times may lie ahead by FileClockSlack, no further.
	latest := now.Add(tracker.FileClockSlack)
	day := func(where string, t *time.Time, required bool) error {
		if t.IsZero() {
			if required {
				return fmt.Errorf("%s: no date", where)
			}
			return nil
		}
		d := tracker.DayOf(*t)
		if d.Year() < 1900 {
			return fmt.Errorf("%s: date %s is too far in the past", where, d.Format(tracker.DateLayout))
		}
		if d.After(latest) {
			return fmt.Errorf("%s: date %s is in the future", where, d.Format(tracker.DateLayout))
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
	section = "exported_at"
	if err := instant("exported_at", &b.ExportedAt); err != nil {
		return fmt.Errorf("the backup is not valid: %w", err)
	}
	section = "profile"
	if err := b.checkProfile(day, latest); err != nil {
		return fmt.Errorf("the backup is not valid: profile: %w", err)
	}
	section = "roadmap"
	if err := b.checkRoadmap(instant); err != nil {
		return fmt.Errorf("the backup is not valid: roadmap: %w", err)
	}

	section = "items"
	items := map[string]bool{}
	for i := range b.Items {
		it := &b.Items[i]
		where := fmt.Sprintf("items[%d]", i)
		if err := tracker.ValidateItemID(it.ID); err != nil {
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

	section = "evidence"
	evidence, uuids := map[int64]bool{}, map[string]bool{}
	for i := range b.Evidence {
		e := &b.Evidence[i]
		where := fmt.Sprintf("evidence[%d] (id %d)", i, e.ID)
		if err := checkEvidence(e, evidence, latest); err != nil {
			return fmt.Errorf("the backup is not valid: %s: %w", where, err)
		}
		if e.UUID != "" && uuids[e.UUID] {
			return fmt.Errorf("the backup is not valid: %s: the uuid is used twice", where)
		}
		uuids[e.UUID] = true
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

	section = "events"
	events := make(map[int64]*tracker.Event, len(b.Events))
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

	section = "checkins"
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
	if err := b.checkMore(&section, instant, day); err != nil {
		return fmt.Errorf("the backup is not valid: %w", err)
	}
	section = "plan"
	if err := checkPlan(b.Plan); err != nil {
		return fmt.Errorf("the backup is not valid: %w", err)
	}
	return nil
}

// checkProfile validates the backup's profile with the checks of a live
// edit (checkProfileValue). An empty stage means no profile was saved; then
// every other field must be empty too.
func (b *Backup) checkProfile(day func(string, *time.Time, bool) error, latest time.Time) error {
	p := &b.Profile
	if p.Stage == "" {
		if *p != (tracker.Profile{}) {
			return errors.New("no stage given")
		}
		return nil
	}
	values := p.Fields()
	for _, f := range tracker.ProfileFields() {
		if f == "stage_since" || f == "career_start" {
			continue // checked and normalised below
		}
		if err := tracker.CheckProfileValue(f, values[f], latest); err != nil {
			return err
		}
	}
	if err := day("stage_since", &p.StageSince, false); err != nil {
		return err
	}
	return day("career_start", &p.CareerStart, false)
}

// checkState validates an entry's level.
func checkState(s *tracker.ItemState) error {
	if !s.Level.Valid() {
		return fmt.Errorf("level %d is not valid (0-4)", int(s.Level))
	}
	return nil
}

// checkEvidence validates one evidence entry and its id.
func checkEvidence(e *tracker.Evidence, seen map[int64]bool, latest time.Time) error {
	if err := checkRowID(e.ID); err != nil {
		return err
	}
	if seen[e.ID] {
		return errors.New("the id is used twice")
	}
	seen[e.ID] = true
	return tracker.CheckEvidenceContent(e, latest)
}

// checkEvent validates one event of the log, its old and new values with
// the checks of a live change of that kind (checkEventValues); byID holds
// every event of the backup (an undo must name one of them, and its values
// are those of the event it undid).
func checkEvent(e *tracker.Event, byID map[int64]*tracker.Event, latest time.Time) error {
	if !slices.Contains(tracker.EventKinds, e.Kind) {
		return fmt.Errorf("unknown kind of event %.30q", e.Kind)
	}
	if e.Kind == tracker.EventRoadmap {
		return tracker.CheckRoadmapEvent(e.Target, e.Old, e.New)
	}
	if e.Kind != tracker.EventUndo {
		return tracker.CheckEventValues(e.Kind, e.Target, e.Old, e.New, latest)
	}
	id, err := strconv.ParseInt(e.Target, 10, 64)
	u := byID[id]
	if err != nil || u == nil || id == e.ID {
		return fmt.Errorf("it undoes event %.20q, which the backup does not have", e.Target)
	}
	if u.Kind == tracker.EventUndo {
		// A redo undoes an undo of a change: the values are the change's.
		oid, err := strconv.ParseInt(u.Target, 10, 64)
		o := byID[oid]
		if err != nil || o == nil || o.Kind == tracker.EventUndo {
			return fmt.Errorf("it redoes event %d, which does not undo a change the backup has", id)
		}
		u = o
	}
	if u.Kind == tracker.EventImport || u.Kind == tracker.EventRoadmap || !slices.Contains(tracker.EventKinds, u.Kind) {
		return fmt.Errorf("it undoes event %d, a change of kind %.30q, which cannot be undone", id, u.Kind)
	}
	if err := tracker.CheckEventValues(u.Kind, u.Target, e.Old, e.New, latest); err != nil {
		return fmt.Errorf("undo of event %d: %w", id, err)
	}
	return nil
}

// checkCheckIn validates one check-in and its id.
func checkCheckIn(c *tracker.CheckIn, seen map[int64]bool) error {
	if err := checkRowID(c.ID); err != nil {
		return err
	}
	if seen[c.ID] {
		return errors.New("the id is used twice")
	}
	seen[c.ID] = true
	if strings.TrimSpace(c.Label) == "" {
		return errors.New("no label")
	}
	if err := tracker.ValidateText("label", c.Label, tracker.MaxNameLen); err != nil {
		return err
	}
	if _, err := strconv.ParseInt(strings.TrimSpace(c.Label), 10, 64); err == nil {
		return fmt.Errorf("label %.20q is just a number, which would read as a check-in id", c.Label)
	}
	if c.Stage == "" {
		return errors.New("no stage")
	}
	if err := tracker.ValidateItemID(c.Stage); err != nil {
		return fmt.Errorf("stage %.40q is not a valid id", c.Stage)
	}
	if math.IsNaN(c.Score) || c.Score < 0 || c.Score > 100 {
		return fmt.Errorf("score %v is not between 0 and 100", c.Score)
	}
	if e := c.EvidencedScore; e != nil && (math.IsNaN(*e) || *e < 0 || *e > 100) {
		return fmt.Errorf("evidenced score %v is not between 0 and 100", *e)
	}
	switch c.Verdict {
	case tracker.VerdictReady, tracker.VerdictClose, tracker.VerdictBuilding, "":
	default:
		return fmt.Errorf("unknown verdict %.20q", c.Verdict)
	}
	if c.Items == nil {
		c.Items = map[string]tracker.ItemState{}
	}
	for id, st := range c.Items {
		if err := tracker.ValidateItemID(id); err != nil {
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
func checkCheckInRoadmap(c *tracker.CheckIn) error {
	if c.RoadmapID == "" {
		if c.RoadmapVersion != 0 || len(c.RoadmapEntries) > 0 {
			return errors.New("it records a roadmap version or entries but no roadmap id")
		}
		return nil
	}
	if err := tracker.ValidateText("the roadmap id", c.RoadmapID, tracker.MaxIDLen); err != nil {
		return err
	}
	if c.RoadmapVersion < 0 {
		return fmt.Errorf("roadmap version %d is not valid", c.RoadmapVersion)
	}
	for id, former := range c.RoadmapEntries {
		if err := tracker.ValidateItemID(id); err != nil {
			return fmt.Errorf("the roadmap's entries: %w", err)
		}
		for _, f := range former {
			if err := tracker.ValidateItemID(f); err != nil {
				return fmt.Errorf("the roadmap's entry %s: %w", id, err)
			}
		}
	}
	return nil
}

// unknownKey is the first key of the JSON object raw (or of an object
// inside it) that has no field in t, as a dotted path; "" when every key
// has one. It follows encoding/json's rules: a field's name is its json
// tag's, else its Go name, matched without regard to case.
func unknownKey(raw json.RawMessage, t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) != nil {
			return ""
		}
		for _, it := range items {
			if k := unknownKey(it, t.Elem()); k != "" {
				return k
			}
		}
	case reflect.Struct:
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil {
			return ""
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			f, ok := fieldNamed(t, k)
			if !ok {
				return k
			}
			if sub := unknownKey(obj[k], f.Type); sub != "" {
				return k + "." + sub
			}
		}
	}
	return ""
}

// fieldNamed finds the field of struct t that the JSON key name decodes
// into.
func fieldNamed(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case tag == "-":
			continue
		case tag == "":
			tag = f.Name
		}
		if strings.EqualFold(tag, name) {
			return f, true
		}
	}
	return reflect.StructField{}, false
}
