package diff_test

import (
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/storydiff/storydiff/diff"
)

// TestCanonicalEquivalence: the same text with precomposed accents in one
// version and combining accents in the other (NFC and NFD) has no
// differences, and each version keeps its text as written.
func TestCanonicalEquivalence(t *testing.T) {
	paras := []string{
		"José Muñoz, the mayor of Señora Bay, said the café would reopen on Monday.",
		"Zoë Brontë told reporters that the naïve plan had failed, according to officials.",
		"The Ålesund ferry crossed at dawn.",
	}
	nfd := make([]string, len(paras))
	for i, p := range paras {
		nfd[i] = norm.NFD.String(p)
		if nfd[i] == p {
			t.Fatalf("test text %q has no decomposable character", p)
		}
	}
	r := diff.Compare(doc("old", paras...), doc("new", nfd...), nil)
	if !r.Equal() {
		t.Errorf("NFC vs NFD: %d changed, %d added, %d removed, flags names %d attributions %d; want no difference",
			r.Stats.Changed, r.Stats.Added, r.Stats.Removed, r.Stats.Names, r.Stats.Attributions)
	}
	for i := range paras {
		if got := r.New.Paragraphs[i].Text; got != nfd[i] {
			t.Errorf("new ¶%d not kept as written: %q", i+1, got)
		}
	}
	for bi := range r.Blocks {
		for _, p := range r.Blocks[bi].Pairs {
			if p.Kind == diff.Equal && p.New != norm.NFD.String(p.New) {
				t.Errorf("pair text not as written: %q", p.New)
			}
		}
	}
}

// TestUnicodeVariantsClass: inside a sentence that also changed, a
// canonically equivalent word and compatibility-only variants (no-break
// space, ligature, full-width forms) are typography and carry no flag;
// a real accent change (a trap) is not typography.
func TestUnicodeVariantsClass(t *testing.T) {
	tests := []struct {
		name, old, new string
		class          diff.Class
		flags          diff.Flag
	}{
		{"combining accents", "Zoë Brontë said the plan had failed.", norm.NFD.String("Zoë Brontë") + " said the plan had failed badly.",
			diff.ClassWording, 0},
		{"no-break space", "The fund holds 40 million euros.", "The fund holds 40\u00a0million euros.", diff.ClassTypography, 0},
		{"ligature", "The final offer came late.", "The \ufb01nal offer came late.", diff.ClassTypography, 0},
		{"full-width digits", "Turnout was 42 percent.", "Turnout was ４２ percent.", diff.ClassTypography, 0},
		{"trap: accent dropped", "The mayor, José Ruiz, spoke.", "The mayor, Jose Ruiz, spoke.", diff.ClassWording, diff.FlagName},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := diff.Compare(doc("old", tt.old), doc("new", tt.new), nil)
			if r.Equal() {
				t.Fatalf("no change found in %q → %q", tt.old, tt.new)
			}
			b := r.Blocks[0]
			if b.Class != tt.class || b.Flags != tt.flags {
				t.Errorf("class %v flags %v, want %v %v", b.Class, b.Flags, tt.class, tt.flags)
			}
			for _, p := range b.Pairs {
				for _, run := range p.Runs {
					if run.Class == diff.ClassTypography && run.Flags != 0 {
						t.Errorf("typography run flagged %v", run.Flags)
					}
				}
				if p.New != tt.new {
					t.Errorf("new text not as written: %q", p.New)
				}
			}
		})
	}
}
