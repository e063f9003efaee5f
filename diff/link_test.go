package diff

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestLinkSimilarScaling links n changed sentences after one sentence of n
// words that shares a word with each of them (a paragraph with no full
// stop): its n candidates once grew the reused score map so that every
// later sentence paid n to clear and range over it. Eight times the
// sentences may cost at most 24 times the time (n log n with slack); the
// quadratic version took about 50 times.
func TestLinkSimilarScaling(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	measure := func(n int) time.Duration {
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
		od, nd := NewDocument("o", olds, nil), NewDocument("n", news, nil)
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
