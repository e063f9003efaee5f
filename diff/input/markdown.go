package input

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
)

// Markdown stories.
//
// Front matter (a first line "---" up to a closing "---" or "...") gives
// title → "headline", subtitle → "subheadline", author/byline →
// "byline", date → "date"; other keys are ignored. The rest is parsed by
// github.com/yuin/goldmark (CommonMark, with the GFM table and
// strikethrough extensions, and task lists, whose check boxes are
// dropped), and every leaf block is a paragraph:
//
//   - paragraphs (hard-wrapped lines joined, hard breaks a space);
//   - headings, ATX or setext: the first level-1 heading is labelled
//     "headline" (shown once when front matter gave the same title), the
//     others are story text;
//   - each list item's text, at any depth: a nested list's items are
//     paragraphs of their own, after their parent's text;
//   - block quotes are read like the text around them;
//   - code blocks, fenced or indented, are one paragraph each;
//   - each table row (header included) is a paragraph, cells joined by
//     " | ";
//   - HTML blocks keep their text (tags and comments dropped);
//   - thematic breaks and link reference definitions show nothing.
//
// Display text is the text a reader of the rendered story sees: emphasis,
// strong, strikethrough and code span delimiters are dropped (a story that
// only changes its emphasis shows no change, as in the other formats), a
// link keeps its text and an autolink its URL, images and raw HTML tags
// are dropped, backslash escapes and entity references are decoded. That is
// also what makes the same story in Markdown, HTML, NITF and plain text
// align with no change.

var (
	atxRE       = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+|$)`)
	frontKeyRE  = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:[ \t]*(.*)$`)
	frontLabels = map[string]string{
		"title": "headline", "headline": "headline", "subtitle": "subheadline",
		"author": "byline", "authors": "byline", "byline": "byline", "date": "date",
	}
	mdParser = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList)).Parser()
)

func isATXHeading(line string) bool {
	return atxRE.MatchString(line) && strings.TrimSpace(strings.Trim(strings.TrimSpace(line), "#")) != ""
}

func parseMarkdown(b *builder, src string) {
	lines := strings.Split(src, "\n")
	rest := frontMatter(b, lines)
	headline := false
	if len(rest) != len(lines) {
		src = strings.Join(rest, "\n")
	}
	source := limitNesting(src)
	doc := mdParser.Parse(text.NewReader(source))
	var sb strings.Builder
	// Leaf blocks are emitted on entering; containers (lists, items,
	// quotes, tables) are walked into.
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		sb.Reset()
		switch n := n.(type) {
		case *ast.Heading:
			mdInlineText(&sb, n, source)
			label := ""
			if n.Level == 1 && !headline {
				label, headline = "headline", true
			}
			emit(b, sb.String(), label)
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.TextBlock:
			mdInlineText(&sb, n, source)
			emit(b, sb.String(), "")
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := n.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				sb.Write(seg.Value(source))
			}
			emit(b, sb.String(), "")
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			raw := n.Lines().Value(source)
			if n.HasClosure() {
				raw = append(raw, n.ClosureLine.Value(source)...)
			}
			htmlText(&sb, raw)
			emit(b, sb.String(), "")
			return ast.WalkSkipChildren, nil
		case *extast.TableHeader, *extast.TableRow:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if c != n.FirstChild() {
					sb.WriteString(" | ")
				}
				mdInlineText(&sb, c, source)
			}
			emit(b, sb.String(), "")
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// maxMarkdownNesting is the most block quote and list markers one line may
// open. goldmark's cost for a line grows with the square of the number of
// blocks it opens; stories nest a few levels, never dozens.
const maxMarkdownNesting = 32

// limitNesting returns src with a backslash put before the marker that
// would open a block past maxMarkdownNesting on one line, so that the rest
// of the line is text (shown, not lost) and parsing stays linear.
func limitNesting(src string) []byte {
	out := make([]byte, 0, len(src)+16)
	for len(src) > 0 {
		line := src
		if i := strings.IndexByte(src, '\n'); i >= 0 {
			line = src[:i+1]
		}
		src = src[len(line):]
		markers := 0
		at := -1 // where to put the backslash
	scan:
		for i := 0; i < len(line); i++ {
			switch c := line[i]; {
			case c == ' ' || c == '\t':
			case c == '>':
				markers++
				if markers > maxMarkdownNesting {
					at = i
					break scan
				}
			case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
				markers++
				if markers > maxMarkdownNesting {
					at = i
					break scan
				}
			case c >= '0' && c <= '9':
				j := i
				for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
					j++
				}
				if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && (line[j+1] == ' ' || line[j+1] == '\t') {
					markers++
					if markers > maxMarkdownNesting {
						at = j
						break scan
					}
					i = j
					continue
				}
				break scan
			default:
				break scan
			}
		}
		if at < 0 {
			out = append(out, line...)
			continue
		}
		out = append(out, line[:at]...)
		out = append(out, '\\')
		out = append(out, line[at:]...)
	}
	return out
}

// mdInlineText writes the display text of the inline children of n (see
// the comment at the top of this file).
func mdInlineText(sb *strings.Builder, n ast.Node, source []byte) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || c == n {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(source)
			if !c.IsRaw() {
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			sb.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				sb.WriteByte(' ')
			}
		case *ast.String:
			sb.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					sb.Write(t.Segment.Value(source))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			sb.Write(c.Label(source))
			return ast.WalkSkipChildren, nil
		case *ast.Image:
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			segs := c.Segments
			for i := range segs.Len() {
				seg := segs.At(i)
				if bytes.HasPrefix(bytes.ToLower(seg.Value(source)), []byte("<br")) {
					sb.WriteByte(' ')
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// htmlText writes the text of an HTML fragment, tags and comments dropped,
// entities decoded; a block or <br> tag writes a space.
func htmlText(sb *strings.Builder, raw []byte) {
	z := html.NewTokenizer(bytes.NewReader(raw))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return
		case html.TextToken:
			sb.Write(z.Text())
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			sb.WriteByte(' ')
		}
	}
}

// frontMatter emits the labelled fields of a YAML front matter block and
// returns the lines after it.
func frontMatter(b *builder, lines []string) []string {
	if len(lines) == 0 || strings.TrimRight(lines[0], " \t") != "---" {
		return lines
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if t := strings.TrimRight(lines[i], " \t"); t == "---" || t == "..." {
			end = i
			break
		}
	}
	if end < 0 {
		return lines
	}
	for _, l := range lines[1:end] {
		m := frontKeyRE.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		label, ok := frontLabels[strings.ToLower(m[1])]
		if !ok {
			continue
		}
		v := strings.TrimSpace(m[2])
		if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
			v = v[1 : len(v)-1]
		}
		emit(b, v, label)
	}
	return lines[end+1:]
}
