package diff

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/diff/internal/segment"
)

// TestFoldHeadIsFoldPrefix holds foldHead to segment.Fold: its result is
// Fold of the whole text, or a prefix of it at least noticeHead bytes
// long, so IsNotice reads the same opening. The texts put spaces, soft
// hyphens, combining marks, compatibility forms and invalid bytes around
// the cut.
func TestFoldHeadIsFoldPrefix(t *testing.T) {
	pieces := []string{"a", "E", " ", "Eds: x", "UPDATES with", "\vCorrection", "An earlier version of this", "Ｃorrection:", "  ", "\t", "\u00a0", "\u00ad", "e\u0301", "\u0301", "Ｃ", "ﬁ", "’", "—", "…",
		"\xff", "\xc3", "İ", "K", "ß", ".", "x", "Correction:", "This story has been updated"}
	rng := rand.New(rand.NewPCG(3, 4))
	var texts []string
	for range 20000 {
		var sb strings.Builder
		for sb.Len() < 40+rng.IntN(80) {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		texts = append(texts, sb.String())
	}
	texts = append(texts, strings.Repeat("a", noticeHead), strings.Repeat("\u00ad", 100)+"Correction: x", strings.Repeat(" ", 70)+"b")
	for _, text := range texts {
		whole, head := segment.Fold(text), foldHead(text)
		if !strings.HasPrefix(whole, head) || head != whole && len(head) < noticeHead {
			t.Fatalf("foldHead(%q) = %q, not Fold %q or a long enough prefix of it", text, head, whole)
		}
		if noticeOpening(head) != noticeOpening(whole) {
			t.Fatalf("%q: the head and the whole read differently", text)
		}
		// IsNotice, with its quick rejection by the first letter, reads
		// as the whole folded text does.
		for _, pre := range []string{"", "\n", "*", "T", "\r "} {
			full := pre + text
			if got, want := IsNotice(full), noticeOpening(segment.Fold(strings.TrimLeft(full, " *_([#>\t"))); got != want {
				t.Fatalf("IsNotice(%q) = %v, want %v", full, got, want)
			}
		}
	}
}
