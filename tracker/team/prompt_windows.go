//go:build windows

package team

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/sys/windows"
)

// IsTerminal reports whether f is a console.
func IsTerminal(f *os.File) bool {
	var mode uint32
	return windows.GetConsoleMode(windows.Handle(f.Fd()), &mode) == nil
}

// ReadPassword asks for a password on the console in, with echo off,
// writing the question to out.
func ReadPassword(in *os.File, out io.Writer, question string) (string, error) {
	h := windows.Handle(in.Fd())
	var old uint32
	if err := windows.GetConsoleMode(h, &old); err != nil {
		return "", fmt.Errorf(`ask for the password: not a console (set PGPASSWORD or use %%APPDATA%%\postgresql\pgpass.conf)`)
	}
	quiet := old&^windows.ENABLE_ECHO_INPUT | windows.ENABLE_LINE_INPUT | windows.ENABLE_PROCESSED_INPUT
	if err := windows.SetConsoleMode(h, quiet); err != nil {
		return "", fmt.Errorf("ask for the password: %w", err)
	}
	defer windows.SetConsoleMode(h, old)
	fmt.Fprint(out, question)
	line, err := bufio.NewReader(in).ReadString('\n')
	fmt.Fprintln(out)
	if err != nil && line == "" {
		return "", fmt.Errorf("ask for the password: %w", err)
	}
	return strings.TrimRight(line, "\r\n"), nil
}
