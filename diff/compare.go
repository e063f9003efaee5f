package diff

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/text/unicode/norm"

	"github.com/storydiff/storydiff/internal/par"
)

// Compare aligns two versions of a story and returns the Result.
//
// It first aligns exact twins (a paragraph whose text occurs once in each
// version), then links sentences across the whole documents (exact matches by
// normalised text, then similar sentences found through an inverted index of
// words and scored by word overlap, then partial links for clauses that were
// split off or folded in), lets the links group paragraphs (one to one,
// split, merge), orders the groups by the longest increasing run of their
// old positions (the rest are moved), and diffs the words of every changed
// sentence. Its cost grows with the size of the input, not its square.
func Compare(old, new *Document, opts *Options) *Result {
	// Progress is reported in per cent of the whole, by stage, weighted by
	// where the time goes on large pairs.
	opts.progress("reading sentences", 0, 100)
	l := newLinker(old, new)
	opts.progress("linking sentences", 35, 100)
	l.linkAnchors()
	l.linkExact()
	l.linkSimilar()
	opts.progress("finding splits and merges", 50, 100)
	l.linkPartial()
	opts.progress("grouping paragraphs", 58, 100)
	groups := groupParagraphs(l, old, new)
	blocks, ghosts := orderBlocks(groups, len(old.Paragraphs), len(new.Paragraphs))
	opts.progress("diffing words", 65, 100)
	oldWords, newWords := l.oldWords, l.newWords
	l.release()
	b := &builder{l: l, old: old, new: new}
	b.start()
	b.fillAll(blocks, func(done int) {
		opts.progress("diffing words", 65+25*done/max(1, len(blocks)), 100)
	})
	r := assembleOrWhole(old, new, blocks, ghosts)
	opts.progress("classifying changes", 90, 100)
	annotateWith(r, oldWords, newWords) // classes, flags, boilerplate, findings, story stats
	opts.progress("done", 100, 100)
	return r
}

// assembleOrWhole assembles the Result of Compare, without its Stats and
// Matters (annotate counts them). Compare places every
// sentence exactly once by construction, so a failure is a bug in this
// package, not in the input: rather than fail, it shows both versions
// whole, says so in a finding, and counts it (Fallbacks).
func assembleOrWhole(old, new *Document, blocks []Block, ghosts []Ghost) *Result {
	r, err := assemble(old, new, blocks)
	if err != nil {
		fallbacks.Add(1)
		return wholesale(old, new, err)
	}
	r.Ghosts = ghosts
	return r
}

// fallbacks counts the Results Compare had to build wholesale.
var fallbacks atomic.Int64

// Fallbacks returns how many times Compare, since the program started,
// could not assemble its alignment (a bug of this package, never of the
// input) and returned both versions whole instead, every old paragraph
// removed and every new one added, with a Finding of kind FindingError.
// It is never a silent success: the tests assert that it stays zero.
func Fallbacks() int64 { return fallbacks.Load() }

// identity returns the slice 0, 1, …, n-1.
func identity(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// wholesale is the Result of last resort: every old paragraph removed and
// every new one added, with a finding naming the internal error.
func wholesale(old, new *Document, cause error) *Result {
	var blocks []Block
	for p := range old.Paragraphs {
		blk := Block{Kind: Removed, Old: []int{p}, Origin: -1}
		for s, st := range old.Paragraphs[p].Sentences {
			blk.Pairs = append(blk.Pairs, Pair{Kind: Removed, OldRef: SentRef{p, s}, NewRef: None, Old: st.Text})
		}
		blocks = append(blocks, blk)
	}
	for p := range new.Paragraphs {
		blk := Block{Kind: Added, New: []int{p}, Origin: -1}
		for s, st := range new.Paragraphs[p].Sentences {
			blk.Pairs = append(blk.Pairs, Pair{Kind: Added, OldRef: None, NewRef: SentRef{p, s}, New: st.Text})
		}
		blocks = append(blocks, blk)
	}
	r, err := Assemble(old, new, blocks)
	if err != nil {
		// Cannot happen: every sentence is placed once above. Still, an
		// empty Result is consistent (its indexes are built), where a bare
		// &Result{} would make every later lookup panic.
		r, _ = Assemble(&Document{Name: old.Name}, &Document{Name: new.Name}, nil)
		cause = fmt.Errorf("%w; then %w", cause, err)
	}
	r.Findings = append(r.Findings, Finding{Kind: FindingError, Text: fmt.Sprintf("alignment failed (%v); the versions are shown whole", cause)})
	return r
}

// orderBlocks lays the groups out in the new version's reading order, adds
// blocks for unmatched paragraphs (added ones where they stand in new,
// removed ones after the block holding the old paragraph before them), and
// marks the groups outside the longest increasing run of old positions as
// moved. It also returns the ghosts of merged paragraphs that stood away
// from their merge block: each old paragraph of a merge after the first
// that does not follow the one before it.
func orderBlocks(groups []*group, nOld, nNew int) ([]Block, []Ghost) {
	// Slices indexed by paragraph and group, not maps: this runs over
	// every paragraph of both versions.
	oldIn := make([]bool, nOld)
	newIn := make([]int32, nNew) // new paragraph → 1 + its group, 0 for none
	for gi, g := range groups {
		for _, o := range g.old {
			oldIn[o] = true
		}
		for _, n := range g.new {
			newIn[n] = int32(gi + 1)
		}
	}
	firstOld := make([]int, len(groups))
	for i, g := range groups {
		firstOld[i] = g.old[0]
	}
	inOrder := longestIncreasing(firstOld)
	// One-paragraph blocks share these backing arrays: one allocation
	// instead of one per block.
	oldIdx, newIdx := identity(nOld), identity(nNew)

	// Skeleton in new order, as one int32 per block (a group index, or
	// -1-n for added new paragraph n) rather than a Block each: the blocks
	// are laid out once, below, into a slice of the exact length (a
	// skeleton of Blocks and a slice sized for the worst case were 26 MB
	// of the 28 MB this allocated at 10 MB).
	seq := make([]int32, 0, nNew)
	emitted := make([]bool, len(groups))
	removed := nOld
	for n := 0; n < nNew; n++ {
		gi := int(newIn[n]) - 1
		switch {
		case gi < 0:
			seq = append(seq, int32(-1-n))
		case !emitted[gi]:
			emitted[gi] = true
			removed -= len(groups[gi].old)
			seq = append(seq, int32(gi))
		}
	}
	// stays reports whether the block at seq position i is a group in old
	// order: it has old paragraphs and is not moved.
	stays := func(i int) bool { return seq[i] >= 0 && inOrder[seq[i]] }
	block := func(i int) Block {
		if gi := seq[i]; gi >= 0 {
			g := groups[gi]
			return Block{Kind: Changed, Old: g.old, New: g.new, Moved: !inOrder[gi], Origin: -1}
		}
		n := int(-1 - seq[i])
		return Block{Kind: Added, New: newIdx[n : n+1 : n+1], Origin: -1}
	}

	// Removed paragraphs go after the last block in old order (matched,
	// not moved) whose first old paragraph precedes them, or at the start.
	// Both run in ascending order, so one merge pass places them all.
	blocks := make([]Block, 0, len(seq)+removed)
	o := 0
	removedBefore := func(limit int) { // removed old paragraphs below limit
		for ; o < nOld && o < limit; o++ {
			if !oldIn[o] {
				blocks = append(blocks, Block{Kind: Removed, Old: oldIdx[o : o+1 : o+1], Origin: -1})
			}
		}
	}
	// The next in-order block's first old paragraph bounds what may follow
	// the current position.
	nextAnchor := make([]int32, len(seq)+1) // position → first old paragraph of the next in-order block at or after it
	nextAnchor[len(seq)] = int32(nOld)
	for i := len(seq) - 1; i >= 0; i-- {
		nextAnchor[i] = nextAnchor[i+1]
		if stays(i) {
			nextAnchor[i] = int32(groups[seq[i]].old[0])
		}
	}
	removedBefore(int(nextAnchor[0]))
	for i := range seq {
		blocks = append(blocks, block(i))
		if stays(i) {
			removedBefore(int(nextAnchor[i+1]))
		}
	}
	removedBefore(nOld)

	// Origins of moved blocks: after the last block in old order that stood
	// before them.
	stayPos := make([]int, 0, removed+len(groups))
	stayOld := make([]int, 0, removed+len(groups))
	for i := range blocks {
		if len(blocks[i].Old) > 0 && !blocks[i].Moved {
			stayPos = append(stayPos, i)
			stayOld = append(stayOld, blocks[i].Old[0])
		}
	}
	at := func(o int) int { // the block index before which old paragraph o stood
		k := sort.SearchInts(stayOld, o)
		if k == 0 {
			return 0
		}
		return stayPos[k-1] + 1
	}
	var ghosts []Ghost
	for i := range blocks {
		b := &blocks[i]
		if b.Moved {
			b.Origin = at(b.Old[0])
		}
		for k := 1; k < len(b.Old) && len(b.New) == 1; k++ {
			if o := b.Old[k]; o != b.Old[k-1]+1 {
				ghosts = append(ghosts, Ghost{Old: o, Block: i, At: at(o)})
			}
		}
	}
	sort.SliceStable(ghosts, func(a, b int) bool { return ghosts[a].At < ghosts[b].At })
	return blocks, ghosts
}

// builder fills blocks with their sentence pairs.
type builder struct {
	l                  *linker
	old, new           *Document
	oldStart, newStart []int // paragraph → index of its first sentence in l.old / l.new
}

func (b *builder) start() {
	b.oldStart = starts(b.old)
	b.newStart = starts(b.new)
}

func starts(d *Document) []int {
	s := make([]int, len(d.Paragraphs)+1)
	for i, p := range d.Paragraphs {
		s[i+1] = s[i] + len(p.Sentences)
	}
	return s
}

func (b *builder) oldText(i int) string {
	r := b.l.old[i].ref
	return b.old.Paragraphs[r.Para].Sentences[r.Sent].Text
}

func (b *builder) newText(j int) string {
	r := b.l.new[j].ref
	return b.new.Paragraphs[r.Para].Sentences[r.Sent].Text
}

// fillAll fills every block, spreading the blocks over the processors:
// blocks are independent and the builder is read-only while filling.
// report is called with the number of blocks filled so far, now and then,
// always from the calling goroutine (Options.Progress promises it).
func (b *builder) fillAll(blocks []Block, report func(done int)) {
	// Workers claim runs of claim blocks in turn rather than a fixed share
	// each: rewritten stretches, where the word diffs spend their time,
	// cluster, and one processor sat idle while the other finished its
	// half.
	const claim = 256
	const reportEvery = 1024
	var next atomic.Int64
	work := func(filled func(n int)) {
		var sc fillScratch
		for {
			lo := int(next.Add(claim)) - claim
			if lo >= len(blocks) {
				return
			}
			hi := min(lo+claim, len(blocks))
			for i := lo; i < hi; i++ {
				b.fill(&blocks[i], &sc)
			}
			filled(hi - lo)
		}
	}
	done := 0
	count := func(n int) {
		if (done+n)/reportEvery > done/reportEvery {
			report(done + n)
		}
		done += n
	}
	workers := min(runtime.GOMAXPROCS(0), 1+len(blocks)/64)
	if workers <= 1 {
		work(count)
		return
	}
	filled := make(chan int)
	var g par.Group
	var running sync.WaitGroup // done also when a worker panics
	for range workers {
		running.Add(1)
		g.Go(func() {
			defer running.Done()
			work(func(n int) { filled <- n })
		})
	}
	go func() {
		running.Wait()
		close(filled)
	}()
	// Should report panic (it is the caller's progress callback), the
	// workers still finish: a goroutine drains what they send, instead of
	// leaving them blocked on filled for ever.
	drained := false
	defer func() {
		if !drained {
			go func() {
				for range filled {
				}
			}()
		}
	}()
	for n := range filled {
		count(n)
	}
	drained = true
	g.Wait() // a worker's panic is raised here, on Compare's goroutine
}

// stretch is a pair's run of consecutive sentences on one side, as
// indices into linker.old or linker.new.
type stretch struct{ lo, hi int }

// pairBound returns the most pairs fill makes for blk: one per new
// sentence and one per unlinked old sentence (fewer when joins merge
// sentences into one pair).
func (b *builder) pairBound(blk *Block) int {
	n := 0
	for _, p := range blk.New {
		n += b.newStart[p+1] - b.newStart[p]
	}
	for _, o := range blk.Old {
		for i := b.oldStart[o]; i < b.oldStart[o+1]; i++ {
			if b.l.old[i].link < 0 {
				n++
			}
		}
	}
	return n
}

// pairArena hands out the pair slices of the blocks one worker fills:
// slices of a few large arrays, each cut to its block's bound
// (pairBound). Growing each block's slice by appending allocated 2-3
// times its final size (23 MB of the 76 MB the fill allocated on a 10 MB
// pair) and made a malloc per doubling.
type pairArena struct {
	free  []Pair
	chunk int // the size of the last array
}

// pairChunk is the largest size of the arrays of a pairArena, in pairs
// (about 170 KB); they start at 16 and double, so that a story-sized pair
// does not zero a large array it will not fill.
const pairChunk = 1024

// take returns an empty slice with room for n pairs (nil for none);
// appending beyond n reallocates, as for any slice.
func (a *pairArena) take(n int) []Pair {
	if n == 0 {
		return nil // as a block without pairs always had
	}
	if n > len(a.free) {
		a.chunk = min(pairChunk, max(16, 2*a.chunk))
		a.free = make([]Pair, max(n, a.chunk))
	}
	s := a.free[:0:n]
	a.free = a.free[n:]
	return s
}

// fillScratch is what one worker's fill calls reuse block to block: the
// arena of their pairs, the list of removed sentences, the word diffs'
// buffers.
type fillScratch struct {
	arena   pairArena
	removed []keyedSent
	words   wordDiffer
}

// keyedSent is a removed old sentence i shown after the pair of the
// block's linked old sentence key (-1: at the start of the block).
type keyedSent struct{ key, i int }

// hasPara reports whether paragraph p is one of ps (a block's Old or New,
// ascending). A block has one paragraph a side, or a few: a scan, or a
// binary search for a long merge, replaced two maps made per block.
func hasPara(ps []int, p int) bool {
	if len(ps) > 8 {
		_, ok := slices.BinarySearch(ps, p)
		return ok
	}
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

// fill computes blk.Pairs, taken from sc's arena, and the final kind of
// blk.
func (b *builder) fill(blk *Block, sc *fillScratch) {
	l := b.l
	blk.Pairs = sc.arena.take(b.pairBound(blk))
	removed := sc.removed[:0]
	defer func() { sc.removed = removed[:0] }()
	oldSpan, newSpan, absorbedOld, absorbedNew := b.joins(blk)

	// Removed sentences, keyed by the in-block linked old sentence before
	// them (-1: none), so they are shown where they stood. A list sorted
	// by key (stably: in old order within a key) replaced a map of lists.
	prev := -1
	movedAway := false
	for _, o := range blk.Old {
		for i := b.oldStart[o]; i < b.oldStart[o+1]; i++ {
			s := &l.old[i]
			switch {
			case hasAbsorbed(absorbedOld, i):
				prev = absorbedOld[i]
			case s.link < 0:
				removed = append(removed, keyedSent{prev, i})
			case hasPara(blk.New, l.new[s.link].ref.Para):
				prev = i
			default:
				movedAway = true // lives in the block of its new paragraph
			}
		}
	}
	slices.SortStableFunc(removed, func(x, y keyedSent) int { return cmp.Compare(x.key, y.key) })
	removedAfter := func(key int) []keyedSent {
		k, _ := slices.BinarySearchFunc(removed, key, func(x keyedSent, key int) int { return cmp.Compare(x.key, key) })
		e := k
		for e < len(removed) && removed[e].key == key {
			e++
		}
		return removed[k:e]
	}
	removedPair := func(i int) Pair {
		return Pair{Kind: Removed, OldRef: l.old[i].ref, NewRef: None, Old: b.oldText(i), PartOf: partOf(l.old[i].part, l.new)}
	}
	atStart := removedAfter(-1)
	for _, r := range atStart {
		blk.Pairs = append(blk.Pairs, removedPair(r.i))
	}
	allEqual := true
	movedIn := false
	for _, n := range blk.New {
		for j := b.newStart[n]; j < b.newStart[n+1]; j++ {
			s := &l.new[j]
			if hasAbsorbed(absorbedNew, j) {
				continue // part of the pair of an earlier sentence
			}
			if s.link < 0 {
				blk.Pairs = append(blk.Pairs, Pair{Kind: Added, OldRef: None, NewRef: s.ref, New: b.newText(j), PartOf: partOf(s.part, l.old)})
				allEqual = false
				continue
			}
			i := s.link
			mv := !hasPara(blk.Old, l.old[i].ref.Para)
			os, ok := oldSpan[i]
			if !ok {
				os = stretch{i, i}
			}
			ns, ok := newSpan[i]
			if !ok {
				ns = stretch{j, j}
			}
			p := b.spanPair(os, ns, mv, &sc.words)
			blk.Pairs = append(blk.Pairs, p)
			if p.Kind != Equal {
				allEqual = false
			}
			if mv {
				movedIn = true
				continue
			}
			if len(removed) == 0 {
				continue
			}
			for _, r := range removedAfter(i) {
				blk.Pairs = append(blk.Pairs, removedPair(r.i))
				allEqual = false
			}
		}
	}
	if len(atStart) > 0 {
		allEqual = false
	}
	b.carried(blk, &sc.words)
	switch {
	case len(blk.Old) == 0:
		blk.Kind = Added
	case len(blk.New) == 0:
		blk.Kind = Removed
	case allEqual && !movedIn && !movedAway && len(blk.Old) == 1 && len(blk.New) == 1:
		blk.Kind = Equal
	default:
		blk.Kind = Changed
	}
}

// carried fills Pair.From for the added sentences of blk split off a
// sentence of blk, and the removed ones folded into a sentence of blk: the
// split-off words are diffed against the words they came from.
func (b *builder) carried(blk *Block, wd *wordDiffer) {
	find := func(old bool, ref SentRef) *Pair {
		for i := range blk.Pairs {
			p := &blk.Pairs[i]
			r, more := p.NewRef, p.NewMore
			if old {
				r, more = p.OldRef, p.OldMore
			}
			if r.Para == ref.Para && r.Sent <= ref.Sent && ref.Sent <= r.Sent+more {
				return p
			}
		}
		return nil
	}
	for i := range blk.Pairs {
		p := &blk.Pairs[i]
		if p.PartOf == nil {
			continue
		}
		switch {
		case p.Kind == Added && hasPara(blk.Old, p.PartOf.Para):
			src := find(true, *p.PartOf)
			if src == nil {
				continue
			}
			lost := src.Old
			if src.Kind != Removed {
				lost = opText(src.Words, OpDelete)
			}
			if lost != "" {
				p.From = wd.diff(lost, p.New)
			}
		case p.Kind == Removed && hasPara(blk.New, p.PartOf.Para):
			dst := find(false, *p.PartOf)
			if dst == nil || dst.Kind == Added {
				continue
			}
			if gained := opText(dst.Words, OpInsert); gained != "" {
				p.From = wd.diff(p.Old, gained)
			}
		}
	}
}

// opText joins, with single spaces, the trimmed texts of the words with
// operation op.
func opText(ws []Word, op Op) string {
	var parts []string
	for _, w := range ws {
		if w.Op == op {
			if t := strings.TrimSpace(w.Text); t != "" {
				parts = append(parts, t)
			}
		}
	}
	return strings.Join(parts, " ")
}

// joins finds, inside a block, sentences an editor joined or split: an
// unlinked sentence whose partial link points at a sentence of the block
// that is linked to the unlinked sentence's neighbour in its paragraph
// ("There were many points. I would say a couple…" → "There were many
// points — I would say a couple…"). The linked pair then covers the
// neighbours too, so one word diff shows the join. It returns, keyed by
// the old index of each linked pair that grows, its old and new spans, and
// for every absorbed sentence (old or new index) the old index of the pair
// that took it in.
func (b *builder) joins(blk *Block) (oldSpan, newSpan map[int]stretch, absorbedOld, absorbedNew map[int]int) {
	l := b.l
	sameOldPara := func(x, y int) bool { return l.old[x].ref.Para == l.old[y].ref.Para }
	sameNewPara := func(x, y int) bool { return l.new[x].ref.Para == l.new[y].ref.Para }
	// An unlinked old sentence of the block partially linked to a linked new
	// sentence of the block wants to join that sentence's pair.
	// Maps are made only when a block has a candidate: most have none, and
	// reading a nil map is fine.
	var wantOld, wantNew map[int]int // old (new) index → new (old) index it is contained in
	for _, o := range blk.Old {
		for i := b.oldStart[o]; i < b.oldStart[o+1]; i++ {
			s := &l.old[i]
			if s.link < 0 && s.part >= 0 && hasPara(blk.New, l.new[s.part].ref.Para) && l.new[s.part].link >= 0 {
				if wantOld == nil {
					wantOld = map[int]int{}
				}
				wantOld[i] = s.part
			}
		}
	}
	for _, n := range blk.New {
		for j := b.newStart[n]; j < b.newStart[n+1]; j++ {
			s := &l.new[j]
			if s.link < 0 && s.part >= 0 && hasPara(blk.Old, l.old[s.part].ref.Para) && l.old[s.part].link >= 0 {
				if wantNew == nil {
					wantNew = map[int]int{}
				}
				wantNew[j] = s.part
			}
		}
	}
	if wantOld == nil && wantNew == nil {
		return nil, nil, nil, nil // common case
	}
	oldSpan, newSpan = map[int]stretch{}, map[int]stretch{}
	absorbedOld, absorbedNew = map[int]int{}, map[int]int{}
	for _, n := range blk.New {
		for j := b.newStart[n]; j < b.newStart[n+1]; j++ {
			k := l.new[j].link
			if k < 0 || !hasPara(blk.Old, l.old[k].ref.Para) {
				continue
			}
			os := stretch{k, k}
			for os.lo > 0 && sameOldPara(os.lo-1, k) && wants(wantOld, os.lo-1, j) {
				os.lo--
			}
			for os.hi+1 < len(l.old) && sameOldPara(os.hi+1, k) && wants(wantOld, os.hi+1, j) {
				os.hi++
			}
			ns := stretch{j, j}
			for ns.lo > 0 && sameNewPara(ns.lo-1, j) && wants(wantNew, ns.lo-1, k) {
				ns.lo--
			}
			for ns.hi+1 < len(l.new) && sameNewPara(ns.hi+1, j) && wants(wantNew, ns.hi+1, k) {
				ns.hi++
			}
			if os == (stretch{k, k}) && ns == (stretch{j, j}) {
				continue
			}
			oldSpan[k], newSpan[k] = os, ns
			for i := os.lo; i <= os.hi; i++ {
				if i != k {
					absorbedOld[i] = k
				}
			}
			for x := ns.lo; x <= ns.hi; x++ {
				if x != j {
					absorbedNew[x] = k
				}
			}
		}
	}
	return oldSpan, newSpan, absorbedOld, absorbedNew
}

// hasAbsorbed reports whether sentence i was taken into another's pair.
func hasAbsorbed(m map[int]int, i int) bool {
	_, ok := m[i]
	return ok
}

// wants reports whether m maps k to v.
func wants(m map[int]int, k, v int) bool {
	w, ok := m[k]
	return ok && w == v
}

// spanPair builds the pair of old sentences os and new sentences ns (one
// each, usually).
func (b *builder) spanPair(os, ns stretch, moved bool, wd *wordDiffer) Pair {
	l := b.l
	oref, nref := l.old[os.lo].ref, l.new[ns.lo].ref
	ot := spanText(b.old, oref, os.hi-os.lo)
	nt := spanText(b.new, nref, ns.hi-ns.lo)
	p := Pair{Kind: Equal, OldRef: oref, NewRef: nref, OldMore: os.hi - os.lo, NewMore: ns.hi - ns.lo,
		Old: ot, New: nt, Moved: moved}
	// Canonically equivalent texts (precomposed or combining accents, NFC
	// and NFD) are the same text: the pair is Equal, each side kept as
	// written.
	if ot != nt && (isASCII(ot) && isASCII(nt) || norm.NFC.String(ot) != norm.NFC.String(nt)) {
		p.Kind = Changed
		p.Words = wd.diff(ot, nt)
	}
	return p
}

// partOf returns the reference of sentence part of other, or nil for -1.
func partOf(part int, other []sent) *SentRef {
	if part < 0 {
		return nil
	}
	ref := other[part].ref
	return &ref
}

// spanText returns the text of sentence ref and the more sentences after
// it in its paragraph, with the white space between them.
func spanText(d *Document, ref SentRef, more int) string {
	para := &d.Paragraphs[ref.Para]
	return para.Text[para.Sentences[ref.Sent].Start:para.Sentences[ref.Sent+more].End]
}
