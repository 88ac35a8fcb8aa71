package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// The latency benchmark's screen: devpath (1180 pixels wide) at x 0, the
// floor at x 1200 and the reference at refX, side by side.
const (
	screenW, screenH = 3600, 800
	refX             = 2400
)

// startXvfb starts Xvfb on the first free display of the range "A-B", on
// a screenW x screenH screen, and waits until it takes clients.
func startXvfb(rng, work string) (string, *exec.Cmd, error) {
	var first, last int
	if _, err := fmt.Sscanf(rng, "%d-%d", &first, &last); err != nil || first > last {
		return "", nil, fmt.Errorf("display range %q: want FIRST-LAST, e.g. 150-199", rng)
	}
	for n := first; n <= last; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); err == nil {
			continue
		}
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
			continue
		}
		log, err := os.Create(filepath.Join(work, "xvfb.log"))
		if err != nil {
			return "", nil, err
		}
		cmd := exec.Command("Xvfb", fmt.Sprintf(":%d", n), "-screen", "0", fmt.Sprintf("%dx%dx24", screenW, screenH), "-nolisten", "tcp", "-noreset")
		cmd.Stdout, cmd.Stderr = log, log
		cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
		if err := cmd.Start(); err != nil {
			log.Close()
			return "", nil, fmt.Errorf("start Xvfb: %w", err)
		}
		log.Close()
		display := fmt.Sprintf(":%d", n)
		for range 100 {
			time.Sleep(100 * time.Millisecond)
			if x, err := dialX(display); err == nil {
				x.close()
				return display, cmd, nil
			}
			if cmd.ProcessState != nil {
				break
			}
		}
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}
	return "", nil, fmt.Errorf("could not start Xvfb on any display from :%d to :%d", first, last)
}
