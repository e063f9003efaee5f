package tui

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/export"
	"github.com/storydiff/storydiff/internal/render"
)

// partOfEntry returns an entry of m whose enter follows a from/into ¶N
// note to another entry, and that entry; -1, -1 if none.
func partOfEntry(m Model) (from, to int) {
	for i, e := range m.pane.entries {
		if e.Kind != render.RowBlock && e.Kind != render.RowSentence {
			continue
		}
		b := &m.r.Blocks[e.Block]
		pairs := b.Pairs
		if e.Kind == render.RowSentence {
			pairs = b.Pairs[e.Pair : e.Pair+1]
		}
		for k := range pairs {
			if pairs[k].PartOf == nil || b.Moved || pairs[k].Moved {
				continue
			}
			p := m.pane
			p.opened = nil
			if t := p.jumpTarget(i); t >= 0 && t != i {
				return i, t
			}
		}
	}
	return -1, -1
}

// TestEnterFollowsNotes: enter on a row with a from ¶N / into ¶N note goes
// to the paragraph it names, in the paragraph and the sentence views;
// backspace returns; a second backspace says there is nothing to go back
// to.
func TestEnterFollowsNotes(t *testing.T) {
	var found int
	for _, name := range []string{"split", "merged", "lede", "trimmed", "reordered"} {
		r := loadPair(t, "../testdata/pairs/"+name+"/old.txt", "../testdata/pairs/"+name+"/new.txt")
		for _, keys := range [][]string{nil, {"s"}} {
			m := press(ready(t, r, 160, 40, Options{Color: true}), keys...)
			from, _ := partOfEntry(m)
			if from < 0 {
				continue
			}
			found++
			m.pane.moveCursor(from, true)
			start := m.pane.entries[from]
			want := m.pane.entries[m.pane.jumpTarget(from)]
			m = press(m, "enter")
			if got := m.pane.entries[m.pane.cursor]; got != want {
				t.Fatalf("%s %v: enter went to %+v, want %+v", name, keys, got, want)
			}
			m = press(m, "backspace")
			if got := m.pane.entries[m.pane.cursor]; got != start {
				t.Fatalf("%s %v: backspace went to %+v, want %+v", name, keys, got, start)
			}
			m = press(m, "backspace")
			if s := lastLine(screen(m)); !strings.Contains(s, "nothing to go back to") {
				t.Fatalf("%s %v: second backspace: %q", name, keys, s)
			}
		}
	}
	if found == 0 {
		t.Fatal("no fixture has a from/into ¶N note to follow")
	}
}

// TestEnterOpensFold: enter on a fold opens that run only; f folds all
// again.
func TestEnterOpensFold(t *testing.T) {
	r := loadPair(t, ledeOld, ledeNew)
	m := press(ready(t, r, 120, 40, Options{Color: true}), "f")
	fold := -1
	for i, e := range m.pane.entries {
		if e.Kind == render.RowFold {
			fold = i
			break
		}
	}
	if fold < 0 {
		t.Fatal("no fold")
	}
	e := m.pane.entries[fold]
	folds := 0
	for _, f := range m.pane.entries {
		if f.Kind == render.RowFold {
			folds++
		}
	}
	m.pane.moveCursor(fold, true)
	m = press(m, "enter")
	if got := m.pane.entries[m.pane.cursor]; got.Kind != render.RowBlock || got.Block != e.Block {
		t.Fatalf("enter on a fold of %d: cursor on %+v", e.Count, got)
	}
	left := 0
	for _, f := range m.pane.entries {
		if f.Kind == render.RowFold {
			left++
		}
	}
	if left != folds-1 || !m.pane.fold {
		t.Fatalf("%d folds after enter, want %d, still folded", left, folds-1)
	}
	if s := lastLine(screen(m)); !strings.Contains(s, "opened") {
		t.Fatalf("status %q", s)
	}
	m = press(m, "f", "f")
	refold := 0
	for _, f := range m.pane.entries {
		if f.Kind == render.RowFold {
			refold++
		}
	}
	if refold != folds {
		t.Fatalf("f f: %d folds, want %d", refold, folds)
	}
}

// TestHistoryEnterOpensChange: enter on a sentence of the history opens
// the pair of versions in which it last changed, the cursor on it.
func TestHistoryEnterOpensChange(t *testing.T) {
	docs := readDocs(t, ledeOld, ledeMiddle, ledeNew)
	for _, last := range []int{1, 2} {
		m, _ := series(t, docs, [2]int{0, 2}, 120, 40)
		m = run(t, m, keyMsg("H"))
		// The first sentence that last changed in version last.
		k := 0
		for ; k < 200; k++ {
			p, s, ok := m.hv.current()
			if ok && m.hist.Origins[p][s].LastChanged == last {
				break
			}
			m = run(t, m, keyMsg("j"))
		}
		para, sent, _ := m.hv.current()
		if m.hist.Origins[para][sent].LastChanged != last {
			t.Fatalf("no sentence last changed in v%d", last+1)
		}
		m = run(t, m, keyMsg("enter"))
		if m.screen != screenPager || m.pair != [2]int{last - 1, last} {
			t.Fatalf("enter: screen %v, pair %v, want v%d → v%d", m.screen, m.pair, last, last+1)
		}
		e := m.pane.entries[m.pane.cursor]
		b := &m.r.Blocks[e.Block]
		text := docs[2].Paragraphs[para].Sentences[sent].Text
		if last == 2 && !strings.Contains(b.Pairs[max(e.Pair, 0)].New+strings.Join(pairNews(b), " "), text) {
			t.Fatalf("cursor on block %d, which lacks %q", e.Block, text)
		}
		if s := lastLine(screen(m)); !strings.Contains(s, "last changed in v") {
			t.Fatalf("status %q", s)
		}
	}
}

func pairNews(b *diff.Block) []string {
	var out []string
	for _, p := range b.Pairs {
		out = append(out, p.New)
	}
	return out
}

// TestStepKeepsPlace: < and > keep the cursor on the paragraph of the
// version both pairs share.
func TestStepKeepsPlace(t *testing.T) {
	docs := readDocs(t, ledeOld, ledeMiddle, ledeNew)
	m, _ := series(t, docs, [2]int{1, 2}, 120, 40)
	m = run(t, m, keys("tab tab tab tab tab tab")...)
	b := &m.r.Blocks[m.pane.entries[m.pane.cursor].Block]
	if len(b.Old) == 0 {
		t.Fatal("cursor on a block without old paragraphs")
	}
	shared := b.Old[0] // a paragraph of v2
	m = run(t, m, keyMsg("<"))
	if m.pair != [2]int{0, 1} {
		t.Fatalf("<: pair %v", m.pair)
	}
	nb := &m.r.Blocks[m.pane.entries[m.pane.cursor].Block]
	if len(nb.New) == 0 || nb.New[0] > shared || nb.New[len(nb.New)-1] < shared {
		t.Fatalf("<: cursor on new paragraphs %v, want ¶%d of v2", nb.New, shared+1)
	}
	m = run(t, m, keyMsg(">"))
	bb := &m.r.Blocks[m.pane.entries[m.pane.cursor].Block]
	if len(bb.Old) == 0 || bb.Old[0] > shared || bb.Old[len(bb.Old)-1] < shared {
		t.Fatalf(">: cursor on old paragraphs %v, want ¶%d of v2", bb.Old, shared+1)
	}
}

// TestSearchFoldsTypography: a straight apostrophe finds a curly one, the
// matches highlight while the query is typed, and the count is
// grammatical.
func TestSearchFoldsTypography(t *testing.T) {
	r := loadPair(t, demoOld, demoNew) // "the city’s low-lying harbor district"
	m := ready(t, r, 120, 40, Options{Color: true})
	m = press(m, "/", "c", "i", "t", "y", "'", "s")
	if m.screen != screenPrompt || !strings.Contains(m.View().Content, m.st.match) {
		t.Fatal("no highlight while typing city's")
	}
	m = press(m, "enter")
	n := len(m.pane.matches)
	want := "matching paragraphs"
	if n == 1 {
		want = "1 matching paragraph"
	}
	if n == 0 || !strings.Contains(lastLine(screen(m)), want) {
		t.Fatalf("%d matches; status %q", n, lastLine(screen(m)))
	}
	m = press(m, "esc", "/", "l", "o", "w", "-", "l", "y", "i", "n", "g", "enter")
	if s := lastLine(screen(m)); !strings.Contains(s, "1 matching paragraph ") && !strings.Contains(s, "1 matching paragraph") {
		t.Fatalf("low-lying: %q", s)
	}
}

// TestTwoNames: two names are told apart at any width: the shared
// directory goes, the middle of what they share is elided, the part that
// differs stays.
func TestTwoNames(t *testing.T) {
	for _, tt := range []struct {
		a, b   string
		w      int
		wa, wb string
	}{
		{"old.txt", "new.txt", 20, "old.txt", "new.txt"},
		{"/tmp/git-blob-a1b2c3/story.txt", "/home/ed/news/story.txt", 40, "/tmp/git-blob-a1b2c3/story.txt", "/home/ed/news/story.txt"},
		{"/work/viewer/tui/testdata/history/middle.txt", "/work/viewer/testdata/pairs/lede/new.txt", 16, "…/middle.txt", "…/new.txt"},
		{"/work/viewer/tui/testdata/history/middle.txt", "/work/viewer/testdata/pairs/lede/new.txt", 8, "middle…", "new.txt"},
		{"stories/2026/11/ferry-v1.txt", "stories/2026/11/ferry-v2.txt", 12, "ferry-v1.txt", "ferry-v2.txt"},
		{"stories/2026/11/capsized-ferry-bilyava-v1.txt", "stories/2026/11/capsized-ferry-bilyava-v2.txt", 12, "…yava-v1.txt", "…yava-v2.txt"},
		{"a-very-long-common-prefix-1-and-suffix.md", "a-very-long-common-prefix-2-and-suffix.md", 10, "…fix-1-an…", "…fix-2-an…"},
	} {
		ga, gb := twoNames(tt.a, tt.b, tt.w, tt.w)
		if ga != tt.wa || gb != tt.wb {
			t.Errorf("twoNames(%q, %q, %d) = %q, %q; want %q, %q", tt.a, tt.b, tt.w, ga, gb, tt.wa, tt.wb)
		}
		if render.Width(ga) > tt.w || render.Width(gb) > tt.w || (tt.a != tt.b && ga == gb) {
			t.Errorf("twoNames(%q, %q, %d) = %q, %q: too wide or alike", tt.a, tt.b, tt.w, ga, gb)
		}
	}
}

// TestHeaderAnyWidth: at every width the header tells the names apart
// and shows the flag summary.
func TestHeaderAnyWidth(t *testing.T) {
	o := readDoc(t, ledeOld, "newsroom/2026/11/29/ferry-capsized-v1.txt")
	n := readDoc(t, ledeNew, "newsroom/2026/11/29/ferry-capsized-v2.txt")
	r := diff.Compare(o, n, nil)
	for _, w := range []int{60, 80, 100, 120, 200} {
		for _, keys := range [][]string{nil, {"u"}} {
			m := press(ready(t, r, w, 30, Options{Color: true}), keys...)
			h := strings.SplitN(screen(m), "\n", 2)[0]
			if !strings.Contains(h, "v1") || !strings.Contains(h, "v2") || !strings.Contains(strings.ReplaceAll(h, "NEG 2", "NEG2"), "NEG2") {
				t.Errorf("%d %v: header %q", w, keys, h)
			}
		}
	}
}

// TestLongMessageKeepsPosition: a message longer than the status line
// never pushes the position off it.
func TestLongMessageKeepsPosition(t *testing.T) {
	r := loadPair(t, ledeOld, ledeNew)
	for _, w := range []int{60, 100, 200} {
		var tm tea.Model = ready(t, r, w, 30, Options{Color: true})
		tm, _ = tm.Update(statusMsg{text: strings.Repeat("a very long message ", 20)})
		s := lastLine(screen(tm.(Model)))
		if !strings.Contains(s, "¶ 1/") || !strings.Contains(s, "change 1/") || !strings.Contains(s, "a very long") {
			t.Fatalf("%d: status line %q", w, s)
		}
	}
}

// TestExportPrompt: ~ is the home directory, tab cycles the formats and
// completes paths, the last format is the next default, and an error is a
// plain sentence.
func TestExportPrompt(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	r := loadPair(t, ledeOld, ledeNew)
	m := ready(t, r, 120, 40, Options{Color: true})
	m = press(m, "e")
	if m.prompt.Value() != "text" {
		t.Fatalf("e: format %q", m.prompt.Value())
	}
	m = press(m, "tab", "tab")
	if m.prompt.Value() != "markdown" {
		t.Fatalf("tab tab: %q", m.prompt.Value())
	}
	m = press(m, "enter")
	if m.prompt.kind != promptPath {
		t.Fatalf("enter: prompt %v", m.prompt.kind)
	}
	m.prompt.input.SetValue("~/out.md")
	tm, cmd := m.Update(keyMsg("enter"))
	if cmd == nil {
		t.Fatal("enter on the path: no export")
	}
	tm, cmd = tm.Update(cmd()) // the export, run to its end
	if cmd == nil {
		t.Fatal("no status after the export")
	}
	tm, _ = tm.Update(cmd())
	m = tm.(Model)
	if s := lastLine(screen(m)); !strings.Contains(s, "exported to") {
		t.Fatalf("status %q", s)
	}
	if _, err := os.Stat(filepath.Join(home, "out.md")); err != nil {
		t.Fatalf("~/out.md: %v", err)
	}
	// The last format is remembered; tab completes a path.
	if err := os.WriteFile(filepath.Join(home, "report-old.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	m = press(m, "e")
	if m.prompt.Value() != "markdown" {
		t.Fatalf("e again: format %q, want markdown", m.prompt.Value())
	}
	m = press(m, "enter")
	m.prompt.input.SetValue("~/rep")
	m = press(m, "tab")
	if m.prompt.Value() != "~/report-old.txt" {
		t.Fatalf("tab: %q", m.prompt.Value())
	}
	m = press(m, "esc")
	if m.screen != screenPager {
		t.Fatalf("esc: screen %v", m.screen)
	}
	msg := exportError(filepath.Join(home, "none", "x.md"),
		&os.PathError{Op: "open", Path: filepath.Join(home, "none", ".x.md.tmp123"), Err: os.ErrNotExist})
	if strings.Contains(msg, ".tmp123") || !strings.HasPrefix(msg, "cannot export, no such directory: ") || !strings.HasSuffix(msg, "x.md") {
		t.Fatalf("error message %q", msg)
	}
	// Every error of export.WriteFile reads as one sentence, reason first.
	dir := t.TempDir()
	for _, tt := range []struct {
		path, want string
	}{
		{dir, "cannot export, is a directory: " + dir},
		{filepath.Join(dir, "none", "x.md"), "cannot export, no such directory: " + filepath.Join(dir, "none", "x.md")},
	} {
		err := export.WriteFile(tt.path, true, func(w io.Writer) error { return nil })
		if got := exportError(tt.path, err); got != tt.want {
			t.Errorf("%s: %q, want %q (from %v)", tt.path, got, tt.want, err)
		}
	}
}

// TestCopy: y copies the block as the text report writes it, Y the whole
// report; the message says where it went.
func TestCopy(t *testing.T) {
	r := loadPair(t, ledeOld, ledeNew)
	var mu sync.Mutex
	var got []string
	opts := Options{Color: true, Clipboard: func(s string) (string, error) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, s)
		return "fakeclip", nil
	}}
	m := press(ready(t, r, 120, 40, opts), "n", "n", "y")
	e := m.pane.entries[m.pane.cursor]
	var want bytes.Buffer
	if err := export.WriteBlock(&want, r.View(0), e.Block, export.Options{}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != want.String() || !strings.Contains(got[0], "¶") {
		t.Fatalf("y copied %q, want %q", got, want.String())
	}
	if s := lastLine(screen(m)); !strings.Contains(s, "fakeclip") {
		t.Fatalf("status %q", s)
	}
	m = press(m, "Y")
	want.Reset()
	if err := export.Write(&want, r.View(0), export.FormatText, export.Options{}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[1] != want.String() {
		t.Fatal("Y did not copy the text report")
	}
}

func TestDarkFromEnv(t *testing.T) {
	for _, tt := range []struct {
		v        string
		dark, ok bool
	}{{"15;0", true, true}, {"0;15", false, true}, {"0;default;15", false, true}, {"7;8", true, true},
		{"", false, false}, {"x", false, false}, {"15;default", false, false}} {
		if d, ok := darkFromEnv(tt.v); d != tt.dark || ok != tt.ok {
			t.Errorf("darkFromEnv(%q) = %v, %v; want %v, %v", tt.v, d, ok, tt.dark, tt.ok)
		}
	}
}

// --- teatest: each interaction as a user drives it.

// sendKeys types keys by name (see keyMsg).
func sendKeys(tm *teatest.TestModel, keys ...string) {
	for _, k := range keys {
		tm.Send(keyMsg(k))
	}
}

// tabs returns n presses of tab after g (the cursor on entry n).
func tabs(n int) []string {
	out := []string{"g"}
	for range n {
		out = append(out, "tab")
	}
	return out
}

func TestProgramOpenFold(t *testing.T) {
	r := loadPair(t, ledeOld, ledeNew)
	m := press(ready(t, r, 120, 40, Options{Color: true}), "f")
	fold := slices.IndexFunc(m.pane.entries, func(e render.Entry) bool { return e.Kind == render.RowFold })
	tm := newTest(t, r, 120, 40)
	sendKeys(tm, "f")
	sendKeys(tm, tabs(fold)...)
	sendKeys(tm, "enter")
	waitFor(t, tm, "opened")
	fm := final(t, tm)
	if e := fm.pane.entries[fm.pane.cursor]; e.Kind != render.RowBlock || !fm.pane.fold {
		t.Fatalf("cursor on %+v after opening a fold", e)
	}
}

func TestProgramFollowNote(t *testing.T) {
	r := loadPair(t, "../testdata/pairs/split/old.txt", "../testdata/pairs/split/new.txt")
	m := ready(t, r, 120, 40, Options{Color: true})
	from, to := partOfEntry(m)
	if from < 0 {
		t.Skip("the split fixture has no from/into note")
	}
	tm := newTest(t, r, 120, 40)
	sendKeys(tm, tabs(from)...)
	sendKeys(tm, "enter", "backspace", "backspace")
	waitFor(t, tm, "nothing to go back to")
	fm := final(t, tm)
	if fm.pane.cursor != from || len(fm.pane.jumps) != 0 {
		t.Fatalf("enter, backspace: cursor %d, want %d (target %d)", fm.pane.cursor, from, to)
	}
}

func TestProgramHistoryEnter(t *testing.T) {
	docs := readDocs(t, ledeOld, ledeMiddle, ledeNew)
	opts, _ := seriesOptions(docs, [2]int{1, 2})
	tm := newSeriesTest(t, opts, 120, 40)
	sendKeys(tm, "H")
	waitFor(t, tm, "history:") // traced off the UI loop
	sendKeys(tm, "j", "j", "enter")
	waitFor(t, tm, "last changed in v")
	fm := final(t, tm)
	if fm.screen != screenPager || fm.pair[1] != fm.pair[0]+1 {
		t.Fatalf("history enter: screen %v, pair %v", fm.screen, fm.pair)
	}
}

func TestProgramCloseScreens(t *testing.T) {
	docs := readDocs(t, ledeOld, ledeMiddle, ledeNew)
	opts, _ := seriesOptions(docs, [2]int{1, 2})
	tm := newSeriesTest(t, opts, 120, 40)
	for _, s := range []struct{ open, shown, close string }{
		{"F", "flagged", "q"}, {"p", "Compare versions", "esc"}, {"H", "history:", "q"}, {"?", "Keys of the pager", "q"},
	} {
		sendKeys(tm, s.open)
		waitFor(t, tm, s.shown)
		sendKeys(tm, s.close) // had q quit, the next screen would not show
	}
	fm := final(t, tm)
	if fm.screen != screenPager {
		t.Fatalf("after q/esc on every screen: %v", fm.screen)
	}
}

func TestProgramSearchTypography(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	tm := newTest(t, r, 120, 40)
	sendKeys(tm, "/", "c", "i", "t", "y", "'", "s", " ", "l", "o", "w", "enter")
	waitFor(t, tm, "1 matching paragraph")
	fm := final(t, tm)
	if len(fm.pane.matches) != 1 {
		t.Fatalf("%d matches for city's low (city’s in the text)", len(fm.pane.matches))
	}
}

func TestProgramExportError(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	tm := newTest(t, r, 120, 40)
	dir := filepath.Join(t.TempDir(), "missing")
	sendKeys(tm, "e", "enter")
	tm.Send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}) // clear the proposed path
	tm.Type(filepath.Join(dir, "x.txt"))
	sendKeys(tm, "enter")
	waitFor(t, tm, "no such directory")
	fm := final(t, tm)
	if !fm.status.isErr || strings.Contains(fm.status.text, ".tmp") {
		t.Fatalf("status %q", fm.status.text)
	}
}

func TestProgramCopy(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	tm := newTest(t, r, 120, 40)
	sendKeys(tm, "n", "y")
	waitFor(t, tm, "copied the block")
	sendKeys(tm, "Y")
	waitFor(t, tm, "report (") // the renderer redraws only what changed
	if fm := final(t, tm); !strings.HasPrefix(fm.status.text, "copied the report (") {
		t.Fatalf("status %q", fm.status.text)
	}
}

// TestMouseSelects: a click selects a list item or a history sentence;
// enter then acts on it.
func TestMouseSelects(t *testing.T) {
	docs := readDocs(t, ledeOld, ledeMiddle, ledeNew)
	m, _ := series(t, docs, [2]int{1, 2}, 120, 40)
	m = run(t, m, keyMsg("p"))
	m = run(t, m, tea.MouseClickMsg{X: 5, Y: 3, Button: tea.MouseLeft}) // header, title, item 0, item 1
	if m.list.cursor != 1 {
		t.Fatalf("click on the second pair: cursor %d", m.list.cursor)
	}
	m = run(t, m, keyMsg("esc"), keyMsg("H"))
	m = run(t, m, tea.MouseClickMsg{X: 20, Y: 7, Button: tea.MouseLeft})
	p, s, ok := m.hv.current()
	if !ok || (p == 0 && s == 0) {
		t.Fatalf("click in the history: sentence %d of ¶%d", s+1, p+1)
	}
	if ln := m.hv.lines[m.hv.cur]; !ln.first || m.hv.cur > 6+m.hv.vp.YOffset() {
		t.Fatalf("click: cursor on line %d", m.hv.cur)
	}
}

func TestShortNames(t *testing.T) {
	for _, tt := range []struct{ in, want []string }{
		{[]string{"/a/b/v1.txt", "/a/c/v2.txt"}, []string{"v1.txt", "v2.txt"}},
		{[]string{"/a/story.txt", "/b/story.txt"}, []string{"/a/story.txt", "/b/story.txt"}},
		{[]string{"-", "new.txt"}, []string{"-", "new.txt"}},
	} {
		if got := shortNames(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("shortNames(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
