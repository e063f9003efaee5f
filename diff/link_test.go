package diff

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/storydiff/storydiff/internal/scaling"
)

// TestLinkSimilarScaling links n changed sentences after one sentence of n
// words that shares a word with each of them (a paragraph with no full
// stop): its n candidates once grew the reused score map so that every
// later sentence paid n to clear and range over it. Eight times the
// sentences may cost at most 24 times the time (n log n with slack); the
// quadratic version took about 50 times. The cost was the capacity of a
// cleared map, which no allocation counter sees, so this check runs only
// with STORYDIFF_TIMING=1; TestLinkSimilarGiantSentence checks the links
// always.
func TestLinkSimilarScaling(t *testing.T) {
	scaling.RequireTiming(t)
	measure := func(n int) time.Duration {
		od, nd := giantSentencePair(n)
		var best time.Duration
		for range 3 {
			l := newLinker(od, nd)
			l.linkExact()
			start := time.Now()
			l.linkSimilar()
			if el := time.Since(start); best == 0 || el < best {
				best = el
			}
			if l.new[1].link != 0 || l.new[n].link != n-1 {
				t.Fatalf("n=%d: changed sentences not linked (%d, %d)", n, l.new[1].link, l.new[n].link)
			}
		}
		return best
	}
	small, large := measure(5000), measure(40000)
	ratio := float64(large) / float64(small)
	t.Logf("5000 sentences %v, 40000 %v, ratio %.1f", small, large, ratio)
	if ratio > 24 {
		t.Errorf("8× the sentences took %.1f× the time in linkSimilar: not near-linear", ratio)
	}
}

// giantSentencePair returns n old sentences and, in the new version, one
// giant sentence holding a word of each followed by the n sentences with
// their last word changed: the giant one is a candidate of every old one.
func giantSentencePair(n int) (old, new *Document) {
	var olds, news []string
	var giant strings.Builder
	for i := range n {
		olds = append(olds, fmt.Sprintf("Alpha%d beta%d gamma%d delta%d epsilon.", i, i, i, i))
		fmt.Fprintf(&giant, "alpha%d ", i)
	}
	news = append(news, giant.String()+"end.")
	for i := range n {
		news = append(news, fmt.Sprintf("Alpha%d beta%d gamma%d delta%d zeta.", i, i, i, i))
	}
	return NewDocument("o", olds, nil), NewDocument("n", news, nil)
}

// TestLinkSimilarGiantSentence is the shape of TestLinkSimilarScaling at a
// size the default run affords: after the giant sentence every changed
// sentence is still linked to its old one.
func TestLinkSimilarGiantSentence(t *testing.T) {
	const n = 3000
	l := newLinker(giantSentencePair(n))
	l.linkExact()
	l.linkSimilar()
	for j := 1; j <= n; j++ {
		if l.new[j].link != j-1 {
			t.Fatalf("new sentence %d linked to %d, want %d", j, l.new[j].link, j-1)
		}
	}
}
