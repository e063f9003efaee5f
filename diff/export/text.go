package export

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/internal/render"
)

// style is how a run of story text is marked.
type style uint8

const (
	stPlain    style = iota // unchanged text
	stDel                   // words deleted inside a changed sentence
	stIns                   // words inserted inside a changed sentence
	stRemoved               // a whole removed sentence
	stAdded                 // a whole added sentence
	stGhost                 // a sentence that moved to another paragraph, where it stood
	stMoved                 // unchanged words of a sentence that moved here
	stNote                  // an annotation such as "(moved from ¶4)"
	stDelLight              // words deleted by a typography or style change: lighter than stDel
	stInsLight              // words inserted by a typography or style change: lighter than stIns
	nStyles
)

// tok is one run of text without break spaces, with its style.
type tok struct {
	text  string
	st    style
	space bool // white space stands before it
}

// toks collects the tokens of one paragraph.
type toks struct {
	list    []tok
	pending bool
	v       diff.View // runs it hides are shown as plain new text
}

// add appends s in style st, split at white space. White space that is
// itself a change is made visible (see visibleSpace).
func (t *toks) add(s string, st style) {
	if s == "" {
		return
	}
	if st != stPlain && st != stMoved && st != stNote && allSpace(s) {
		t.list = append(t.list, tok{visibleSpace(s), st, t.pending})
		t.pending = false
		return
	}
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if isBreakSpace(r) {
			t.pending = true
			i += size
			continue
		}
		j := i + size
		for j < len(s) {
			r, size = rune(s[j]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(s[j:])
			}
			if isBreakSpace(r) {
				break
			}
			j += size
		}
		t.list = append(t.list, tok{s[i:j], st, t.pending && len(t.list) > 0})
		t.pending = false
		i = j
	}
}

// note appends an annotation as one token, so that a line never breaks
// inside it.
func (t *toks) note(s string) {
	t.list = append(t.list, tok{s, stNote, t.pending && len(t.list) > 0})
	t.pending = false
}

// space asks for white space before the next token.
func (t *toks) space() { t.pending = len(t.list) > 0 }

// item appends the tokens showing one item: its old and new text with the
// word changes marked, and a note for a sentence that moved.
func (t *toks) item(it item) {
	p := it.p
	if it.ghost {
		t.add(p.Old, stGhost)
		t.space()
		if p.NewRef.IsNone() {
			t.note("(moved away)")
		} else {
			t.note("(moved to " + para(p.NewRef.Para) + ")")
		}
		return
	}
	same := stPlain
	if p.Moved {
		same = stMoved
	}
	switch p.Kind {
	case diff.Added:
		t.carried(p.From, p.New, diff.OpInsert, stAdded)
	case diff.Removed:
		t.carried(p.From, p.Old, diff.OpDelete, stRemoved)
	case diff.Changed:
		if len(p.Words) == 0 {
			t.add(p.Old, stDel)
			t.space()
			t.add(p.New, stIns)
			break
		}
		eachWord(p, t.v, func(w diff.Word, hidden, light bool) {
			switch {
			case w.Op == diff.OpDelete && hidden:
			case w.Op == diff.OpDelete && light:
				t.add(w.Text, stDelLight)
			case w.Op == diff.OpDelete:
				t.add(w.Text, stDel)
			case w.Op == diff.OpInsert && !hidden && light:
				t.add(w.Text, stInsLight)
			case w.Op == diff.OpInsert && !hidden:
				t.add(w.Text, stIns)
			default:
				t.add(w.Text, same)
			}
		})
	default:
		if p.New != "" {
			t.add(p.New, same)
		} else {
			t.add(p.Old, same)
		}
	}
	if p.Moved && !p.OldRef.IsNone() {
		t.space()
		t.note("(moved from " + para(p.OldRef.Para) + ")")
	}
	if n := partNote(p); n != "" {
		t.space()
		t.note(n)
	}
}

// carried adds the text of an added (keep OpInsert) or removed (keep
// OpDelete) sentence: with from (diff.Pair.From), the words carried over
// from or into another sentence as moved text and only the rest as added
// or removed; without, the whole text in style st.
func (t *toks) carried(from []diff.Word, text string, keep diff.Op, st style) {
	var sb strings.Builder
	for _, w := range from {
		if w.Op == diff.OpEqual || w.Op == keep {
			sb.WriteString(w.Text)
		}
	}
	if from == nil || sb.String() != text {
		t.add(text, st)
		return
	}
	for _, w := range from {
		switch w.Op {
		case diff.OpEqual:
			t.add(w.Text, stMoved)
		case keep:
			t.add(w.Text, st)
		}
	}
}

// partNote is the note of an added sentence cut from an old one, "(from
// old ¶3)", or of a removed sentence folded into a new one, "(into new
// ¶7)"; "" for other pairs.
func partNote(p *diff.Pair) string {
	switch {
	case p.PartOf == nil:
		return ""
	case p.Kind == diff.Added:
		return "(from old " + para(p.PartOf.Para) + ")"
	case p.Kind == diff.Removed:
		return "(into new " + para(p.PartOf.Para) + ")"
	}
	return ""
}

// eachWord calls f with each word of p, whether it lies in a run that the
// view v hides (such words are shown as plain new text: deleted ones
// dropped, inserted ones unmarked) and whether it lies in a typography or
// style run (light: drawn visibly but lighter than wording).
func eachWord(p *diff.Pair, v diff.View, f func(w diff.Word, hidden, light bool)) {
	ri := 0
	for i, w := range p.Words {
		hidden, light := false, false
		if w.Op != diff.OpEqual {
			for ri < len(p.Runs) && p.Runs[ri].End <= i {
				ri++
			}
			if ri < len(p.Runs) && p.Runs[ri].Start <= i {
				hidden = v.RunHidden(p.Runs[ri])
				light = p.Runs[ri].Class == diff.ClassTypography || p.Runs[ri].Class == diff.ClassStyle
			}
		}
		f(w, hidden, light)
	}
}

// paragraphs returns the tokens of each paragraph group of block bi, with
// the runs the view v hides shown as plain new text.
func paragraphs(v diff.View, bi int) [][]tok {
	r := v.Result
	items := blockItems(r, bi)
	var out [][]tok
	for _, g := range groups(items) {
		t := toks{v: v}
		for i, it := range g {
			switch {
			case i > 0 && oldBreak(r, bi, g[i-1], it):
				t.space()
				t.add("¶", stDel)
				t.space()
			case i > 0 && !gluedAny(r, g[i-1], it):
				t.space()
			}
			t.item(it)
		}
		out = append(out, t.list)
	}
	return out
}

// skin says how a writer marks styled runs. Styles with the same key form
// one run; key 0 is unmarked.
type skin struct {
	key         [nStyles]int
	open, close []string // by key
	cost        []int    // display width of open+close, by key
	esc         func(s string, first bool) string
	ansi        bool
	// alt, if set, gives by key the delimiters used instead of open and
	// close where Markdown's flanking rules would not see open and close
	// as emphasis (as in **“**The, where the closing ** follows
	// punctuation and precedes a letter).
	alt [][2]string
}

var textSkin = &skin{
	key:   [nStyles]int{stDel: 1, stRemoved: 1, stGhost: 1, stIns: 2, stAdded: 2, stDelLight: 1, stInsLight: 2},
	open:  []string{"", "[-", "{+"},
	close: []string{"", "-]", "+}"},
	cost:  []int{0, 4, 4},
}

// SGR parameters of the ANSI skin, by style.
var sgr = [nStyles]string{
	stDel:     "1;4;31",
	stIns:     "1;4;32",
	stRemoved: "31",
	stAdded:   "32",
	stGhost:   "9;35",
	stMoved:   "34",
	stNote:    "2;35",
	// Typography and style: coloured and marked, not bold.
	stDelLight: "9;31",
	stInsLight: "4;32",
}

var ansiSkin = func() *skin {
	s := &skin{ansi: true, open: make([]string, nStyles), close: make([]string, nStyles), cost: make([]int, nStyles)}
	for st := stDel; st < nStyles; st++ {
		s.key[st] = int(st)
		s.open[st] = "\x1b[" + sgr[st] + "m"
		s.close[st] = "\x1b[0m"
	}
	return s
}()

// named returns ts with each changed run that is only hyphens, dashes,
// minus or plus signs followed by its name, ‹– en dash›
// (render.DashName), when the skin's
// markers are [-…-] and {+…+}, where such a run would not read.
func (sk *skin) named(ts []tok) []tok {
	if sk != textSkin {
		return ts
	}
	var out []tok
	for i, t := range ts {
		k := sk.key[t.st]
		if k == 0 || (i > 0 && sk.key[ts[i-1].st] == k) || (i+1 < len(ts) && sk.key[ts[i+1].st] == k) {
			continue
		}
		if n, ok := render.DashName(t.text); ok {
			if out == nil {
				out = slices.Clone(ts)
			}
			out[i].text = "‹" + t.text + " " + n + "›"
		}
	}
	if out == nil {
		return ts // common case
	}
	return out
}

// paint wraps a whole line in an SGR colour when the skin is ANSI.
func (sk *skin) paint(code, s string) string {
	if !sk.ansi || code == "" {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

// textWidth is the display width of s (East Asian wide characters count 2).
func textWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return ansi.StringWidth(s)
		}
	}
	return len(s) // common case: ASCII
}

// paraWriter writes one paragraph of tokens, wrapped.
type paraWriter struct {
	w      *bufio.Writer
	sk     *skin
	indent string
	width  int // wrap column, including the indent; 0: no wrapping
	cur    int // open run key
	col    int
	last   rune   // the last character written on the line
	closer string // how the open run is closed
}

// to switches to run key k, opening it before token ts[i] if it starts there.
func (pw *paraWriter) to(k int, ts []tok, i int) {
	if k == pw.cur {
		return
	}
	if pw.cur != 0 {
		pw.w.WriteString(pw.closer)
		pw.last, _ = utf8.DecodeLastRuneInString(pw.closer)
	}
	if k != 0 {
		open, closer := pw.sk.open[k], pw.sk.close[k]
		if pw.sk.alt != nil && !pw.flanks(k, ts, i) {
			open, closer = pw.sk.alt[k][0], pw.sk.alt[k][1]
		}
		pw.w.WriteString(open)
		pw.last, _ = utf8.DecodeLastRuneInString(open)
		pw.closer = closer
		pw.col += pw.sk.cost[k]
	}
	pw.cur = k
}

// flanks reports whether a run of key k starting at ts[i] can be
// delimited by the skin's open and close under CommonMark's rules: the
// opening delimiter must be left-flanking and the closing one
// right-flanking.
func (pw *paraWriter) flanks(k int, ts []tok, i int) bool {
	if i >= len(ts) {
		return true
	}
	j := i + 1
	for j < len(ts) && pw.sk.key[ts[j].st] == k {
		j++
	}
	first, _ := utf8.DecodeRuneInString(pw.escaped(ts, i))
	last, _ := utf8.DecodeLastRuneInString(ts[j-1].text)
	next := ' '
	if j < len(ts) && !ts[j].space {
		next, _ = utf8.DecodeRuneInString(pw.escaped(ts, j))
	}
	prev := pw.last
	left := !unicode.IsSpace(first) && (!isPunct(first) || unicode.IsSpace(prev) || isPunct(prev))
	right := !unicode.IsSpace(last) && (!isPunct(last) || unicode.IsSpace(next) || isPunct(next))
	return left && right
}

// escaped returns token i as it is written.
func (pw *paraWriter) escaped(ts []tok, i int) string {
	if pw.sk.esc == nil {
		return ts[i].text
	}
	return pw.sk.esc(ts[i].text, i == 0)
}

// isPunct reports whether r is punctuation in CommonMark's sense (Unicode
// P and S categories).
func isPunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

// spaceKey is the run a space between tokens a and b belongs to: theirs if
// they share it, else none, so that markers never enclose edge spaces.
func (pw *paraWriter) spaceKey(a, b tok) int {
	if ka := pw.sk.key[a.st]; ka == pw.sk.key[b.st] {
		return ka
	}
	return 0
}

// measure returns the width word adds after a space.
func (pw *paraWriter) measure(prev tok, word []tok) int {
	cur, n := pw.cur, 0
	step := func(k, w int) {
		if k != cur && k != 0 {
			n += pw.sk.cost[k]
		}
		cur = k
		n += w
	}
	step(pw.spaceKey(prev, word[0]), 1)
	for _, t := range word {
		step(pw.sk.key[t.st], textWidth(t.text))
	}
	return n
}

// write writes ts as one paragraph: lines start with the indent, break at
// spaces before the wrap column, and close and reopen a marked run at a
// line break, so every line is balanced.
func (pw *paraWriter) write(ts []tok) { pw.writeLead(pw.indent, textWidth(pw.indent), ts) }

// writeLead writes ts as write does, but the first line starts with lead,
// leadWidth columns wide, instead of the indent (a hanging indent when the
// indent is as wide as the lead).
func (pw *paraWriter) writeLead(lead string, leadWidth int, ts []tok) {
	pw.w.WriteString(lead)
	pw.cur, pw.col, pw.last = 0, leadWidth, ' '
	for i := 0; i < len(ts); {
		j := i + 1
		for j < len(ts) && !ts[j].space {
			j++
		}
		word := ts[i:j]
		if i > 0 {
			prev := ts[i-1]
			if pw.width > 0 && pw.col+pw.measure(prev, word) > pw.width {
				pw.to(0, ts, i)
				pw.w.WriteByte('\n')
				pw.w.WriteString(pw.indent)
				pw.col, pw.last = textWidth(pw.indent), ' '
			} else {
				pw.to(pw.spaceKey(prev, word[0]), ts, i)
				pw.w.WriteByte(' ')
				pw.col++
				pw.last = ' '
			}
		}
		for k := range word {
			pw.to(pw.sk.key[word[k].st], ts, i+k)
			s := pw.escaped(ts, i+k)
			pw.w.WriteString(s)
			pw.last, _ = utf8.DecodeLastRuneInString(s)
			pw.col += textWidth(word[k].text)
		}
		i = j
	}
	pw.to(0, ts, len(ts))
	pw.w.WriteByte('\n')
}

// writeText writes r as plain text that reads well in an e-mail: a header
// with both names and the counts, the What matters section (see the
// package doc; its lines are aligned in columns, a window of context
// in quotation marks, “…” where the sentence was cut), then every changed
// block under a heading
// with its paragraph numbers and what happened ("¶3 → ¶5–6 (split) ·
// changed · wording"), its text indented by four spaces and wrapped at
// Options.Wrap (80) columns. Deleted words are marked [-like this-],
// inserted ones {+like this+}; a changed run of only hyphens, dashes,
// minus or plus signs is followed by its name in guillemets,
// [-‹- hyphen›-]{+‹– en dash›+}, since [---]{+–+} would not read; a marker cut by a line break is closed at the
// end of the line and reopened on the next. Sentences that moved between
// paragraphs are followed by "(moved from ¶N)" and shown struck, [-…-]
// "(moved to ¶M)", where they stood; where two old paragraphs were merged
// the lost break shows as [-¶-]. Where a moved block stood a line
// "↕ old ¶N moved to new ¶M" is written. Unchanged runs outside
// Options.Context are summarised. The output is deterministic.
func writeText(w io.Writer, v diff.View, opt Options) (err error) {
	if err := check(v.Result); err != nil {
		return err
	}
	return writeTextLike(w, v, opt, textSkin)
}

// writeANSI writes what writeText writes, coloured with SGR sequences when
// opt.Color is set: removed text red, added green, changed words bold and
// underlined, moved sentences blue and their notes magenta, the markers
// dropped since colour carries them. Without opt.Color it writes exactly
// what writeText writes.
func writeANSI(w io.Writer, v diff.View, opt Options) (err error) {
	if err := check(v.Result); err != nil {
		return err
	}
	if !opt.Color {
		return writeTextLike(w, v, opt, textSkin)
	}
	return writeTextLike(w, v, opt, ansiSkin)
}

// kindColour is the SGR colour of the heading of block bi in the view v.
func kindColour(v diff.View, bi int) string {
	b := &v.Result.Blocks[bi]
	switch {
	case v.BlockHidden(bi):
		return "2"
	case b.Kind == diff.Added:
		return "1;32"
	case b.Kind == diff.Removed:
		return "1;31"
	case b.Moved:
		return "1;34"
	case b.Kind == diff.Equal:
		return "2"
	}
	return "1;33"
}

func writeTextLike(w io.Writer, v diff.View, opt Options, sk *skin) error {
	r := v.Result
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(sk.paint("1", "storydiff: "+cleanName(r.Old.Name)+" → "+cleanName(r.New.Name)) + "\n")
	bw.WriteString("old: " + docLine(r.Old) + "\n")
	bw.WriteString("new: " + docLine(r.New) + "\n")
	for _, l := range statLines(v) {
		bw.WriteString(l[0] + ": " + l[1] + "\n")
	}
	pw := &paraWriter{w: bw, sk: sk, indent: "    ", width: opt.wrap()}
	writeMattersText(bw, pw, sk, whatMatters(v, opt.Matters))
	writeReviewText(bw, sk, opt.Review)
	steps := plan(v, opt.Context)
	if note := sameNote(v); note != "" {
		bw.WriteString("\n" + note + "\n")
	}
	for _, s := range steps {
		bw.WriteByte('\n')
		switch s.kind {
		case stepHidden:
			bw.WriteString(sk.paint("2", hiddenNote(s.paragraphs)) + "\n")
		case stepOrigin:
			bw.WriteString(sk.paint("35", originNote(r, s)) + "\n")
		case stepBlock:
			bw.WriteString(sk.paint(kindColour(v, s.block), blockHead(v, s.block)+headMark(opt.Review, s.block)) + "\n")
			for i, ts := range paragraphs(v, s.block) {
				if i > 0 {
					bw.WriteByte('\n')
				}
				pw.write(sk.named(ts))
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export text: %w", err)
	}
	return nil
}
