package assets

import (
	"bytes"
	"image/png"
	"os"
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

// TestFyneAppNamesIcon checks that FyneApp.toml packages this same icon
// under the app ID that the window uses.
func TestFyneAppNamesIcon(t *testing.T) {
	data, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatalf("read FyneApp.toml: %v", err)
	}
	for _, want := range []string{`Icon = "assets/icon.png"`, `ID = "io.devpath.app"`, `Name = "devpath"`, `fyneDo = true`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("FyneApp.toml lacks %s", want)
		}
	}
}
