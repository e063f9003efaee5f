package tui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/internal/render"
)

// mode is the layout the current size and choices call for.
func (m Model) mode() render.Mode {
	switch {
	case m.sentences:
		return render.Sentences
	case m.inline > 0:
		return render.Inline
	case m.inline < 0:
		return render.SideBySide
	case m.width > 0 && m.width < inlineBelow:
		return render.Inline
	}
	return render.SideBySide
}

// chrome returns the number of lines above and below the body.
func (m Model) chrome() (top, bottom int) { return 1, 1 }

// bodyHeight is the number of lines between the header and the status
// line.
func (m Model) bodyHeight() int {
	top, bottom := m.chrome()
	return max(m.h-top-bottom, 0)
}

// layout sizes every child for the window.
func (m *Model) layout() {
	if m.r == nil {
		return
	}
	mode := m.mode()
	if mode == render.Sentences && m.width < render.MinWidth(m.r, render.Sentences) {
		mode = render.SideBySide // sentences need two panes
	}
	if mode != render.Inline && m.width < render.MinWidth(m.r, render.SideBySide) {
		mode = render.Inline
	}
	m.pane.setView(mode, m.pane.fold)
	body := m.bodyHeight()
	m.pane.SetSize(m.width, body)
	if m.pane.cursor < len(m.pane.entries) {
		m.pane.ensureVisible(m.pane.cursor)
	}
	top, _ := m.chrome()
	if m.hist != nil {
		m.hv.SetSize(m.width, body)
		m.hv.y0 = top
	}
	m.list.SetSize(m.width, body)
	m.list.y0 = top + 1 // under the list's title
}

// tooSmall reports whether the window cannot hold the viewer.
func (m Model) tooSmall() bool {
	top, bottom := m.chrome()
	if m.width < minWidth || m.h < minHeight || m.h-top-bottom < 1 {
		return true
	}
	return m.r != nil && m.width < render.MinWidth(m.r, render.Inline)
}

// View draws the screen.
func (m Model) View() tea.View {
	v := tea.NewView(m.content())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "storydiff"
	if m.r != nil {
		v.WindowTitle = "storydiff: " + sanitize(m.r.Old.Name) + " → " + sanitize(m.r.New.Name)
	}
	if m.screen == screenLoading || m.under == screenLoading {
		p := m.progressLast
		if p.total > 0 {
			v.ProgressBar = tea.NewProgressBar(tea.ProgressBarDefault, min(p.done*100/p.total, 100))
		} else {
			v.ProgressBar = tea.NewProgressBar(tea.ProgressBarIndeterminate, 0)
		}
	}
	return v
}

// content is the text of the screen: header, body, status line.
func (m Model) content() string {
	if m.width == 0 || m.h == 0 {
		return ""
	}
	if m.tooSmall() {
		return fit("Too small: storydiff needs "+
			strconv.Itoa(max(minWidth, m.minWidth()))+"×"+strconv.Itoa(minHeight)+" (q quits)", m.width, m.h)
	}
	body := m.bodyHeight()
	switch m.base() {
	case screenError:
		if m.screen == screenHelp {
			break
		}
		return fit("storydiff: "+sanitize(m.err.Error())+"\n\nPress q to quit.", m.width, m.h)
	case screenLoading:
		if m.screen == screenHelp {
			break
		}
		return m.loadingView()
	}
	var b strings.Builder
	if m.under == screenHistory && m.hist != nil {
		b.WriteString(m.hv.legend(m.width))
	} else if m.r != nil {
		b.WriteString(m.header())
	} else {
		b.WriteString(m.st.header.Render(pad(m.width)))
	}
	b.WriteByte('\n')
	switch {
	case m.screen == screenHelp:
		b.WriteString(lines(m.fullHelp(), body))
	case m.under == screenFindings || m.under == screenPicker:
		b.WriteString(m.list.View())
	case m.under == screenHistory && m.hist == nil:
		b.WriteString(lines(fit(" "+m.spin.View()+" tracing the history of "+strconv.Itoa(len(m.opts.Versions))+" versions…", m.width, body), body))
	case m.under == screenHistory:
		b.WriteString(m.hv.View())
	default:
		b.WriteString(m.pane.View())
	}
	b.WriteByte('\n')
	b.WriteString(m.statusLine())
	return b.String()
}

// fullHelp is the help shown by ? in place of the body: the bindings live
// on the screen under it, in columns flowed into as many bands as the
// window's width needs, each line cut to the width.
func (m Model) fullHelp() string {
	const gap = "   "
	var bands, band []string
	bandW := 0
	for _, group := range m.keys.FullHelp() {
		live := false
		for _, b := range group {
			live = live || b.Enabled()
		}
		if !live {
			continue
		}
		col := m.help.FullHelpView([][]key.Binding{group})
		w := lipgloss.Width(col)
		if len(band) > 0 && bandW+len(gap)+w > m.width-1 {
			bands = append(bands, lipgloss.JoinHorizontal(lipgloss.Top, band...))
			band, bandW = nil, 0
		}
		if len(band) > 0 {
			band = append(band, gap)
			bandW += len(gap)
		} else {
			band = append(band, " ")
			bandW++
		}
		band = append(band, col)
		bandW += w
	}
	if len(band) > 0 {
		bands = append(bands, lipgloss.JoinHorizontal(lipgloss.Top, band...))
	}
	title := m.st.title.Render(" Keys of the " + m.under.String() + " screen")
	out := strings.Split(title+"\n\n"+strings.Join(bands, "\n\n"), "\n")
	for i, l := range out {
		out[i] = ansi.Truncate(strings.TrimRight(l, " "), m.width, "")
	}
	return strings.Join(out, "\n")
}

// lines returns s cut or padded to exactly n lines.
func lines(s string, n int) string {
	ls := strings.Split(s, "\n")
	if len(ls) > n {
		ls = ls[:n]
	}
	for len(ls) < n {
		ls = append(ls, "")
	}
	return strings.Join(ls, "\n")
}

func (m Model) minWidth() int {
	if m.r == nil {
		return minWidth
	}
	return render.MinWidth(m.r, render.Inline)
}

// fit wraps a message to the window, cutting what does not fit.
func fit(s string, w, h int) string {
	lines := strings.Split(lipgloss.NewStyle().Width(w).Render(s), "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	return strings.Join(lines, "\n")
}

// loadingView shows the loader's stage and progress.
func (m Model) loadingView() string {
	p := m.progressLast
	stage := p.stage
	if stage == "" {
		stage = "loading"
	}
	line := m.spin.View() + " " + sanitize(stage)
	if p.total > 0 {
		barW := max(min(m.width-len(line)-12, 40), 5)
		filled := min(p.done*barW/p.total, barW)
		line += "  " + strings.Repeat("█", filled) + strings.Repeat("░", barW-filled) +
			" " + strconv.Itoa(min(p.done*100/p.total, 100)) + "%"
	}
	return fit(line+"\n\n"+"q quits", m.width, m.h)
}

// counts summarises the result with the gutter's markers, from st (the
// statistics under the ignore mask, which hid hidden runs): the old
// version's counts, shown over the old pane, and the new version's with
// the moved, split and merged blocks, shown over the new one. Each
// version's paragraph total is the sum of the counts after it, as in the
// text export's header and the JSON stats: "old 13: =2 ~8 ‹3›" reads 2
// unchanged, 8 changed, 3 boilerplate (zero counts are left out). A result
// with nothing to count has only a word for the new side.
func counts(r *diff.Result, st diff.Stats, hidden int) (old, new string) {
	if r.Equal() {
		return "", "no differences"
	}
	side := func(name string, total, eq, changed, gone int, goneMark string, bp int) string {
		s := name + " " + strconv.Itoa(total) + ":"
		for _, c := range []struct {
			n    int
			mark string
		}{{eq, "="}, {changed, "~"}, {gone, goneMark}} {
			if c.n > 0 {
				s += " " + c.mark + strconv.Itoa(c.n)
			}
		}
		if bp > 0 {
			s += " ‹" + strconv.Itoa(bp) + "›"
		}
		if total == 0 {
			s += " none"
		}
		return s
	}
	parts := []string{
		side("new", st.NewParagraphs, st.NewEqual, st.NewChanged, st.NewAdded, "+", st.NewBoilerplate),
	}
	if st.Moved > 0 {
		parts = append(parts, "↕"+strconv.Itoa(st.Moved))
	}
	if st.Split > 0 {
		parts = append(parts, strconv.Itoa(st.Split)+" split")
	}
	if st.Merged > 0 {
		parts = append(parts, strconv.Itoa(st.Merged)+" merged")
	}
	if st.Changed+st.Added+st.Removed+st.Moved == 0 {
		if hidden > 0 {
			return "", "every change hidden"
		}
		return "", "boilerplate changes only"
	}
	return side("old", st.OldParagraphs, st.OldEqual, st.OldChanged, st.OldRemoved, "-", st.OldBoilerplate),
		strings.Join(parts, " ")
}

// flagSummary counts the flagged changes by flag, NEG 1 · NUM 1 · QUOTE 6,
// or "" when none is flagged.
func flagSummary(st diff.Stats) string {
	var parts []string
	for _, f := range []struct {
		name string
		n    int
	}{{"NEG", st.Negations}, {"REV", st.Reversals}, {"NUM", st.Numbers}, {"QUOTE", st.Quotes}, {"NAME", st.Names}, {"ATTR", st.Attributions}} {
		if f.n > 0 {
			parts = append(parts, f.name+" "+strconv.Itoa(f.n))
		}
	}
	return strings.Join(parts, " · ")
}

// spread puts left and right at the ends of width cells, cutting left (and
// then right) when they do not fit.
func spread(left, right string, width int) string {
	rw := lipgloss.Width(right)
	if rw > width-8 {
		right, rw = "", 0
	}
	left = truncate(left, width-rw-1)
	return left + pad(width-lipgloss.Width(left)-rw) + right
}

func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if lipgloss.Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w-1, "") + "…"
}

func pad(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat(" ", n)
}
