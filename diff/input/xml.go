package input

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// XML formats (NITF and NewsML-G2).
//
// Both are read with encoding/xml in strict mode. A DOCTYPE declaring
// entities is refused with ErrEntityDecl before anything is expanded (the
// "billion laughs" XML bomb); only the predefined XML entities and the
// HTML entity names (a fixed table, xml.HTMLEntity) are known.
//
// NITF: hl1 → "headline", hl2 in hedline → "subheadline", byline →
// "byline", dateline → "dateline", abstract → "abstract", date.issue@norm →
// "date", doc-id@id-string and du-key@key/@version → one "version"
// paragraph, media-caption → "caption", tagline → "tagline"; story
// paragraphs are the p, hl2, li, bq and table cell elements of
// body.content.
//
// NewsML-G2 (newsItem, or the newsItems of a newsMessage):
// newsItem@guid/@version → "version", itemMeta/versionCreated → "date",
// contentMeta/headline → "headline" ("subheadline" when its role says
// sub), by → "byline", creditline → "credit", dateline → "dateline",
// located → "located", slugline → "slugline", description → "description";
// the body comes from the NITF or XHTML carried in contentSet/inlineXML
// (XHTML: h1 → "headline", p, div, h2–h6, li, blockquote, pre, table
// cells → story,
// figcaption → "caption"). Labelled paragraphs repeated with the same text
// (a headline both in contentMeta and in the inline NITF) are kept once.

// xmlInline lists elements that flow inside a paragraph without separating
// words.
var xmlInline = map[string]bool{
	"em": true, "strong": true, "b": true, "i": true, "u": true, "a": true, "span": true, "sub": true,
	"sup": true, "q": true, "person": true, "org": true, "location": true, "chron": true, "num": true,
	"money": true, "classifier": true, "copyrite": true, "copyrite.holder": true, "copyrite.year": true,
	"event": true, "function": true, "object.title": true, "pronounce": true, "virtloc": true,
	"lang": true, "abbr": true, "cite": true, "code": true, "small": true, "mark": true, "time": true,
	"dfn": true, "kbd": true, "var": true, "s": true, "del": true, "ins": true, "name": true,
	"city": true, "country": true, "state": true, "region": true, "postcode": true, "sublocation": true,
}

type xmlWalker struct {
	b         *builder
	stack     []string       // lower-cased local names of open elements
	openNames map[string]int // count of open elements by name
	open      []xmlPara
	buf       strings.Builder
	version   []string // NITF version parts, flushed at the end of docdata
	date      string   // NITF date.issue, flushed after version
}

// xmlPara is an open paragraph element.
type xmlPara struct {
	depth int
	label string
}

// in reports whether an element called name is open (O(1): deep nesting
// must not make the walk quadratic).
func (w *xmlWalker) in(name string) bool { return w.openNames[name] > 0 }

func (w *xmlWalker) parent() string {
	if len(w.stack) == 0 {
		return ""
	}
	return w.stack[len(w.stack)-1]
}

// flush emits the text gathered so far with the label of the innermost
// open paragraph.
func (w *xmlWalker) flush() {
	if w.buf.Len() == 0 {
		return
	}
	text := w.buf.String()
	w.buf.Reset()
	if len(w.open) == 0 {
		return
	}
	emit(w.b, text, w.open[len(w.open)-1].label)
}

// emit adds a paragraph, keeping a labelled paragraph once.
func emit(b *builder, text, label string) {
	if label != "" && b.has(text, label) {
		return
	}
	b.add(text, label)
}

func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if strings.EqualFold(a.Name.Local, name) {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// paraLabel reports whether an element (not yet pushed) starts a paragraph
// and its label.
func (w *xmlWalker) paraLabel(name string, el xml.StartElement) (string, bool) {
	if w.in("itemmeta") || w.in("rightsinfo") || w.in("head") {
		return "", false
	}
	if w.in("contentmeta") {
		switch name {
		case "headline":
			if strings.Contains(strings.ToLower(attr(el, "role")), "sub") {
				return "subheadline", true
			}
			return "headline", true
		case "by":
			return "byline", true
		case "creditline":
			return "credit", true
		case "dateline":
			return "dateline", true
		case "located":
			return "located", true
		case "slugline":
			return "slugline", true
		case "description":
			return "description", true
		}
		return "", false
	}
	switch name {
	case "hl1", "h1":
		return "headline", true
	case "hl2":
		if w.in("hedline") {
			return "subheadline", true
		}
		return "", true
	case "byline":
		return "byline", true
	case "dateline":
		return "dateline", true
	case "media-caption", "figcaption":
		return "caption", true
	case "tagline":
		return "tagline", true
	case "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "bq", "pre", "p", "credit", "td", "th", "dd", "dt", "div":
		switch {
		case w.in("abstract"):
			return "abstract", true
		case w.in("media-caption") || w.in("figcaption"):
			return "caption", true
		case w.in("body.end") || w.in("tagline"):
			return "tagline", true
		case w.in("byline"):
			return "byline", true
		}
		return "", true
	}
	return "", false
}

func parseXML(b *builder, src string, format Format) error {
	dec := xml.NewDecoder(strings.NewReader(src))
	dec.Strict = true
	dec.Entity = xml.HTMLEntity
	// decode has already turned the input into UTF-8, whatever the
	// declaration says.
	dec.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	w := &xmlWalker{b: b, openNames: map[string]int{}}
	root := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return fmt.Errorf("malformed XML at line %d: %s", se.Line, se.Msg)
			}
			line, _ := dec.InputPos()
			return fmt.Errorf("malformed XML at line %d: %w", line, err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.Contains(bytes.ToUpper(t), []byte("<!ENTITY")) || bytes.Contains(bytes.ToUpper(t), []byte("ENTITY ")) {
				line, _ := dec.InputPos()
				return fmt.Errorf("line %d: %w", line, ErrEntityDecl)
			}
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			if root == "" {
				root = name
				switch root {
				case "nitf", "newsitem", "newsmessage", "packageitem", "knowledgeitem":
				default:
					return fmt.Errorf("unsupported XML: the root element is <%s>, want <nitf>, <newsItem> or <newsMessage>", t.Name.Local)
				}
			}
			w.start(name, t)
		case xml.EndElement:
			w.end()
		case xml.CharData:
			if len(w.open) > 0 {
				w.buf.Write(t)
			}
		}
	}
	if root == "" {
		return errors.New("malformed XML: no root element")
	}
	return nil
}

func (w *xmlWalker) start(name string, el xml.StartElement) {
	switch {
	case name == "newsitem":
		var parts []string
		if g := attr(el, "guid"); g != "" {
			parts = append(parts, g)
		}
		if v := attr(el, "version"); v != "" {
			parts = append(parts, "version "+v)
		}
		emit(w.b, strings.Join(parts, ", "), "version")
	case name == "doc-id":
		if v := attr(el, "id-string"); v != "" {
			w.version = append(w.version, v)
		}
	case name == "du-key":
		if k := attr(el, "key"); k != "" {
			w.version = append(w.version, k)
		}
		if v := attr(el, "version"); v != "" {
			w.version = append(w.version, "version "+v)
		}
	case name == "date.issue":
		w.date = attr(el, "norm")
	case name == "br":
		w.buf.WriteByte(' ')
	}
	label, ok := w.paraLabel(name, el)
	if name == "versioncreated" && w.parent() == "itemmeta" {
		label, ok = "date", true
	}
	if ok {
		w.flush()
		w.open = append(w.open, xmlPara{depth: len(w.stack), label: label})
	} else if len(w.open) > 0 && !xmlInline[name] {
		w.buf.WriteByte(' ')
	}
	w.stack = append(w.stack, name)
	w.openNames[name]++
}

func (w *xmlWalker) end() {
	if len(w.stack) == 0 {
		return
	}
	name := w.stack[len(w.stack)-1]
	w.stack = w.stack[:len(w.stack)-1]
	w.openNames[name]--
	if len(w.open) > 0 && w.open[len(w.open)-1].depth == len(w.stack) {
		w.flush()
		w.open = w.open[:len(w.open)-1]
	} else if len(w.open) > 0 && !xmlInline[name] {
		w.buf.WriteByte(' ')
	}
	if name == "docdata" {
		emit(w.b, strings.Join(w.version, ", "), "version")
		emit(w.b, w.date, "date")
		w.version, w.date = nil, ""
	}
}
