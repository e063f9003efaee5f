package diff

import (
	"bytes"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/storydiff/storydiff/diff/internal/segment"
	"github.com/storydiff/storydiff/internal/par"
)

// This file gives every change its editorial weight: the Class of each word
// run and sentence pair (typography < style < wording) and the Flags an
// editor must check (negation, number, quote, name, attribution).
//
// Rules, in the order they are applied to one run (Pair.Words[Start:End]):
//
//   - typography: the deleted and inserted texts are equal once quote marks,
//     apostrophes, dashes, ellipses and white space are normalised;
//   - style: the texts have the same words once case, punctuation, internal
//     periods (U.S./US), hyphens and the spaces between words are dropped
//     (per cent/percent, face-to-face/face to face), "%" read as "percent"
//     and "&" as "and"; or the run replaces words one for one, each by itself
//     or by a respelling: capitalised words with the same first letter,
//     Levenshtein distance d ≤ 2 and d ≤ 1/6 of the longer word (similarity
//     ≥ 0.83: Zelenskiy/Zelenskyy, Haverkamp/Havercamp, but not John/Joan
//     or Smith/Smyth), or a British/American spelling variant
//     (colour/color, organise/organize, centre/center, travelled/traveled);
//     a dateline inserted or removed at the very start of a paragraph
//     ("LISBON, Portugal (AW) — ") is style too (a Finding names it);
//   - wording: anything else. Added and Removed sentences are wording.
//
// Flags. Typography runs carry none; style runs carry FlagName when they
// respell a name and nothing else. For wording runs, a word "changed" when
// its key occurs a different number of times on the two sides of the run
// and in the two whole sentences, so a number or name that only moved, or
// that the run deletes and inserts again, is not flagged:
//
//   - FlagNegation: the run's two sides hold a different number of negation
//     words (not, no, never, without, n't, none, nobody, nothing, nowhere,
//     neither, nor, cannot, and a few other languages' not): with/without,
//     would/would not; didn't/did not is not flagged. Prefixes (un-, in-)
//     do not count;
//   - FlagNumber: a number (digits, number words, fractions, currency
//     symbols), weekday, month or relative day (today, yesterday…) changed;
//   - FlagQuote: the run's deleted text lies inside quotation marks in the
//     old paragraph or its inserted text inside them in the new one ("…",
//     “…”, „…“, «…»; a quotation may span sentences of a paragraph).
//     Added and Removed sentences that contain quoted words get FlagQuote
//     (and no other flag);
//   - FlagReversal: a short run swaps a word for its opposite
//     (increased/decreased, guilty/innocent; WordNet's antonyms, any
//     inflection: reversal_table.go);
//   - FlagName: a capitalised word that is not the first word of its
//     sentence (nor of a quotation opening it), not a number, weekday or
//     month, added, removed or changed: new to the story, gone from it, or
//     swapped for another name in a short run (a clause mentioning someone
//     already in the story is not a name change); a changed title before a
//     name (Rep./Sen.) too. A respelling such as Zelenskiy/Zelenskyy is both
//     ClassStyle and FlagName: the class says it reads the same, the flag
//     tells the editor to check the spelling of a name. A case-only change
//     (embassy/Embassy) or an abbreviation form (US/U.S.) is not a name
//     change;
//   - FlagAttribution: a verb of saying (said, told, claimed, according…)
//     changed, or the speaker changed: the run replaces a name, pronoun or
//     speaker noun (spokesman, officials, police…) standing in the
//     speaker's place next to a verb of saying with another.
//
// A pure insertion or deletion of more than clauseWords words (a clause of
// new or dropped copy) gets no number or name flag: it is wording anyway.
// Boilerplate blocks keep their classes but carry no flags.

// annotate classifies every pair and block of r in place, labels
// boilerplate, appends the story findings to r.Findings (after a
// FindingError that wholesale put there) and recounts r.Stats. It is called by
// Compare on the fresh Result before it is returned; afterwards r is
// immutable.
func annotate(r *Result) { annotateWith(r, nil, nil) }

// annotateWith is annotate given the versions' word key sets (feats.words)
// when Compare has them; without them the classifier counts the words of
// each whole version itself (docCount).
func annotateWith(r *Result, oldWords, newWords map[uint64]struct{}) {
	base := classifier{oldWords: oldWords, newWords: newWords, old: r.Old, new: r.New}
	// Without the word key sets, the classifiers look words up in the
	// documents' word counts (docCount): count them first, on both
	// processors, as the classifiers share them read-only.
	countOld := func() {
		if oldWords == nil {
			base.docCount(r.Old)
		}
	}
	countNew := func() {
		if newWords == nil {
			base.docCount(r.New)
		}
	}
	if r.Old != r.New {
		par.Do(countOld, countNew)
	} else {
		countNew()
	}
	// The paragraph labels and the pairs' classes are independent: two
	// workers each label one version and classify half of the blocks (by
	// their changed pairs, where the time goes), each with its own
	// classifier, as its quotation spans and sides are scratch. On a
	// 10 MB pair this is 120 ms of CPU that ran on one processor.
	var oldLabels, newLabels []string
	h := splitByChanges(r.Blocks)
	var dls [2][]datelineChange
	classifyPart := func(part int, lo, hi int) {
		c := base.fork()
		for bi := lo; bi < hi; bi++ {
			b := &r.Blocks[bi]
			for pi := range b.Pairs {
				if dl := c.pair(&b.Pairs[pi]); dl != nil {
					dl.block = bi
					dls[part] = append(dls[part], *dl)
				}
			}
		}
	}
	par.Do(func() {
		if r.Old != r.New {
			oldLabels = paragraphLabels(r.Old)
		}
		classifyPart(0, 0, h)
	}, func() {
		newLabels = paragraphLabels(r.New)
		classifyPart(1, h, len(r.Blocks))
	})
	if r.Old == r.New {
		oldLabels = newLabels
	}
	var datelines []datelineChange
	for _, d := range append(dls[0], dls[1]...) {
		if blockLabel(&r.Blocks[d.block], oldLabels, newLabels) == "" {
			datelines = append(datelines, d)
		}
	}
	for bi := range r.Blocks {
		b := &r.Blocks[bi]
		b.Boilerplate = blockLabel(b, oldLabels, newLabels)
		b.Class, b.Flags = ClassNone, 0
		for pi := range b.Pairs {
			p := &b.Pairs[pi]
			if b.Boilerplate != "" {
				p.PartOf, p.From = nil, nil // a headline echoing the lede is not a clause cut from it
				p.Flags = 0
				for k := range p.Runs {
					p.Runs[k].Flags = 0
				}
			}
			b.Class = max(b.Class, p.Class)
			b.Flags |= p.Flags
		}
		wholeBlockFlags(b)
	}
	// The findings and What matters, and the Stats, read the classified
	// blocks and write apart: one processor each (about 25 ms of CPU each
	// on a 10 MB pair).
	par.Do(func() {
		r.Findings = append(r.Findings, findings(r, datelines)...)
		r.Matters = OrderMatters(r)
	}, func() {
		r.Stats, _ = r.View(0).Stats()
	})
}

// splitByChanges returns the block index that splits blocks into two parts
// with about as many changed pairs each (the pairs classify spends its
// time on).
func splitByChanges(blocks []Block) int {
	total := 0
	for bi := range blocks {
		total += changedPairs(&blocks[bi])
	}
	n := 0
	for bi := range blocks {
		if 2*n >= total {
			return bi
		}
		n += changedPairs(&blocks[bi])
	}
	return len(blocks)
}

// changedPairs counts the pairs of b with a word diff.
func changedPairs(b *Block) int {
	n := 0
	for pi := range b.Pairs {
		if b.Pairs[pi].Kind == Changed {
			n++
		}
	}
	return n
}

// span is a byte range [start, end) of a paragraph's text.
type span struct{ start, end int }

// classifier holds the per-paragraph quotation spans of both documents,
// computed on first use.
type classifier struct {
	old, new             *Document
	oldQuotes, newQuotes map[int][]span      // by paragraph, made on first use: pairs touch few paragraphs
	oldCount, newCount   map[string]int      // word keys of each whole document (docCount)
	oldWords, newWords   map[uint64]struct{} // the same as hashes, from Compare's features; nil if not given
	sides                [2]side             // scratch of side: the old and the new sentence of a pair
}

func (c *classifier) quotes(d *Document, para int) []span {
	qs := &c.newQuotes
	if d == c.old {
		qs = &c.oldQuotes
	}
	if *qs == nil {
		*qs = map[int][]span{}
	}
	q, done := (*qs)[para]
	if !done {
		q = quoteSpans(d.Paragraphs[para].Text)
		(*qs)[para] = q
	}
	return q
}

// fork returns a classifier that shares c's documents and word counts
// (read-only) and has its own quotation spans and scratch, for another
// goroutine.
func (c *classifier) fork() *classifier {
	return &classifier{
		old: c.old, new: c.new,
		oldWords: c.oldWords, newWords: c.newWords,
		oldCount: c.oldCount, newCount: c.newCount,
	}
}

// quoteSpans returns the quoted stretches of a paragraph, quote marks
// included. Every double quote mark toggles (so “…”, "…", „…“, »…« and «…»
// all work); an unclosed quotation runs to the end of the paragraph, as a
// quotation continued in the next paragraph does.
func quoteSpans(text string) []span {
	var out []span
	open := -1
	for i, r := range text {
		switch r {
		case '"', '“', '”', '„', '‟', '«', '»', '＂':
			if open < 0 {
				open = i
			} else {
				out = append(out, span{open, i + utf8.RuneLen(r)})
				open = -1
			}
		}
	}
	if open >= 0 {
		out = append(out, span{open, len(text)})
	}
	return out
}

// firstSpanAfter returns the index of the first span of qs (sorted,
// disjoint) that ends after pos.
func firstSpanAfter(qs []span, pos int) int {
	return sort.Search(len(qs), func(i int) bool { return qs[i].end > pos })
}

// tok is one token of a sentence with what the flags need to know.
type tok struct {
	text    string
	off     int    // byte offset in the sentence
	key     string // match key of a word token (see wordKey); "" for others
	wi      int    // index among the sentence's word tokens; -1 for others
	quoted  bool   // inside quotation marks in its paragraph
	initial bool   // first word of the sentence or of a quotation opening it
}

// side is one sentence of a changed pair, tokenised.
type side struct {
	ts    []string // the tokens of the sentence (scratch)
	toks  []tok
	count map[string]int // word key → occurrences
	says  []int          // word indices of verbs of saying, ascending
	slot  []bool         // by word index: in a speaker's place (inSlot), made on first use
	// slotDone says slot is made.
	slotDone bool
}

// side tokenises the sentence ref of d (with the more sentences after it)
// into s, reusing s's storage, and returns s.
func (c *classifier) side(s *side, d *Document, ref SentRef, more int) *side {
	para := &d.Paragraphs[ref.Para]
	sent := para.Sentences[ref.Sent]
	if more > 0 { // a pair covering several sentences: one stretch of text
		sent.End = para.Sentences[ref.Sent+more].End
		sent.Text = para.Text[sent.Start:sent.End]
	}
	qs := c.quotes(d, ref.Para)
	// The two sides of a pair are scratch: pair reuses their storage for
	// the next pair, which saves most of annotate's allocation (the
	// tokens too: 10 MB a run on a 10 MB pair when each side made its own).
	s.ts = segment.AppendTokens(s.ts[:0], sent.Text)
	ts := s.ts
	if cap(s.toks) < len(ts) {
		s.toks = make([]tok, len(ts))
	}
	s.toks = s.toks[:len(ts)]
	if len(s.count) > 64 {
		s.count = nil // clearing costs the map's size: a long sentence's map is dropped
	}
	if s.count == nil {
		s.count = make(map[string]int, max(len(ts)/2+1, 64))
	}
	clear(s.count)
	s.says, s.slot, s.slotDone = s.says[:0], s.slot[:0], false
	off, wi := 0, 0
	q := firstSpanAfter(qs, sent.Start)
	initial := true
	for i, t := range ts {
		k := tok{text: t, off: off, wi: -1}
		pos := sent.Start + off
		for q < len(qs) && qs[q].end <= pos {
			q++
		}
		k.quoted = q < len(qs) && qs[q].start <= pos
		if segment.IsWord(t) {
			k.key = wordKey(t)
			k.wi = wi
			wi++
			k.initial = initial
			initial = false
			s.count[k.key]++
			if sayVerbs[k.key] {
				s.says = append(s.says, k.wi)
			}
		} else if initial && !isOpening(t) {
			// Only opening punctuation and spaces keep the next word initial.
			initial = segment.IsSpace(t)
		}
		s.toks[i] = k
		off += len(t)
	}
	return s
}

// maxClassifyTokens bounds the tokens of a pair side classified run by
// run. Classifying needs every token of both sentences (counts, quotes,
// the speaker's place): about 130 bytes a token, so a "sentence" of a
// million tokens (text without a full stop) took seconds and 40 times its
// size in memory. No sentence of prose comes near 20 000 tokens (10 000
// words); past it a pair's changes are wording, unflagged (see coarse),
// as the word diff already shows such a pair wholesale past maxDiffTokens.
// A variable only so that TestAnnotateLinear can hold the run-by-run path
// itself to linear cost on a sentence of 100 000 runs.
var maxClassifyTokens = 20000

// tooLong reports whether a side of the changed pair p (its text, p.Old or
// p.New) has more than maxClassifyTokens tokens.
func (c *classifier) tooLong(p *Pair) bool {
	for k, text := range []string{p.Old, p.New} {
		var ok bool
		if c.sides[k].ts, ok = segment.AppendTokensMax(c.sides[k].ts[:0], text, maxClassifyTokens); !ok {
			return true
		}
	}
	return false
}

// coarse classifies a pair too long to classify run by run: each run of
// changed words is wording, with no flag.
func coarse(p *Pair) {
	for i := 0; i < len(p.Words); {
		if p.Words[i].Op == OpEqual {
			i++
			continue
		}
		j := i
		for j < len(p.Words) && p.Words[j].Op != OpEqual {
			j++
		}
		p.Runs = append(p.Runs, Run{Start: i, End: j, Class: ClassWording})
		i = j
	}
	p.Class = ClassWording
}

// isOpening reports whether a non-word token may precede a sentence's first
// word: opening quotes and brackets, dashes, bullets.
func isOpening(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	switch r {
	case '"', '\'', '“', '‘', '„', '«', '‹', '(', '[', '—', '–', '-', '•', '*', '¿', '¡':
		return true
	}
	return false
}

// appendWordKey appends wordKey(t) to dst.
func appendWordKey(dst []byte, t string) []byte {
	start := len(dst)
	dst = segment.AppendFold(dst, t)
	k := dst[start:]
	if !bytes.ContainsAny(k, ".,") {
		return dst
	}
	return dst[:start+len(dropKeyPunct(k))]
}

// dropKeyPunct turns a folded word into its wordKey in place: it drops
// the periods of a letter word or the commas of a number.
func dropKeyPunct(k []byte) []byte {
	drop := byte('.')
	if bytes.ContainsFunc(k, func(r rune) bool { return r >= '0' && r <= '9' || r >= utf8.RuneSelf && unicode.IsDigit(r) }) {
		drop = ','
	}
	out := k[:0]
	for _, c := range k {
		if c != drop {
			out = append(out, c)
		}
	}
	return out
}

// wordKey is the key words are counted by: Fold, with internal periods of
// letter words dropped (U.S. → us, a.m. → am) and thousands separators of
// numbers dropped (1,000 → 1000).
func wordKey(t string) string {
	k := segment.Fold(t)
	if strings.IndexByte(k, '.') < 0 && strings.IndexByte(k, ',') < 0 { // ContainsAny(k, ".,"), without building a set per word
		return k
	}
	digits := false
	for _, r := range k {
		if r >= '0' && r <= '9' || r >= utf8.RuneSelf && unicode.IsDigit(r) {
			digits = true
			break
		}
	}
	if digits {
		return strings.ReplaceAll(k, ",", "")
	}
	return strings.ReplaceAll(k, ".", "")
}

// datelineChange is a dateline inserted at (or removed from) the start of
// a paragraph, the only change of its pair.
type datelineChange struct {
	block   int
	text    string // the dateline, trimmed
	removed bool
}

// pair classifies one pair in place: its Runs, Class and Flags. If the
// pair's only change is a dateline at the start of its paragraph, it
// returns it (block unset); else nil.
func (c *classifier) pair(p *Pair) *datelineChange {
	p.Runs, p.Class, p.Flags = nil, ClassNone, 0
	switch p.Kind {
	case Added, Removed:
		p.Class = ClassWording
		d, ref := c.new, p.NewRef
		if p.Kind == Removed {
			d, ref = c.old, p.OldRef
		}
		if c.sentenceQuoted(d, ref) {
			p.Flags = FlagQuote
		}
		return nil
	case Equal:
		return nil
	}
	if len(p.Words) == 0 {
		return nil
	}
	if c.tooLong(p) {
		coarse(p)
		return nil
	}
	os := c.side(&c.sides[0], c.old, p.OldRef, p.OldMore)
	ns := c.side(&c.sides[1], c.new, p.NewRef, p.NewMore)
	oOff, nOff := 0, 0 // byte offsets in p.Old, p.New
	oi, ni := 0, 0     // token cursors
	var dl *datelineChange
	onlyDateline := true
	for i := 0; i < len(p.Words); {
		w := p.Words[i]
		if w.Op == OpEqual {
			oOff += len(w.Text)
			nOff += len(w.Text)
			i++
			continue
		}
		j := i
		var del, ins string
		for j < len(p.Words) && p.Words[j].Op != OpEqual {
			if p.Words[j].Op == OpDelete {
				del += p.Words[j].Text
			} else {
				ins += p.Words[j].Text
			}
			j++
		}
		for oi < len(os.toks) && os.toks[oi].off < oOff {
			oi++
		}
		oj := oi
		for oj < len(os.toks) && os.toks[oj].off < oOff+len(del) {
			oj++
		}
		for ni < len(ns.toks) && ns.toks[ni].off < nOff {
			ni++
		}
		nj := ni
		for nj < len(ns.toks) && ns.toks[nj].off < nOff+len(ins) {
			nj++
		}
		run := Run{Start: i, End: j}
		isDateline := (del == "" && nOff == 0 && p.NewRef.Sent == 0 && isDatelinePrefix(ins)) ||
			(ins == "" && oOff == 0 && p.OldRef.Sent == 0 && isDatelinePrefix(del))
		if isDateline {
			run.Class = ClassStyle
			dl = &datelineChange{text: strings.TrimSpace(ins), removed: ins == ""}
			if dl.removed {
				dl.text = strings.TrimSpace(del)
			}
		} else {
			onlyDateline = false
			run.Class = runClass(del, ins, os.toks[oi:oj], ns.toks[ni:nj])
			run.Flags = c.runFlags(run.Class, os, ns, os.toks[oi:oj], ns.toks[ni:nj])
		}
		p.Runs = append(p.Runs, run)
		p.Class = max(p.Class, run.Class)
		p.Flags |= run.Flags
		oOff += len(del)
		nOff += len(ins)
		oi, ni = oj, nj
		i = j
	}
	if !onlyDateline {
		return nil
	}
	return dl
}

// sentenceQuoted reports whether any word of the sentence lies inside
// quotation marks.
func (c *classifier) sentenceQuoted(d *Document, ref SentRef) bool {
	if ref.IsNone() {
		return false
	}
	sent := d.Paragraphs[ref.Para].Sentences[ref.Sent]
	qs := c.quotes(d, ref.Para)
	for _, q := range qs[firstSpanAfter(qs, sent.Start):] {
		if q.start >= sent.End {
			break
		}
		// The overlap must hold a word, not just a closing mark.
		st, en := max(q.start, sent.Start), min(q.end, sent.End)
		if segment.CountWords(d.Paragraphs[ref.Para].Text[st:en]) > 0 {
			return true
		}
	}
	return false
}

// runClass returns the class of a run that deletes del (tokens dt) and
// inserts ins (tokens it).
func runClass(del, ins string, dt, it []tok) Class {
	if typoKey(del) == typoKey(ins) {
		return ClassTypography
	}
	if styleKey(dt) == styleKey(it) {
		return ClassStyle
	}
	if respelled(dt, it) {
		return ClassStyle
	}
	return ClassWording
}

// typoKey normalises the typographic variants a typography change may
// touch: compatibility variants (NFKC: no-break spaces, ligatures,
// full-width forms, canonically equivalent accents), double quotes to ", single quotes and apostrophes to ', runs of
// dashes to one - with no space around it, ellipses to ..., white space runs
// to one space; invisible characters are dropped.
func typoKey(s string) string {
	if !isASCII(s) && norm.NFKC.QuickSpanString(s) != len(s) {
		s = norm.NFKC.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space, dash := false, false
	for _, r := range s {
		switch {
		case r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff':
			continue
		case isSpace(r) || unicode.IsSpace(r):
			if !dash {
				space = true
			}
			continue
		}
		var out string
		switch r {
		case '"', '“', '”', '„', '‟', '«', '»', '″', '＂':
			out = `"`
		case '\'', '‘', '’', '‚', '‛', '′', 'ʼ', '‹', '›', '`', '´':
			out = "'"
		case '-', '‐', '‑', '‒', '–', '—', '―', '−', '⁃':
			if dash {
				continue
			}
			dash, space = true, false
			b.WriteByte('-')
			continue
		case '…':
			out = "..."
		default:
			out = string(r)
		}
		if space && !dash {
			b.WriteByte(' ')
		}
		space, dash = false, false
		b.WriteString(out)
	}
	if space && !dash {
		b.WriteByte(' ')
	}
	return b.String()
}

// styleKey concatenates the run's word keys without separators, internal
// periods dropped, "%" read as "percent" and "&" as "and": two runs with the
// same styleKey differ only in case, punctuation, hyphens, abbreviation
// periods or the spaces between words.
func styleKey(ts []tok) string {
	var b strings.Builder
	for _, t := range ts {
		switch {
		case t.key != "":
			b.WriteString(strings.ReplaceAll(t.key, ".", ""))
		case t.text == "%" || t.text == "٪":
			b.WriteString("percent")
		case t.text == "&":
			b.WriteString("and")
		}
	}
	return b.String()
}

// respelled reports whether the run replaces words one for one, each by
// itself or by a respelling of a name or a spelling variant.
func respelled(dt, it []tok) bool {
	dw, iw := wordToks(dt), wordToks(it)
	if len(dw) == 0 || len(dw) != len(iw) {
		return false
	}
	for k := range dw {
		a, b := dw[k], iw[k]
		if a.key == b.key || nameVariant(a.text, b.text) || spellingVariant(a.key, b.key) {
			continue
		}
		return false
	}
	return true
}

// nameVariant reports whether a and b look like two spellings of one name:
// both capitalised, same first letter, at least 4 letters, Levenshtein
// distance d at most 2 and at most a sixth of the longer length.
func nameVariant(a, b string) bool {
	if !isCapitalised(a) || !isCapitalised(b) {
		return false
	}
	ra, rb := []rune(segment.Fold(a)), []rune(segment.Fold(b))
	if len(ra) < 4 || len(rb) < 4 || len(ra) > 64 || len(rb) > 64 || ra[0] != rb[0] {
		return false
	}
	d := levenshtein(ra, rb)
	return d <= 2 && d*6 <= max(len(ra), len(rb))
}

// levenshtein returns the edit distance of two short rune slices.
func levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// spellingVariant reports whether two different folded words are a
// British and an American spelling of one word.
func spellingVariant(a, b string) bool {
	if a == b || len(a) < 4 || len(b) < 4 {
		return false
	}
	if pairVariants[a] == b || pairVariants[b] == a {
		return true
	}
	return americanise(a) == americanise(b)
}

// pairVariants lists spelling variants no suffix rule catches.
var pairVariants = map[string]string{
	"grey": "gray", "programme": "program", "programmes": "programs", "judgement": "judgment",
	"towards": "toward", "afterwards": "afterward", "jewellery": "jewelry", "cheque": "check",
	"tyre": "tire", "tyres": "tires", "aluminium": "aluminum", "plough": "plow", "kerb": "curb",
	"manoeuvre": "maneuver", "sceptical": "skeptical", "ageing": "aging", "enrol": "enroll",
	"fulfil": "fulfill", "storey": "story", "mould": "mold", "moustache": "mustache",
}

// americanise maps common British endings to American ones; it only needs
// to map both spellings of one word to the same string.
func americanise(w string) string {
	for _, s := range [...]struct{ from, to string }{
		{"isation", "ization"}, {"isations", "izations"}, {"ise", "ize"}, {"ised", "ized"},
		{"ises", "izes"}, {"ising", "izing"}, {"yse", "yze"}, {"ysed", "yzed"}, {"ysing", "yzing"},
		{"ogue", "og"}, {"ogues", "ogs"},
	} {
		if stem, ok := strings.CutSuffix(w, s.from); ok && len(stem) >= 3 {
			return stem + s.to
		}
	}
	for _, s := range [...]struct{ from, to string }{
		{"our", "or"}, {"ours", "ors"}, {"oured", "ored"}, {"ouring", "oring"}, {"ourite", "orite"},
		{"ourable", "orable"}, {"tre", "ter"}, {"tres", "ters"}, {"ence", "ense"}, {"ences", "enses"},
	} {
		if stem, ok := strings.CutSuffix(w, s.from); ok && len(stem) >= 3 {
			return stem + s.to
		}
	}
	for _, s := range [...]string{"lled", "lling", "ller", "llers"} {
		if stem, ok := strings.CutSuffix(w, s); ok && len(stem) >= 3 && (stem[len(stem)-1] == 'e' || stem[len(stem)-1] == 'a') {
			return stem + s[1:]
		}
	}
	return w
}

// isCapitalised reports whether the word starts with an upper-case letter.
func isCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

// clauseWords is the length beyond which a pure insertion or deletion is
// a clause of new or dropped copy rather than an edit of a fact: its
// numbers and names are not flagged (the run is wording anyway).
const clauseWords = 8

// runFlags returns the flags of a run of class cl deleting dt from the old
// sentence os and inserting it into the new sentence ns. A token counts as
// changed when its key occurs a different number of times on the two sides
// of the run and in the two whole sentences (so a word that moved, or that
// the run deletes and inserts again, is not a change).
//
// NAME is for a name added, removed or changed: a capitalised word that is
// new to the story (not in the old document) or gone from it (not in the
// new one), or a short run swapping one name for another; a clause that
// merely mentions someone already in the story is not a name change.
// ATTR is for the verb of saying changed, or the speaker: a name, pronoun
// or speaker noun replaced by another in the speaker's place next to a
// verb of saying ("Smith said" → "Jones said"), not a place name elsewhere
// in a sentence that ends "officials said".
func (c *classifier) runFlags(cl Class, os, ns *side, dt, it []tok) Flag {
	switch cl {
	case ClassTypography:
		return 0 // quote marks, dashes and spaces change no fact
	case ClassStyle:
		if respelledName(dt, it) {
			return FlagName // a respelled name; nothing else can change in style
		}
		return 0
	}
	dc, ic := newRunCounts(dt), newRunCounts(it)
	changed := func(key string) bool { return dc.get(key) != ic.get(key) && os.count[key] != ns.count[key] }
	dw, iw := wordsIn(dt), wordsIn(it)
	clause := (dw == 0 && iw > clauseWords) || (iw == 0 && dw > clauseWords)
	var f Flag
	if negCount(dt) != negCount(it) {
		f |= FlagNegation
	}
	if reversed(dt, it, changed) {
		f |= FlagReversal
	}
	var speakerDel, speakerIns bool
	var delNames, insNames []*tok
	var weakDel, weakIns bool
	check := func(ts []tok, s *side, speaker *bool, names *[]*tok, weak *bool) {
		for k := range ts {
			t := &ts[k]
			if t.key == "" {
				if !clause && isCurrency(t.text) && dc.get(t.text) != ic.get(t.text) {
					f |= FlagNumber // a currency symbol swapped or dropped
				}
				continue
			}
			if t.quoted {
				f |= FlagQuote
			}
			if !changed(t.key) {
				continue
			}
			if s.inSlot(t.wi) && !titleWords[strings.TrimSuffix(t.key, ".")] {
				*speaker = true // the word in the speaker's place: police → firefighters (a title is the same speaker)
			}
			switch {
			case isNegation(t.key):
			case titleWords[strings.TrimSuffix(t.key, ".")] && s.nameAfter(t.wi):
				f |= FlagName // a title before a name: Rep. → Sen.
			case weakNumbers[t.key]:
				*weak = true
			case isNumber(t):
				if !clause {
					f |= FlagNumber
				}
			case sayVerbs[t.key]:
				f |= FlagAttribution
			case isCapitalised(t.text) && !t.initial:
				*names = append(*names, t)
			}
		}
	}
	check(dt, os, &speakerDel, &delNames, &weakDel)
	check(it, ns, &speakerIns, &insNames, &weakIns)
	// An ambiguous ordinal (first, second, once) is a number when the run
	// swaps it for another number: second → third, not "spoke first".
	if (weakDel && (weakIns || hasNumber(it))) || (weakIns && hasNumber(dt)) {
		f |= FlagNumber
	}
	if c.nameChanged(delNames, insNames, dw, iw) {
		f |= FlagName
	}
	// The speaker changed: a name or pronoun replaced by another in the
	// speaker's place next to a verb of saying.
	if speakerDel && speakerIns {
		f |= FlagAttribution
	}
	return f
}

// weakNumbers are ordinals that are also ordinary words (first, second,
// once): they count as numbers only when swapped for a number.
var weakNumbers = set("first", "second", "once")

// hasNumber reports whether a run side holds a number word.
func hasNumber(ts []tok) bool {
	for k := range ts {
		if ts[k].key != "" && (weakNumbers[ts[k].key] || isNumber(&ts[k])) {
			return true
		}
	}
	return false
}

// nameAfter reports whether the word after word wi of the sentence is
// capitalised: a title stands before a name.
func (s *side) nameAfter(wi int) bool {
	for k := range s.toks {
		if s.toks[k].wi > wi {
			return isCapitalised(s.toks[k].text)
		}
	}
	return false
}

// swapWords is the most words a side of a run may have for a name
// replaced by another name of the story to count as a name change.
const swapWords = 3

// nameChanged decides FlagName for the changed capitalised words a run
// deletes (del) and inserts (ins): one is new to the story or gone from
// it, or the run swaps one name for another (acronyms such as US aside).
func (c *classifier) nameChanged(del, ins []*tok, dw, iw int) bool {
	for _, t := range ins {
		if !c.occurs(c.old, t.key) {
			return true
		}
	}
	for _, t := range del {
		if !c.occurs(c.new, t.key) {
			return true
		}
	}
	return dw <= swapWords && iw <= swapWords && hasPersonName(del) && hasPersonName(ins)
}

// hasPersonName reports whether a changed capitalised word is not an
// all-capitals acronym (US, NATO).
func hasPersonName(ts []*tok) bool {
	for _, t := range ts {
		if strings.ToUpper(t.text) != t.text {
			return true
		}
	}
	return false
}

// occurs reports whether a word of word key key occurs in d (the old or
// the new version).
func (c *classifier) occurs(d *Document, key string) bool {
	words := c.newWords
	if d == c.old {
		words = c.oldWords
	}
	if words == nil {
		return c.docCount(d)[key] > 0
	}
	_, ok := words[fnv(fnvOffset, []byte(key))]
	return ok
}

// docCount returns the word-key counts of a whole document, counted once.
func (c *classifier) docCount(d *Document) map[string]int {
	p := &c.newCount
	if d == c.old {
		p = &c.oldCount
	}
	if *p == nil {
		// Counted through pointers so that a word already seen costs a
		// lookup by its folded bytes, without allocating a key.
		counts := map[string]*int{}
		var buf []byte
		for _, para := range d.Paragraphs {
			text := para.Text
			for s, e := segment.NextWord(text, 0); s >= 0; s, e = segment.NextWord(text, e) {
				buf = appendWordKey(buf[:0], text[s:e])
				if n := counts[string(buf)]; n != nil {
					*n++
					continue
				}
				one := 1
				counts[string(buf)] = &one
			}
		}
		m := make(map[string]int, len(counts))
		for k, n := range counts {
			m[k] = *n
		}
		*p = m
	}
	return *p
}

// speakerFillers may stand in the speaker's place between a verb of
// saying and the speaker's name: "said the regional police chief".
var speakerFillers = set("the", "a", "an", "his", "her", "their", "its", "our", "to", "regional", "local", "chief",
	"senior", "top", "state", "city", "county", "federal", "deputy", "former", "acting")

// inSlot reports whether word wi of the sentence stands in a speaker's
// place: in the run of names, titles, pronouns and speaker nouns right
// before or after a verb of saying ("Trump said", "said Col. Taras
// Lysenko", "according to police"), with no other word or punctuation
// but a title's period between.
func (s *side) inSlot(wi int) bool {
	if len(s.says) == 0 {
		return false
	}
	if !s.slotDone {
		s.slotDone = true
		s.slot = append(s.slot[:0], make([]bool, len(s.toks))...)
		for k := range s.toks {
			if s.toks[k].key == "" || !sayVerbs[s.toks[k].key] {
				continue
			}
			s.walkSlot(k, -1)
			s.walkSlot(k, 1)
		}
	}
	return wi >= 0 && wi < len(s.slot) && s.slot[wi]
}

// walkSlot marks the speaker's place from the verb of saying at token k
// in direction dir.
func (s *side) walkSlot(k, dir int) {
	marked := false
	for j := k + dir; j >= 0 && j < len(s.toks); j += dir {
		t := &s.toks[j]
		switch {
		case t.key == "":
			if segment.IsSpace(t.text) || t.text == "." {
				continue
			}
			return
		case speakerWords[t.key] || isCapitalised(t.text) || titleWords[t.key]:
			s.slot[t.wi] = true // wi < len(toks)
		case speakerFillers[t.key]:
		case dir < 0 && !marked:
			s.slot[t.wi] = true // the noun right before the verb: firefighters said
			return
		default:
			return
		}
		marked = true
	}
}

// reversalWords is the most words a side of a run may have for a swap of
// opposites in it to count as a reversal (a rewritten clause is wording).
const reversalWords = 3

// reversed reports whether a run swaps a word for its opposite in place
// (increased → decreased, upheld → overturned in any inflection; the pairs
// are WordNet's, see reversal_table.go): a short run deleting one word of
// a pair and inserting the other, both changed in the sentence.
func reversed(dt, it []tok, changed func(string) bool) bool {
	dw, iw := wordToks(dt), wordToks(it)
	if len(dw) == 0 || len(iw) == 0 || len(dw) > reversalWords || len(iw) > reversalWords {
		return false
	}
	for _, d := range dw {
		if !changed(d.key) {
			continue
		}
		for _, i := range iw {
			if changed(i.key) && isReversal(d.key, i.key) {
				return true
			}
		}
	}
	return false
}

// titleWords are titles and party labels that stand before a name: a
// changed one is a name change even at the start of a sentence.
var titleWords = set("rep", "reps", "sen", "sens", "gov", "lt", "col", "gen", "maj", "capt", "cmdr", "adm", "sgt",
	"cpl", "pvt", "supt", "insp", "det", "dr", "prof", "rev", "msgr", "amb", "atty", "del", "assemblyman",
	"assemblywoman", "congressman", "congresswoman", "senator", "representative", "governor", "mayor",
	"president", "premier", "chancellor", "minister", "secretary", "speaker", "judge", "justice", "sheriff",
	"commissioner", "councilman", "councilwoman", "alderman", "d-", "r-", "i-")

// runCounts counts the word keys and currency symbols of one side of a
// run, as localCounts does: by scanning the tokens when the side is short
// (most runs change a word or two, and a map per side and run was 2.8 MB
// a run on a 10 MB pair), through localCounts's map when it is long.
type runCounts struct {
	ts []tok
	m  map[string]int
}

// shortRun is the most tokens a runCounts scans rather than maps.
const shortRun = 32

func newRunCounts(ts []tok) runCounts {
	if len(ts) > shortRun {
		return runCounts{m: localCounts(ts)}
	}
	return runCounts{ts: ts}
}

// get returns localCounts(ts)[key].
func (c runCounts) get(key string) int {
	if c.m != nil {
		return c.m[key]
	}
	n := 0
	for k := range c.ts {
		t := &c.ts[k]
		if t.key != "" && t.key == key || t.key == "" && t.text == key && isCurrency(t.text) {
			n++
		}
	}
	return n
}

// localCounts counts the keys of a run's tokens: word keys, and currency
// symbols by their text.
func localCounts(ts []tok) map[string]int {
	m := make(map[string]int, len(ts))
	for k := range ts {
		switch {
		case ts[k].key != "":
			m[ts[k].key]++
		case isCurrency(ts[k].text):
			m[ts[k].text]++
		}
	}
	return m
}

func wordsIn(ts []tok) int {
	n := 0
	for k := range ts {
		if ts[k].key != "" {
			n++
		}
	}
	return n
}

// negCount counts the negations among a run's words; "didn't" and "did
// not" both count one.
func negCount(ts []tok) int {
	n := 0
	for k := range ts {
		if ts[k].key != "" && isNegation(ts[k].key) {
			n++
		}
	}
	return n
}

// respelledName reports whether a style run respells a name: some word is
// replaced by a different capitalised word that nameVariant accepts.
func respelledName(dt, it []tok) bool {
	dw, iw := wordToks(dt), wordToks(it)
	if len(dw) != len(iw) {
		return false
	}
	for k := range dw {
		if dw[k].key != iw[k].key && nameVariant(dw[k].text, iw[k].text) {
			return true
		}
	}
	return false
}

func wordToks(ts []tok) []*tok {
	var out []*tok
	for k := range ts {
		if ts[k].key != "" {
			out = append(out, &ts[k])
		}
	}
	return out
}

func isCurrency(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.Is(unicode.Sc, r)
}

// isNegation reports whether a folded word negates.
func isNegation(k string) bool {
	if negations[k] {
		return true
	}
	return strings.HasSuffix(k, "n't") && len(k) > 3
}

var negations = set("not", "no", "never", "without", "none", "nobody", "nothing", "nowhere", "neither",
	"nor", "cannot", "nope", "noone", "n't",
	// A few other languages' "not" / "no" / "without".
	"не", "ні", "нет", "без", "nicht", "kein", "keine", "keinen", "ohne", "nunca", "sin", "jamais", "sans",
	"ない", "没有", "不", "لا", "ليس", "δεν", "μην", "όχι")

// isNumber reports whether a word token is a number, a number word, a
// weekday, a month or a relative day.
func isNumber(t *tok) bool {
	for _, r := range t.key {
		if unicode.IsNumber(r) {
			return true
		}
	}
	if numberWords[t.key] {
		return true
	}
	if dayWords[t.key] || months[t.key] {
		return !ambiguous[t.key] || isCapitalised(t.text)
	}
	f := segment.Fold(t.text)
	return f == "a.m." || f == "p.m." || f == "a.m" || f == "p.m"
}

var numberWords = set("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
	"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds",
	"thousand", "thousands", "million", "millions", "billion", "billions", "trillion", "trillions", "dozen",
	"dozens", "half", "quarter", "quarters", "third", "thirds", "fourth", "fifth", "sixth",
	"seventh", "eighth", "ninth", "tenth", "twice", "double", "triple", "bn", "mn",
	// Ordinals and multiples are numbers too.
	"first", "second", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
	"seventeenth", "eighteenth", "nineteenth", "twentieth", "thirtieth", "fortieth", "fiftieth",
	"hundredth", "thousandth", "millionth", "once", "thrice", "quadruple", "fourfold", "threefold", "twofold",
	"tenfold", "hundredfold", "doubled", "doubling", "tripled", "tripling", "quadrupled", "halved", "halving")

var dayWords = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun",
	"today", "tonight", "yesterday", "tomorrow", "noon", "midnight")

var months = set("january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
	"oct", "nov", "dec")

// ambiguous are day and month names that are also ordinary words: they
// count only when capitalised.
var ambiguous = set("march", "may", "mar", "jan", "dec", "sun", "sat", "wed", "mon", "fri")

// sayVerbs are the verbs (and "according") that attribute speech.
var sayVerbs = set("say", "says", "said", "saying", "tell", "tells", "told", "telling", "add", "adds", "added",
	"adding", "claim", "claims", "claimed", "claiming", "state", "states", "stated", "according", "insist",
	"insists", "insisted", "argue", "argues", "argued", "warn", "warns", "warned", "deny", "denies", "denied",
	"assert", "asserted", "admit", "admitted", "acknowledge", "acknowledged", "announce", "announced",
	"explain", "explained", "note", "noted", "declare", "declared", "suggest", "suggested", "write", "wrote",
	"reply", "replied", "respond", "responded", "allege", "alleged", "maintain", "maintained", "contend",
	"contended", "confirm", "confirmed", "concede", "conceded", "predict", "predicted", "vow", "vowed",
	"urge", "urged", "testify", "testified", "counter", "countered", "remark", "remarked", "caution",
	"cautioned", "complain", "complained", "stress", "stressed", "emphasize", "emphasized", "emphasise",
	"emphasised", "recall", "recalled", "ask", "asked", "shout", "shouted", "tweet", "tweeted", "posted")

// speakerWords are pronouns and nouns that may stand for the speaker.
var speakerWords = set("he", "she", "they", "we", "i", "it", "spokesman", "spokeswoman", "spokesperson",
	"official", "officials", "source", "sources", "police", "authorities", "government", "minister",
	"president", "aide", "aides", "agency", "ministry", "statement", "witness", "witnesses")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// isASCII reports whether s is all ASCII (and so in every normal form).
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
