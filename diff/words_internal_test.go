package diff

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// render writes a word diff in [-…-]{+…+} markup.
func render(ws []Word) string {
	var sb strings.Builder
	for _, w := range ws {
		switch w.Op {
		case OpEqual:
			sb.WriteString(w.Text)
		case OpDelete:
			sb.WriteString("[-" + w.Text + "-]")
		case OpInsert:
			sb.WriteString("{+" + w.Text + "+}")
		}
	}
	return sb.String()
}

func TestWordDiffReadable(t *testing.T) {
	tests := []struct{ name, old, new, want string }{
		{"trimmed clause", "The council approved the plan on Monday after a three-hour debate.",
			"The council approved the plan on Monday.",
			"The council approved the plan on Monday[- after a three-hour debate-]."},
		{"inserted word spaced after", "They would be allowed.", "They would not be allowed.",
			"They would {+not +}be allowed."},
		{"replaced number", "a 34-year-old man", "a 35-year-old man", "a [-34-]{+35+}-year-old man"},
		// A lone function word kept between two rewritten stretches is
		// confetti: folded into one replacement.
		{"function word island", "Officials expect the repairs to take several months.",
			"Officials warned that fixing the damage could last until next summer.",
			"Officials [-expect the repairs to take several months-]{+warned that fixing the damage could last until next summer+}."},
		// Two surviving words are never shown as changed.
		{"surviving run kept", "The mayor said the project was a waste of public money.",
			"The mayor called the project an expensive mistake.",
			"The mayor [-said-]{+called+} the project [-was a waste of public money-]{+an expensive mistake+}."},
		// A content word kept alone is not confetti either.
		{"content word kept", "The minister resigned after weeks of pressure.",
			"On Friday, the minister stepped down after weeks of pressure.",
			"[-The-]{+On Friday, the+} minister [-resigned-]{+stepped down+} after weeks of pressure."},
		{"spacing only", "one  two", "one two", "one[-  -]{+ +}two"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := wordDiff(tt.old, tt.new)
			if got := render(ws); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			var o, n strings.Builder
			for _, w := range ws {
				if w.Text == "" {
					t.Errorf("empty %v word", w.Op)
				}
				if w.Op != OpInsert {
					o.WriteString(w.Text)
				}
				if w.Op != OpDelete {
					n.WriteString(w.Text)
				}
			}
			if o.String() != tt.old || n.String() != tt.new {
				t.Errorf("words rebuild %q / %q", o.String(), n.String())
			}
		})
	}
}

// TestWordDiffRebuilds checks on random pairs over a tiny vocabulary (with
// runs of spaces, punctuation and multi-byte letters, so that common
// prefixes and suffixes end mid-token) that the words rebuild both texts,
// none is empty, and the equal and non-equal runs alternate.
func TestWordDiffRebuilds(t *testing.T) {
	vocab := []string{"a", "ab", "b", " ", "  ", ",", ".", "é", "the", "—", "\u00a0", "x-y"}
	rng := rand.New(rand.NewPCG(1, 2))
	text := func() string {
		var sb strings.Builder
		for range rng.IntN(12) {
			sb.WriteString(vocab[rng.IntN(len(vocab))])
		}
		return sb.String()
	}
	var shared wordDiffer
	for range 5000 {
		a := text()
		b := a
		if rng.IntN(4) > 0 {
			b = text()
			if rng.IntN(2) == 0 { // share a start and an end
				b = a[:len(a)/2] + b + a[len(a)/2:]
			}
		}
		if a == b {
			continue // returned whole, as one equal word
		}
		ws := wordDiff(a, b)
		// A wordDiffer reused pair after pair (as each fill worker's is)
		// gives the same words as a fresh one.
		if again := shared.diff(a, b); render(again) != render(ws) {
			t.Fatalf("%q → %q: reused differ %q, fresh %q", a, b, render(again), render(ws))
		}
		var o, n strings.Builder
		for i, w := range ws {
			if w.Text == "" {
				t.Fatalf("%q → %q: empty word in %v", a, b, ws)
			}
			if i > 0 && w.Op == ws[i-1].Op {
				t.Fatalf("%q → %q: two %v words in a row in %v", a, b, w.Op, ws)
			}
			if w.Op != OpInsert {
				o.WriteString(w.Text)
			}
			if w.Op != OpDelete {
				n.WriteString(w.Text)
			}
		}
		if o.String() != a || n.String() != b {
			t.Fatalf("%q → %q: words rebuild %q / %q", a, b, o.String(), n.String())
		}
	}
}

// TestUnitOpsIsGoDiff holds unitOps's shortcut to go-diff: on random unit
// sequences from a small alphabet (so that prefixes, suffixes and slides
// are common), and on the shapes of real edits, its edit script is the one
// goDiffOps computes.
func TestUnitOpsIsGoDiff(t *testing.T) {
	units := func(s string) []unit {
		var us []unit
		for _, f := range strings.Fields(s) {
			us = append(us, unit{" ", f})
		}
		return us
	}
	cases := [][2]string{
		{"", ""}, {"a", "a"}, {"", "a b"}, {"a b", ""}, {"a", "b"}, {"x a y", "x b y"},
		{"would be", "would not be"}, {"a", "a x a"}, {"a b", "a x a b"}, {"a b", "a b x b"},
		{"a x b", "a b"}, {"a b c", "a c"}, {"a b", "b a"}, {"a b c d", "a x y d"},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var a, b []string
		for range rng.IntN(6) {
			a = append(a, string(rune('a'+rng.IntN(3))))
		}
		b = append(b, a...)
		for range 1 + rng.IntN(2) { // one or two edits
			k := rng.IntN(len(b) + 1)
			switch rng.IntN(3) {
			case 0:
				b = append(b[:k], append([]string{string(rune('a' + rng.IntN(3)))}, b[k:]...)...)
			case 1:
				if k < len(b) {
					b = append(b[:k], b[k+1:]...)
				}
			case 2:
				if k < len(b) {
					b[k] = string(rune('a' + rng.IntN(4)))
				}
			}
		}
		cases = append(cases, [2]string{strings.Join(a, " "), strings.Join(b, " ")})
	}
	for _, c := range cases {
		ua, ub := units(c[0]), units(c[1])
		var d1, d2 wordDiffer
		got, want := d1.unitOps(ua, ub), d2.goDiffOps(ua, ub)
		if len(want) == 0 && len(got) == 0 {
			if got == nil {
				t.Errorf("%q → %q: nil script (replace wholesale), want an empty one", c[0], c[1])
			}
			continue
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q → %q: unitOps %v, go-diff %v", c[0], c[1], got, want)
		}
	}
}
