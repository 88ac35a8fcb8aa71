package words

import (
	"fmt"
	"strings"

	"devpath/roadmap"
	"devpath/tracker"
)

// EvidenceGap says, in one sentence, what separates the evidenced score
// from the claimed one: "4 proficient skills and 1 criterion have no
// evidence; 2 more have only stale evidence." It is "" when every claim is
// evidenced.
func EvidenceGap(ev *tracker.Evidenced) string {
	if ev == nil || len(ev.Actions) == 0 {
		return ""
	}
	type key struct {
		kind  string
		level tracker.Level
	}
	var order []key
	count := map[key]int{}
	stale := 0
	for _, g := range ev.Actions {
		if g.Stale {
			stale++
			continue
		}
		k := key{kind: g.Kind, level: g.Claimed}
		if Confirmable(g.Kind) {
			k.level = tracker.NotStarted
		}
		if g.Kind == roadmap.KindBranchItem {
			k.kind = roadmap.KindSkill
		}
		if count[k] == 0 {
			order = append(order, k)
		}
		count[k]++
	}
	var parts []string
	for _, k := range order {
		n := count[k]
		switch k.kind {
		case roadmap.KindSkill:
			parts = append(parts, fmt.Sprintf("%d %s %s", n, Level(k.level), pluralWord(n, "skill", "skills")))
		case roadmap.KindCriterion:
			parts = append(parts, fmt.Sprintf("%d confirmed %s", n, pluralWord(n, "criterion", "criteria")))
		case roadmap.KindMilestone:
			parts = append(parts, "the achieved milestone")
		}
	}
	var b strings.Builder
	if len(parts) > 0 {
		b.WriteString(UpperFirst(joinAnd(parts)))
		if len(parts) == 1 && count[order[0]] == 1 {
			b.WriteString(" has no evidence")
		} else {
			b.WriteString(" have no evidence")
		}
	}
	if stale > 0 {
		if b.Len() > 0 {
			b.WriteString("; ")
			fmt.Fprintf(&b, "%d more %s only stale evidence", stale, pluralWord(stale, "has", "have"))
		} else {
			fmt.Fprintf(&b, "%d %s only stale evidence", stale, pluralWord(stale, "claim has", "claims have"))
		}
		fmt.Fprintf(&b, " (older than %d months)", ev.MaxAgeMonths)
	}
	b.WriteString(".")
	return b.String()
}

// EvidenceAction is a next action on the evidenced score: "Add evidence
// for Modules (proficient)" or "Refresh the evidence for …".
func EvidenceAction(g tracker.EvidenceGap) string {
	what := "Add evidence for "
	if g.Stale {
		what = "Refresh the evidence for "
	}
	claim := LevelFor(g.Kind, g.Claimed)
	return fmt.Sprintf("%s%s (%s)", what, g.Title, claim)
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// joinAnd joins parts as "a, b and c".
func joinAnd(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// SuggestionPlace is where a suggestion's entry sits in the roadmap:
// "DevOps Engineer (Mid) · Advanced Terraform", the kind standing for the
// group of a criterion or a milestone ("… · criterion"); the entry's id
// alone when the roadmap does not know it.
func SuggestionPlace(f tracker.SuggestionFit) string {
	if f.Kind == "" {
		return "not in this roadmap"
	}
	stage := f.StageTitle
	if stage == "" {
		stage = f.Stage
	}
	group := f.GroupTitle
	if group == "" && Confirmable(f.Kind) {
		group = Kind(f.Kind)
	}
	switch {
	case stage == "":
		return group
	case group == "":
		return stage
	}
	return stage + " · " + group
}

// SuggestionCounts says whether a suggestion counts for the user's
// readiness, and what accepting it adds to the evidenced score: "counts
// for your readiness: +5.6 on the evidenced score", "counts for your
// readiness", "does not count for
// your readiness".
func SuggestionCounts(f tracker.SuggestionFit) string {
	switch {
	case f.Gain > 0:
		return fmt.Sprintf("counts for your readiness: +%.1f on the evidenced score", f.Gain)
	case f.Counts:
		return "counts for your readiness"
	}
	return "does not count for your readiness"
}
