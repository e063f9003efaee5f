package diff

import (
	"bytes"
	"cmp"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/storydiff/storydiff/diff/internal/segment"
	"github.com/storydiff/storydiff/internal/par"
)

// Thresholds, tuned on testdata/pairs and the seed pair.
const (
	// minSimilarity is the word-level Dice coefficient two sentences need to
	// be linked as the same sentence, changed. At 0.5 a sentence keeps its
	// identity through a rewritten clause ("Putin cast the conversations…" →
	// "Putin spoke first at the event, casting the conversations…" scores
	// 0.82) while two different sentences sharing names and function words
	// ("Trump said …" twice) score 0.2–0.4 and stay apart.
	minSimilarity = 0.5
	// minContainment is the share (by word rarity) of a sentence that must
	// appear inside a sentence of the other version for a partial link, which
	// only groups paragraphs (a clause split off into its own paragraph, a
	// sentence folded into another). 0.6 catches "The event followed the
	// longest ever…", split off an old sentence, without tying short generic
	// sentences ("He said it was a good day.") to long ones.
	minContainment = 0.6
	// minPartialWords is the least number of shared words for a partial link.
	minPartialWords = 4
	// maxPosting skips words that occur in more sentences than this when
	// looking for candidates: they say little about identity, and skipping
	// them keeps the candidate search linear.
	maxPosting = 64
	// maxCandidates is how many candidates per sentence are scored exactly.
	maxCandidates = 6
	// minTrimContainment is the share of the shorter sentence's words
	// (counted and weighted by rarity) that must appear, in order, in the
	// longer one for the two to be linked as one sentence trimmed or
	// extended by a clause ("The council approved the plan on Monday after
	// a three-hour debate in which…" → "The council approved the plan on
	// Monday."), however low their Dice score.
	minTrimContainment = 0.8
	// minTrimWords is the least number of words of the shorter sentence of
	// a trim link: "He said." is contained in too many sentences to say
	// which one it was cut from.
	minTrimWords = 4
	// maxScoreParts bounds the parallel parts of linkSimilar's scoring.
	maxScoreParts = 4
	// maxTrimWords bounds the longer sentence of a trim link, for which
	// the in-order check costs the product of the two lengths.
	maxTrimWords = 400
)

// sent is one sentence with its matching features.
type sent struct {
	ref   SentRef
	key   uint64  // hash of the normalised text (segment.Key), see features
	words []int32 // interned folded words, sorted
	pos   float64 // relative position in its document, 0..1
	link  int     // index of the linked sentence on the other side, or -1
	sim   float64 // similarity of the link
	part  int     // partial link: index on the other side, or -1
	share int     // shared words of the link or partial link
}

// linker links sentences of two documents.
type linker struct {
	old, new []sent
	idf      []float64 // by interned word
	od, nd   *Document
	// anchors maps an old paragraph to its exact twin in the new version
	// (see linkAnchors), or -1.
	anchors []int32
	// oldWords and newWords are the versions' word key sets (feats.words).
	oldWords, newWords map[uint64]struct{}
}

func newLinker(od, nd *Document) *linker {
	// Segmenting sentences into folded words is the costly part and each
	// document's is independent: do the two at once.
	var of, nf feats
	par.Do(func() { of = features(od) }, func() { nf = features(nd) })

	// One dictionary for both: the old words keep their ids, the new ones
	// are mapped onto them.
	global := &of.ids
	dictLen := int32(len(of.dict))
	remap := make([]int32, len(nf.dict))
	for i, w := range nf.dict {
		id, ok := global.get(w)
		if !ok {
			id = dictLen
			dictLen++
			global.put(w, id)
		}
		remap[i] = id
	}
	// Each sentence's words are sorted by id and counted once in df. The
	// two documents are independent here as well (the new one first takes
	// its dictionary ids), each counting into its own df: do the two at
	// once and add the counts.
	build := func(d *Document, f *feats, df []int32) []sent {
		total := len(f.keys)
		out := make([]sent, 0, total)
		for pi, p := range d.Paragraphs {
			for si := range p.Sentences {
				n := len(out)
				ws := f.arena[f.start[n]:f.start[n+1]:f.start[n+1]]
				slices.Sort(ws)
				prev := int32(-1)
				for _, w := range ws {
					if w != prev {
						df[w]++
						prev = w
					}
				}
				pos := 0.0
				if total > 1 {
					pos = float64(n) / float64(total-1)
				}
				out = append(out, sent{ref: SentRef{pi, si}, key: f.keys[n], words: ws, pos: pos, link: -1, part: -1})
			}
		}
		return out
	}
	l := &linker{od: od, nd: nd, oldWords: of.words, newWords: nf.words}
	oldDF, newDF := make([]int32, dictLen), make([]int32, dictLen)
	par.Do(func() { l.old = build(od, &of, oldDF) }, func() {
		for i, w := range nf.arena {
			nf.arena[i] = remap[w]
		}
		l.new = build(nd, &nf, newDF)
	})
	df := oldDF
	for i, c := range newDF {
		df[i] += c
	}
	n := float64(len(l.old) + len(l.new))
	l.idf = make([]float64, len(df))
	for i, f := range df {
		l.idf[i] = math.Log(1 + n/float64(f))
	}
	return l
}

// release drops what only linking needs (the sentences' words, the idf,
// the anchors and the word key sets), about a third of the live heap at
// 10 MB, so that the word diffs and the result that follow do not keep it.
// After release, only the sentences' references and links are left.
func (l *linker) release() {
	for i := range l.old {
		l.old[i].words = nil
	}
	for i := range l.new {
		l.new[i].words = nil
	}
	l.idf, l.anchors, l.oldWords, l.newWords = nil, nil, nil, nil
}

// feats are the matching features of one document's sentences, in
// document order.
type feats struct {
	arena []int32  // the folded words of every sentence, as ids, one after another
	start []int    // sentence n's words are arena[start[n]:start[n+1]]
	keys  []uint64 // sentence n's key hash
	ids   idTable  // hash of a folded word → id
	dict  []uint64 // id → hash of the folded word
	// words holds the hash (fnv) of the wordKey of every distinct word,
	// for the classifier's question "does this name occur in the version".
	words map[uint64]struct{}
	// raw maps the hash of a non-ASCII word as written to an index in
	// rawFold, the hash of its fold (see foldOther).
	raw     idTable
	rawFold []uint64
}

// foldOther returns the hash of the fold of a word that is not plain
// ASCII, and whether *buf now holds the fold. segment.AppendFold
// allocates for such words (NFKC, curly apostrophes) and most recur
// ("it’s", "Zelenskyy’s"): the fold of each spelling is computed once
// and then found by the hash of the spelling (64 bits, the same odds of
// a collision as the dictionary's, see features).
func (f *feats) foldOther(word string, buf *[]byte) (uint64, bool) {
	rh := fnvString(fnvOffset, word)
	if k, ok := f.raw.get(rh); ok {
		return f.rawFold[k], false
	}
	*buf = segment.AppendFold((*buf)[:0], word)
	wh := fnv(fnvOffset, *buf)
	f.raw.put(rh, int32(len(f.rawFold)))
	f.rawFold = append(f.rawFold, wh)
	return wh, true
}

// asciiFold maps the bytes an ASCII word may hold (letters, digits and
// the . , : ' inside it) to their folded form (lower case), and every
// other byte to 0. Such a word's fold is its bytes through this table
// (segment.AppendFold folds it so), which lets features hash a word
// straight from the text in one pass instead of scanning it, copying it
// folded and hashing the copy.
var asciiFold = func() (t [256]byte) {
	for c := range 128 {
		switch {
		case c >= 'A' && c <= 'Z':
			t[c] = byte(c) + 'a' - 'A'
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '.', c == ',', c == ':', c == '\'':
			t[c] = byte(c)
		}
	}
	return t
}()

// features folds the words of every sentence of d without allocating per
// word: each folded word is hashed (64-bit FNV-1a) and known by its hash,
// so that the dictionary of words is a table of integers. The matching key
// of a sentence is a 64-bit hash of its words' hashes in order, or of its
// text when it has no words ("***", an emoji). With 64 bits a collision
// among even a million distinct words or sentences has a chance of about
// 3 in 10⁸.
func features(d *Document) feats {
	sents, size := 0, 0
	for i := range d.Paragraphs {
		sents += len(d.Paragraphs[i].Sentences)
		size += len(d.Paragraphs[i].Text)
	}
	f := feats{
		ids:   newIdTable(size / 1024), // grown as words come: a sparser, bigger table cost more in cache misses
		words: make(map[uint64]struct{}, 1024),
		start: make([]int, 1, sents+1),
		keys:  make([]uint64, 0, sents),
		arena: make([]int32, 0, size/5+16), // news copy: about one word per 6 bytes
	}
	f.raw = newIdTable(64)
	var buf []byte
	for _, p := range d.Paragraphs {
		for _, st := range p.Sentences {
			text := st.Text
			h := fnvOffset
			words := 0
			for s, e := nextWord(text, 0); s >= 0; s, e = nextWord(text, e) {
				wh, folded := fnvOffset, false
				for i := s; i < e; i++ {
					c := asciiFold[text[i]]
					if c == 0 { // not an ASCII word: fold it the long way, once per spelling
						wh, folded = f.foldOther(text[s:e], &buf)
						break
					}
					wh ^= uint64(c)
					wh *= fnvPrime
				}
				id, ok := f.ids.get(wh)
				if !ok {
					id = int32(len(f.dict))
					f.ids.put(wh, id)
					f.dict = append(f.dict, wh)
					if !folded {
						buf = segment.AppendFold(buf[:0], text[s:e])
					}
					kh := wh
					if bytes.ContainsAny(buf, ".,") {
						kh = fnv(fnvOffset, dropKeyPunct(buf))
					}
					f.words[kh] = struct{}{}
				}
				f.arena = append(f.arena, id)
				h = (h ^ wh) * fnvPrime
				words++
			}
			if words == 0 {
				h = fnv(fnv(fnvOffset, []byte{0}), []byte(text)) // no words: the text itself
			}
			f.keys = append(f.keys, h)
			f.start = append(f.start, len(f.arena))
		}
	}
	return f
}

// nextWord returns segment.NextWord(text, from), taking the common case
// itself: it walks segment's tokens while they are plain (a word of ASCII
// letters and digits, a run of spaces, a run of one ASCII punctuation
// mark, a lone ASCII symbol, a curly double quote or an em dash) and
// hands everything else to segment.NextWord at the token boundary where
// it starts: other non-ASCII text, a control character, a word that goes
// on over . , : ' or touches a non-ASCII letter, mark or joiner, a space
// run before other white space. Splitting the words of every sentence
// was 40% of features' time, most of it in nextToken's general path for
// spaces and punctuation. The rules below are nextToken's and wordEnd's
// for these tokens; TestNextWordAgrees holds the two together.
func nextWord(text string, from int) (start, end int) {
	for b := from; b < len(text); { // b is a token boundary
		c := text[b]
		switch {
		case c >= utf8.RuneSelf:
			// A quote or dash followed by ASCII (nothing attaches to it)
			// is a token of its own.
			if !plainMark(text, b) || b+3 < len(text) && text[b+3] >= utf8.RuneSelf {
				return segment.NextWord(text, b)
			}
			b += 3
		case c < ' ' || c == 0x7f:
			return segment.NextWord(text, b)
		case segment.IsASCIIAlnum(c):
			j := b + 1
			for j < len(text) && segment.IsASCIIAlnum(text[j]) {
				j++
			}
			if j == len(text) {
				return b, j
			}
			d := text[j]
			switch {
			case d == '.' || d == '\'' || d == ',' || d == ':':
				// The word may go on over the mark only before a letter
				// or digit (over a comma or colon only between digits).
				if j+1 == len(text) || plainMark(text, j+1) {
					return b, j
				}
				n := text[j+1]
				if n >= utf8.RuneSelf || (d == '.' || d == '\'') && segment.IsASCIIAlnum(n) ||
					(d == ',' || d == ':') && isDigit(text[j-1]) && isDigit(n) {
					return segment.NextWord(text, b)
				}
			case d >= utf8.RuneSelf && !plainMark(text, j):
				return segment.NextWord(text, b)
			}
			return b, j
		case c == ' ':
			j := b + 1
			for j < len(text) && text[j] == ' ' {
				j++
			}
			if j < len(text) && (text[j] < ' ' || text[j] >= utf8.RuneSelf && !plainMark(text, j)) {
				return segment.NextWord(text, b) // white space of other kinds joins the run
			}
			b = j
		case b+1 < len(text) && text[b+1] >= utf8.RuneSelf && !plainMark(text, b+1):
			return segment.NextWord(text, b) // a mark may attach to c
		case unicode.IsPunct(rune(c)): // a run of the same mark is one token
			j := b + 1
			for j < len(text) && text[j] == c {
				j++
			}
			b = j
		default: // a symbol: a token of its own
			b++
		}
	}
	return -1, -1
}

// plainMark reports whether text[i:] starts with a curly double quote or
// an em dash: punctuation that is no white space, letter, apostrophe or
// mark that attaches, and so ends a word and a run of spaces.
func plainMark(text string, i int) bool {
	return i+2 < len(text) && text[i] == 0xE2 && text[i+1] == 0x80 &&
		(text[i+2] == 0x9C || text[i+2] == 0x9D || text[i+2] == 0x94)
}

// isDigit reports whether c is an ASCII digit.
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// idTable maps 64-bit hashes (of words, sentences, paragraphs) to ids:
// open addressing with linear probing over a power-of-two array of slots,
// the slot picked by the top bits of the hash times idTableMul. The keys
// are already hashes, so this skips the Go map's own hashing and groups; a
// lookup per word of the input made the map a quarter of newLinker's time.
type idTable struct {
	slots []idSlot
	shift uint // 64 - log2(len(slots))
	n     int
}

// idSlot is a slot of a idTable; id1 is the id plus one, 0 when empty.
type idSlot struct {
	hash uint64
	id1  int32
}

// idTableMul is the multiplier that picks a key's slot (multiply-shift
// hashing): odd, and drawn at random once per process. The keys are FNV
// hashes of the words and sentences of untrusted input. With a fixed
// multiplier, words brute-forced offline to share the top bits of
// hash × multiplier (about 2^17 tries a word) would all fall into one run
// of slots and make each lookup walk the run: quadratic in all, where
// the seeded Go maps this table replaced stayed linear. Nobody can aim at
// a multiplier they do not know. The ids do not depend on the slots, so
// the output is the same whatever the multiplier.
var idTableMul = rand.Uint64() | 1

// newIdTable returns a table sized for about hint keys.
func newIdTable(hint int) idTable {
	size, shift := 64, uint(64-6)
	for size < 2*hint {
		size, shift = size*2, shift-1
	}
	return idTable{slots: make([]idSlot, size), shift: shift}
}

// get returns the id of hash h.
func (t *idTable) get(h uint64) (int32, bool) {
	mask := len(t.slots) - 1
	for i := int((h * idTableMul) >> t.shift); ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.id1 == 0 {
			return 0, false
		}
		if sl.hash == h {
			return sl.id1 - 1, true
		}
	}
}

// put adds hash h, which is not in t, with the given id. The table grows
// to keep at least half of its slots empty.
func (t *idTable) put(h uint64, id int32) {
	if 2*(t.n+1) > len(t.slots) {
		old := t.slots
		t.slots = make([]idSlot, 2*len(old))
		t.shift--
		for _, sl := range old {
			if sl.id1 != 0 {
				t.insert(sl.hash, sl.id1)
			}
		}
	}
	t.insert(h, id+1)
	t.n++
}

func (t *idTable) insert(h uint64, id1 int32) {
	mask := len(t.slots) - 1
	i := int((h * idTableMul) >> t.shift)
	for t.slots[i].id1 != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = idSlot{h, id1}
}

const (
	fnvOffset uint64 = 14695981039346656037
	fnvPrime  uint64 = 1099511628211
)

// fnvString folds s into the FNV-1a hash h.
func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// fnv folds b into the FNV-1a hash h.
func fnv(h uint64, b []byte) uint64 {
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// linkAnchors links exact twins: a paragraph whose normalised text (its
// sentences' keys, in order) occurs exactly once in each version is the
// same paragraph in both, wherever it stands, and its sentences are linked
// one to one to the twin's. Grouping starts from these anchors, so that a
// headline repeated verbatim further down is aligned with that copy rather
// than with the new headline that merely contains it ("… | The Daily
// Herald"), and the paragraph blocks agree with the sentence links.
func (l *linker) linkAnchors() {
	oldKeys := paraKeys(l.old, len(l.od.Paragraphs))
	newKeys := paraKeys(l.new, len(l.nd.Paragraphs))
	// Each distinct old key is a class; count the paragraphs of each
	// class on both sides (a key absent from the old version anchors
	// nothing).
	t := newIdTable(len(oldKeys))
	oldCount := make([]int32, 0, len(oldKeys)) // by class: paragraphs
	oldPara := make([]int32, 0, len(oldKeys))  // by class: the last of them
	for p, k := range oldKeys {
		c, ok := t.get(k)
		if !ok {
			c = int32(len(oldCount))
			t.put(k, c)
			oldCount, oldPara = append(oldCount, 0), append(oldPara, 0)
		}
		oldCount[c]++
		oldPara[c] = int32(p)
	}
	newClass := make([]int32, len(newKeys))
	newCount := make([]int32, len(oldCount))
	for p, k := range newKeys {
		c, ok := t.get(k)
		if !ok {
			c = -1
		} else {
			newCount[c]++
		}
		newClass[p] = c
	}
	l.anchors = make([]int32, len(oldKeys))
	for o := range l.anchors {
		l.anchors[o] = -1
	}
	oldStart, newStart := sentStarts(l.old, len(oldKeys)), sentStarts(l.new, len(newKeys))
	for n, c := range newClass {
		if c < 0 || oldCount[c] != 1 || newCount[c] != 1 {
			continue
		}
		o := int(oldPara[c])
		if oldStart[o+1]-oldStart[o] != newStart[n+1]-newStart[n] {
			continue // a key collision, or sentences segmented apart: no anchor
		}
		l.anchors[o] = int32(n)
		for d := 0; d < oldStart[o+1]-oldStart[o]; d++ {
			i, j := oldStart[o]+d, newStart[n]+d
			w := max(1, len(l.old[i].words))
			l.old[i].link, l.old[i].sim, l.old[i].share = j, 1, w
			l.new[j].link, l.new[j].sim, l.new[j].share = i, 1, w
		}
	}
}

// paraKeys returns a hash of the sentence keys of each of n paragraphs.
func paraKeys(ss []sent, n int) []uint64 {
	keys := make([]uint64, n)
	for p := range keys {
		keys[p] = fnvOffset
	}
	for i := range ss {
		p := ss[i].ref.Para
		k := ss[i].key
		for b := 0; b < 8; b++ {
			keys[p] ^= k & 0xff
			keys[p] *= fnvPrime
			k >>= 8
		}
	}
	return keys
}

// sentStarts returns, for each of n paragraphs, the index in ss of its
// first sentence, and len(ss) at the end.
func sentStarts(ss []sent, n int) []int {
	st := make([]int, n+1)
	for i := range ss {
		st[ss[i].ref.Para+1]++
	}
	for p := 1; p <= n; p++ {
		st[p] += st[p-1]
	}
	return st
}

// linkExact links sentences with the same normalised text, each old
// sentence at most once. Texts that occur once on each side are linked
// first; they anchor the rest. A text that repeats (a stock sentence, a
// quote used twice) is linked to the unused old copy nearest to where the
// last anchor predicts it, so that deleting one copy does not shift every
// later copy onto the wrong paragraph.
func (l *linker) linkExact() {
	// Each distinct old key is a class, and the old sentences of class c
	// are list[start[c]:start[c+1]], ascending (a counting sort: flat
	// arrays where a map of slices cost an allocation per sentence).
	t := newIdTable(len(l.old))
	oldClass := make([]int32, len(l.old))
	count := make([]int32, 0, len(l.old)) // by class
	for i := range l.old {
		k := l.old[i].key
		c, ok := t.get(k)
		if !ok {
			c = int32(len(count))
			t.put(k, c)
			count = append(count, 0)
		}
		oldClass[i] = c
		count[c]++
	}
	start := make([]int32, len(count)+1)
	for c, n := range count {
		start[c+1] = start[c] + n
	}
	list := make([]int32, len(l.old))
	next := slices.Clone(start[:len(count)])
	for i, c := range oldClass {
		list[next[c]] = int32(i)
		next[c]++
	}
	newClass := make([]int32, len(l.new)) // -1: a text the old version lacks
	newCount := make([]int32, len(count))
	for j := range l.new {
		c, ok := t.get(l.new[j].key)
		if !ok {
			c = -1
		} else {
			newCount[c]++
		}
		newClass[j] = c
	}
	link := func(i, j int) {
		// A sentence without words ("_____", an emoji) still weighs one, so
		// that the paragraphs it links are grouped.
		w := max(1, len(l.old[i].words))
		l.old[i].link, l.old[i].sim, l.old[i].share = j, 1, w
		l.new[j].link, l.new[j].sim, l.new[j].share = i, 1, w
	}
	for j, c := range newClass {
		if c >= 0 && newCount[c] == 1 && count[c] == 1 && l.new[j].link < 0 && l.old[list[start[c]]].link < 0 {
			link(int(list[start[c]]), j)
		}
	}
	head := make([]int32, len(count)) // per class: index in its list before which every copy is used
	lastNew, lastOld := -1, -1
	for j := range l.new {
		if l.new[j].link >= 0 {
			lastNew, lastOld = j, l.new[j].link
			continue
		}
		c := newClass[j]
		if c < 0 {
			continue
		}
		cands := list[start[c]:start[c+1]]
		want := j * len(l.old) / max(1, len(l.new))
		if lastNew >= 0 {
			want = lastOld + (j - lastNew)
		}
		i := nearestUnused(l.old, cands, int(head[c]), want)
		if i < 0 {
			continue
		}
		link(i, j)
		for h := head[c]; int(h) < len(cands) && l.old[cands[h]].link >= 0; h++ {
			head[c] = h + 1
		}
		lastNew, lastOld = j, i
	}
}

// nearestUnused returns the unlinked sentence among cands (ascending
// indices, all before from used) nearest to want, looking at most a few
// dozen copies either side of it, else the first unused one; -1 if none.
func nearestUnused(ss []sent, cands []int32, from, want int) int {
	const reach = 32
	p, _ := slices.BinarySearch(cands[from:], int32(want))
	p += from
	best, bestDist := -1, 0
	for d := 0; d < reach; d++ {
		for _, q := range [2]int{p - 1 - d, p + d} {
			if q < from || q >= len(cands) || ss[cands[q]].link >= 0 {
				continue
			}
			dist := int(cands[q]) - want
			if dist < 0 {
				dist = -dist
			}
			if best < 0 || dist < bestDist {
				best, bestDist = int(cands[q]), dist
			}
		}
		if best >= 0 {
			return best
		}
	}
	for q := from; q < len(cands); q++ {
		if ss[cands[q]].link < 0 {
			return int(cands[q])
		}
	}
	return -1
}

// postingList maps each word to the sentences (of one side) holding it:
// the sentences of word w are list[off[w]:off[w+1]], ascending. It is two
// flat arrays rather than a map of slices: one allocation each, whatever
// the number of words. A word held by more than maxPosting sentences,
// which candidates skips, keeps only its count (many[w]), not its list:
// the common words are most of the postings (at 10 MB this halved them).
type postingList struct {
	off  []int32
	list []int32
	many []bool // by word: more than maxPosting sentences, list not kept
}

// get returns the sentences holding word w, and false (and no sentences)
// when there are more than maxPosting of them.
func (p *postingList) get(w int32) ([]int32, bool) {
	if int(w)+1 >= len(p.off) || p.many[w] {
		return nil, false
	}
	return p.list[p.off[w]:p.off[w+1]], true
}

// postings returns the posting list of the sentences of ss that pass keep,
// over a dictionary of n words.
func postings(ss []sent, n int, keep func(*sent) bool) *postingList {
	count := make([]int32, n)
	each := func(f func(w int32, i int)) {
		for i := range ss {
			if !keep(&ss[i]) {
				continue
			}
			prev := int32(-1)
			for _, w := range ss[i].words { // sorted: each word once
				if w != prev {
					f(w, i)
					prev = w
				}
			}
		}
	}
	each(func(w int32, _ int) { count[w]++ })
	p := &postingList{off: make([]int32, n+1), many: make([]bool, n)}
	for w, c := range count {
		if c > maxPosting {
			p.many[w], c = true, 0
		}
		p.off[w+1] = p.off[w] + c
	}
	p.list = make([]int32, p.off[n])
	next := count // the counts are spent: the fill positions reuse them
	copy(next, p.off[:n])
	each(func(w int32, i int) {
		if !p.many[w] {
			p.list[next[w]] = int32(i)
			next[w]++
		}
	})
	return p
}

// scorer is the scratch space of candidates, reused from one sentence to
// the next: the running score of every sentence of the other side, dense,
// and the list of those touched, so that clearing costs what was touched.
// It replaced a map of scores (a map costs its capacity to clear and to
// range over, and hashing every posting was a third of the linking time)
// and a sort of every scored sentence to keep the best few.
type scorer struct {
	score   []float64 // by sentence of the other side; 0 when untouched
	touched []int32
	best    []cand // the best candidates so far, best first
	out     []int32
}

// cand is a scored candidate.
type cand struct {
	i     int32
	score float64
}

// better is the order of candidates: higher score first, then lower index.
func (a cand) better(b cand) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return a.i < b.i
}

func newScorer(n int) *scorer {
	return &scorer{score: make([]float64, n), best: make([]cand, 0, maxCandidates), out: make([]int32, 0, maxCandidates)}
}

// candidates returns up to maxCandidates indices from post that share the
// most distinctive words with s, best first. The slice is sc's and is
// valid until the next call.
func (l *linker) candidates(s *sent, post *postingList, sc *scorer) []int32 {
	score := sc.score
	prev := int32(-1)
	for _, w := range s.words {
		if w == prev {
			continue
		}
		prev = w
		list, ok := post.get(w)
		if !ok {
			continue
		}
		idf := l.idf[w]
		for _, c := range list {
			if score[c] == 0 { // every idf is above 0: a score of 0 is untouched
				sc.touched = append(sc.touched, c)
			}
			score[c] += idf
		}
	}
	if len(sc.touched) == 0 {
		return nil
	}
	// Keep the best maxCandidates by insertion: the order is total (ties
	// go to the lower index), so this picks what a full sort would.
	best := sc.best[:0]
	for _, c := range sc.touched {
		x := cand{c, score[c]}
		score[c] = 0
		if len(best) == maxCandidates && !x.better(best[len(best)-1]) {
			continue
		}
		if len(best) < maxCandidates {
			best = append(best, x)
		} else {
			best[len(best)-1] = x
		}
		for k := len(best) - 1; k > 0 && best[k].better(best[k-1]); k-- {
			best[k], best[k-1] = best[k-1], best[k]
		}
	}
	sc.touched = sc.touched[:0]
	out := sc.out[:0]
	for _, c := range best {
		out = append(out, c.i)
	}
	sc.best, sc.out = best, out
	return out
}

// sortParallel sorts s by cmp, which must be a total order (no two
// elements compare equal), so that the result is the one a plain sort
// gives: a large s is sorted in two halves at once and merged into a new
// slice, which it returns. The edge sorts of linkSimilar and
// groupParagraphs (50–70 K edges at 10 MB, ~10 ms each) otherwise ran on
// one core while the other idled.
func sortParallel[T any](s []T, cmp func(a, b T) int) []T {
	if len(s) < 8192 || runtime.GOMAXPROCS(0) < 2 {
		slices.SortFunc(s, cmp)
		return s
	}
	a, b := s[:len(s)/2], s[len(s)/2:]
	par.Do(func() { slices.SortFunc(a, cmp) }, func() { slices.SortFunc(b, cmp) })
	out := make([]T, 0, len(s))
	for len(a) > 0 && len(b) > 0 {
		if cmp(b[0], a[0]) < 0 {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	out = append(out, a...)
	return append(out, b...)
}

// cmpDesc compares a and b for a descending order.
func cmpDesc[T cmp.Ordered](a, b T) int { return cmp.Compare(b, a) }

// overlap returns the size of the multiset intersection of two sorted word
// lists and its weight by rarity.
func (l *linker) overlap(a, b []int32) (n int, weight float64) {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			weight += l.idf[a[i]]
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n, weight
}

func (l *linker) weight(ws []int32) float64 {
	w := 0.0
	for _, x := range ws {
		w += l.idf[x]
	}
	return w
}

// linkSimilar links the sentences left unlinked by linkExact to similar
// ones, best pairs first, each sentence at most once. Two sentences are
// similar when their word-level Dice score reaches minSimilarity, or when
// the shorter is contained, in order, in the longer (a trimmed or extended
// sentence: see minTrimContainment); such a pair scores its Dice value, so
// it ranks after every pair similar as a whole.
func (l *linker) linkSimilar() {
	post := postings(l.old, len(l.idf), func(s *sent) bool { return s.link < 0 })
	type edge struct {
		o, n  int
		sim   float64
		share int
		dist  float64
	}
	// Scoring candidates reads only: the new sentences are scored in
	// parallel parts, each with its own scratch map, and the edges joined
	// in order (the sort below is total, so the parts change nothing).
	score := func(lo, hi int) []edge {
		var edges []edge
		sc := newScorer(len(l.old))
		for j := lo; j < hi; j++ {
			ns := &l.new[j]
			if ns.link >= 0 || len(ns.words) == 0 {
				continue
			}
			for _, c := range l.candidates(ns, post, sc) {
				os := &l.old[c]
				share, w := l.overlap(os.words, ns.words)
				sim := 2 * float64(share) / float64(len(os.words)+len(ns.words))
				if sim >= minSimilarity || l.trimmed(os, ns, share, w) {
					edges = append(edges, edge{int(c), j, sim, share, math.Abs(os.pos - ns.pos)})
				}
			}
		}
		return edges
	}
	// At most maxScoreParts parts: each holds a scorer as long as the old
	// version's sentences, so parts without a bound grew the peak memory
	// with the number of processors (8× the input at 64).
	parts := make([][]edge, min(runtime.GOMAXPROCS(0), maxScoreParts, 1+len(l.new)/2048))
	step := (len(l.new) + len(parts) - 1) / len(parts)
	var g par.Group
	for k := range parts {
		g.Go(func() { parts[k] = score(min(k*step, len(l.new)), min((k+1)*step, len(l.new))) })
	}
	g.Wait()
	edges := slices.Concat(parts...)
	edges = sortParallel(edges, func(ea, eb edge) int {
		switch {
		case ea.sim != eb.sim:
			return cmpDesc(ea.sim, eb.sim)
		case ea.dist != eb.dist:
			return cmp.Compare(ea.dist, eb.dist)
		case ea.n != eb.n:
			return cmp.Compare(ea.n, eb.n)
		}
		return cmp.Compare(ea.o, eb.o)
	})
	for _, e := range edges {
		if l.old[e.o].link >= 0 || l.new[e.n].link >= 0 {
			continue
		}
		l.old[e.o].link, l.old[e.o].sim, l.old[e.o].share = e.n, e.sim, e.share
		l.new[e.n].link, l.new[e.n].sim, l.new[e.n].share = e.o, e.sim, e.share
	}
}

// trimmed reports whether the shorter of old sentence o and new sentence n, which share
// share words of weight w, is the longer one with a clause cut: at least
// minTrimWords words, minTrimContainment of them (by count and by rarity)
// shared, and that many in the same order (a longest common subsequence of
// the folded words), so that a sentence made of the same words in another
// order is not taken for a trim.
func (l *linker) trimmed(o, n *sent, share int, w float64) bool {
	short, long := o, n
	if len(short.words) > len(long.words) {
		short, long = long, short
	}
	k := len(short.words)
	if k < minTrimWords || len(long.words) > maxTrimWords || float64(share) < minTrimContainment*float64(k) {
		return false
	}
	if total := l.weight(short.words); total == 0 || w/total < minTrimContainment {
		return false
	}
	ot := l.od.Paragraphs[o.ref.Para].Sentences[o.ref.Sent].Text
	nt := l.nd.Paragraphs[n.ref.Para].Sentences[n.ref.Sent].Text
	return float64(inOrder(ot, nt)) >= minTrimContainment*float64(k)
}

// inOrder returns the length of the longest common subsequence of the
// folded words of a and b.
func inOrder(a, b string) int {
	wa, wb := foldedWords(a), foldedWords(b)
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	// One row of the dynamic programme over the shorter text.
	row := make([]int, len(wa)+1)
	for _, y := range wb {
		diag := 0
		for i, x := range wa {
			up := row[i+1]
			switch {
			case x == y:
				row[i+1] = diag + 1
			case row[i] > row[i+1]:
				row[i+1] = row[i]
			}
			diag = up
		}
	}
	return row[len(wa)]
}

// foldedWords returns the folded words of s in order.
func foldedWords(s string) []string {
	var out []string
	for a, b := segment.NextWord(s, 0); a >= 0; a, b = segment.NextWord(s, b) {
		out = append(out, string(segment.AppendFold(nil, s[a:b])))
	}
	return out
}

// linkPartial gives each sentence still unlinked a partial link to the
// sentence of the other version that contains most of it, if any. Partial
// links only group paragraphs; the sentence itself stays added or removed.
func (l *linker) linkPartial() {
	// The two directions are independent: each writes only its own
	// side's partial links and reads the other side's words, which no
	// longer change. Run them at once.
	all := func(*sent) bool { return true }
	one := func(ss, other []sent) {
		post := postings(other, len(l.idf), all)
		sc := newScorer(len(other))
		for i := range ss {
			s := &ss[i]
			if s.link >= 0 || len(s.words) < minPartialWords {
				continue
			}
			total := l.weight(s.words)
			best, bestScore, bestShare := -1, 0.0, 0
			for _, c := range l.candidates(s, post, sc) {
				if other[c].key == s.key {
					// The same text, linked to another copy: this one is a
					// repeat (a headline repeated as the first line), not a
					// clause split off or folded in.
					continue
				}
				share, w := l.overlap(s.words, other[c].words)
				if share < minPartialWords || total == 0 {
					continue
				}
				if sc := w / total; sc >= minContainment && sc > bestScore {
					best, bestScore, bestShare = int(c), sc, share
				}
			}
			if best >= 0 {
				s.part, s.share = best, bestShare
			}
		}
	}
	par.Do(func() { one(l.old, l.new) }, func() { one(l.new, l.old) })
}
