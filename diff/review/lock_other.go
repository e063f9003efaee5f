//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package review

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// lock, on systems without flock(2), creates path exclusively as the lock
// and removes it on release. A lock file older than a minute is taken to
// be left by a process that died, and removed.
func lock(path string, wait time.Duration) (func(), error) {
	deadline := time.Now().Add(wait)
	for delay := time.Millisecond; ; delay = min(2*delay, 50*time.Millisecond) {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			f.Close()
			return func() { os.Remove(path) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("lock: %w", err)
		}
		if fi, err := os.Stat(path); err == nil && time.Since(fi.ModTime()) > time.Minute {
			os.Remove(path)
			continue
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("lock: still held by another storydiff after %v", wait)
		}
		time.Sleep(delay)
	}
}
