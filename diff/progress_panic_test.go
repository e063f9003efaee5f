package diff

import (
	"fmt"
	"runtime"
	"testing"
	"time"
)

// TestProgressPanicLeavesNoWorker: a progress callback that panics while
// the word diffs run (the viewer's, say) reaches Compare's caller, and the
// word-diff workers still finish rather than wait for ever to report.
func TestProgressPanicLeavesNoWorker(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one processor: the word diffs run on the caller's goroutine")
	}
	var olds, news []string // 5000 changed blocks: several workers, several reports
	for i := range 5000 {
		olds = append(olds, fmt.Sprintf("Paragraph %d says the council met on day %d.", i, i))
		news = append(news, fmt.Sprintf("Paragraph %d says the council met again on day %d.", i, i))
	}
	old, new := NewDocument("old", olds, nil), NewDocument("new", news, nil)
	before := runtime.NumGoroutine()
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("the progress callback's panic did not reach the caller")
			}
		}()
		Compare(old, new, &Options{Progress: func(stage string, done, total int) {
			if stage == "diffing words" && done > 65 {
				panic("progress")
			}
		}})
	}()
	// The workers end once the blocks are filled; -timeout catches a hang,
	// this loop only waits for them.
	for deadline := time.Now().Add(20 * time.Second); runtime.NumGoroutine() > before; {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines left behind", runtime.NumGoroutine()-before)
		}
		time.Sleep(time.Millisecond)
	}
}
