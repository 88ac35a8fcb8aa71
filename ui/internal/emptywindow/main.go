// Command emptywindow is the floor of devpath's start-up and latency
// benchmarks (.ci/startup-bench.sh): the smallest Fyne program that opens a
// window the way devpath does — same application id, theme and window size
// — with one label in it and nothing else: no database, no roadmap, no
// screens.
//
// With -button it also shows a button that changes the label when it is
// tapped, or when Ctrl+L is pressed: the latency benchmark measures from a
// click on it (or the shortcut) to the window showing the new label, the
// quickest any action can show its effect. The start-up benchmark runs it
// without the flag.
//
// With -rows N (and -button) it also shows N rows of the standard Fyne
// widgets a Roadmap row is made of (a check box, a label, a level picker
// and a button) below the button, and its title becomes
// "devpath-floor-rows": the latency benchmark measures the same button
// there, as a reference for what drawing a screen of standard widgets costs
// each frame, whatever the program does.
//
// Build it with: go build -o bin/devpath-floor ./ui/internal/emptywindow
package main

import (
	"flag"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// These match devpath's window (ui/app.go, ui/shell_window.go): its application id and its
// window size on the first start.
const (
	appID  = "io.github.devpath.devpath"
	width  = 1180
	height = 760
)

func main() {
	button := flag.Bool("button", false, "show a button that changes the label")
	rows := flag.Int("rows", 0, "with -button: show this many rows of standard widgets below it")
	flag.Parse()
	title := "devpath-floor"
	if *rows > 0 {
		title = "devpath-floor-rows"
	}
	a := app.NewWithID(appID)
	a.Settings().SetTheme(theme.DefaultTheme())
	w := a.NewWindow(title)
	w.SetMaster()
	w.Resize(fyne.NewSize(width, height))
	label := widget.NewLabel("devpath-floor")
	if *button {
		taps := 0
		b := widget.NewButton("Change the label", func() {
			taps++
			label.SetText(fmt.Sprintf("Tapped %d times", taps))
		})
		// Ctrl+L does the same from the keyboard, the way devpath's own
		// shortcuts (Ctrl+E, Ctrl+1…5) reach the window: a shortcut on the
		// canvas.
		w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault},
			func(fyne.Shortcut) { b.OnTapped() })
		box := container.NewVBox(container.NewHBox(b), label)
		levels := []string{"not started", "learning", "practising", "proficient", "expert"}
		for i := range *rows {
			pick := widget.NewSelect(levels, nil)
			pick.SetSelected(levels[i%len(levels)])
			box.Add(container.NewBorder(nil, nil, widget.NewCheck(fmt.Sprintf("Entry %d", i+1), nil),
				container.NewHBox(pick, widget.NewButton("Evidence", nil)),
				widget.NewLabel("A description of the entry, as long as a roadmap line")))
		}
		w.SetContent(box)
	} else {
		w.SetContent(label)
	}
	w.ShowAndRun()
}
