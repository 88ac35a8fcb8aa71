//go:build unix

package roadmap

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestLoadFileRefusesANamedPipe: a named pipe with no writer is refused at
// once; before, the open waited for a writer for ever.
func TestLoadFileRefusesANamedPipe(t *testing.T) {
	p := filepath.Join(t.TempDir(), "roadmap.yaml")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := LoadFile(p)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "named pipe") || !strings.Contains(err.Error(), p) {
			t.Errorf("LoadFile(pipe) = %v, want an error naming the file as a named pipe", err)
		}
	case <-time.After(10 * time.Second):
		if w, err := os.OpenFile(p, os.O_WRONLY, 0); err == nil {
			_ = w.Close()
		}
		<-done
		t.Fatal("LoadFile blocked on a named pipe")
	}
}
