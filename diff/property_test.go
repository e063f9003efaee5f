package diff_test

import (
	"bytes"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/input"
)

// checkAll asserts checkInvariants (compare_test.go) and the further
// properties every Result must have.
func checkAll(t *testing.T, r *diff.Result) {
	t.Helper()
	checkInvariants(t, r)

	// Every paragraph of both versions is in exactly one block, and the
	// block index agrees.
	oldSeen := make([]int, len(r.Old.Paragraphs))
	newSeen := make([]int, len(r.New.Paragraphs))
	for bi := range r.Blocks {
		b := &r.Blocks[bi]
		for _, o := range b.Old {
			oldSeen[o]++
			if r.BlockOfOld(o) != bi {
				t.Errorf("BlockOfOld(%d) = %d, want %d", o, r.BlockOfOld(o), bi)
			}
		}
		for _, n := range b.New {
			newSeen[n]++
			if r.BlockOfNew(n) != bi {
				t.Errorf("BlockOfNew(%d) = %d, want %d", n, r.BlockOfNew(n), bi)
			}
		}
		switch {
		case b.Kind == diff.Added && len(b.Old) > 0, b.Kind == diff.Removed && len(b.New) > 0:
			t.Errorf("block %d: kind %v with old %v new %v", bi, b.Kind, b.Old, b.New)
		case len(b.Old) == 0 && len(b.New) == 0:
			t.Errorf("block %d: empty", bi)
		}
		if b.Kind == diff.Equal {
			for pi := range b.Pairs {
				if p := &b.Pairs[pi]; p.Kind != diff.Equal || p.Moved {
					t.Errorf("block %d is equal but pair %d is %v moved=%v", bi, pi, p.Kind, p.Moved)
				}
			}
		}
		if !b.Moved && b.Origin != -1 {
			t.Errorf("block %d: not moved, origin %d", bi, b.Origin)
		}
	}
	for p, n := range oldSeen {
		if n != 1 {
			t.Errorf("old paragraph %d is in %d blocks", p, n)
		}
	}
	for p, n := range newSeen {
		if n != 1 {
			t.Errorf("new paragraph %d is in %d blocks", p, n)
		}
	}

	// Every sentence is in exactly one pair, and the indexes point at pairs
	// that name it.
	count := map[string]int{}
	for bi := range r.Blocks {
		for _, p := range r.Blocks[bi].Pairs {
			for k := 0; k <= p.OldMore && !p.OldRef.IsNone(); k++ {
				count[fmt.Sprint("o", diff.SentRef{Para: p.OldRef.Para, Sent: p.OldRef.Sent + k})]++
			}
			for k := 0; k <= p.NewMore && !p.NewRef.IsNone(); k++ {
				count[fmt.Sprint("n", diff.SentRef{Para: p.NewRef.Para, Sent: p.NewRef.Sent + k})]++
			}
			if p.OldRef.IsNone() && p.NewRef.IsNone() {
				t.Errorf("block %d: pair with no side", bi)
			}
		}
	}
	for pi, para := range r.Old.Paragraphs {
		for si := range para.Sentences {
			ref := diff.SentRef{Para: pi, Sent: si}
			if n := count[fmt.Sprint("o", ref)]; n != 1 {
				t.Errorf("old sentence %v is in %d pairs", ref, n)
			}
			if _, p := r.OldPair(ref); !covers(p.OldRef, p.OldMore, ref) {
				t.Errorf("OldPair(%v) names %v (+%d)", ref, p.OldRef, p.OldMore)
			}
		}
	}
	for pi, para := range r.New.Paragraphs {
		for si := range para.Sentences {
			ref := diff.SentRef{Para: pi, Sent: si}
			if n := count[fmt.Sprint("n", ref)]; n != 1 {
				t.Errorf("new sentence %v is in %d pairs", ref, n)
			}
			if bi, p := r.NewPair(ref); !covers(p.NewRef, p.NewMore, ref) {
				t.Errorf("NewPair(%v) names %v (+%d)", ref, p.NewRef, p.NewMore)
			} else if bi != r.BlockOfNew(pi) {
				t.Errorf("new sentence %v is in block %d, its paragraph in block %d", ref, bi, r.BlockOfNew(pi))
			}
		}
	}
	// Stats count story blocks only (Block.Boilerplate == "").
	oldSents, newSents, story := 0, 0, 0
	for bi := range r.Blocks {
		if r.Blocks[bi].Boilerplate != "" {
			continue
		}
		story++
		for _, p := range r.Blocks[bi].Pairs {
			if !p.OldRef.IsNone() {
				oldSents++
			}
			if !p.NewRef.IsNone() {
				newSents++
			}
		}
	}
	st := r.Stats
	if got := st.SentencesEqual + st.SentencesChanged + st.SentencesRemoved; got != oldSents {
		t.Errorf("stats: equal+changed+removed sentences = %d, old has %d", got, oldSents)
	}
	if got := st.SentencesEqual + st.SentencesChanged + st.SentencesAdded; got != newSents {
		t.Errorf("stats: equal+changed+added sentences = %d, new has %d", got, newSents)
	}
	if st.Equal+st.Changed+st.Added+st.Removed != story || st.Boilerplate != len(r.Blocks)-story {
		t.Errorf("stats: block kinds sum to %d and %d boilerplate, %d story blocks of %d", st.Equal+st.Changed+st.Added+st.Removed, st.Boilerplate, story, len(r.Blocks))
	}

	// Blocks that are not moved keep the old order: their first old
	// paragraphs increase (removed blocks stand where they stood).
	last := -1
	for bi := range r.Blocks {
		b := &r.Blocks[bi]
		if b.Moved || len(b.Old) == 0 {
			continue
		}
		if b.Old[0] <= last {
			t.Errorf("block %d (%v): old paragraph %d after %d among blocks in old order", bi, b.Kind, b.Old[0], last)
		}
		last = b.Old[0]
	}
}

// tinyVocab builds paragraphs from a handful of words, so that sentences
// collide, repeat and nearly match: the hard cases for linking.
func tinyVocab(rng *rand.Rand, paras int) []string {
	words := []string{"the", "mayor", "said", "not", "Harbour", "council", "vote", "2026", "“quote”", "—", "ferry", "budget"}
	ends := []string{".", ".", "!", "?", "…", ""}
	out := make([]string, paras)
	for i := range out {
		var b strings.Builder
		for s := rng.Intn(4); s >= 0; s-- {
			n := 1 + rng.Intn(7)
			for w := 0; w < n; w++ {
				if w == 0 {
					word := []rune(words[rng.Intn(len(words))])
					b.WriteString(strings.ToUpper(string(word[:1])) + string(word[1:]))
				} else {
					b.WriteString(" " + words[rng.Intn(len(words))])
				}
			}
			b.WriteString(ends[rng.Intn(len(ends))] + " ")
		}
		out[i] = b.String()
	}
	return out
}

// randomPair returns a small old/new pair from seed: generated wire copy or
// tiny-vocabulary text, edited at a random rate.
func randomPair(t *testing.T, seed int64) (old, new []byte) {
	rng := rand.New(rand.NewSource(seed))
	stories := mustStories(t)
	rate := []float64{0, 0.05, 0.2, 0.5}[rng.Intn(4)]
	var op []string
	if rng.Intn(2) == 0 {
		op = genParagraphs(rng, stories, 500+rng.Intn(4000))
	} else {
		op = tinyVocab(rng, 1+rng.Intn(15))
	}
	if rng.Intn(10) == 0 {
		op = op[:rng.Intn(len(op))] // sometimes short or empty
	}
	np, _ := genEdit(rng, stories, op, rate)
	return []byte(strings.Join(op, "\n\n")), []byte(strings.Join(np, "\n\n"))
}

const propertyIterations = 400

func TestPropertyInvariants(t *testing.T) {
	for seed := int64(0); seed < propertyIterations; seed++ {
		old, new := randomPair(t, seed)
		r := diff.Compare(loadBytes(t, "old", old), loadBytes(t, "new", new), nil)
		checkAll(t, r)
		if t.Failed() {
			t.Fatalf("seed %d:\nold:\n%s\nnew:\n%s", seed, old, new)
		}
	}
}

func TestPropertySelfEqual(t *testing.T) {
	for seed := int64(0); seed < propertyIterations; seed++ {
		old, new := randomPair(t, seed)
		for _, x := range [][]byte{old, new} {
			d := loadBytes(t, "x", x)
			r := diff.Compare(d, d, nil)
			checkAll(t, r)
			if !r.Equal() || r.Stats.WordsAdded != 0 || r.Stats.WordsRemoved != 0 {
				t.Fatalf("seed %d: Compare(x, x) not equal: %+v\n%s", seed, r.Stats, x)
			}
			// Two separately loaded copies compare equal too.
			if r2 := diff.Compare(loadBytes(t, "a", x), loadBytes(t, "b", x), nil); !r2.Equal() {
				t.Fatalf("seed %d: two loads of x not equal: %+v", seed, r2.Stats)
			}
		}
	}
}

// reencode returns x with the layout-only changes the encoding fixture
// shows (a BOM, CRLF line ends, trailing spaces and tabs, a white-space
// separator line, two spaces after full stops, doubled spaces between
// words), each chosen by rng.
func reencode(rng *rand.Rand, x []byte) []byte {
	paras := strings.Split(string(x), "\n\n")
	for i, p := range paras {
		if rng.Intn(3) == 0 {
			p = strings.ReplaceAll(p, ". ", ".  ")
		}
		if rng.Intn(3) == 0 {
			if k := strings.Index(p, " "); k >= 0 {
				p = p[:k] + "  " + p[k:]
			}
		}
		if rng.Intn(3) == 0 {
			p += []string{" ", "\t", " \t "}[rng.Intn(3)]
		}
		paras[i] = p
	}
	sep := "\n\n"
	if rng.Intn(2) == 0 {
		sep = "\n  \n"
	}
	s := strings.Join(paras, sep)
	if rng.Intn(2) == 0 {
		s = strings.ReplaceAll(s, "\n", "\r\n")
	}
	if rng.Intn(2) == 0 {
		s = "\ufeff" + s
	}
	return []byte(s)
}

func TestPropertyLayoutOnlyIsEqual(t *testing.T) {
	for seed := int64(0); seed < propertyIterations; seed++ {
		rng := rand.New(rand.NewSource(seed))
		x, _ := randomPair(t, seed)
		y := reencode(rng, x)
		r := diff.Compare(loadBytes(t, "x", x), loadBytes(t, "y", y), nil)
		checkAll(t, r)
		if !r.Equal() {
			for _, b := range r.Blocks {
				if b.IsChange() {
					t.Errorf("changed block %+v", b)
					break
				}
			}
			t.Fatalf("seed %d: layout-only change is not Equal: %+v\nx=%q\ny=%q", seed, r.Stats, x, y)
		}
	}
}

// TestPropertySwapped compares both directions. What must hold: the
// paragraph totals swap, Equal() agrees, and each direction satisfies the
// invariants. Whether the added/removed counts mirror exactly depends on
// tie-breaking in linking and grouping; the test logs how often they do
// not (see the report in the commit history) without asserting it.
func TestPropertySwapped(t *testing.T) {
	mismatch := 0
	var example string
	for seed := int64(0); seed < propertyIterations; seed++ {
		old, new := randomPair(t, seed)
		a := diff.Compare(loadBytes(t, "old", old), loadBytes(t, "new", new), nil)
		b := diff.Compare(loadBytes(t, "new", new), loadBytes(t, "old", old), nil)
		checkAll(t, a)
		checkAll(t, b)
		sa, sb := a.Stats, b.Stats
		if sa.OldParagraphs != sb.NewParagraphs || sa.NewParagraphs != sb.OldParagraphs {
			t.Fatalf("seed %d: paragraph counts do not swap: %+v / %+v", seed, sa, sb)
		}
		if a.Equal() != b.Equal() {
			t.Fatalf("seed %d: Equal() is %v one way and %v the other", seed, a.Equal(), b.Equal())
		}
		mirrored := sa.Added == sb.Removed && sa.Removed == sb.Added &&
			sa.SentencesAdded == sb.SentencesRemoved && sa.SentencesRemoved == sb.SentencesAdded &&
			sa.WordsAdded == sb.WordsRemoved && sa.WordsRemoved == sb.WordsAdded &&
			sa.Split == sb.Merged && sa.Merged == sb.Split
		if !mirrored {
			mismatch++
			if example == "" {
				example = fmt.Sprintf("seed %d:\n  old→new %+v\n  new→old %+v", seed, sa, sb)
			}
		}
	}
	t.Logf("statistics not mirrored in %d of %d random pairs; first: %s", mismatch, propertyIterations, example)
}

// TestSelfEqualWordless checks Compare(x, x) on paragraphs without words
// (separators, bullets, emoji), which link by their text alone.
func TestSelfEqualWordless(t *testing.T) {
	for _, p := range []string{"_____", "***", "* * *", "—", "•", "👍🏽", "#", "-30-"} {
		t.Run(p, func(t *testing.T) {
			d := doc("x", "The council met on Tuesday.", p, "The vote is next week.")
			r := diff.Compare(d, d, nil)
			checkAll(t, r)
			if !r.Equal() {
				t.Errorf("Compare(x, x) with paragraph %q is not Equal: %+v", p, r.Blocks)
			}
		})
	}
}

// TestPropertyMediumPairs runs the invariants on a few larger generated
// pairs, where repeated copies of the fixtures make links collide.
func TestPropertyMediumPairs(t *testing.T) {
	for seed := int64(100); seed < 106; seed++ {
		old, new, _ := genPair(t, seed, 60<<10, 0.1)
		r := diff.Compare(loadBytes(t, "old", old), loadBytes(t, "new", new), nil)
		checkAll(t, r)
	}
}

// loadPlain loads a string through input.Read as plain text, returning nil
// when input refuses it (binary, too large): refusal is not a failure.
func loadPlain(name, s string) *diff.Document {
	d, err := input.Read(name, bytes.NewReader([]byte(s)), input.Text)
	if err != nil {
		return nil
	}
	return diff.NewDocument(d.Name, d.Paragraphs, d.Labels)
}
