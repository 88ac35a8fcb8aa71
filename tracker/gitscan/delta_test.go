package gitscan

import (
	"bytes"
	"testing"

	"github.com/go-git/go-git/v5/plumbing/format/packfile"
)

// TestPatchDelta: deltas made by go-git's encoder apply to the same result
// as go-git's own patcher gives, and corrupt ones are refused.
func TestPatchDelta(t *testing.T) {
	base := bytes.Repeat([]byte("100644 main.tf\x00aaaaaaaaaaaaaaaaaaaa"), 300)
	target := append(append([]byte("040000 new\x00bbbbbbbbbbbbbbbbbbbb"), base[:4000]...), base[5000:]...)
	delta := packfile.DiffDelta(base, target)
	got, err := patchDelta(base, delta)
	if err != nil || !bytes.Equal(got, target) {
		t.Fatalf("patchDelta: %v, %d bytes, want %d", err, len(got), len(target))
	}
	for _, bad := range [][]byte{nil, delta[:len(delta)/2], append([]byte{0}, delta[1:]...)} {
		if _, err := patchDelta(base, bad); err == nil {
			t.Errorf("corrupt delta %x accepted", bad[:min(len(bad), 8)])
		}
	}
}
