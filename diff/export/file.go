package export

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrExists is returned (wrapped) by WriteFile when the file exists and
// force is false.
var ErrExists = errors.New("exists; use --force to replace")

// WriteFile writes a file atomically: write fills a temporary file in the
// same directory, which is synced to disk and renamed over path, so that
// readers see either the old file or the whole new one, never a part. It
// refuses to replace an existing file unless force is true; the error then
// wraps ErrExists and reads "<path> exists; use --force to replace". The
// file gets permissions 0644. If write or any step fails, the temporary
// file is removed and path is left as it was.
func WriteFile(path string, force bool, write func(io.Writer) error) (err error) {
	if path == "" {
		return errors.New("write file: empty path")
	}
	if !force {
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("%s %w", path, ErrExists)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	name := tmp.Name()
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(name)
		}
	}()
	bw := bufio.NewWriterSize(tmp, 64<<10)
	if err := write(bw); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: sync: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if force {
		if err := os.Rename(name, path); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	} else {
		// Link fails if path appeared meanwhile, where rename would
		// silently replace it.
		if err := os.Link(name, path); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("%s %w", path, ErrExists)
			}
			if err := os.Rename(name, path); err != nil { // no hard links here
				return fmt.Errorf("write %s: %w", path, err)
			}
		} else {
			os.Remove(name)
		}
	}
	syncDir(dir)
	return nil
}

// syncDir flushes the directory entry of a renamed file; failure is not
// an error (some systems cannot sync directories).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
