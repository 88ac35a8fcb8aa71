package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"devpath/tracker"
	"devpath/tracker/words"
)

// TestDashboardClaimsNothingBeforeThereIsAClaim: on an empty profile that
// entered its stage today the Dashboard neither says every claim has
// evidence nor that the user is ahead of the timeline; after a tick it
// says what evidence the claim lacks.
func TestDashboardClaimsNothingBeforeThereIsAClaim(t *testing.T) {
	r := newShellRig(t, Options{})
	if err := r.store.UpdateProfile(func(p *tracker.Profile) { p.StageSince = shellDay }); err != nil {
		t.Fatal(err)
	}
	r.sh.reload()
	r.sh.show(screenDashboard)
	d := r.sh.dash
	if got := d.evGap.Text; got != words.NothingClaimedYet {
		t.Errorf("evidenced score line = %q, want %q", got, words.NothingClaimedYet)
	}
	if strings.Contains(d.timeline.Text, words.Timeline(tracker.TimelineAccelerated)) || !strings.Contains(d.timeline.Text, words.TooEarlyToCompare) {
		t.Errorf("with 0 months and nothing claimed the timeline says:\n%s", d.timeline.Text)
	}
	for _, l := range []string{d.evGap.Text, d.evNone.Text} {
		if l == words.EveryClaimEvidenced {
			t.Errorf("the Dashboard says %q with nothing claimed", l)
		}
	}

	test.Tap(r.row("k8s-rbac").check)
	r.sh.show(screenDashboard)
	if got := d.evGap.Text; got == words.NothingClaimedYet || got == words.EveryClaimEvidenced {
		t.Errorf("after a tick without evidence the line is %q", got)
	}
	r.noErrors()
}
