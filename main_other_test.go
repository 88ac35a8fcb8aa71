//go:build !unix

package main

// limitFileSize is not available here; the full-disk test needs it.
func limitFileSize(string) { panic("no file size limit on this system") }
