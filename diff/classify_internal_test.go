package diff

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storydiff/storydiff/diff/internal/segment"
	"github.com/storydiff/storydiff/internal/scaling"
)

// hugePair builds a one-sentence pair of n words where every other word
// changes, with verbs of saying, names, numbers, negations and quotation
// marks throughout: n/2 runs in one sentence, the worst shape for
// per-run work.
func hugePair(n int) *Result {
	var o, nw strings.Builder
	var words []Word
	for i := 0; i < n; i++ {
		var eq string
		switch i % 8 {
		case 0:
			eq = "said "
		case 2:
			eq = "“quote "
		case 4:
			eq = "Tuesday” "
		case 6:
			eq = "not "
		}
		if eq != "" {
			o.WriteString(eq)
			nw.WriteString(eq)
			words = append(words, Word{OpEqual, eq})
			continue
		}
		d, in := "Na"+letters(i)+" ", fmt.Sprintf("%d ", i)
		o.WriteString(d)
		nw.WriteString(in)
		words = append(words, Word{OpDelete, d}, Word{OpInsert, in})
	}
	doc := func(s string) *Document {
		return &Document{Paragraphs: []Paragraph{{Text: s, Sentences: []Sentence{{Text: s, End: len(s)}}}}}
	}
	old, new := doc(o.String()), doc(nw.String())
	blocks := []Block{{Kind: Changed, Old: []int{0}, New: []int{0}, Origin: -1, Pairs: []Pair{{
		Kind: Changed, OldRef: SentRef{0, 0}, NewRef: SentRef{0, 0}, Old: old.Paragraphs[0].Text, New: new.Paragraphs[0].Text, Words: words}}}}
	r, err := Assemble(old, new, blocks)
	if err != nil {
		panic(err)
	}
	return r
}

// letters spells i in base 26 with lower-case letters.
func letters(i int) string {
	b := []byte{byte('a' + i%26)}
	for i /= 26; i > 0; i /= 26 {
		b = append(b, byte('a'+i%26))
	}
	return string(b)
}

// TestAnnotateLinear classifies a sentence with 100,000 runs and one with
// 25,000: per-run work that scanned the sentence would take about 10^10
// steps. Four times the runs may cost at most eight times the allocations;
// with STORYDIFF_TIMING=1 the large one must also finish within 20 s.
func TestAnnotateLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	// Run by run however long the sentence (past maxClassifyTokens a pair
	// is classified coarsely: see TestGiantSentencePair).
	defer func(n int) { maxClassifyTokens = n }(maxClassifyTokens)
	maxClassifyTokens = math.MaxInt
	small, r := hugePair(50_000), hugePair(200_000)
	cs := scaling.Measure(func() { annotate(small) })
	start := time.Now()
	cl := scaling.Measure(func() { annotate(r) })
	elapsed := time.Since(start)
	p := &r.Blocks[0].Pairs[0]
	if len(p.Runs) != 100_000 || !p.Flags.Has(FlagNumber|FlagName|FlagQuote) {
		t.Errorf("%d runs, flags %v", len(p.Runs), p.Flags.Names())
	}
	scaling.Near(t, "annotate 25,000 -> 100,000 runs", cs, cl, 8, scaling.Cost{})
	t.Logf("annotate: %d runs in %v", len(p.Runs), elapsed)
	if scaling.Timing() && elapsed > 20*time.Second {
		t.Errorf("annotate took %v on %d runs: not linear", elapsed, len(p.Runs))
	}
}

func BenchmarkAnnotateRuns(b *testing.B) {
	for _, n := range []int{50_000, 200_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				r := hugePair(n)
				b.StartTimer()
				annotate(r)
			}
		})
	}
}

// TestRunCountsIsLocalCounts holds runCounts.get, short (scanned) and
// long (mapped), to localCounts: words by key, currency symbols by text.
func TestRunCountsIsLocalCounts(t *testing.T) {
	texts := []string{
		"", "the", "$", "$ 5 $ 5", "The the THE", "€3 and $4 and € and $", "US U.S. us",
		strings.Repeat("the council $ met € again ", 10), // longer than shortRun: mapped
	}
	queries := []string{"", "the", "$", "€", "5", "us", "council", "and", "x"}
	for _, text := range texts {
		var ts []tok
		for _, w := range segment.Tokens(text) {
			k := tok{text: w}
			if segment.IsWord(w) {
				k.key = wordKey(w)
			}
			ts = append(ts, k)
		}
		want, got := localCounts(ts), newRunCounts(ts)
		for _, q := range append(queries, slices.Collect(maps.Keys(want))...) {
			if got.get(q) != want[q] {
				t.Errorf("%q: get(%q) = %d, want %d", text, q, got.get(q), want[q])
			}
		}
	}
}
