package roadmap

import (
	"fmt"
	"math"
	"regexp"
	"strings"
)

// Problem is one thing wrong with a roadmap. Path says where it is, in the
// roadmap's own keys, e.g. "stages[2].skills[1].items[0]"; it is empty for
// a problem with the file as a whole.
type Problem struct {
	Path string
	Msg  string
}

// String returns the problem as one line, "path: msg".
func (p Problem) String() string {
	if p.Path == "" {
		return p.Msg
	}
	return p.Path + ": " + p.Msg
}

// Problems is every problem found in a roadmap. It is the error that
// Validate returns and that Load returns for a file with bad content; use
// errors.As to get at the single problems.
type Problems []Problem

// Error returns the problems one a line, each as "path: msg".
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// idPattern is the form of every id: lowercase letters, digits and dashes,
// not starting with a dash.
var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// weightTolerance is how far the readiness weights may sum from 1.
const weightTolerance = 0.001

// maxSignals is the most globs, and the most words, one entry's signals may
// list, and maxSignalLen the longest glob or word in bytes. An honest list
// is far shorter; the limits keep a scan of a long history against a
// hostile roadmap quick.
const (
	maxSignals   = 50
	maxSignalLen = 200
)

// Bounds of the evidence rule: skill levels run 1-4, and evidence older
// than fifty years cannot be about a career that is still going.
const (
	minEvidenceLevel = 1
	maxEvidenceLevel = 4
	maxEvidenceAge   = 600
	// maxReconfirm and maxHorizon bound the plan's intervals, in months:
	// ten years between re-confirmations, twenty years ahead for a target.
	maxReconfirm = 120
	maxHorizon   = 240
)

// maxProblems is the most problems listed one by one; past it, one last
// line gives the number of further problems. Only a file that is broken on
// a large scale reaches it.
const maxProblems = 200

// problemList collects problems up to maxProblems and counts the rest.
type problemList struct {
	ps   Problems
	more int
}

func (l *problemList) add(p Problem) {
	if l.full() {
		l.more++
		return
	}
	l.ps = append(l.ps, p)
}

func (l *problemList) full() bool { return len(l.ps) >= maxProblems }

// result returns the problems, with a last line for those not listed.
func (l *problemList) result() Problems {
	if l.more > 0 {
		return append(l.ps, Problem{Msg: fmt.Sprintf("… and %d more problems", l.more)})
	}
	return l.ps
}

// Validate checks the roadmap and returns nil, or Problems listing every
// problem found, in roadmap order. It checks that:
//   - version is 1 or more, the roadmap has an id and a title, and at least
//     one stage;
//   - stages, skill groups, items, criteria, milestones, branches, tracks and
//     track levels have an id and a title, and every id is lowercase letters,
//     digits and dashes;
//   - the ids of tickable entries (skill items, criteria, milestones, branch
//     items) and their former ids (replaces) are unique across the whole
//     roadmap, and stage, group, branch, track and level ids are unique
//     among their kind;
//   - transitions, track levels, the decision and next steps name known
//     stages, and skill groups and criteria name known tracks (no other
//     entry has a track);
//   - no range has its min above its max and no figure is negative;
//   - the readiness weights are each between 0 and 1 and sum to 1, close and
//     ready lie within 0..100 with close at most ready, and stall_months is
//     at least 1;
//   - unless the evidence rule is off, its required_from_level is a skill
//     level (1-4) and its max_age_months lies within 1..600;
//   - an entry's signals list at least one glob or word, at most 50 of each,
//     each at most 200 bytes; every glob passes CheckGlob and no word is
//     empty.
func (r *Roadmap) Validate() error {
	v := &validator{
		r:        r,
		entryIDs: map[string]string{},
		stages:   map[string]bool{},
		tracks:   map[string]bool{},
		branches: map[string]bool{},
	}
	v.run()
	if len(v.ps.ps) == 0 {
		return nil
	}
	return v.ps.result()
}

type validator struct {
	r  *Roadmap
	ps problemList
	// entryIDs maps every tickable id and former id to where it was first
	// seen.
	entryIDs map[string]string
	// stages and tracks are the known stage and track ids.
	stages   map[string]bool
	tracks   map[string]bool
	branches map[string]bool
}

func (v *validator) add(path, format string, args ...any) {
	if v.ps.full() {
		v.ps.more++
		return
	}
	v.ps.add(Problem{Path: path, Msg: fmt.Sprintf(format, args...)})
}

func (v *validator) run() {
	r := v.r
	for _, s := range r.Stages {
		if s.ID != "" {
			v.stages[s.ID] = true
		}
	}
	for _, t := range r.Tracks {
		if t.ID != "" {
			v.tracks[t.ID] = true
		}
	}
	for _, b := range r.Branches {
		if b.ID != "" {
			v.branches[b.ID] = true
		}
	}

	v.texts()
	if r.Version < 1 {
		v.add("version", "must be 1 or more, got %d", r.Version)
	}
	v.named("", r.ID, r.Title)
	v.readiness()
	if len(r.Stages) == 0 {
		v.add("stages", "no stages: a roadmap needs at least one")
	}

	stageIDs := map[string]string{}
	groupIDs := map[string]string{}
	for i, s := range r.Stages {
		p := fmt.Sprintf("stages[%d]", i)
		v.named(p, s.ID, s.Title)
		v.unique(stageIDs, p, "stage", s.ID)
		v.years(p+".years", s.Years)
		v.salary(p+".salary", s.Salary)
		for j, g := range s.Skills {
			gp := fmt.Sprintf("%s.skills[%d]", p, j)
			v.named(gp, g.ID, g.Title)
			v.unique(groupIDs, gp, "skill group", g.ID)
			if g.Track != "" && !v.tracks[g.Track] {
				v.add(gp+".track", "unknown track %q%s", g.Track, v.choices(v.trackIDs()))
			}
			if g.Branch != "" && !v.branches[g.Branch] {
				v.add(gp+".branch", "unknown branch %q%s", g.Branch, v.choices(v.branchIDs()))
			}
			if g.ReconfirmMonths < 0 || g.ReconfirmMonths > maxReconfirm {
				v.add(gp+".reconfirm_months", "%d is outside 1..%d (leave it out to use readiness.reconfirm_months)", g.ReconfirmMonths, maxReconfirm)
			}
			if len(g.Items) == 0 {
				v.add(gp, "skill group has no items")
			}
			for k, it := range g.Items {
				v.entry(fmt.Sprintf("%s.items[%d]", gp, k), it)
				v.noTrack(fmt.Sprintf("%s.items[%d]", gp, k), it)
			}
		}
		for j, it := range s.Criteria {
			cp := fmt.Sprintf("%s.criteria[%d]", p, j)
			v.entry(cp, it)
			if it.Track != "" && !v.tracks[it.Track] {
				v.add(cp+".track", "unknown track %q%s", it.Track, v.choices(v.trackIDs()))
			}
		}
		if s.Milestone.ID != "" || s.Milestone.Title != "" || len(s.Milestone.Replaces) > 0 || s.Milestone.Track != "" {
			v.entry(p+".milestone", s.Milestone)
			v.noTrack(p+".milestone", s.Milestone)
		}
	}

	branchIDs := map[string]string{}
	for i, b := range r.Branches {
		p := fmt.Sprintf("branches[%d]", i)
		v.named(p, b.ID, b.Title)
		v.unique(branchIDs, p, "branch", b.ID)
		v.salary(p+".salary", b.Salary)
		for j, it := range b.Items {
			v.entry(fmt.Sprintf("%s.items[%d]", p, j), it)
			v.noTrack(fmt.Sprintf("%s.items[%d]", p, j), it)
		}
		for j, rung := range b.Ladder {
			rp := fmt.Sprintf("%s.ladder[%d]", p, j)
			if strings.TrimSpace(rung.Title) == "" {
				v.add(rp, "missing title")
			}
			v.salary(rp+".salary", rung.Salary)
		}
		v.facts(p+".facts", b.Facts)
	}

	trackIDs := map[string]string{}
	levelIDs := map[string]string{}
	for i, t := range r.Tracks {
		p := fmt.Sprintf("tracks[%d]", i)
		v.named(p, t.ID, t.Title)
		v.unique(trackIDs, p, "track", t.ID)
		for j, l := range t.Levels {
			lp := fmt.Sprintf("%s.levels[%d]", p, j)
			v.named(lp, l.ID, l.Title)
			v.unique(levelIDs, lp, "track level", l.ID)
			v.salary(lp+".salary", l.Salary)
			if l.Stage != "" {
				v.stage(lp+".stage", l.Stage)
			}
			v.facts(lp+".facts", l.Facts)
		}
		v.facts(p+".facts", t.Facts)
	}

	from := map[string]string{}
	for i, t := range r.Transitions {
		p := fmt.Sprintf("transitions[%d]", i)
		v.stage(p+".from", t.From)
		v.stage(p+".to", t.To)
		if t.From != "" && t.From == t.To {
			v.add(p, "from and to are the same stage %q", t.From)
		}
		if first, dup := from[t.From]; dup && t.From != "" {
			v.add(p+".from", "a transition from %q is already given at %s", t.From, first)
		} else {
			from[t.From] = p
		}
		v.months(p+".typical_months", t.TypicalMonths)
		v.months(p+".accelerated_months", t.AcceleratedMonths)
	}
	v.facts("timeline_facts", r.TimelineFacts)

	if d := r.Decision; d != nil {
		v.stage("decision.stage", d.Stage)
		if strings.TrimSpace(d.Summary) == "" {
			v.add("decision", "missing summary")
		}
		v.facts("decision.facts", d.Facts)
	}
	v.notes("accelerators", r.Accelerators)
	v.notes("mistakes", r.Mistakes)
	for i, n := range r.NextSteps {
		p := fmt.Sprintf("next_steps[%d]", i)
		if n.Stage != "" {
			v.stage(p+".stage", n.Stage)
		}
		if strings.TrimSpace(n.Summary) == "" {
			v.add(p, "missing summary")
		}
	}
}

// facts checks a list of facts: each must say something. Their characters
// are checked with every other text (see texts).
func (v *validator) facts(path string, fs []string) {
	for i, f := range fs {
		if strings.TrimSpace(f) == "" {
			v.add(fmt.Sprintf("%s[%d]", path, i), "empty fact; write the fact or remove the line")
		}
	}
}

// named checks that something has a well-formed id and a title.
func (v *validator) named(path, id, title string) {
	p := path
	if p == "" {
		p = "roadmap"
	}
	v.id(p, id)
	if strings.TrimSpace(title) == "" {
		v.add(p, "missing title")
	}
}

// id checks that id is present and well formed.
func (v *validator) id(path, id string) bool {
	switch {
	case id == "":
		v.add(path, "missing id")
		return false
	case !idPattern.MatchString(id):
		v.add(path, "malformed id %q: use lowercase letters, digits and dashes, starting with a letter or digit", id)
		return false
	}
	return true
}

// unique records id in seen and reports it if it was already there.
func (v *validator) unique(seen map[string]string, path, kind, id string) {
	if id == "" {
		return
	}
	if first, dup := seen[id]; dup {
		v.add(path, "duplicate %s id %q (also at %s)", kind, id, first)
		return
	}
	seen[id] = path
}

// entry checks a tickable entry: its id, title and former ids, all unique
// across the roadmap.
func (v *validator) entry(path string, it Item) {
	if v.id(path, it.ID) {
		v.entryID(path, it.ID)
	}
	if strings.TrimSpace(it.Title) == "" {
		v.add(path, "missing title")
	}
	for i, old := range it.Replaces {
		p := fmt.Sprintf("%s.replaces[%d]", path, i)
		if v.id(p, old) {
			v.entryID(p, old)
		}
	}
	v.signals(path+".signals", it.Signals)
}

// signals checks an entry's evidence signals. A glob that CheckGlob refuses
// would silently match nothing, so it is reported with CheckGlob's reason,
// which names the glob.
func (v *validator) signals(path string, s *Signals) {
	if s == nil {
		return
	}
	if len(s.Paths) == 0 && len(s.Words) == 0 {
		v.add(path, "signals has no paths and no words")
		return
	}
	if len(s.Paths) > maxSignals {
		v.add(path+".paths", "%d globs, at most %d allowed", len(s.Paths), maxSignals)
	}
	for i, g := range s.Paths {
		p := fmt.Sprintf("%s.paths[%d]", path, i)
		if len(g) > maxSignalLen {
			v.add(p, "glob is %d bytes long, at most %d allowed", len(g), maxSignalLen)
			continue
		}
		if err := CheckGlob(g); err != nil {
			v.add(p, "%v", err)
		}
	}
	if len(s.Words) > maxSignals {
		v.add(path+".words", "%d words, at most %d allowed", len(s.Words), maxSignals)
	}
	for i, w := range s.Words {
		p := fmt.Sprintf("%s.words[%d]", path, i)
		switch {
		case strings.TrimSpace(w) == "":
			v.add(p, "empty word; write the word or remove it")
		case len(w) > maxSignalLen:
			v.add(p, "word is %d bytes long, at most %d allowed", len(w), maxSignalLen)
		}
	}
}

// noTrack reports a track on an entry that is not a criterion: a skill
// item takes its track from its group, and milestones and branch items
// count for every track.
func (v *validator) noTrack(path string, it Item) {
	if it.Track != "" {
		v.add(path+".track", "only criteria and skill groups take a track; move it to the skill group or drop it")
	}
}

func (v *validator) entryID(path, id string) {
	if first, dup := v.entryIDs[id]; dup {
		v.add(path, "duplicate id %q (also at %s)", id, first)
		return
	}
	v.entryIDs[id] = path
}

// stage checks that id names a stage of the roadmap.
func (v *validator) stage(path, id string) {
	if !v.stages[id] {
		if id == "" {
			v.add(path, "missing stage")
			return
		}
		var ids []string
		for _, s := range v.r.Stages {
			if s.ID != "" {
				ids = append(ids, s.ID)
			}
		}
		v.add(path, "unknown stage %q%s", id, v.choices(ids))
	}
}

func (v *validator) trackIDs() []string {
	var ids []string
	for _, t := range v.r.Tracks {
		if t.ID != "" {
			ids = append(ids, t.ID)
		}
	}
	return ids
}

func (v *validator) branchIDs() []string {
	var ids []string
	for _, b := range v.r.Branches {
		if b.ID != "" {
			ids = append(ids, b.ID)
		}
	}
	return ids
}

// choices lists the known ids for an "unknown" message.
func (v *validator) choices(ids []string) string {
	if len(ids) == 0 {
		return " (the roadmap defines none)"
	}
	const most = 8
	more := ""
	if len(ids) > most {
		ids, more = ids[:most], ", …"
	}
	return " (known: " + strings.Join(ids, ", ") + more + ")"
}

func (v *validator) years(path string, y Years) {
	if y.Min < 0 {
		v.add(path, "negative min %d", y.Min)
	}
	if y.Max != nil {
		if *y.Max < 0 {
			v.add(path, "negative max %d", *y.Max)
		}
		if y.Min > *y.Max {
			v.add(path, "min %d is above max %d", y.Min, *y.Max)
		}
	}
}

func (v *validator) months(path string, m Months) {
	v.band(path, m.Min, m.Max)
}

func (v *validator) salary(path string, s Salary) {
	if s.UK != nil {
		v.band(path+".uk", s.UK.Min, s.UK.Max)
	}
	if s.US != nil {
		v.band(path+".us", s.US.Min, s.US.Max)
	}
}

func (v *validator) band(path string, lo, hi int) {
	if lo < 0 {
		v.add(path, "negative min %d", lo)
	}
	if hi < 0 {
		v.add(path, "negative max %d", hi)
	}
	if lo > hi {
		v.add(path, "min %d is above max %d", lo, hi)
	}
}

func (v *validator) readiness() {
	rd := v.r.Readiness
	w := rd.Weights
	ws := []struct {
		key string
		val float64
	}{{"skills", w.Skills}, {"criteria", w.Criteria}, {"milestone", w.Milestone}, {"experience", w.Experience}}
	sum, ok := 0.0, true
	for _, x := range ws {
		if !(x.val >= 0 && x.val <= 1) { // also catches NaN
			v.add("readiness.weights."+x.key, "%v is outside 0..1", x.val)
			ok = false
		}
		sum += x.val
	}
	if ok && math.Abs(sum-1) > weightTolerance {
		v.add("readiness.weights", "weights sum to %v, want 1 (a weight left out counts as its default: skills 0.5, criteria 0.3, milestone 0.1, experience 0.1)",
			math.Round(sum*10000)/10000)
	}
	inRange := func(key string, x float64) bool {
		if !(x >= 0 && x <= 100) {
			v.add("readiness."+key, "%v is outside 0..100", x)
			return false
		}
		return true
	}
	okReady := inRange("ready", rd.Ready)
	okClose := inRange("close", rd.Close)
	if okReady && okClose && rd.Close > rd.Ready {
		v.add("readiness.close", "close %v is above ready %v", rd.Close, rd.Ready)
	}
	if rd.StallMonths < 1 {
		v.add("readiness.stall_months", "must be 1 or more, got %d", rd.StallMonths)
	}
	if rd.ReconfirmMonths < 1 || rd.ReconfirmMonths > maxReconfirm {
		v.add("readiness.reconfirm_months", "%d is outside 1..%d", rd.ReconfirmMonths, maxReconfirm)
	}
	if rd.HorizonMonths < 1 || rd.HorizonMonths > maxHorizon {
		v.add("readiness.horizon_months", "%d is outside 1..%d", rd.HorizonMonths, maxHorizon)
	}
	// With the evidenced score off the two figures are never used, so a
	// roadmap that turns it off need not get them right.
	if ev := rd.Evidence; !ev.Off {
		if ev.RequiredFromLevel < minEvidenceLevel || ev.RequiredFromLevel > maxEvidenceLevel {
			v.add("readiness.evidence.required_from_level", "%d is outside %d..%d (a skill level)",
				ev.RequiredFromLevel, minEvidenceLevel, maxEvidenceLevel)
		}
		if ev.MaxAgeMonths < 1 || ev.MaxAgeMonths > maxEvidenceAge {
			v.add("readiness.evidence.max_age_months", "%d is outside 1..%d", ev.MaxAgeMonths, maxEvidenceAge)
		}
	}
}

func (v *validator) notes(key string, ns []Note) {
	seen := map[string]string{}
	for i, n := range ns {
		p := fmt.Sprintf("%s[%d]", key, i)
		if v.id(p, n.ID) {
			v.unique(seen, p, "note", n.ID)
		}
		if strings.TrimSpace(n.Title) == "" {
			v.add(p, "missing title")
		}
	}
}
