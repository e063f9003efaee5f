package input

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Markdown stories.
//
// Front matter (a first line "---" up to a closing "---" or "...") gives
// title → "headline", subtitle → "subheadline", author/byline →
// "byline", date → "date"; other keys are ignored. Blocks follow
// CommonMark loosely: blank lines end paragraphs, hard-wrapped lines are
// joined with a space; ATX (#) and setext (=== / ---) headings are
// paragraphs, the first level-1 heading labelled "headline", the others
// story text; each list item is a paragraph; block quotes are read like
// the text around them; fenced code is kept as a paragraph of text; each
// table row is a paragraph; thematic breaks, table delimiter rows, HTML
// comments and link reference definitions are dropped.
//
// Inline markup is removed: emphasis delimiters (*, _, ~~), code span
// backticks, link syntax ([text](url) and [text][ref] keep text), images
// (dropped with their alt text), autolinks (<url> keeps the url), HTML tags;
// backslash escapes and HTML entities are decoded.

var (
	atxRE       = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+|$)`)
	setext1RE   = regexp.MustCompile(`^ {0,3}=+[ \t]*$`)
	setext2RE   = regexp.MustCompile(`^ {0,3}-+[ \t]*$`)
	breakRE     = regexp.MustCompile(`^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$`)
	mdListRE    = regexp.MustCompile(`^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)(?:\[[ xX]\][ \t]+)?`)
	refDefRE    = regexp.MustCompile(`^ {0,3}\[[^\]]+\]:[ \t]*\S`)
	fenceRE     = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")
	tableRuleRE = regexp.MustCompile(`^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$`)
	frontKeyRE  = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:[ \t]*(.*)$`)
	frontLabels = map[string]string{
		"title": "headline", "headline": "headline", "subtitle": "subheadline",
		"author": "byline", "authors": "byline", "byline": "byline", "date": "date",
	}
)

func isATXHeading(line string) bool {
	return atxRE.MatchString(line) && strings.TrimSpace(strings.Trim(strings.TrimSpace(line), "#")) != ""
}

type mdParser struct {
	b        *builder
	cur      []string
	quoted   bool
	headline bool // a level-1 heading was labelled "headline"
}

func (p *mdParser) flush(label string) {
	if len(p.cur) == 0 {
		return
	}
	text := mdInline(strings.Join(p.cur, " "))
	p.cur = p.cur[:0]
	emit(p.b, text, label)
}

func (p *mdParser) heading(level int, text string) {
	label := ""
	if level == 1 && !p.headline {
		label, p.headline = "headline", true
	}
	p.cur = append(p.cur[:0], text)
	p.flush(label)
}

func parseMarkdown(b *builder, src string) {
	lines := strings.Split(src, "\n")
	lines = frontMatter(b, lines)
	p := &mdParser{b: b}
	fence := ""
	comment := false
	for _, line := range lines {
		if comment || strings.HasPrefix(strings.TrimSpace(line), "<!--") {
			// An HTML comment block is dropped up to its end.
			t := strings.TrimSpace(line)
			if comment {
				t = "<!--" + t
			}
			comment = !strings.Contains(t[4:], "-->")
			if end := strings.Index(t[4:], "-->"); end >= 0 {
				if rest := strings.TrimSpace(t[4+end+3:]); rest != "" {
					p.cur = append(p.cur, rest)
				}
			}
			continue
		}
		if fence != "" {
			if strings.HasPrefix(strings.TrimSpace(line), fence) {
				p.flush("")
				fence = ""
				continue
			}
			p.cur = append(p.cur, line)
			continue
		}
		quoted := false
		for {
			t := strings.TrimLeft(line, " ")
			if !strings.HasPrefix(t, ">") || len(line)-len(t) > 3 {
				break
			}
			quoted = true
			line = strings.TrimPrefix(t[1:], " ")
		}
		if quoted != p.quoted {
			p.flush("")
			p.quoted = quoted
		}
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			p.flush("")
		case fenceRE.MatchString(line):
			p.flush("")
			m := fenceRE.FindStringSubmatch(line)[1]
			fence = m
		case atxRE.MatchString(line):
			p.flush("")
			m := atxRE.FindStringSubmatch(line)
			text := strings.TrimSpace(line[len(m[0]):])
			// A closing sequence of #s preceded by a space is dropped.
			if s := strings.TrimRight(text, "#"); s == "" || strings.HasSuffix(s, " ") || strings.HasSuffix(s, "\t") {
				text = strings.TrimSpace(s)
			}
			p.heading(len(m[1]), text)
		case len(p.cur) > 0 && setext1RE.MatchString(line):
			p.heading(1, strings.Join(p.cur, " "))
		case len(p.cur) > 0 && setext2RE.MatchString(line):
			p.heading(2, strings.Join(p.cur, " "))
		case breakRE.MatchString(line):
			p.flush("")
		case mdListRE.MatchString(line):
			p.flush("")
			p.cur = append(p.cur, line[len(mdListRE.FindString(line)):])
		case len(p.cur) == 0 && refDefRE.MatchString(line):
			// link reference definition: dropped
		case tableRuleRE.MatchString(line):
			// table delimiter row: dropped
		case strings.HasPrefix(t, "|"):
			// table row: one paragraph, cells separated by " | "
			p.flush("")
			p.cur = append(p.cur, strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(t, "|"), "|")))
			p.flush("")
		default:
			p.cur = append(p.cur, strings.TrimSuffix(t, "\\"))
		}
	}
	p.flush("")
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

// mdLookahead bounds the search for a closing bracket or parenthesis, which
// keeps inline parsing linear.
const mdLookahead = 1000

// mdInline strips inline Markdown markup from one paragraph.
func mdInline(s string) string {
	var out strings.Builder
	out.Grow(len(s))
	skip := map[int]int{} // index of a link's "]" → index after its destination
	for i := 0; i < len(s); {
		if to, ok := skip[i]; ok {
			i = to
			continue
		}
		c := s[i]
		switch c {
		case '\\':
			if i+1 < len(s) && isASCIIPunct(s[i+1]) {
				out.WriteByte(s[i+1])
				i += 2
				continue
			}
		case '`':
			n := runLen(s, i, '`')
			if j := strings.Index(s[i+n:min(len(s), i+n+mdLookahead)], strings.Repeat("`", n)); j >= 0 {
				code := s[i+n : i+n+j]
				if len(code) > 2 && code[0] == ' ' && code[len(code)-1] == ' ' {
					code = code[1 : len(code)-1]
				}
				out.WriteString(code)
				i += n + j + n
				continue
			}
			out.WriteString(s[i : i+n])
			i += n
			continue
		case '!':
			if i+1 < len(s) && s[i+1] == '[' {
				if _, end := linkEnd(s, i+1); end > 0 {
					i = end
					continue
				}
			}
		case '[':
			if close, end := linkEnd(s, i); end > 0 {
				skip[close] = end
				i++
				continue
			}
		case '<':
			if j := strings.IndexByte(s[i:], '>'); j > 0 && j < 500 {
				tag := s[i+1 : i+j]
				switch {
				case strings.HasPrefix(tag, "http://") || strings.HasPrefix(tag, "https://") || strings.HasPrefix(tag, "mailto:"):
					if !strings.ContainsAny(tag, " \t<") {
						out.WriteString(tag)
						i += j + 1
						continue
					}
				case len(tag) > 0 && (isASCIILetter(tag[0]) || tag[0] == '/' || tag[0] == '!' || tag[0] == '?') && !strings.Contains(tag, "<"):
					if strings.HasPrefix(strings.ToLower(tag), "br") {
						out.WriteByte(' ')
					}
					i += j + 1
					continue
				}
			}
		case '*', '_', '~':
			n := runLen(s, i, c)
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			if i == 0 {
				prev = ' '
			}
			next, _ := utf8.DecodeRuneInString(s[i+n:])
			if i+n == len(s) {
				next = ' '
			}
			left := !unicode.IsSpace(next) && (!isPunct(next) || unicode.IsSpace(prev) || isPunct(prev))
			right := !unicode.IsSpace(prev) && (!isPunct(prev) || unicode.IsSpace(next) || isPunct(next))
			drop := false
			switch c {
			case '*':
				drop = left || right
			case '_':
				drop = left != right || left && right && isPunct(prev) && isPunct(next)
			case '~':
				drop = n == 2 && (left || right)
			}
			if !drop {
				out.WriteString(s[i : i+n])
			}
			i += n
			continue
		}
		out.WriteByte(c)
		i++
	}
	return html.UnescapeString(out.String())
}

// linkEnd finds, for a "[" at open, the index of its closing "]" and the
// index just after the whole link ("[text](dest)", "[text][ref]" or
// "[text][]"), or end 0 when it is not a link.
func linkEnd(s string, open int) (close, end int) {
	if strings.IndexByte(s[open:min(len(s), open+mdLookahead)], ']') < 0 {
		return 0, 0 // common case: no closing bracket near
	}
	depth := 0
	limit := min(len(s), open+mdLookahead)
	close = -1
	for j := open; j < limit; j++ {
		switch s[j] {
		case '\\':
			j++
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				close = j
			}
		}
		if close >= 0 {
			break
		}
	}
	if close < 0 || close+1 >= len(s) {
		return 0, 0
	}
	var opener, closer byte
	switch s[close+1] {
	case '(':
		opener, closer = '(', ')'
	case '[':
		opener, closer = '[', ']'
	default:
		return 0, 0
	}
	depth = 0
	limit = min(len(s), close+1+mdLookahead)
	for j := close + 1; j < limit; j++ {
		switch s[j] {
		case '\\':
			j++
		case opener:
			depth++
		case closer:
			depth--
			if depth == 0 {
				return close, j + 1
			}
		}
	}
	return 0, 0
}

func runLen(s string, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

func isASCIIPunct(c byte) bool {
	return c > ' ' && c < 0x7F && !isASCIILetter(c) && !(c >= '0' && c <= '9')
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isPunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }
