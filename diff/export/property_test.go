package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/net/html"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/internal/render"
)

// gpair is a sentence pair while a random result is generated.
type gpair struct {
	kind     diff.Kind
	old, new string
	oldRef   diff.SentRef
	words    []diff.Word
	moved    bool
}

// gunit is a future block: old paragraphs and the new paragraphs (lists
// of pairs) they became; a unit without new side keeps its pairs in one
// list that gives no new paragraph.
type gunit struct {
	old   []int
	paras [][]*gpair
	noNew bool
	moved bool
}

// junkWords are appended to generated words: markup and Markdown
// metacharacters, quotes, wide and combining characters, a no-break space.
var junkWords = []string{"", "<b>", "&amp;", "*", "_", "~~", "“q”", "漢字", "👍🏽", "e\u0301", "\\", "`", "#", "|", "\u00a0x", "<script>", "'\""}

// randomResult builds a random but valid result with every word unique,
// holding every block shape: equal, changed, added, removed, moved, split,
// merged, and sentences moved between blocks.
func randomResult(tb testing.TB, rng *rand.Rand) *diff.Result {
	tb.Helper()
	word := 0
	nasty := rng.IntN(2) == 0 // half the results carry metacharacters and wide text
	junk := func() string {
		if !nasty {
			return ""
		}
		return junkWords[rng.IntN(len(junkWords))]
	}
	sentence := func() string {
		n := 1 + rng.IntN(5)
		ws := make([]string, n)
		for i := range ws {
			word++
			ws[i] = fmt.Sprintf("w%d%s", word, junk())
		}
		return strings.Join(ws, " ") + "."
	}
	nOld := rng.IntN(7)
	oldSents := make([][]string, nOld)
	for i := range oldSents {
		for range 1 + rng.IntN(3) {
			oldSents[i] = append(oldSents[i], sentence())
		}
	}
	pairsOf := func(p int) []*gpair {
		var out []*gpair
		for s, text := range oldSents[p] {
			gp := &gpair{kind: diff.Equal, old: text, new: text, oldRef: ref(p, s)}
			switch rng.IntN(6) {
			case 0:
				gp.kind, gp.new = diff.Removed, ""
			case 1:
				gp.kind = diff.Changed
				fs := strings.Split(strings.TrimSuffix(text, "."), " ")
				k := rng.IntN(len(fs))
				word++
				nw := fmt.Sprintf("w%d%s", word, junk())
				pre := strings.Join(fs[:k], " ")
				if pre != "" {
					pre += " "
				}
				post := strings.Join(fs[k+1:], " ")
				if post != "" {
					post = " " + post
				}
				gp.words = []diff.Word{{Op: diff.OpEqual, Text: pre}, {Op: diff.OpDelete, Text: fs[k]},
					{Op: diff.OpInsert, Text: nw}, {Op: diff.OpEqual, Text: post + "."}}
				if pre == "" {
					gp.words = gp.words[1:]
				}
				gp.new = pre + nw + post + "."
			}
			out = append(out, gp)
		}
		if rng.IntN(4) == 0 {
			out = append(out, &gpair{kind: diff.Added, new: sentence(), oldRef: diff.None})
		}
		return out
	}
	hasNew := func(ps []*gpair) bool {
		for _, p := range ps {
			if p.kind != diff.Removed {
				return true
			}
		}
		return false
	}
	var units []*gunit
	for i := 0; i < nOld; i++ {
		switch r := rng.IntN(10); {
		case r == 0:
			var ps []*gpair
			for s, text := range oldSents[i] {
				ps = append(ps, &gpair{kind: diff.Removed, old: text, oldRef: ref(i, s)})
			}
			units = append(units, &gunit{old: []int{i}, paras: [][]*gpair{ps}, noNew: true})
		case r == 1 && len(oldSents[i]) >= 2:
			ps := pairsOf(i)
			cut := 1 + rng.IntN(len(ps)-1)
			units = append(units, &gunit{old: []int{i}, paras: [][]*gpair{ps[:cut:cut], ps[cut:]}})
		case r == 2 && i+1 < nOld:
			ps := append(pairsOf(i), pairsOf(i+1)...)
			units = append(units, &gunit{old: []int{i, i + 1}, paras: [][]*gpair{ps}})
			i++
		default:
			units = append(units, &gunit{old: []int{i}, paras: [][]*gpair{pairsOf(i)}})
		}
	}
	for range rng.IntN(3) {
		u := &gunit{paras: [][]*gpair{{{kind: diff.Added, new: sentence(), oldRef: diff.None}}}}
		at := rng.IntN(len(units) + 1)
		units = slices.Insert(units, at, u)
	}
	// Move a unit.
	if len(units) > 2 && rng.IntN(2) == 0 {
		from := rng.IntN(len(units))
		if u := units[from]; len(u.old) > 0 && !u.noNew {
			units = slices.Delete(units, from, from+1)
			to := rng.IntN(len(units) + 1)
			if to != from {
				u.moved = true
			}
			units = slices.Insert(units, to, u)
		}
	}
	// Move sentences between units.
	for range rng.IntN(3) {
		if len(units) < 2 {
			break
		}
		a, b := units[rng.IntN(len(units))], units[rng.IntN(len(units))]
		if a == b || a.noNew || b.noNew || len(a.old) == 0 {
			continue
		}
		pa := rng.IntN(len(a.paras))
		ps := a.paras[pa]
		k := rng.IntN(len(ps))
		p := ps[k]
		if p.kind == diff.Removed || p.kind == diff.Added || p.moved {
			continue
		}
		rest := slices.Delete(slices.Clone(ps), k, k+1)
		if !hasNew(rest) {
			continue
		}
		a.paras[pa] = rest
		p.moved = true
		last := len(b.paras) - 1
		b.paras[last] = append(slices.Clone(b.paras[last]), p)
	}
	// Every new paragraph needs a new sentence.
	for _, u := range units {
		for _, ps := range u.paras {
			if !u.noNew && !hasNew(ps) {
				ps[0].kind, ps[0].new, ps[0].words = diff.Equal, ps[0].old, nil
			}
		}
	}
	// Build the documents and blocks.
	var newSents [][]string
	var blocks []diff.Block
	for _, u := range units {
		b := diff.Block{Old: slices.Clone(u.old), Moved: u.moved, Origin: -1}
		movedAway := false
		for _, ps := range u.paras {
			np := len(newSents)
			if !u.noNew {
				b.New = append(b.New, np)
				newSents = append(newSents, nil)
			}
			for _, gp := range ps {
				p := diff.Pair{Kind: gp.kind, OldRef: gp.oldRef, NewRef: diff.None, Old: gp.old, Moved: gp.moved, Words: gp.words}
				if gp.kind != diff.Removed {
					p.New = gp.new
					p.NewRef = ref(np, len(newSents[np]))
					newSents[np] = append(newSents[np], gp.new)
				}
				if gp.kind == diff.Added {
					p.Old = ""
				}
				b.Pairs = append(b.Pairs, p)
			}
		}
		for _, o := range u.old {
			n := 0
			for _, ps := range u.paras {
				for _, gp := range ps {
					if gp.oldRef.Para == o {
						n++
					}
				}
			}
			if n != len(oldSents[o]) {
				movedAway = true
			}
		}
		switch {
		case len(b.New) == 0:
			b.Kind = diff.Removed
		case len(b.Old) == 0:
			b.Kind = diff.Added
		default:
			b.Kind = diff.Changed
			if len(b.Old) == 1 && len(b.New) == 1 && !movedAway {
				b.Kind = diff.Equal
				for _, p := range b.Pairs {
					if p.Kind != diff.Equal || p.Moved {
						b.Kind = diff.Changed
					}
				}
			}
		}
		blocks = append(blocks, b)
	}
	for bi := range blocks {
		if !blocks[bi].Moved {
			continue
		}
		blocks[bi].Origin = len(blocks)
		for bj := range blocks {
			if bj != bi && !blocks[bj].Moved && len(blocks[bj].Old) > 0 && blocks[bj].Old[0] > blocks[bi].Old[0] {
				blocks[bi].Origin = bj
				break
			}
		}
	}
	r, err := diff.Assemble(doc("old <a&b>.txt", oldSents...), doc("new \"q\".txt", newSents...), blocks)
	if err != nil {
		tb.Fatalf("generator built an invalid result: %v", err)
	}
	return r
}

// checkNothingLost writes r in every format and checks that each shows
// every word of both versions: in text, ansi and markdown every old word
// appears in the output without its insertions and every new word without
// its deletions; HTML's columns are checked by checkHTMLSides; JSON must
// rebuild both versions.
func checkNothingLost(t *testing.T, r *diff.Result) {
	t.Helper()
	var docWords [2][]string
	for i, d := range []*diff.Document{r.Old, r.New} {
		for _, p := range d.Paragraphs {
			docWords[i] = append(docWords[i], strings.Fields(p.Text)...)
		}
	}
	outs := map[string]string{}
	for _, f := range []struct {
		name string
		f    Format
		opt  Options
	}{
		{"text", FormatText, Options{Context: -1}},
		{"ansi", FormatANSI, Options{Context: -1, Color: true}},
		{"markdown", FormatMarkdown, Options{Context: -1}},
		{"html", FormatHTML, Options{}},
		{"json", FormatJSON, Options{}},
		{"side-by-side", FormatSideBySide, Options{}},
		{"text-default", FormatText, Options{}},
	} {
		var buf bytes.Buffer
		if err := Write(&buf, r.View(0), f.f, f.opt); err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		outs[f.name] = buf.String()
	}
	for _, line := range strings.Split(outs["text"]+outs["text-default"], "\n") {
		if w := ansi.StringWidth(line); w > DefaultWrap && strings.HasPrefix(line, "    ") && strings.Contains(line[4:], " ") {
			t.Errorf("text line of %d columns could have been wrapped: %q", w, line)
		}
	}
	for _, name := range []string{"text", "ansi", "markdown"} {
		views := sideViews(name, outs[name])
		for side, ws := range docWords {
			for _, w := range ws {
				if !strings.Contains(views[side], w) {
					t.Errorf("%s: %s word %q missing", name, []string{"old", "new"}[side], w)
				}
			}
		}
	}
	checkHTMLSides(t, r, outs["html"])
	checkJSONRebuild(t, r, []byte(outs["json"]))
}

// sideViews splits the output of a text-like format into what it shows of
// the old version (all but insertions) and of the new one (all but
// deletions), with white space and visible-space marks removed.
func sideViews(format, out string) [2]string {
	var views [2]strings.Builder
	put := func(s string, del, ins bool) {
		if !ins {
			views[0].WriteString(s)
		}
		if !del {
			views[1].WriteString(s)
		}
	}
	del, ins := false, false
	switch format {
	case "text":
		for i := 0; i < len(out); i++ {
			switch {
			case strings.HasPrefix(out[i:], "‹") && (del || ins):
				// A dash run named: ‹– en dash› shows "–".
				body, _, ok := strings.Cut(out[i+len("‹"):], "›")
				text, name, named := strings.Cut(body, " ")
				if !ok || !named || !isDashName(text, name) {
					put(out[i:i+1], del, ins)
					continue
				}
				put(text, del, ins)
				i += len("‹") + len(body) + len("›") - 1
				continue
			case strings.HasPrefix(out[i:], "[-"):
				del = true
			case strings.HasPrefix(out[i:], "-]") && del:
				del = false
			case strings.HasPrefix(out[i:], "{+"):
				ins = true
			case strings.HasPrefix(out[i:], "+}") && ins:
				ins = false
			default:
				put(out[i:i+1], del, ins)
				continue
			}
			i++
		}
	case "ansi":
		for i := 0; i < len(out); i++ {
			if out[i] == '\x1b' {
				j := strings.IndexByte(out[i:], 'm')
				code := out[i+2 : i+j]
				del = code == "1;4;31" || code == "31" || code == "9;35" || code == "9;31"
				ins = code == "1;4;32" || code == "32" || code == "4;32"
				i += j
				continue
			}
			put(out[i:i+1], del, ins)
		}
	case "markdown":
		for i := 0; i < len(out); i++ {
			switch {
			case out[i] == '\\' && i+1 < len(out):
				put(out[i+1:i+2], del, ins)
				i++
				continue
			case strings.HasPrefix(out[i:], "~~"):
				del = !del
				i++
			case strings.HasPrefix(out[i:], "**"):
				ins = !ins
				i++
			case strings.HasPrefix(out[i:], "<del>"):
				del = true
				i += 4
			case strings.HasPrefix(out[i:], "</del>"):
				del = false
				i += 5
			case strings.HasPrefix(out[i:], "<ins>"):
				ins = true
				i += 4
			case strings.HasPrefix(out[i:], "</ins>"):
				ins = false
				i += 5
			default:
				put(out[i:i+1], del, ins)
			}
		}
	}
	var res [2]string
	for i := range views {
		// The notes an export adds are markers, not text of the story.
		v := exportNotes.ReplaceAllString(views[i].String(), "")
		res[i] = strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) || strings.ContainsRune("␣⇥↵⍽", r) {
				return -1
			}
			return r
		}, v)
	}
	return res
}

// exportNotes matches the notes text-like exports add after a sentence.
var exportNotes = regexp.MustCompile(`\((moved from|moved to|from old|into new) ¶\d+\)|\(moved away\)`)

// htmlText returns the text of the page (outside style and title), or,
// when col is set, of the td cells of that class, leaving out elements with
// a class in skip; each text node is followed by a space.
func htmlText(t *testing.T, page, col string, skip ...string) string {
	t.Helper()
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatalf("html: %v", err)
	}
	var sb strings.Builder
	var walk func(n *html.Node, in bool)
	walk = func(n *html.Node, in bool) {
		if n.Type == html.ElementNode {
			if n.Data == "style" || n.Data == "title" || slices.Contains(skip, class(n)) {
				return
			}
			if n.Data == "td" && slices.Contains(strings.Fields(class(n)), col) {
				in = true
			}
		}
		if n.Type == html.TextNode && in {
			sb.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in)
		}
		if n.Type == html.ElementNode && slices.Contains([]string{"p", "td", "th", "tr", "li", "summary", "h1"}, n.Data) {
			sb.WriteByte(' ')
		}
	}
	walk(root, col == "")
	return sb.String()
}

func class(n *html.Node) string {
	for _, a := range n.Attr {
		if a.Key == "class" {
			return a.Val
		}
	}
	return ""
}

// words returns the fields of s, visible-space marks taken for space.
func words(s string) []string {
	return strings.Fields(strings.Map(func(r rune) rune {
		if strings.ContainsRune("␣⇥↵⍽", r) {
			return ' '
		}
		return r
	}, s))
}

// checkHTMLSides checks that the new column holds exactly the words of
// the new version in block order (reading order, but for a split across a
// move, whose later part comes with its block: old ¶3 → new ¶4+¶6 before
// the moved new ¶5), and the old column (leaving out the old side of
// sentences that moved in, shown again where they stood) every old word
// exactly once.
func checkHTMLSides(t *testing.T, r *diff.Result, page string) {
	t.Helper()
	var want []string
	for _, b := range r.Blocks {
		for _, p := range b.New {
			want = append(want, words(r.New.Paragraphs[p].Text)...)
		}
	}
	got := words(htmlText(t, page, "new", "note"))
	if !slices.Equal(got, want) {
		t.Errorf("new column:\n%v\nwant:\n%v", got, want)
	}
	got = words(htmlText(t, page, "old", "note", "mv"))
	want = want[:0]
	for _, p := range r.Old.Paragraphs {
		want = append(want, words(p.Text)...)
	}
	sort.Strings(got)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Errorf("old column words:\n%v\nwant:\n%v", got, want)
	}
}

// checkJSONRebuild decodes the JSON of r and rebuilds both versions from
// the paragraph arrays and from the sentences.
func checkJSONRebuild(t *testing.T, r *diff.Result, data []byte) {
	t.Helper()
	var jr JSONResult
	if err := json.Unmarshal(data, &jr); err != nil {
		t.Fatalf("json: %v", err)
	}
	for side, d := range []*diff.Document{r.Old, r.New} {
		jd := []JSONDocument{jr.Old, jr.New}[side]
		name := []string{"old", "new"}[side]
		if jd.Name != d.Name {
			t.Errorf("%s name %q, want %q", name, jd.Name, d.Name)
		}
		if len(jd.Paragraphs) != len(d.Paragraphs) {
			t.Fatalf("%s: %d paragraphs, want %d", name, len(jd.Paragraphs), len(d.Paragraphs))
		}
		sents := make([]map[int]string, len(d.Paragraphs))
		for i := range sents {
			sents[i] = map[int]string{}
		}
		for _, b := range jr.Blocks {
			for _, s := range b.Sentences {
				ref, text := s.OldRef, s.Old
				if side == 1 {
					ref, text = s.NewRef, s.New
				}
				if ref == nil {
					continue
				}
				if ref[0] < 0 || ref[0] >= len(sents) {
					t.Fatalf("%s ref %v out of range", name, *ref)
				}
				if _, dup := sents[ref[0]][ref[1]]; dup {
					t.Errorf("%s sentence %v twice", name, *ref)
				}
				sents[ref[0]][ref[1]] = text
				if len(s.Words) > 0 {
					var sb strings.Builder
					for _, w := range s.Words {
						if w.Op == "equal" || (side == 0 && w.Op == "delete") || (side == 1 && w.Op == "insert") {
							sb.WriteString(w.Text)
						}
					}
					if sb.String() != text {
						t.Errorf("%s words rebuild %q, want %q", name, sb.String(), text)
					}
				}
			}
		}
		for i, p := range d.Paragraphs {
			if jd.Paragraphs[i] != p.Text {
				t.Errorf("%s paragraph %d: %q, want %q", name, i, jd.Paragraphs[i], p.Text)
			}
			rest := p.Text
			for s := 0; s < len(sents[i]); s++ {
				text, ok := sents[i][s]
				if !ok {
					t.Errorf("%s paragraph %d: sentence %d missing", name, i, s)
					break
				}
				rest = strings.TrimLeft(rest, " \t\n\u00a0\u3000")
				if !strings.HasPrefix(rest, text) {
					t.Errorf("%s paragraph %d sentence %d: %q does not continue %q", name, i, s, text, rest)
					break
				}
				rest = rest[len(text):]
			}
			if strings.TrimSpace(rest) != "" {
				t.Errorf("%s paragraph %d: %q not covered by sentences", name, i, rest)
			}
		}
	}
}

func TestRandomResults(t *testing.T) {
	for seed := range uint64(300) {
		rng := rand.New(rand.NewPCG(seed, 7))
		r := randomResult(t, rng)
		t.Run(fmt.Sprint(seed), func(t *testing.T) { checkNothingLost(t, r) })
	}
}

// FuzzExport writes random results in every format.
func FuzzExport(f *testing.F) {
	for seed := range uint64(8) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed uint64) {
		checkNothingLost(t, randomResult(t, rand.New(rand.NewPCG(seed, 11))))
	})
}

func TestFixturesNothingLost(t *testing.T) {
	for _, pair := range pairs(t) {
		t.Run(pair, func(t *testing.T) {
			checkNothingLost(t, loadPair(t, filepath.Join(pairsDir, pair)))
		})
	}
}

// TestJSONStreamMatchesMarshal checks that the streamed JSON is the
// indented encoding of newJSONResult byte for byte.
func TestJSONStreamMatchesMarshal(t *testing.T) {
	var results []*diff.Result
	for seed := range uint64(50) {
		results = append(results, randomResult(t, rand.New(rand.NewPCG(seed, 9))))
	}
	for _, c := range shapes {
		results = append(results, c.r(t))
	}
	r := nastyResult(t)
	r.Findings = []diff.Finding{{Kind: "lede", Text: "New <lede>.", Blocks: []int{0}}}
	results = append(results, r)
	// Long enough for the arrays of paragraphs and blocks to be encoded in
	// parallel chunks (parallelArray), with a chunk boundary mid-array.
	var olds, news []string
	for i := range 3*jsonChunk + 17 {
		p := fmt.Sprintf("Paragraph %d says the council met on day %d. It voted.", i, i%7)
		olds = append(olds, p)
		if i%5 == 0 {
			p = strings.Replace(p, "voted", "did not vote", 1)
		}
		news = append(news, p)
	}
	results = append(results, diff.Compare(diff.NewDocument("old", olds, nil), diff.NewDocument("new", news, nil), nil))
	// Long paragraphs: chunks of more than jsonRawAt and jsonFlushAt
	// bytes, written as they are rather than copied.
	for i := range olds {
		olds[i] = strings.Repeat(olds[i]+" ", 40)
		news[i] = strings.Repeat(news[i]+" ", 40)
	}
	results = append(results, diff.Compare(diff.NewDocument("old", olds, nil), diff.NewDocument("new", news, nil), nil))
	// A sentence longer than jsonFlushAt, the same in both versions: the
	// writer flushes between its old and its new text, so the new one is
	// encoded again rather than copied.
	long := strings.Repeat("word ", 100<<10/5) + "end."
	results = append(results, diff.Compare(diff.NewDocument("old", []string{long, "A."}, nil),
		diff.NewDocument("new", []string{long, "B."}, nil), nil))
	for i, r := range results {
		jr, err := newJSONResult(r.View(0))
		if err != nil {
			t.Fatal(err)
		}
		want, err := json.MarshalIndent(jr, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, '\n')
		var buf bytes.Buffer
		if err := writeJSON(&buf, r.View(0)); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("result %d: streamed JSON differs:\n%s", i, firstDiff(string(want), buf.String()))
		}
		if err := writeJSON(failWriter{}, r.View(0)); err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("result %d: a failing writer gave %v", i, err)
		}
	}
}

// TestGluedSentencesNothingLost: sentences written with no space between
// them ("yelled!Then", "5.5%.Next") and markup-like text ("![img](…)")
// come out of every export exactly as written, apart from the markers the
// export adds: no space is inserted where the input had none
// (checkNothingLost compares the words of each version, and a glued pair
// of sentences is one word). Paragraphs are kept or edited in place
// (Markdown may part a glued sentence from a removed one to keep its ~~
// delimiters flanking).
func TestGluedSentencesNothingLost(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	forms := []string{"Crowd %d yelled!", "Then %d went quiet.", "Rates %d hit 5.5%%.", "Next %d is unclear.",
		"See %d ![img](http://x/y.png) now.", "Mayor %d left?", "Nobody %d knew why.", "It %d rained (a lot)."}
	n := 0
	para := func() string {
		var sb strings.Builder
		for i := range 2 + rng.IntN(4) {
			if i > 0 && rng.IntN(2) == 0 {
				sb.WriteByte(' ')
			}
			n++
			sb.WriteString(fmt.Sprintf(forms[rng.IntN(len(forms))], n))
		}
		return sb.String()
	}
	glued := 0
	for range 40 {
		var op, np []string
		for range 1 + rng.IntN(4) {
			p := para()
			op = append(op, p)
			if rng.IntN(2) == 0 {
				np = append(np, p)
			} else {
				np = append(np, strings.Replace(strings.Replace(p, "quiet", "silent", 1), "knew", "asked", 1))
			}
		}
		for _, p := range append(slices.Clone(op), np...) {
			if strings.Contains(p, "!T") || strings.Contains(p, ".N") || strings.Contains(p, "?N") {
				glued++
			}
		}
		r := diff.Compare(diff.NewDocument("old", op, nil), diff.NewDocument("new", np, nil), nil)
		checkNothingLost(t, r)
		for _, f := range []Format{FormatMarkdown, FormatHTML} {
			if out := writeString(t, r.View(0), f, Options{Context: -1}); strings.Contains(out, "![ img]") || strings.Contains(out, `!\[ img`) {
				t.Fatalf("%s alters markup-like text:\n%s", f, out)
			}
		}
	}
	if glued == 0 {
		t.Fatal("no glued sentences generated")
	}
}

// isDashName reports whether name is render.DashName of text.
func isDashName(text, name string) bool {
	n, ok := render.DashName(text)
	return ok && n == name
}
