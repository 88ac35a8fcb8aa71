package words

import (
	"strings"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/review"
)

// The comparison's rows, from a request and a response through
// tracker.Compare: skills by level with their gap, criteria and the
// milestone as states (never a number), N/A as N/A, wide gaps marked.
func TestReviewRows(t *testing.T) {
	req := review.Request{Engineer: "Ana", Stage: review.Ref{ID: "mid", Title: "Mid"}, Entries: []review.Entry{
		{ID: "same", Title: "Same level", Kind: roadmap.KindSkill, Level: 2},
		{ID: "down1", Title: "One lower", Kind: roadmap.KindSkill, Level: 3},
		{ID: "down2", Title: "Two lower", Kind: roadmap.KindSkill, Level: 4},
		{ID: "up3", Title: "Three higher", Kind: roadmap.KindBranchItem, Level: 1},
		{ID: "crit-no", Title: "Criterion\nrefused", Kind: roadmap.KindCriterion, Level: 3},
		{ID: "crit-yes", Title: "Criterion agreed", Kind: roadmap.KindCriterion, Level: 3},
		{ID: "crit-both-not", Title: "Criterion neither", Kind: roadmap.KindCriterion, Level: 0},
		{ID: "ms", Title: "Milestone", Kind: roadmap.KindMilestone, Level: 0},
		{ID: "na", Title: "Not for me", Kind: roadmap.KindSkill, Level: 0, Skipped: true},
		{ID: "na-rated", Title: "Not for me either", Kind: roadmap.KindSkill, Level: 0, Skipped: true},
	}}
	resp := review.Response{Reviewer: "Maria Fernández-Oyelaran, Head of Platform Engineering", SignedAt: time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC),
		Ratings: []review.Rating{
			{ID: "down1", Level: 2, Comment: "Close\n  to it"}, {ID: "down2", Level: 2}, {ID: "up3", Level: 4},
			{ID: "crit-no", Level: 0}, {ID: "ms", Level: 3}, {ID: "na-rated", Level: 2},
		}}
	c := tracker.Compare(roadmap.Default(), tracker.Profile{Stage: "mid"}, req, resp, time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC))
	want := map[string]ReviewRow{
		"same":          {Entry: "Same level", You: "practising", Manager: "practising", Gap: "0"},
		"down1":         {Entry: "One lower", You: "proficient", Manager: "practising", Gap: "−1", Comment: "Close to it"},
		"down2":         {Entry: "Two lower", You: "expert", Manager: "practising", Gap: "‼ −2", Wide: true},
		"up3":           {Entry: "Three higher", You: "learning", Manager: "expert", Gap: "‼ +3", Wide: true},
		"crit-no":       {Entry: "Criterion refused", You: "confirmed", Manager: "not confirmed", Gap: "‼ differs", Wide: true},
		"crit-yes":      {Entry: "Criterion agreed", You: "confirmed", Manager: "confirmed", Gap: "same"},
		"crit-both-not": {Entry: "Criterion neither", You: "not confirmed", Manager: "not confirmed", Gap: "same"},
		"ms":            {Entry: "Milestone", You: "not confirmed", Manager: "confirmed", Gap: "‼ differs", Wide: true},
		"na":            {Entry: "Not for me", You: "N/A", Manager: "N/A", Gap: "—"},
		"na-rated":      {Entry: "Not for me either", You: "N/A", Manager: "practising", Gap: "—"},
	}
	rows := ReviewRows(c)
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for i, r := range rows {
		if r.ID != req.Entries[i].ID {
			t.Errorf("row %d is %s, want the request's order (%s)", i, r.ID, req.Entries[i].ID)
		}
		w := want[r.ID]
		w.ID = r.ID
		if r != w {
			t.Errorf("%s:\n got %+v\nwant %+v", r.ID, r, w)
		}
		if strings.Contains(r.You+r.Manager, "not started") {
			t.Errorf("%s reads %q / %q", r.ID, r.You, r.Manager)
		}
	}
	// Agreement: same, crit-yes, crit-both-not, na; 4 of 10.
	if c.Agreement != 0.4 {
		t.Errorf("agreement %v, want 0.4", c.Agreement)
	}
	if got := ReviewAgreement(c); !strings.HasPrefix(got, "You agree on 4 of 10 entries (40%).") || !strings.Contains(got, WideMark) {
		t.Errorf("agreement line %q", got)
	}
	signed := ReviewSigned(c, "ab12:cd34")
	if strings.Count(signed, resp.Reviewer) != 1 || !strings.Contains(signed, "2026-12-06") || !strings.Contains(signed, "ab12:cd34") {
		t.Errorf("signed line %q", signed)
	}
	if ReviewColumns[2] != "Manager" || len(ReviewColumns) != 5 {
		t.Errorf("columns %v", ReviewColumns)
	}
}
