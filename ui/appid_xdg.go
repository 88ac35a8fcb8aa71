//go:build !windows && !darwin

package ui

import (
	"os"
	"path/filepath"
)

// fyneRoot is the folder under which Fyne keeps each application's
// preferences, as Fyne's desktop driver computes it on Linux and the BSDs:
// $XDG_CONFIG_HOME/fyne, else ~/.config/fyne.
func fyneRoot() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "fyne"), nil
}
