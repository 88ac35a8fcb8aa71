package words

import "devpath/tracker"

// What the evidenced score says when no claim lacks evidence: that every
// claim has some, or, before anything is claimed, that there is nothing to
// back yet.
const (
	EveryClaimEvidenced = "Every claim has evidence."
	NothingClaimedYet   = "Nothing claimed yet: evidence counts once you tick an entry."
)

// EvidenceSummary is the line under the evidenced score: what evidence is
// missing (EvidenceGap), else EveryClaimEvidenced, or NothingClaimedYet
// when a has no claim at all.
func EvidenceSummary(a tracker.Assessment) string {
	if g := EvidenceGap(a.Readiness.Evidenced); g != "" {
		return g
	}
	if !Claims(a) {
		return NothingClaimedYet
	}
	return EveryClaimEvidenced
}

// Claims reports whether the user claims anything that counts: a skill
// started, a criterion or the milestone confirmed.
func Claims(a tracker.Assessment) bool {
	c := a.Readiness.Components
	return c.Skills > 0 || c.Criteria > 0 || c.Milestone > 0
}

// What is said of the timeline instead of a lead when there is nothing to
// compare yet: no month at the stage, or nothing claimed.
const (
	TooEarlyToCompare = "too early to compare"
	NothingToCompare  = "nothing claimed yet to compare"
)

// TimelineFor is Timeline for the user's assessment: "ahead of the typical
// timeline" only with a month at the stage and something claimed; else,
// for an early stage, TooEarlyToCompare or NothingToCompare.
func TimelineFor(a tracker.Assessment) string {
	if a.Timeline.Status == tracker.TimelineAccelerated {
		switch {
		case a.MonthsInStage <= 0:
			return TooEarlyToCompare
		case !Claims(a):
			return NothingToCompare
		}
	}
	return Timeline(a.Timeline.Status)
}

// TimelineSentence is TimelineFor as the Dashboard's sentence: "You are
// on track with the typical timeline."; "" when the timeline is not known.
func TimelineSentence(a tracker.Assessment) string {
	switch w := TimelineFor(a); {
	case a.Timeline.Status == tracker.TimelineUnknown || a.Timeline.Status == "":
		return ""
	case w == TooEarlyToCompare:
		return "It is " + w + " with the typical timeline."
	case w == NothingToCompare:
		return "Tick what you can do to compare with the typical timeline."
	default:
		return "You are " + w + "."
	}
}
