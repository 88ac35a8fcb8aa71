package tracker

import (
	"cmp"
	"math"
	"slices"
	"time"

	"devpath/roadmap"
)

// Assess computes how ready the user is for their next level: the score and
// its four components, the verdict, the unfinished entries with what each
// would add, the time in stage against the roadmap's timeline, the salary
// bands, the branch coverage and hints. It is a pure function of its
// arguments: it reads no database and keeps no state.
//
// The current stage is p.Profile.Stage; an empty or unknown stage is read as
// the roadmap's first stage, with a hint. Progress recorded under a former id
// of an entry (listed in the entry's Replaces) counts for the entry when the
// entry itself has no recorded state; ids the roadmap knows under neither
// name are reported in Orphans.
//
// rm must be indexed (as Load, LoadFile and Default return it, or after
// Reindex for a roadmap built in code).
func Assess(rm *roadmap.Roadmap, p Progress, today time.Time) Assessment {
	set := ReadinessSettings(rm)
	st, orphans := ResolveStates(rm, p.Items)
	prof := p.Profile
	region := salaryRegion(prof.Region)

	a := Assessment{
		Missing: []Gap{},
		Orphans: orphans,
		Salary:  Pay{Region: region},
	}
	a.Readiness.Weights = set.Weights
	a.Branches, a.Closest = branchCoverage(rm, st)

	if len(rm.Stages) == 0 {
		a.Readiness.Verdict = VerdictBuilding
		a.Timeline.Status = TimelineUnknown
		a.Hints = append(a.Hints, Hint{Code: HintNoStages})
		return a
	}
	si, hint := stageOrFirst(rm, prof.Stage)
	if hint.Code != "" {
		a.Hints = append(a.Hints, hint)
	}
	s := &rm.Stages[si]
	top := si == len(rm.Stages)-1
	a.Stage = StageRef{ID: s.ID, Title: s.Title}

	// Tally the active entries and collect the unfinished ones; their gains
	// need the totals, so the gaps are placed once the tally is complete.
	var t tally
	var c Counts
	var pend []pendingGap
	var perClass [gapClasses]int
	eachActive(rm, s, prof, func(it *roadmap.Item, kind string, g *roadmap.SkillGroup, b *roadmap.Branch) {
		is := st.State(it.ID)
		t.add(kind, is, 1)
		if is.Skipped {
			c.Skipped++
			return
		}
		done := is.Level >= Proficient
		switch kind {
		case roadmap.KindSkill, roadmap.KindBranchItem:
			c.SkillsTotal++
			if done {
				c.SkillsDone++
			}
		case roadmap.KindCriterion:
			c.CriteriaTotal++
			if done {
				c.CriteriaDone++
			}
		case roadmap.KindMilestone:
			c.MilestoneDone = done
		}
		if !done {
			group := ""
			switch {
			case g != nil:
				group = g.Title
			case b != nil:
				group = b.Title
			}
			if pend == nil {
				pend = make([]pendingGap, 0, 64)
			}
			cl := gapClass(kind, is.Level)
			perClass[cl]++
			pend = append(pend, pendingGap{item: it, kind: kind, group: group, level: is.Level, class: cl})
		}
	})
	a.Counts = c
	a.Missing = orderGaps(set.Weights, t, pend, perClass)

	// Time in stage and experience.
	tr := stageTransition(rm, si)
	months := 0
	if !prof.StageSince.IsZero() {
		months = max(0, wholeMonths(prof.StageSince, today))
	}
	a.MonthsInStage = months
	a.Timeline = timelineFor(tr, prof.StageSince, months)
	if set.StallMonths > 0 && !prof.StageSince.IsZero() && months > set.StallMonths {
		a.Timeline.StalledAfter = set.StallMonths
	}

	exp := experienceFor(tr, prof.StageSince, today)
	comp := t.components(exp)
	score := weightedScore(set.Weights, comp)
	a.Readiness.Components = comp
	a.Readiness.Score = score
	a.Readiness.Verdict = verdictFor(set, score, c.MilestoneDone)
	if !set.Evidence.Off {
		a.Readiness.Evidenced = assessEvidence(rm, set, s, prof, st, p.Evidence, exp, today)
	}

	// The next level, and the pay now and there.
	a.Salary.Now = bandCopy(s.Salary.Band(region))
	if !top {
		n := &rm.Stages[si+1]
		a.Next = &StageRef{ID: n.ID, Title: n.Title}
		a.Salary.Next = bandCopy(n.Salary.Band(region))
	} else if rung, h := nextRung(rm, s, prof); rung != nil {
		a.Next = &StageRef{ID: rung.ID, Title: rung.Title}
		a.Salary.Next = bandCopy(rung.Salary.Band(region))
	} else if h.Code != "" {
		a.Hints = append(a.Hints, h)
	}

	a.Hints = append(a.Hints, pathHints(rm, s, prof, top)...)
	return a
}

// ActiveEntries returns the entries that count towards the readiness of the
// stage with the given id for a user with profile prof, in this order: the
// items of the stage's skill groups that count for prof (see GroupCounts);
// when the stage has branch skills and prof.Branch names a
// branch of the roadmap, that branch's items (Kind KindBranchItem, Group and
// GroupTitle set to the branch's id and title), which count as one more skill
// group; the stage's criteria that have no track or whose track is
// prof.Track; the stage's milestone. It returns nil for an
// unknown stage.
func ActiveEntries(rm *roadmap.Roadmap, prof Profile, stage string) []roadmap.Entry {
	s := rm.Stage(stage)
	if s == nil {
		return nil
	}
	return appendActive(nil, rm, s, prof)
}

// appendActive appends the active entries of stage s to dst (see
// ActiveEntries).
func appendActive(dst []roadmap.Entry, rm *roadmap.Roadmap, s *roadmap.Stage, prof Profile) []roadmap.Entry {
	eachActive(rm, s, prof, func(it *roadmap.Item, kind string, g *roadmap.SkillGroup, b *roadmap.Branch) {
		e := roadmap.Entry{Item: *it, Kind: kind}
		switch {
		case g != nil:
			e.Stage, e.Group, e.GroupTitle, e.Track = s.ID, g.ID, g.Title, g.Track
		case b != nil:
			e.Group, e.GroupTitle, e.Branch = b.ID, b.Title, b.ID
		default:
			e.Stage, e.Track = s.ID, it.Track
		}
		dst = append(dst, e)
	})
	return dst
}

// GroupCounts reports whether skill group g counts for prof: a group with a
// track counts only on that track, one with a branch only for that branch.
func GroupCounts(g *roadmap.SkillGroup, prof Profile) bool {
	return (g.Track == "" || g.Track == prof.Track) && (g.Branch == "" || g.Branch == prof.Branch)
}

// eachActive calls fn for each active entry of stage s, in the order
// ActiveEntries gives, with the entry's skill group (skills) or branch
// (branch items), else nil. The item points into the roadmap: fn must not
// modify it.
func eachActive(rm *roadmap.Roadmap, s *roadmap.Stage, prof Profile, fn func(it *roadmap.Item, kind string, g *roadmap.SkillGroup, b *roadmap.Branch)) {
	for gi := range s.Skills {
		g := &s.Skills[gi]
		if !GroupCounts(g, prof) {
			continue
		}
		for i := range g.Items {
			fn(&g.Items[i], roadmap.KindSkill, g, nil)
		}
	}
	if s.BranchSkills && prof.Branch != "" {
		if b := rm.Branch(prof.Branch); b != nil {
			for i := range b.Items {
				fn(&b.Items[i], roadmap.KindBranchItem, nil, b)
			}
		}
	}
	for i := range s.Criteria {
		if t := s.Criteria[i].Track; t != "" && t != prof.Track {
			continue
		}
		fn(&s.Criteria[i], roadmap.KindCriterion, nil, nil)
	}
	if s.Milestone.ID != "" {
		fn(&s.Milestone, roadmap.KindMilestone, nil, nil)
	}
}

// Gap classes: the gain of an unfinished entry depends only on its kind and
// (for skills) its level, so the gaps fall into a handful of classes.
const (
	classCriterion = 3 // classes 0-2: skill items at levels 0-2
	classMilestone = 4
	gapClasses     = 5
)

// gapClass returns the class of an unfinished entry.
func gapClass(kind string, l Level) int {
	switch kind {
	case roadmap.KindCriterion:
		return classCriterion
	case roadmap.KindMilestone:
		return classMilestone
	}
	return min(cappedLevel(l), 2)
}

// pendingGap is an unfinished entry waiting for its gain.
type pendingGap struct {
	item  *roadmap.Item
	kind  string
	group string
	level Level
	class int
}

// orderGaps returns the gaps with their gains, most first; equal gains keep
// the order of pend. Gains are compared after snapping away floating-point
// noise, so that two mathematically equal gains never swap. It is a stable
// counting sort over the gap classes: linear in the number of gaps.
func orderGaps(w roadmap.Weights, t tally, pend []pendingGap, perClass [gapClasses]int) []Gap {
	out := make([]Gap, len(pend))
	if len(pend) == 0 {
		return out
	}
	var gains [gapClasses]float64
	keys := make([]float64, 0, gapClasses) // distinct snapped gains of the classes present, most first
	for cl := range gapClasses {
		if perClass[cl] == 0 {
			continue
		}
		kind, l := roadmap.KindSkill, Level(cl)
		switch cl {
		case classCriterion:
			kind, l = roadmap.KindCriterion, NotStarted
		case classMilestone:
			kind, l = roadmap.KindMilestone, NotStarted
		}
		gains[cl] = gainOf(w, t, kind, l)
		if k := math.Round(gains[cl] * 1e6); !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(x, y float64) int { return cmp.Compare(y, x) })
	// Classes with one key share a rank; off[r] is where the next gap of
	// rank r goes.
	var rank [gapClasses]int
	var off [gapClasses]int
	for cl := range gapClasses {
		if perClass[cl] > 0 {
			rank[cl] = slices.Index(keys, math.Round(gains[cl]*1e6))
			off[rank[cl]] += perClass[cl]
		}
	}
	start := 0
	for r := range keys {
		start, off[r] = start+off[r], start
	}
	for _, p := range pend {
		r := rank[p.class]
		i := off[r]
		off[r]++
		out[i] = Gap{
			ID:    p.item.ID,
			Title: p.item.Title,
			Kind:  p.kind,
			Group: p.group,
			Level: p.level,
			Gain:  roundScore(gains[p.class]),
		}
	}
	return out
}

// stageOrFirst returns the index of the stage with the given id, or 0 (the first
// stage) with a hint when id is empty or unknown. rm must have a stage.
func stageOrFirst(rm *roadmap.Roadmap, id string) (int, Hint) {
	if i := rm.StageIndex(id); i >= 0 {
		return i, Hint{}
	}
	first := rm.Stages[0].Title
	if id == "" {
		return 0, Hint{Code: HintStageNotSet, Stage: first}
	}
	return 0, Hint{Code: HintStageUnknown, Stage: first, Value: id}
}

// bandCopy returns a copy of b (nil for nil), so that an assessment never
// shares memory with the roadmap.
func bandCopy(b *roadmap.Band) *roadmap.Band {
	if b == nil {
		return nil
	}
	c := *b
	return &c
}

// salaryRegion returns the salary region for a profile's region: "us" or, for
// anything else, "uk".
func salaryRegion(r string) string {
	if r == roadmap.RegionUS {
		return roadmap.RegionUS
	}
	return roadmap.RegionUK
}

// tally holds the sums the readiness components are computed from. It can be
// updated one state at a time (add with sign -1 removes a state), which lets
// History follow an event log without recounting a stage.
type tally struct {
	skillSum  int // sum of min(level, 3) over counted skill items
	skillN    int // skill items not skipped
	critDone  int // criteria confirmed
	critN     int // criteria not skipped
	milestone int // 1 when the milestone is achieved
}

// cappedLevel returns l limited to 0-3: expert counts as proficient.
func cappedLevel(l Level) int { return int(min(max(l, NotStarted), Proficient)) }

// add counts state s of an entry of the given kind, sign times (1 to add,
// -1 to remove).
func (t *tally) add(kind string, s ItemState, sign int) {
	if s.Skipped {
		return
	}
	switch kind {
	case roadmap.KindSkill, roadmap.KindBranchItem:
		t.skillN += sign
		t.skillSum += sign * cappedLevel(s.Level)
	case roadmap.KindCriterion:
		t.critN += sign
		if s.Level >= Proficient {
			t.critDone += sign
		}
	case roadmap.KindMilestone:
		if s.Level >= Proficient {
			t.milestone += sign
		}
	}
}

// components returns the score's components, with the given experience.
func (t tally) components(exp float64) Components {
	c := Components{Experience: exp}
	if t.skillN > 0 {
		c.Skills = float64(t.skillSum) / float64(3*t.skillN)
	}
	if t.critN > 0 {
		c.Criteria = float64(t.critDone) / float64(t.critN)
	}
	if t.milestone > 0 {
		c.Milestone = 1
	}
	return c
}

// gainOf returns, unrounded, the points the score would rise by if an
// unfinished entry of the given kind and level alone were finished.
func gainOf(w roadmap.Weights, t tally, kind string, l Level) float64 {
	switch kind {
	case roadmap.KindSkill, roadmap.KindBranchItem:
		if t.skillN == 0 {
			return 0
		}
		return 100 * w.Skills * float64(3-cappedLevel(l)) / 3 / float64(t.skillN)
	case roadmap.KindCriterion:
		if t.critN == 0 {
			return 0
		}
		return 100 * w.Criteria / float64(t.critN)
	case roadmap.KindMilestone:
		return 100 * w.Milestone
	}
	return 0
}

// weightedScore returns the score: 100 × the weighted sum of the components,
// rounded to one decimal and kept within 0-100.
func weightedScore(w roadmap.Weights, c Components) float64 {
	v := 100 * (w.Skills*c.Skills + w.Criteria*c.Criteria + w.Milestone*c.Milestone + w.Experience*c.Experience)
	return min(100, max(0, roundScore(v)))
}

// roundScore rounds v to one decimal, halves away from zero. v is first snapped
// to a millionth of a tenth, so that floating-point noise (62.2499999… for
// 62.25) does not turn a half down.
func roundScore(v float64) float64 {
	x := math.Round(v*1e7) / 1e6
	return math.Round(x) / 10
}

// verdictFor returns the verdict for a score.
func verdictFor(set roadmap.Readiness, score float64, milestone bool) string {
	switch {
	case score >= set.Ready && milestone:
		return VerdictReady
	case score >= set.Close:
		return VerdictClose
	}
	return VerdictBuilding
}
