package ui

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
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
			if k := shortcutWords(it.Shortcut); !slices.Contains(help, k) {
				t.Errorf("%s → %s has the shortcut %s, which Help does not list", m.Label, it.Label, k)
			}
		}
	}
}
