package tui

import (
	"errors"
	"fmt"
	"sync"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/storydiff/storydiff/diff"
)

// progressState is shared between one load's goroutine and the model.
// The load closes it when done, which ends the goroutine waiting for its
// progress.
type progressState struct {
	ch     chan progressMsg
	mu     sync.Mutex
	closed bool
}

func newProgress() *progressState { return &progressState{ch: make(chan progressMsg, 1)} }

// send passes on the latest progress, dropping one the model has not taken.
func (ps *progressState) send(msg progressMsg) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if ps.closed {
		return
	}
	select {
	case ps.ch <- msg:
	default:
		select {
		case <-ps.ch:
		default:
		}
		select {
		case ps.ch <- msg:
		default:
		}
	}
}

func (ps *progressState) close() {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if !ps.closed {
		ps.closed = true
		close(ps.ch)
	}
}

// historyMsg carries the traced history.
type historyMsg struct{ h *diff.History }

type progressMsg struct {
	stage       string
	done, total int
}

// loadedMsg carries the loaded result of a pair of versions and, when
// computed with it, its statistics under the ignore mask shown.
type loadedMsg struct {
	r     *diff.Result
	err   error
	pair  [2]int
	stats maskStats
}

// exportedMsg reports the end of an export.
type exportedMsg struct {
	path string
	err  error
}

// load computes the current pair off the UI loop, with opts.Compare when
// set, else opts.Load.
func (m Model) load() tea.Cmd {
	load, ps, pair, ignore := m.opts.Load, m.progress, m.pair, m.ignore
	if cmp := m.opts.Compare; cmp != nil {
		load = func(progress func(string, int, int)) (*diff.Result, error) {
			return cmp(pair[0], pair[1], progress)
		}
	}
	return func() (msg tea.Msg) {
		defer ps.close()
		// A panic here is a bug of the engine: shown on the error screen
		// in one line, like the command's last-resort handler does,
		// rather than as a stack trace over the terminal.
		defer func() {
			if v := recover(); v != nil {
				msg = loadedMsg{err: fmt.Errorf("internal error (a bug, please report it): %v", v), pair: pair}
			}
		}()
		if load == nil {
			return loadedMsg{err: errors.New("nothing to show: no loader"), pair: pair}
		}
		r, err := load(func(stage string, done, total int) {
			ps.send(progressMsg{stage, done, total})
		})
		if err == nil && r == nil {
			err = errors.New("nothing to show: the loader returned no result")
		}
		var stats maskStats
		if err == nil {
			stats = countMasks(r, nil, ignore) // the others after the first frame (countRest)
		}
		return loadedMsg{r, err, pair, stats}
	}
}

func (m Model) waitProgress() tea.Cmd {
	ch := m.progress.ch
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil // the load is over
		}
		return msg
	}
}

// progressed shows a load's progress.
func (m Model) progressed(msg progressMsg) (tea.Model, tea.Cmd) {
	if m.screen != screenLoading && m.under != screenLoading {
		return m, nil
	}
	m.progressLast = msg
	return m, m.waitProgress()
}

// ticked turns the spinner while something loads.
func (m Model) ticked(msg spinner.TickMsg) (tea.Model, tea.Cmd) {
	if m.screen != screenLoading && m.under != screenLoading && !m.histLoading {
		return m, nil
	}
	var cmd tea.Cmd
	m.spin, cmd = m.spin.Update(msg)
	return m, cmd
}

// loaded installs a computed pair, or reports its error.
func (m Model) loaded(msg loadedMsg) (tea.Model, tea.Cmd) {
	if m.opts.Compare == nil {
		msg.pair = m.pair // Load computes the one pair there is
	}
	if msg.err == nil && msg.r != nil {
		m.results[msg.pair] = msg.r
		if msg.stats != nil {
			m.statsOf[msg.r] = msg.stats
		}
	}
	if msg.pair != m.pair {
		// An answer for a pair no longer wanted: kept, and counted for
		// when it is shown.
		if msg.err == nil && msg.r != nil {
			return m, m.countRest(msg.r)
		}
		return m, nil
	}
	if msg.err != nil {
		if m.r == nil {
			m.err = msg.err
			m.enter(screenError)
			return m, nil
		}
		m.pair = m.shown // stay on the pair shown before
		m.enter(screenPager)
		return m, fail("comparing versions: " + sanitize(msg.err.Error()))
	}
	return m, tea.Batch(m.show(msg.r), m.countRest(msg.r))
}

// traced installs the history the H view shows.
func (m Model) traced(msg historyMsg) (tea.Model, tea.Cmd) {
	m.histLoading = false
	m.hist = msg.h
	if m.hist == nil || len(m.hist.Versions) == 0 {
		if m.screen == screenHistory {
			m.leave()
		}
		return m, fail("no history to show")
	}
	m.hv = newHistView(m.hist, m.st, m.opts.Versions)
	m.hv.marks = m.histMarks()
	m.layout()
	return m, nil
}

// exported reports the end of an export.
func (m Model) exported(msg exportedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		return m, fail(exportError(msg.path, msg.err))
	}
	return m, note("exported to " + sanitize(msg.path))
}
