// Package assets holds devpath's application icon. The icon is drawn by the
// program in assets/gen; run "go generate ./assets" after changing it.
package assets

import _ "embed"

//go:generate go run ./gen -o icon.png -size 256
//go:generate go run ./gen -svg -o icon.svg

// Icon is the application icon, a 256×256 PNG (the same file FyneApp.toml
// names for packaging).
//
//go:embed icon.png
var Icon []byte
