//go:build unix

package main

import (
	"os"

	"golang.org/x/sys/unix"
)

// closedAtStart reports whether f, a standard stream, was closed when the
// program started (storydiff a b >&-). The Go runtime then opens /dev/null
// read-write in its place, so that reads find nothing and writes vanish; a
// shell's </dev/null or >/dev/null opens it read-only or write-only, which
// stays a valid stream. A /dev/null the caller opened read-write (1<>/dev/null,
// Python's subprocess.DEVNULL) cannot be told from the runtime's and reads
// as closed too (README, Input).
func closedAtStart(f *os.File) bool {
	fi, err := f.Stat()
	if err != nil {
		return true // not even a file: closed after all
	}
	null, err := os.Stat(os.DevNull)
	if err != nil || !os.SameFile(fi, null) {
		return false
	}
	fl, err := unix.FcntlInt(f.Fd(), unix.F_GETFL, 0)
	return err == nil && fl&unix.O_ACCMODE == unix.O_RDWR
}
