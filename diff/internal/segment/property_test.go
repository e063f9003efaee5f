package segment

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/sentences"
)

// pieces are the fragments random texts are built from: the characters and
// words the rules care about.
var pieces = []string{
	"a", "B", "word", "Trump", "U.S.", "U.K", "Mr.", "Sen.", "Jan.", "p.m.", "J.", "D.", "Inc.",
	"2.5", "1,000", "5:30", "No.", "etc.", "v.", "Tuesday", "今天", "。", "👍🏽", "👩‍💻", "\u0301",
	".", ". ", "...", "…", "?", "!", "?”", "!”", ".”", "”", "“", "’", "'", "\"", "(", ")", "[", "]",
	"-", "—", "–", ",", ";", ":", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2009", "\u3000",
	"\u00ad", "\u200b", "\u200d", "\ufeff", "\u2028", "\u2029", "\u0085", "é", "Ωμέγα", "ß",
	"\U0010FFFF", "\xff", "\xe2\x80", strings.Repeat(" ", 40), strings.Repeat("”", 12),
	strings.Repeat(" \u0301", 20), strings.Repeat("\u00a0", 20),
}

func randomText(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

// checkInvariants checks everything that must hold for any input.
func checkInvariants(t *testing.T, text string) {
	t.Helper()
	checkPartition(t, text, Sentences(text))

	toks := Tokens(text)
	if got := strings.Join(toks, ""); got != text {
		t.Fatalf("Tokens(%q) do not concatenate to the input: %q", text, toks)
	}
	words := 0
	for _, tok := range toks {
		if tok == "" {
			t.Fatalf("Tokens(%q) has an empty token: %q", text, toks)
		}
		if IsWord(tok) {
			words++
		}
		if IsSpace(tok) && IsWord(tok) {
			t.Fatalf("token %q is both space and word", tok)
		}
	}
	if n := CountWords(text); n != words {
		t.Fatalf("CountWords(%q) = %d, want %d", text, n, words)
	}
	keys := WordKeys(text)
	if len(keys) != words {
		t.Fatalf("WordKeys(%q) has %d keys, want %d", text, len(keys), words)
	}
	if utf8.ValidString(text) {
		if got, want := Key(text), strings.Join(keys, " "); got != want {
			t.Fatalf("Key(%q) = %q, want WordKeys joined %q", text, got, want)
		}
		if f := Fold(text); Fold(f) != f {
			t.Fatalf("Fold not idempotent on %q: %q then %q", text, f, Fold(f))
		}
	}

	// shield must not move any UAX #29 boundary.
	if len(text) <= 1<<14 {
		if got, want := boundaries(shield(text)), boundaries(text); got != want {
			t.Fatalf("shield changed the boundaries of %q:\n got %s\nwant %s", text, got, want)
		}
	}
}

func boundaries(s string) string {
	var b strings.Builder
	it := sentences.FromString(s)
	for it.Next() {
		fmt.Fprintf(&b, "%d ", it.End())
	}
	return b.String()
}

func TestRandomInvariants(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		text := randomText(r, 1+i%60)
		checkInvariants(t, text)
	}
}

func FuzzSegment(f *testing.F) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		f.Add(randomText(r, 20))
	}
	f.Add("")
	f.Add("a." + strings.Repeat(" ", 50) + "B")
	f.Add("“Is it over?” she asked. Mr. Smith met J.D. Vance at 5 p.m. Tuesday in the U.S. The end")
	f.Fuzz(func(t *testing.T, text string) {
		checkInvariants(t, text)
	})
}
