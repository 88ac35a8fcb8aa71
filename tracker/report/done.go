package report

import (
	"net/url"
	"sort"
	"strings"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/words"
)

// doneAndEvidence lists the done entries (oldest first) with their evidence,
// and the evidence for entries not listed as done, both limited to the
// period when d.Since is set.
func doneAndEvidence(rm *roadmap.Roadmap, d Data) ([]doneEntry, []evidenceGroup) {
	inPeriod := func(t time.Time) bool { return d.Since.IsZero() || !t.Before(d.Since) }

	// Evidence per current entry id, oldest first, in the period.
	ev := append([]tracker.Evidence(nil), d.Evidence...)
	sort.SliceStable(ev, func(i, j int) bool {
		if !ev[i].Date.Equal(ev[j].Date) {
			return ev[i].Date.Before(ev[j].Date)
		}
		return ev[i].ID < ev[j].ID
	})
	byItem := map[string][]evidenceLine{}
	var itemOrder []string
	for _, e := range ev {
		if !inPeriod(e.Date) {
			continue
		}
		id := canonical(rm, e.ItemID)
		if _, seen := byItem[id]; !seen {
			itemOrder = append(itemOrder, id)
		}
		byItem[id] = append(byItem[id], newEvidenceLine(e))
	}

	type doneState struct {
		id    string
		state tracker.ItemState
		date  time.Time
		order int
	}
	order := map[string]int{}
	for i, e := range rm.Entries() {
		order[e.Item.ID] = i
	}
	var done []doneState
	seen := map[string]bool{}
	ids := make([]string, 0, len(d.Progress.Items))
	for id := range d.Progress.Items {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	// An entry is listed once, under its current id, with the state the
	// score counts for it (its own, or else one of its former ids').
	states, _ := tracker.ResolveStates(rm, d.Progress.Items)
	for _, id := range ids {
		cid := canonical(rm, id)
		if seen[cid] {
			continue
		}
		seen[cid] = true
		st := states.State(cid)
		if !st.Done() {
			continue
		}
		date := st.Date
		if date.IsZero() {
			date = st.UpdatedAt
		}
		if !inPeriod(date) {
			continue
		}
		o, ok := order[cid]
		if !ok {
			o = len(order)
		}
		done = append(done, doneState{id: cid, state: st, date: date, order: o})
	}
	sort.Slice(done, func(i, j int) bool {
		di, dj := day(done[i].date), day(done[j].date)
		if di != dj {
			return di < dj
		}
		if done[i].order != done[j].order {
			return done[i].order < done[j].order
		}
		return done[i].id < done[j].id
	})

	listed := map[string]bool{}
	var out []doneEntry
	for _, ds := range done {
		de := doneEntry{
			Title:    words.EntryName(rm, ds.id),
			Level:    words.LevelFor(entryKindOf(rm, ds.id), ds.state.Level),
			Date:     day(ds.date),
			Evidence: byItem[ds.id],
		}
		if e, ok := rm.Lookup(ds.id); ok {
			de.Where = where(rm, e)
		} else {
			de.Where = "no longer in the roadmap"
		}
		listed[ds.id] = true
		out = append(out, de)
	}

	var other []evidenceGroup
	for _, id := range itemOrder {
		if listed[id] {
			continue
		}
		g := evidenceGroup{Title: words.EntryName(rm, id), Evidence: byItem[id]}
		if e, ok := rm.Lookup(id); ok {
			g.Where = where(rm, e)
		} else {
			g.Where = "no longer in the roadmap"
		}
		other = append(other, g)
	}
	return out, other
}

// canonical returns the current id of id, or id itself when the roadmap
// does not know it.
func canonical(rm *roadmap.Roadmap, id string) string {
	if c := rm.Resolve(id); c != "" {
		return c
	}
	return id
}

func newEvidenceLine(e tracker.Evidence) evidenceLine {
	l := evidenceLine{Date: day(e.Date), Note: strings.TrimSpace(e.Note)}
	if link := strings.TrimSpace(e.Link); link != "" {
		if safeLink(link) {
			l.Link = link
		}
		l.LinkText = link
	}
	return l
}

// safeLink reports whether link is an absolute http or https URL with a
// host: the only links the reports make clickable.
func safeLink(link string) bool {
	u, err := url.Parse(link)
	if err != nil || u.Host == "" {
		return false
	}
	scheme := strings.ToLower(u.Scheme)
	return scheme == "http" || scheme == "https"
}
