package input

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTML pages.
//
// The page is parsed with golang.org/x/net/html (entities decoded, broken
// markup repaired the way browsers do). Then:
//
//   - Junk is dropped: script, style, noscript, template, nav, aside, form,
//     button, iframe, svg, media, dialog and menu elements; header and footer
//     outside the article; hidden elements (hidden, aria-hidden="true",
//     display:none); navigation, banner, contentinfo, complementary, search
//     and dialog roles; and elements whose class or id holds a word such as
//     ad, ads, advert, sponsor, promo, share, social, newsletter, subscribe,
//     related, recommended, comments, cookie, breadcrumb, sidebar, popup,
//     paywall, sr-only. html, body, main and article are never junk.
//   - The article is the <article> with the most paragraph text, else the
//     element with itemprop="articleBody", else the element whose child <p>
//     elements hold the most text, else <body>.
//   - Inside the article, every block element (p, h2–h6, li, blockquote,
//     pre, div, td, …) ends a paragraph; two <br> in a row also do. h1 is
//     labelled "headline", byline elements (class, id, rel or itemprop
//     containing "byline" or "author", and address) "byline", a <time> not
//     inside a paragraph "date", figcaption "caption", other text in the
//     article's <header> (a standfirst) "summary".
//   - If the article has no h1, the first h1 of the page (preferring one not
//     in a page header) is the headline, else <title> labelled "title"; if it
//     has no byline, the first byline element of the page is used.
//
// A page with no story paragraph left is refused with ErrNoArticle.

// junkWords are class and id words (or whole class names) marking
// boilerplate.
var junkWords = map[string]bool{
	"ad": true, "ads": true, "advert": true, "adverts": true, "advertisement": true, "advertising": true,
	"adslot": true, "adsbygoogle": true, "sponsor": true, "sponsored": true, "promo": true, "promotion": true,
	"share": true, "sharing": true, "sharebar": true, "social": true, "newsletter": true, "subscribe": true,
	"subscription": true, "signup": true, "related": true, "recommended": true, "trending": true,
	"popular": true, "outbrain": true, "taboola": true, "cookie": true, "cookies": true, "consent": true,
	"comments": true, "comment": true, "disqus": true, "breadcrumb": true, "breadcrumbs": true,
	"sidebar": true, "widget": true, "navbar": true, "navigation": true, "nav": true, "menu": true,
	"masthead": true, "modal": true, "popup": true, "paywall": true, "toolbar": true, "skip": true,
	"sr-only": true, "visually-hidden": true, "screen-reader-text": true, "hidden": true,
}

var junkTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Nav: true,
	atom.Aside: true, atom.Form: true, atom.Button: true, atom.Iframe: true, atom.Svg: true,
	atom.Select: true, atom.Input: true, atom.Textarea: true, atom.Object: true, atom.Embed: true,
	atom.Canvas: true, atom.Video: true, atom.Audio: true, atom.Dialog: true, atom.Menu: true,
	atom.Head: true, atom.Math: true, atom.Label: true,
}

// inlineTags flow inside a paragraph; every other element ends one.
var inlineTags = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true, atom.Cite: true,
	atom.Code: true, atom.Data: true, atom.Del: true, atom.Dfn: true, atom.Em: true, atom.Font: true,
	atom.I: true, atom.Ins: true, atom.Kbd: true, atom.Mark: true, atom.Q: true, atom.Rp: true,
	atom.Rt: true, atom.Ruby: true, atom.S: true, atom.Samp: true, atom.Small: true, atom.Span: true,
	atom.Strike: true, atom.Strong: true, atom.Sub: true, atom.Sup: true, atom.Time: true, atom.Tt: true,
	atom.U: true, atom.Var: true, atom.Wbr: true, atom.Img: true, atom.Picture: true, atom.Source: true,
	atom.Br: true, atom.Nobr: true, atom.Big: true,
}

// paraTags are blocks that hold running text.
var paraTags = map[atom.Atom]bool{
	atom.P: true, atom.Li: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Blockquote: true, atom.Pre: true, atom.Td: true, atom.Th: true,
	atom.Dd: true, atom.Dt: true, atom.Figcaption: true,
}

func getAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// words splits a class or id value into lower-case words, also keeping
// each whole class name.
func words(v string) []string {
	v = strings.ToLower(v)
	var out []string
	for _, f := range strings.Fields(v) {
		out = append(out, f)
		out = append(out, strings.FieldsFunc(f, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
		})...)
	}
	return out
}

// isJunk reports whether an element is boilerplate. inArticle tells
// whether it lies inside the article (header and footer are kept there).
func isJunk(n *html.Node, inArticle bool) bool {
	if n.Type != html.ElementNode {
		return n.Type == html.CommentNode
	}
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main, atom.Article:
		return false
	case atom.Header, atom.Footer:
		if !inArticle {
			return true
		}
	}
	if junkTags[n.DataAtom] {
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if strings.EqualFold(a.Val, "true") {
				return true
			}
		case "style":
			s := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		case "role":
			switch strings.ToLower(a.Val) {
			case "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert":
				return true
			}
		case "class", "id":
			for _, w := range words(a.Val) {
				if junkWords[w] {
					return true
				}
			}
		}
	}
	return false
}

// isByline reports whether an element is marked as a byline or author.
func isByline(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if n.DataAtom == atom.Address {
		return true
	}
	for _, k := range []string{"class", "id", "rel", "itemprop"} {
		v := strings.ToLower(getAttr(n, k))
		if strings.Contains(v, "byline") || strings.Contains(v, "author") {
			return true
		}
	}
	return false
}

// walkTree visits the subtree of root in document order without recursion
// (pages may nest deeply). enter reports whether to enter a node; exit is
// called after the children of each entered node.
func walkTree(root *html.Node, enter func(*html.Node) bool, exit func(*html.Node)) {
	n := root
	for {
		entered := enter(n)
		if entered && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		if entered {
			exit(n)
		}
		for n != root && n.NextSibling == nil {
			n = n.Parent
			exit(n)
		}
		if n == root {
			return
		}
		n = n.NextSibling
	}
}

// each calls f for every node under root that is reached without passing
// through junk (judged with inArticle).
func each(root *html.Node, inArticle bool, f func(*html.Node) bool) {
	walkTree(root, func(n *html.Node) bool {
		if n != root && isJunk(n, inArticle) {
			return false
		}
		return f(n)
	}, func(*html.Node) {})
}

// textLen returns the length of the text under n, outside junk.
func textLen(n *html.Node) int {
	total := 0
	each(n, true, func(c *html.Node) bool {
		if c.Type == html.TextNode {
			total += len(strings.TrimSpace(c.Data))
		}
		return true
	})
	return total
}

// findArticle picks the article element (see the package comment above).
func findArticle(doc *html.Node) *html.Node {
	var best, body, articleBody *html.Node
	bestScore := -1
	parentScore := map[*html.Node]int{}
	each(doc, false, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		switch {
		case n.DataAtom == atom.Body && body == nil:
			body = n
		case n.DataAtom == atom.Article:
			score := 0
			each(n, true, func(c *html.Node) bool {
				if c.Type == html.ElementNode && c.DataAtom == atom.P {
					score += textLen(c)
					return false
				}
				return true
			})
			if score > bestScore {
				best, bestScore = n, score
			}
			return false // a nested article scores less than its parent
		case n.DataAtom == atom.P && n.Parent != nil:
			parentScore[n.Parent] += textLen(n)
			return false
		}
		if articleBody == nil && strings.EqualFold(getAttr(n, "itemprop"), "articleBody") {
			articleBody = n
		}
		return true
	})
	switch {
	case best != nil:
		return best
	case articleBody != nil:
		return articleBody
	}
	var parent *html.Node
	max := 0
	each(doc, false, func(n *html.Node) bool { // document order breaks ties
		if s := parentScore[n]; s > max {
			parent, max = n, s
		}
		return true
	})
	if parent != nil {
		return parent
	}
	if body != nil {
		return body
	}
	return doc
}

type htmlWalker struct {
	b       *builder
	root    *html.Node
	buf     strings.Builder
	labels  []string            // label of each open block
	bylines map[*html.Node]bool // elements labelled "byline"
	blocks  map[*html.Node]bool // entered elements that opened a block
	paraIn  int                 // number of open paraTags
}

func parseHTML(b *builder, src string) error {
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		// x/net/html fails only on pathological nesting (more than 512
		// open elements); its messages start with "html: ".
		return fmt.Errorf("malformed HTML: %s", strings.TrimPrefix(err.Error(), "html: "))
	}
	root := findArticle(doc)

	// Byline elements: an inline byline element (a rel="author" link)
	// labels the paragraph around it.
	bylines := map[*html.Node]bool{}
	hasH1 := false
	each(root, true, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		if n.DataAtom == atom.H1 {
			hasH1 = true
		}
		if isByline(n) {
			m := n
			for i := 0; i < 16 && inlineTags[m.DataAtom] && m.Parent != nil && m.Parent != root; i++ {
				m = m.Parent
			}
			if inlineTags[m.DataAtom] && m.Parent != nil && m.Parent != root && !inlineTags[m.Parent.DataAtom] {
				m = m.Parent
			}
			bylines[m] = true
			return false
		}
		return true
	})

	// Headline and byline from outside the article when it has none.
	if !hasH1 {
		if h := firstOutside(doc, root, func(n *html.Node) bool { return n.DataAtom == atom.H1 }); h != nil {
			emit(b, nodeText(h), "headline")
		} else if t := firstOutside(doc, root, func(n *html.Node) bool { return n.DataAtom == atom.Title }); t != nil {
			emit(b, nodeText(t), "title")
		}
	}
	if len(bylines) == 0 {
		if n := firstOutside(doc, root, isByline); n != nil {
			emit(b, nodeText(n), "byline")
		}
	}

	w := &htmlWalker{b: b, root: root, bylines: bylines, blocks: map[*html.Node]bool{}}
	w.labels = []string{""}
	walkTree(root, w.enter, w.exit)
	w.flush()
	for _, l := range b.labels {
		if l == "" {
			return nil
		}
	}
	return ErrNoArticle
}

// firstOutside returns the first element outside root matching f, looking
// first outside page headers and then anywhere (junk excluded).
func firstOutside(doc, root *html.Node, f func(*html.Node) bool) *html.Node {
	for _, strict := range []bool{false, true} {
		var found *html.Node
		walkTree(doc, func(n *html.Node) bool {
			if found != nil || n == root {
				return false
			}
			if n.Type == html.ElementNode && (n.DataAtom == atom.Header || n.DataAtom == atom.Footer) {
				if !strict {
					return false
				}
			} else if n.DataAtom != atom.Head && n.DataAtom != atom.Title && isJunk(n, true) {
				return false
			}
			if n.Type == html.ElementNode && f(n) {
				found = n
				return false
			}
			return true
		}, func(*html.Node) {})
		if found != nil {
			return found
		}
	}
	return nil
}

// nodeText returns the text under n (junk excluded), blocks separated by
// spaces.
func nodeText(n *html.Node) string {
	var sb strings.Builder
	each(n, true, func(c *html.Node) bool {
		switch {
		case c.Type == html.TextNode:
			sb.WriteString(c.Data)
		case c.Type == html.ElementNode && !inlineTags[c.DataAtom]:
			sb.WriteByte(' ')
		case c.DataAtom == atom.Br:
			sb.WriteByte(' ')
		}
		return true
	})
	return sb.String()
}

func (w *htmlWalker) label() string { return w.labels[len(w.labels)-1] }

func (w *htmlWalker) enter(n *html.Node) bool {
	switch n.Type {
	case html.TextNode:
		w.buf.WriteString(n.Data)
		return false
	case html.ElementNode:
	case html.DocumentNode:
		return true
	default:
		return false
	}
	if n != w.root && isJunk(n, true) {
		return false
	}
	if n.DataAtom == atom.Br {
		w.buf.WriteByte(0)
		return false
	}
	label, block := w.label(), !inlineTags[n.DataAtom]
	switch {
	case w.bylines[n]:
		label, block = "byline", true
	case w.label() == "byline" || w.label() == "caption":
		// keep the label of the enclosing byline or caption
	case n.DataAtom == atom.H1:
		label = "headline"
	case n.DataAtom == atom.Figcaption:
		label = "caption"
	case n.DataAtom == atom.Time && w.paraIn == 0:
		label, block = "date", true
	case n.DataAtom == atom.Header && n != w.root:
		label = "summary" // a standfirst in the article header
	}
	if block {
		w.flush()
		w.labels = append(w.labels, label)
		w.blocks[n] = true
		if paraTags[n.DataAtom] {
			w.paraIn++
		}
	}
	return true
}

func (w *htmlWalker) exit(n *html.Node) {
	if !w.blocks[n] {
		return
	}
	w.flush()
	delete(w.blocks, n)
	w.labels = w.labels[:len(w.labels)-1]
	if paraTags[n.DataAtom] {
		w.paraIn--
	}
}

// flush emits the gathered text; two <br> in a row (NUL marks) split it.
func (w *htmlWalker) flush() {
	if w.buf.Len() == 0 {
		return
	}
	text := w.buf.String()
	w.buf.Reset()
	label := w.label()
	var cur strings.Builder
	parts := strings.Split(text, "\x00")
	cur.WriteString(parts[0])
	for i := 1; i < len(parts); i++ {
		if strings.TrimSpace(parts[i]) == "" && i+1 < len(parts) {
			emit(w.b, cur.String(), label)
			cur.Reset()
			continue
		}
		cur.WriteByte(' ')
		cur.WriteString(parts[i])
	}
	emit(w.b, cur.String(), label)
}
