//go:build windows

package ui

import (
	"os"
	"path/filepath"
)

// fyneRoot is the folder under which Fyne keeps each application's
// preferences on Windows: AppData\Roaming\fyne in the user's profile, found
// from the home folder as Fyne finds it (not from %APPDATA%).
func fyneRoot() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, "AppData", "Roaming", "fyne"), nil
}
