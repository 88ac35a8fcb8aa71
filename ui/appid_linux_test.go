package ui

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCarriedPreferencesReachFyne starts Fyne's real application, as the
// window does, in a process of its own with a home whose preferences are
// under the former id, and reads the look back through Fyne: it fails when
// fyneRoot is not where Fyne keeps preferences.
func TestCarriedPreferencesReachFyne(t *testing.T) {
	if os.Getenv("DEVPATH_PREFS_CHILD") == "1" {
		a := newApp()
		os.Stdout.WriteString("theme=" + a.Preferences().String(prefTheme) + "\n")
		os.Exit(0)
	}
	home := t.TempDir()
	writePrefs(t, filepath.Join(home, ".config", "fyne"), formerAppIDs[0], `{"`+prefTheme+`":"dark"}`)
	cmd := exec.Command(os.Args[0], "-test.run", "^TestCarriedPreferencesReachFyne$")
	cmd.Env = append(os.Environ(), "DEVPATH_PREFS_CHILD=1", "HOME="+home, "XDG_CONFIG_HOME=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if !strings.Contains(string(out), "theme=dark\n") {
		t.Errorf("Fyne did not read the carried look: %s", out)
	}
}
