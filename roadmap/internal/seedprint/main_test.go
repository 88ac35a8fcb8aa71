package main

import (
	"slices"
	"testing"

	"devpath/roadmap/internal/shingle"
)

func TestHashesSortedUnique(t *testing.T) {
	// Ten words, of which the run "a b c d e f g h" appears twice.
	text := "a b c d e f g h. A, B, C, D, E, F, G, H!"
	got := Hashes(text)
	if !slices.IsSorted(got) {
		t.Errorf("hashes not sorted: %v", got)
	}
	if len(slices.Compact(slices.Clone(got))) != len(got) {
		t.Errorf("hashes repeated: %v", got)
	}
	// 16 words give 9 runs: the 8 rotations of the letters, the first of
	// them twice.
	if len(got) != 8 {
		t.Errorf("got %d hashes, want 8 (9 runs, one of them twice)", len(got))
	}
	if !slices.Contains(got, shingle.Hash("a b c d e f g h")) {
		t.Errorf("the repeated run is missing from %v", got)
	}
}
