package diff_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/storydiff/storydiff/diff"
)

// FuzzCompare loads two arbitrary byte strings as plain text through
// input.Read, as the CLI does, and checks that Compare never panics, that
// the Result satisfies every invariant (checkAll), and that a version
// compared with itself is Equal.
func FuzzCompare(f *testing.F) {
	dirs, _ := filepath.Glob(filepath.Join("..", "testdata", "pairs", "*"))
	for _, dir := range dirs {
		old, errOld := os.ReadFile(filepath.Join(dir, "old.txt"))
		new, errNew := os.ReadFile(filepath.Join(dir, "new.txt"))
		if errOld == nil && errNew == nil {
			f.Add(string(old), string(new))
		}
	}
	f.Add("", "")
	f.Add("A.\n\nB.", "B.\n\nA.")
	f.Add("One. Two. Three.", "One.\n\nTwo.\n\nThree.")
	f.Add("_____\n\n***", "***\n\n_____")
	f.Fuzz(func(t *testing.T, old, new string) {
		od, nd := loadPlain("old", old), loadPlain("new", new)
		if od == nil || nd == nil {
			return // refused by package input (binary, too large): not Compare's concern
		}
		r := diff.Compare(od, nd, nil)
		checkAll(t, r)
		if self := diff.Compare(od, od, nil); !self.Equal() {
			for bi, b := range self.Blocks {
				if b.IsChange() {
					t.Errorf("Compare(old, old): block %d is %v moved=%v: %+v", bi, b.Kind, b.Moved, b)
				}
			}
		}
	})
}
