package export

import (
	"io"
	"path/filepath"
	"slices"
	"testing"

	"github.com/storydiff/storydiff/diff"
)

// replicate returns a result of n copies of r one after the other, built
// with diff.Assemble (block indices, paragraph and sentence references
// shifted), so that its size grows without running Compare.
func replicate(tb testing.TB, r *diff.Result, n int) *diff.Result {
	tb.Helper()
	old := &diff.Document{Name: r.Old.Name}
	new := &diff.Document{Name: r.New.Name}
	var blocks []diff.Block
	no, nn, nb := len(r.Old.Paragraphs), len(r.New.Paragraphs), len(r.Blocks)
	shift := func(ref diff.SentRef, by int) diff.SentRef {
		if ref.IsNone() {
			return ref
		}
		return diff.SentRef{Para: ref.Para + by, Sent: ref.Sent}
	}
	for k := range n {
		old.Paragraphs = append(old.Paragraphs, r.Old.Paragraphs...)
		new.Paragraphs = append(new.Paragraphs, r.New.Paragraphs...)
		for _, b := range r.Blocks {
			c := b
			c.Old, c.New = slices.Clone(b.Old), slices.Clone(b.New)
			for i := range c.Old {
				c.Old[i] += k * no
			}
			for i := range c.New {
				c.New[i] += k * nn
			}
			if c.Origin >= 0 {
				c.Origin += k * nb
			}
			c.Pairs = slices.Clone(b.Pairs)
			for i := range c.Pairs {
				c.Pairs[i].OldRef = shift(c.Pairs[i].OldRef, k*no)
				c.Pairs[i].NewRef = shift(c.Pairs[i].NewRef, k*nn)
			}
			blocks = append(blocks, c)
		}
	}
	out, err := diff.Assemble(old, new, blocks)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// inputSize is the number of bytes of paragraph text in both versions.
func inputSize(r *diff.Result) int64 {
	n := 0
	for _, d := range []*diff.Document{r.Old, r.New} {
		for _, p := range d.Paragraphs {
			n += len(p.Text) + 1
		}
	}
	return int64(n)
}

// large returns a result of about size bytes of input made from the demo
// pair.
func large(b *testing.B, size int) *diff.Result {
	b.Helper()
	r := loadPair(b, filepath.Join("..", "..", "testdata", "demo"))
	n := max(1, size/int(inputSize(r)))
	return replicate(b, r, n)
}

func benchWriter(b *testing.B, size int, write func(io.Writer, *diff.Result) error) {
	r := large(b, size)
	b.SetBytes(inputSize(r))
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		if err := write(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
	// On a shared machine wall time says little; CPU time used by the
	// process (writer and garbage collector) gives a steadier rate.
	if cpu := (cpuTime() - start).Seconds(); cpu > 0 {
		b.ReportMetric(float64(inputSize(r))*float64(b.N)/cpu/1e6, "cpuMB/s")
	}
}

func text(w io.Writer, r *diff.Result) error { return writeText(w, r.View(0), Options{Context: -1}) }
func htm(w io.Writer, r *diff.Result) error  { return writeHTML(w, r.View(0), Options{}) }
func jsn(w io.Writer, r *diff.Result) error  { return writeJSON(w, r.View(0)) }

func BenchmarkWriteJSON1MB(b *testing.B)  { benchWriter(b, 1<<20, jsn) }
func BenchmarkWriteJSON10MB(b *testing.B) { benchWriter(b, 10<<20, jsn) }
func BenchmarkWriteText1MB(b *testing.B)  { benchWriter(b, 1<<20, text) }
func BenchmarkWriteText10MB(b *testing.B) { benchWriter(b, 10<<20, text) }
func BenchmarkWriteHTML1MB(b *testing.B)  { benchWriter(b, 1<<20, htm) }
func BenchmarkWriteHTML10MB(b *testing.B) { benchWriter(b, 10<<20, htm) }
