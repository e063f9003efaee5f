package tui

import (
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/internal/render"
)

const (
	ledeOld    = "../testdata/pairs/lede/old.txt"
	ledeMiddle = "testdata/history/middle.txt"
	ledeNew    = "../testdata/pairs/lede/new.txt"
)

// readDocs reads versions the way the CLI does.
func readDocs(tb testing.TB, paths ...string) []*diff.Document {
	tb.Helper()
	var docs []*diff.Document
	for _, p := range paths {
		docs = append(docs, readDoc(tb, p, filepath.Base(p)))
	}
	return docs
}

// seriesOptions returns viewer options for a series of versions, as the
// CLI builds them, and a counter of Compare calls by pair.
func seriesOptions(docs []*diff.Document, pair [2]int) (Options, func([2]int) int) {
	var mu sync.Mutex
	calls := map[[2]int]int{}
	names := make([]string, len(docs))
	for i, d := range docs {
		names[i] = d.Name
	}
	opts := Options{
		Color:    true,
		Versions: names,
		Pair:     pair,
		Compare: func(i, j int, progress func(string, int, int)) (*diff.Result, error) {
			mu.Lock()
			calls[[2]int{i, j}]++
			mu.Unlock()
			return diff.Compare(docs[i], docs[j], &diff.Options{Progress: progress}), nil
		},
		History: func() *diff.History { return diff.NewHistory(docs, nil) },
	}
	return opts, func(p [2]int) int {
		mu.Lock()
		defer mu.Unlock()
		return calls[p]
	}
}

// run drives a model with Update, running the commands it returns (loads,
// history) until none is left, as the program would; spinner ticks and
// progress waits are dropped. A command still running after cmdWait is
// waited for later, but only while the model is loading: on a busy machine
// a load may take any time, and it is never dropped for being slow.
func run(tb testing.TB, m Model, msgs ...tea.Msg) Model {
	tb.Helper()
	return drive(tb, m, msgs, nil)
}

// settle runs cmd as the program would and hands the model what it
// produces (see run), waiting for review loads and saves too.
func settle(tb testing.TB, m Model, cmd tea.Cmd) Model {
	tb.Helper()
	out, late := runCmd(cmd)
	return drive(tb, m, out, late)
}

// drive is run's loop over queued messages and pending commands. The
// model is busy, and a pending command is waited for, while it loads a
// pair or a history, or loads or saves a review.
func drive(tb testing.TB, m Model, queue []tea.Msg, pending []chan tea.Msg) Model {
	tb.Helper()
	var tm tea.Model = m
	for {
		cur := tm.(Model)
		busy := cur.screen == screenLoading || cur.under == screenLoading || cur.histLoading ||
			cur.rev.saving || (cur.rev.on() && cur.r != nil && cur.rev.st == nil)
		if busy && len(pending) > 0 {
			// Wait for any pending command before the next message, as a
			// user waits for the load; keep the others.
			cases := make([]reflect.SelectCase, len(pending))
			for i, ch := range pending {
				cases[i] = reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(ch)}
			}
			i, v, _ := reflect.Select(cases)
			pending = slices.Delete(pending, i, i+1)
			if v.IsValid() && !v.IsNil() {
				out, late := expand(v.Interface())
				queue, pending = append(out, queue...), append(pending, late...)
			}
			continue
		} else if busy && len(queue) == 0 {
			tb.Fatal("the model is loading but no command is left to finish it")
		}
		if len(queue) == 0 {
			return cur
		}
		msg := queue[0]
		queue = queue[1:]
		var cmd tea.Cmd
		tm, cmd = tm.Update(msg)
		out, late := runCmd(cmd)
		queue = append(out, queue...) // as if the user waited for it
		pending = append(pending, late...)
	}
}

// runCmd runs cmd and returns the loads and histories it produced, and the
// channels of the commands still running after cmdWait (a spinner or cursor
// tick, a progress wait, or a slow load).
func runCmd(cmd tea.Cmd) (out []tea.Msg, late []chan tea.Msg) {
	if cmd == nil {
		return nil, nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(cmdWait):
		return nil, []chan tea.Msg{done}
	}
	return expand(msg)
}

// expand runs the commands of a batch, and returns msg itself if it is a
// load, a history, a status, a review's load or save or the counts of the
// ignore masks, which run passes on.
func expand(msg tea.Msg) (out []tea.Msg, late []chan tea.Msg) {
	switch msg := msg.(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			o, l := runCmd(c)
			out, late = append(out, o...), append(late, l...)
		}
		return out, late
	case loadedMsg, historyMsg, statusMsg, reviewLoadedMsg, reviewSavedMsg, countedMsg:
		return []tea.Msg{msg}, nil
	}
	return nil, nil
}

// series returns a model showing docs at w×h, loaded.
func series(tb testing.TB, docs []*diff.Document, pair [2]int, w, h int) (Model, func([2]int) int) {
	tb.Helper()
	opts, calls := seriesOptions(docs, pair)
	var tm tea.Model = New(opts)
	tm, _ = tm.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m := run(tb, tm.(Model), tm.(Model).load()()) // the load itself, waited for
	if m.r == nil {
		tb.Fatal("series did not load")
	}
	return m, calls
}

func keys(s string) []tea.Msg {
	var out []tea.Msg
	for _, k := range strings.Split(s, " ") {
		if k != "" {
			out = append(out, keyMsg(k))
		}
	}
	return out
}

func TestGoldenEditorial(t *testing.T) {
	demo := loadPair(t, demoOld, demoNew)
	docs := readDocs(t, ledeOld, ledeMiddle, ledeNew)
	type state struct {
		name string
		keys string
	}
	pairStates := []state{
		{"badges-sentences", "s"},
		{"badges-inline", "u"},
		{"ignore-style", "i i"},
		{"findings", "F"},
		{"findings-jump", "F G enter"},
		{"flagged-next", "m n"},
	}
	for _, st := range pairStates {
		t.Run("120x40-"+st.name, func(t *testing.T) {
			m := run(t, ready(t, demo, 120, 40, Options{Color: true}), keys(st.keys)...)
			frame := screen(m)
			checkFrame(t, frame, 120, 40)
			golden.RequireEqual(t, []byte(frame))
		})
	}
	for _, st := range []state{{"history", "H"}, {"history-search", "H / f e r r y enter n"}, {"picker", "p"}, {"next-pair", "<"}} {
		for _, sz := range [][2]int{{120, 40}, {80, 24}} {
			name := fmt.Sprintf("%dx%d-series-%s", sz[0], sz[1], st.name)
			t.Run(name, func(t *testing.T) {
				m, _ := series(t, docs, [2]int{1, 2}, sz[0], sz[1])
				m = run(t, m, keys(st.keys)...)
				frame := screen(m)
				checkFrame(t, frame, sz[0], sz[1])
				golden.RequireEqual(t, []byte(frame))
			})
		}
	}
}

// TestIgnoreCycle: i steps none → typography → typography+style → none,
// and the hidden count, the header counts and the highlights follow.
func TestIgnoreCycle(t *testing.T) {
	r := loadPair(t, ledeOld, ledeNew)
	m := ready(t, r, 120, 40, Options{Color: true})
	header0 := strings.SplitN(screen(m), "\n", 2)[0]
	changes0 := len(m.pane.changes)
	want := []struct {
		mask diff.ClassMask
		msg  string
	}{
		{diff.IgnoreTypography, "typographic changes hidden"},
		{diff.IgnoreTypography | diff.IgnoreStyle, "typographic and style changes hidden"},
		{0, "showing every change"},
	}
	for _, w := range want {
		m = press(m, "i")
		if m.ignore != w.mask || m.pane.v.Ignore != w.mask {
			t.Fatalf("i: mask %v (pane %v), want %v", m.ignore, m.pane.v.Ignore, w.mask)
		}
		_, hidden := r.View(w.mask).Stats()
		if m.hidden != hidden {
			t.Fatalf("mask %v: hidden %d, want %d", w.mask, m.hidden, hidden)
		}
		s := screen(m)
		if w.mask != 0 && !strings.Contains(s, fmt.Sprintf("%d %s", hidden, w.msg)) {
			t.Fatalf("mask %v: status lacks %q:\n%s", w.mask, w.msg, lastLine(s))
		}
		if w.mask == 0 && !strings.Contains(s, w.msg) {
			t.Fatalf("mask 0: status lacks %q", w.msg)
		}
		header := strings.SplitN(s, "\n", 2)[0]
		if (hidden > 0) == (header == header0) {
			t.Fatalf("mask %v hides %d: header %q, unmasked %q", w.mask, hidden, header, header0)
		}
		if hidden > 0 && len(m.pane.changes) >= changes0 && m.stats.Changed >= r.Stats.Changed {
			t.Fatalf("mask %v hides %d runs but neither the changes (%d) nor the changed blocks (%d) went down",
				w.mask, hidden, len(m.pane.changes), m.stats.Changed)
		}
	}
	if len(m.pane.changes) != changes0 {
		t.Fatalf("back to no mask: %d changes, want %d", len(m.pane.changes), changes0)
	}
}

// TestIgnoreFromOptions: Options.Ignore is the starting mask.
func TestIgnoreFromOptions(t *testing.T) {
	r := loadPair(t, ledeOld, ledeNew)
	m := ready(t, r, 120, 40, Options{Ignore: diff.IgnoreTypography})
	_, hidden := r.View(diff.IgnoreTypography).Stats()
	if m.pane.v.Ignore != diff.IgnoreTypography || m.hidden != hidden || hidden == 0 {
		t.Fatalf("pane mask %v, hidden %d (want %d)", m.pane.v.Ignore, m.hidden, hidden)
	}
	if s := lastLine(screen(m)); !strings.Contains(s, fmt.Sprintf("%d hidden (typography)", hidden)) {
		t.Fatalf("status line: %q", s)
	}
	if m = press(m, "i"); m.ignore != diff.IgnoreTypography|diff.IgnoreStyle {
		t.Fatalf("i from typography: %v", m.ignore)
	}
}

func lastLine(s string) string { return s[strings.LastIndex(s, "\n")+1:] }

// TestFindingsList: F lists the findings and every visible flagged run;
// enter on an item goes to its block; esc closes.
func TestFindingsList(t *testing.T) {
	for _, pair := range [][2]string{{demoOld, demoNew}, {ledeOld, ledeNew}, {seedsOld, seedsNew}} {
		r := loadPair(t, pair[0], pair[1])
		for _, mask := range ignoreCycle {
			m := ready(t, r, 120, 40, Options{Color: true, Ignore: mask})
			m = press(m, "F")
			if m.screen != screenFindings {
				t.Fatal("F did not open the findings")
			}
			want := len(r.Findings)
			for bi := range r.Blocks {
				if r.Blocks[bi].IsWhole() && r.Blocks[bi].Boilerplate == "" && r.Blocks[bi].Flags != 0 {
					want++ // a paragraph added or removed whole: one entry
				}
				for _, p := range r.Blocks[bi].Pairs {
					if r.Blocks[bi].Boilerplate != "" {
						continue
					}
					if p.Kind == diff.Changed {
						for _, run := range p.Runs {
							if run.Flags != 0 && !r.View(mask).RunHidden(run) {
								want++
							}
						}
					} else if p.Kind != diff.Equal && p.Flags != 0 {
						want++
					}
				}
			}
			if len(m.list.items) != want || want != len(r.Matters) {
				t.Fatalf("%s, mask %v: %d items, want %d (engine list %d)", pair[0], mask, len(m.list.items), want, len(r.Matters))
			}
			for k, it := range m.list.items {
				if it.block != r.Matters[k].Block {
					t.Fatalf("%s: item %d at block %d, engine list says %d", pair[0], k, it.block, r.Matters[k].Block)
				}
			}
			checkFrame(t, screen(m), 120, 40)
			for k, it := range m.list.items {
				mm := press(m, "g")
				for range k {
					mm = press(mm, "j")
				}
				if mm.list.cursor != k {
					t.Fatalf("j ×%d: cursor %d", k, mm.list.cursor)
				}
				mm = press(mm, "enter")
				if mm.screen != screenPager {
					t.Fatal("enter did not close the list")
				}
				if it.block < 0 {
					continue
				}
				if e := mm.pane.entries[mm.pane.cursor]; e.Block != it.block {
					t.Fatalf("%s item %d: cursor on block %d, want %d", pair[0], k, e.Block, it.block)
				}
				if first, last := mm.pane.visible(); mm.pane.cursor < first || mm.pane.cursor > last {
					t.Fatalf("item %d: cursor off screen", k)
				}
			}
			if m = press(m, "esc"); m.screen != screenPager {
				t.Fatal("esc did not close the list")
			}
			if m = press(m, "!"); m.screen != screenFindings {
				t.Fatal("! did not open the findings")
			}
		}
	}
}

// TestFindingsJumpSentences: in Sentences mode enter lands on the flagged
// pair itself.
func TestFindingsJumpSentences(t *testing.T) {
	r := loadPair(t, ledeOld, ledeNew)
	m := press(ready(t, r, 120, 40, Options{Color: true}), "s", "F")
	for k, it := range m.list.items {
		if it.pair < 0 {
			continue
		}
		mm := press(m, "g")
		for range k {
			mm = press(mm, "j")
		}
		mm = press(mm, "enter")
		e := mm.pane.entries[mm.pane.cursor]
		if e.Kind != render.RowSentence || e.Block != it.block || e.Pair != it.pair {
			t.Fatalf("item %d: cursor on %+v, want block %d pair %d", k, e, it.block, it.pair)
		}
		if e.Flags(r.View(0)) == 0 {
			t.Fatalf("item %d: landed on an unflagged pair", k)
		}
	}
}

// TestFlaggedOnly: with m, n and N walk only entries with a visible flag.
func TestFlaggedOnly(t *testing.T) {
	for _, mode := range []string{"", "s", "u"} {
		r := loadPair(t, ledeOld, ledeNew)
		m := ready(t, r, 120, 40, Options{Color: true})
		if mode != "" {
			m = press(m, mode)
		}
		m = press(m, "m")
		if !m.pane.flaggedOnly || !strings.Contains(lastLine(screen(m)), "flagged changes only") {
			t.Fatalf("m: flaggedOnly %v, status %q", m.pane.flaggedOnly, lastLine(screen(m)))
		}
		if len(m.pane.flagged) == 0 {
			t.Fatal("no flagged entries in the lede pair")
		}
		seen := 0
		for range len(m.pane.flagged) + 1 {
			m = press(m, "n")
			e := m.pane.entries[m.pane.cursor]
			if e.Flags(r.View(0)) == 0 {
				t.Fatalf("mode %q: n landed on unflagged %+v", mode, e)
			}
			seen++
		}
		if !strings.Contains(lastLine(screen(m)), "flagged only") {
			t.Fatalf("status lacks flagged only: %q", lastLine(screen(m)))
		}
		m = press(m, "N")
		if m.pane.entries[m.pane.cursor].Flags(r.View(0)) == 0 {
			t.Fatal("N landed on an unflagged entry")
		}
		m = press(m, "m")
		if m.pane.flaggedOnly {
			t.Fatal("m did not toggle back")
		}
	}
}

// TestBadgesEveryMode: every flag of every visible flagged pair shows as a
// badge in every mode, and a hidden flag does not.
func TestBadgesEveryMode(t *testing.T) {
	r := loadPair(t, ledeOld, ledeNew)
	for _, mask := range ignoreCycle {
		for _, mode := range []render.Mode{render.SideBySide, render.Inline, render.Sentences} {
			l := render.NewLayout(r.View(mask), mode, 160, render.Options{})
			for _, e := range render.Entries(r.View(mask), mode, false) {
				if e.Kind != render.RowBlock && e.Kind != render.RowSentence {
					continue
				}
				row := l.Row(e)
				var got []string
				for _, side := range []render.Side{row.Left, row.Right} {
					for _, ln := range side.Lines {
						for _, s := range ln {
							if s.Style == render.Badge {
								got = append(got, s.Text)
							}
						}
					}
				}
				f := e.Flags(r.View(mask))
				for g := diff.FlagNegation; g <= diff.FlagAttribution; g <<= 1 {
					has := slices.Contains(got, g.Badges()[0])
					if f.Has(g) != has {
						t.Fatalf("mode %v mask %v entry %+v: flags %v, badges %v", mode, mask, e, f.Names(), got)
					}
				}
			}
		}
	}
}

func TestOnlyTwoVersions(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	for _, k := range []string{"<", ">", "p", "H"} {
		m := press(ready(t, r, 120, 40, Options{Color: true}), k)
		if !strings.Contains(lastLine(screen(m)), "only two versions") || m.screen != screenPager || m.screen == screenHistory {
			t.Fatalf("%s with two versions: %q", k, lastLine(screen(m)))
		}
	}
}

// TestPairs: < and > step through consecutive pairs, p picks any two,
// results are cached by pair, and the view choices survive.
func TestPairs(t *testing.T) {
	docs := readDocs(t, ledeOld, ledeMiddle, ledeNew)
	m, calls := series(t, docs, [2]int{1, 2}, 120, 40)
	if h := strings.SplitN(screen(m), "\n", 2)[0]; !strings.Contains(h, "v2 → v3 of 3") || !strings.Contains(h, "middle.txt") {
		t.Fatalf("header %q", h)
	}
	m = run(t, m, keys("u i >")...)
	if m.pair != [2]int{1, 2} || !strings.Contains(lastLine(screen(m)), "last pair") {
		t.Fatalf("> at the end: pair %v, %q", m.pair, lastLine(screen(m)))
	}
	m = run(t, m, keys("<")...)
	if m.pair != [2]int{0, 1} || m.r.Old != docs[0] || m.r.New != docs[1] {
		t.Fatalf("<: pair %v", m.pair)
	}
	if h := strings.SplitN(screen(m), "\n", 2)[0]; !strings.Contains(h, "v1 → v2 of 3") {
		t.Fatalf("header after <: %q", h)
	}
	if m.pane.mode != render.Inline || m.pane.v.Ignore != diff.IgnoreTypography {
		t.Fatalf("switching pairs lost the view: %v, mask %v", m.pane.mode, m.pane.v.Ignore)
	}
	m = run(t, m, keys("> p 1 3 enter")...)
	if m.pair != [2]int{0, 2} || m.r.Old != docs[0] || m.r.New != docs[2] {
		t.Fatalf("p 1 3: pair %v", m.pair)
	}
	m = run(t, m, keys("p k enter")...) // the list: from v1 → v3 up to v1 → v2
	if m.pair != [2]int{0, 1} {
		t.Fatalf("p k enter: pair %v", m.pair)
	}
	for _, p := range [][2]int{{1, 2}, {0, 1}, {0, 2}} {
		if n := calls(p); n != 1 {
			t.Fatalf("pair %v compared %d times", p, n)
		}
	}
	m = run(t, m, keys("p 9 9 enter")...)
	if m.pair != [2]int{0, 1} || !m.status.isErr {
		t.Fatalf("p 9 9: pair %v, message %q", m.pair, m.status.text)
	}
}

// TestHistoryView: H traces the history once, shows every sentence of the
// latest version with its versions, scrolls, searches, and closes.
func TestHistoryView(t *testing.T) {
	docs := readDocs(t, ledeOld, ledeMiddle, ledeNew)
	m, _ := series(t, docs, [2]int{1, 2}, 120, 40)
	m = run(t, m, keyMsg("H"))
	if m.screen != screenHistory || m.hist == nil {
		t.Fatal("H did not show the history")
	}
	s := screen(m)
	if !strings.Contains(s, "v1 ·v3") || !strings.Contains(s, "history:") {
		t.Fatalf("history view:\n%s", s)
	}
	// Every sentence of the latest version is there once, in order.
	sentences := 0
	for _, ln := range m.hv.lines {
		if ln.first {
			sentences++
		}
	}
	want := 0
	for _, p := range docs[2].Paragraphs {
		want += len(p.Sentences)
	}
	if sentences != want {
		t.Fatalf("%d sentences, want %d", sentences, want)
	}
	// Scroll to the bottom and back.
	m = run(t, m, keys("G")...)
	if m.hv.vp.YOffset() == 0 || !strings.Contains(screen(m), "day of mourning") {
		t.Fatal("G did not scroll to the end")
	}
	m = run(t, m, keys("g / F e r r y enter")...)
	if len(m.hv.matches) != 0 {
		t.Fatal("a search with upper case should be exact")
	}
	m = run(t, m, keys("/ f e r r y enter")...)
	if len(m.hv.matches) < 2 || !strings.Contains(m.View().Content, m.st.match) {
		t.Fatalf("/ferry: %d matches", len(m.hv.matches))
	}
	first := m.hv.cur
	m = run(t, m, keys("n")...)
	if m.hv.cur <= first {
		t.Fatalf("n: match line %d after %d", m.hv.cur, first)
	}
	m = run(t, m, keys("esc esc")...)
	if m.screen == screenHistory || m.hv.query != "" {
		t.Fatal("esc esc did not clear the search and close the history")
	}
	m = run(t, m, keys("H")...)
	if m.screen != screenHistory {
		t.Fatal("H again did not reopen")
	}
	m = run(t, m, tea.WindowSizeMsg{Width: 60, Height: 15})
	checkFrame(t, screen(m), 60, 15)
}
