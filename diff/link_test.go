package diff

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storydiff/storydiff/diff/internal/segment"

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

// TestNextWordAgrees checks that nextWord, features' fast path for ASCII
// tokens, finds exactly the words segment.NextWord finds: on tricky
// strings (punctuation runs before joiners and combining marks, white
// space of every kind, abbreviations, numbers, invalid bytes), on many
// random strings built from such pieces, and on every sentence of the
// test pairs.
func TestNextWordAgrees(t *testing.T) {
	words := func(next func(string, int) (int, int), s string) [][2]int {
		var out [][2]int
		for a, b := next(s, 0); a >= 0; a, b = next(s, b) {
			out = append(out, [2]int{a, b})
		}
		return out
	}
	check := func(s string) {
		t.Helper()
		got, want := words(nextWord, s), words(segment.NextWord, s)
		if !slices.Equal(got, want) {
			t.Fatalf("%q: nextWord %v, segment.NextWord %v", s, got, want)
		}
	}
	for _, s := range []string{
		"", " ", "a", "The council approved the plan on Monday.",
		"--\u200dé", "a --\u0301b", " \t\u200dé", "x,\u0301y", "$\u0301a", "'tis", "don't", "don’t",
		"U.S. officials", "1,000 people at 10:30", "a.m.", "e.g. this", "well-known", "(quoted)",
		"a  \tb", "a \u00a0b", "a\u00a0 b", "a\x01b", "a\x7fb", "a\xffb", "x\ufeffy", "日本語 text",
		"👩‍💻 coder", "café", "cafe\u0301", "NASA’s", "…and", "a...b", "a..b", "a,,b", "3.14", "U.S",
		"_a_", "a_b", "#tag", "@user", "$5", "5%", "x+y=z", "a|b", "~a", "`a`", "^a",
	} {
		check(s)
	}
	pieces := []string{"a", "Z", "9", "ab", " ", "  ", "\t", "\n", ".", ",", ":", "'", "-", "--", "$", "_",
		"’", "é", "e\u0301", "\u0301", "\u200d", "日", "\u00a0", "\ufeff", "👩‍💻", "U.S.", "1,000",
		"\x01", "\x7f", "\xff", "，", "…", "“", "”", "—", "’s", "“”", "——", "\xe2\x80", "!", "?", "(", ")"}
	rng := rand.New(rand.NewSource(1))
	for range 50000 {
		var b strings.Builder
		for range 1 + rng.Intn(10) {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		check(b.String())
	}
	files, _ := filepath.Glob("../testdata/pairs/*/*.txt")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range NewDocument(f, strings.Split(string(data), "\n\n"), nil).Paragraphs {
			for _, st := range p.Sentences {
				check(st.Text)
			}
		}
	}
	if len(files) == 0 {
		t.Fatal("no test pairs found")
	}
}

// TestFeaturesFold checks features' shortcuts (ASCII words hashed from
// the text, other words' folds found by their spelling, nextWord) against
// the plain computation: every word folded with segment.AppendFold and
// hashed, on every test pair and on words that repeat in other spellings.
func TestFeaturesFold(t *testing.T) {
	docs := []*Document{NewDocument("tricky", []string{
		"The Café’s owner said “it’s fine.” The cafe\u0301’s owner said it’s fine — twice. THE CAFÉ’S OWNER.",
		"U.S. officials met at 10:30 a.m. with 1,000 people; U.S. officials left. Ｆｕｌｌ width, ﬁne ligatures.",
		"NASA’s NASA's nasa’s rock’n’roll 日本語 👩‍💻 x\u00ady",
	}, nil)}
	files, _ := filepath.Glob("../testdata/pairs/*/*.txt")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, NewDocument(f, strings.Split(string(data), "\n\n"), nil))
	}
	for _, d := range docs {
		f := features(d)
		n := 0
		for _, p := range d.Paragraphs {
			for _, st := range p.Sentences {
				h, words := fnvOffset, 0
				for a, b := segment.NextWord(st.Text, 0); a >= 0; a, b = segment.NextWord(st.Text, b) {
					wh := fnv(fnvOffset, segment.AppendFold(nil, st.Text[a:b]))
					if id := f.arena[f.start[n]+words]; f.dict[id] != wh {
						t.Fatalf("%s: %q: word %q hashed %x, want %x", d.Name, st.Text, st.Text[a:b], f.dict[id], wh)
					}
					h = (h ^ wh) * fnvPrime
					words++
				}
				if words != f.start[n+1]-f.start[n] {
					t.Fatalf("%s: %q: %d words, want %d", d.Name, st.Text, f.start[n+1]-f.start[n], words)
				}
				if words > 0 && f.keys[n] != h {
					t.Fatalf("%s: %q: key %x, want %x", d.Name, st.Text, f.keys[n], h)
				}
				n++
			}
		}
	}
}

// TestSortParallel checks that sortParallel gives what slices.SortFunc
// gives, below and above the size it splits at.
func TestSortParallel(t *testing.T) {
	type pair struct{ key, id int }
	byKey := func(a, b pair) int { // total: ties broken by id
		if a.key != b.key {
			return a.key - b.key
		}
		return a.id - b.id
	}
	rng := rand.New(rand.NewSource(2))
	for _, n := range []int{0, 1, 2, 100, 8191, 8192, 8193, 50000} {
		for _, keys := range []int{3, 1 << 30} { // many ties, few ties
			s := make([]pair, n)
			for i := range s {
				s[i] = pair{rng.Intn(keys), i}
			}
			want := slices.Clone(s)
			slices.SortFunc(want, byKey)
			if got := sortParallel(s, byKey); !slices.Equal(got, want) {
				t.Fatalf("n=%d keys=%d: sortParallel differs from slices.SortFunc", n, keys)
			}
		}
	}
}

// FuzzNextWord holds nextWord, features' hand-written fast path, to
// segment.NextWord on arbitrary text: the same words at the same offsets.
func FuzzNextWord(f *testing.F) {
	for _, s := range []string{"The council approved the plan on Monday.", "U.S. 1,000 a.m. don’t “x” — y",
		"a --\u0301b", "  \t x", "AT&T e-mail x_y", "日本語 café"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for from := 0; ; {
			ga, gb := nextWord(s, from)
			wa, wb := segment.NextWord(s, from)
			if ga != wa || gb != wb {
				t.Fatalf("%q from %d: nextWord (%d, %d), segment.NextWord (%d, %d)", s, from, ga, gb, wa, wb)
			}
			if wa < 0 {
				return
			}
			from = wb
		}
	})
}

// TestIdTable checks the linker's hash table: every key put is found with
// its id, through growth, and keys never put are not found.
func TestIdTable(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for _, tc := range []struct {
		name string
		hint int
		key  func(i int) uint64
	}{
		{"random", 0, func(int) uint64 { return rng.Uint64() }},
		{"sequential", 10, func(i int) uint64 { return uint64(i) }},
		{"zero and high bits", 1000, func(i int) uint64 { return uint64(i) << 40 }},
		{"aimed at one slot", 0, aimedKey},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tab := newIdTable(tc.hint)
			var keys []uint64
			seen := map[uint64]bool{}
			for i := 0; len(keys) < 5000; i++ {
				if k := tc.key(i); !seen[k] {
					seen[k] = true
					keys = append(keys, k)
					tab.put(k, int32(len(keys)-1))
				}
			}
			for id, k := range keys {
				if got, ok := tab.get(k); !ok || got != int32(id) {
					t.Fatalf("get(%#x) = %d, %v; want %d, true", k, got, ok, id)
				}
			}
			for range 1000 {
				if k := rng.Uint64(); !seen[k] {
					if _, ok := tab.get(k); ok {
						t.Fatalf("get(%#x) found a key never put", k)
					}
				}
			}
		})
	}
}

// aimedKey returns the i-th of the keys an attacker would choose against
// a fixed slot multiplier (the Fibonacci constant this table once used):
// hash × multiplier = i, so that every key falls into slot 0 and each
// lookup walks all the keys before it.
func aimedKey(i int) uint64 {
	const fib = 0x9E3779B97F4A7C15
	inv := uint64(fib) // Newton's iteration for the inverse of an odd number mod 2^64
	for range 6 {
		inv *= 2 - fib*inv
	}
	return uint64(i) * inv
}

// TestIdTableAimedKeys checks that keys aimed at one slot of a known
// multiplier do not pile up in one run of slots: the run a lookup walks
// stays short, so the linker stays linear on input crafted against it.
func TestIdTableAimedKeys(t *testing.T) {
	if aimedKey(7)*0x9E3779B97F4A7C15 != 7 {
		t.Fatal("aimedKey is not aimed")
	}
	tab := newIdTable(0)
	const n = 1 << 14
	for i := range n {
		tab.put(aimedKey(i), int32(i))
	}
	longest, run := 0, 0
	for _, sl := range append(tab.slots, tab.slots...) { // twice: a run may wrap around
		if sl.id1 == 0 {
			run = 0
			continue
		}
		run++
		longest = max(longest, run)
	}
	// At a load of at most 1/2, random keys make runs of a few dozen
	// slots at most; the aimed keys, had they hit, would make one of n.
	if longest > 200 {
		t.Errorf("%d keys make a run of %d occupied slots (of %d): every lookup in it walks it", n, longest, len(tab.slots))
	}
}
