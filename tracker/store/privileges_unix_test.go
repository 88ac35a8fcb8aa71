//go:build unix

package store

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// stNobody is the user id the read-only tests switch to when they run as
// root, who may write any file whatever its permissions.
const stNobody = 65534

// stAsUnprivileged runs fn as a user that file permissions apply to: the
// current user, or when running as root the "nobody" user (effective id
// and group ids only, restored afterwards). The test's temporary folders above every path
// in reach are opened for others to traverse so that fn can reach them.
func stAsUnprivileged(t *testing.T, reach []string, fn func()) {
	t.Helper()
	if os.Geteuid() != 0 {
		fn()
		return
	}
	tmp := filepath.Clean(os.TempDir())
	for _, p := range reach {
		for d := filepath.Dir(p); strings.HasPrefix(d, tmp+string(filepath.Separator)); d = filepath.Dir(d) {
			fi, err := os.Stat(d)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(d, fi.Mode().Perm()|0o005); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := syscall.Setegid(stNobody); err != nil {
		t.Fatalf("switch to an unprivileged group: %v", err)
	}
	if err := syscall.Seteuid(stNobody); err != nil {
		_ = syscall.Setegid(0)
		t.Fatalf("switch to an unprivileged user: %v", err)
	}
	defer func() {
		if err := syscall.Seteuid(0); err != nil {
			panic("cannot switch back to root: " + err.Error())
		}
		if err := syscall.Setegid(0); err != nil {
			panic("cannot switch back to the root group: " + err.Error())
		}
	}()
	fn()
}
