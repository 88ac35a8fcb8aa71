//go:build darwin

package ui

import (
	"os"
	"path/filepath"
)

// fyneRoot is the folder under which Fyne keeps each application's
// preferences on macOS: ~/Library/Preferences/fyne.
func fyneRoot() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, "Library", "Preferences", "fyne"), nil
}
