//go:build !windows

package store

// markedReadOnly is false: on Unix the file's permissions decide, and
// opening the file for writing (fileWritable) asks them.
func markedReadOnly(string) bool { return false }
