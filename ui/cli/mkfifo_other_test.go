//go:build !unix

package cli

import "os"

// mkfifo stands in a plain file where named pipes do not exist: the scan
// must refuse it the same way.
func mkfifo(path string) error { return os.WriteFile(path, nil, 0o600) }
