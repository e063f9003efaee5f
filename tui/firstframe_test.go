package tui

import (
	"bytes"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/review"
)

// TestFirstFrameDefers: what the first frame does not need is done after
// it, off the UI loop. The load counts the statistics under the mask
// shown only, and the review key is not computed while the result is
// installed; once the commands returned have run, every mask i steps
// through is counted (as diff.View.Stats counts it) and the review has its
// key.
func TestFirstFrameDefers(t *testing.T) {
	r := bigResult(t, 64<<10)
	for _, tt := range []struct {
		name   string
		ignore diff.ClassMask
	}{
		{"nothing ignored", 0},
		{"typography ignored", diff.IgnoreTypography},
		{"style ignored, a mask i does not step through", diff.IgnoreStyle},
	} {
		t.Run(tt.name, func(t *testing.T) {
			opts := Options{Ignore: tt.ignore, Review: &review.Store{Dir: t.TempDir()}, Reviewer: "ed",
				Load: func(func(string, int, int)) (*diff.Result, error) { return r, nil }}
			var tm tea.Model = New(opts)
			tm, _ = tm.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
			msg, ok := tm.(Model).load()().(loadedMsg)
			if !ok || msg.r != r {
				t.Fatalf("load gave %#v", msg)
			}
			if len(msg.stats) != 1 {
				t.Errorf("the load counted %d masks, want only the one shown", len(msg.stats))
			}
			tm, cmd := tm.Update(msg)
			m := tm.(Model)
			if m.screen != screenPager || m.rev.key != "" {
				t.Errorf("after the load: screen %v, review key %q (want the pager, no key yet)", m.screen, m.rev.key)
			}
			if st, hidden := r.View(tt.ignore).Stats(); m.stats != st || m.hidden != hidden {
				t.Errorf("shown statistics %+v, %d; want %+v, %d", m.stats, m.hidden, st, hidden)
			}
			m = settle(t, m, cmd)
			if c := m.countRest(r); c != nil { // not yet handed over by settle
				tm, _ = m.Update(c())
				m = tm.(Model)
			}
			for _, mask := range append([]diff.ClassMask{tt.ignore}, ignoreCycle...) {
				got, ok := m.statsOf[r][mask]
				st, hidden := r.View(mask).Stats()
				if !ok || got.stats != st || got.hidden != hidden {
					t.Errorf("mask %v: cached %+v (%v), want %+v, %d", mask, got, ok, st, hidden)
				}
			}
			if m.countRest(r) != nil {
				t.Error("countRest has more to count once every mask is cached")
			}
			if want := review.Key(r); m.rev.key != want {
				t.Errorf("review key %q once loaded, want %q", m.rev.key, want)
			}
		})
	}
}

// BenchmarkFirstFrame10MB measures what the viewer does between the
// engine's result and its first frame on a 10 MB pair, with reviewing on:
// the load command's own work, installing the result (Update) and drawing
// (View). The work deferred to after the frame (the review's load, the
// other masks' counts) is not in it.
func BenchmarkFirstFrame10MB(b *testing.B) {
	r := bigPair(b)
	store := &review.Store{Dir: b.TempDir()}
	opts := Options{Color: true, Review: store, Reviewer: "ed",
		Load: func(func(string, int, int)) (*diff.Result, error) { return r, nil }}
	b.ReportAllocs()
	for b.Loop() {
		var tm tea.Model = New(opts)
		tm, _ = tm.Update(tea.WindowSizeMsg{Width: 200, Height: 50})
		tm, _ = tm.Update(tm.(Model).load()())
		_ = tm.View()
	}
}

// TestProgramEarlyLoad runs the program as Run does, with the first load
// started before it (startEarly): the loader runs once, before Init; its
// progress shows on the loading screen, and its result becomes the first
// frame once it is let go.
func TestProgramEarlyLoad(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	started, release := make(chan struct{}), make(chan struct{})
	calls := 0
	opts := Options{Color: true, Load: func(progress func(string, int, int)) (*diff.Result, error) {
		calls++
		close(started)
		progress("linking sentences", 35, 100)
		<-release
		return r, nil
	}}
	m := New(opts)
	m.startEarly()
	<-started // the load runs before the program does
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("linking sentences")) },
		teatest.WithDuration(teaWait))
	close(release)
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("new.txt")) },
		teatest.WithDuration(teaWait))
	fm := final(t, tm)
	if fm.r != r || fm.screen != screenPager || calls != 1 {
		t.Errorf("after the early load: result %p (want %p), screen %v, %d loads (want 1)", fm.r, r, fm.screen, calls)
	}
}
