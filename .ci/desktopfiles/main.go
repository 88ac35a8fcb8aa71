// Command desktopfiles writes devpath's desktop integration files from one
// source: the desktop entry (ID.desktop), the AppStream metainfo
// (ID.metainfo.xml) and the icon theme's icons, all named after the
// application id of FyneApp.toml. The desktop entry's fields come from
// FyneApp.toml's [LinuxAndBSD] table, the metainfo from
// packaging/metainfo.xml.tmpl with the releases of CHANGELOG.md, whose newest
// version must be FyneApp.toml's.
//
// Usage (from the repository's root):
//
//	go run ./.ci/desktopfiles -out DIR
//
// writes DIR/share/applications/ID.desktop, DIR/share/metainfo/ID.metainfo.xml
// and DIR/share/icons/hicolor/… (by assets/gen), the layout of /usr.
package main

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"text/template"

	"github.com/BurntSushi/toml"
)

// fyneApp is the part of FyneApp.toml these files are made from.
type fyneApp struct {
	Website string
	Details struct {
		Name, ID, Version string
	}
	LinuxAndBSD struct {
		GenericName, Comment string
		Categories, Keywords []string
	}
}

// release is one version's notes in CHANGELOG.md.
type release struct {
	Version, Date string
	Notes         []string
}

// screenshot is one picture of docs/screenshots/ in the metainfo.
type screenshot struct{ File, Caption string }

// screenshots are the pictures app stores show, the first the default one.
var screenshots = []screenshot{
	{"dashboard-1920x1080-light.png", "The dashboard: readiness for the next level and the next best actions"},
	{"roadmap-1920x1080-light.png", "The roadmap of a stage, with levels and evidence"},
	{"paths-1920x1080-light.png", "Branches and ladders side by side"},
	{"history-1920x1080-dark.png", "Readiness over time, with check-ins"},
}

// wmClass is the X11 window class of devpath's window: GLFW names it after
// the window's title, "devpath".
const wmClass = "devpath"

// readApp reads FyneApp.toml.
func readApp(path string) (fyneApp, error) {
	var a fyneApp
	if _, err := toml.DecodeFile(path, &a); err != nil {
		return a, fmt.Errorf("read %s: %w", path, err)
	}
	if a.Details.ID == "" || a.Details.Name == "" || a.Details.Version == "" || a.Website == "" {
		return a, fmt.Errorf("%s: Website and [Details] ID, Name and Version are needed", path)
	}
	return a, nil
}

// heading is a release's heading in CHANGELOG.md: "## 0.1.0 (2026-12-06)".
var heading = regexp.MustCompile(`^## ([0-9]+\.[0-9]+\.[0-9]+) \(([0-9]{4}-[0-9]{2}-[0-9]{2})\)$`)

// readChangelog reads the releases of CHANGELOG.md, newest first: each a
// heading and its notes, one "- " line each.
func readChangelog(path string) ([]release, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rs []release
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "## "):
			m := heading.FindStringSubmatch(line)
			if m == nil {
				return nil, fmt.Errorf("%s:%d: a release heading reads \"## VERSION (YYYY-MM-DD)\"", path, n)
			}
			rs = append(rs, release{Version: m[1], Date: m[2]})
		case strings.HasPrefix(line, "- ") && len(rs) > 0:
			rs[len(rs)-1].Notes = append(rs[len(rs)-1].Notes, strings.TrimPrefix(line, "- "))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, fmt.Errorf("%s: no release", path)
	}
	for _, r := range rs {
		if len(r.Notes) == 0 {
			return nil, fmt.Errorf("%s: release %s has no notes", path, r.Version)
		}
	}
	return rs, nil
}

// esc escapes text for XML.
func esc(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// desktopEntry returns the desktop entry. Icon is the id, as the icon
// theme's files are named; StartupWMClass lets a dock match the window.
func desktopEntry(a fyneApp) string {
	l := a.LinuxAndBSD
	list := func(xs []string) string { return strings.Join(xs, ";") + ";" }
	return "[Desktop Entry]\n" +
		"Type=Application\n" +
		"Name=" + a.Details.Name + "\n" +
		"GenericName=" + l.GenericName + "\n" +
		"Comment=" + l.Comment + "\n" +
		"Exec=devpath\n" +
		"Icon=" + a.Details.ID + "\n" +
		"Terminal=false\n" +
		"Categories=" + list(l.Categories) + "\n" +
		"Keywords=" + list(l.Keywords) + "\n" +
		"StartupWMClass=" + wmClass + "\n"
}

// metainfo fills the template with FyneApp.toml and the releases.
func metainfo(tmpl string, a fyneApp, rs []release) ([]byte, error) {
	t, err := template.New("metainfo").Parse(tmpl)
	if err != nil {
		return nil, err
	}
	repo := strings.TrimPrefix(a.Website, "https://github.com/")
	owner, _, _ := strings.Cut(repo, "/")
	var escRs []release
	for _, r := range rs {
		e := release{Version: r.Version, Date: r.Date}
		for _, n := range r.Notes {
			e.Notes = append(e.Notes, esc(n))
		}
		escRs = append(escRs, e)
	}
	var shots []screenshot
	for _, s := range screenshots {
		shots = append(shots, screenshot{File: s.File, Caption: esc(s.Caption)})
	}
	var escList = func(xs []string) (out []string) {
		for _, x := range xs {
			out = append(out, esc(x))
		}
		return out
	}
	data := map[string]any{
		"ID":          a.Details.ID,
		"Name":        esc(a.Details.Name),
		"Summary":     esc(a.LinuxAndBSD.Comment),
		"DeveloperID": "io.github." + strings.ToLower(owner),
		"Homepage":    esc(a.Website),
		"RawBase":     "https://raw.githubusercontent.com/" + repo + "/main",
		"Screenshots": shots,
		"Categories":  escList(a.LinuxAndBSD.Categories),
		"Keywords":    escList(a.LinuxAndBSD.Keywords),
		"Releases":    escRs,
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// write writes the three kinds of file under out.
func write(out string) error {
	a, err := readApp("FyneApp.toml")
	if err != nil {
		return err
	}
	rs, err := readChangelog("CHANGELOG.md")
	if err != nil {
		return err
	}
	if rs[0].Version != a.Details.Version {
		return fmt.Errorf("CHANGELOG.md's newest release is %s but FyneApp.toml's version is %s: add the release's notes", rs[0].Version, a.Details.Version)
	}
	for _, s := range screenshots {
		if _, err := os.Stat(filepath.Join("docs", "screenshots", s.File)); err != nil {
			return fmt.Errorf("screenshot %s: %w", s.File, err)
		}
	}
	tmpl, err := os.ReadFile(filepath.Join("packaging", "metainfo.xml.tmpl"))
	if err != nil {
		return err
	}
	meta, err := metainfo(string(tmpl), a, rs)
	if err != nil {
		return err
	}
	share := filepath.Join(out, "share")
	files := map[string][]byte{
		filepath.Join("applications", a.Details.ID+".desktop"):  []byte(desktopEntry(a)),
		filepath.Join("metainfo", a.Details.ID+".metainfo.xml"): meta,
	}
	for name, data := range files {
		p := filepath.Join(share, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	gen := exec.Command("go", "run", "./assets/gen", "-theme", filepath.Join(share, "icons"), "-id", a.Details.ID)
	gen.Stdout, gen.Stderr = os.Stdout, os.Stderr
	if err := gen.Run(); err != nil {
		return fmt.Errorf("draw the icons: %w", err)
	}
	return nil
}

func main() {
	out := flag.String("out", "", "write the files under this `folder` (laid out as /usr)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: desktopfiles -out FOLDER")
		os.Exit(2)
	}
	if err := write(*out); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			fmt.Fprintln(os.Stderr, "desktopfiles:", err)
		}
		os.Exit(1)
	}
}
