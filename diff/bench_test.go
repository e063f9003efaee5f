package diff_test

import (
	"bytes"
	"math/rand"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/input"
	"github.com/storydiff/storydiff/internal/scaling"
)

// runPipeline runs the whole pipeline from bytes, as the CLI does:
// input.Read, diff.NewDocument and diff.Compare.
func runPipeline(b testing.TB, old, new []byte) *diff.Result {
	return diff.Compare(loadBytes(b, "old.txt", old), loadBytes(b, "new.txt", new), nil)
}

// benchPair times the pipeline on one pair. Besides wall time it reports
// the process CPU time per operation (user + system, GC included), which
// is steadier than wall time on a shared machine.
func benchPair(b *testing.B, old, new []byte) {
	b.ReportAllocs()
	b.SetBytes(int64(len(old) + len(new)))
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		runPipeline(b, old, new)
	}
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(len(old)+len(new))/1e6/(b.Elapsed().Seconds()/float64(b.N)), "MB/s")
	b.ReportMetric(cpu.Seconds()*1e3/float64(b.N), "cpu-ms/op")
}

// cpuTime returns the CPU time this process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkCompare measures the whole pipeline on generated pairs with
// about 5% of paragraphs hit by each kind of edit.
func BenchmarkCompare(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			old, new, _ := genPair(b, 1, s.size, 0.05)
			benchPair(b, old, new)
		})
	}
}

// worstShapes returns the degenerate inputs: one giant paragraph (with and
// without punctuation), one sentence repeated, and two unrelated
// documents.
func worstShapes(tb testing.TB) []struct {
	name     string
	old, new []byte
} {
	tb.Helper()
	stories := mustStories(tb)
	rng := rand.New(rand.NewSource(3))
	flat := func(size int) string { // one paragraph, no blank lines
		return strings.Join(genParagraphs(rng, stories, size), " ")
	}
	giantOld := flat(1 << 20)
	giantNew := mutateWords(rng, giantOld, 0.01)
	strip := strings.NewReplacer(".", "", ",", "", "!", "", "?", "", ";", "", ":", "", "“", "", "”", "", "\"", "", "’", "", "'", "", "—", "", "(", "", ")", "")
	bareOld := strip.Replace(giantOld)
	bareNew := mutateWords(rng, bareOld, 0.01)
	bareHeavy := mutateWords(rng, bareOld, 0.3) // long sentences with many word edits: the word diff's worst case
	sentence := "The council approved the harbour budget on Tuesday after a long debate. "
	repOld := strings.Repeat(sentence, (10<<20)/len(sentence))
	repNew := strings.Replace(repOld, "Tuesday", "Wednesday", 100)
	otherOld, _, _ := genPair(tb, 11, 1<<20, 0)
	otherNew := genParagraphs(rand.New(rand.NewSource(12)), stories, 1<<20)
	for i := range otherNew { // no shared words at all: shift every letter
		otherNew[i] = strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'y' || r >= 'A' && r <= 'Y' {
				return r + 1
			}
			return r
		}, otherNew[i])
	}
	return []struct {
		name     string
		old, new []byte
	}{
		{"giant-paragraph-1MB", []byte(giantOld), []byte(giantNew)},
		{"giant-no-punct-1MB", []byte(bareOld), []byte(bareNew)},
		{"giant-no-punct-1MB-30pct-edits", []byte(bareOld), []byte(bareHeavy)},
		{"repeated-sentence-10MB", []byte(repOld), []byte(repNew)},
		{"unrelated-1MB", otherOld, []byte(strings.Join(otherNew, "\n\n"))},
	}
}

// mutateWords substitutes a share of the space-separated words of s.
func mutateWords(rng *rand.Rand, s string, share float64) string {
	ws := strings.Split(s, " ")
	for i := range ws {
		if rng.Float64() < share {
			ws[i] = fillerWords[rng.Intn(len(fillerWords))]
		}
	}
	return strings.Join(ws, " ")
}

// BenchmarkCompareWorst measures the degenerate shapes.
func BenchmarkCompareWorst(b *testing.B) {
	for _, w := range worstShapes(b) {
		b.Run(w.name, func(b *testing.B) { benchPair(b, w.old, w.new) })
	}
}

// BenchmarkStages splits the 1 MB pipeline into its stages.
func BenchmarkStages(b *testing.B) {
	old, new, _ := genPair(b, 1, 1<<20, 0.05)
	b.Run("input.Read", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := input.Read("old.txt", bytes.NewReader(old), input.Text); err != nil {
				b.Fatal(err)
			}
		}
	})
	od, err := input.Read("old.txt", bytes.NewReader(old), input.Text)
	if err != nil {
		b.Fatal(err)
	}
	nd, err := input.Read("new.txt", bytes.NewReader(new), input.Text)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("NewDocument", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			diff.NewDocument(od.Name, od.Paragraphs, od.Labels)
		}
	})
	o, n := diff.NewDocument(od.Name, od.Paragraphs, od.Labels), diff.NewDocument(nd.Name, nd.Paragraphs, nd.Labels)
	b.Run("Compare", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			diff.Compare(o, n, nil)
		}
	})
}

// TestCompareScaling checks that the pipeline's work grows no faster than
// n log n (with slack) from 100 KB to 1 MB: ten times the input may cost at
// most 10·log(1M)/log(100K)·2 ≈ 24 times the allocations (count and bytes),
// which do not depend on the machine's load. With STORYDIFF_TIMING=1 the
// wall-clock time is held to the same ratio.
func TestCompareScaling(t *testing.T) {
	if testing.Short() {
		t.Skip("1 MB pair")
	}
	oldS, newS, _ := genPair(t, 1, 100<<10, 0.05)
	oldL, newL, _ := genPair(t, 1, 1<<20, 0.05)
	small := scaling.Measure(func() { runPipeline(t, oldS, newS) })
	large := scaling.Measure(func() { runPipeline(t, oldL, newL) })
	scaling.Near(t, "pipeline 100 KB -> 1 MB", small, large, 24, scaling.Cost{})
	if !scaling.Timing() {
		return
	}
	measure := func(old, new []byte) float64 {
		best := 0.0
		for i := 0; i < 3; i++ {
			res := testing.Benchmark(func(b *testing.B) {
				for b.Loop() {
					runPipeline(b, old, new)
				}
			})
			if ns := float64(res.NsPerOp()); best == 0 || ns < best {
				best = ns
			}
		}
		return best
	}
	ts, tl := measure(oldS, newS), measure(oldL, newL)
	ratio := tl / ts
	t.Logf("100KB %.1f ms, 1MB %.1f ms, ratio %.1f", ts/1e6, tl/1e6, ratio)
	if ratio > 24 {
		t.Errorf("10× input took %.1f× the time: worse than n log n", ratio)
	}
}
