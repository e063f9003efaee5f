package diff_test

import (
	"testing"

	"github.com/storydiff/storydiff/diff"
)

// BenchmarkLinkStages times Compare's linking and grouping stages apart,
// on the generated pairs of BenchmarkCompare: newLinker (features), the
// anchor, exact and similar links, the partial links, and the grouping of
// paragraphs with the ordering of blocks. Each stage runs on a fresh copy
// of what the stages before it left; only the stage itself is timed.
func BenchmarkLinkStages(b *testing.B) {
	for _, s := range benchSizes {
		old, new, _ := genPair(b, 1, s.size, 0.05)
		od, nd := loadBytes(b, "old.txt", old), loadBytes(b, "new.txt", new)
		upTo := func(st *diff.LinkStages, n int) {
			for _, f := range []func(){st.Features, st.Link, st.Partial, st.Group}[:n] {
				f()
			}
		}
		for i, name := range []string{"features", "link", "partial", "group"} {
			b.Run(s.name+"/"+name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					b.StopTimer()
					st := diff.NewLinkStages(od, nd)
					upTo(st, i)
					b.StartTimer()
					[]func(){st.Features, st.Link, st.Partial, st.Group}[i]()
				}
			})
		}
	}
}
