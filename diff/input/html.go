package input

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTML pages.
//
// The page is parsed with golang.org/x/net/html (entities decoded, broken
// markup repaired the way browsers do). The article is found by
// codeberg.org/readeck/go-readability/v2, a maintained Go port of Mozilla's
// Readability.js (the library Firefox's reader view uses). It was chosen
// over github.com/markusmobius/go-trafilatura by measuring both on the
// public article-extraction-benchmark (181 real pages, human-labelled
// article bodies, its own evaluate.py; scripts/extract-bench.sh): F1 0.952
// against 0.960, a difference within the benchmark's bootstrap error,
// while it is about 4 times faster, adds 2.7 MB to the storydiff binary
// against 8.0 MB (trafilatura brings a WebAssembly regexp engine, a date
// parser and two more extractors as fallbacks) and had a release in 2026
// against 2024. Then storydiff adds:
//
//   - Metadata paragraphs: an h1 in the article is labelled "headline",
//     else the extractor's title (og:title, JSON-LD headline or <title>
//     without the site name) is; the extractor's byline (meta author,
//     JSON-LD, or a byline element it took out of the article) is labelled
//     "byline", and its published time "date" unless the article shows a
//     <time> outside a paragraph, itself labelled "date". figcaption is
//     labelled "caption", text of the article's <header> "summary".
//   - Structure: every block element (p, h2–h6, li, blockquote, pre, div,
//     td, …) of the article ends a paragraph; two <br> in a row also do.
//   - Junk that survives extraction is dropped: script, style, forms,
//     buttons, media, hidden elements (hidden, aria-hidden="true",
//     display:none), navigation-like roles, and elements whose class or id
//     holds a word such as ad, share, newsletter, related or sr-only;
//     unless that would take away half of the story text or more (the
//     story sits in a box whose class says "hidden-xs" or "widget"): then
//     only hidden elements are dropped. On the benchmark this lifts F1 from
//     the library's 0.952 to 0.966 (precision 0.918 to 0.945).
//   - Never a refusal for a page with text: when the extractor finds no
//     article (or fails), the page's visible text is shown instead, every
//     block a paragraph, with one warning. A page with no visible text at
//     all is refused with ErrNoArticle.
//   - Size: pages with more than maxExtractElements elements skip the
//     extractor (whose cost grows faster than the page) and show their
//     visible text, with a warning.

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

// hiddenTags are elements a browser does not show as text.
var hiddenTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Head: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true, atom.Embed: true,
	atom.Canvas: true, atom.Video: true, atom.Audio: true, atom.Select: true, atom.Textarea: true,
	atom.Input: true,
}

// isHidden reports whether a node shows no text in a browser: a comment,
// a hiddenTags element, or an element marked hidden, aria-hidden or
// display:none / visibility:hidden.
func isHidden(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return n.Type == html.CommentNode
	}
	if hiddenTags[n.DataAtom] {
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
		}
	}
	return false
}

// isJunk reports whether an element is hidden or boilerplate. inArticle
// tells whether it lies inside the article (header and footer are kept
// there).
func isJunk(n *html.Node, inArticle bool) bool {
	if isHidden(n) {
		return true
	}
	if n.Type != html.ElementNode {
		return false
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

type htmlWalker struct {
	b       *builder
	root    *html.Node
	buf     strings.Builder
	labels  []string              // label of each open block
	bylines map[*html.Node]bool   // elements labelled "byline"
	blocks  map[*html.Node]bool   // entered elements that opened a block
	paraIn  int                   // number of open paraTags
	drop    func(*html.Node) bool // elements skipped with their subtree
	visible bool                  // page text mode (no "summary" label for headers)
}

// maxExtractElements bounds the pages given to the article extractor; a
// larger page shows its visible text. Real article pages have a few
// thousand elements (the largest of the benchmark's 181 pages about 1,700),
// and the extractor's cost grows faster than the page (on this machine
// 0.27 s at 40,000 elements, 1.7 s at 80,000), so the bound keeps loading
// linear.
const maxExtractElements = 50_000

func parseHTML(b *builder, src string) error {
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		// x/net/html fails only on pathological nesting (more than 512
		// open elements); its messages start with "html: ".
		return fmt.Errorf("malformed HTML: %s", strings.TrimPrefix(err.Error(), "html: "))
	}
	elems := 0
	walkTree(doc, func(n *html.Node) bool {
		if n.Type == html.ElementNode {
			elems++
		}
		return elems <= maxExtractElements
	}, func(*html.Node) {})
	if elems > maxExtractElements {
		b.warns = append(b.warns, fmt.Sprintf("page has more than %d elements: article extraction skipped, showing all its visible text", maxExtractElements))
		return pageText(b, doc)
	}
	art, err := extractArticle(doc)
	if err == nil && art.Node != nil {
		// The article without storydiff's junk, unless the junk filter
		// took away half of its story text or more (a story inside a box
		// whose class says "hidden-xs" or "widget"): then all of it.
		var strict, all builder
		articleParagraphs(&strict, art, dropJunk)
		articleParagraphs(&all, art, isHidden)
		best := &strict
		if 2*storyLen(&strict) <= storyLen(&all) {
			best = &all
		}
		if storyLen(best) > 0 {
			b.paras, b.labels, b.cleaned, b.seen = best.paras, best.labels, best.cleaned, best.seen
			return nil
		}
		err = errors.New("no article found")
	} else if err == nil {
		err = errors.New("no article found")
	}
	b.warns = append(b.warns, err.Error()+"; showing all the page's visible text")
	// The extractor changed doc: parse the page again (it parsed once).
	doc, err = html.Parse(strings.NewReader(src))
	if err != nil {
		return fmt.Errorf("malformed HTML: %s", strings.TrimPrefix(err.Error(), "html: "))
	}
	return pageText(b, doc)
}

// extractArticle runs the article extractor on doc, which it changes
// (cloning a page costs as much as parsing it again, which only the rare
// fallback needs), turning a panic of the library into an error.
func extractArticle(doc *html.Node) (art readability.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("article extractor failed (%v)", r)
		}
	}()
	p := readability.NewParser()
	p.Logger = slog.New(slog.DiscardHandler)
	p.KeepClasses = true // storydiff's junk filter reads them
	art, err = p.ParseAndMutate(doc, pageURL)
	if err != nil {
		return art, fmt.Errorf("article extractor failed (%w)", err)
	}
	return art, nil
}

// pageURL is the base the extractor resolves relative links against; the
// links are not shown, so any absolute URL does.
var pageURL = &url.URL{Scheme: "https", Host: "page.invalid", Path: "/"}

// articleParagraphs emits the metadata and body paragraphs of an extracted
// article.
func articleParagraphs(b *builder, art readability.Article, drop func(*html.Node) bool) {
	root := art.Node
	// Byline elements: an inline byline element (a rel="author" link)
	// labels the paragraph around it.
	bylines := map[*html.Node]bool{}
	hasH1, hasDate := false, false
	paraIn := 0
	walkTree(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		if n != root && drop(n) {
			return false
		}
		if paraTags[n.DataAtom] {
			paraIn++
		}
		switch {
		case n.DataAtom == atom.H1:
			hasH1 = true
		case n.DataAtom == atom.Time && paraIn == 0:
			hasDate = true
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
		}
		return true
	}, func(n *html.Node) {
		if n.Type == html.ElementNode && paraTags[n.DataAtom] {
			paraIn--
		}
	})
	if !hasH1 {
		emit(b, art.Title(), "headline")
	}
	if len(bylines) == 0 {
		emit(b, art.Byline(), "byline")
	}
	if !hasDate {
		if t, err := art.PublishedTime(); err == nil {
			emit(b, formatTime(t), "date")
		}
	}
	w := &htmlWalker{b: b, root: root, bylines: bylines, blocks: map[*html.Node]bool{}, drop: drop}
	w.labels = []string{""}
	walkTree(root, w.enter, w.exit)
	w.flush()
}

// storyLen returns the length of the story (unlabelled) paragraphs of b.
func storyLen(b *builder) int {
	n := 0
	for i, l := range b.labels {
		if l == "" {
			n += len(b.paras[i])
		}
	}
	return n
}

// dropJunk drops the hidden and boilerplate elements of an article.
func dropJunk(n *html.Node) bool { return isJunk(n, true) }

// formatTime shows a published time as a date when it has no time of day,
// else as RFC 3339.
func formatTime(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339)
}

// pageText emits the visible text of the whole page, every block element a
// paragraph, h1 labelled "headline" and <title> "title". It fails with
// ErrNoArticle when the page shows no text at all.
func pageText(b *builder, doc *html.Node) error {
	if t := firstElement(doc, atom.Title); t != nil {
		emit(b, nodeText(t), "title")
	}
	root := doc
	if body := firstElement(doc, atom.Body); body != nil {
		root = body
	}
	w := &htmlWalker{b: b, root: root, bylines: map[*html.Node]bool{}, blocks: map[*html.Node]bool{}, drop: isHidden, visible: true}
	w.labels = []string{""}
	walkTree(root, w.enter, w.exit)
	w.flush()
	if len(b.paras) == 0 {
		return ErrNoArticle
	}
	return nil
}

// firstElement returns the first element with tag a in document order.
func firstElement(doc *html.Node, a atom.Atom) *html.Node {
	var found *html.Node
	walkTree(doc, func(n *html.Node) bool {
		if found != nil {
			return false
		}
		if n.Type == html.ElementNode && n.DataAtom == a {
			found = n
			return false
		}
		return true
	}, func(*html.Node) {})
	return found
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
	if n != w.root && w.drop(n) {
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
	case n.DataAtom == atom.Header && n != w.root && !w.visible:
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
