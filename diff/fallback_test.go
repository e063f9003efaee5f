package diff_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/storydiff/storydiff/diff"
)

// TestMain fails the package's run if any test made Compare fall back to
// showing the versions whole (diff.Fallbacks), even a test that never
// looked at the Result's findings.
func TestMain(m *testing.M) {
	code := m.Run()
	if n := diff.Fallbacks(); n != 0 {
		fmt.Fprintf(os.Stderr, "FAIL: Compare fell back to showing the versions whole %d times (a bug in the alignment)\n", n)
		code = 1
	}
	os.Exit(code)
}
