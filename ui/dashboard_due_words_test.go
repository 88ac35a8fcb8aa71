package ui

import (
	"strings"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
)

// A claim due for re-confirming is said with the day it fell due as that,
// not as the day it was last confirmed (a year earlier).
func TestDueWordsReconfirmSaysWhenItFellDue(t *testing.T) {
	rm := roadmap.Default()
	today := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	fell := today.AddDate(0, -2, 0)
	got := dueWords(tracker.DueEntry{Kind: tracker.DueReconfirm, ID: "aws-iam", Title: "IAM", Date: fell, Overdue: true}, rm, today)
	if !strings.Contains(got, "since 2026-10-07") || strings.Contains(got, "last confirmed") {
		t.Errorf("a re-confirmation due since 2026-10-07 reads %q", got)
	}
	got = dueWords(tracker.DueEntry{Kind: tracker.DueReconfirm, ID: "aws-iam", Title: "IAM", Date: today}, rm, today)
	if !strings.Contains(got, "today") {
		t.Errorf("a re-confirmation due today reads %q", got)
	}
}
