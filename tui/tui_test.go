package tui

import (
	"fmt"
	"image/color"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/input"
	"github.com/storydiff/storydiff/internal/render"
)

const (
	demoOld  = "../testdata/demo/old.txt"
	demoNew  = "../testdata/demo/new.txt"
	seedsOld = "../../shared/seeds/anchorage-v1-original.txt"
	seedsNew = "../../shared/seeds/anchorage-v2-syndicated.txt"
)

// loadPair reads and compares two files the way the CLI does.
func loadPair(tb testing.TB, oldPath, newPath string) *diff.Result {
	tb.Helper()
	a, b := readDoc(tb, oldPath, "old.txt"), readDoc(tb, newPath, "new.txt")
	return diff.Compare(a, b, nil)
}

// readDoc reads the fixture at path as a document named name; the test
// is skipped when the fixture is absent.
func readDoc(tb testing.TB, path, name string) *diff.Document {
	tb.Helper()
	if _, err := os.Stat(path); err != nil {
		tb.Skipf("fixture %s absent", path)
	}
	d, err := input.ReadFile(path, input.Auto)
	if err != nil {
		tb.Fatalf("fixture %s: %v", path, err)
	}
	return diff.NewDocument(name, d.Paragraphs, d.Labels)
}

// ready returns a model showing r at w×h, as after loading.
func ready(tb testing.TB, r *diff.Result, w, h int, opts Options) Model {
	tb.Helper()
	opts.Load = func(func(string, int, int)) (*diff.Result, error) { return r, nil }
	var m tea.Model = New(opts)
	m, _ = m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m, _ = m.Update(m.(Model).load()()) // as the program loads it
	return m.(Model)
}

// press sends keys (as typed text, or names such as "enter", "tab"),
// with the status messages and loads they produce, as the program would.
func press(m Model, keys ...string) Model {
	var tm tea.Model = m
	for _, k := range keys {
		var cmd tea.Cmd
		tm, cmd = tm.Update(keyMsg(k))
		out, _ := runCmd(cmd)
		for _, msg := range out {
			tm, _ = tm.Update(msg)
		}
	}
	return tm.(Model)
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "ctrl+u":
		return tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	case "ctrl+d":
		return tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// screen returns the frame without escape sequences.
func screen(m Model) string { return ansi.Strip(m.View().Content) }

// checkFrame verifies that a frame fills the window and no line overflows.
func checkFrame(t *testing.T, frame string, w, h int) {
	t.Helper()
	lines := strings.Split(frame, "\n")
	if len(lines) > h {
		t.Fatalf("%d lines in a %d-line window:\n%s", len(lines), h, frame)
	}
	for i, ln := range lines {
		if lw := ansi.StringWidth(ln); lw > w {
			t.Fatalf("line %d is %d wide in a %d-wide window: %q", i, lw, w, ln)
		}
	}
}

func TestGoldenFrames(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	type state struct {
		name string
		keys []string
	}
	sizes := [][2]int{{80, 24}, {120, 40}, {200, 50}}
	for _, sz := range sizes {
		states := []state{{"side-by-side", nil}, {"inline", nil}}
		if sz[0] == 120 {
			states = append(states,
				state{"folded", []string{"f"}},
				state{"search", []string{"/", "b", "a", "r", "r", "i", "e", "r", "enter"}},
				state{"sentences", []string{"s"}},
				state{"next-change", []string{"n", "n", "n"}},
			)
		}
		for _, st := range states {
			name := fmt.Sprintf("%dx%d-%s", sz[0], sz[1], st.name)
			t.Run(name, func(t *testing.T) {
				opts := Options{Color: true}
				m := ready(t, r, sz[0], sz[1], opts)
				// Force the view: u toggles from the automatic one.
				if (st.name == "inline") != (m.pane.mode == render.Inline) {
					m = press(m, "u")
				}
				m = press(m, st.keys...)
				frame := screen(m)
				checkFrame(t, frame, sz[0], sz[1])
				golden.RequireEqual(t, []byte(frame))
			})
		}
	}
}

// TestEveryPane checks that every entry of the seed and demo pairs lays out
// and draws within the window in every mode and at several widths.
func TestScrollWholeDocument(t *testing.T) {
	for _, pair := range [][2]string{{demoOld, demoNew}, {seedsOld, seedsNew}} {
		r := loadPair(t, pair[0], pair[1])
		for _, sz := range [][2]int{{60, 15}, {100, 30}, {200, 50}} {
			for _, view := range [][]string{nil, {"u"}, {"s"}, {"f"}} {
				m := press(ready(t, r, sz[0], sz[1], Options{Color: true}), view...)
				seen := map[int]bool{}
				for i := 0; i < 2000; i++ {
					checkFrame(t, screen(m), sz[0], sz[1])
					seen[m.pane.top] = true
					before := m.pane.top
					m = press(m, "j")
					if pos := m.pane.position(); pos.percent == 100 && m.pane.top == before {
						break
					}
				}
				mt, _ := m.pane.maxPos()
				for i := 0; i <= mt; i++ {
					if !seen[i] {
						t.Fatalf("%v %v: scrolling with j never showed entry %d at the top (last top %d)", sz, view, i, mt)
					}
				}
			}
		}
	}
}

func TestTinyWindows(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	keys := []string{"j", "k", "n", "N", "space", "b", "G", "g", "tab", "shift+tab", "enter", "backspace", "f", "u", "s", "?", "ctrl+d", "ctrl+u",
		"i", "F", "j", "enter", "!", "esc", "m", "n", "<", ">", "p", "H"}
	for w := 0; w <= 40; w += 3 {
		for h := 0; h <= 12; h++ {
			m := ready(t, r, w, h, Options{})
			for _, k := range keys {
				m = press(m, k)
				frame := screen(m)
				if w > 0 && h > 0 {
					checkFrame(t, frame, w, h)
				}
			}
		}
	}
	m := ready(t, r, 10, 4, Options{})
	if s := screen(m); !strings.Contains(strings.ToLower(s), "too small") {
		t.Fatalf("tiny window shows %q", s)
	}
}

// changeIndex returns how many n presses from the top reach the first entry
// satisfying ok among the changes, and that entry.
func changePresses(m Model, ok func(render.Entry) bool) (int, int) {
	n := 0
	for _, i := range m.pane.changes {
		if i == 0 {
			continue // the cursor starts there
		}
		n++
		if ok(m.pane.entries[i]) {
			return n, i
		}
	}
	return -1, -1
}

func TestNextChange(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	m := ready(t, r, 120, 40, Options{Color: true})
	for k := 0; k < 5; k++ {
		prev := m.pane.cursor
		m = press(m, "n")
		want := nextOf(m.pane.changes, prev, false)
		if want < 0 {
			break
		}
		if m.pane.cursor != want || !m.pane.entries[m.pane.cursor].IsChange(r.View(0)) {
			t.Fatalf("n from %d: cursor %d, want change %d", prev, m.pane.cursor, want)
		}
		// Centred: the cursor's row is on screen.
		if first, last := m.pane.visible(); m.pane.cursor < first || m.pane.cursor > last {
			t.Fatalf("change %d not on screen (%d–%d)", m.pane.cursor, first, last)
		}
	}
	at := m.pane.cursor
	m = press(m, "N")
	if m.pane.cursor != nextOf(m.pane.changes, at, true) {
		t.Fatalf("N: cursor %d", m.pane.cursor)
	}
}

func TestJumpAndReturn(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	m := ready(t, r, 120, 40, Options{Color: true})
	n, moved := changePresses(m, func(e render.Entry) bool {
		return e.Kind == render.RowBlock && r.Blocks[e.Block].Moved
	})
	if n < 0 {
		t.Skip("demo pair has no moved block")
	}
	for range n {
		m = press(m, "n")
	}
	if m.pane.cursor != moved {
		t.Fatalf("cursor %d, want moved block at %d", m.pane.cursor, moved)
	}
	m = press(m, "enter")
	e := m.pane.entries[m.pane.cursor]
	if e.Kind != render.RowGhost || e.Block != m.pane.entries[moved].Block {
		t.Fatalf("enter on moved block went to %+v", e)
	}
	if !strings.Contains(screen(m), "moved to") {
		t.Fatal("ghost row not on screen after jump")
	}
	m = press(m, "enter")
	if m.pane.cursor != moved {
		t.Fatalf("enter again: cursor %d, want %d", m.pane.cursor, moved)
	}
	m = press(m, "enter", "backspace")
	if m.pane.cursor != moved {
		t.Fatalf("backspace: cursor %d, want %d", m.pane.cursor, moved)
	}
}

func TestSearchBothSides(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	// A word only in the old version and one only in the new.
	oldOnly := wordOnlyIn(r.Old, r.New)
	newOnly := wordOnlyIn(r.New, r.Old)
	if oldOnly == "" || newOnly == "" {
		t.Skip("no word unique to one side")
	}
	for _, q := range []string{oldOnly, newOnly} {
		m := ready(t, r, 120, 40, Options{Color: true})
		keys := []string{"/"}
		for _, c := range q {
			keys = append(keys, string(c))
		}
		m = press(m, append(keys, "enter")...)
		if len(m.pane.matches) == 0 {
			t.Fatalf("/%s found nothing", q)
		}
		e := m.pane.entries[m.pane.cursor]
		if !m.pane.entryMatches(e) {
			t.Fatalf("/%s: cursor on %+v, which does not match", q, e)
		}
		if !strings.Contains(strings.ToLower(screen(m)), strings.ToLower(q)) {
			t.Fatalf("/%s: match not on screen", q)
		}
		if strings.Count(m.View().Content, m.st.match) == 0 {
			t.Fatalf("/%s: no highlighted match", q)
		}
		// n walks the matches and wraps around.
		seen := map[int]bool{}
		for range len(m.pane.matches) + 1 {
			m = press(m, "n")
			if !m.pane.entryMatches(m.pane.entries[m.pane.cursor]) {
				t.Fatalf("/%s, n: cursor on a non-matching entry", q)
			}
			seen[m.pane.cursor] = true
		}
		if len(seen) != len(m.pane.matches) {
			t.Fatalf("/%s: n visited %d of %d matches", q, len(seen), len(m.pane.matches))
		}
		m = press(m, "esc")
		if m.pane.query != "" || len(m.pane.matches) != 0 {
			t.Fatal("esc did not clear the search")
		}
	}
}

// wordOnlyIn returns a word of at least 6 letters that occurs in a but not
// in b.
func wordOnlyIn(a, b *diff.Document) string {
	var bt strings.Builder
	for _, p := range b.Paragraphs {
		bt.WriteString(strings.ToLower(p.Text) + "\n")
	}
	all := bt.String()
	for _, p := range a.Paragraphs {
		for _, w := range strings.Fields(p.Text) {
			w = strings.Trim(w, ".,;:“”\"'’()")
			if len(w) >= 6 && !strings.Contains(all, strings.ToLower(w)) && isASCIIWord(w) {
				return strings.ToLower(w)
			}
		}
	}
	return ""
}

func isASCIIWord(w string) bool {
	for _, c := range w {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

func TestResizeKeepsCursor(t *testing.T) {
	r := loadPair(t, seedsOld, seedsNew)
	for k := 1; k < 12; k++ {
		m := ready(t, r, 200, 50, Options{Color: true})
		for range k {
			m = press(m, "n")
		}
		want := m.pane.cursor
		var tm tea.Model = m
		for _, sz := range [][2]int{{80, 24}, {120, 15}, {60, 10}, {200, 50}} {
			tm, _ = tm.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			mm := tm.(Model)
			if mm.pane.cursor != want {
				t.Fatalf("%d× n, resize to %v: cursor %d, want %d", k, sz, mm.pane.cursor, want)
			}
			if first, last := mm.pane.visible(); want < first || want > last {
				t.Fatalf("%d× n, resize to %v: cursor %d off screen (%d–%d)", k, sz, want, first, last)
			}
		}
	}
}

func TestResizeReflows(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	var m tea.Model = ready(t, r, 200, 50, Options{Color: true})
	if m.(Model).pane.mode != render.SideBySide {
		t.Fatal("200 columns: not side by side")
	}
	for _, sz := range [][2]int{{80, 24}, {130, 30}, {45, 10}, {200, 50}} {
		m, _ = m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		mm := m.(Model)
		checkFrame(t, screen(mm), sz[0], sz[1])
		wantInline := sz[0] < inlineBelow
		if (mm.pane.mode == render.Inline) != wantInline {
			t.Fatalf("%v: mode %v", sz, mm.pane.mode)
		}
		if mm.pane.width != sz[0] {
			t.Fatalf("%v: pane width %d", sz, mm.pane.width)
		}
	}
}

func TestMonochrome(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	m := ready(t, r, 120, 40, Options{Color: false})
	m = press(m, "n")
	v := m.View().Content
	// No colour sequences (38;…/48;…), but markers in the text.
	if strings.Contains(v, "38;") || strings.Contains(v, "48;") {
		t.Fatal("monochrome view uses colours")
	}
	s := ansi.Strip(v)
	if !strings.Contains(s, "[-") && !strings.Contains(s, "{+") {
		t.Fatalf("monochrome view lacks markup:\n%s", s)
	}
}

func TestControlCharactersNeverRaw(t *testing.T) {
	old := diff.NewDocument("a\x1b]0;pwned\x07.txt", []string{"Clean text here.", "Evil \x1b[2J text."}, nil)
	nw := diff.NewDocument("b.txt", []string{"Clean text here.", "Evil \x9b31m text changed."}, nil)
	r := diff.Compare(old, nw, nil)
	m := ready(t, r, 120, 30, Options{Color: true})
	v := m.View().Content
	// A lone 0x9b byte is CSI to an 8-bit terminal; inside valid UTF-8 it
	// is only a continuation byte (␛ is E2 90 9B), so the frame must be
	// valid UTF-8 and hold no C1 rune.
	if !utf8.ValidString(v) {
		t.Fatal("frame is not valid UTF-8")
	}
	for _, bad := range []string{"\x1b[2J", "\x1b]0;", "\x07", "\u009b"} {
		if strings.Contains(v, bad) {
			t.Fatalf("frame contains raw %q", bad)
		}
	}
}

func TestLoadError(t *testing.T) {
	var m tea.Model = New(Options{})
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m, _ = m.Update(loadedMsg{err: fmt.Errorf("read old.txt: %w", os.ErrNotExist)})
	if s := screen(m.(Model)); !strings.Contains(s, "file does not exist") {
		t.Fatalf("error not shown: %q", s)
	}
}

// TestLoadPanic: a panic in the loader (a bug of the engine) becomes the
// error screen's one line, not a stack trace over the terminal.
func TestLoadPanic(t *testing.T) {
	m := New(Options{Load: func(func(string, int, int)) (*diff.Result, error) { panic("index out of range") }})
	msg := m.load()()
	lm, ok := msg.(loadedMsg)
	if !ok || lm.err == nil || !strings.Contains(lm.err.Error(), "internal error (a bug, please report it): index out of range") {
		t.Fatalf("load after a panic returned %#v", msg)
	}
	var tm tea.Model = m
	tm, _ = tm.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	tm, _ = tm.Update(lm)
	if s := screen(tm.(Model)); !strings.Contains(s, "internal error") {
		t.Fatalf("error not shown: %q", s)
	}
}

func TestJumpMovedSentence(t *testing.T) {
	// "Bravo two." moved from old ¶1 to new ¶2.
	old := diff.NewDocument("old.txt", []string{"Alpha one. Bravo two.", "Charlie three."}, nil)
	nw := diff.NewDocument("new.txt", []string{"Alpha one.", "Charlie three. Bravo two."}, nil)
	ref := func(p, s int) diff.SentRef { return diff.SentRef{Para: p, Sent: s} }
	r, err := diff.Assemble(old, nw, []diff.Block{
		{Kind: diff.Changed, Old: []int{0}, New: []int{0}, Origin: -1, Pairs: []diff.Pair{
			{Kind: diff.Equal, OldRef: ref(0, 0), NewRef: ref(0, 0), Old: "Alpha one.", New: "Alpha one."}}},
		{Kind: diff.Changed, Old: []int{1}, New: []int{1}, Origin: -1, Pairs: []diff.Pair{
			{Kind: diff.Equal, OldRef: ref(1, 0), NewRef: ref(1, 0), Old: "Charlie three.", New: "Charlie three."},
			{Kind: diff.Equal, OldRef: ref(0, 1), NewRef: ref(1, 1), Old: "Bravo two.", New: "Bravo two.", Moved: true}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	m := ready(t, r, 120, 20, Options{Color: true})
	if s := screen(m); !strings.Contains(s, "Bravo two. →¶2") || !strings.Contains(s, "Bravo two. ←¶1") {
		t.Fatalf("moved sentence not annotated on both sides:\n%s", s)
	}
	m = press(m, "tab") // to the block the sentence moved into
	if m.pane.cursor != 1 {
		t.Fatalf("tab: cursor %d", m.pane.cursor)
	}
	m = press(m, "enter")
	if m.pane.cursor != 0 {
		t.Fatalf("enter on the block with a moved-in sentence: cursor %d, want 0", m.pane.cursor)
	}
	m = press(m, "enter")
	if m.pane.cursor != 1 {
		t.Fatalf("enter again: cursor %d, want 1", m.pane.cursor)
	}
	m = press(m, "enter", "backspace")
	if m.pane.cursor != 1 {
		t.Fatalf("backspace: cursor %d, want 1", m.pane.cursor)
	}
}

func TestBackgroundAndMouse(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	var m tea.Model = ready(t, r, 120, 20, Options{Color: true})
	dark := m.(Model).st.span
	m, _ = m.Update(tea.BackgroundColorMsg{Color: color.White})
	mm := m.(Model)
	if mm.dark || mm.st.span == dark || mm.pane.st != mm.st {
		t.Fatal("a light background did not rebuild the styles")
	}
	m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if p := m.(Model).pane; p.top == 0 && p.off == 0 {
		t.Fatal("wheel down did not scroll")
	}
	m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	if p := m.(Model).pane; p.top != 0 || p.off != 0 {
		t.Fatalf("wheel up did not scroll back: %d+%d", p.top, p.off)
	}
	// A click selects the row under the pointer (line 0 is the header).
	m, _ = m.Update(tea.MouseClickMsg{Button: tea.MouseLeft, Y: 12})
	p := m.(Model).pane
	if want := p.entryAt(11); p.cursor != want || want <= 0 {
		t.Fatalf("click: cursor %d, want %d", p.cursor, want)
	}
}

func TestEmptyAndIdentical(t *testing.T) {
	empty := diff.Compare(diff.NewDocument("a", nil, nil), diff.NewDocument("b", nil, nil), nil)
	same := diff.Compare(diff.NewDocument("a", []string{"One. Two."}, nil), diff.NewDocument("b", []string{"One. Two."}, nil), nil)
	for _, r := range []*diff.Result{empty, same} {
		m := ready(t, r, 100, 20, Options{Color: true})
		for _, k := range []string{"j", "n", "N", "G", "g", "tab", "enter", "backspace", "f", "u", "s", "y", "/", "x", "enter"} {
			m = press(m, k)
			checkFrame(t, screen(m), 100, 20)
		}
		if s := screen(m); !strings.Contains(s, "no differences") {
			t.Fatalf("identical versions: header lacks \"no differences\":\n%s", s)
		}
	}
}

// teaWait is how long a teatest run may take to show what a test waits for
// or to finish: a timeout for a hung program, not a speed check, so it is
// generous enough for a machine whose cores are all busy.
const teaWait = 60 * time.Second
