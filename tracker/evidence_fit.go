package tracker

import (
	"cmp"
	"slices"
	"time"

	"devpath/roadmap"
)

// SuggestionFit is a suggestion placed against the user: the entry it is
// for and where that entry sits in the roadmap, whether the entry counts
// for the user's readiness, and what accepting the suggestion would add to
// the evidenced score.
type SuggestionFit struct {
	Suggestion
	// Title and Kind are the entry's; Title is the suggestion's id when
	// the roadmap has no such entry (Kind is then "").
	Title string
	Kind  string
	// Stage and StageTitle name the entry's stage; for a branch item, the
	// first stage whose readiness counts branch skills ("" when none).
	Stage, StageTitle string
	// Group and GroupTitle name a skill's group, or a branch item's
	// branch; both are "" for criteria and milestones.
	Group, GroupTitle string
	// Counts is set when the entry counts for the readiness of the user's
	// stage, track and branch (see ActiveEntries) and is not marked N/A.
	Counts bool
	// Gain is the points the evidenced score would rise by once the
	// suggestion is accepted: the gain the Dashboard gives for evidence
	// of the entry's claim (Evidenced.Actions), or 0 when the entry has
	// no claim short of evidence, or when the suggestion's newest commit
	// is too old to count.
	Gain float64
}

// FitSuggestions places suggestions against the user's progress p on day
// today (see SuggestionFit) and orders them by what they add: the largest
// gain on the evidenced score first, then the ones that count for the
// user's readiness, then the rest; within each, in roadmap order (entries
// the roadmap does not know last), then by repository. It is a pure
// function of its arguments, as Assess is; rm must be indexed.
func FitSuggestions(rm *roadmap.Roadmap, p Progress, sg []Suggestion, today time.Time) []SuggestionFit {
	out := make([]SuggestionFit, 0, len(sg))
	if len(sg) == 0 {
		return out
	}
	gains := map[string]float64{}
	var fresh time.Time
	if ev := Assess(rm, p, today).Readiness.Evidenced; ev != nil {
		for _, g := range ev.Actions {
			gains[g.ID] = g.Gain
		}
		fresh = FreshFrom(ReadinessSettings(rm).Evidence, today)
	}
	counts := map[string]bool{}
	if len(rm.Stages) > 0 {
		si, _ := stageOrFirst(rm, p.Profile.Stage)
		st, _ := ResolveStates(rm, p.Items)
		eachActive(rm, &rm.Stages[si], p.Profile, func(it *roadmap.Item, _ string, _ *roadmap.SkillGroup, _ *roadmap.Branch) {
			counts[it.ID] = !st.State(it.ID).Skipped
		})
	}
	branchStage := -1
	for i := range rm.Stages {
		if rm.Stages[i].BranchSkills {
			branchStage = i
			break
		}
	}
	entries := rm.Entries()
	place := make(map[string]int, len(entries))
	for i, e := range entries {
		place[e.Item.ID] = i
	}
	pos := make([]int, 0, len(sg))
	for _, s := range sg {
		f := SuggestionFit{Suggestion: s, Title: s.Item}
		at := len(entries)
		if e, ok := rm.Lookup(s.Item); ok {
			id := e.Item.ID
			at = place[id]
			f.Title, f.Kind = e.Item.Title, e.Kind
			f.Stage, f.Group, f.GroupTitle = e.Stage, e.Group, e.GroupTitle
			if e.Kind == roadmap.KindBranchItem {
				if b := rm.Branch(e.Branch); b != nil {
					f.Group, f.GroupTitle = b.ID, b.Title
				}
				if branchStage >= 0 {
					f.Stage = rm.Stages[branchStage].ID
				}
			}
			if st := rm.Stage(f.Stage); st != nil {
				f.StageTitle = st.Title
			}
			f.Counts = counts[id]
			// The evidence an accepted suggestion becomes is dated on its
			// newest commit, never after today (as the store saves it).
			date := Day(s.Last)
			if date.After(Day(today)) {
				date = Day(today)
			}
			if f.Counts && !fresh.IsZero() && !date.Before(fresh) {
				f.Gain = gains[id]
			}
		}
		out = append(out, f)
		pos = append(pos, at)
	}
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		x, y := &out[a], &out[b]
		if c := cmp.Compare(y.Gain, x.Gain); c != 0 {
			return c
		}
		if x.Counts != y.Counts {
			if x.Counts {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(pos[a], pos[b]); c != 0 {
			return c
		}
		if c := cmp.Compare(x.Repo, y.Repo); c != 0 {
			return c
		}
		return cmp.Compare(x.ID, y.ID)
	})
	sorted := make([]SuggestionFit, len(out))
	for i, k := range idx {
		sorted[i] = out[k]
	}
	return sorted
}
