package store

import "gorm.io/gorm"

// DataVersion is SQLite's data_version of the store's connection: it
// changes whenever another connection (another devpath, the command line,
// an import in another process) commits a change to the file, and stays
// the same for the store's own writes. The store keeps a single connection
// for its whole life, so successive values compare.
func (s *Store) DataVersion() (int64, error) {
	var v int64
	err := s.read("check the database for changes", func(db *gorm.DB) error {
		return db.Raw("PRAGMA data_version").Scan(&v).Error
	})
	return v, err
}
