package remind

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestCommandQuotesWhatNeedsIt: a path with spaces, quotes, dollars or
// percent signs is one word for systemd and for a desktop entry.
func TestCommandQuotesWhatNeedsIt(t *testing.T) {
	for _, c := range []struct{ exe, db, want string }{
		{"/usr/bin/devpath", "/home/sam/.local/share/devpath/devpath.db", "/usr/bin/devpath --db /home/sam/.local/share/devpath/devpath.db due --notify"},
		{"/opt/dev path/devpath", "/home/sam/my \"db\"$1%.db", `"/opt/dev path/devpath" --db "/home/sam/my \"db\"$$1%%.db" due --notify`},
		{"/usr/bin/devpath", "", "/usr/bin/devpath due --notify"},
	} {
		if got := command(c.exe, c.db); got != c.want {
			t.Errorf("command(%q, %q) = %q, want %q", c.exe, c.db, got, c.want)
		}
	}
}

// TestOnRefusesARelativeProgramAndOffWithNothingDoesNothing: nothing is
// written for a relative path; off without a record touches nothing.
func TestOnRefusesARelativeProgramAndOffWithNothingDoesNothing(t *testing.T) {
	cfg := t.TempDir()
	env := Env{
		Getenv: func(k string) string { return map[string]string{"XDG_CONFIG_HOME": cfg}[k] },
		Run:    func(string, ...string) error { return errors.New("no systemctl") },
	}
	if _, _, err := On(env, "devpath", "/tmp/x.db"); err == nil {
		t.Error("a relative program path was accepted")
	}
	if _, had, err := Off(env); had || err != nil {
		t.Errorf("off with nothing installed: %v %v", had, err)
	}
	if es, _ := os.ReadDir(cfg); len(es) != 0 {
		t.Errorf("the config folder holds %v", es)
	}
	// A failure half way (the autostart folder is a file) leaves nothing.
	if err := os.WriteFile(filepath.Join(cfg, "autostart"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := On(env, "/usr/bin/devpath", "/tmp/x.db"); err == nil {
		t.Error("installed over a file named autostart")
	}
	if es, _ := os.ReadDir(cfg); len(es) != 1 {
		t.Errorf("after the failure the config folder holds %v", es)
	}
}
