package tui

import (
	"math/rand"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/storydiff/storydiff/diff"

	"github.com/storydiff/storydiff/internal/scaling"
)

var benchWords = strings.Fields("the council said on monday that a barrier would protect harbor district " +
	"from storm surges mayor vote cooperative boats gates engineers cost years spring design plan " +
	"officials residents water city port quickly reported tuesday budget")

// bigResult builds, with diff.Assemble (exact and fast, independent of the
// engine's speed), a result of about size bytes per version: 70% equal
// paragraphs, 20% with a changed word, 5% removed, 5% added.
func bigResult(tb testing.TB, size int) *diff.Result {
	tb.Helper()
	rng := rand.New(rand.NewSource(7))
	sentence := func() []string {
		w := make([]string, 8+rng.Intn(14))
		for i := range w {
			w[i] = benchWords[rng.Intn(len(benchWords))]
		}
		w[0] = strings.ToUpper(w[0][:1]) + w[0][1:]
		return w
	}
	join := func(w []string) string { return strings.Join(w, " ") + "." }
	type para struct{ old, new [][]string } // sentences as words; nil = absent
	var paras []para
	n := 0
	for n < size {
		var ss [][]string
		for range 2 + rng.Intn(4) {
			ss = append(ss, sentence())
		}
		p := para{old: ss, new: ss}
		switch x := rng.Intn(20); {
		case x == 0:
			p.new = nil
		case x == 1:
			p.old = nil
		case x < 6:
			ns := append([][]string(nil), ss...)
			w := append([]string(nil), ns[0]...)
			w[1+rng.Intn(len(w)-1)] = "changed"
			ns[0] = w
			p.new = ns
		}
		paras = append(paras, p)
		for _, s := range ss {
			n += len(join(s)) + 1
		}
	}
	var oldTexts, newTexts []string
	text := func(ss [][]string) string {
		var s []string
		for _, x := range ss {
			s = append(s, join(x))
		}
		return strings.Join(s, " ")
	}
	for _, p := range paras {
		if p.old != nil {
			oldTexts = append(oldTexts, text(p.old))
		}
		if p.new != nil {
			newTexts = append(newTexts, text(p.new))
		}
	}
	oldDoc := diff.NewDocument("big-old.txt", oldTexts, nil)
	newDoc := diff.NewDocument("big-new.txt", newTexts, nil)
	var blocks []diff.Block
	oi, ni := 0, 0
	for _, p := range paras {
		b := diff.Block{Origin: -1}
		switch {
		case p.new == nil:
			b.Kind, b.Old = diff.Removed, []int{oi}
			for s := range p.old {
				b.Pairs = append(b.Pairs, diff.Pair{Kind: diff.Removed, OldRef: diff.SentRef{Para: oi, Sent: s}, NewRef: diff.None, Old: join(p.old[s])})
			}
			oi++
		case p.old == nil:
			b.Kind, b.New = diff.Added, []int{ni}
			for s := range p.new {
				b.Pairs = append(b.Pairs, diff.Pair{Kind: diff.Added, OldRef: diff.None, NewRef: diff.SentRef{Para: ni, Sent: s}, New: join(p.new[s])})
			}
			ni++
		default:
			b.Kind, b.Old, b.New = diff.Equal, []int{oi}, []int{ni}
			for s := range p.old {
				o, nw := join(p.old[s]), join(p.new[s])
				pr := diff.Pair{Kind: diff.Equal, OldRef: diff.SentRef{Para: oi, Sent: s}, NewRef: diff.SentRef{Para: ni, Sent: s}, Old: o, New: nw}
				if o != nw {
					b.Kind, pr.Kind = diff.Changed, diff.Changed
					pr.Words = wordDiff(p.old[s], p.new[s])
				}
				b.Pairs = append(b.Pairs, pr)
			}
			oi++
			ni++
		}
		blocks = append(blocks, b)
	}
	r, err := diff.Assemble(oldDoc, newDoc, blocks)
	if err != nil {
		tb.Fatalf("big result: %v", err)
	}
	return r
}

// wordDiff diffs two sentences of the same length that differ in one word.
func wordDiff(a, b []string) []diff.Word {
	for i := range a {
		if a[i] != b[i] {
			pre := strings.Join(a[:i], " ") + " "
			post := " " + strings.Join(a[i+1:], " ") + "."
			if i == len(a)-1 {
				post = "."
			}
			return []diff.Word{{Op: diff.OpEqual, Text: pre}, {Op: diff.OpDelete, Text: a[i]},
				{Op: diff.OpInsert, Text: b[i]}, {Op: diff.OpEqual, Text: post}}
		}
	}
	return nil
}

var (
	bigOnce sync.Once
	big     *diff.Result
)

func bigPair(tb testing.TB) *diff.Result {
	bigOnce.Do(func() { big = bigResult(tb, 10<<20) })
	return big
}

// TestBigResultKeys drives every key over a 2 MB pair and checks each
// frame; with STORYDIFF_TIMING=1 it uses the 10 MB pair and also guards the
// 5 ms budget of every key loosely (10× slack for slow CI).
func TestBigResultKeys(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 10 MB pair")
	}
	r := bigResult(t, 2<<20) // every frame checked; the budget needs the full size
	if scaling.Timing() {
		r = bigPair(t)
	}
	m := ready(t, r, 200, 50, Options{Color: true})
	keys := []string{"j", "n", "space", "tab", "N", "G", "g", "ctrl+d", "b", "f", "n", "f", "u", "s", "s", "u", "enter",
		"i", "m", "n", "F", "j", "enter", "i", "i", "m"}
	pressTimed(t, m, keys...)
}

// TestHugeParagraphSearch scrolls through a 1 MB paragraph with a search
// active: the highlights of the row are found once, not in every frame (a
// frame took 0.7 s); with STORYDIFF_TIMING=1 every key must stay within
// 10× the 5 ms budget.
func TestHugeParagraphSearch(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 1 MB paragraph")
	}
	para := strings.Repeat("The mayor said it would rain today. ", (1<<20)/36)
	r := diff.Compare(diff.NewDocument("a", []string{para, "x"}, nil), diff.NewDocument("b", []string{para + "Extra.", "y"}, nil), nil)
	m := ready(t, r, 200, 50, Options{Color: true})
	if m.pane.setQuery("rain") == 0 {
		t.Fatal("no match")
	}
	_ = screen(m) // the first frame finds the row's highlights
	pressTimed(t, m, "space", "space", "j", "n", "N", "G", "g", "ctrl+d")
}

// pressTimed presses keys on m, a 200×50 model, checking each frame; with
// STORYDIFF_TIMING=1 it also checks that each key, drawn, stays within
// 50 ms: the 5 ms budget with 10× slack for slow CI.
func pressTimed(t *testing.T, m Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		start := time.Now()
		m = press(m, k)
		frame := screen(m)
		if d := time.Since(start); scaling.Timing() && d > 50*time.Millisecond {
			t.Errorf("key %q took %v", k, d)
		}
		checkFrame(t, frame, 200, 50)
	}
}

// BenchmarkKeyPress10MB measures one key press (Update and View) on a 10 MB
// pair, cycling through the navigation keys.
func BenchmarkKeyPress10MB(b *testing.B) {
	benchKeys(b, "j", "n", "space", "tab", "N", "k", "ctrl+d", "b")
}

// BenchmarkJumpEnds10MB measures G and g (end and top) on a 10 MB pair.
func BenchmarkJumpEnds10MB(b *testing.B) {
	benchKeys(b, "G", "g")
}

// BenchmarkResize10MB measures a resize (every row laid out anew) on a
// 10 MB pair.
func BenchmarkResize10MB(b *testing.B) {
	r := bigPair(b)
	var tm tea.Model = ready(b, r, 200, 50, Options{Color: true})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tm, _ = tm.Update(tea.WindowSizeMsg{Width: 150 + i%50, Height: 50})
		_ = tm.View()
	}
}

// BenchmarkSearch10MB measures a search over both sides of a 10 MB pair.
func BenchmarkSearch10MB(b *testing.B) {
	r := bigPair(b)
	m := ready(b, r, 200, 50, Options{Color: true})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.pane.setQuery("")
		if m.pane.setQuery("changed") == 0 {
			b.Fatal("no match")
		}
	}
}

// BenchmarkFirstFrameSeed measures opening the seed pair: reading, aligning
// and drawing the first frame.
func BenchmarkFirstFrameSeed(b *testing.B) {
	for i := 0; i < b.N; i++ {
		r := loadPair(b, seedsOld, seedsNew)
		m := ready(b, r, 120, 40, Options{Color: true})
		_ = m.View()
	}
}

// BenchmarkFirstFrameDrawSeed measures only the drawing of the first frame
// of the seed pair once its result is there.
func BenchmarkFirstFrameDrawSeed(b *testing.B) {
	r := loadPair(b, seedsOld, seedsNew)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m := ready(b, r, 120, 40, Options{Color: true})
		_ = m.View()
	}
}

// BenchmarkToggleFold10MB measures f (re-listing every entry) on a 10 MB
// pair.
func BenchmarkToggleFold10MB(b *testing.B) {
	benchKeys(b, "f")
}

// BenchmarkViews10MB measures u and s (side-by-side, inline and sentence
// views: entries listed anew) on a 10 MB pair.
func BenchmarkViews10MB(b *testing.B) {
	benchKeys(b, "u", "s", "s", "u")
}

// BenchmarkIgnore10MB measures i (the ignore mask recomputed: statistics,
// entries and layout) on a 10 MB pair.
func BenchmarkIgnore10MB(b *testing.B) {
	benchKeys(b, "i")
}

// BenchmarkFindings10MB measures opening the findings list on a 10 MB
// pair.
func BenchmarkFindings10MB(b *testing.B) {
	benchKeys(b, "F", "esc")
}

// benchKeys measures one key press (Update and View) on the 10 MB pair,
// cycling through keys.
func benchKeys(b *testing.B, keys ...string) {
	msgs := make([]tea.KeyPressMsg, len(keys))
	for i, k := range keys {
		msgs[i] = keyMsg(k)
	}
	var tm tea.Model = ready(b, bigPair(b), 200, 50, Options{Color: true})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tm, _ = tm.Update(msgs[i%len(msgs)])
		_ = tm.View()
	}
}

// BenchmarkSearchTyping10MB measures one keystroke in the search prompt on
// a 10 MB pair: the matches of the rows drawn highlight as the query is
// typed, the whole text is searched only on enter.
func BenchmarkSearchTyping10MB(b *testing.B) {
	var tm tea.Model = press(ready(b, bigPair(b), 200, 50, Options{Color: true}), "/")
	msgs := []tea.KeyPressMsg{keyMsg("c"), keyMsg("h"), keyMsg("a"), keyMsg("backspace"), keyMsg("backspace"), keyMsg("backspace")}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tm, _ = tm.Update(msgs[i%len(msgs)])
		_ = tm.View()
	}
}

// BenchmarkHelpAndClose10MB measures ? and q (help opened and closed) on a
// 10 MB pair: a screen transition and the live keys it enables.
func BenchmarkHelpAndClose10MB(b *testing.B) {
	benchKeys(b, "?", "q")
}

// BenchmarkEnterBack10MB measures enter (a fold opened or a note followed,
// or the message that there is nothing there) and backspace on a 10 MB
// pair.
func BenchmarkEnterBack10MB(b *testing.B) {
	benchKeys(b, "n", "enter", "backspace")
}
