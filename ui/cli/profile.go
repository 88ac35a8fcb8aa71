package cli

import (
	"flag"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/core"
	"devpath/tracker/words"
)

func init() {
	register(&command{
		name:    "profile",
		section: sectionProgress,
		brief:   "profile [--name N] [--stage ID] [--since DATE] …",
		usage:   "profile [--name N] [--stage ID] [--since YYYY-MM-DD] [--career-start YYYY-MM-DD] [--region uk|us] [--branch ID|none] [--track ID|none] [--level ID|none]",
		summary: "show your profile, or set any part of it",
		help: `Without flags, shows the profile: your name, the stage you are at and since
when, when your career started, your region (for salary bands) and your
chosen branch, track and rung on that track.

With flags, sets the parts given and shows the result. Stage, branch,
track and level ids are those of 'devpath roadmap'. Changing the stage
without --since starts the stage today. "--branch none" and "--track none"
clear the choice; --level alone also sets the track the rung belongs to.`,
		examples: []string{
			"devpath profile",
			`devpath profile --name "Sam Doe" --stage mid --since 2024-03-01 --region uk`,
			"devpath profile --branch sre --track ic --level ic-senior",
			"devpath profile --branch none",
		},
		setup: func(fs *flag.FlagSet) runFunc {
			fs.String("name", "", "your name, as `TEXT`")
			fs.String("stage", "", "the stage you are at, by `ID` (junior, mid, …)")
			fs.String("since", "", "the day you entered the stage, `YYYY-MM-DD`")
			fs.String("career-start", "", "the day your DevOps career started, `YYYY-MM-DD`")
			fs.String("region", "", "the salary bands to show: `uk|us`")
			fs.String("branch", "", "your chosen branch, by `ID` (sre, platform, …), or none")
			fs.String("track", "", "your chosen track, by `ID` (ic, management, architecture), or none")
			fs.String("level", "", "the rung you hold on your track, by `ID` (ic-senior, …), or none")
			return func(c *ctx, args []string) error {
				if err := wantArgs(args); err != nil {
					return err
				}
				set := map[string]string{}
				fs.Visit(func(f *flag.Flag) { set[f.Name] = f.Value.String() })
				if len(set) == 0 {
					return c.showProfile()
				}
				return c.setProfile(set)
			}
		},
	})
}

// showProfile prints the stored profile.
func (c *ctx) showProfile() error {
	return c.withRoadmap(false, func(rm *roadmap.Roadmap, st *core.DB) error {
		p, has, err := savedProgress(st)
		if err != nil {
			return err
		}
		printProfile(c, rm, p.Profile, st.Path())
		if !has {
			fmt.Fprintln(c.stdout, "\nThis is a new profile with default values; set yours with, for example:")
			fmt.Fprintln(c.stdout, "  devpath profile --name NAME --stage ID --since YYYY-MM-DD")
		}
		return nil
	})
}

func printProfile(c *ctx, rm *roadmap.Roadmap, p tracker.Profile, path string) {
	w, flush := visibleTable(c.stdout)
	fmt.Fprintf(w, "Name:\t%s\n", orNone(p.Name))
	fmt.Fprintf(w, "Stage:\t%s, since %s\n", stageTitle(rm, p.Stage), day(p.StageSince))
	fmt.Fprintf(w, "Career start:\t%s\n", day(p.CareerStart))
	fmt.Fprintf(w, "Region:\t%s\n", words.Region(p.Region))
	branch := orNone(p.Branch)
	if b := rm.Branch(p.Branch); b != nil {
		branch = fmt.Sprintf("%s (%s)", b.Title, b.ID)
	}
	fmt.Fprintf(w, "Branch:\t%s\n", branch)
	track := orNone(p.Track)
	if t := rm.Track(p.Track); t != nil {
		track = fmt.Sprintf("%s (%s)", t.Title, t.ID)
	}
	fmt.Fprintf(w, "Track:\t%s\n", track)
	level := orNone(p.TrackLevel)
	if _, l := findTrackLevel(rm, p.TrackLevel); l != nil {
		level = fmt.Sprintf("%s (%s)", l.Title, l.ID)
	}
	fmt.Fprintf(w, "Track level:\t%s\n", level)
	fmt.Fprintf(w, "Database:\t%s\n", path)
	_ = flush()
}

// findTrackLevel finds the track rung with the given id and its track.
func findTrackLevel(rm *roadmap.Roadmap, id string) (*roadmap.Track, *roadmap.TrackLevel) {
	if id == "" {
		return nil, nil
	}
	for i := range rm.Tracks {
		t := &rm.Tracks[i]
		for j := range t.Levels {
			if t.Levels[j].ID == id {
				return t, &t.Levels[j]
			}
		}
	}
	return nil, nil
}

// profileEdit is a validated change to the profile: only the fields given
// are applied.
type profileEdit struct {
	set                  map[string]bool
	name, stage, region  string
	branch, track, level string
	since, careerStart   time.Time
	stageDefaultedToday  bool
}

// parseProfileEdit validates the flags given to "profile" against the
// roadmap, before the database is opened.
func parseProfileEdit(c *ctx, rm *roadmap.Roadmap, set map[string]string) (profileEdit, error) {
	e := profileEdit{set: map[string]bool{}}
	for k := range set {
		e.set[k] = true
	}
	if v, ok := set["name"]; ok {
		v = strings.TrimSpace(v)
		if len([]rune(v)) > tracker.MaxNameLen {
			return e, usagef("--name is longer than %d characters", tracker.MaxNameLen)
		}
		if !utf8.ValidString(v) || strings.ContainsFunc(v, unicode.IsControl) {
			return e, usagef("--name must be one line of text")
		}
		e.name = v
	}
	if v, ok := set["stage"]; ok {
		v = strings.ToLower(strings.TrimSpace(v))
		if rm.Stage(v) == nil {
			var ids []string
			for _, s := range rm.Stages {
				ids = append(ids, s.ID)
			}
			return e, unknownChoice("stage", set["stage"], ids)
		}
		e.stage = v
	}
	for _, k := range []string{"since", "career-start"} {
		v, ok := set[k]
		if !ok {
			continue
		}
		d, err := parseDay(c, v)
		if err != nil {
			return e, usagef("--%s: %s", k, err)
		}
		if k == "since" {
			e.since = d
		} else {
			e.careerStart = d
		}
	}
	if v, ok := set["region"]; ok {
		v = strings.ToLower(strings.TrimSpace(v))
		if v != roadmap.RegionUK && v != roadmap.RegionUS {
			return e, usagef("--region must be uk or us, not %q", set["region"])
		}
		e.region = v
	}
	if v, ok := set["branch"]; ok {
		ids := make([]string, len(rm.Branches))
		for i, b := range rm.Branches {
			ids[i] = b.ID
		}
		var err error
		if e.branch, err = choiceArg("branch", v, ids); err != nil {
			return e, err
		}
	}
	if v, ok := set["track"]; ok {
		ids := make([]string, len(rm.Tracks))
		for i, t := range rm.Tracks {
			ids[i] = t.ID
		}
		var err error
		if e.track, err = choiceArg("track", v, ids); err != nil {
			return e, err
		}
	}
	if v, ok := set["level"]; ok {
		v = strings.ToLower(strings.TrimSpace(v))
		if v != "none" && v != "" {
			t, _ := findTrackLevel(rm, v)
			if t == nil {
				var ids []string
				for _, t := range rm.Tracks {
					for _, l := range t.Levels {
						ids = append(ids, l.ID)
					}
				}
				return e, unknownChoice("track level", set["level"], append(ids, "none"))
			}
			if e.set["track"] && e.track != t.ID {
				return e, usagef("--level %s is a rung of the %s track, not of %s", v, t.ID, orNone(e.track))
			}
			e.level = v
		}
	}
	return e, nil
}

// choiceArg reads the value of --branch or --track (what names it): one of
// ids, in any case, or "none" or nothing to clear the choice ("").
func choiceArg(what, raw string, ids []string) (string, error) {
	v := strings.ToLower(strings.TrimSpace(raw))
	switch {
	case v == "none":
		return "", nil
	case v != "" && !slices.Contains(ids, v):
		return "", unknownChoice(what, raw, append(ids, "none"))
	}
	return v, nil
}

// apply returns p with the edit applied. today starts a changed stage when
// no --since was given.
func (e *profileEdit) apply(rm *roadmap.Roadmap, p tracker.Profile, today time.Time) tracker.Profile {
	if e.set["name"] {
		p.Name = e.name
	}
	if e.set["stage"] && e.stage != p.Stage {
		p.Stage = e.stage
		if !e.set["since"] {
			p.StageSince = today
			e.stageDefaultedToday = true
		}
	}
	if e.set["since"] {
		p.StageSince = e.since
	}
	if e.set["career-start"] {
		p.CareerStart = e.careerStart
	}
	if e.set["region"] {
		p.Region = e.region
	}
	if e.set["branch"] {
		p.Branch = e.branch
	}
	if e.set["track"] {
		p.Track = e.track
	}
	if e.set["level"] {
		p.TrackLevel = e.level
		if t, _ := findTrackLevel(rm, e.level); t != nil && !e.set["track"] {
			p.Track = t.ID
		}
	}
	// A rung that is not on the (new) track no longer applies.
	if t, _ := findTrackLevel(rm, p.TrackLevel); t == nil || t.ID != p.Track {
		p.TrackLevel = ""
	}
	return p
}

// setProfile validates the flags, then saves the changed profile.
func (c *ctx) setProfile(set map[string]string) error {
	rm, err := c.roadmap()
	if err != nil {
		return err
	}
	edit, err := parseProfileEdit(c, rm, set)
	if err != nil {
		return err
	}
	return c.withStore(true, func(st *core.DB) error {
		old, err := st.Profile()
		if err != nil {
			return err
		}
		p := edit.apply(rm, old, c.today())
		changes := profileChanges(rm, old, p)
		has, err := st.HasProfile()
		if err != nil {
			return err
		}
		if len(changes) == 0 && has {
			fmt.Fprintln(c.stdout, "Profile unchanged.")
			return nil
		}
		if err := st.SaveProfile(p); err != nil {
			return err
		}
		for _, ch := range changes {
			fmt.Fprintln(c.stdout, tracker.Visible(ch))
		}
		if edit.stageDefaultedToday {
			fmt.Fprintf(c.stdout, "The stage starts today (%s); give the real date with --since YYYY-MM-DD.\n", day(p.StageSince))
		}
		fmt.Fprintln(c.stdout)
		printProfile(c, rm, p, st.Path())
		return nil
	})
}

// profileChanges lists the fields that differ between two profiles, as
// History says a change of them: "Your stage: Junior ⟶ Mid".
func profileChanges(rm *roadmap.Roadmap, a, b tracker.Profile) []string {
	var out []string
	add := func(field, x, y string) {
		if x != y {
			out = append(out, words.Event(rm, tracker.Event{Kind: tracker.EventProfile, Target: field, Old: x, New: y}, nil).String())
		}
	}
	add("name", a.Name, b.Name)
	add("stage", a.Stage, b.Stage)
	add("stage_since", dayOrEmpty(a.StageSince), dayOrEmpty(b.StageSince))
	add("career_start", dayOrEmpty(a.CareerStart), dayOrEmpty(b.CareerStart))
	add("region", a.Region, b.Region)
	add("branch", a.Branch, b.Branch)
	add("track", a.Track, b.Track)
	add("track_level", a.TrackLevel, b.TrackLevel)
	return out
}

func dayOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dateLayout)
}

// unknownChoice is the failure for an id that is not one of the roadmap's
// choices of that kind, suggesting the closest.
func unknownChoice(what, got string, ids []string) error {
	msg := fmt.Sprintf("unknown %s %q", what, got)
	if s := closest(got, ids, 3); len(s) > 0 {
		msg += "; did you mean " + orList(s) + "?"
	} else if len(ids) > 0 {
		msg += "; choose one of " + orList(ids)
	}
	return &failure{lines: []string{msg}}
}

// parseDay reads a YYYY-MM-DD date that is not in the future.
func parseDay(c *ctx, s string) (time.Time, error) {
	d, err := tracker.ParseDate(strings.TrimSpace(s), c.today())
	if err != nil {
		return time.Time{}, fmt.Errorf("%s", oneLine(err.Error()))
	}
	return d, nil
}
