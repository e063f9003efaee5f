package tui

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storydiff/storydiff/internal/render"

	"github.com/storydiff/storydiff/internal/scaling"
)

func TestIndexQuery(t *testing.T) {
	tests := []struct {
		s, q string
		fold bool
		want int
	}{
		{"The Barrier", "barrier", true, 4},
		{"The Barrier", "barrier", false, -1},
		{"The Barrier", "Barrier", false, 4},
		{"bbbarrier", "barrier", true, 2},
		{"Szabó said", "szabó", true, 0},
		{"abc", "abcd", true, -1},
		{"", "a", true, -1},
		{"xAy xay", "ay", true, 1},
		{"6-3 vote", "-3", true, 1},
		// Typography folds: quotes, apostrophes, dashes, no-break spaces.
		{"the city’s harbor", "city's", true, 4},
		{"the city's harbor", "city’s", true, 4},
		{"“We are buying”", "\"we", true, 0},
		{"pages 6–9", "6-9", true, 6},
		{"pages 6—9", "6–9", true, 6},
		{"a\u00a0b", "a b", true, 0},
		{"'quoted'", "‘quoted’", false, 0},
		// One normal form: é precomposed in the query, decomposed in the text.
		{"Szabe\u0301 said", "szabé", true, 0},
		{"Szabé said", "szabe\u0301", true, 0},
		{"its", "it's", true, -1},
	}
	for _, tt := range tests {
		if got := indexQuery(tt.s, tt.q, tt.fold); got != tt.want {
			t.Errorf("indexQuery(%q, %q, %v) = %d, want %d", tt.s, tt.q, tt.fold, got, tt.want)
		}
	}
	got := findAll("Gate gate GATE", "gate", true)
	if len(got) != 3 || got[2] != [2]int{10, 14} {
		t.Errorf("findAll = %v", got)
	}
}

// TestIndexQueryReference compares indexQuery with strings.Index over
// ASCII-lowered text on random strings of a small alphabet.
func TestIndexQueryReference(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	const alpha = "aAbBc -"
	gen := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alpha[rng.Intn(len(alpha))]
		}
		return string(b)
	}
	for range 20000 {
		s, q := gen(rng.Intn(30)), gen(1+rng.Intn(4))
		if got, want := indexQuery(s, q, true), strings.Index(strings.ToLower(s), strings.ToLower(q)); got != want {
			t.Fatalf("indexQuery(%q, %q, true) = %d, want %d", s, q, got, want)
		}
		if got, want := indexQuery(s, q, false), strings.Index(s, q); got != want {
			t.Fatalf("indexQuery(%q, %q, false) = %d, want %d", s, q, got, want)
		}
		var want [][2]int
		ls, lq := strings.ToLower(s), strings.ToLower(q)
		for pos := 0; ; {
			i := strings.Index(ls[pos:], lq)
			if i < 0 {
				break
			}
			want = append(want, [2]int{pos + i, pos + i + len(q)})
			pos += i + len(q)
		}
		if got := findAll(s, q, true); !slices.Equal(got, want) {
			t.Fatalf("findAll(%q, %q, true) = %v, want %v", s, q, got, want)
		}
	}
}

// TestIndexQueryLinear: a first byte that is frequent in one case and
// absent in the other must not rescan the text after every candidate or
// match (on a 1 MB paragraph that took 14 s for one search and 0.7 s for
// the highlights of every frame; both take milliseconds). The matches are
// checked always, the time (under a second) with STORYDIFF_TIMING=1.
func TestIndexQueryLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("scans 1 MB")
	}
	s := strings.Repeat("c", 1<<20)
	start := time.Now()
	if i := indexQuery(s, "changed", true); i != -1 {
		t.Fatalf("found %d", i)
	}
	if n := len(findAll(s, "cc", true)); n != len(s)/2 {
		t.Fatalf("findAll: %d matches, want %d", n, len(s)/2)
	}
	if d := time.Since(start); scaling.Timing() && d > time.Second {
		t.Fatalf("1 MB of candidates took %v", d)
	}
}

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"old.txt", "old.txt"},
		{"Szabó 東京 🎉", "Szabó 東京 🎉"},
		{"a\x1b]0;x\x07b", "a␛]0;x␇b"},
		{"a\u009bb", "a\ufffdb"},
		{"a\xffb", "a\ufffdb"},
		{"tab\there", "tab here"},
		{" two  spaces ", " two  spaces "},
		{"evil\u202egnp.txt", "evil\ufffdgnp.txt"},
	}
	for _, tt := range tests {
		if got := sanitize(tt.in); got != tt.want {
			t.Errorf("sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLineMatchesAcrossWraps(t *testing.T) {
	p := &pane{}
	p.setQuery("harbor district")
	lines := []render.Line{
		{{Text: "the Harbor", Style: render.Plain}},
		{{Text: "district and", Style: render.Plain}, {Text: " harbor", Style: render.WordInsert}},
		nil,
		{{Text: "district.", Style: render.Plain}},
	}
	got := p.lineMatches(lines)
	want := [][][2]int{{{4, 10}}, {{0, 8}}, nil, nil}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if len(got[i]) != len(want[i]) || (len(want[i]) > 0 && got[i][0] != want[i][0]) {
			t.Fatalf("line %d: got %v, want %v", i, got[i], want[i])
		}
	}
}

// TestFindAllTypography: highlight ranges cover the original bytes of a
// folded match (a curly apostrophe is three bytes, a decomposed é two
// runes).
func TestFindAllTypography(t *testing.T) {
	for _, tt := range []struct {
		s, q string
		want [][2]int
	}{
		{"city’s city's", "city's", [][2]int{{0, 8}, {9, 15}}},
		{"6–9 and 6-9", "6-9", [][2]int{{0, 5}, {10, 13}}},
		{"cafe\u0301 cafe\u0301", "café", [][2]int{{0, 6}, {7, 13}}},
		{"x", "", nil},
	} {
		got := findAll(tt.s, tt.q, true)
		if !slices.Equal(got, tt.want) {
			t.Errorf("findAll(%q, %q) = %v, want %v", tt.s, tt.q, got, tt.want)
		}
	}
}
