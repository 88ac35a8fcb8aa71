//go:build windows

package main

import (
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	kernel32              = windows.NewLazySystemDLL("kernel32.dll")
	getConsoleProcessList = kernel32.NewProc("GetConsoleProcessList")
	freeConsole           = kernel32.NewProc("FreeConsole")
)

// leaveOwnConsole closes the console window Windows opened for devpath alone.
// devpath.exe is a console program so that its command line prints in the
// Command Prompt and PowerShell like any other; started from the Start menu
// or Explorer to open the window, it would otherwise keep an empty console
// window beside it. A console devpath shares with the shell that started it
// is left alone.
func leaveOwnConsole() {
	var pids [2]uint32
	n, _, _ := getConsoleProcessList.Call(uintptr(unsafe.Pointer(&pids[0])), uintptr(len(pids)))
	if n == 1 {
		_, _, _ = freeConsole.Call()
	}
}
