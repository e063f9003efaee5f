package diff

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/storydiff/storydiff/diff/input"
)

// BenchmarkLateStages measures the stages of Compare after the blocks are
// ordered, one by one, on the bench pairs in the directory named by
// STORYDIFF_PAIRS_DIR (SIZE-old.txt and SIZE-new.txt as
// TestGenerateBenchPairs writes them; skipped when it is not set): fill
// (the word diffs, on all processors), assemble, annotate (classes,
// labels, findings, Stats). Besides wall time each reports the process
// CPU time per operation (GC included), steadier on a shared machine.
func BenchmarkLateStages(b *testing.B) {
	dir := os.Getenv("STORYDIFF_PAIRS_DIR")
	if dir == "" {
		b.Skip("STORYDIFF_PAIRS_DIR not set")
	}
	for _, size := range []string{"10KB", "100KB", "1MB", "10MB"} {
		st := loadStages(b, filepath.Join(dir, size))
		if st == nil {
			continue
		}
		b.Run(size+"/fill", func(b *testing.B) {
			benchCPU(b, func() { st.fill() })
		})
		b.Run(size+"/assemble", func(b *testing.B) {
			blocks := st.fill()
			benchCPU(b, func() { assembleOrWhole(st.old, st.new, blocks, st.ghosts) })
		})
		b.Run(size+"/annotate", func(b *testing.B) {
			b.ReportAllocs()
			var cpu time.Duration
			for b.Loop() {
				b.StopTimer()
				r := assembleOrWhole(st.old, st.new, st.fill(), st.ghosts) // annotate changes r
				c0 := processCPU()
				b.StartTimer()
				annotateWith(r, st.oldWords, st.newWords)
				b.StopTimer()
				cpu += processCPU() - c0
				b.StartTimer()
			}
			b.ReportMetric(cpu.Seconds()*1e3/float64(b.N), "cpu-ms/op")
		})
	}
}

// stages is Compare stopped after orderBlocks.
type stages struct {
	old, new           *Document
	l                  *linker
	blocks             []Block
	ghosts             []Ghost
	oldWords, newWords map[uint64]struct{}
}

// loadStages reads prefix-old.txt and prefix-new.txt and runs Compare up
// to orderBlocks; nil when the files are missing.
func loadStages(b *testing.B, prefix string) *stages {
	read := func(side string) *Document {
		f, err := os.Open(prefix + "-" + side + ".txt")
		if err != nil {
			return nil
		}
		defer f.Close()
		d, err := input.Read(side, f, input.Text)
		if err != nil {
			b.Fatal(err)
		}
		return NewDocument(d.Name, d.Paragraphs, d.Labels)
	}
	old, new := read("old"), read("new")
	if old == nil || new == nil {
		return nil
	}
	l := newLinker(old, new)
	l.linkAnchors()
	l.linkExact()
	l.linkSimilar()
	l.linkPartial()
	groups := groupParagraphs(l, old, new)
	blocks, ghosts := orderBlocks(groups, len(old.Paragraphs), len(new.Paragraphs))
	st := &stages{old: old, new: new, l: l, blocks: blocks, ghosts: ghosts, oldWords: l.oldWords, newWords: l.newWords}
	l.release()
	return st
}

// fill fills a copy of the ordered blocks, as Compare does.
func (st *stages) fill() []Block {
	blocks := append([]Block(nil), st.blocks...)
	bd := &builder{l: st.l, old: st.old, new: st.new}
	bd.start()
	bd.fillAll(blocks, func(int) {})
	return blocks
}

// benchCPU runs f as the benchmark's operation and reports allocations and
// process CPU time per operation.
func benchCPU(b *testing.B, f func()) {
	b.ReportAllocs()
	c0 := processCPU()
	for b.Loop() {
		f()
	}
	b.ReportMetric((processCPU()-c0).Seconds()*1e3/float64(b.N), "cpu-ms/op")
}

// processCPU returns the CPU time this process has used so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
