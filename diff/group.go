package diff

import (
	"cmp"
	"slices"
)

// minEdgeShare is the share of the smaller paragraph that links between two
// paragraphs must cover for the paragraphs to be grouped when neither is
// the other's best partner. Splits and merges pass easily (the split-off
// part is mostly made of the old paragraph's words); one sentence that
// wandered into an unrelated paragraph does not, and is shown as a moved
// sentence instead. Tuned on testdata/pairs/split and merged and the seed.
const minEdgeShare = 0.3

// group is a set of old paragraphs aligned with a set of new paragraphs. At
// least one side has one paragraph (one to one, split or merge).
type group struct {
	old, new []int // ascending once groupParagraphs returns
	lo, hi   int   // while grouping: the first and last new paragraph
	// While grouping: anchored marks exact twins (see linkAnchors), moved
	// the groups splitAcrossMoves finds out of the old order, listed the
	// groups already in the returned list. Flags rather than maps keyed by
	// the group: grouping touches every paragraph of both versions.
	anchored, moved, listed bool
}

// edge is the weight of the sentence links between old paragraph o and new
// paragraph n, and the share of the smaller paragraph they cover.
type edge struct {
	o, n, w int
	share   float64
}

func (e edge) ends() (o, n int) { return e.o, e.n }

// stronger orders edges strongest first: by the share of the smaller
// paragraph they cover, so that a paragraph wholly accounted for by
// another wins over a bigger but partial overlap (a sentence that
// wandered), then by weight. The order is total.
func stronger(ea, eb edge) int {
	switch {
	case ea.share != eb.share:
		return cmpDesc(ea.share, eb.share)
	case ea.w != eb.w:
		return cmpDesc(ea.w, eb.w)
	case ea.n != eb.n:
		return cmp.Compare(ea.n, eb.n)
	}
	return cmp.Compare(ea.o, eb.o)
}

// groupParagraphs groups paragraphs by the sentence links between them.
//
// It runs over every paragraph and sentence of both versions, so it keeps
// to slices indexed by paragraph: no map keyed by paragraph pairs or by
// group (at 10 MB they cost 40 MB of allocation and most of its time).
func groupParagraphs(l *linker, od, nd *Document) []*group {
	nOld, nNew := len(od.Paragraphs), len(nd.Paragraphs)
	edges := paraEdges(l, nOld, nNew)
	edges = sortParallel(edges, stronger)
	bestOld := fillInts(nOld) // old paragraph → best new
	bestNew := fillInts(nNew)
	bestOldW := make([]int, nOld)
	bestNewW := make([]int, nNew)
	for _, e := range edges {
		if e.w > bestOldW[e.o] {
			bestOld[e.o], bestOldW[e.o] = e.n, e.w
		}
		if e.w > bestNewW[e.n] {
			bestNew[e.n], bestNewW[e.n] = e.o, e.w
		}
	}

	oldGroup := make([]*group, nOld)
	newGroup := make([]*group, nNew)
	// Groups partition the paragraphs and each holds at least one of each
	// side, so there are at most min(nOld, nNew): they come from one slab
	// that never grows (pointers into it stay valid), and a group's first
	// paragraphs are one-element windows (capacity 1) of two identity
	// slices, copied only when a split or merge appends to them.
	slab := make([]group, 0, min(nOld, nNew))
	oldIdx, newIdx := identity(nOld), identity(nNew)
	newGroupOf := func(o, n int) *group {
		slab = append(slab, group{old: oldIdx[o : o+1 : o+1], new: newIdx[n : n+1 : n+1], lo: n, hi: n})
		g := &slab[len(slab)-1]
		oldGroup[o], newGroup[n] = g, g
		return g
	}
	// Exact twins are grouped first and take no other paragraph: the
	// paragraph is the same in both versions, not part of a split or merge.
	for o, n := range l.anchors {
		if n >= 0 {
			newGroupOf(o, int(n)).anchored = true
		}
	}
	// join tries to add edge e; it reports false when the edge would make a
	// many-to-many group or a split whose new paragraphs are not
	// consecutive. Such a split may become consecutive once a later edge
	// fills the gap, so those edges are retried. Groups partition the
	// paragraphs and each has at least one of each side, so two different
	// groups never join (that would be many to many), and a join adds one
	// paragraph to one group in constant time: each group's new paragraphs
	// stay consecutive (lo..hi) and both sides are sorted once at the end.
	join := func(e edge) (ok, retry bool) {
		g, h := oldGroup[e.o], newGroup[e.n]
		switch {
		case g != nil && g == h:
			return true, false
		case g != nil && g.anchored || h != nil && h.anchored:
			return false, false // an exact twin stays one to one
		case g != nil && h != nil:
			return false, false // many to many: not a split or a merge
		case g == nil && h == nil:
			newGroupOf(e.o, e.n)
		case h == nil: // new paragraph e.n joins g
			if len(g.old) > 1 {
				return false, false // a merge that would also split
			}
			if e.n != g.lo-1 && e.n != g.hi+1 {
				return false, true // a split keeps the new reading order: consecutive paragraphs only
			}
			g.new = append(g.new, e.n)
			g.lo, g.hi = min(g.lo, e.n), max(g.hi, e.n)
			newGroup[e.n] = g
		default: // old paragraph e.o joins h
			if len(h.new) > 1 {
				return false, false // a split that would also merge
			}
			h.old = append(h.old, e.o)
			oldGroup[e.o] = h
		}
		return true, false
	}
	var retry []edge
	for _, e := range edges {
		mutual := bestOld[e.o] == e.n && bestNew[e.n] == e.o
		if !mutual && e.share < minEdgeShare {
			continue
		}
		if ok, again := join(e); !ok && again {
			retry = append(retry, e)
		}
	}
	// Retry the held-back split edges, in order. An edge that still cannot
	// join waits for its new paragraph's neighbours: it is tried again only
	// when one of them joins a group (passes over every waiting edge until
	// nothing changes would cost the square of a long split).
	waiting := map[int][]edge{} // new paragraph → edges held back
	for len(retry) > 0 {
		e := retry[0]
		retry = retry[1:]
		ok, again := join(e)
		switch {
		case ok:
			for _, m := range [2]int{e.n - 1, e.n + 1} {
				if es := waiting[m]; len(es) > 0 {
					delete(waiting, m)
					retry = append(retry, es...)
				}
			}
		case again:
			waiting[e.n] = append(waiting[e.n], e)
		}
	}
	splitAcrossMoves(waiting, stronger, oldGroup, newGroup, len(slab))

	groups := make([]*group, 0, len(slab))
	for _, g := range newGroup {
		if g != nil && !g.listed {
			g.listed = true
			slices.Sort(g.old)
			slices.Sort(g.new)
			groups = append(groups, g)
		}
	}
	return groups // in new order (by first new paragraph)
}

// paraEdges returns the edges between paragraphs: the weight (shared
// words) of the sentence links and partial links from each old paragraph
// to each new one, in no particular order. The old sentences come in
// paragraph order and the new sentences' partial links are bucketed by
// old paragraph, so each old paragraph's edges are summed at once in
// arrays indexed by new paragraph (where a map keyed by the pair did it).
func paraEdges(l *linker, nOld, nNew int) []edge {
	oldWords := paraWords(l.old, nOld)
	newWords := paraWords(l.new, nNew)
	// The new sentences' partial links, by old paragraph (a counting sort).
	partStart := make([]int32, nOld+1)
	for j := range l.new {
		if s := &l.new[j]; s.link < 0 && s.part >= 0 {
			partStart[l.old[s.part].ref.Para+1]++
		}
	}
	for o := 1; o <= nOld; o++ {
		partStart[o] += partStart[o-1]
	}
	parts := make([]int32, partStart[nOld])
	next := slices.Clone(partStart[:nOld])
	for j := range l.new {
		if s := &l.new[j]; s.link < 0 && s.part >= 0 {
			o := l.old[s.part].ref.Para
			parts[next[o]] = int32(j)
			next[o]++
		}
	}

	edges := make([]edge, 0, nOld+nNew)
	at := make([]int32, nNew)   // new paragraph → its edge in edges, valid when mark is set
	mark := make([]int32, nNew) // new paragraph → 1 + the old paragraph of its edge at[n]
	add := func(o, n, w int) {
		if mark[n] != int32(o+1) {
			mark[n], at[n] = int32(o+1), int32(len(edges))
			edges = append(edges, edge{o: o, n: n})
		}
		edges[at[n]].w += w
	}
	i := 0
	for o := range nOld {
		for ; i < len(l.old) && l.old[i].ref.Para == o; i++ {
			s := &l.old[i]
			switch {
			case s.link >= 0:
				add(o, l.new[s.link].ref.Para, s.share)
			case s.part >= 0:
				add(o, l.new[s.part].ref.Para, s.share)
			}
		}
		for _, j := range parts[partStart[o]:partStart[o+1]] {
			s := &l.new[j]
			add(o, s.ref.Para, s.share)
		}
	}
	for k := range edges {
		e := &edges[k]
		e.share = float64(e.w) / float64(max(1, min(oldWords[e.o], newWords[e.n])))
	}
	return edges
}

// splitAcrossMoves joins the split edges still waiting whose new paragraph
// is parted from its group only by paragraphs that moved in from elsewhere:
// old ¶3 → new ¶4 and ¶6, with new ¶5 moved in between, is one split.
// Moves are judged as orderBlocks judges them, by the longest increasing
// run of the groups' first old paragraphs in new order.
func splitAcrossMoves[E interface{ ends() (o, n int) }](waiting map[int][]E, stronger func(a, b E) int, oldGroup, newGroup []*group, groups int) {
	if len(waiting) == 0 {
		return
	}
	var left []E
	for _, es := range waiting {
		left = append(left, es...)
	}
	slices.SortFunc(left, stronger)

	order := make([]*group, 0, groups)
	firstOld := make([]int, 0, groups)
	for _, g := range newGroup {
		if g != nil && !g.moved { // moved is false for every group here: it marks the groups seen
			g.moved = true
			order = append(order, g)
			firstOld = append(firstOld, slices.Min(g.old))
		}
	}
	inOrder := longestIncreasing(firstOld)
	for i, g := range order {
		g.moved = !inOrder[i]
	}
	onlyMoved := func(from, to int) bool { // new paragraphs from..to-1
		for p := from; p < to; p++ {
			if h := newGroup[p]; h == nil || !h.moved {
				return false
			}
		}
		return true
	}
	for _, e := range left {
		o, n := e.ends()
		g := oldGroup[o]
		if g == nil || newGroup[n] != nil || len(g.old) > 1 || g.anchored || g.moved {
			continue
		}
		// Only forward: a paragraph joined before the group's first would
		// change the group's place in new order, and so what moved.
		if n < g.hi || !onlyMoved(g.hi+1, n) {
			continue
		}
		g.hi = n
		g.new = append(g.new, n)
		newGroup[n] = g
	}
}

func paraWords(ss []sent, n int) []int {
	w := make([]int, n)
	for i := range ss {
		w[ss[i].ref.Para] += max(1, len(ss[i].words))
	}
	return w
}

// longestIncreasing returns, for a sequence of distinct values, which
// positions belong to one longest strictly increasing subsequence, in
// O(n log n).
func longestIncreasing(vals []int) []bool {
	n := len(vals)
	// Indices as int32 and the tails sized once: this runs over every
	// group, twice at most.
	tails := make([]int32, 0, n) // tails[k] = index of the smallest tail of an increasing run of length k+1
	prev := make([]int32, n)     // predecessor index in the run
	for i, v := range vals {
		// k = the first run length whose tail is not below v.
		k, hi := 0, len(tails)
		for k < hi {
			m := int(uint(k+hi) >> 1)
			if vals[tails[m]] < v {
				k = m + 1
			} else {
				hi = m
			}
		}
		if k > 0 {
			prev[i] = tails[k-1]
		} else {
			prev[i] = -1
		}
		if k == len(tails) {
			tails = append(tails, int32(i))
		} else {
			tails[k] = int32(i)
		}
	}
	in := make([]bool, n)
	if len(tails) == 0 {
		return in
	}
	for i := tails[len(tails)-1]; i >= 0; i = prev[i] {
		in[i] = true
	}
	return in
}
