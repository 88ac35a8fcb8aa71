// Command devpath tracks a DevOps engineer's progress along the DevOps career
// roadmap. With no command it opens the desktop window; with a command it
// works on the command line and never opens a window (see "devpath help").
package main

import (
	"os"

	"devpath/ui"
	"devpath/ui/cli"
)

// version is the release of this build; it matches FyneApp.toml.
var version = "0.1.0"

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.Env{
		Stdin:   os.Stdin,
		Stdout:  os.Stdout,
		Stderr:  os.Stderr,
		Version: version,
		OpenWindow: func(c cli.Config) error {
			return ui.Run(ui.Options{
				DBPath:      c.DBPath,
				Roadmap:     c.Roadmap,
				RoadmapPath: c.RoadmapPath,
				Screen:      c.Screen,
				Version:     version,
			})
		},
	}))
}
