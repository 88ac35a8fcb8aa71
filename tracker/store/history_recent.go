package store

import (
	"devpath/tracker"
	"fmt"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// RecentEvents returns the newest n events of the log (n <= 0: none) and
// the events their undos name. It reads only those rows.
func (s *Store) RecentEvents(n int) (tracker.RecentChanges, error) {
	out := tracker.RecentChanges{Named: map[int64]tracker.Event{}}
	err := s.read("read the recent changes", func(db *gorm.DB) error {
		var total int64
		if err := db.Model(&eventRow{}).Count(&total).Error; err != nil {
			return err
		}
		out.Total = int(total)
		if n <= 0 {
			return nil
		}
		var rows []eventRow
		if err := db.Order("id DESC").Limit(n).Find(&rows).Error; err != nil {
			return err
		}
		out.Events = make([]tracker.Event, 0, len(rows))
		have := make(map[int64]bool, len(rows))
		for _, r := range rows {
			e, err := r.event()
			if err != nil {
				return err
			}
			out.Events = append(out.Events, e)
			have[e.ID] = true
		}
		var want []int64
		for _, e := range out.Events {
			if e.Kind != tracker.EventUndo {
				continue
			}
			if id, err := strconv.ParseInt(strings.TrimSpace(e.Target), 10, 64); err == nil && !have[id] {
				want = append(want, id)
				have[id] = true
			}
		}
		for _, e := range out.Events {
			out.Named[e.ID] = e
		}
		for len(want) > 0 {
			batch := want[:min(len(want), 500)]
			want = want[len(batch):]
			var named []eventRow
			if err := db.Where("id IN ?", batch).Find(&named).Error; err != nil {
				return err
			}
			for _, r := range named {
				e, err := r.event()
				if err != nil {
					return err
				}
				out.Named[e.ID] = e
			}
		}
		return nil
	})
	if err != nil {
		return tracker.RecentChanges{}, err
	}
	return out, nil
}

// CheckInHeads returns every check-in without its entries' states (Items
// is nil), oldest first: what a list of check-ins shows. FindCheckIn reads
// one with its states.
func (s *Store) CheckInHeads() ([]tracker.CheckIn, error) {
	var rows []checkinRow
	err := s.read("read check-ins", func(db *gorm.DB) error {
		// The heads leave out the entries' states, the bulk of each row.
		return db.Omit("items").Order("at, id").Find(&rows).Error
	})
	if err != nil {
		return nil, err
	}
	out := make([]tracker.CheckIn, 0, len(rows))
	for _, r := range rows {
		at, err := parseStamp(r.At)
		if err != nil {
			return nil, fmt.Errorf("read check-ins: check-in %d: %w", r.ID, err)
		}
		out = append(out, tracker.CheckIn{ID: r.ID, Label: r.Label, At: at, Stage: r.Stage, Score: r.Score, Verdict: r.Verdict})
	}
	return out, nil
}
