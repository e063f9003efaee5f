package tui

import (
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

// placeFunc finds, in a newly shown result, the block and pair (-1: the
// whole block) to put the cursor on; -1, -1 for none.
type placeFunc func(r *diff.Result) (block, pair int)

// show makes r the result on screen, keeping the view, folding, ignore
// mask and flagged-only choice, and the reader's place when one was set.
func (m *Model) show(r *diff.Result) tea.Cmd {
	fold, flagged := m.pane.fold, m.pane.flaggedOnly
	m.r, m.shown = r, m.pair
	m.pane = newPane(r.View(m.ignore), m.keys, m.st, m.mode(), fold, !m.opts.Color)
	m.pane.flaggedOnly = flagged
	m.count()
	if m.screen == screenLoading || m.under == screenLoading {
		m.enter(screenPager)
	}
	m.layout()
	if place := m.place; place != nil {
		m.place = nil
		if bi, pi := place(r); bi >= 0 {
			m.pane.goTo(bi, pi)
			m.pane.jumps = nil
		}
	}
	return m.openReview(r)
}

// placeFor returns how to keep the reader's place when going to pair np:
// the paragraph under the cursor, in the version both pairs share.
func (m *Model) placeFor(np [2]int) placeFunc {
	if m.r == nil || m.pane.cursor >= len(m.pane.entries) {
		return nil
	}
	e := m.pane.entries[m.pane.cursor]
	b := &m.r.Blocks[e.Block]
	oldP, newP := b.Old, b.New
	if e.Kind == render.RowSentence {
		pr := &b.Pairs[e.Pair]
		oldP, newP = nil, nil
		if !pr.OldRef.IsNone() {
			oldP = []int{pr.OldRef.Para}
		}
		if !pr.NewRef.IsNone() {
			newP = []int{pr.NewRef.Para}
		}
	}
	if e.Kind == render.RowGhost {
		newP = nil
	}
	v, para := -1, -1
	switch {
	case len(newP) > 0 && (m.shown[1] == np[0] || m.shown[1] == np[1]):
		v, para = m.shown[1], newP[0]
	case len(oldP) > 0 && (m.shown[0] == np[0] || m.shown[0] == np[1]):
		v, para = m.shown[0], oldP[0]
	default:
		return nil
	}
	return func(r *diff.Result) (int, int) {
		switch {
		case v == np[0] && para < len(r.Old.Paragraphs):
			return r.BlockOfOld(para), -1
		case v == np[1] && para < len(r.New.Paragraphs):
			return r.BlockOfNew(para), -1
		}
		return -1, -1
	}
}

// maskStats holds a result's statistics under ignore masks.
type maskStats map[diff.ClassMask]maskCount

// maskCount is a result's statistics under one mask and the number of runs
// the mask hides.
type maskCount struct {
	stats  diff.Stats
	hidden int
}

// countMasks counts r under each of masks not counted yet in have (nil:
// none counted), as the statistics of a new entry of the cache.
// Unmasked, the statistics are r's own (diff.View.Stats says so) and cost
// nothing.
func countMasks(r *diff.Result, have maskStats, masks ...diff.ClassMask) maskStats {
	ms := maskStats{}
	for _, m := range masks {
		if _, ok := have[m]; ok {
			continue
		}
		if _, ok := ms[m]; ok {
			continue
		}
		if m == 0 {
			ms[m] = maskCount{r.Stats, 0}
			continue
		}
		st, hidden := r.View(m).Stats()
		ms[m] = maskCount{st, hidden}
	}
	return ms
}

// countedMsg carries statistics of r under more masks, counted off the UI
// loop after its first frame.
type countedMsg struct {
	r     *diff.Result
	stats maskStats
}

// countRest returns the command that counts r under the masks i steps
// through that are not cached yet, or nil when all are. Counting walks
// every word (about 20 ms a mask on a 10 MB pair), so the load counts
// only the mask shown and this runs once the result is on screen; i then
// finds its counts cached.
func (m *Model) countRest(r *diff.Result) tea.Cmd {
	have := m.statsOf[r]
	var todo []diff.ClassMask
	for _, mask := range ignoreCycle {
		if _, ok := have[mask]; !ok {
			todo = append(todo, mask)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	return func() tea.Msg { return countedMsg{r, countMasks(r, nil, todo...)} }
}

// counted caches statistics counted off the UI loop (countRest).
func (m Model) counted(msg countedMsg) (tea.Model, tea.Cmd) {
	ms := m.statsOf[msg.r]
	if ms == nil {
		ms = maskStats{}
		m.statsOf[msg.r] = ms
	}
	for mask, c := range msg.stats {
		if _, ok := ms[mask]; !ok {
			ms[mask] = c
		}
	}
	return m, nil
}

// count sets the statistics of the result shown under the ignore mask and
// the header's summary of them (both read by every frame).
func (m *Model) count() {
	m.stats, m.hidden = m.statsFor(m.ignore)
	m.summaryOld, m.summary = counts(m.r, m.stats, m.hidden)
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
	rematch := m.rev.setMask(next)
	switch next {
	case 0:
		return tea.Batch(rematch, note("showing every change"))
	case diff.IgnoreTypography:
		return tea.Batch(rematch, note(strconv.Itoa(m.hidden)+" typographic "+plural(m.hidden, "change", "changes")+" hidden"))
	}
	return tea.Batch(rematch, note(strconv.Itoa(m.hidden)+" typographic and style "+plural(m.hidden, "change", "changes")+" hidden"))
}

// switchPair shows versions i and j, from the cache or by comparing them
// off the UI loop; place, when set, says where to put the cursor.
func (m Model) switchPair(i, j int, place placeFunc) (Model, tea.Cmd) {
	n := len(m.opts.Versions)
	if i < 0 || j < 0 || i >= n || j >= n || i == j {
		return m, fail("want two different versions from 1 to " + strconv.Itoa(n))
	}
	p := [2]int{i, j}
	if p == m.pair && m.r != nil {
		if place != nil {
			if bi, pi := place(m.r); bi >= 0 {
				m.pane.goTo(bi, pi)
			}
			return m, nil
		}
		return m, note("already showing " + versionLabel(i) + " → " + versionLabel(j))
	}
	m.pair, m.place = p, place
	if r, ok := m.results[p]; ok {
		return m, tea.Batch(m.show(r), m.countRest(r))
	}
	m.progressLast = progressMsg{}
	m.progress = newProgress()
	m.enter(screenLoading)
	return m, tea.Batch(m.load(), m.waitProgress(), m.spin.Tick)
}

// stepPair shows the next (or previous) pair of consecutive versions,
// keeping the reader on the same paragraph. From a pair that spans several
// versions, > shows its first step and < its last.
func (m Model) stepPair(next bool) (Model, tea.Cmd) {
	lo, hi := min(m.pair[0], m.pair[1]), max(m.pair[0], m.pair[1])
	n := len(m.opts.Versions)
	var np [2]int
	switch {
	case hi-lo > 1 && next:
		np = [2]int{lo, lo + 1}
	case hi-lo > 1:
		np = [2]int{hi - 1, hi}
	case next && hi+1 >= n:
		return m, note(versionLabel(lo) + " → " + versionLabel(hi) + " is the last pair")
	case next:
		np = [2]int{hi, hi + 1}
	case lo == 0:
		return m, note(versionLabel(lo) + " → " + versionLabel(hi) + " is the first pair")
	default:
		np = [2]int{lo - 1, lo}
	}
	return m.switchPair(np[0], np[1], m.placeFor(np))
}

// pickerList lists every pair of versions to choose from.
func (m Model) pickerList() list {
	n := len(m.opts.Versions)
	names := shortNames(m.opts.Versions)
	var items []listItem
	cursor := 0
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if [2]int{i, j} == m.pair || [2]int{j, i} == m.pair {
				cursor = len(items)
			}
			spans := []render.Span{{Text: padRight(versionLabel(i)+" → "+versionLabel(j), 12), Style: render.Gutter},
				{Text: sanitize(names[i]) + " → " + sanitize(names[j]), Style: render.Plain}}
			if j == i+1 {
				spans = append(spans, render.Span{Text: "  (consecutive)", Style: render.Note})
			}
			items = append(items, listItem{spans: spans, block: -1, pair: -1, from: i, to: j})
		}
	}
	l := newList("Compare versions: type two numbers (1 3) or choose, enter to compare, esc to close",
		"no versions", items, m.st)
	l.picker = true
	l.cursor = cursor
	return l
}

// listKey handles a key while the findings list or the picker is open.
func (m Model) listKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	picker := m.screen == screenPicker
	switch {
	case picker && m.list.typed != "" && msg.String() == "esc":
		m.list.typed = ""
		return m, nil
	case key.Matches(msg, k.Close, k.Findings, k.Pick):
		m.leave()
		return m, nil
	case key.Matches(msg, k.Help):
		m.enter(screenHelp)
		return m, nil
	case key.Matches(msg, k.Jump):
		return m.chooseItem()
	}
	var cmd tea.Cmd
	m.list, cmd = m.list.Update(msg)
	return m, cmd
}

// chooseItem acts on the list's cursor (or typed pair): go to a finding,
// compare two versions.
func (m Model) chooseItem() (Model, tea.Cmd) {
	if m.screen == screenPicker && m.list.typed != "" {
		i, j, ok := parsePairText(m.list.typed)
		if !ok {
			return m, fail("type two version numbers, as in 1 3")
		}
		m.leave()
		return m.switchPair(i-1, j-1, nil)
	}
	it, ok := m.list.selected()
	m.leave()
	switch {
	case !ok:
	case m.under == screenPager && it.from != it.to:
		return m.switchPair(it.from, it.to, nil)
	case it.block >= 0:
		m.pane.goTo(it.block, it.pair)
	}
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
func (m Model) openHistory() (Model, tea.Cmd) {
	if m.opts.History == nil {
		return m, fail("no history available")
	}
	m.enter(screenHistory)
	if m.hist != nil || m.histLoading {
		return m, nil
	}
	m.histLoading = true
	h := m.opts.History
	return m, tea.Batch(func() tea.Msg { return historyMsg{h()} }, m.spin.Tick)
}

// historyKey handles a key in the history view.
func (m Model) historyKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Clear):
		m.hv.setQuery("")
		return m, nil
	case key.Matches(msg, k.Close, k.History):
		m.leave()
		return m, nil
	case key.Matches(msg, k.Help):
		m.enter(screenHelp)
		return m, nil
	case m.hist == nil:
		return m, nil
	case key.Matches(msg, k.Search):
		return m, m.openPrompt(promptSearch, "/", "")
	case key.Matches(msg, k.Jump):
		return m.openChange()
	}
	if cmd := m.inactive(msg); cmd != nil {
		return m, cmd
	}
	var cmd tea.Cmd
	m.hv, cmd = m.hv.Update(msg)
	return m, cmd
}

// openChange opens the pair of versions in which the sentence under the
// history cursor last changed, with the cursor on that sentence.
func (m Model) openChange() (Model, tea.Cmd) {
	para, sent, ok := m.hv.current()
	if !ok {
		return m, nil
	}
	h := m.hist
	o := h.Origins[para][sent]
	last := o.LastChanged
	if last == 0 {
		if len(h.Versions) < 2 {
			return m, note("unchanged since " + versionLabel(0))
		}
		last = 1 // unchanged since v1: show it in the first step
	}
	// Follow the sentence back from the latest version to version last.
	ref := diff.SentRef{Para: para, Sent: sent}
	for k := len(h.Steps) - 1; k >= last; k-- {
		if h.Steps[k] == nil || !hasSentence(h.Steps[k].New, ref) {
			break
		}
		_, pr := h.Steps[k].NewPair(ref)
		if pr.OldRef.IsNone() {
			break
		}
		ref = pr.OldRef
	}
	step := [2]int{last - 1, last}
	if _, ok := m.results[step]; !ok && last-1 < len(h.Steps) && h.Steps[last-1] != nil {
		m.results[step] = h.Steps[last-1] // already computed by the history
	}
	m.leave()
	msg := "sentence " + strconv.Itoa(sent+1) + " of ¶" + strconv.Itoa(para+1) + " last changed in " + versionLabel(last)
	if o.LastChanged == 0 {
		msg = "sentence " + strconv.Itoa(sent+1) + " of ¶" + strconv.Itoa(para+1) + " unchanged since " + versionLabel(0)
	}
	m, cmd := m.switchPair(step[0], step[1], func(r *diff.Result) (int, int) {
		if !hasSentence(r.New, ref) {
			return -1, -1
		}
		bi, pr := r.NewPair(ref)
		for k := range r.Blocks[bi].Pairs {
			if &r.Blocks[bi].Pairs[k] == pr {
				return bi, k
			}
		}
		return bi, -1
	})
	return m, tea.Batch(cmd, note(msg))
}

// hasSentence reports whether d has sentence ref.
func hasSentence(d *diff.Document, ref diff.SentRef) bool {
	return d != nil && ref.Para >= 0 && ref.Sent >= 0 && ref.Para < len(d.Paragraphs) &&
		ref.Sent < len(d.Paragraphs[ref.Para].Sentences)
}
