package diff

import (
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
