package export

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"unicode/utf8"

	"github.com/storydiff/storydiff/internal/textsafe"
)

// ErrExists is returned (wrapped) by WriteFile when the file exists and
// force is false.
var ErrExists = errors.New("exists; use --force to replace")

// WriteFile is WriteFileContext without a context.
func WriteFile(path string, force bool, write func(io.Writer) error) error {
	return WriteFileContext(context.Background(), path, force, write)
}

// WriteFileContext writes the output of write to path, by what path is:
//
//   - a new or regular file is written atomically: write fills a temporary
//     file in the same directory (with a short name, so that a name of up
//     to 255 bytes works), which is synced to disk and renamed over path,
//     so that readers see either the old file or the whole new one, never
//     a part. A new file gets permissions 0644, a replaced one keeps its
//     mode. An existing file is replaced only if force is true; the error
//     otherwise wraps ErrExists and reads "<path> exists; use --force to
//     replace".
//   - a symbolic link is followed: its target is written as above (and
//     the link stays a link); a link to nothing is refused.
//   - a character device or a FIFO (/dev/null, /dev/stdout, a pipe made
//     with mkfifo) is opened and written directly, as sort -o does: there
//     is no file to replace, so force is not needed.
//   - anything else (a directory, a block device, a socket) is refused.
//
// If write or any step fails, the temporary file is removed and path is
// left as it was. When ctx is done (the command was interrupted), the next
// write to the temporary file fails, so that write returns, the temporary
// file is removed and the error wraps ctx.Err(). Names in errors are
// cleaned as every message quoting input is.
func WriteFileContext(ctx context.Context, path string, force bool, write func(io.Writer) error) (err error) {
	show := textsafe.Clean(path)
	if path == "" {
		return errors.New("write file: empty path")
	}
	target := path
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fi = nil
	case err != nil:
		return fmt.Errorf("write %s: %w", show, err)
	case fi.Mode()&fs.ModeSymlink != 0:
		if target, err = filepath.EvalSymlinks(path); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("write %s: a symbolic link to a missing file, refused", show)
			}
			return fmt.Errorf("write %s: %w", show, err)
		}
		if fi, err = os.Stat(target); err != nil {
			return fmt.Errorf("write %s: %w", show, err)
		}
	}
	var mode fs.FileMode = 0o644
	if fi != nil {
		switch t := fi.Mode().Type(); {
		case t == fs.ModeDevice|fs.ModeCharDevice, t == fs.ModeNamedPipe:
			return writeDirect(ctx, target, show, write)
		case t == fs.ModeDir:
			return fmt.Errorf("write %s: is a directory", show)
		case t != 0:
			return fmt.Errorf("write %s: not a regular file, a character device or a FIFO (%v), refused", show, t)
		}
		if !force {
			return fmt.Errorf("%s %w", show, ErrExists)
		}
		mode = fi.Mode().Perm()
	}
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+shortName(base)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", show, err)
	}
	name := tmp.Name()
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(name)
		}
	}()
	bw := bufio.NewWriterSize(ctxWriter{ctx, tmp}, 64<<10)
	if err := write(bw); err != nil {
		return fmt.Errorf("write %s: %w", show, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", show, err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("write %s: %w", show, err)
	}
	if err := tmp.Chmod(mode); err != nil {
		return fmt.Errorf("write %s: %w", show, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: sync: %w", show, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", show, err)
	}
	if fi != nil {
		if err := os.Rename(name, target); err != nil {
			return fmt.Errorf("write %s: %w", show, err)
		}
	} else {
		// Link fails if path appeared meanwhile, where rename would
		// silently replace it.
		if err := os.Link(name, target); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("%s %w", show, ErrExists)
			}
			if err := os.Rename(name, target); err != nil { // no hard links here
				return fmt.Errorf("write %s: %w", show, err)
			}
		} else {
			os.Remove(name)
		}
	}
	syncDir(dir)
	return nil
}

// writeDirect writes to a device or FIFO in place.
func writeDirect(ctx context.Context, path, show string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("write %s: %w", show, err)
	}
	bw := bufio.NewWriterSize(ctxWriter{ctx, f}, 64<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", show, err)
	}
	return nil
}

// maxTempBase is the longest part of the output name kept in the
// temporary name: ".", the part, ".tmp-" and CreateTemp's random digits
// stay well under the 255 bytes most file systems allow.
const maxTempBase = 32

// shortName returns base cut to at most maxTempBase bytes, on a rune
// boundary.
func shortName(base string) string {
	if len(base) <= maxTempBase {
		return base
	}
	n := maxTempBase
	for n > 0 && !utf8.RuneStart(base[n]) {
		n--
	}
	return base[:n]
}

// ctxWriter fails every write once ctx is done.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// syncDir flushes the directory entry of a renamed file; failure is not
// an error (some systems cannot sync directories).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
