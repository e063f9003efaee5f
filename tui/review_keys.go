package tui

import (
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/review"
	"github.com/storydiff/storydiff/internal/render"
)

// The review in the viewer: x checks (or unchecks) the change under the
// cursor, c asks for a query note (an empty note clears the query), the
// gutter shows ✓ and ?, the status line "reviewed 5/23 · 1 queried", m
// walks flagged, then unreviewed changes only, and n says at the end how
// many are left. Marks are saved off the UI loop (see reviewer).

// openReview starts loading the review of r, the result now shown.
func (m *Model) openReview(r *diff.Result) tea.Cmd {
	m.pane.setMarks(nil)
	return m.rev.open(r, m.ignore)
}

// reviewMsg takes a loaded or saved review.
func (m Model) reviewMsg(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	switch msg := msg.(type) {
	case reviewLoadedMsg:
		if warn := m.rev.loaded(msg); warn != "" {
			cmds = append(cmds, fail(warn))
		}
	case reviewSavedMsg:
		next, text, isErr := m.rev.saved(msg)
		cmds = append(cmds, next)
		if isErr {
			cmds = append(cmds, fail(text))
		}
	}
	m.syncMarks()
	m.setKeys() // m's help depends on whether a review is shown
	return m, tea.Batch(cmds...)
}

// syncMarks gives the pane the review states of the changes shown, and
// the history view those of the latest version's sentences.
func (m *Model) syncMarks() {
	st := m.rev.st
	if st == nil || m.rev.r != m.r || m.r == nil {
		m.pane.setMarks(nil)
		m.hv.setMarks(nil)
		return
	}
	marks := make(map[int]review.State, len(st.Changes))
	for i := range st.Changes {
		marks[st.Changes[i].Block] = st.State(i)
	}
	m.pane.setMarks(marks)
	m.hv.setMarks(m.histMarks())
}

// histMarks returns the review marks of the latest version's sentences
// for the history view: those of the changed (or moved) sentences of each
// marked change, when the pair shown ends with the latest version (the
// one the history view shows); nil otherwise.
func (m *Model) histMarks() map[[2]int]string {
	st := m.rev.st
	if st == nil || m.r == nil || m.rev.r != m.r || m.hist == nil || len(m.hist.Versions) == 0 ||
		m.shown[1] != len(m.hist.Versions)-1 {
		return nil
	}
	out := map[[2]int]string{}
	for i := range st.Changes {
		g := glyph(st.State(i))
		if g == "" {
			continue
		}
		b := &m.r.Blocks[st.Changes[i].Block]
		for _, all := range []bool{false, true} {
			n := 0
			for k := range b.Pairs {
				p := &b.Pairs[k]
				if p.NewRef.IsNone() || (!all && p.Kind == diff.Equal && !p.Moved) {
					continue
				}
				for s := p.NewRef.Sent; s <= p.NewRef.Sent+p.NewMore; s++ {
					out[[2]int{p.NewRef.Para, s}] = g
					n++
				}
			}
			if n > 0 {
				break
			}
		}
	}
	return out
}

// reviewKey handles x and c on the change under the cursor.
func (m Model) reviewKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	switch {
	case !m.rev.on():
		return m, note("reviewing is off (--no-review)")
	case m.rev.st == nil || m.rev.r != m.r:
		return m, note("the review is still loading")
	case len(m.pane.entries) == 0:
		return m, note("nothing to review")
	}
	i := m.rev.index(m.pane.entries[m.pane.cursor].Block)
	if i < 0 {
		return m, note("x and c mark a change: n goes to the next one")
	}
	c := &m.rev.st.Changes[i]
	if key.Matches(msg, m.keys.Query) {
		m.rev.asking = i
		text := ""
		if mk := m.rev.st.Marks[i]; mk != nil && mk.State == review.Queried {
			text = mk.Note
		}
		return m, m.openPrompt(promptQuery, "query "+c.Refs()+" (empty clears): ", text)
	}
	s, what := review.Checked, "checked "
	if m.rev.st.State(i) == review.Checked {
		s, what = review.Unmarked, "unchecked "
	}
	cmd := m.rev.mark(i, s, "")
	m.syncMarks()
	// Said at once, so that a failed save, which comes later, has the
	// last word.
	m.status = statusMsg{text: what + c.Refs()}
	return m, cmd
}

// submitQuery records the query note typed for the change asked about.
func (m Model) submitQuery(text string) (Model, tea.Cmd) {
	i := m.rev.asking
	if m.rev.st == nil || m.rev.r != m.r || i < 0 || i >= len(m.rev.st.Changes) {
		return m, fail("the change asked about is no longer shown")
	}
	refs := m.rev.st.Changes[i].Refs()
	var cmd tea.Cmd
	switch {
	case text != "":
		cmd, m.status = m.rev.mark(i, review.Queried, text), statusMsg{text: "queried " + refs}
	case m.rev.st.State(i) == review.Queried:
		cmd, m.status = m.rev.mark(i, review.Unmarked, ""), statusMsg{text: "query on " + refs + " cleared"}
	default:
		m.status = statusMsg{text: "no query on " + refs}
	}
	m.syncMarks()
	return m, cmd
}

// cycleFilter steps what n and N walk: every change, flagged changes only,
// unreviewed changes only (when a review is shown), every change. The
// message is set at once: m pressed twice quickly must not end on the
// first step's words.
func (m *Model) cycleFilter() tea.Cmd {
	p := &m.pane
	switch {
	case !p.flaggedOnly && !p.unreviewedOnly:
		p.flaggedOnly = true
		m.status = statusMsg{text: "n/N: flagged changes only (" + strconv.Itoa(len(p.flagged)) + ")"}
	case p.flaggedOnly && p.marks != nil:
		p.flaggedOnly, p.unreviewedOnly = false, true
		m.status = statusMsg{text: "n/N: unreviewed changes only (" + strconv.Itoa(len(p.unreviewed)) + ")"}
	default:
		p.flaggedOnly, p.unreviewedOnly = false, false
		m.status = statusMsg{text: "n/N: every change"}
	}
	return nil
}

// markList puts the review mark before each flagged change of the
// findings list.
func (m *Model) markList(l *list) {
	if m.pane.marks == nil {
		return
	}
	for k := range l.items {
		it := &l.items[k]
		mark, st := "  ", render.Plain
		if it.pair >= 0 && it.block >= 0 {
			switch m.pane.marks[it.block] {
			case review.Checked:
				mark, st = "✓ ", render.MarkAdded
			case review.Queried:
				mark, st = "? ", render.MarkChanged
			}
		}
		it.spans = append([]render.Span{{Text: mark, Style: st}}, it.spans...)
	}
	l.render()
}
