// Command winres makes the two Windows-only pieces of devpath's Windows
// package, for .ci/windows-build.sh:
//
//	winres -syso FILE   the resource object the Go linker adds to
//	                    devpath.exe: its icon (assets/icon.png), its version
//	                    information (FyneApp.toml's version and build) and its
//	                    manifest (per-monitor DPI awareness, UTF-8 code page)
//	winres -zip FILE -add EXE [-add FILE]...
//	                    a zip of the files, each under devpath/ (so Windows'
//	                    own "Extract all" gives one folder), without the zip
//	                    program, which a fresh Debian lacks.
//
// Run it from the repository's root.
package main

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/fyne-io/image/ico"
	"github.com/josephspurrier/goversioninfo"
)

// manifest asks Windows for per-monitor DPI awareness (GLFW scales by
// itself; without it Windows blurs the window), the common controls of
// version 6 and UTF-8 as the process's code page.
const manifest = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0" xmlns:asmv3="urn:schemas-microsoft-com:asm.v3">
  <assemblyIdentity version="%s" processorArchitecture="*" name="devpath" type="win32"/>
  <asmv3:application>
    <asmv3:windowsSettings>
      <dpiAware xmlns="http://schemas.microsoft.com/SMI/2005/WindowsSettings">true</dpiAware>
      <dpiAwareness xmlns="http://schemas.microsoft.com/SMI/2016/WindowsSettings">PerMonitorV2</dpiAwareness>
      <activeCodePage xmlns="http://schemas.microsoft.com/SMI/2019/WindowsSettings">UTF-8</activeCodePage>
    </asmv3:windowsSettings>
  </asmv3:application>
</assembly>
`

// details is FyneApp.toml's [Details].
type details struct {
	Details struct {
		Name, Version string
		Build         int
	}
	LinuxAndBSD struct{ Comment string }
}

// syso writes the resource object to out.
func syso(out string) error {
	var d details
	if _, err := toml.DecodeFile("FyneApp.toml", &d); err != nil {
		return err
	}
	parts := strings.Split(d.Details.Version, ".")
	if len(parts) != 3 {
		return fmt.Errorf("FyneApp.toml: version %q is not MAJOR.MINOR.PATCH", d.Details.Version)
	}
	var nums [3]int
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return fmt.Errorf("FyneApp.toml: version %q is not MAJOR.MINOR.PATCH", d.Details.Version)
		}
		nums[i] = n
	}
	full := fmt.Sprintf("%s.%d", d.Details.Version, d.Details.Build)

	tmp, err := os.MkdirTemp("", "devpath-winres-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	icon, err := os.ReadFile(filepath.Join("assets", "icon.png"))
	if err != nil {
		return err
	}
	img, err := png.Decode(bytes.NewReader(icon))
	if err != nil {
		return fmt.Errorf("assets/icon.png: %w", err)
	}
	var icoData bytes.Buffer
	if err := ico.Encode(&icoData, img); err != nil {
		return err
	}
	icoPath := filepath.Join(tmp, "devpath.ico")
	manPath := filepath.Join(tmp, "devpath.exe.manifest")
	if err := os.WriteFile(icoPath, icoData.Bytes(), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(manPath, fmt.Appendf(nil, manifest, full), 0o644); err != nil {
		return err
	}

	fv := goversioninfo.FileVersion{Major: nums[0], Minor: nums[1], Patch: nums[2], Build: d.Details.Build}
	vi := &goversioninfo.VersionInfo{IconPath: icoPath, ManifestPath: manPath}
	vi.FixedFileInfo.FileVersion = fv
	vi.FixedFileInfo.ProductVersion = fv
	vi.FixedFileInfo.FileOS = "040004" // VOS_NT_WINDOWS32
	vi.FixedFileInfo.FileType = "01"   // VFT_APP
	vi.StringFileInfo.ProductName = d.Details.Name
	vi.StringFileInfo.FileDescription = d.Details.Name + ": " + d.LinuxAndBSD.Comment
	vi.StringFileInfo.ProductVersion = full
	vi.StringFileInfo.FileVersion = full
	vi.StringFileInfo.InternalName = "devpath"
	vi.StringFileInfo.OriginalFilename = "devpath.exe"
	vi.StringFileInfo.CompanyName = "The devpath maintainers"
	vi.VarFileInfo.Translation.LangID = goversioninfo.LngUSEnglish
	vi.VarFileInfo.Translation.CharsetID = goversioninfo.CsUnicode
	vi.Build()
	vi.Walk()
	return vi.WriteSyso(out, "amd64")
}

// zipFiles writes the files into a zip at out, each under devpath/.
func zipFiles(out string, files []string) (err error) {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	zw := zip.NewWriter(f)
	for _, name := range files {
		src, err := os.Open(name)
		if err != nil {
			return err
		}
		fi, err := src.Stat()
		if err != nil {
			src.Close()
			return err
		}
		h, err := zip.FileInfoHeader(fi)
		if err != nil {
			src.Close()
			return err
		}
		h.Name = "devpath/" + filepath.Base(name)
		h.Method = zip.Deflate
		w, err := zw.CreateHeader(h)
		if err == nil {
			_, err = io.Copy(w, src)
		}
		src.Close()
		if err != nil {
			return err
		}
	}
	return zw.Close()
}

// files collects repeated -add flags.
type files []string

func (f *files) String() string     { return strings.Join(*f, ",") }
func (f *files) Set(v string) error { *f = append(*f, v); return nil }

func main() {
	sysoOut := flag.String("syso", "", "write the resource object to this `file`")
	zipOut := flag.String("zip", "", "write a zip to this `file`")
	var add files
	flag.Var(&add, "add", "a `file` to put in the zip (repeat)")
	flag.Parse()
	var err error
	switch {
	case *sysoOut != "" && *zipOut == "" && len(add) == 0:
		err = syso(*sysoOut)
	case *zipOut != "" && *sysoOut == "" && len(add) > 0:
		err = zipFiles(*zipOut, add)
	default:
		fmt.Fprintln(os.Stderr, "usage: winres -syso FILE | winres -zip FILE -add FILE [-add FILE]...")
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "winres:", err)
		os.Exit(1)
	}
}
