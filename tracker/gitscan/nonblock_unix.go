//go:build unix

package gitscan

import "syscall"

// nonBlock keeps opening a FIFO from waiting for a writer.
const nonBlock = syscall.O_NONBLOCK
