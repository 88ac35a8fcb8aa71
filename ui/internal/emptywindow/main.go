// Command emptywindow is the floor of devpath's start-up benchmark
// (.ci/startup-bench.sh): the smallest Fyne program that opens a window the
// way devpath does — same application id, theme and window size — with one
// label in it and nothing else: no database, no roadmap, no screens.
//
// Build it with: go build -o bin/devpath-floor ./ui/internal/emptywindow
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// These match devpath's window (ui/app.go): its application id and its
// window size on the first start.
const (
	appID  = "io.devpath.app"
	width  = 1180
	height = 760
)

func main() {
	a := app.NewWithID(appID)
	a.Settings().SetTheme(theme.DefaultTheme())
	w := a.NewWindow("devpath-floor")
	w.SetMaster()
	w.Resize(fyne.NewSize(width, height))
	w.SetContent(widget.NewLabel("devpath-floor"))
	w.ShowAndRun()
}
