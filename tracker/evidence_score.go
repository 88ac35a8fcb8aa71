package tracker

import (
	"cmp"
	"slices"
	"time"

	"devpath/roadmap"
)

// assessEvidence computes the evidenced score of stage s: the claimed
// score's formula, with each counted entry at what its fresh evidence
// supports (see EvidencedState), and what evidence for each unsupported
// claim would add. st are the resolved claimed states; ev the evidence by
// stored entry id, gathered here under current ids.
func assessEvidence(rm *roadmap.Roadmap, set roadmap.Readiness, s *roadmap.Stage, prof Profile, st ResolvedStates, ev map[string][]Evidence, exp float64, today time.Time) *Evidenced {
	rule := set.Evidence
	byID := EvidenceByEntry(rm, ev)
	fresh := FreshFrom(rule, today)
	out := &Evidenced{
		Unevidenced:       []string{},
		Actions:           []EvidenceGap{},
		RequiredFromLevel: Level(rule.RequiredFromLevel),
		MaxAgeMonths:      rule.MaxAgeMonths,
	}
	type claim struct {
		kind             string
		claimed, counted ItemState
		gap              EvidenceGap
	}
	var t tally
	var short []claim
	milestone := false
	eachActive(rm, s, prof, func(it *roadmap.Item, kind string, _ *roadmap.SkillGroup, _ *roadmap.Branch) {
		claimed := st.State(it.ID)
		counted, stale := EvidencedState(rule, kind, claimed, byID[it.ID], fresh)
		t.add(kind, counted, 1)
		if kind == roadmap.KindMilestone && counted.Level >= Proficient && !counted.Skipped {
			milestone = true
		}
		if counted.Level < claimed.Level && !claimed.Skipped && countedLevel(kind, counted.Level) < countedLevel(kind, claimed.Level) {
			short = append(short, claim{kind: kind, claimed: claimed, counted: counted, gap: EvidenceGap{
				ID: it.ID, Title: it.Title, Kind: kind, Claimed: claimed.Level, Counted: counted.Level, Stale: stale,
			}})
		}
	})
	out.Components = t.components(exp)
	out.Score = weightedScore(set.Weights, out.Components)
	out.Verdict = verdictFor(set, out.Score, milestone)
	// The gain of one piece of evidence: the score with that entry counted
	// as claimed, all else equal.
	for i := range short {
		c := &short[i]
		t.add(c.kind, c.counted, -1)
		t.add(c.kind, c.claimed, 1)
		c.gap.Gain = roundScore(weightedRaw(set.Weights, t.components(exp)) - weightedRaw(set.Weights, out.Components))
		t.add(c.kind, c.claimed, -1)
		t.add(c.kind, c.counted, 1)
	}
	slices.SortStableFunc(short, func(a, b claim) int { return cmp.Compare(b.gap.Gain, a.gap.Gain) })
	for _, c := range short {
		out.Unevidenced = append(out.Unevidenced, c.gap.ID)
		out.Actions = append(out.Actions, c.gap)
	}
	return out
}

// countedLevel is the level as the score counts it: skills up to
// proficient, criteria and milestones done or not.
func countedLevel(kind string, l Level) int {
	switch kind {
	case roadmap.KindCriterion, roadmap.KindMilestone:
		if l >= Proficient {
			return 1
		}
		return 0
	}
	return cappedLevel(l)
}

// weightedRaw is weightedScore before rounding, so that gains are computed
// from exact scores.
func weightedRaw(w roadmap.Weights, c Components) float64 {
	return 100 * (w.Skills*c.Skills + w.Criteria*c.Criteria + w.Milestone*c.Milestone + w.Experience*c.Experience)
}

// FreshFrom returns the first day on which evidence still counts under
// rule on day today: evidence dated before it is stale.
func FreshFrom(rule roadmap.EvidenceRule, today time.Time) time.Time {
	months := rule.MaxAgeMonths
	if months <= 0 {
		months = roadmap.DefaultReadiness.Evidence.MaxAgeMonths
	}
	return Day(today).AddDate(0, -months, 0)
}

// EvidencedState returns the state the evidenced score counts for an entry
// of the given kind claimed at state claimed, with its evidence ev, of
// which pieces dated on or after fresh count. stale reports that the entry
// has evidence but none of it fresh.
//
// A skill claimed below rule.RequiredFromLevel counts as claimed. One
// claimed at or above it counts at the highest level a fresh piece
// supports (a piece without a level supports the claim), never above the
// claim, and never below the level under RequiredFromLevel, which needs no
// evidence. A criterion or milestone counts as confirmed only with a fresh
// piece. A skipped entry stays skipped.
func EvidencedState(rule roadmap.EvidenceRule, kind string, claimed ItemState, ev []Evidence, fresh time.Time) (counted ItemState, stale bool) {
	counted = claimed
	if claimed.Skipped {
		return counted, false
	}
	best := NotStarted
	for _, e := range ev {
		if e.Date.Before(fresh) {
			stale = true
			continue
		}
		l := e.Level
		if l == NotStarted || l > claimed.Level {
			l = claimed.Level
		}
		best = max(best, l)
	}
	if best > NotStarted {
		stale = false
	}
	free := NotStarted
	if kind == roadmap.KindSkill || kind == roadmap.KindBranchItem {
		req := Level(rule.RequiredFromLevel)
		if req <= NotStarted {
			req = Level(roadmap.DefaultReadiness.Evidence.RequiredFromLevel)
		}
		if claimed.Level < req {
			return counted, false
		}
		free = req - 1
	}
	counted.Level = max(best, free)
	if counted.Level >= claimed.Level {
		stale = false
	}
	return counted, stale
}

// evidenceByEntry gathers evidence by current entry id: evidence kept under
// a former id counts for the entry that replaced it.
func EvidenceByEntry(rm *roadmap.Roadmap, ev map[string][]Evidence) map[string][]Evidence {
	if len(ev) == 0 {
		return nil
	}
	out := make(map[string][]Evidence, len(ev))
	for id, list := range ev {
		cur := rm.Resolve(id)
		if cur == "" {
			continue
		}
		out[cur] = append(out[cur], list...)
	}
	return out
}
