package core

import (
	"devpath/roadmap"
	"devpath/tracker"
)

// FitSuggestions places the suggestions sg against the user's progress as
// it is now (tracker.FitSuggestions): each with its stage and group,
// whether it counts for the user's readiness and what it would add to the
// evidenced score, the ones that add most first. The window and the
// command line both list suggestions through it, so they order them alike.
func (db *DB) FitSuggestions(rm *roadmap.Roadmap, sg []tracker.Suggestion) ([]tracker.SuggestionFit, error) {
	p, err := db.Progress()
	if err != nil {
		return nil, err
	}
	return tracker.FitSuggestions(rm, p, sg, db.Today()), nil
}

// PendingFits is FitSuggestions of the suggestions waiting for review.
func (db *DB) PendingFits(rm *roadmap.Roadmap) ([]tracker.SuggestionFit, error) {
	sg, err := db.Suggestions()
	if err != nil {
		return nil, err
	}
	return db.FitSuggestions(rm, sg)
}
