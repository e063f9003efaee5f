package tui

import (
	"path"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/storydiff/storydiff/internal/render"
)

// header shows both names above their panes, the counts and the flag
// summary (and, for a series, which pair of versions is shown: v2 → v3 of
// 5). The names are told apart at any width: see twoNames.
func (m Model) header() string {
	flags := flagSummary(m.stats)
	oldName, newName := sanitize(m.r.Old.Name), sanitize(m.r.New.Name)
	var oldTag, newTag, pair string
	if m.multi() {
		oldTag, newTag = versionLabel(m.pair[0])+" ", versionLabel(m.pair[1])+" "
		pair = versionLabel(m.pair[0]) + " → " + versionLabel(m.pair[1]) + " of " + strconv.Itoa(len(m.opts.Versions))
	}
	needOld, needNew := namesNeed(oldName, newName)
	if m.pane.mode != render.Inline {
		half := (m.width - 1) / 2
		rightW := m.width - half - 1
		newW := render.Width(newTag + newName)
		if summary, ok := fitSummary(pair, m.summary, flags, rightW-1-min(newW, 16), rightW-2-len(newTag)-needNew); ok {
			sw := lipgloss.Width(summary)
			o, n := twoNames(oldName, newName, half-1-len(oldTag), rightW-1-sw-1-len(newTag))
			left := " " + oldTag + o
			if room := half - lipgloss.Width(left) - 2; m.summaryOld != "" && lipgloss.Width(m.summaryOld) <= room {
				left += pad(room-lipgloss.Width(m.summaryOld)+1) + m.summaryOld + " "
			}
			right := " " + newTag + n
			right += pad(rightW - lipgloss.Width(right) - sw)
			return m.st.header.Render(left+pad(half-lipgloss.Width(left))) +
				m.st.headerDim.Render("│") + m.st.header.Render(right+summary)
		}
		// The summary does not fit over the right pane: one line for all.
	}
	names := render.Width(oldTag+oldName+newTag+newName) + len("  → ")
	need := len(oldTag) + needOld + len(newTag) + needNew + len("  → ")
	both := m.summary
	if m.summaryOld != "" {
		both = m.summaryOld + " · " + m.summary
	}
	summary, _ := fitSummary(pair, both, flags, m.width-1-min(names, 30), m.width-1-need)
	sw := lipgloss.Width(summary)
	each := (m.width - 1 - len(" → ") - sw - 1) / 2
	o, n := twoNames(oldName, newName, each-len(oldTag), each-len(newTag))
	if slack := each - len(newTag) - render.Width(n); slack > 0 { // give the old name what the new one left
		o, n = twoNames(oldName, newName, each-len(oldTag)+slack, each-len(newTag))
	} else if slack := each - len(oldTag) - render.Width(o); slack > 0 {
		o, n = twoNames(oldName, newName, each-len(oldTag), each-len(newTag)+slack)
	}
	left := " " + oldTag + o + " → " + newTag + n
	return m.st.header.Render(left + pad(m.width-lipgloss.Width(left)-sw) + summary)
}

// fitSummary joins the pair of versions shown, the counts and the flag
// summary, with a trailing space, in w cells (or up to most cells, taken
// from the names, to keep the flags), dropping first the split and merged
// counts, then the separators between flags, then the counts: the pair
// and the flags stay longest. It reports whether the flags fit.
func fitSummary(pair, counts, flags string, w, most int) (string, bool) {
	join := func(parts ...string) string {
		var out []string
		for _, p := range parts {
			if p != "" {
				out = append(out, p)
			}
		}
		return strings.Join(out, " · ") + " "
	}
	short := counts // without the split and merged counts
	if strings.Contains(counts, " split") || strings.Contains(counts, " merged") {
		f := strings.Fields(counts)
		var keep []string
		for k := 0; k < len(f); k++ {
			if k+1 < len(f) && (f[k+1] == "split" || f[k+1] == "merged") {
				k++
				continue
			}
			keep = append(keep, f[k])
		}
		short = strings.Join(keep, " ")
	}
	tight := strings.ReplaceAll(flags, " · ", " ")
	tighter := tightFlags(tight)
	withFlags := []string{join(pair, counts, flags), join(pair, short, flags), join(pair, short, tight),
		join(pair, short, tighter), join(pair, tight), join(short, tight), join(tight), join(pair, tighter), join(tighter)}
	for _, room := range []int{w, max(w, most)} {
		for _, s := range withFlags {
			if lipgloss.Width(s) <= room {
				return s, true
			}
		}
	}
	for _, s := range []string{join(pair, short), join(short)} {
		if lipgloss.Width(s) <= w {
			return s, flags == ""
		}
	}
	return truncate(join(tighter), max(most, 0)), false
}

// tightFlags joins each flag to its count: "NEG 1 NUM 2" → "NEG1 NUM2".
func tightFlags(tight string) string {
	f := strings.Fields(tight)
	var out []string
	for k := 0; k+1 < len(f); k += 2 {
		out = append(out, f[k]+f[k+1])
	}
	return strings.Join(out, " ")
}

// namesNeed returns the cells each name needs to show what tells it from
// the other (see twoNames): all of it when short, else the part that
// differs and an ellipsis on each side.
func namesNeed(a, b string) (int, int) {
	wa, wb := render.Width(a), render.Width(b)
	a, b = dropSharedDir(a, b), dropSharedDir(b, a)
	if ba, bb := path.Base(a), path.Base(b); ba != bb && ba != "." && bb != "." {
		a, b = ba, bb
	}
	ar, br := []rune(a), []rune(b)
	p, s := commonEnds(ar, br)
	na := min(wa, render.Width(string(ar[p:len(ar)-s]))+2)
	nb := min(wb, render.Width(string(br[p:len(br)-s]))+2)
	return na, nb
}

// commonEnds returns how many runes a and b share at their start (p) and,
// after that, at their end (s).
func commonEnds(a, b []rune) (p, s int) {
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	return p, s
}

// twoNames fits two file names in wa and wb cells so that they can be told
// apart: the directory they share is dropped, then each is cut in the
// middle of what they have in common, never in the part that differs
// (unless that part alone is wider than the room; then its middle goes).
func twoNames(a, b string, wa, wb int) (string, string) {
	if render.Width(a) <= wa && render.Width(b) <= wb {
		return a, b // common case
	}
	a, b = dropSharedDir(a, b), dropSharedDir(b, a)
	if render.Width(a) <= wa && render.Width(b) <= wb {
		return a, b
	}
	// Different file names tell the versions apart better than the
	// middle of their directories: keep the names, mark the cut.
	if ba, bb := path.Base(a), path.Base(b); ba != bb && ba != "." && bb != "." {
		short := func(full, base string) string {
			if full == base {
				return base
			}
			return "…/" + base
		}
		a, b = short(a, ba), short(b, bb)
		if render.Width(a) <= wa && render.Width(b) <= wb {
			return a, b
		}
		a, b = ba, bb
	}
	ar, br := []rune(a), []rune(b)
	p, s := commonEnds(ar, br)
	return elide(ar, p, len(ar)-s, wa), elide(br, p, len(br)-s, wb)
}

// dropSharedDir returns a without the directories it shares with b:
// a/b/x.txt against a/b/y.txt is x.txt.
func dropSharedDir(a, b string) string {
	if a == b {
		return a
	}
	ad, bd := strings.Split(a, "/"), strings.Split(b, "/")
	k := 0
	for k < len(ad)-1 && k < len(bd)-1 && ad[k] == bd[k] {
		k++
	}
	return strings.Join(ad[k:], "/")
}

// elide cuts name to w cells, keeping runes [lo, hi) (the part that
// differs from the other name) and as much as fits around it: the end of
// the shared start, the start of the shared end, each cut marked with …
func elide(name []rune, lo, hi, w int) string {
	if w <= 0 {
		return ""
	}
	if render.Width(string(name)) <= w {
		return string(name)
	}
	width := func(rs []rune) int { return render.Width(string(rs)) }
	core := name[lo:hi]
	if cw := width(core); cw > w {
		// Even the differing part does not fit: cut its middle.
		if w < 3 {
			return truncate(string(core), w)
		}
		head := (w - 1) / 2
		tail := w - 1 - head
		return string(takeWidth(core, head, false)) + "…" + string(takeWidth(core, tail, true))
	}
	room := w - width(core)
	before, after := name[:lo], name[hi:]
	// Give the shared end (the extension) up to half, the start the rest;
	// a cut side shows at least its ellipsis.
	var aft []rune
	switch {
	case width(after) <= room/2 || width(after) <= room && len(before) == 0:
		aft = after
	case len(after) > 0 && room > 0:
		aft = append(takeWidth(after, max(room/2-1, 0), false), '…')
	}
	room -= width(aft)
	var bef []rune
	switch {
	case width(before) <= room:
		bef = before
	case room > 0:
		bef = append([]rune{'…'}, takeWidth(before, room-1, true)...)
	}
	return string(bef) + string(core) + string(aft)
}

// takeWidth returns the first (or, with fromEnd, the last) runes of rs
// that fit in w cells.
func takeWidth(rs []rune, w int, fromEnd bool) []rune {
	used, n := 0, 0
	for n < len(rs) {
		r := rs[n]
		if fromEnd {
			r = rs[len(rs)-1-n]
		}
		rw := render.Width(string(r))
		if used+rw > w {
			break
		}
		used += rw
		n++
	}
	if fromEnd {
		return rs[len(rs)-n:]
	}
	return rs[:n]
}

// statusLine shows the position, the mode, a message and key hints.
func (m Model) statusLine() string {
	if m.screen == screenPrompt {
		return m.prompt.View()
	}
	switch m.under {
	case screenFindings:
		return m.statusBar([]string{"findings " + strconv.Itoa(min(m.list.cursor+1, len(m.list.items))) +
			"/" + strconv.Itoa(len(m.list.items))})
	case screenPicker:
		return m.statusBar([]string{"compare two versions"})
	case screenHistory:
		line, lines, pct, match := m.hv.position()
		parts := []string{"history", "sentence " + strconv.Itoa(line) + "/" + strconv.Itoa(lines), strconv.Itoa(pct) + "%"}
		if m.hv.query != "" {
			parts = append(parts, "/"+sanitize(m.hv.query)+" "+strconv.Itoa(match)+"/"+strconv.Itoa(len(m.hv.matches)))
		}
		return m.statusBar(parts)
	}
	if m.r == nil {
		return m.statusBar(nil)
	}
	pos := m.pane.position()
	para := "¶ " + strconv.Itoa(pos.para) + "/" + strconv.Itoa(pos.paras)
	if pos.old {
		para = "old " + para
	}
	parts := []string{para}
	switch {
	case m.pane.unreviewedOnly:
		parts = append(parts, "unreviewed only "+strconv.Itoa(pos.unreviewed)+"/"+strconv.Itoa(pos.unreviewedN))
	case m.pane.flaggedOnly:
		parts = append(parts, "flagged only "+strconv.Itoa(pos.flag)+"/"+strconv.Itoa(pos.flags))
	case pos.changes > 0:
		unit := "change "
		if m.pane.mode == render.Sentences {
			unit = "sentence change "
		}
		parts = append(parts, unit+strconv.Itoa(pos.change)+"/"+strconv.Itoa(pos.changes))
	default:
		parts = append(parts, "no changes")
	}
	if p := m.rev.progress(); p != "" {
		parts = append(parts, p)
	}
	parts = append(parts, strconv.Itoa(pos.percent)+"%")
	mode := m.pane.mode.String()
	if m.pane.fold {
		mode += ", folded"
	}
	parts = append(parts, mode)
	if m.ignore != 0 {
		parts = append(parts, strconv.Itoa(m.hidden)+" hidden ("+ignoreName(m.ignore)+")")
	}
	if m.pane.query != "" {
		parts = append(parts, "/"+sanitize(m.pane.query)+" "+strconv.Itoa(pos.match)+"/"+strconv.Itoa(len(m.pane.matches)))
	}
	return m.statusBar(parts)
}

// minMessage is the room a status message keeps however long the
// position is.
const minMessage = 16

// statusBar draws the status line: parts on the left, then the message or
// the short help of the live keys on the right. A long message is cut
// before the position is; the position keeps its first part always.
func (m Model) statusBar(parts []string) string {
	left := " " + strings.Join(parts, " · ")
	var right string
	style := m.st.status
	if m.status.text != "" {
		right = sanitize(m.status.text) + " "
		style = m.st.message
		if m.status.isErr {
			style = m.st.errorMsg
		}
	} else {
		h := m.help
		h.SetWidth(max(m.width-lipgloss.Width(left)-2, 0))
		right = h.ShortHelpView(m.keys.ShortHelp())
		if right != "" {
			right += " "
		}
	}
	lw, rw := lipgloss.Width(left), lipgloss.Width(right)
	if lw+rw+1 > m.width {
		if m.status.text == "" {
			right, rw = "", 0
		} else {
			// Drop the position's minor parts (mode, percent…) to show the
			// message whole; keep the paragraph and the change; then cut
			// the message, down to minMessage.
			for len(parts) > 2 && lw+rw+1 > m.width {
				parts = parts[:len(parts)-1]
				left = " " + strings.Join(parts, " · ")
				lw = lipgloss.Width(left)
			}
			right = truncate(right, max(m.width-lw-1, min(minMessage, m.width-1)))
			rw = lipgloss.Width(right)
		}
	}
	left = truncate(left, m.width-rw)
	lw = lipgloss.Width(left)
	if m.status.text != "" {
		return m.st.status.Render(left+pad(m.width-lw-rw)) + style.Render(right)
	}
	return m.st.status.Render(left+pad(m.width-lw-rw)) + right
}
