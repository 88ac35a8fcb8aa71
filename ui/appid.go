package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
)

// appID is the application id. It matches FyneApp.toml, the desktop file,
// the AppStream metainfo and the icons' names (TestAppIDEverywhere). Flathub
// takes an id only under a domain or an account the project controls, and
// not ending in a generic word such as "app", so devpath moved from the
// first id it had to one under its GitHub account.
const appID = "io.github.devpath.devpath"

// formerAppIDs are the ids devpath had before appID, newest first. Fyne keeps
// an application's preferences (the look, the window's size, the last
// screen, the roadmap file) in a folder named after its id; carryPreferences
// brings them over to appID.
var formerAppIDs = []string{"io.devpath.app"}

// newApp makes the Fyne application under appID, with the preferences of
// an earlier id carried over first: Fyne reads them as it starts.
func newApp() fyne.App {
	if root, err := fyneRoot(); err == nil {
		if err := carryPreferences(root); err != nil {
			fyne.LogError("devpath: the preferences of an earlier version were not carried over", err)
		}
	}
	return app.NewWithID(appID)
}

// carryPreferences copies the files Fyne kept for a former id of devpath into
// appID's folder under root (Fyne's folder of preferences), so that a person
// who updates devpath keeps the look and the window they chose. It does
// nothing once appID has a folder of its own: the preferences under it are
// then the newer ones. The former folder is left as it was, for an older
// devpath that may still be started.
func carryPreferences(root string) error {
	dest := filepath.Join(root, appID)
	if _, err := os.Lstat(dest); err == nil || !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for _, id := range formerAppIDs {
		src := filepath.Join(root, id)
		entries, err := os.ReadDir(src)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("read the preferences of %s: %w", id, err)
		}
		return copyPreferences(src, dest, entries)
	}
	return nil
}

// copyPreferences copies the regular files among entries from src into dest,
// created for them with the mode Fyne gives it. It writes under a temporary
// name and renames at the end, so a failure never leaves a half-filled
// folder that carryPreferences would take for the user's own.
func copyPreferences(src, dest string, entries []fs.DirEntry) error {
	tmp, err := os.MkdirTemp(filepath.Dir(dest), ".devpath-preferences-*")
	if err != nil {
		return fmt.Errorf("carry the preferences over: %w", err)
	}
	defer os.RemoveAll(tmp)
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			return fmt.Errorf("carry the preferences over: %w", err)
		}
		if err := os.WriteFile(filepath.Join(tmp, e.Name()), b, 0o600); err != nil {
			return fmt.Errorf("carry the preferences over: %w", err)
		}
	}
	if err := os.Chmod(tmp, 0o700); err != nil {
		return fmt.Errorf("carry the preferences over: %w", err)
	}
	if err := os.Rename(tmp, dest); err != nil {
		return fmt.Errorf("carry the preferences over: %w", err)
	}
	return nil
}
