package diff_test

import (
	"testing"

	"github.com/storydiff/storydiff/diff"
)

// TestMattersAgreeWithStats: on every fixture the flag counts of Stats
// (what the viewer's header summarises) are the numbers of What matters
// entries carrying each flag, and findings appear once each.
func TestMattersAgreeWithStats(t *testing.T) {
	for _, name := range []string{"lede", "boilerplate", "reordered", "split", "merged", "trimmed", "empty"} {
		r := fixture(t, name)
		var neg, rev, num, quote, nm, attr, findings int
		for _, m := range r.Matters {
			if m.IsFinding() {
				findings++
				continue
			}
			for _, c := range []struct {
				f diff.Flag
				n *int
			}{{diff.FlagNegation, &neg}, {diff.FlagReversal, &rev}, {diff.FlagNumber, &num}, {diff.FlagQuote, &quote},
				{diff.FlagName, &nm}, {diff.FlagAttribution, &attr}} {
				if m.Flags&c.f != 0 {
					(*c.n)++
				}
			}
		}
		st := r.Stats
		if neg != st.Negations || rev != st.Reversals || num != st.Numbers || quote != st.Quotes || nm != st.Names || attr != st.Attributions {
			t.Errorf("%s: matters NEG %d REV %d NUM %d QUOTE %d NAME %d ATTR %d, stats %d %d %d %d %d %d", name,
				neg, rev, num, quote, nm, attr, st.Negations, st.Reversals, st.Numbers, st.Quotes, st.Names, st.Attributions)
		}
		if findings != len(r.Findings) {
			t.Errorf("%s: %d findings listed, %d found", name, findings, len(r.Findings))
		}
	}
}
