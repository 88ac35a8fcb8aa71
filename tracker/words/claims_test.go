package words

import (
	"testing"

	"devpath/tracker"
)

func TestEvidenceSummaryAndTimelineNeedAClaim(t *testing.T) {
	ev := &tracker.Evidenced{}
	none := tracker.Assessment{Readiness: tracker.Readiness{Evidenced: ev}, Timeline: tracker.Timeline{Status: tracker.TimelineAccelerated}, MonthsInStage: 3}
	claimed := none
	claimed.Readiness.Components.Skills = 0.2
	for _, tc := range []struct {
		name           string
		a              tracker.Assessment
		months         int
		summary, where string
	}{
		{"nothing claimed", none, 3, NothingClaimedYet, NothingToCompare},
		{"nothing claimed, 0 months", none, 0, NothingClaimedYet, TooEarlyToCompare},
		{"claimed, 0 months", claimed, 0, EveryClaimEvidenced, TooEarlyToCompare},
		{"claimed, 3 months", claimed, 3, EveryClaimEvidenced, Timeline(tracker.TimelineAccelerated)},
	} {
		tc.a.MonthsInStage = tc.months
		if got := EvidenceSummary(tc.a); got != tc.summary {
			t.Errorf("%s: EvidenceSummary = %q, want %q", tc.name, got, tc.summary)
		}
		if got := TimelineFor(tc.a); got != tc.where {
			t.Errorf("%s: TimelineFor = %q, want %q", tc.name, got, tc.where)
		}
	}
	on := claimed
	on.Timeline.Status = tracker.TimelineOnTrack
	on.MonthsInStage = 0
	if got := TimelineSentence(on); got != "You are within the typical timeline." {
		t.Errorf("on track: %q", got)
	}
}
