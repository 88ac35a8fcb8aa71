//go:build !unix

package safefile

// nonBlocking is 0 where the system has no named pipes that block an open.
const nonBlocking = 0
