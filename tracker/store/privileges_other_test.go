//go:build !unix

package store

import "testing"

// stAsUnprivileged runs fn; outside Unix the tests never run with
// privileges that ignore file permissions.
func stAsUnprivileged(t *testing.T, reach []string, fn func()) {
	t.Helper()
	fn()
}
