package tui

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/storydiff/storydiff/diff"
)

// --- teatest

func newSeriesTest(t *testing.T, opts Options, w, h int) *teatest.TestModel {
	t.Helper()
	tm := teatest.NewTestModel(t, New(opts), teatest.WithInitialTermSize(w, h))
	waitFor(t, tm, "of 3")
	return tm
}

func waitFor(t *testing.T, tm *teatest.TestModel, s string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s)) },
		teatest.WithDuration(teaWait))
}

func TestProgramIgnore(t *testing.T) {
	r := loadPair(t, ledeOld, ledeNew)
	_, hidden := r.View(diff.IgnoreTypography).Stats()
	tm := newTest(t, r, 120, 40)
	tm.Type("i")
	waitFor(t, tm, fmt.Sprintf("%d typographic changes hidden", hidden))
	tm.Type("i")
	waitFor(t, tm, "hidden (typography+style)")
	m := final(t, tm)
	if _, h := r.View(diff.IgnoreTypography | diff.IgnoreStyle).Stats(); m.hidden != h || h <= hidden {
		t.Fatalf("hidden %d, want %d (> %d)", m.hidden, h, hidden)
	}
}

func TestProgramFindingsJump(t *testing.T) {
	r := loadPair(t, ledeOld, ledeNew)
	probe := press(ready(t, r, 120, 40, Options{}), "F")
	k := len(r.Findings) // the first flagged change
	if k >= len(probe.list.items) {
		t.Skip("no flagged change")
	}
	want := probe.list.items[k].block
	tm := newTest(t, r, 120, 40)
	tm.Type("F")
	waitFor(t, tm, "flagged changes")
	tm.Type(strings.Repeat("j", k))
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	m := final(t, tm)
	if e := m.pane.entries[m.pane.cursor]; e.Block != want || e.Flags(r.View(0)) == 0 {
		t.Fatalf("F, enter: cursor on block %d, want flagged block %d", e.Block, want)
	}
}

func TestProgramFlaggedNext(t *testing.T) {
	r := loadPair(t, ledeOld, ledeNew)
	tm := newTest(t, r, 120, 40)
	tm.Type("mn")
	waitFor(t, tm, "flagged only 1/")
	m := final(t, tm)
	if m.pane.entries[m.pane.cursor].Flags(r.View(0)) == 0 || m.pane.cursor != m.pane.flagged[0] {
		t.Fatalf("m n: cursor %d, want the first flagged entry %d", m.pane.cursor, m.pane.flagged[0])
	}
}

func TestProgramNextPair(t *testing.T) {
	docs := readDocs(t, ledeOld, ledeMiddle, ledeNew)
	opts, calls := seriesOptions(docs, [2]int{0, 1})
	tm := newSeriesTest(t, opts, 120, 40)
	tm.Type(">")
	waitFor(t, tm, "v2 → v3 of 3")
	m := final(t, tm)
	if m.pair != [2]int{1, 2} || m.r.New != docs[2] || calls([2]int{1, 2}) != 1 {
		t.Fatalf("> : pair %v", m.pair)
	}
}

func TestProgramHistory(t *testing.T) {
	docs := readDocs(t, ledeOld, ledeMiddle, ledeNew)
	opts, _ := seriesOptions(docs, [2]int{1, 2})
	tm := newSeriesTest(t, opts, 120, 40)
	tm.Type("H")
	waitFor(t, tm, "v1 ·v3")
	m := final(t, tm)
	if m.screen != screenHistory || m.hist == nil || len(m.hist.Versions) != 3 {
		t.Fatal("H: no history")
	}
}

// TestPickerTyped: version numbers typed in the picker collect as typed,
// space included (v2 reports the space key as "space", its text as " "),
// and enter compares them.
func TestPickerTyped(t *testing.T) {
	docs := readDocs(t, ledeOld, ledeMiddle, ledeNew)
	m, _ := series(t, docs, [2]int{0, 1}, 120, 40)
	m = run(t, m, keys("p 1 space 3")...)
	if m.screen != screenPicker || m.list.typed != "1 3" {
		t.Fatalf("p 1 space 3: screen %v, typed %q, want the picker with \"1 3\"", m.screen, m.list.typed)
	}
	if !strings.Contains(screen(m), "› 1 3") {
		t.Fatalf("picker title lacks the typed numbers:\n%s", screen(m))
	}
	m = run(t, m, keys("enter")...)
	if m.screen != screenPager || m.pair != [2]int{0, 2} {
		t.Fatalf("enter: screen %v, pair %v, want [0 2]", m.screen, m.pair)
	}
}

func TestParsePairText(t *testing.T) {
	for _, c := range []struct {
		in   string
		i, j int
		ok   bool
	}{{"1 3", 1, 3, true}, {"13", 1, 3, true}, {"2,5", 2, 5, true}, {"10 12", 10, 12, true}, {"1", 0, 0, false}, {"1 2 3", 0, 0, false}, {"", 0, 0, false}} {
		i, j, ok := parsePairText(c.in)
		if ok != c.ok || (ok && (i != c.i || j != c.j)) {
			t.Errorf("parsePairText(%q) = %d, %d, %v", c.in, i, j, ok)
		}
	}
}

// TestHelpListsEveryKey: ? shows exactly the bindings live on the screen
// under it (every enabled one, no disabled one), at the usual sizes,
// within the window, and q or esc closes it.
func TestHelpListsEveryKey(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	docs := readDocs(t, ledeOld, ledeMiddle, ledeNew)
	check := func(t *testing.T, m Model, w, h int) {
		t.Helper()
		under := m
		m = press(m, "?")
		if m.screen != screenHelp {
			t.Fatalf("? on %v: screen %v", under.screen, m.screen)
		}
		s := screen(m)
		checkFrame(t, s, w, h)
		live := map[string]bool{}
		for _, b := range m.keys.all() {
			if b.Enabled() {
				live[b.Help().Desc] = true
			}
		}
		for _, b := range m.keys.all() {
			hp := b.Help()
			switch {
			case b.Enabled() && (!strings.Contains(s, hp.Key) || !strings.Contains(s, hp.Desc)):
				t.Errorf("%v %dx%d: help lacks %q %q", under.screen, w, h, hp.Key, hp.Desc)
			case !b.Enabled() && !live[hp.Desc] && strings.Contains(s, " "+hp.Desc+"\n"):
				t.Errorf("%v %dx%d: help shows the dead key %q %q", under.screen, w, h, hp.Key, hp.Desc)
			}
		}
		if w == 80 && under.screen == screenPager && !under.multi() && under.pane.query == "" {
			golden.RequireEqual(t, []byte(s))
		}
		for _, k := range []string{"esc", "q", "?"} {
			if mm := press(m, k); mm.screen != under.screen {
				t.Fatalf("%s did not close the help: %v", k, mm.screen)
			}
		}
	}
	for _, sz := range [][2]int{{80, 24}, {120, 40}, {200, 50}} {
		m := ready(t, r, sz[0], sz[1], Options{Color: true})
		check(t, m, sz[0], sz[1])
		// With a search, n and N walk the matches and esc clears it.
		check(t, press(m, "/", "t", "h", "e", "enter"), sz[0], sz[1])
		check(t, press(m, "F"), sz[0], sz[1])
		sm, _ := series(t, docs, [2]int{1, 2}, sz[0], sz[1])
		check(t, sm, sz[0], sz[1])
		check(t, run(t, sm, keyMsg("H")), sz[0], sz[1])
		check(t, press(sm, "p"), sz[0], sz[1])
	}
}

// TestLiveKeys: the short help and the bindings change with the screen:
// pair keys only with more than two versions, match keys only with a
// search, q closes every screen but the pager's, which it quits.
func TestLiveKeys(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	m := ready(t, r, 120, 40, Options{Color: true})
	if m.keys.NextPair.Enabled() || m.keys.NextMatch.Enabled() || !m.keys.Quit.Enabled() {
		t.Fatal("pager of two versions: > or n-as-match live, or q dead")
	}
	s := press(m, "/", "t", "h", "e", "enter")
	if !s.keys.NextMatch.Enabled() || s.keys.NextChange.Help().Key != "]" {
		t.Fatalf("with a search: next match %v, next change %q", s.keys.NextMatch.Enabled(), s.keys.NextChange.Help().Key)
	}
	for _, k := range []string{"F", "?"} {
		o := press(m, k)
		if o.keys.Quit.Enabled() || !o.keys.Close.Enabled() {
			t.Fatalf("%s: q quits instead of closing", k)
		}
		for _, c := range []string{"q", "esc"} {
			mm, cmd := o.Update(keyMsg(c))
			if mm.(Model).screen != screenPager || cmd != nil {
				t.Fatalf("%s %s: screen %v", k, c, mm.(Model).screen)
			}
		}
	}
	if _, cmd := m.Update(keyMsg("q")); cmd == nil {
		t.Fatal("q on the pager does not quit")
	} else if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("q on the pager does not quit")
	}
}

// TestSeriesKeysAnySize drives every key, in a fixed pseudo-random order,
// through a series of versions at many window sizes: no panic, and every
// frame fits the window.
func TestSeriesKeysAnySize(t *testing.T) {
	docs := readDocs(t, ledeOld, ledeMiddle, ledeNew)
	all := []string{"j", "k", "n", "N", "space", "b", "G", "g", "tab", "shift+tab", "enter", "backspace", "f", "u", "s",
		"?", "ctrl+d", "ctrl+u", "i", "F", "!", "m", "<", ">", "p", "H", "esc", "/", "x", "1", "3"}
	seed := uint32(1)
	for _, sz := range [][2]int{{20, 5}, {33, 8}, {60, 15}, {80, 24}, {120, 40}} {
		m, _ := series(t, docs, [2]int{1, 2}, sz[0], sz[1])
		for range 400 {
			seed = seed*1664525 + 1013904223
			k := all[int(seed>>8)%len(all)]
			if strings.Contains("<>Henter", k) { // may load a pair or the history
				m = run(t, m, keyMsg(k))
			} else {
				m = press(m, k)
			}
			checkFrame(t, screen(m), sz[0], sz[1])
		}
	}
}

// TestProgramPairProgressAndError: switching to a pair not yet compared
// shows the comparison's progress; a pair whose comparison fails leaves
// the previous pair on screen with the error in the status line.
func TestProgramPairProgressAndError(t *testing.T) {
	docs := readDocs(t, ledeOld, ledeMiddle, ledeNew)
	release := make(chan struct{})
	opts, _ := seriesOptions(docs, [2]int{0, 1})
	cmp := opts.Compare
	opts.Compare = func(i, j int, progress func(string, int, int)) (*diff.Result, error) {
		switch {
		case i == 1 && j == 2:
			progress("diffing words", 1, 2)
			<-release
		case i == 0 && j == 2:
			return nil, fmt.Errorf("version 3 vanished")
		}
		return cmp(i, j, progress)
	}
	tm := newSeriesTest(t, opts, 120, 40)
	tm.Type(">")
	waitFor(t, tm, "diffing words")
	close(release)
	waitFor(t, tm, "v2 → v3 of 3")
	tm.Type("p13")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, tm, "vanished")
	m := final(t, tm)
	if m.pair != [2]int{1, 2} || m.shown != m.pair || m.r.New != docs[2] || m.r.Old != docs[1] || m.screen == screenLoading {
		t.Fatalf("after a failed comparison: pair %v shown %v, screen %v", m.pair, m.shown, m.screen)
	}
}

// cmdWait is how long runCmd waits for a command before run sets it aside
// (see run): short, since the cursor's blink waits half a second.
const cmdWait = 50 * time.Millisecond
