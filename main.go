// Command devpath tracks a DevOps engineer's progress along the DevOps career
// roadmap. With no command it opens the desktop window; with a command it
// works on the command line and never opens a window (see "devpath help").
//
// main only wires: it reads the global flags, builds the application core
// from them and hands it to the window or to the command line.
package main

import (
	"os"

	"devpath/tracker/core"
	"devpath/ui"
	"devpath/ui/cli"
)

// version is the release of this build; it matches FyneApp.toml.
var version = "0.1.0"

func main() {
	env := cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Version: version}
	g, rest, err := cli.ParseGlobal(os.Args[1:])
	if err != nil {
		os.Exit(cli.Report(env, err))
	}
	c := core.New(core.Config{DB: g.DB, RoadmapFile: g.Roadmap})
	if !g.Window(rest) {
		os.Exit(cli.Run(c, g, rest, env))
	}
	leaveOwnConsole()
	os.Exit(cli.Report(env, ui.Run(c, g.Screen, version)))
}
