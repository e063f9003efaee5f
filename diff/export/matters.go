package export

import (
	"bufio"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storydiff/storydiff/diff"
)

// The What matters section opens the text, ansi, markdown and HTML
// exports: the flagged changes an editor must check first, then the
// story-level findings, then one line counting the rest by class.

const (
	// windowBefore and windowAfter are the context words shown on each
	// side of a flagged run.
	windowBefore, windowAfter = 4, 4
	// maxRunWords caps each deleted or inserted stretch of a flagged run
	// and each added or removed sentence shown whole.
	maxRunWords = 12
)

// flagLabel returns the badges of the flags in f joined by "+":
// "NUM+NAME".
func flagLabel(f diff.Flag) string { return strings.Join(f.Badges(), "+") }

// flagged is one flagged change: a run of a changed sentence, or an added
// or removed sentence, with a window of the words around it.
type flagged struct {
	old, new int // paragraph indices; -1 for a side that does not exist
	flags    diff.Flag
	// before and after are the context words (new text; old text for a
	// removed sentence), cut to the window; cutBefore and cutAfter report
	// that the sentence goes on beyond them.
	before, after       string
	cutBefore, cutAfter bool
	// words are the changed words, each deleted or inserted stretch cut to
	// maxRunWords (an added sentence is one insert, a removed one one
	// delete).
	words []diff.Word
}

// where is the paragraph numbers of a flagged change: "¶10 → ¶12".
func (f *flagged) where() string {
	side := func(p int) string {
		if p < 0 {
			return "—"
		}
		return para(p)
	}
	return side(f.old) + " → " + side(f.new)
}

// entry is one listed entry of What matters: a finding or a flagged
// change, and the block it concerns (-1 for none).
type entry struct {
	finding *diff.Finding // nil for a flagged change
	flagged flagged
	block   int
	changes int // the changes the entry stands for (the sentences of a whole paragraph)
}

// matters is the content of the What matters section.
type matters struct {
	entries     []entry // in the engine's order (diff.Result.Matters)
	more        int     // flagged changes not listed (Options.Matters)
	moreChanges int     // the changes they stand for
	// The other visible changes of story blocks by class, and the
	// paragraphs of changed boilerplate blocks.
	typography, style, wording int
	boilerplate                int
}

// whatMatters gathers the What matters section of the view v from the
// engine's ordered list (diff.Result.Matters): every entry, or the first
// limit flagged changes when limit > 0 (the others are counted), and the
// other visible changes of story blocks counted by class.
func whatMatters(v diff.View, limit int) *matters {
	r := v.Result
	mt := &matters{}
	listed := 0
	for _, m := range r.Matters {
		if m.IsFinding() {
			if m.Finding < len(r.Findings) {
				mt.entries = append(mt.entries, entry{finding: &r.Findings[m.Finding], block: m.Block})
			}
			continue
		}
		n := 1
		if m.Pair < 0 && m.Block >= 0 && m.Block < len(r.Blocks) {
			n = len(r.Blocks[m.Block].Pairs)
		}
		if limit > 0 && listed >= limit {
			mt.more++
			mt.moreChanges += n
			continue
		}
		if fl, ok := matterWindow(r, m); ok {
			listed++
			mt.entries = append(mt.entries, entry{flagged: fl, block: m.Block, changes: n})
		}
	}
	for bi := range r.Blocks {
		b := &r.Blocks[bi]
		if b.Boilerplate != "" {
			if changed(v, bi) {
				mt.boilerplate += max(len(b.Old), len(b.New))
			}
			continue
		}
		if b.IsWhole() && b.Flags != 0 {
			continue // listed whole
		}
		for pi := range b.Pairs {
			p := &b.Pairs[pi]
			switch p.Kind {
			case diff.Added, diff.Removed:
				if p.Flags == 0 {
					mt.wording++
				}
			case diff.Changed:
				for _, run := range p.Runs {
					switch {
					case v.RunHidden(run), run.Flags != 0:
					case run.Class == diff.ClassTypography:
						mt.typography++
					case run.Class == diff.ClassStyle:
						mt.style++
					default:
						mt.wording++
					}
				}
			}
		}
	}
	return mt
}

// changes is the number of changes (as diff.Stats counts them: runs and
// sentences) the flagged entries stand for, listed or not: an entry of a
// paragraph added or removed whole stands for each of its sentences.
func (mt *matters) changes() int {
	n := mt.moreChanges
	for i := range mt.entries {
		if mt.entries[i].finding == nil {
			n += mt.entries[i].changes
		}
	}
	return n
}

// flaggedCount is the number of flagged changes listed.
func (mt *matters) flaggedCount() int {
	n := 0
	for i := range mt.entries {
		if mt.entries[i].finding == nil {
			n++
		}
	}
	return n
}

// matterWindow returns the flagged change of entry m with its context; it
// reports false for an entry out of range (a malformed Result).
func matterWindow(r *diff.Result, m diff.Matter) (flagged, bool) {
	if m.Block < 0 || m.Block >= len(r.Blocks) {
		return flagged{}, false
	}
	b := &r.Blocks[m.Block]
	if m.Pair < 0 {
		return wholeBlock(r, b, m.Flags), true
	}
	if m.Pair >= len(b.Pairs) {
		return flagged{}, false
	}
	p := &b.Pairs[m.Pair]
	switch {
	case m.Run >= 0 && m.Run < len(p.Runs):
		return window(p, p.Runs[m.Run].Start, p.Runs[m.Run].End, m.Flags), true
	case p.Kind == diff.Added || p.Kind == diff.Removed:
		fl := wholeSentence(p)
		fl.flags = m.Flags
		return fl, true
	}
	return window(p, 0, len(p.Words), m.Flags), true
}

// wholeBlock returns the flagged change of a block added or removed whole:
// the start of its first paragraph, cut to maxRunWords.
func wholeBlock(r *diff.Result, b *diff.Block, f diff.Flag) flagged {
	fl := flagged{old: -1, new: -1, flags: f}
	w := diff.Word{Op: diff.OpInsert}
	switch {
	case b.Kind == diff.Added && len(b.New) > 0:
		fl.new = b.New[0]
		w.Text = r.New.Paragraphs[b.New[0]].Text
	case len(b.Old) > 0:
		fl.old = b.Old[0]
		w = diff.Word{Op: diff.OpDelete, Text: r.Old.Paragraphs[b.Old[0]].Text}
	}
	if t, cut := firstWords(w.Text, maxRunWords); cut {
		w.Text = t
		fl.cutAfter = true
	}
	fl.words = []diff.Word{w}
	return fl
}

// window returns the flagged change of words [start, end) of p with its
// context. Runs out of range (a malformed pair) give an empty window.
func window(p *diff.Pair, start, end int, f diff.Flag) flagged {
	fl := flagged{old: p.OldRef.Para, new: p.NewRef.Para, flags: f}
	start, end = max(0, min(start, len(p.Words))), max(0, min(end, len(p.Words)))
	start = min(start, end)
	var before, after strings.Builder
	for _, w := range p.Words[:start] {
		if w.Op != diff.OpDelete {
			before.WriteString(w.Text)
		}
	}
	for _, w := range p.Words[end:] {
		if w.Op != diff.OpDelete {
			after.WriteString(w.Text)
		}
	}
	fl.before, fl.cutBefore = lastWords(before.String(), windowBefore)
	fl.after, fl.cutAfter = firstWords(after.String(), windowAfter)
	for _, w := range p.Words[start:end] {
		if w.Op != diff.OpEqual {
			if t, cut := firstWords(w.Text, maxRunWords); cut {
				w.Text = strings.TrimRightFunc(t, unicode.IsSpace) + "…"
			}
		}
		fl.words = append(fl.words, w)
	}
	return fl
}

// wholeSentence returns the flagged change of an added or removed
// sentence: the sentence itself, cut to maxRunWords.
func wholeSentence(p *diff.Pair) flagged {
	fl := flagged{old: p.OldRef.Para, new: p.NewRef.Para, flags: p.Flags}
	w := diff.Word{Op: diff.OpInsert, Text: p.New}
	if p.Kind == diff.Removed {
		w = diff.Word{Op: diff.OpDelete, Text: p.Old}
	}
	if t, cut := firstWords(w.Text, maxRunWords); cut {
		w.Text = t
		fl.cutAfter = true
	}
	fl.words = []diff.Word{w}
	return fl
}

// lastWords returns the end of s holding its last k words (space-separated
// tokens) with the space after them, and whether words were cut before.
func lastWords(s string, k int) (string, bool) {
	n, inWord := 0, false
	for i := len(s); i > 0; {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		space := unicode.IsSpace(r)
		if !space && !inWord {
			n++
			if n > k {
				return strings.TrimLeftFunc(s[i:], unicode.IsSpace), true
			}
		}
		inWord = !space
		i -= size
	}
	return strings.TrimLeftFunc(s, unicode.IsSpace), false
}

// firstWords returns the start of s holding its first k words with the
// space before them, and whether words were cut after.
func firstWords(s string, k int) (string, bool) {
	n, inWord := 0, false
	for i, r := range s {
		space := unicode.IsSpace(r)
		if !space && !inWord {
			n++
			if n > k {
				return strings.TrimRightFunc(s[:i], unicode.IsSpace), true
			}
		}
		inWord = !space
	}
	return strings.TrimRightFunc(s, unicode.IsSpace), false
}

// toks returns the tokens of a flagged change's window, with ellipses
// where the sentence was cut. The window is not put in quotation marks:
// story text is full of them, and doubled marks (““…””) read badly.
func (f *flagged) toks() []tok {
	var t toks
	if f.cutBefore {
		t.list = append(t.list, tok{"…", stPlain, false})
	}
	t.add(f.before, stPlain) // its trailing space, if any, parts it from the run
	for _, w := range f.words {
		switch w.Op {
		case diff.OpDelete:
			t.add(w.Text, stDel)
		case diff.OpInsert:
			t.add(w.Text, stIns)
		default:
			t.add(w.Text, stPlain)
		}
	}
	t.add(f.after, stPlain)
	if f.cutAfter {
		t.list = append(t.list, tok{"…", stPlain, false})
	}
	return t.list
}

// nothingFlagged is the line written when no change carries a flag.
const nothingFlagged = "Nothing flagged: no negation, reversal, number, quote, name or attribution changed."

// restLine counts the changes the section does not list:
// "3 wording, 5 style, 2 typography changes; 7 boilerplate paragraphs
// changed", or "" when there are none.
func (mt *matters) restLine() string {
	var parts []string
	n := 0
	for _, c := range []struct {
		name string
		n    int
	}{{"wording", mt.wording}, {"style", mt.style}, {"typography", mt.typography}} {
		if c.n > 0 {
			parts = append(parts, strconv.Itoa(c.n)+" "+c.name)
			n += c.n
		}
	}
	s := strings.Join(parts, ", ")
	if n > 0 {
		s += " " + plural(n, "change", "changes")
		if mt.flaggedCount()+mt.more > 0 {
			s += " not flagged"
		}
	}
	if mt.boilerplate > 0 {
		if s != "" {
			s += "; "
		}
		s += strconv.Itoa(mt.boilerplate) + " boilerplate " + plural(mt.boilerplate, "paragraph", "paragraphs") + " changed"
	}
	return s
}

// moreLine is the line counting flagged changes not listed, or "".
func (mt *matters) moreLine() string {
	if mt.more == 0 {
		return ""
	}
	return "… and " + strconv.Itoa(mt.more) + " more flagged " + plural(mt.more, "change", "changes") +
		" (--matters 0 lists all)"
}

// findingLine is one finding as the section shows it: "lede: new lede: …".
func findingLine(f diff.Finding) string { return cleanName(f.Kind) + ": " + cleanName(f.Text) }

// writeMattersText writes the section for text and ansi output: one line
// per entry in the engine's order; a flagged change shows its paragraph
// numbers and flags in aligned columns and its window wrapped under them.
func writeMattersText(bw *bufio.Writer, pw *paraWriter, sk *skin, mt *matters) {
	bw.WriteString("\n" + sk.paint("1", "What matters") + "\n")
	if mt.flaggedCount() == 0 && mt.more == 0 {
		bw.WriteString("  " + nothingFlagged + "\n")
	}
	whereW, flagW := 0, 0
	for i := range mt.entries {
		if f := &mt.entries[i].flagged; mt.entries[i].finding == nil {
			whereW = max(whereW, textWidth(f.where()))
			flagW = max(flagW, len(flagLabel(f.flags)))
		}
	}
	indent := pw.indent
	defer func() { pw.indent = indent }()
	for i := range mt.entries {
		e := &mt.entries[i]
		if e.finding != nil {
			bw.WriteString("  " + sk.paint("1;35", cleanName(e.finding.Kind)+":") + " " + cleanName(e.finding.Text) + "\n")
			continue
		}
		f := &e.flagged
		pw.indent = strings.Repeat(" ", 2+whereW+2+flagW+2)
		where, label := f.where(), flagLabel(f.flags)
		lead := "  " + where + strings.Repeat(" ", whereW-textWidth(where)+2) +
			sk.paint("1;33", label) + strings.Repeat(" ", flagW-len(label)+2)
		pw.writeLead(lead, len(pw.indent), f.toks())
	}
	if l := mt.moreLine(); l != "" {
		bw.WriteString("  " + l + "\n")
	}
	if l := mt.restLine(); l != "" {
		bw.WriteString("  " + sk.paint("2", l) + "\n")
	}
}

// writeMattersMarkdown writes the section as a Markdown list; each
// flagged change links to its block's heading.
func writeMattersMarkdown(bw *bufio.Writer, pw *paraWriter, mt *matters) {
	bw.WriteString("\n## What matters\n\n")
	if mt.flaggedCount() == 0 && mt.more == 0 {
		bw.WriteString("- " + mdText(nothingFlagged) + "\n")
	}
	for i := range mt.entries {
		e := &mt.entries[i]
		if e.finding != nil {
			bw.WriteString("- **" + mdText(cleanName(e.finding.Kind)) + ":** " + mdText(cleanName(e.finding.Text)) + "\n")
			continue
		}
		f := &e.flagged
		lead := "- **" + mdText(f.where()) + "** · " + flagLabel(f.flags) + " · "
		if e.block >= 0 {
			lead = "- [**" + mdText(f.where()) + "**](#" + blockAnchor(e.block) + ") · " + flagLabel(f.flags) + " · "
		}
		pw.writeLead(lead, textWidth(lead), f.toks())
	}
	if l := mt.moreLine(); l != "" {
		bw.WriteString("- " + mdText(l) + "\n")
	}
	if l := mt.restLine(); l != "" {
		bw.WriteString("- *" + mdText(l) + "*\n")
	}
}

// blockAnchor is the id of block bi in HTML and Markdown output.
func blockAnchor(bi int) string { return "b" + strconv.Itoa(bi+1) }

// matters writes the section as an HTML list; each entry links to its
// block.
func (h *htmlWriter) matters(mt *matters) {
	h.raw("<section class=\"matters\">\n<h2>What matters</h2>\n<ul>\n")
	if mt.flaggedCount() == 0 && mt.more == 0 {
		h.raw("<li>")
		h.text(nothingFlagged)
		h.raw("</li>\n")
	}
	for i := range mt.entries {
		e := &mt.entries[i]
		h.raw("<li>")
		if e.finding != nil {
			h.raw("<strong>")
			h.text(cleanName(e.finding.Kind))
			h.raw(":</strong> ")
			if e.block >= 0 {
				h.raw("<a href=\"#" + blockAnchor(e.block) + "\">")
			}
			h.text(cleanName(e.finding.Text))
			if e.block >= 0 {
				h.raw("</a>")
			}
			h.raw("</li>\n")
			continue
		}
		f := &e.flagged
		h.raw("<a class=\"where\" href=\"#" + blockAnchor(e.block) + "\">")
		h.text(f.where())
		h.raw("</a> <span class=\"flag\" title=\"")
		h.text(strings.Join(f.flags.Names(), ", "))
		h.raw("\">")
		h.text(flagLabel(f.flags))
		h.raw("</span> ")
		if f.cutBefore {
			h.raw("…")
		}
		h.text(f.before)
		for i, w := range f.words {
			switch w.Op {
			case diff.OpDelete:
				h.raw("<del class=\"w\">")
				h.change(w.Text)
				h.raw("</del>")
			case diff.OpInsert:
				if i > 0 && f.words[i-1].Op == diff.OpDelete {
					h.raw("\u2009") // a thin space parts "1.2" from "1.4"
				}
				h.raw("<ins class=\"w\">")
				h.change(w.Text)
				h.raw("</ins>")
			default:
				h.text(w.Text)
			}
		}
		h.text(f.after)
		if f.cutAfter {
			h.raw("…")
		}
		h.raw("</li>\n")
	}
	if l := mt.moreLine(); l != "" {
		h.raw("<li>")
		h.text(l)
		h.raw("</li>\n")
	}
	h.raw("</ul>\n")
	if l := mt.restLine(); l != "" {
		h.raw("<p class=\"rest\">")
		h.text(l)
		h.raw("</p>\n")
	}
	h.raw("</section>\n")
}
