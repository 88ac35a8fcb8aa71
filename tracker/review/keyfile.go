package review

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// keyHeader starts a key file, so that it says what it is.
const keyHeader = "devpath review signing key (Ed25519 seed, base64); keep it private\n"

// LoadOrCreateKey reads the signing key from path, or creates it there
// (readable by its owner only, 0600) when there is none yet. created
// reports a new key. A key file that others can read is refused: it may
// have been copied.
func LoadOrCreateKey(path string) (key ed25519.PrivateKey, created bool, err error) {
	key, err = loadKey(path)
	if err == nil {
		return key, false, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, false, err
	}
	seed := make([]byte, ed25519.SeedSize)
	if _, err := rand.Read(seed); err != nil {
		return nil, false, fmt.Errorf("make a signing key: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, false, fmt.Errorf("make a signing key in %s: %w", filepath.Dir(path), err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		k, err := loadKey(path) // another devpath made it at the same moment
		return k, false, err
	}
	if err != nil {
		return nil, false, fmt.Errorf("make a signing key at %s: %w", path, err)
	}
	_, werr := f.WriteString(keyHeader + base64.StdEncoding.EncodeToString(seed) + "\n")
	if err := errors.Join(werr, f.Sync(), f.Close()); err != nil {
		_ = os.Remove(path)
		return nil, false, fmt.Errorf("write the signing key at %s: %w", path, err)
	}
	return ed25519.NewKeyFromSeed(seed), true, nil
}

// LoadKey reads an existing signing key; a missing one is an error
// wrapping fs.ErrNotExist.
func LoadKey(path string) (ed25519.PrivateKey, error) { return loadKey(path) }

func loadKey(path string) (ed25519.PrivateKey, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, fmt.Errorf("read the signing key at %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("the signing key at %s is not a regular file", path)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("the signing key at %s can be read by others (mode %v); make it private with chmod 600", path, fi.Mode().Perm())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read the signing key at %s: %w", path, err)
	}
	text := strings.TrimPrefix(string(b), keyHeader)
	seed, err := base64.StdEncoding.DecodeString(strings.TrimSpace(text))
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("the signing key at %s is damaged", path)
	}
	return ed25519.NewKeyFromSeed(seed), nil
}
