package render

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/input"
)

// handResult builds, with diff.Assemble, a result holding every kind of
// block: moved, changed with a sentence moved in from another paragraph,
// split, merge, removed (flagged), added (flagged), wide characters.
func handResult(t testing.TB) *diff.Result {
	t.Helper()
	old := diff.NewDocument("old.txt", []string{
		"The mayor said on Monday. Taxes will rise.",
		"Roads will be repaired. 東京の道路は新しい。",
		"A long paragraph that will be split. Second half here.",
		"Merge one.",
		"Merge two.",
		"This paragraph is not kept.",
		"Moved paragraph text.",
	}, nil)
	nw := diff.NewDocument("new.txt", []string{
		"Moved paragraph text.",
		"The mayor said on Tuesday. Taxes will rise. Roads will be repaired.",
		"東京の道路は新しい。",
		"A long paragraph that will be split.",
		"Second half here.",
		"Merge one. Merge two.",
		"Brand new paragraph with 3 emoji 🎉🎉🎉.",
	}, nil)
	ref := func(p, s int) diff.SentRef { return diff.SentRef{Para: p, Sent: s} }
	eq := func(o, n diff.SentRef, text string) diff.Pair {
		return diff.Pair{Kind: diff.Equal, OldRef: o, NewRef: n, Old: text, New: text}
	}
	blocks := []diff.Block{
		{Kind: diff.Equal, Old: []int{6}, New: []int{0}, Moved: true, Origin: 6,
			Pairs: []diff.Pair{eq(ref(6, 0), ref(0, 0), "Moved paragraph text.")}},
		{Kind: diff.Changed, Old: []int{0}, New: []int{1}, Origin: -1, Pairs: []diff.Pair{
			{Kind: diff.Changed, OldRef: ref(0, 0), NewRef: ref(1, 0),
				Old: "The mayor said on Monday.", New: "The mayor said on Tuesday.",
				Words: []diff.Word{{Op: diff.OpEqual, Text: "The mayor said on "}, {Op: diff.OpDelete, Text: "Monday"},
					{Op: diff.OpInsert, Text: "Tuesday"}, {Op: diff.OpEqual, Text: "."}},
				Flags: diff.FlagNumber},
			eq(ref(0, 1), ref(1, 1), "Taxes will rise."),
			{Kind: diff.Equal, OldRef: ref(1, 0), NewRef: ref(1, 2), Old: "Roads will be repaired.",
				New: "Roads will be repaired.", Moved: true},
		}},
		{Kind: diff.Changed, Old: []int{1}, New: []int{2}, Origin: -1,
			Pairs: []diff.Pair{eq(ref(1, 1), ref(2, 0), "東京の道路は新しい。")}},
		{Kind: diff.Equal, Old: []int{2}, New: []int{3, 4}, Origin: -1, Pairs: []diff.Pair{
			eq(ref(2, 0), ref(3, 0), "A long paragraph that will be split."),
			eq(ref(2, 1), ref(4, 0), "Second half here."),
		}},
		{Kind: diff.Equal, Old: []int{3, 4}, New: []int{5}, Origin: -1, Pairs: []diff.Pair{
			eq(ref(3, 0), ref(5, 0), "Merge one."),
			eq(ref(4, 0), ref(5, 1), "Merge two."),
		}},
		{Kind: diff.Removed, Old: []int{5}, Origin: -1, Flags: diff.FlagNegation, Pairs: []diff.Pair{
			{Kind: diff.Removed, OldRef: ref(5, 0), NewRef: diff.None, Old: "This paragraph is not kept."},
		}},
		{Kind: diff.Added, New: []int{6}, Origin: -1, Boilerplate: "", Pairs: []diff.Pair{
			{Kind: diff.Added, OldRef: diff.None, NewRef: ref(6, 0), New: "Brand new paragraph with 3 emoji 🎉🎉🎉.", Flags: diff.FlagNumber},
		}},
	}
	r, err := diff.Assemble(old, nw, blocks)
	if err != nil {
		t.Fatalf("assemble: %v", err)
	}
	return r
}

// sideText returns the document text of a side (spans whose style IsText)
// in chunks: a new chunk starts at each line and after each annotation, the
// places where the layout may have consumed white space.
func sideText(s Side) []string {
	var out []string
	for _, ln := range s.Lines {
		var b strings.Builder
		for _, sp := range ln {
			if sp.Style.isText() {
				b.WriteString(sp.Text)
			} else if b.Len() > 0 {
				out = append(out, b.String())
				b.Reset()
			}
		}
		out = append(out, b.String())
	}
	return out
}

// checkNothingLost verifies that the text lines of a side are the given
// paragraphs in order, cut only at white space (which a break may consume)
// and at paragraph ends.
func checkNothingLost(t *testing.T, what string, lines []string, paras []string) {
	t.Helper()
	want := strings.Join(paras, "\n")
	pos := 0
	for i, ln := range lines {
		if ln == "" {
			continue
		}
		for pos < len(want) && (want[pos] == '\n' || unicode.IsSpace(rune(want[pos]))) {
			pos++
		}
		ln = strings.TrimLeft(ln, " ")
		if !strings.HasPrefix(want[pos:], ln) {
			t.Fatalf("%s: line %d %q does not continue the text at %q", what, i, ln, clip(want[pos:]))
		}
		pos += len(ln)
	}
	if strings.TrimSpace(want[pos:]) != "" {
		t.Fatalf("%s: text lost: %q", what, clip(want[pos:]))
	}
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

// checkResult lays out every entry of r in every mode at the given widths
// and checks the invariants: sides of equal height, gutters as tall as the
// lines, no line wider than its pane, and (side by side) every paragraph's
// text on its side exactly once.
func checkResult(t *testing.T, r *diff.Result, widths []int) {
	t.Helper()
	for _, width := range widths {
		for _, mode := range []Mode{SideBySide, Inline, Sentences} {
			for _, fold := range []bool{false, true} {
				l := NewLayout(r.View(0), mode, width, Options{Markup: fold})
				lw, rw := l.TextWidth()
				oldSeen := make([]int, len(r.Old.Paragraphs))
				newSeen := make([]int, len(r.New.Paragraphs))
				for _, e := range Entries(r.View(0), mode, fold) {
					row := l.Row(e)
					if mode != Inline && len(row.Left.Lines) != len(row.Right.Lines) {
						t.Fatalf("%v w=%d entry %+v: left %d lines, right %d", mode, width, e, len(row.Left.Lines), len(row.Right.Lines))
					}
					if len(row.Left.Gutter) != len(row.Left.Lines) || (mode != Inline && len(row.Right.Gutter) != len(row.Right.Lines)) {
						t.Fatalf("%v w=%d entry %+v: gutter and lines differ in height", mode, width, e)
					}
					for i, ln := range row.Left.Lines {
						if w := ln.Width(); w > lw && !(lw < 2 && len(ln) == 1) {
							t.Fatalf("%v w=%d entry %+v: left line %d is %d wide > %d: %q", mode, width, e, i, w, lw, ln.String())
						}
						if w := row.Left.Gutter[i].Width(); w > l.GutterWidth() {
							t.Fatalf("gutter %q wider than %d", row.Left.Gutter[i].String(), l.GutterWidth())
						}
					}
					for i, ln := range row.Right.Lines {
						if w := ln.Width(); w > rw && !(rw < 2 && len(ln) == 1) {
							t.Fatalf("%v w=%d entry %+v: right line %d is %d wide > %d: %q", mode, width, e, i, w, rw, ln.String())
						}
					}
					if mode != SideBySide || e.Kind != RowBlock {
						continue
					}
					b := &r.Blocks[e.Block]
					var op, np []string
					for _, p := range b.Old {
						op = append(op, r.Old.Paragraphs[p].Text)
						oldSeen[p]++
					}
					for _, p := range b.New {
						np = append(np, r.New.Paragraphs[p].Text)
						newSeen[p]++
					}
					checkNothingLost(t, "old side", sideText(row.Left), op)
					checkNothingLost(t, "new side", sideText(row.Right), np)
				}
				if mode == SideBySide && !fold {
					for p, n := range oldSeen {
						if n != 1 {
							t.Fatalf("w=%d: old paragraph %d shown %d times", width, p, n)
						}
					}
					for p, n := range newSeen {
						if n != 1 {
							t.Fatalf("w=%d: new paragraph %d shown %d times", width, p, n)
						}
					}
				}
			}
		}
	}
}

func TestLayoutInvariantsHand(t *testing.T) {
	checkResult(t, handResult(t), []int{1, 20, 41, 80, 120, 200})
}

func TestLayoutInvariantsCompare(t *testing.T) {
	var pairs [][2]string
	dirs, _ := filepath.Glob("../../testdata/pairs/*")
	for _, d := range dirs {
		pairs = append(pairs, [2]string{filepath.Join(d, "old.txt"), filepath.Join(d, "new.txt")})
	}
	pairs = append(pairs,
		[2]string{"../../testdata/demo/old.txt", "../../testdata/demo/new.txt"},
		[2]string{"../../../shared/seeds/anchorage-v1-original.txt", "../../../shared/seeds/anchorage-v2-syndicated.txt"})
	ran := 0
	for _, p := range pairs {
		o, ok1 := readDoc(t, p[0], "old")
		n, ok2 := readDoc(t, p[1], "new")
		if !ok1 || !ok2 {
			continue
		}
		ran++
		t.Run(filepath.Base(filepath.Dir(p[0])), func(t *testing.T) {
			r := diff.Compare(o, n, nil)
			checkResult(t, r, []int{30, 80, 133, 200})
		})
	}
	if ran == 0 {
		t.Skip("no fixture pairs present")
	}
}

// readDoc reads a fixture the way the CLI does, as a document named name;
// ok is false when the fixture is absent.
func readDoc(t testing.TB, path, name string) (d *diff.Document, ok bool) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		return nil, false
	}
	in, err := input.ReadFile(path, input.Auto)
	if err != nil {
		t.Fatalf("fixture %s: %v", path, err)
	}
	return diff.NewDocument(name, in.Paragraphs, in.Labels), true
}

func TestWrap(t *testing.T) {
	tests := []struct {
		name  string
		spans []Span
		width int
		want  []string
	}{
		{"empty", nil, 10, []string{""}},
		{"fits", []Span{{"one two", Plain}}, 10, []string{"one two"}},
		{"exact", []Span{{"one two", Plain}}, 7, []string{"one two"}},
		{"break consumes space", []Span{{"one two three", Plain}}, 7, []string{"one two", "three"}},
		{"long word hard break", []Span{{"abcdefghij", Plain}}, 4, []string{"abcd", "efgh", "ij"}},
		{"long word after text", []Span{{"ab abcdefghij", Plain}}, 4, []string{"ab", "abcd", "efgh", "ij"}},
		{"word across styles", []Span{{"foo", Plain}, {"bar", WordInsert}, {" baz", Plain}}, 6, []string{"foobar", "baz"}},
		{"cjk counts two", []Span{{"東京の道路", Plain}}, 4, []string{"東京", "の道", "路"}},
		{"emoji counts two", []Span{{"ab 🎉🎉 cd", Plain}}, 5, []string{"ab", "🎉🎉", "cd"}},
		{"wide in narrow", []Span{{"東京", Plain}}, 1, []string{"東", "京"}},
		{"combining mark stays", []Span{{"cafe\u0301s", Plain}}, 4, []string{"cafe\u0301", "s"}},
		{"double space kept inside", []Span{{"a  b", Plain}}, 10, []string{"a  b"}},
		{"control characters made safe", []Span{{"a\x1b[31mb\nc\u009bd", Plain}}, 20, []string{"a\ufffd[31mb c\ufffdd"}},
		{"invalid UTF-8 replaced", []Span{{"a\x9b31mb", Plain}}, 20, []string{"a\ufffd31mb"}},
		{"newline is a break", []Span{{"ab\ncd", Plain}}, 2, []string{"ab", "cd"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := Wrap(tt.spans, tt.width)
			var got []string
			for _, l := range lines {
				got = append(got, l.String())
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("Wrap = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestWrapKeepsStyles(t *testing.T) {
	lines := Wrap([]Span{{"said on ", ChangedNew}, {"Tuesday", WordInsert}, {".", ChangedNew}}, 80)
	if len(lines) != 1 || len(lines[0]) != 3 || lines[0][1] != (Span{"Tuesday", WordInsert}) {
		t.Fatalf("styles not kept: %#v", lines)
	}
}

// TestRowsHand checks what the hand-built result shows: markers, notes,
// ghosts, badges, folds.
func TestRowsHand(t *testing.T) {
	r := handResult(t)
	l := NewLayout(r.View(0), SideBySide, 220, Options{})
	entries := Entries(r.View(0), SideBySide, false)
	// 7 blocks and one ghost before block 6.
	if len(entries) != 8 || entries[6].Kind != RowGhost || entries[6].Block != 0 {
		t.Fatalf("entries = %+v", entries)
	}
	text := func(e Entry) string {
		row := l.Row(e)
		return strings.Join(l.plainLines(&row), "\n")
	}
	tests := []struct {
		entry Entry
		want  []string
	}{
		{entries[0], []string{"↕ moved from ¶7", " 7 ↕ Moved paragraph text.", " 1 ↕ Moved paragraph text."}},
		{entries[1], []string{" 1 ~ The mayor said on Monday. Taxes will rise.", " 2 ~ The mayor said on Tuesday. NUM Taxes will rise. Roads will be repaired. ←¶2"}},
		{entries[2], []string{" 2 ~ Roads will be repaired. →¶2 東京の道路は新しい。", " 3 ~ 東京の道路は新しい。"}},
		{entries[5], []string{" 6 - This paragraph is not kept. NEG"}},
		{entries[6], []string{"¶7 moved to ¶1"}},
		{entries[7], []string{" 7 + Brand new paragraph with 3 emoji 🎉🎉🎉. NUM"}},
	}
	for _, tt := range tests {
		got := text(tt.entry)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("entry %+v:\n%s\nlacks %q", tt.entry, got, w)
			}
		}
	}
	// Split block: both new paragraphs numbered in the right gutter.
	split := text(entries[3])
	if !strings.Contains(split, " 4   A long") || !strings.Contains(split, " 5   Second half") {
		t.Errorf("split block:\n%s", split)
	}
	folded := Entries(r.View(0), SideBySide, true)
	var folds []string
	for _, e := range folded {
		if e.Kind == RowFold {
			folds = append(folds, text(e))
		}
	}
	if len(folds) != 1 || !strings.Contains(folds[0], "… 3 unchanged paragraphs …  ¶3–5") {
		t.Errorf("folds = %q", folds)
	}
}

func TestInlineHand(t *testing.T) {
	r := handResult(t)
	l := NewLayout(r.View(0), Inline, 100, Options{Markup: true})
	row := l.Row(Entry{Kind: RowBlock, Block: 1})
	got := strings.Join(l.plainLines(&row), "\n")
	want := " 1 2 ~ The mayor said on [-Monday-]{+Tuesday+}. [NUM] Taxes will rise. Roads will be repaired. ←¶2"
	if !strings.Contains(got, want) {
		t.Fatalf("inline block 1:\n%s\nwant line %q", got, want)
	}
	row = l.Row(Entry{Kind: RowBlock, Block: 3})
	got = strings.Join(l.plainLines(&row), "\n")
	if !strings.Contains(got, " 3 4   A long paragraph that will be split.\n\n 3 5   Second half here.") {
		t.Fatalf("inline split block:\n%s", got)
	}
	if got := BlockText(r, 1); !strings.Contains(got, "[-Monday-]{+Tuesday+}") {
		t.Fatalf("BlockText = %q", got)
	}
}

func TestSentencesHand(t *testing.T) {
	r := handResult(t)
	entries := Entries(r.View(0), Sentences, false)
	n := 0
	for i := range r.Blocks {
		n += len(r.Blocks[i].Pairs)
	}
	if len(entries) != n {
		t.Fatalf("%d sentence entries, want %d", len(entries), n)
	}
	l := NewLayout(r.View(0), Sentences, 100, Options{Markup: true})
	row := l.Row(entries[1])
	got := strings.Join(l.plainLines(&row), "\n")
	if !strings.Contains(got, "said on [-Monday-].") || !strings.Contains(got, "said on {+Tuesday+}. [NUM]") {
		t.Fatalf("sentence row:\n%s", got)
	}
}

func TestWriteSideBySide(t *testing.T) {
	r := handResult(t)
	var buf bytes.Buffer
	if err := WriteSideBySide(&buf, r.View(0), 100); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, w := range []string{"old.txt", "│ new.txt", "[-Monday-]", "{+Tuesday+}", "¶7 moved to ¶1"} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	for i, ln := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if w := Width(ln); w > 100 {
			t.Errorf("line %d is %d wide: %q", i, w, ln)
		}
		if ln != strings.TrimRight(ln, " ") {
			t.Errorf("line %d has trailing spaces", i)
		}
	}
	// The separator column is the same on every line that has one.
	col := -1
	for _, ln := range strings.Split(out, "\n") {
		if i := strings.Index(ln, "│"); i >= 0 {
			c := Width(ln[:i])
			if col >= 0 && c != col {
				t.Fatalf("separator at column %d, earlier at %d: %q", c, col, ln)
			}
			col = c
		}
	}
	if err := WriteSideBySide(&buf, diff.View{}, 80); err == nil {
		t.Fatal("nil result: no error")
	}
}

func TestEntriesNil(t *testing.T) {
	if e := Entries(diff.View{}, SideBySide, false); e != nil {
		t.Fatalf("Entries(nil) = %v", e)
	}
	l := NewLayout(diff.View{}, SideBySide, 80, Options{})
	row := l.Row(Entry{Block: 3})
	if row.Height() != 1 {
		t.Fatalf("row of nil result has height %d", row.Height())
	}
}

func BenchmarkRow(b *testing.B) {
	r := handResult(b)
	entries := Entries(r.View(0), SideBySide, false)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		l := NewLayout(r.View(0), SideBySide, 120, Options{})
		for _, e := range entries {
			l.Row(e)
		}
	}
}

// ledeResult compares the lede fixture, which has typographic, style and
// wording runs.
func ledeResult(t *testing.T) *diff.Result {
	t.Helper()
	var docs []*diff.Document
	for _, name := range []string{"old.txt", "new.txt"} {
		d, ok := readDoc(t, filepath.Join("..", "..", "testdata", "pairs", "lede", name), name)
		if !ok {
			t.Skipf("fixture %s absent", name)
		}
		docs = append(docs, d)
	}
	return diff.Compare(docs[0], docs[1], nil)
}

// styledText joins the text of the spans of a side in style st.
func styledText(s Side, st Style) string {
	var b strings.Builder
	for _, ln := range s.Lines {
		for _, sp := range ln {
			if sp.Style == st || sp.Style == light(st) {
				b.WriteString(sp.Text)
			}
		}
	}
	return b.String()
}

// visibleWords joins the words with op of the runs of pr that m does not
// hide.
func visibleWords(pr *diff.Pair, op diff.Op, m diff.ClassMask) string {
	var b strings.Builder
	for _, run := range pr.Runs {
		if (diff.View{Ignore: m}).RunHidden(run) {
			continue
		}
		for _, w := range pr.Words[run.Start:run.End] {
			if w.Op == op {
				b.WriteString(w.Text)
			}
		}
	}
	return b.String()
}

func TestIgnoreMask(t *testing.T) {
	r := ledeResult(t)
	masks := []diff.ClassMask{0, diff.IgnoreTypography, diff.IgnoreTypography | diff.IgnoreStyle}
	hiddenSeen := 0
	for _, m := range masks {
		// Sentences: one pair a row; the highlighted words are exactly
		// those of the visible runs, and a hidden pair has no marker.
		l := NewLayout(r.View(m), Sentences, 4000, Options{})
		for _, e := range Entries(r.View(m), Sentences, false) {
			pr := &r.Blocks[e.Block].Pairs[e.Pair]
			if pr.Kind != diff.Changed {
				continue
			}
			row := l.Row(e)
			if got, want := styledText(row.Left, WordDelete), visibleWords(pr, diff.OpDelete, m); got != want {
				t.Fatalf("mask %v pair %q: deleted %q, want %q", m, pr.New, got, want)
			}
			if got, want := styledText(row.Right, WordInsert), visibleWords(pr, diff.OpInsert, m); got != want {
				t.Fatalf("mask %v pair %q: inserted %q, want %q", m, pr.New, got, want)
			}
			mark := row.Right.Gutter[0].String()
			if hidden := r.View(m).PairHidden(pr); hidden != strings.Contains(mark, "   ") || hidden == strings.Contains(mark, "~") {
				t.Fatalf("mask %v pair %q hidden %v: gutter %q", m, pr.New, hidden, mark)
			}
			if r.View(m).PairHidden(pr) {
				hiddenSeen++
				if e.IsChange(r.View(m)) || !e.IsChange(r.View(0)) {
					t.Fatalf("hidden pair: IsChange %v", e.IsChange(r.View(m)))
				}
			}
		}
		// Inline: a hidden run reads as its new text; the block's text
		// is the new version's where every run is hidden.
		il := NewLayout(r.View(m), Inline, 4000, Options{})
		for _, e := range Entries(r.View(m), Inline, false) {
			if e.Kind != RowBlock {
				continue
			}
			b := &r.Blocks[e.Block]
			row := il.Row(e)
			var del, ins strings.Builder
			for i := range b.Pairs {
				del.WriteString(visibleWords(&b.Pairs[i], diff.OpDelete, m))
				ins.WriteString(visibleWords(&b.Pairs[i], diff.OpInsert, m))
			}
			if b.Kind == diff.Changed {
				if got := styledText(row.Left, WordDelete); got != del.String() {
					t.Fatalf("inline mask %v block %d: deleted %q, want %q", m, e.Block, got, del.String())
				}
				if got := styledText(row.Left, WordInsert); got != ins.String() {
					t.Fatalf("inline mask %v block %d: inserted %q, want %q", m, e.Block, got, ins.String())
				}
			}
			if r.View(m).BlockHidden(e.Block) {
				var text strings.Builder
				for _, s := range sideText(row.Left) {
					text.WriteString(s)
				}
				if want := r.New.Paragraphs[b.New[0]].Text; text.String() != want {
					t.Fatalf("hidden block %d reads %q, want the new text %q", e.Block, text.String(), want)
				}
				if g := row.Left.Gutter[0].String(); strings.Contains(g, "~") {
					t.Fatalf("hidden block %d still marked: %q", e.Block, g)
				}
			}
		}
		// Folding folds the blocks that read as equal.
		for _, e := range Entries(r.View(m), SideBySide, true) {
			if e.Kind == RowBlock && (!r.Blocks[e.Block].IsChange() || r.View(m).BlockHidden(e.Block)) {
				t.Fatalf("mask %v: unchanged block %d not folded", m, e.Block)
			}
		}
	}
	if hiddenSeen == 0 {
		t.Fatal("the lede fixture hid no pair under any mask")
	}
	// The invariants hold under every mask.
	for _, m := range masks {
		for _, mode := range []Mode{SideBySide, Inline, Sentences} {
			l := NewLayout(r.View(m), mode, 90, Options{Markup: true})
			for _, e := range Entries(r.View(m), mode, false) {
				row := l.Row(e)
				if mode == SideBySide && e.Kind == RowBlock {
					b := &r.Blocks[e.Block]
					var op, np []string
					for _, p := range b.Old {
						op = append(op, r.Old.Paragraphs[p].Text)
					}
					for _, p := range b.New {
						np = append(np, r.New.Paragraphs[p].Text)
					}
					checkNothingLost(t, "old side", sideText(row.Left), op)
					checkNothingLost(t, "new side", sideText(row.Right), np)
				}
			}
		}
	}
}

func TestWriteSideBySideView(t *testing.T) {
	r := ledeResult(t)
	var plain, zero, masked bytes.Buffer
	if err := WriteSideBySide(&plain, r.View(0), 120); err != nil {
		t.Fatal(err)
	}
	if err := WriteSideBySide(&zero, r.View(0), 120); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(plain.Bytes(), zero.Bytes()) {
		t.Fatal("a zero mask changes the output")
	}
	m := diff.IgnoreTypography | diff.IgnoreStyle
	if err := WriteSideBySide(&masked, r.View(m), 120); err != nil {
		t.Fatal(err)
	}
	st, hidden := r.View(m).Stats()
	if hidden == 0 {
		t.Fatal("fixture hides nothing")
	}
	count := func(b []byte) int {
		n := 0
		for _, m := range []string{"[-", "{+", "[~", "{~"} {
			n += bytes.Count(b, []byte(m))
		}
		return n
	}
	if count(masked.Bytes()) >= count(plain.Bytes()) {
		t.Fatalf("masked output has %d marked runs, unmasked %d", count(masked.Bytes()), count(plain.Bytes()))
	}
	if st.Changed >= r.Stats.Changed {
		t.Fatal("fixture hides no whole block")
	}
	if bytes.Count(masked.Bytes(), []byte(" ~ ")) >= bytes.Count(plain.Bytes(), []byte(" ~ ")) {
		t.Fatal("no block lost its ~ marker")
	}
}

// TestSentencesKeepNotes: the sentence view shows every note and badge the
// paragraph view shows: boilerplate labels, from/into ¶N, moved notes,
// badges, and says which blocks were split or merged.
func TestSentencesKeepNotes(t *testing.T) {
	var pairs [][2]string
	dirs, _ := filepath.Glob("../../testdata/pairs/*")
	for _, d := range dirs {
		pairs = append(pairs, [2]string{filepath.Join(d, "old.txt"), filepath.Join(d, "new.txt")})
	}
	pairs = append(pairs, [2]string{"../../testdata/demo/old.txt", "../../testdata/demo/new.txt"})
	for _, p := range pairs {
		o, ok1 := readDoc(t, p[0], "old")
		n, ok2 := readDoc(t, p[1], "new")
		if !ok1 || !ok2 {
			continue
		}
		t.Run(filepath.Base(filepath.Dir(p[0])), func(t *testing.T) {
			v := diff.Compare(o, n, nil).View(0)
			// count the notes and badges a mode shows, by text.
			count := func(mode Mode) map[string]int {
				l := NewLayout(v, mode, 200, Options{})
				got := map[string]int{}
				for _, e := range Entries(v, mode, false) {
					row := l.Row(e)
					for _, side := range []Side{row.Left, row.Right} {
						for _, ln := range side.Lines {
							for _, sp := range ln {
								switch t := strings.TrimSpace(sp.Text); {
								case sp.Style == Badge:
									got[t]++
								case sp.Style == Note && (strings.HasPrefix(t, "‹") && !strings.Contains(t, " ") ||
									strings.HasPrefix(t, "from ¶") || strings.HasPrefix(t, "into ¶")):
									got[t] = 1 // labels once per block in the paragraph view
								}
							}
						}
					}
				}
				return got
			}
			para, sent := count(SideBySide), count(Sentences)
			for k, nPara := range para {
				if sent[k] == 0 || (strings.HasPrefix(k, "from") || strings.HasPrefix(k, "into")) && sent[k] < nPara {
					t.Errorf("the sentence view lacks %q (%d in the paragraph view, %d)", k, nPara, sent[k])
				}
			}
			b := v.Result.Blocks
			for bi := range b {
				if !b[bi].IsSplit() && !b[bi].IsMerge() || len(b[bi].Pairs) == 0 {
					continue
				}
				l := NewLayout(v, Sentences, 200, Options{})
				row := l.Row(Entry{Kind: RowSentence, Block: bi, Pair: 0})
				if s := styledText(row.Right, Note) + styledText(row.Left, Note); !strings.Contains(s, "split") && !strings.Contains(s, "merged") {
					t.Errorf("block %d (split or merged): first sentence row says neither: %q", bi, s)
				}
			}
		})
	}
}

// TestLightWeight: typography and style runs are drawn with the light word
// styles, wording runs with the strong ones, in every layout.
func TestLightWeight(t *testing.T) {
	r := ledeResult(t)
	for _, mode := range []Mode{SideBySide, Inline, Sentences} {
		l := NewLayout(r.View(0), mode, 4000, Options{})
		lightN, strongN := 0, 0
		for _, e := range Entries(r.View(0), mode, false) {
			row := l.Row(e)
			for _, side := range []Side{row.Left, row.Right} {
				for _, ln := range side.Lines {
					for _, sp := range ln {
						switch sp.Style {
						case WordDeleteLight, WordInsertLight:
							lightN++
							if strings.Contains(sp.Text, "without") || strings.Contains(sp.Text, "15") {
								t.Errorf("%v: wording %q drawn light", mode, sp.Text)
							}
						case WordDelete, WordInsert:
							strongN++
							if sp.Text == "“" || sp.Text == "”" || sp.Text == "percent" {
								t.Errorf("%v: typography/style %q drawn strong", mode, sp.Text)
							}
						}
					}
				}
			}
		}
		if lightN == 0 || strongN == 0 {
			t.Errorf("%v: %d light and %d strong word spans, want both", mode, lightN, strongN)
		}
	}
}

// TestLightMarkup: without colour, typography and style changes are
// bracketed [~…~] {~…~}, wording changes [-…-] {+…+}.
func TestLightMarkup(t *testing.T) {
	r := ledeResult(t)
	var buf bytes.Buffer
	if err := WriteSideBySide(&buf, r.View(0), 160); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"[~Kozlovskiy~]", "{~Kozlovskyy~}", "[-with-]", "{+without+}"} {
		if !strings.Contains(out, want) {
			t.Errorf("side-by-side lacks %q", want)
		}
	}
	for _, bad := range []string{"[-Kozlovskiy-]", "{~without~}"} {
		if strings.Contains(out, bad) {
			t.Errorf("side-by-side has %q", bad)
		}
	}
}
