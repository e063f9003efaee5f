package tui

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/review"
	"github.com/storydiff/storydiff/internal/render"
)

// reviewed returns a model showing r with its review from store loaded.
func reviewed(t *testing.T, r *diff.Result, store *review.Store, w, h int) Model {
	t.Helper()
	opts := Options{Review: store, Reviewer: "ed", Load: func(func(string, int, int)) (*diff.Result, error) { return r, nil }}
	var tm tea.Model = New(opts)
	tm, _ = tm.Update(tea.WindowSizeMsg{Width: w, Height: h})
	tm, cmd := tm.Update(tm.(Model).load()())
	return settle(t, tm.(Model), cmd)
}

// feed runs cmd (the review commands a test starts itself) and settles
// the model.
func feed(t *testing.T, m Model, cmd tea.Cmd) Model {
	t.Helper()
	return settle(t, m, cmd)
}

// reviewPress presses keys, settling the model after each.
func reviewPress(t *testing.T, m Model, keys ...string) Model {
	t.Helper()
	for _, k := range keys {
		tm, cmd := m.Update(keyMsg(k))
		m = settle(t, tm.(Model), cmd)
	}
	return m
}

// stored returns the marks stored for r, by anchor.
func stored(t *testing.T, store *review.Store, r *diff.Result) map[string]review.Mark {
	t.Helper()
	doc, err := store.Load(review.Key(r))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]review.Mark{}
	for _, m := range doc.Marks {
		out[m.Anchor] = m
	}
	return out
}

// TestReviewCheckKey: x checks the change under the cursor, shows ✓ in the
// gutter and the progress in the status line, saves it; x again unchecks
// it; a viewer opened afterwards finds the mark.
func TestReviewCheckKey(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	store := &review.Store{Dir: t.TempDir()}
	n := len(review.Changes(r.View(0)))
	for _, tt := range []struct {
		name string
		w    int
	}{{"side-by-side", 140}, {"inline", 90}} {
		t.Run(tt.name, func(t *testing.T) {
			m := reviewed(t, r, store, tt.w, 30)
			if s := screen(m); !strings.Contains(s, "reviewed 0/"+strconv.Itoa(n)) || strings.Contains(s, "✓") {
				t.Fatalf("fresh review: status line %q", lastLine(s))
			}
			m = reviewPress(t, m, "n", "x")
			blk := m.pane.entries[m.pane.cursor].Block
			anchor := m.rev.st.Changes[m.rev.index(blk)].Anchor
			s := screen(m)
			if !strings.Contains(s, "reviewed 1/"+strconv.Itoa(n)) || !strings.Contains(s, "checked ") {
				t.Errorf("after x: status line %q", lastLine(s))
			}
			if strings.Count(s, "✓") != 1 {
				t.Errorf("after x: %d ✓ on screen, want 1:\n%s", strings.Count(s, "✓"), s)
			}
			if mk, ok := stored(t, store, r)[anchor]; !ok || mk.State != review.Checked || mk.Who != "ed" {
				t.Errorf("stored mark %+v, %v", mk, ok)
			}
			// Reopened, the mark is there; x unchecks it.
			m2 := reviewed(t, r, store, tt.w, 30)
			if !strings.Contains(screen(m2), "reviewed 1/"+strconv.Itoa(n)) {
				t.Errorf("reopened: %q", lastLine(screen(m2)))
			}
			m2 = reviewPress(t, m2, "n", "x")
			if s := screen(m2); !strings.Contains(s, "reviewed 0/"+strconv.Itoa(n)) || strings.Contains(s, "✓") {
				t.Errorf("x again: %q", lastLine(s))
			}
			if _, ok := stored(t, store, r)[anchor]; ok {
				t.Error("unchecked mark still stored")
			}
		})
	}
}

// TestReviewQueryKey: c asks for a note; the change becomes queried (? in
// the gutter, in the findings list, in the status line); c with the note
// erased clears the query.
func TestReviewQueryKey(t *testing.T) {
	r := loadPair(t, ledeOld, ledeNew)
	store := &review.Store{Dir: t.TempDir()}
	n := strconv.Itoa(len(review.Changes(r.View(0))))
	m := reviewed(t, r, store, 140, 30)
	// Go to the first flagged change, so that the findings list shows it.
	m = reviewPress(t, m, "m", "n", "m", "m")
	m = reviewPress(t, m, "c")
	if m.prompt.kind != promptQuery || !strings.Contains(lastLine(screen(m)), "query ¶") {
		t.Fatalf("c: prompt %v, %q", m.prompt.kind, lastLine(screen(m)))
	}
	m = reviewPress(t, m, strings.Split("with → without", "")...)
	m = reviewPress(t, m, "enter")
	s := screen(m)
	if !strings.Contains(s, "reviewed 1/"+n+" · 1 queried") || strings.Count(s, "?") < 1 {
		t.Fatalf("after the query: %q", lastLine(s))
	}
	i := m.rev.index(m.pane.entries[m.pane.cursor].Block)
	if mk := stored(t, store, r)[m.rev.st.Changes[i].Anchor]; mk.State != review.Queried || mk.Note != "with → without" {
		t.Errorf("stored %+v", mk)
	}
	fm := reviewPress(t, m, "F")
	if !strings.Contains(screen(fm), "? ") {
		t.Errorf("findings list lacks the query mark:\n%s", screen(fm))
	}
	// c again offers the note; erasing it clears the query.
	m = reviewPress(t, m, "c")
	if m.prompt.input.Value() != "with → without" {
		t.Errorf("c on a queried change offers %q", m.prompt.input.Value())
	}
	for range len([]rune("with → without")) {
		m = reviewPress(t, m, "backspace")
	}
	m = reviewPress(t, m, "enter")
	if s := screen(m); !strings.Contains(s, "reviewed 0/"+n) || !strings.Contains(s, "cleared") {
		t.Errorf("after clearing: %q", lastLine(s))
	}
	if len(stored(t, store, r)) != 0 {
		t.Error("cleared query still stored")
	}
}

// TestReviewFilter: m's third step walks only unreviewed changes, and n at
// the end says how many remain.
func TestReviewFilter(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	store := &review.Store{Dir: t.TempDir()}
	cs := review.Changes(r.View(0))
	// Every other change checked before the viewer opens.
	for i := 0; i < len(cs); i += 2 {
		if _, _, err := store.Set(review.Key(r), "", "", review.NewMark(&cs[i], review.Checked, "", "ann", time.Now())); err != nil {
			t.Fatal(err)
		}
	}
	left := len(cs) / 2
	m := reviewed(t, r, store, 140, 30)
	m = reviewPress(t, m, "m", "m")
	if !m.pane.unreviewedOnly || !strings.Contains(screen(m), "unreviewed changes only ("+strconv.Itoa(left)+")") {
		t.Fatalf("m m: %q", lastLine(screen(m)))
	}
	var seen []int
	for range left {
		m = reviewPress(t, m, "n")
		b := m.pane.entries[m.pane.cursor].Block
		if m.rev.state(b) != review.Unmarked {
			t.Fatalf("n stopped on block %d, which is %v", b, m.rev.state(b))
		}
		seen = append(seen, b)
	}
	m = reviewPress(t, m, "n")
	if s := lastLine(screen(m)); !strings.Contains(s, "no more unreviewed changes below · "+strconv.Itoa(left)+" changes not reviewed") {
		t.Errorf("n at the end: %q", s)
	}
	if len(seen) != left {
		t.Errorf("visited %d unreviewed changes, want %d", len(seen), left)
	}
	// Checking one takes it off the walk.
	m = reviewPress(t, m, "x")
	if len(m.pane.unreviewed) != left-1 {
		t.Errorf("%d unreviewed after x, want %d", len(m.pane.unreviewed), left-1)
	}
	m = reviewPress(t, m, "m")
	if m.pane.unreviewedOnly || m.pane.flaggedOnly {
		t.Error("m did not come back to every change")
	}
}

// TestReviewOff: without a store, x says reviewing is off and nothing
// is drawn.
func TestReviewOff(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	m := ready(t, r, 140, 30, Options{})
	m = press(m, "n", "x")
	if s := screen(m); !strings.Contains(s, "reviewing is off") || strings.Contains(s, "reviewed ") {
		t.Errorf("x without a review: %q", lastLine(s))
	}
	m = press(m, "m", "m")
	if m.pane.unreviewedOnly {
		t.Error("m offered unreviewed changes without a review")
	}
}

// TestProgramReview: the same through the program (teatest): x and c,
// the progress line, the filter. The renderer repaints only the cells
// that change, so the test waits for new words (messages, the prompt) and
// reads the progress from the final model.
func TestProgramReview(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	store := &review.Store{Dir: t.TempDir()}
	n := strconv.Itoa(len(review.Changes(r.View(0))))
	opts := Options{Review: store, Reviewer: "ed", Load: func(func(string, int, int)) (*diff.Result, error) { return r, nil }}
	tm := teatest.NewTestModel(t, New(opts), teatest.WithInitialTermSize(160, 40))
	waitFor(t, tm, "reviewed 0/"+n)
	tm.Type("nx")
	waitFor(t, tm, "checked")
	tm.Type("nc")
	waitFor(t, tm, "empty clears")
	tm.Type("ask the desk")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, tm, "queried")
	// Both saves are done once the store holds both marks.
	deadline := time.Now().Add(teaWait)
	for len(stored(t, store, r)) < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	tm.Type("mmgn")
	m := final(t, tm)
	b := m.pane.entries[m.pane.cursor].Block
	if m.rev.state(b) != review.Unmarked || !m.pane.unreviewedOnly {
		t.Errorf("g n in the unreviewed walk: block %d is %v", b, m.rev.state(b))
	}
	if s := screen(m); !strings.Contains(s, "reviewed 2/"+n+" · 1 queried") || !strings.Contains(s, "│✓") || !strings.Contains(s, "│?") {
		t.Errorf("final screen:\n%s", s)
	}
	states := map[review.State]int{}
	for _, mk := range stored(t, store, r) {
		states[mk.State]++
	}
	if states[review.Checked] != 1 || states[review.Queried] != 1 {
		t.Errorf("stored %v", states)
	}
}

// TestReviewGutterPlaces: the mark takes the new side's first gutter cell
// (side by side) or the gutter's last (inline), and the gutter keeps its
// width.
func TestReviewGutterPlaces(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	store := &review.Store{Dir: t.TempDir()}
	for _, w := range []int{140, 90} {
		m := reviewed(t, r, store, w, 30)
		m = reviewPress(t, m, "n", "x", "n")
		found := 0
		for _, line := range strings.Split(screen(m), "\n") {
			if !strings.Contains(line, "✓") {
				continue
			}
			found++
			gw := m.pane.layout.GutterWidth()
			var cell int
			if m.pane.mode == render.Inline {
				cell = gw - 1
			} else {
				cell = strings.Index(line, "│")
				cell = len([]rune(line[:cell])) + 1
			}
			if rs := []rune(line); cell >= len(rs) || rs[cell] != '✓' {
				t.Errorf("width %d: ✓ not in cell %d: %q", w, cell, line)
			}
		}
		if found != 1 {
			t.Errorf("width %d: %d lines with ✓, want 1", w, found)
		}
		m = reviewPress(t, m, "N", "x")
	}
}

// TestReviewHistoryMarks: the history view shows the marks of the pair
// that ends with the latest version, beside the sentences involved; each
// pair of the chain has its own review.
func TestReviewHistoryMarks(t *testing.T) {
	docs := readDocs(t, ledeOld, ledeMiddle, ledeNew)
	opts, _ := seriesOptions(docs, [2]int{1, 2})
	opts.Review, opts.Reviewer = &review.Store{Dir: t.TempDir()}, "ed"
	var tm tea.Model = New(opts)
	tm, _ = tm.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m := run(t, tm.(Model), tm.(Model).load()()) // the load itself, waited for
	m = feed(t, m, m.openReview(m.r))
	m = reviewPress(t, m, "n", "x")
	i := m.rev.index(m.pane.entries[m.pane.cursor].Block)
	if i < 0 {
		t.Fatal("n did not reach a change")
	}
	m = run(t, m, keyMsg("H"))
	if m.screen != screenHistory || len(m.hv.marks) == 0 || !strings.Contains(screen(m), "✓") {
		t.Fatalf("history view without the mark:\n%s", screen(m))
	}
	// The first pair has a review of its own: nothing marked there.
	m = run(t, m, keyMsg("H"))
	m = run(t, m, keyMsg("<"))
	m = feed(t, m, m.openReview(m.r))
	if p := m.rev.progress(); !strings.HasPrefix(p, "reviewed 0/") {
		t.Errorf("v1 → v2: %q", p)
	}
	if m.rev.key == review.Key(docsResult(docs[1], docs[2])) {
		t.Error("two pairs share a review key")
	}
}

func docsResult(a, b *diff.Document) *diff.Result { return diff.Compare(a, b, nil) }

// BenchmarkReviewKey10MB measures x (check, then uncheck: Update, View and
// the gutter's marks listed anew; the save, which runs off the UI loop, is
// not run) on a 10 MB pair with its review loaded.
func BenchmarkReviewKey10MB(b *testing.B) {
	r := bigPair(b)
	opts := Options{Color: true, Review: &review.Store{Dir: b.TempDir()}, Reviewer: "ed",
		Load: func(func(string, int, int)) (*diff.Result, error) { return r, nil }}
	var tm tea.Model = New(opts)
	tm, _ = tm.Update(tea.WindowSizeMsg{Width: 200, Height: 50})
	tm, cmd := tm.Update(tm.(Model).load()())
	tm, _ = tm.Update(cmd())
	m := press(tm.(Model), "n")
	if m.rev.st == nil {
		b.Fatal("review not loaded")
	}
	b.ReportMetric(float64(len(m.rev.st.Changes)), "changes")
	b.ResetTimer()
	for b.Loop() {
		tm, _ := m.Update(keyMsg("x")) // the save it returns is not run
		m = tm.(Model)
		_ = m.View()
	}
}

// TestReviewTrouble: a damaged review file is one warning in the status
// line (kept aside) and the viewer opens; a save that fails says so in the
// status line and the mark stays on screen.
func TestReviewTrouble(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	dir := t.TempDir()
	path := filepath.Join(dir, review.Key(r)+".json")
	if err := os.WriteFile(path, []byte("{broken"), 0o644); err != nil {
		t.Fatal(err)
	}
	m := reviewed(t, r, &review.Store{Dir: dir}, 160, 30)
	if s := lastLine(screen(m)); !strings.Contains(s, "damaged") {
		t.Errorf("damaged review: %q", s)
	}
	if s := lastLine(screen(reviewPress(t, m, "j"))); !strings.Contains(s, "reviewed 0/") {
		t.Errorf("damaged review, next key: %q", s)
	}
	if asides, _ := filepath.Glob(path + ".corrupt-*"); len(asides) != 1 {
		t.Errorf("kept aside: %v", asides)
	}
	// A folder that cannot be made: the save fails.
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	m = reviewed(t, r, &review.Store{Dir: filepath.Join(blocker, "reviews")}, 160, 30)
	m = reviewPress(t, m, "n", "x")
	if s := lastLine(screen(m)); !strings.Contains(s, "mark not saved") {
		t.Errorf("failed save: %q", s)
	}
	if s := lastLine(screen(reviewPress(t, m, "j"))); !strings.Contains(s, "reviewed 1/") {
		t.Errorf("failed save, next key: %q", s)
	}
}
