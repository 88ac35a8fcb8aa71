package assets

import (
	"bytes"
	"image/png"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestIconIsPNG checks that the embedded icon is the 256×256 PNG.
func TestIconIsPNG(t *testing.T) {
	cfg, err := png.DecodeConfig(bytes.NewReader(Icon))
	if err != nil {
		t.Fatalf("embedded icon is not a PNG: %v", err)
	}
	if cfg.Width != 256 || cfg.Height != 256 {
		t.Errorf("icon is %d×%d, want 256×256", cfg.Width, cfg.Height)
	}
}

// TestAppIDEverywhere checks that the window, the benchmarks' empty window
// and the window test use FyneApp.toml's application id, which the desktop
// entry, the metainfo and the icons are named after (.ci/desktopfiles).
func TestAppIDEverywhere(t *testing.T) {
	data, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^ID = "([^"]+)"$`).FindSubmatch(data)
	if m == nil {
		t.Fatal("FyneApp.toml has no ID")
	}
	id := string(m[1])
	for _, f := range []string{"../ui/appid.go", "../ui/internal/emptywindow/main.go", "../.ci/journey/app.go"} {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(src), `"`+id+`"`) {
			t.Errorf("%s does not use the application id %s", f, id)
		}
	}
}

// TestFyneAppNamesIcon checks that FyneApp.toml packages this same icon
// under the app ID that the window uses.
func TestFyneAppNamesIcon(t *testing.T) {
	data, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatalf("read FyneApp.toml: %v", err)
	}
	for _, want := range []string{`Icon = "assets/icon.png"`, `ID = "io.github.devpath.devpath"`, `Name = "devpath"`, `fyneDo = true`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("FyneApp.toml lacks %s", want)
		}
	}
}
