package tracker

import "slices"

// Change is an entry whose level or skipped flag differs between two
// check-ins.
type Change struct {
	ID string `json:"id"`
	// From and To are the entry's state in the first and the second
	// check-in; an entry a check-in does not hold is not started there.
	From ItemState `json:"from"`
	To   ItemState `json:"to"`
}

// DiffCheckIns returns the entries whose level or skipped flag differ
// between check-ins a and b, sorted by id. It returns an empty slice when
// nothing changed.
func DiffCheckIns(a, b CheckIn) []Change {
	out := []Change{}
	state := func(c CheckIn, id string) ItemState {
		if s, ok := c.Items[id]; ok {
			s.ID = id
			return s
		}
		return ItemState{ID: id}
	}
	add := func(id string) {
		from, to := state(a, id), state(b, id)
		if from.Level != to.Level || from.Skipped != to.Skipped {
			out = append(out, Change{ID: id, From: from, To: to})
		}
	}
	for id := range a.Items {
		add(id)
	}
	for id := range b.Items {
		if _, ok := a.Items[id]; !ok {
			add(id)
		}
	}
	slices.SortFunc(out, func(x, y Change) int {
		switch {
		case x.ID < y.ID:
			return -1
		case x.ID > y.ID:
			return 1
		}
		return 0
	})
	return out
}
