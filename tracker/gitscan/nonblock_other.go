//go:build !unix

package gitscan

// nonBlock is 0 where there are no FIFOs to block on.
const nonBlock = 0
