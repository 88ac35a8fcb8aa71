package report

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/words"
)

// compareCheckIns compares the latest check-in with the one before it.
func compareCheckIns(rm *roadmap.Roadmap, cs []tracker.CheckIn) *checkInCompare {
	if len(cs) == 0 {
		return nil
	}
	cs = append([]tracker.CheckIn(nil), cs...)
	sort.SliceStable(cs, func(i, j int) bool {
		if !cs[i].At.Equal(cs[j].At) {
			return cs[i].At.Before(cs[j].At)
		}
		return cs[i].ID < cs[j].ID
	})
	latest := cs[len(cs)-1]
	c := &checkInCompare{
		Latest:        checkInName(latest),
		LatestScore:   latest.Score,
		LatestVerdict: latest.Verdict,
	}
	if len(cs) < 2 {
		return c
	}
	prev := cs[len(cs)-2]
	c.Previous = checkInName(prev)
	c.PrevScore = prev.Score
	c.Delta = round1(latest.Score - prev.Score)
	for _, ch := range tracker.DiffCheckIns(prev, latest) {
		c.Changes = append(c.Changes, changeLine{
			Title: words.EntryName(rm, ch.ID),
			From:  words.State(entryKindOf(rm, ch.ID), ch.From),
			To:    words.State(entryKindOf(rm, ch.ID), ch.To),
		})
	}
	return c
}

// entryKindOf is the kind of the entry id, or "" when the roadmap lacks it.
func entryKindOf(rm *roadmap.Roadmap, id string) string {
	if e, ok := rm.Lookup(id); ok {
		return e.Kind
	}
	return ""
}

func checkInName(c tracker.CheckIn) string {
	label := strings.TrimSpace(c.Label)
	if label == "" {
		label = "check-in " + strconv.FormatInt(c.ID, 10)
	}
	return fmt.Sprintf("%s (%s)", label, day(c.At))
}
