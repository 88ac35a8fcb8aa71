package ui

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// shortcutKeys splits the keys column of a shortcut table into single key
// combinations: "Ctrl+Shift+Z or Ctrl+Y" and "Ctrl+Shift+Z / Ctrl+Y" give
// both; "Ctrl+1 … Ctrl+5" gives the five.
func shortcutKeys(col string) []string {
	col = strings.Trim(strings.TrimSpace(col), "`")
	if m := regexp.MustCompile(`^Ctrl\+(\d) … Ctrl\+(\d)$`).FindStringSubmatch(col); m != nil {
		var keys []string
		for d := m[1][0]; d <= m[2][0]; d++ {
			keys = append(keys, "Ctrl+"+string(d))
		}
		return keys
	}
	var keys []string
	for _, k := range regexp.MustCompile(` / | or `).Split(col, -1) {
		keys = append(keys, strings.TrimSpace(k))
	}
	return keys
}

// readmeShortcuts reads the keys of README.md's shortcut table.
func readmeShortcuts(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(data), "| Shortcut | Action |")
	if !ok {
		t.Fatal("README.md has no shortcut table")
	}
	var keys []string
	for _, line := range strings.Split(table, "\n")[2:] {
		if !strings.HasPrefix(line, "|") {
			break
		}
		keys = append(keys, shortcutKeys(strings.Split(line, "|")[1])...)
	}
	return keys
}

// menuKeys writes the shortcut of a menu item as the tables do.
func menuKeys(s fyne.Shortcut) string {
	switch s.(type) {
	case *fyne.ShortcutUndo:
		return "Ctrl+Z"
	case *fyne.ShortcutRedo:
		return "Ctrl+Y"
	}
	c := s.(*desktop.CustomShortcut)
	k := ""
	if c.Modifier&fyne.KeyModifierShortcutDefault != 0 {
		k += "Ctrl+"
	}
	if c.Modifier&fyne.KeyModifierShift != 0 {
		k += "Shift+"
	}
	return k + string(c.KeyName)
}

// README's shortcut table, Help → Keyboard shortcuts and the menus name the
// same keys: none works that is not listed, none is listed that does not.
func TestShortcutsListedAlike(t *testing.T) {
	var help []string
	for _, s := range shortcutList {
		help = append(help, shortcutKeys(s[0])...)
	}
	readme := readmeShortcuts(t)
	for _, k := range help {
		if !slices.Contains(readme, k) {
			t.Errorf("Help lists %s, README's table does not", k)
		}
	}
	for _, k := range readme {
		if !slices.Contains(help, k) {
			t.Errorf("README lists %s, Help does not", k)
		}
	}
	r := newShellRig(t, Options{})
	for _, m := range r.sh.mainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut == nil {
				continue
			}
			if k := menuKeys(it.Shortcut); !slices.Contains(help, k) {
				t.Errorf("%s → %s has the shortcut %s, which Help does not list", m.Label, it.Label, k)
			}
		}
	}
}
