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
	old, new []int
}

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

	type edge struct{ o, n, w int }
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
	sort.Slice(edges, func(a, b int) bool {
		ea, eb := edges[a], edges[b]
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
	})
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
	// join tries to add edge e; it reports false when the edge would make a
	// many-to-many group or a split whose new paragraphs are not
	// consecutive. Such a split may become consecutive once a later edge
	// fills the gap, so those edges are retried.
	join := func(e edge) (ok, retry bool) {
		g, h := oldGroup[e.o], newGroup[e.n]
		if g != nil && g == h {
			return true, false
		}
		cand := &group{}
		if g != nil {
			cand.old = append(cand.old, g.old...)
			cand.new = append(cand.new, g.new...)
		} else {
			cand.old = append(cand.old, e.o)
		}
		if h != nil {
			cand.old = append(cand.old, h.old...)
			cand.new = append(cand.new, h.new...)
		} else {
			cand.new = append(cand.new, e.n)
		}
		slices.Sort(cand.old)
		slices.Sort(cand.new)
		cand.old = slices.Compact(cand.old)
		cand.new = slices.Compact(cand.new)
		if len(cand.old) > 1 && len(cand.new) > 1 {
			return false, false // many to many: not a split or a merge
		}
		if len(cand.new) > 1 && cand.new[len(cand.new)-1]-cand.new[0] != len(cand.new)-1 {
			return false, true // a split keeps the new reading order: consecutive paragraphs only
		}
		for _, o := range cand.old {
			oldGroup[o] = cand
		}
		for _, n := range cand.new {
			newGroup[n] = cand
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
	for progress := true; progress && len(retry) > 0; {
		progress = false
		rest := retry[:0]
		for _, e := range retry {
			ok, again := join(e)
			progress = progress || ok
			if !ok && again {
				rest = append(rest, e)
			}
		}
		retry = rest
	}

	var groups []*group
	seen := map[*group]bool{}
	for _, g := range newGroup {
		if g != nil && !seen[g] {
			seen[g] = true
			groups = append(groups, g)
		}
	}
	return groups // in new order (by first new paragraph)
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
