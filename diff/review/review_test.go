package review_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/input"
	"github.com/storydiff/storydiff/diff/review"
	"github.com/storydiff/storydiff/internal/render"
)

// readDoc reads one version from data as input.Read would from a file.
func readDoc(t testing.TB, name string, data []byte) *diff.Document {
	t.Helper()
	d, err := input.Read(name, bytes.NewReader(data), input.Auto)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return diff.NewDocument(d.Name, d.Paragraphs, d.Labels)
}

// fixture compares testdata/<dir>/old.txt with new.txt.
func fixture(t testing.TB, dir string) *diff.Result {
	t.Helper()
	return diff.Compare(fixtureDoc(t, dir, "old.txt"), fixtureDoc(t, dir, "new.txt"), nil)
}

func fixtureDoc(t testing.TB, dir, name string) *diff.Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return readDoc(t, dir+"/"+name, data)
}

var fixtures = []string{"demo", "pairs/lede", "pairs/reordered", "pairs/split", "pairs/merged", "pairs/trimmed",
	"pairs/boilerplate", "pairs/multiscript", "pairs/empty", "pairs/identical"}

// TestKeySharedByCopies: renamed copies, a CRLF copy and a copy read from
// standard input share the key; another pair does not.
func TestKeySharedByCopies(t *testing.T) {
	oldData, err := os.ReadFile("../../testdata/demo/old.txt")
	if err != nil {
		t.Fatal(err)
	}
	newData, err := os.ReadFile("../../testdata/demo/new.txt")
	if err != nil {
		t.Fatal(err)
	}
	crlf := func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) }
	base := review.Key(diff.Compare(readDoc(t, "old.txt", oldData), readDoc(t, "new.txt", newData), nil))
	if len(base) != 32 {
		t.Fatalf("key %q: want 32 hex digits", base)
	}
	tests := []struct {
		name     string
		old, new *diff.Document
		same     bool
	}{
		{"renamed", readDoc(t, "copy/story-v1.txt", oldData), readDoc(t, "elsewhere/final.txt", newData), true},
		{"crlf", readDoc(t, "old.txt", crlf(oldData)), readDoc(t, "new.txt", crlf(newData)), true},
		{"stdin", readDoc(t, "-", oldData), readDoc(t, "new.txt", newData), true},
		{"swapped", readDoc(t, "new.txt", newData), readDoc(t, "old.txt", oldData), false},
		{"other pair", fixtureDoc(t, "pairs/lede", "old.txt"), fixtureDoc(t, "pairs/lede", "new.txt"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := review.Key(diff.Compare(tt.old, tt.new, nil))
			if (got == base) != tt.same {
				t.Errorf("key %s, base %s: same = %v, want %v", got, base, got == base, tt.same)
			}
		})
	}
	// Each pair of a version chain has its own key.
	v1, v2, v3 := readDoc(t, "v1", oldData), readDoc(t, "v2", newData), fixtureDoc(t, "pairs/lede", "new.txt")
	k12, k23, k13 := review.Key(diff.Compare(v1, v2, nil)), review.Key(diff.Compare(v2, v3, nil)), review.Key(diff.Compare(v1, v3, nil))
	if k12 == k23 || k12 == k13 || k23 == k13 {
		t.Errorf("chain keys not distinct: %s %s %s", k12, k23, k13)
	}
}

// TestChangesAreNextStops: the reviewable changes are exactly the blocks
// the viewer's n stops on (block rows and ghosts of the side-by-side
// layout), under every mask, and their anchors are unique and do not
// depend on the mask.
func TestChangesAreNextStops(t *testing.T) {
	masks := []diff.ClassMask{0, diff.IgnoreTypography, diff.IgnoreTypography | diff.IgnoreStyle}
	for _, dir := range fixtures {
		r := fixture(t, dir)
		anchors := map[int]string{}
		for _, m := range masks {
			var stops []int
			for _, e := range render.Entries(r.View(m), render.SideBySide, false) {
				if e.IsChange(r.View(m)) && !slices.Contains(stops, e.Block) {
					stops = append(stops, e.Block)
				}
			}
			slices.Sort(stops)
			var blocks []int
			seen := map[string]bool{}
			for _, c := range review.Changes(r.View(m)) {
				blocks = append(blocks, c.Block)
				if seen[c.Anchor] {
					t.Errorf("%s mask %v: anchor %s repeated", dir, m, c.Anchor)
				}
				seen[c.Anchor] = true
				if a, ok := anchors[c.Block]; ok && a != c.Anchor {
					t.Errorf("%s: block %d anchor %s under mask %v, %s without", dir, c.Block, c.Anchor, m, a)
				}
				anchors[c.Block] = c.Anchor
				if strings.ContainsAny(c.Excerpt, "\n\r") || c.Refs() == "" || (c.Excerpt == "" && c.What() == "changed") {
					t.Errorf("%s: block %d: excerpt %q refs %q", dir, c.Block, c.Excerpt, c.Refs())
				}
			}
			if !slices.Equal(blocks, stops) {
				t.Errorf("%s mask %v: changes at blocks %v, n stops at %v", dir, m, blocks, stops)
			}
		}
	}
}

// TestChangeDescriptions pins the refs, kind and excerpt of a few demo
// changes.
func TestChangeDescriptions(t *testing.T) {
	r := fixture(t, "demo")
	want := map[string]string{ // refs → what: excerpt
		"¶1 → ¶3":   "changed: 1.2 → 1.4",
		"¶5 → ¶7":   "changed: with → without",
		"¶10 → ¶5":  "moved: ",
		"¶2–3 → ¶4": "changed, merged: ",
		"¶6 → ¶8–9": "changed, split: ",
		"¶14 → —":   "removed: − “A similar barrier has protected the Dut…”",
		"— → ¶13":   "added: + ““I hope I’m wrong,” he added.”",
		"¶15 → —":   "removed (contributors): − “With assistance from Mara Quist.”",
		"¶7 → ¶10":  "changed: US → U.S.",
		"¶16 → ¶20": "changed (copyright): + .",
		"— → ¶1":    "added (headline): + “Port Calloway approves $1.4 billion sea…”",
	}
	got := map[string]string{}
	for _, c := range review.Changes(r.View(0)) {
		got[c.Refs()] = c.What() + ": " + c.Excerpt
	}
	for refs, w := range want {
		if got[refs] != w {
			t.Errorf("%s: got %q, want %q", refs, got[refs], w)
		}
	}
}

// mark returns a mark on c by "ed" at a fixed time.
func mark(c *review.Change, s review.State, note string) review.Mark {
	return review.NewMark(c, s, note, "ed", time.Date(2026, 11, 29, 12, 4, 5, 0, time.UTC))
}

// TestMatch: marks find their changes again in a fresh comparison of the
// same pair, in a later comparison whose alignment differs (fuzzy), and
// are orphaned, not dropped, when their change is gone.
func TestMatch(t *testing.T) {
	r := fixture(t, "demo")
	cs := review.Changes(r.View(0))
	rv := &review.Review{Version: review.FormatVersion, Pair: review.Key(r)}
	for i := range cs {
		switch i % 3 {
		case 0:
			rv.Set(mark(&cs[i], review.Checked, ""))
		case 1:
			rv.Set(mark(&cs[i], review.Queried, "check with the desk"))
		}
	}
	st := review.Match(rv, fixture(t, "demo").View(0))
	for i := range st.Changes {
		want := []review.State{review.Checked, review.Queried, review.Unmarked}[i%3]
		if st.State(i) != want {
			t.Errorf("change %d (%s): %v, want %v", i, st.Changes[i].Refs(), st.State(i), want)
		}
	}
	if len(st.Orphans) != 0 {
		t.Errorf("orphans %v", st.Orphans)
	}
	c, q, u := st.Counts()
	if c+q+u != len(cs) || st.Done() {
		t.Errorf("counts %d %d %d of %d, done %v", c, q, u, len(cs), st.Done())
	}
	if p := st.Progress(); !strings.HasPrefix(p, "reviewed ") || !strings.Contains(p, " queried") {
		t.Errorf("progress %q", p)
	}

	// A later release: the negation change ("with" → "without" in old ¶5)
	// gains a sentence added at the end of its paragraph, so its anchor
	// changes but most of its sentences remain; the number change in old
	// ¶1 is reverted, so its mark has no change any more.
	oldData, _ := os.ReadFile("../../testdata/demo/old.txt")
	newData, _ := os.ReadFile("../../testdata/demo/new.txt")
	neg := -1
	for i := range cs {
		if strings.Contains(cs[i].Excerpt, "out") && cs[i].Refs() == "¶5 → ¶7" {
			neg = i
		}
	}
	if neg < 0 {
		t.Fatal("no negation change in the demo")
	}
	negPara := r.New.Paragraphs[cs[neg].New[0]]
	// Mark the negation change alone, and the number change.
	rv = &review.Review{Version: review.FormatVersion, Pair: review.Key(r)}
	rv.Set(mark(&cs[neg], review.Queried, "with → without: check"))
	num := slices.IndexFunc(cs, func(c review.Change) bool { return c.Excerpt == "1.2 → 1.4" })
	rv.Set(mark(&cs[num], review.Checked, ""))
	later := bytes.ReplaceAll(newData, []byte("$1.4 billion"), []byte("$1.2 billion"))
	later = bytes.Replace(later, []byte(negPara.Text), []byte(negPara.Text+" The mayor declined to comment."), 1)
	r2 := diff.Compare(readDoc(t, "old.txt", oldData), readDoc(t, "new.txt", later), nil)
	st = review.Match(rv, r2.View(0))
	found := false
	for i := range st.Changes {
		if st.State(i) == review.Queried {
			found = true
			if st.Changes[i].Refs() != "¶5 → ¶7" || st.Marks[i].Note != "with → without: check" {
				t.Errorf("queried mark went to %s (%q)", st.Changes[i].Refs(), st.Marks[i].Note)
			}
			if st.Changes[i].Anchor == st.Marks[i].Anchor {
				t.Errorf("the later change kept its anchor: the fuzzy match was not exercised")
			}
		}
	}
	if !found {
		t.Errorf("queried mark lost in the later release; orphans %v", st.Orphans)
	}
	if len(st.Orphans) != 1 || st.Orphans[0].Excerpt != "1.2 → 1.4" || st.Orphans[0].Refs != "¶1 → ¶3" {
		t.Errorf("orphans %+v, want the number change's mark", st.Orphans)
	}
}

// TestMatchUnderMask: a mark on a change the mask hides is neither shown
// nor orphaned.
func TestMatchUnderMask(t *testing.T) {
	r := fixture(t, "pairs/lede")
	all := review.Changes(r.View(0))
	m := diff.IgnoreTypography | diff.IgnoreStyle
	vis := review.Changes(r.View(m))
	if len(vis) >= len(all) {
		t.Fatalf("mask hides nothing in the lede fixture (%d, %d)", len(vis), len(all))
	}
	rv := &review.Review{Version: review.FormatVersion, Pair: review.Key(r)}
	for i := range all {
		rv.Set(mark(&all[i], review.Checked, ""))
	}
	st := review.Match(rv, r.View(m))
	if len(st.Orphans) != 0 || !st.Done() || len(st.Changes) != len(vis) {
		t.Errorf("orphans %d, done %v, %d changes (want %d)", len(st.Orphans), st.Done(), len(st.Changes), len(vis))
	}
	for i := range st.Changes {
		if st.Index(st.Changes[i].Block) != i {
			t.Errorf("Index(%d) = %d, want %d", st.Changes[i].Block, st.Index(st.Changes[i].Block), i)
		}
	}
	if st.Index(-5) != -1 {
		t.Errorf("Index of no block: %d", st.Index(-5))
	}
}

// TestSetAndClear: Set replaces by anchor, Unmarked removes, marks stay
// sorted.
func TestSetAndClear(t *testing.T) {
	cs := review.Changes(fixture(t, "demo").View(0))
	rv := &review.Review{}
	for i := len(cs) - 1; i >= 0; i-- {
		rv.Set(mark(&cs[i], review.Checked, ""))
	}
	rv.Set(mark(&cs[0], review.Queried, "why?"))
	rv.Set(mark(&cs[1], review.Unmarked, ""))
	rv.Set(mark(&cs[1], review.Unmarked, ""))
	if len(rv.Marks) != len(cs)-1 {
		t.Fatalf("%d marks, want %d", len(rv.Marks), len(cs)-1)
	}
	if !slices.IsSortedFunc(rv.Marks, func(a, b review.Mark) int { return strings.Compare(a.Anchor, b.Anchor) }) {
		t.Error("marks not sorted by anchor")
	}
	for _, m := range rv.Marks {
		want := review.Checked
		if m.Anchor == cs[0].Anchor {
			want = review.Queried
		}
		if m.State != want || m.Anchor == cs[1].Anchor {
			t.Errorf("mark %s: %v", m.Anchor, m.State)
		}
	}
}

// TestMarkLine: who, when and note are shown cleaned.
func TestMarkLine(t *testing.T) {
	cs := review.Changes(fixture(t, "demo").View(0))
	m := review.NewMark(&cs[0], review.Queried, "  check\x1b[31m with\nthe desk ", "a\u202eb", time.Date(2026, 1, 2, 3, 4, 5, 600, time.FixedZone("x", 3600)))
	if got, want := m.Line(), "“check␛[31m with the desk” — a\ufffdb, 2026-01-02T02:04:05Z"; got != want {
		t.Errorf("Line() = %q, want %q", got, want)
	}
	m.Note, m.Who = "", ""
	if got, want := m.Line(), "2026-01-02T02:04:05Z"; got != want {
		t.Errorf("Line() = %q, want %q", got, want)
	}
}

// TestEditFuzzy: re-marking a change found by its sentences moves the
// mark to the change's new anchor and clears the old one, so no orphan
// is left behind; WithMark leaves the original status alone.
func TestEditFuzzy(t *testing.T) {
	r := fixture(t, "demo")
	cs := review.Changes(r.View(0))
	neg := slices.IndexFunc(cs, func(c review.Change) bool { return c.Excerpt == "with → without" })
	rv := &review.Review{}
	rv.Set(mark(&cs[neg], review.Queried, "check"))
	oldData, _ := os.ReadFile("../../testdata/demo/old.txt")
	newData, _ := os.ReadFile("../../testdata/demo/new.txt")
	para := r.New.Paragraphs[cs[neg].New[0]].Text
	later := bytes.Replace(newData, []byte(para), []byte(para+" The mayor declined to comment."), 1)
	r2 := diff.Compare(readDoc(t, "old.txt", oldData), readDoc(t, "new.txt", later), nil)
	st := review.Match(rv, r2.View(0))
	i := slices.IndexFunc(st.Marks, func(m *review.Mark) bool { return m != nil })
	if i < 0 || st.Changes[i].Anchor == st.Marks[i].Anchor {
		t.Fatalf("no fuzzy match to test with (index %d)", i)
	}
	edits := st.Edit(i, review.Checked, "", "ed", time.Now())
	if len(edits) != 2 || edits[0].Anchor != st.Changes[i].Anchor || edits[1].Anchor != st.Marks[i].Anchor || edits[1].State != review.Unmarked {
		t.Fatalf("edits %+v", edits)
	}
	for _, m := range edits {
		rv.Set(m)
	}
	st2 := review.Match(rv, r2.View(0))
	if st2.State(i) != review.Checked || len(st2.Orphans) != 0 || len(rv.Marks) != 1 {
		t.Errorf("after the edit: state %v, orphans %v, %d marks", st2.State(i), st2.Orphans, len(rv.Marks))
	}
	shown := st.WithMark(i, &edits[0])
	if shown.State(i) != review.Checked || st.State(i) != review.Queried {
		t.Errorf("WithMark: new %v, old %v", shown.State(i), st.State(i))
	}
	if cleared := shown.WithMark(i, nil); cleared.State(i) != review.Unmarked || shown.State(i) != review.Checked {
		t.Errorf("WithMark(nil): %v", cleared.State(i))
	}
}

// TestNormalise: white space runs of any kind become one space; text
// already so is kept.
func TestNormalise(t *testing.T) {
	r1 := diff.Compare(diff.NewDocument("a", []string{"One two. Three"}, nil), diff.NewDocument("b", []string{"Four."}, nil), nil)
	for _, variant := range []string{"One  two. Three", "One\ttwo.\nThree", "One\u00a0two.\u2003Three", "One two.\u3000Three"} {
		r2 := diff.Compare(diff.NewDocument("a", []string{variant}, nil), diff.NewDocument("b", []string{"Four."}, nil), nil)
		if review.Key(r1) != review.Key(r2) {
			t.Errorf("%q: key differs from the normalised text's", variant)
		}
	}
	r3 := diff.Compare(diff.NewDocument("a", []string{"One two. Three é"}, nil), diff.NewDocument("b", []string{"Four."}, nil), nil)
	if review.Key(r1) == review.Key(r3) {
		t.Error("different texts share a key")
	}
}
