//go:build !unix

package main

import "os"

// closedAtStart reports whether f was closed when the program started;
// this system does not say.
func closedAtStart(*os.File) bool { return false }
