package store

import (
	"devpath/tracker"
	"time"

	"gorm.io/gorm"
)

// UpdateProfile changes some fields of the profile in one transaction: it
// reads the stored profile, lets change set the fields the user changed,
// checks the result as SaveProfile does and logs one EventProfile per field
// that changed. A field change leaves alone keeps what is stored, even when
// another process changed it after the caller last read the profile.
func (s *Store) UpdateProfile(change func(p *tracker.Profile)) error {
	const op = "save the profile"
	return s.write(op, func(tx *gorm.DB, now time.Time) error {
		cur, found, err := s.loadProfile(tx)
		if err != nil {
			return err
		}
		p, err := cur.profile()
		if err != nil {
			return err
		}
		change(&p)
		return writeProfileChanges(tx, op, cur, found, rowOf(trimProfile(p)), now)
	})
}
