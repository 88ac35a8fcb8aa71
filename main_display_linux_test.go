package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Asked for its window where no display server is named, devpath says so
// in one line and ends, creating nothing; a roadmap file that cannot be
// used is still what it reports first. Before, GLFW failed to start and
// Fyne's panic reached the user as "internal error: NotInitialized".
func TestWindowWithoutADisplay(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "devpath.db")
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("not: [valid"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"no display", []string{"--db", db}, "devpath: no display to open the window on: neither DISPLAY nor WAYLAND_DISPLAY is set (the command line needs none: devpath help)\n"},
		{"and a bad roadmap", []string{"--db", db, "--roadmap", bad}, "devpath: roadmap " + bad + ": not valid YAML (yaml: line 1: did not find expected ',' or ']')\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cmd := devpathCmd(c.args...)
			var env []string
			for _, kv := range cmd.Env {
				if !strings.HasPrefix(kv, "DISPLAY=") && !strings.HasPrefix(kv, "WAYLAND_DISPLAY=") {
					env = append(env, kv)
				}
			}
			cmd.Env = env
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 1 {
				t.Errorf("exit: %v, want status 1", err)
			}
			if stderr.String() != c.want || stdout.Len() != 0 {
				t.Errorf("printed %q and %q, want only %q on standard error", stdout.String(), stderr.String(), c.want)
			}
			if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the database was touched: %v", err)
			}
		})
	}
}
