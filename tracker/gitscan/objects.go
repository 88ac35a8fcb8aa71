package gitscan

import "io"

// damagedError is a repository's missing or corrupt object; its text goes
// in "PATH: the repository is damaged (...)".
type damagedError struct{ what string }

func (e *damagedError) Error() string { return e.what }

// readAllInto reads r to its end, appending to buf.
func readAllInto(r io.Reader, buf []byte) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}
