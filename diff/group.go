package diff

import (
	"slices"
	"sort"
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
}

// edge is the weight of the sentence links between old paragraph o and new
// paragraph n.
type edge struct{ o, n, w int }

func (e edge) ends() (o, n int) { return e.o, e.n }

// groupParagraphs groups paragraphs by the sentence links between them.
func groupParagraphs(l *linker, od, nd *Document) []*group {
	oldWords := paraWords(l.old, len(od.Paragraphs))
	newWords := paraWords(l.new, len(nd.Paragraphs))

	type key struct{ o, n int }
	weights := map[key]int{}
	for i := range l.old {
		s := &l.old[i]
		switch {
		case s.link >= 0:
			weights[key{s.ref.Para, l.new[s.link].ref.Para}] += s.share
		case s.part >= 0:
			weights[key{s.ref.Para, l.new[s.part].ref.Para}] += s.share
		}
	}
	for j := range l.new {
		s := &l.new[j]
		if s.link < 0 && s.part >= 0 {
			weights[key{l.old[s.part].ref.Para, s.ref.Para}] += s.share
		}
	}

	edges := make([]edge, 0, len(weights))
	bestOld := fillInts(len(od.Paragraphs)) // old paragraph → best new
	bestNew := fillInts(len(nd.Paragraphs))
	bestOldW := make([]int, len(od.Paragraphs))
	bestNewW := make([]int, len(nd.Paragraphs))
	for k, w := range weights {
		edges = append(edges, edge{k.o, k.n, w})
	}
	// Strongest edges first: by the share of the smaller paragraph they
	// cover, so that a paragraph wholly accounted for by another wins over a
	// bigger but partial overlap (a sentence that wandered), then by weight.
	share := func(e edge) float64 {
		return float64(e.w) / float64(max(1, min(oldWords[e.o], newWords[e.n])))
	}
	stronger := func(ea, eb edge) bool {
		if sa, sb := share(ea), share(eb); sa != sb {
			return sa > sb
		}
		if ea.w != eb.w {
			return ea.w > eb.w
		}
		if ea.n != eb.n {
			return ea.n < eb.n
		}
		return ea.o < eb.o
	}
	sort.Slice(edges, func(a, b int) bool { return stronger(edges[a], edges[b]) })
	for _, e := range edges {
		if e.w > bestOldW[e.o] {
			bestOld[e.o], bestOldW[e.o] = e.n, e.w
		}
		if e.w > bestNewW[e.n] {
			bestNew[e.n], bestNewW[e.n] = e.o, e.w
		}
	}

	oldGroup := make([]*group, len(od.Paragraphs))
	newGroup := make([]*group, len(nd.Paragraphs))
	// Exact twins are grouped first and take no other paragraph: the
	// paragraph is the same in both versions, not part of a split or merge.
	anchored := map[*group]bool{}
	for o, n := range l.anchors {
		g := &group{old: []int{o}, new: []int{n}, lo: n, hi: n}
		oldGroup[o], newGroup[n] = g, g
		anchored[g] = true
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
		case anchored[g] || anchored[h]:
			return false, false // an exact twin stays one to one
		case g != nil && h != nil:
			return false, false // many to many: not a split or a merge
		case g == nil && h == nil:
			g = &group{old: []int{e.o}, new: []int{e.n}, lo: e.n, hi: e.n}
			oldGroup[e.o], newGroup[e.n] = g, g
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
		if !mutual && share(e) < minEdgeShare {
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
	splitAcrossMoves(waiting, stronger, oldGroup, newGroup, anchored)

	var groups []*group
	seen := map[*group]bool{}
	for _, g := range newGroup {
		if g != nil && !seen[g] {
			seen[g] = true
			slices.Sort(g.old)
			slices.Sort(g.new)
			groups = append(groups, g)
		}
	}
	return groups // in new order (by first new paragraph)
}

// splitAcrossMoves joins the split edges still waiting whose new paragraph
// is parted from its group only by paragraphs that moved in from elsewhere:
// old ¶3 → new ¶4 and ¶6, with new ¶5 moved in between, is one split.
// Moves are judged as orderBlocks judges them, by the longest increasing
// run of the groups' first old paragraphs in new order.
func splitAcrossMoves[E interface{ ends() (o, n int) }](waiting map[int][]E, stronger func(a, b E) bool, oldGroup, newGroup []*group, anchored map[*group]bool) {
	if len(waiting) == 0 {
		return
	}
	var left []E
	for _, es := range waiting {
		left = append(left, es...)
	}
	sort.Slice(left, func(a, b int) bool { return stronger(left[a], left[b]) })

	var order []*group
	var firstOld []int
	seen := map[*group]bool{}
	for _, g := range newGroup {
		if g != nil && !seen[g] {
			seen[g] = true
			order = append(order, g)
			firstOld = append(firstOld, slices.Min(g.old))
		}
	}
	inOrder := longestIncreasing(firstOld)
	moved := map[*group]bool{}
	for i, g := range order {
		if !inOrder[i] {
			moved[g] = true
		}
	}
	onlyMoved := func(from, to int) bool { // new paragraphs from..to-1
		for p := from; p < to; p++ {
			if h := newGroup[p]; h == nil || !moved[h] {
				return false
			}
		}
		return true
	}
	for _, e := range left {
		o, n := e.ends()
		g := oldGroup[o]
		if g == nil || newGroup[n] != nil || len(g.old) > 1 || anchored[g] || moved[g] {
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
	tails := []int{}       // tails[k] = index of the smallest tail of an increasing run of length k+1
	prev := make([]int, n) // predecessor index in the run
	for i, v := range vals {
		k := sort.Search(len(tails), func(k int) bool { return vals[tails[k]] >= v })
		if k > 0 {
			prev[i] = tails[k-1]
		} else {
			prev[i] = -1
		}
		if k == len(tails) {
			tails = append(tails, i)
		} else {
			tails[k] = i
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
