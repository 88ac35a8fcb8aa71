package backup

import (
	"fmt"

	"devpath/tracker"
)

// Plan is the plan as a backup holds it (version 5): the target day, the
// check-in cadence, the entries picked to work on and the days entries
// were re-confirmed. Days are YYYY-MM-DD. A backup of an older version has
// none, which means no plan.
type Plan struct {
	Target      string        `json:"target,omitempty"`
	Cadence     string        `json:"cadence,omitempty"`
	Items       []PlanItem    `json:"items,omitempty"`
	Reconfirmed []Reconfirmed `json:"reconfirmed,omitempty"`
}

// PlanItem is one entry of the plan.
type PlanItem struct {
	ID    string `json:"id"`
	Due   string `json:"due"`
	Added string `json:"added,omitempty"`
}

// Reconfirmed is the day an entry was last re-confirmed.
type Reconfirmed struct {
	ID  string `json:"id"`
	Day string `json:"day"`
}

// Empty reports whether the plan holds nothing.
func (p *Plan) Empty() bool {
	return p == nil || p.Target == "" && p.Cadence == "" && len(p.Items) == 0 && len(p.Reconfirmed) == 0
}

// checkPlan validates the plan's values with the checks of a live change
// (except that a day may have gone by since the backup was made).
func checkPlan(p *Plan) error {
	if p == nil {
		return nil
	}
	if p.Target != "" {
		if _, err := tracker.ParsePlanDay(p.Target); err != nil {
			return fmt.Errorf("plan: the target: %w", err)
		}
	}
	if _, err := tracker.ParseCadence(p.Cadence); err != nil {
		return fmt.Errorf("plan: the cadence: %w", err)
	}
	seen := map[string]bool{}
	for i, it := range p.Items {
		if err := tracker.ValidateItemID(it.ID); err != nil {
			return fmt.Errorf("plan.items[%d]: %w", i, err)
		}
		if seen[it.ID] {
			return fmt.Errorf("plan.items[%d]: %s is listed twice", i, it.ID)
		}
		seen[it.ID] = true
		if _, err := tracker.ParsePlanDay(it.Due); err != nil {
			return fmt.Errorf("plan.items[%d]: the due day: %w", i, err)
		}
	}
	seen = map[string]bool{}
	for i, r := range p.Reconfirmed {
		if err := tracker.ValidateItemID(r.ID); err != nil {
			return fmt.Errorf("plan.reconfirmed[%d]: %w", i, err)
		}
		if seen[r.ID] {
			return fmt.Errorf("plan.reconfirmed[%d]: %s is listed twice", i, r.ID)
		}
		seen[r.ID] = true
		if _, err := tracker.ParsePlanDay(r.Day); err != nil {
			return fmt.Errorf("plan.reconfirmed[%d]: the day: %w", i, err)
		}
	}
	return nil
}
