package export_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/export"
)

// Write the text report of a comparison: names and counts, What matters
// (the flagged changes), then each changed block with its markers.
func ExampleWrite() {
	old := diff.NewDocument("old.txt", []string{
		"The council approved the plan with the backing of the fishermen.",
		"The vote was 6-3.",
	}, nil)
	new := diff.NewDocument("new.txt", []string{
		"The council approved the plan without the backing of the fishermen.",
		"The vote was 6-3.",
	}, nil)
	r := diff.Compare(old, new, nil)
	if err := export.Write(os.Stdout, r.View(0), export.FormatText, export.Options{}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// storydiff: old.txt → new.txt
	// old: old.txt — 2 paragraphs, 16 words
	// new: new.txt — 2 paragraphs, 16 words
	// paragraphs: old 2 = 1 unchanged + 1 changed + 0 removed + 0 boilerplate; new 2 = 1 unchanged + 1 changed + 0 added + 0 boilerplate
	// blocks: 0 moved, 0 split, 0 merged
	// sentences: 1 unchanged, 1 changed, 0 added, 0 removed; 0 moved
	// words: 1 added, 1 removed
	//
	// What matters
	//   ¶1 → ¶1  NEG  …council approved the plan [-with-]{+without+} the backing of
	//                 the…
	//
	// ¶1 → ¶1 · changed · wording · check: negation
	//     The council approved the plan [-with-]{+without+} the backing of the
	//     fishermen.
	//
	// … 1 unchanged paragraph …
}

// WriteFile writes an export atomically: the whole file or, if anything
// fails, nothing (an existing file is replaced only with force).
func ExampleWriteFile() {
	dir, err := os.MkdirTemp("", "storydiff-example-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	old := diff.NewDocument("old.txt", []string{"The vote was 6-3."}, nil)
	new := diff.NewDocument("new.txt", []string{"The vote was 7-2."}, nil)
	r := diff.Compare(old, new, nil)
	path := filepath.Join(dir, "changes.json")
	write := func(w io.Writer) error { return export.Write(w, r.View(0), export.FormatJSON, export.Options{}) }
	fmt.Println(export.WriteFile(path, false, write))
	err = export.WriteFile(path, false, write)
	fmt.Println(errors.Is(err, export.ErrExists))
	// Output:
	// <nil>
	// true
}
