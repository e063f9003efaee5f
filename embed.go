// Package storydiff holds what the storydiff command ships inside its
// binary: the built-in demo pair shown when it runs without files.
//
// The program itself is in cmd/storydiff; the engine in package diff; the
// viewer in package tui.
package storydiff

import _ "embed" // for go:embed

// DemoOld is the old version of the built-in demo pair
// (testdata/demo/old.txt), a fictional wire story.
//
//go:embed testdata/demo/old.txt
var DemoOld []byte

// DemoNew is the new version of the built-in demo pair
// (testdata/demo/new.txt): the same story as syndicated by another desk.
//
//go:embed testdata/demo/new.txt
var DemoNew []byte

// Demo names for the built-in pair, shown in headers and exports.
const (
	DemoOldName = "demo/old.txt"
	DemoNewName = "demo/new.txt"
)
