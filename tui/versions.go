package tui

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/internal/render"
)

// ignoreCycle is the order in which i steps through the ignore masks.
var ignoreCycle = []diff.ClassMask{0, diff.IgnoreTypography, diff.IgnoreTypography | diff.IgnoreStyle}

// ignoreName names a mask for the status line: typography, typography and
// style.
func ignoreName(m diff.ClassMask) string {
	return strings.ReplaceAll(m.String(), ",", "+")
}

// defaultPair returns opts.Pair if it names two different versions of
// opts.Versions, else the last two.
func defaultPair(opts Options) [2]int {
	n := len(opts.Versions)
	p := opts.Pair
	if n >= 2 && p[0] != p[1] && p[0] >= 0 && p[1] >= 0 && p[0] < n && p[1] < n {
		return p
	}
	if n >= 2 {
		return [2]int{n - 2, n - 1}
	}
	return [2]int{0, 1}
}

// multi reports whether the viewer shows a series of more than two
// versions.
func (m Model) multi() bool { return len(m.opts.Versions) > 2 && m.opts.Compare != nil }

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
		return m, nil // an answer for a pair no longer wanted
	}
	m.loading = false
	if msg.err != nil {
		if m.r == nil {
			m.err = msg.err
			return m, nil
		}
		m.pair = m.shown // stay on the pair shown before
		m.setError("comparing versions: " + sanitize(msg.err.Error()))
		return m, nil
	}
	return m, m.show(msg.r)
}

// show makes r the result on screen, keeping the view, folding, ignore
// mask and flagged-only choice.
func (m *Model) show(r *diff.Result) tea.Cmd {
	fold, flagged := m.pane.fold, m.pane.flaggedOnly
	m.r, m.shown = r, m.pair
	m.pane = newPane(r.View(m.ignore), m.keys, m.st, m.mode(), fold, !m.opts.Color)
	m.pane.flaggedOnly = flagged
	m.count()
	m.layout()
	return m.openReview(r)
}

// maskStats holds a result's statistics under ignore masks.
type maskStats map[diff.ClassMask]maskCount

// maskCount is a result's statistics under one mask and the number of runs
// the mask hides.
type maskCount struct {
	stats  diff.Stats
	hidden int
}

// countMasks counts r under every mask i steps through and under ignore.
func countMasks(r *diff.Result, ignore diff.ClassMask) maskStats {
	ms := maskStats{}
	for _, m := range append(slices.Clone(ignoreCycle), ignore) {
		if _, ok := ms[m]; !ok {
			st, hidden := r.View(m).Stats()
			ms[m] = maskCount{st, hidden}
		}
	}
	return ms
}

// count sets the statistics of the result shown under the ignore mask and
// the header's summary of them (both read by every frame).
func (m *Model) count() {
	m.stats, m.hidden = m.statsFor(m.ignore)
	m.summary = counts(m.r, m.stats, m.hidden)
}

// statsFor returns the statistics of the result shown under mask, from the
// cache when they were counted before.
func (m *Model) statsFor(mask diff.ClassMask) (diff.Stats, int) {
	ms := m.statsOf[m.r]
	if c, ok := ms[mask]; ok {
		return c.stats, c.hidden
	}
	st, hidden := m.r.View(mask).Stats()
	if ms == nil {
		ms = maskStats{}
		if m.statsOf == nil {
			m.statsOf = map[*diff.Result]maskStats{}
		}
		m.statsOf[m.r] = ms
	}
	ms[mask] = maskCount{st, hidden}
	return st, hidden
}

// cycleIgnore steps the ignore mask: none → typography → typography and
// style → none.
func (m *Model) cycleIgnore() tea.Cmd {
	next := ignoreCycle[0]
	for i, c := range ignoreCycle {
		if c == m.ignore {
			next = ignoreCycle[(i+1)%len(ignoreCycle)]
		}
	}
	m.ignore = next
	m.pane.setIgnore(next)
	m.count()
	switch next {
	case 0:
		m.setMessage("showing every change")
	case diff.IgnoreTypography:
		m.setMessage(strconv.Itoa(m.hidden) + " typographic " + plural(m.hidden, "change", "changes") + " hidden")
	default:
		m.setMessage(strconv.Itoa(m.hidden) + " typographic and style " + plural(m.hidden, "change", "changes") + " hidden")
	}
	return m.rev.setMask(next)
}

// switchPair shows versions i and j, from the cache or by comparing them
// off the UI loop.
func (m Model) switchPair(i, j int) (tea.Model, tea.Cmd) {
	n := len(m.opts.Versions)
	if i < 0 || j < 0 || i >= n || j >= n || i == j {
		m.setError("want two different versions from 1 to " + strconv.Itoa(n))
		return m, nil
	}
	p := [2]int{i, j}
	if p == m.pair && m.r != nil {
		m.setMessage("already showing " + versionLabel(i) + " → " + versionLabel(j))
		return m, nil
	}
	m.pair = p
	if r, ok := m.results[p]; ok {
		return m, m.show(r)
	}
	m.loading = true
	m.progressLast = progressMsg{}
	m.progress = newProgress()
	return m, tea.Batch(m.load(), m.waitProgress(), m.spin.Tick)
}

// stepPair shows the next (or previous) pair of consecutive versions. From
// a pair that spans several versions, > shows its first step and < its
// last.
func (m Model) stepPair(next bool) (tea.Model, tea.Cmd) {
	if !m.multi() {
		m.setMessage("only two versions")
		return m, nil
	}
	lo, hi := min(m.pair[0], m.pair[1]), max(m.pair[0], m.pair[1])
	n := len(m.opts.Versions)
	switch {
	case hi-lo > 1 && next:
		return m.switchPair(lo, lo+1)
	case hi-lo > 1:
		return m.switchPair(hi-1, hi)
	case next && hi+1 >= n:
		m.setMessage(versionLabel(lo) + " → " + versionLabel(hi) + " is the last pair")
		return m, nil
	case next:
		return m.switchPair(hi, hi+1)
	case lo == 0:
		m.setMessage(versionLabel(lo) + " → " + versionLabel(hi) + " is the first pair")
		return m, nil
	}
	return m.switchPair(lo-1, lo)
}

// openPicker lists every pair of versions to choose from.
func (m Model) openPicker() (tea.Model, tea.Cmd) {
	if !m.multi() {
		m.setMessage("only two versions")
		return m, nil
	}
	n := len(m.opts.Versions)
	l := list{title: "Compare versions: type two numbers (1 3) or choose, enter to compare, esc to close"}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if [2]int{i, j} == m.pair || [2]int{j, i} == m.pair {
				l.cursor = len(l.items)
			}
			spans := []render.Span{{Text: padRight(versionLabel(i)+" → "+versionLabel(j), 12), Style: render.Gutter},
				{Text: sanitize(m.opts.Versions[i]) + " → " + sanitize(m.opts.Versions[j]), Style: render.Plain}}
			if j == i+1 {
				spans = append(spans, render.Span{Text: "  (consecutive)", Style: render.Note})
			}
			l.items = append(l.items, listItem{spans: spans, block: -1, pair: -1, from: i, to: j})
		}
	}
	m.list = l
	m.overlay = overlayPicker
	return m, nil
}

// overlayKey handles a key while the findings list or the picker is open.
func (m Model) overlayKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	top, bottom := m.chrome()
	height := max(m.h-top-bottom-1, 1)
	k := m.keys
	picker := m.overlay == overlayPicker
	switch s := msg.String(); {
	case s == "esc" || (!picker && (key.Matches(msg, k.Findings))) || (picker && key.Matches(msg, k.Pick)):
		if picker && m.list.typed != "" && s == "esc" {
			m.list.typed = ""
			return m, nil
		}
		m.overlay = overlayNone
		return m, nil
	case picker && pairText(msg.Text):
		m.list.typed += msg.Text // the space key's String is "space", its Text " "
		return m, nil
	case picker && s == "backspace":
		if t := m.list.typed; t != "" {
			m.list.typed = t[:len(t)-1]
		}
		return m, nil
	case s == "enter":
		m.overlay = overlayNone
		if picker {
			if m.list.typed != "" {
				i, j, ok := parsePairText(m.list.typed)
				if !ok {
					m.setError("type two version numbers, as in 1 3")
					m.overlay = overlayPicker
					return m, nil
				}
				return m.switchPair(i-1, j-1)
			}
			if m.list.cursor < len(m.list.items) {
				it := m.list.items[m.list.cursor]
				return m.switchPair(it.from, it.to)
			}
			return m, nil
		}
		if m.list.cursor < len(m.list.items) {
			it := m.list.items[m.list.cursor]
			if it.block >= 0 {
				m.pane.goTo(it.block, it.pair)
			}
		}
		return m, nil
	}
	m.list.update(msg, k, height)
	return m, nil
}

// pairText reports whether t is one character of a typed version pair: a
// digit, a space, a comma or a dash.
func pairText(t string) bool {
	r := []rune(t)
	return len(r) == 1 && (unicode.IsDigit(r[0]) || strings.ContainsRune(" ,-", r[0]))
}

// parsePairText reads two 1-based version numbers typed in the picker:
// "1 3", "1,3", "1-3", or "13" when both have one digit.
func parsePairText(s string) (int, int, bool) {
	f := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsDigit(r) })
	if len(f) == 1 && len(f[0]) == 2 {
		f = []string{f[0][:1], f[0][1:]}
	}
	if len(f) != 2 {
		return 0, 0, false
	}
	i, err1 := strconv.Atoi(f[0])
	j, err2 := strconv.Atoi(f[1])
	return i, j, err1 == nil && err2 == nil
}

// openHistory shows the history view, tracing the history off the UI loop
// the first time.
func (m Model) openHistory() (tea.Model, tea.Cmd) {
	switch {
	case !m.multi():
		m.setMessage("only two versions")
		return m, nil
	case m.opts.History == nil:
		m.setError("no history available")
		return m, nil
	}
	m.showHist = true
	if m.hist != nil || m.histLoading {
		return m, nil
	}
	m.histLoading = true
	h := m.opts.History
	return m, tea.Batch(func() tea.Msg { return historyMsg{h()} }, m.spin.Tick)
}

// historyKey handles a key in the history view.
func (m Model) historyKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.History):
		m.showHist = false
		return m, nil
	case key.Matches(msg, k.Clear):
		if m.hv.query != "" {
			m.hv.setQuery("")
		} else {
			m.showHist = false
		}
		return m, nil
	case m.hist == nil:
		return m, nil
	case key.Matches(msg, k.Search):
		return m, m.openPrompt(promptSearch, "/", "")
	}
	if note := m.hv.update(msg, k); note != "" {
		m.setMessage(note)
	}
	return m, nil
}
