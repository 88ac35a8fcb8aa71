package tracker

import (
	"slices"
	"testing"
	"time"
)

func TestDiffCheckIns(t *testing.T) {
	at := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	a := CheckIn{ID: 1, Label: "q1", Items: map[string]ItemState{
		"same":      {ID: "same", Level: 3, Date: at},
		"raised":    {ID: "raised", Level: 2},
		"lowered":   {ID: "lowered", Level: 4},
		"unskipped": {ID: "unskipped", Level: 1, Skipped: true},
		"dropped":   {ID: "dropped", Level: 2},
		"zero-gone": {ID: "zero-gone", Level: 0},
		"date-only": {ID: "date-only", Level: 3, Date: at},
	}}
	b := CheckIn{ID: 2, Label: "q2", Items: map[string]ItemState{
		"same":      {ID: "same", Level: 3, Date: at},
		"raised":    {ID: "raised", Level: 3},
		"lowered":   {ID: "lowered", Level: 1},
		"unskipped": {ID: "unskipped", Level: 1},
		"added":     {ID: "added", Level: 1},
		"skipped":   {ID: "skipped", Skipped: true},
		"date-only": {ID: "date-only", Level: 3, Date: at.AddDate(0, 1, 0)},
	}}
	type row struct {
		id         string
		from, to   Level
		fromS, toS bool
	}
	want := []row{
		{"added", 0, 1, false, false},
		{"dropped", 2, 0, false, false},
		{"lowered", 4, 1, false, false},
		{"raised", 2, 3, false, false},
		{"skipped", 0, 0, false, true},
		{"unskipped", 1, 1, true, false},
	}
	var got []row
	for _, c := range DiffCheckIns(a, b) {
		if c.From.ID != c.ID || c.To.ID != c.ID {
			t.Errorf("change %s: states carry ids %q and %q", c.ID, c.From.ID, c.To.ID)
		}
		got = append(got, row{c.ID, c.From.Level, c.To.Level, c.From.Skipped, c.To.Skipped})
	}
	if !slices.Equal(got, want) {
		t.Errorf("changes =\n%v\nwant\n%v", got, want)
	}

	// Swapping the check-ins swaps each change.
	back := DiffCheckIns(b, a)
	if len(back) != len(want) {
		t.Fatalf("reverse diff has %d changes, want %d", len(back), len(want))
	}
	for i, c := range back {
		if c.ID != want[i].id || c.From.Level != want[i].to || c.To.Level != want[i].from || c.From.Skipped != want[i].toS {
			t.Errorf("reverse change %d = %+v, want the swap of %+v", i, c, want[i])
		}
	}
}

func TestDiffCheckInsEmpty(t *testing.T) {
	tests := []struct {
		name string
		a, b CheckIn
	}{
		{"both empty", CheckIn{}, CheckIn{}},
		{"identical", CheckIn{Items: map[string]ItemState{"x": {Level: 2}}}, CheckIn{Items: map[string]ItemState{"x": {Level: 2}}}},
		{"not started on one side, absent on the other", CheckIn{Items: map[string]ItemState{"x": {}}}, CheckIn{}},
	}
	for _, tt := range tests {
		got := DiffCheckIns(tt.a, tt.b)
		if got == nil || len(got) != 0 {
			t.Errorf("%s: %v, want an empty, non-nil slice", tt.name, got)
		}
	}
}
