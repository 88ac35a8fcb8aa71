package ui

import (
	"os"
	"path/filepath"
	"testing"
)

// writePrefs writes a preferences file for id under root.
func writePrefs(t *testing.T, root, id, content string) {
	t.Helper()
	dir := filepath.Join(root, id)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "preferences.json"), []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestCarryPreferencesFromFormerID(t *testing.T) {
	root := t.TempDir()
	old := `{"theme":"dark","window.width":900}`
	writePrefs(t, root, formerAppIDs[0], old)
	if err := carryPreferences(root); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(root, appID, "preferences.json"))
	if err != nil {
		t.Fatalf("no preferences under %s: %v", appID, err)
	}
	if string(got) != old {
		t.Errorf("carried preferences = %s, want %s", got, old)
	}
	if _, err := os.Stat(filepath.Join(root, formerAppIDs[0], "preferences.json")); err != nil {
		t.Errorf("the former preferences are gone: %v", err)
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 2 {
		t.Errorf("left behind in the preferences folder: %v", entries)
	}
}

func TestCarryPreferencesKeepsNewer(t *testing.T) {
	root := t.TempDir()
	writePrefs(t, root, formerAppIDs[0], `{"theme":"dark"}`)
	writePrefs(t, root, appID, `{"theme":"light"}`)
	if err := carryPreferences(root); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(root, appID, "preferences.json"))
	if string(got) != `{"theme":"light"}` {
		t.Errorf("the newer preferences were replaced: %s", got)
	}
}

func TestCarryPreferencesNothingToCarry(t *testing.T) {
	root := t.TempDir()
	if err := carryPreferences(root); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, appID)); err == nil {
		t.Error("a folder was made with nothing to carry")
	}
}
