package diff_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/internal/segment"
)

// revision is one annotated sentence revision of
// testdata/revisions/revisions.txt.
type revision struct {
	line     int
	kind     string
	old, new string
	// oldMarked and newMarked are the byte ranges of each text that the
	// annotation marks as deleted (old) or inserted (new).
	oldMarked, newMarked [][2]int
}

// parseRevision splits word-diff markup ([-old only-], {+new only+}) into
// the two texts and their marked ranges.
func parseRevision(s string) (revision, error) {
	var r revision
	var old, new strings.Builder
	for len(s) > 0 {
		switch {
		case strings.HasPrefix(s, "[-"):
			end := strings.Index(s, "-]")
			if end < 0 {
				return r, fmt.Errorf("unclosed [- in %q", s)
			}
			start := old.Len()
			old.WriteString(s[2:end])
			r.oldMarked = append(r.oldMarked, [2]int{start, old.Len()})
			s = s[end+2:]
		case strings.HasPrefix(s, "{+"):
			end := strings.Index(s, "+}")
			if end < 0 {
				return r, fmt.Errorf("unclosed {+ in %q", s)
			}
			start := new.Len()
			new.WriteString(s[2:end])
			r.newMarked = append(r.newMarked, [2]int{start, new.Len()})
			s = s[end+2:]
		default:
			next := len(s)
			for _, m := range []string{"[-", "{+"} {
				if i := strings.Index(s, m); i >= 0 && i < next {
					next = i
				}
			}
			old.WriteString(s[:next])
			new.WriteString(s[:next])
			s = s[next:]
		}
	}
	r.old, r.new = old.String(), new.String()
	return r, nil
}

// readRevisions reads the annotated revision set.
func readRevisions(t *testing.T) []revision {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "revisions", "revisions.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []revision
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		kind, markup, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("revisions.txt:%d: no tab after the kind", n)
		}
		r, err := parseRevision(markup)
		if err != nil {
			t.Fatalf("revisions.txt:%d: %v", n, err)
		}
		if r.old == r.new {
			t.Fatalf("revisions.txt:%d: no change", n)
		}
		r.line, r.kind = n, kind
		out = append(out, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// score counts highlighted words against the annotation.
type score struct{ hit, highlighted, marked int }

func (s *score) add(o score) {
	s.hit += o.hit
	s.highlighted += o.highlighted
	s.marked += o.marked
}

func (s score) precision() float64 { return ratio(s.hit, s.highlighted) }
func (s score) recall() float64    { return ratio(s.hit, s.marked) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// inRanges reports whether [s, e) overlaps one of the ranges.
func inRanges(rs [][2]int, s, e int) bool {
	for _, r := range rs {
		if s < r[1] && r[0] < e {
			return true
		}
	}
	return false
}

// scoreText scores the words of text: highlighted by the tool (hl) versus
// marked by the annotation.
func scoreText(text string, hl, marked [][2]int) score {
	var sc score
	for s, e := segment.NextWord(text, 0); s >= 0; s, e = segment.NextWord(text, e) {
		h, m := inRanges(hl, s, e), inRanges(marked, s, e)
		if h {
			sc.highlighted++
		}
		if m {
			sc.marked++
		}
		if h && m {
			sc.hit++
		}
	}
	return sc
}

// highlights returns the byte ranges of the one-paragraph texts that r
// shows as deleted (old) and inserted (new).
func highlights(r *diff.Result) (old, new [][2]int) {
	for bi := range r.Blocks {
		for pi := range r.Blocks[bi].Pairs {
			p := &r.Blocks[bi].Pairs[pi]
			var os, ns int
			if !p.OldRef.IsNone() {
				os = r.Old.Paragraphs[p.OldRef.Para].Sentences[p.OldRef.Sent].Start
			}
			if !p.NewRef.IsNone() {
				ns = r.New.Paragraphs[p.NewRef.Para].Sentences[p.NewRef.Sent].Start
			}
			switch p.Kind {
			case diff.Removed:
				old = append(old, [2]int{os, os + len(p.Old)})
			case diff.Added:
				new = append(new, [2]int{ns, ns + len(p.New)})
			case diff.Changed:
				for _, w := range p.Words {
					switch w.Op {
					case diff.OpEqual:
						os += len(w.Text)
						ns += len(w.Text)
					case diff.OpDelete:
						old = append(old, [2]int{os, os + len(w.Text)})
						os += len(w.Text)
					case diff.OpInsert:
						new = append(new, [2]int{ns, ns + len(w.Text)})
						ns += len(w.Text)
					}
				}
			}
		}
	}
	return old, new
}

// lcsHighlights is the baseline: a plain word-level longest common
// subsequence diff (words only, compared exactly); the words outside the
// LCS are highlighted.
func lcsHighlights(old, new string) (oh, nh [][2]int) {
	words := func(s string) (ws []string, spans [][2]int) {
		for a, b := segment.NextWord(s, 0); a >= 0; a, b = segment.NextWord(s, b) {
			ws = append(ws, s[a:b])
			spans = append(spans, [2]int{a, b})
		}
		return ws, spans
	}
	a, as := words(old)
	b, bs := words(new)
	// dp[i][j] = LCS length of a[i:], b[j:].
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			i++
			j++
		case dp[i+1][j] >= dp[i][j+1]:
			oh = append(oh, as[i])
			i++
		default:
			nh = append(nh, bs[j])
			j++
		}
	}
	oh = append(oh, as[i:]...)
	nh = append(nh, bs[j:]...)
	return oh, nh
}

// TestRevisionPrecisionRecall compares the words storydiff highlights in
// each annotated revision (each version one paragraph) with the words the
// annotation marks, and logs what a plain word-level LCS diff gets on the
// same set. The floors are the levels reached when the set was written
// (see the engine note): a change that lowers them is a regression.
func TestRevisionPrecisionRecall(t *testing.T) {
	const minPrecision, minRecall = 0.96, 0.97 // reached: 0.966, 0.971
	revs := readRevisions(t)
	if len(revs) < 100 {
		t.Fatalf("%d revisions, want at least 100", len(revs))
	}
	var total, base score
	byKind := map[string]*score{}
	var kinds []string
	for _, rv := range revs {
		r := diff.Compare(doc("old", rv.old), doc("new", rv.new), nil)
		oh, nh := highlights(r)
		var sc score
		sc.add(scoreText(rv.old, oh, rv.oldMarked))
		sc.add(scoreText(rv.new, nh, rv.newMarked))
		total.add(sc)
		if byKind[rv.kind] == nil {
			byKind[rv.kind] = &score{}
			kinds = append(kinds, rv.kind)
		}
		byKind[rv.kind].add(sc)
		if sc.hit != sc.highlighted || sc.hit != sc.marked {
			t.Logf("revisions.txt:%d (%s): %d highlighted, %d marked, %d both", rv.line, rv.kind, sc.highlighted, sc.marked, sc.hit)
		}

		loh, lnh := lcsHighlights(rv.old, rv.new)
		base.add(scoreText(rv.old, loh, rv.oldMarked))
		base.add(scoreText(rv.new, lnh, rv.newMarked))
	}
	for _, k := range kinds {
		s := byKind[k]
		t.Logf("%-8s precision %.3f recall %.3f (%d words marked)", k, s.precision(), s.recall(), s.marked)
	}
	t.Logf("storydiff: precision %.3f recall %.3f over %d revisions (%d words marked)", total.precision(), total.recall(), len(revs), total.marked)
	t.Logf("word LCS:  precision %.3f recall %.3f", base.precision(), base.recall())
	if total.precision() < minPrecision || total.recall() < minRecall {
		t.Errorf("precision %.3f recall %.3f, want at least %.2f/%.2f", total.precision(), total.recall(), minPrecision, minRecall)
	}
}
