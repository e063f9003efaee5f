package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/diff/input"
)

// TestReadsStdin tells the versions the viewer must read before it starts
// (standard input) from the files it reads in its loading screen.
func TestReadsStdin(t *testing.T) {
	for _, tc := range []struct {
		files []string
		want  bool
	}{
		{[]string{"old.txt", "new.txt"}, false},
		{[]string{"-", "new.txt"}, true},
		{[]string{"old.txt", "/dev/stdin"}, true},
		{[]string{"old.txt", "/dev/fd/3"}, true},
		{[]string{"a", "b", "c"}, false},
	} {
		if got := readsStdin(tc.files); got != tc.want {
			t.Errorf("readsStdin(%q) = %v, want %v", tc.files, got, tc.want)
		}
	}
}

// TestViewerDocs loads the versions once, on first use, names them as
// load does, and keeps their warnings for after the viewer.
func TestViewerDocs(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "latin1.txt")
	if err := os.WriteFile(bad, []byte("Caf\xe9 au lait.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	idOld, _ := pair("identical")
	c := &config{files: []string{idOld, bad}, labels: labelList{"before"}}
	if got, want := c.versionNames(nil), []string{"before", bad}; !slices.Equal(got, want) {
		t.Errorf("versionNames before loading = %q, want %q", got, want)
	}
	var warnings bytes.Buffer
	get := c.viewerDocs(nil, input.Auto, strings.NewReader(""), &warnings)
	var stages []string
	docs, err := get(func(stage string, _, _ int) { stages = append(stages, stage) })
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].Name != "before" || docs[1].Name != bad {
		t.Fatalf("loaded %d versions, names %v", len(docs), c.versionNames(docs))
	}
	if !slices.Contains(stages, "reading files") {
		t.Errorf("stages %q: no reading stage", stages)
	}
	again, err := get(nil)
	if err != nil || len(again) != 2 || again[0] != docs[0] {
		t.Errorf("second use loaded again (err %v)", err)
	}
	if !strings.Contains(warnings.String(), "latin1.txt") {
		t.Errorf("warnings %q: want the decoding warning of latin1.txt", warnings.String())
	}

	missing := &config{files: []string{filepath.Join(dir, "nope.txt"), idOld}}
	if _, err := missing.viewerDocs(nil, input.Auto, strings.NewReader(""), &warnings)(nil); err == nil {
		t.Error("a missing file loaded without error")
	}
	if err := input.CheckFile(filepath.Join(dir, "nope.txt")); err == nil || !strings.Contains(err.Error(), "nope.txt") {
		t.Errorf("CheckFile of a missing file: %v", err)
	}
	if err := input.CheckFile(dir); err == nil {
		t.Error("CheckFile of a directory: no error")
	}
	if err := input.CheckFile(idOld); err != nil {
		t.Errorf("CheckFile(%s): %v", idOld, err)
	}
}
