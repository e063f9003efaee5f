package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

// Format names an input format.
type Format string

// The input formats. Auto asks Read to detect the format from the content
// first and the file name extension second.
const (
	Auto     Format = ""
	Text     Format = "text"
	HTML     Format = "html"
	NITF     Format = "nitf"
	NewsML   Format = "newsml"
	Markdown Format = "markdown"
)

// Formats lists the explicit formats, in the order help text shows them.
var Formats = []Format{Text, HTML, NITF, NewsML, Markdown}

// MaxSize is the largest input accepted (100 MiB).
const MaxSize = 100 << 20

// Sentinel errors, wrapped in *Error; test them with errors.Is.
var (
	// ErrBinary reports an input holding NUL bytes.
	ErrBinary = errors.New("binary file (contains NUL bytes), refused")
	// ErrTooLarge reports an input larger than MaxSize.
	ErrTooLarge = errors.New("file is larger than 100 MiB, refused")
	// ErrIsDir reports a directory given as an input file.
	ErrIsDir = errors.New("is a directory, not a file")
	// ErrNoArticle reports an HTML page that shows no text at all (a page
	// with text but no article found shows its visible text, with a
	// warning).
	ErrNoArticle = errors.New("no text found in the page")
	// ErrEntityDecl reports an XML DOCTYPE declaring entities (a possible
	// XML bomb); such documents are refused, never expanded.
	ErrEntityDecl = errors.New("XML DOCTYPE declares entities (possible XML bomb), refused")
)

// Error is an error about one input file. Its message names the file:
// "old.txt: no such file or directory".
type Error struct {
	Path string // the name shown to the user ("stdin" for "-")
	Err  error
}

// Error returns "path: reason".
func (e *Error) Error() string { return e.Path + ": " + e.Err.Error() }

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Doc is one loaded version.
type Doc struct {
	// Name is the name as given (a path), or "stdin" for "-".
	Name string
	// Format is the format detected or forced.
	Format Format
	// Paragraphs holds the display text of each paragraph: valid UTF-8,
	// control characters made visible, trimmed, white space runs (and hard
	// wraps) folded to one space, never empty.
	Paragraphs []string
	// Labels has the same length as Paragraphs: "" for story text, or a
	// label for a metadata paragraph. The labels used are "headline",
	// "subheadline", "title" (HTML <title>, when a page with no article shows its
	// visible text), "byline",
	// "credit", "dateline", "located", "date", "version", "slugline",
	// "summary", "abstract", "description", "caption" and "tagline".
	Labels []string
	// Warnings are one-line messages naming the file, such as
	// "old.txt: 2 invalid UTF-8 bytes shown as U+FFFD (first at byte 1234)".
	Warnings []string
}

// ParseFormat parses a --input-format value. "auto" and "" give Auto;
// "txt", "htm", "md" and "newsml-g2" are accepted as aliases.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return Auto, nil
	case "text", "txt", "plain":
		return Text, nil
	case "html", "htm", "xhtml":
		return HTML, nil
	case "nitf":
		return NITF, nil
	case "newsml", "newsml-g2", "newsmlg2", "g2":
		return NewsML, nil
	case "markdown", "md":
		return Markdown, nil
	}
	return Auto, fmt.Errorf("unknown input format %q (want auto, text, html, nitf, newsml or markdown)", s)
}

// displayName maps "-" to "stdin".
func displayName(name string) string {
	if name == "-" {
		return "stdin"
	}
	return name
}

// ReadFile opens path ("-" = standard input) and calls Read. A regular file
// larger than MaxSize is refused from its size alone, without reading it.
func ReadFile(path string, format Format) (*Doc, error) {
	if path == "-" {
		if fi, err := os.Stdin.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > MaxSize {
			return nil, &Error{Path: "stdin", Err: ErrTooLarge}
		}
		return Read(path, os.Stdin, format)
	}
	f, err := openFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(path, f, format)
}

// CheckFile reports the error ReadFile would meet before reading path (a
// missing or unreadable file, a directory, a file over MaxSize), so that
// a caller can report it before starting work that reads the file later.
// Errors reading or decoding the content are left to ReadFile.
func CheckFile(path string) error {
	if path == "-" {
		return nil
	}
	f, err := openFile(path)
	if err != nil {
		return err
	}
	return f.Close()
}

// openFile opens path for ReadFile, refusing a directory or a regular
// file over MaxSize.
func openFile(path string) (*os.File, error) {
	fail := func(err error) (*os.File, error) { return nil, &Error{Path: path, Err: err} }
	fi, err := os.Stat(path)
	if err != nil {
		return fail(pathErr(err))
	}
	if fi.IsDir() {
		return fail(ErrIsDir)
	}
	if fi.Mode().IsRegular() && fi.Size() > MaxSize {
		return fail(ErrTooLarge)
	}
	f, err := os.Open(path)
	if err != nil {
		return fail(pathErr(err))
	}
	return f, nil
}

// pathErr strips the "open path:" prefix of an *fs.PathError, since Error
// names the file already.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Read loads one version from r. name is used in messages ("-" is shown as
// "stdin") and its extension helps detection. format Auto detects the
// format from the content first and the extension second.
func Read(name string, r io.Reader, format Format) (*Doc, error) {
	shown := displayName(name)
	fail := func(err error) (*Doc, error) { return nil, &Error{Path: shown, Err: err} }
	switch format {
	case Auto, Text, HTML, NITF, NewsML, Markdown:
	default:
		return fail(fmt.Errorf("unknown input format %q", string(format)))
	}
	data, err := readAll(r)
	if err != nil {
		if errors.Is(err, syscall.EISDIR) {
			return fail(ErrIsDir)
		}
		return fail(fmt.Errorf("read failed: %w", pathErr(err)))
	}
	if len(data) > MaxSize {
		return fail(ErrTooLarge)
	}
	src, warns, err := decode(data)
	if err != nil {
		return fail(err)
	}
	if strings.TrimSpace(src) == "" {
		if format == Auto {
			format = Text
		}
		return &Doc{Name: shown, Format: format, Paragraphs: []string{}, Labels: []string{},
			Warnings: []string{shown + ": empty file"}}, nil
	}
	if format == Auto {
		format = Detect(name, src)
	}
	d := &Doc{Name: shown, Format: format}
	var b builder
	switch format {
	case HTML:
		err = parseHTML(&b, src)
	case NITF, NewsML:
		err = parseXML(&b, src, format)
	case Markdown:
		parseMarkdown(&b, src)
	default:
		parseText(&b, src)
	}
	if err != nil {
		return fail(err)
	}
	d.Paragraphs, d.Labels = b.paras, b.labels
	for _, w := range append(warns, b.warns...) {
		d.Warnings = append(d.Warnings, shown+": "+w)
	}
	if n := b.cleaned.controls; n > 0 {
		d.Warnings = append(d.Warnings, fmt.Sprintf("%s: %s shown as visible symbols", shown, plural(n, "control character")))
	}
	if n := b.cleaned.bidi; n > 0 {
		d.Warnings = append(d.Warnings, fmt.Sprintf("%s: %s shown as U+FFFD", shown, plural(n, "bidirectional override character")))
	}
	if len(d.Paragraphs) == 0 {
		d.Warnings = append(d.Warnings, shown+": no text found")
	}
	if d.Paragraphs == nil {
		d.Paragraphs, d.Labels = []string{}, []string{}
	}
	return d, nil
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// builder collects cleaned paragraphs and their labels.
type builder struct {
	paras, labels []string
	cleaned       cleanStats
	warns         []string        // warnings of the format reader, without the file name
	seen          map[string]bool // label + "\x00" + text of labelled paragraphs
}

// grow makes room for n more paragraphs, when a reader knows about how
// many it will add (growing the slices by doubling copied them about twice
// over).
func (b *builder) grow(n int) {
	b.paras = slices.Grow(b.paras, n)
	b.labels = slices.Grow(b.labels, n)
}

// add cleans text and appends it with label unless it is empty.
func (b *builder) add(text, label string) {
	t := b.cleaned.clean(text)
	if t == "" {
		return
	}
	b.paras = append(b.paras, t)
	b.labels = append(b.labels, label)
	if label != "" {
		if b.seen == nil {
			b.seen = map[string]bool{}
		}
		b.seen[label+"\x00"+t] = true
	}
}

// has reports whether a labelled paragraph with this label and (cleaned)
// text exists.
func (b *builder) has(text, label string) bool {
	var s cleanStats
	return b.seen[label+"\x00"+s.clean(text)]
}

// Detect returns the format of src (already decoded to UTF-8): by content
// first, then by the extension of name, then Text. Content rules: a first
// element <nitf> gives NITF; <newsItem>, <newsMessage>, <packageItem> or
// <knowledgeItem> (any namespace prefix) gives NewsML; <html> or another
// HTML element, or any first element when a common HTML tag (<p>, <div>,
// <body>, …) appears in the first 64 KiB, gives HTML; a YAML front matter
// block or a first line that is an ATX heading ("# Title") gives Markdown.
// Extensions: .md/.markdown → Markdown, .html/.htm/.xhtml → HTML, .nitf →
// NITF, .xml starting with "<" → NITF (whose reader names an unknown
// root).
func Detect(name, src string) Format {
	s := strings.TrimLeft(src, " \t\n\r\ufeff")
	if strings.HasPrefix(s, "<") {
		switch root := rootElement(s); root {
		case "nitf":
			return NITF
		case "newsitem", "newsmessage", "packageitem", "knowledgeitem":
			return NewsML
		case "":
		default:
			if htmlRoot(root) || looksHTML(s) {
				return HTML
			}
			if strings.HasPrefix(s, "<?xml") {
				return NITF // parseXML reports the unknown root clearly
			}
		}
	}
	if hasFrontMatter(src) {
		return Markdown
	}
	if isATXHeading(firstLine(s)) {
		return Markdown
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown", ".mdown", ".mkd":
		return Markdown
	case ".html", ".htm", ".xhtml":
		return HTML
	case ".nitf":
		return NITF
	case ".xml":
		if strings.HasPrefix(s, "<") {
			return NITF // parseXML reports an unknown root clearly
		}
	}
	return Text
}

// looksHTML reports whether the first 64 KiB of s hold a common HTML tag.
func looksHTML(s string) bool {
	if len(s) > 64<<10 {
		s = s[:64<<10]
	}
	s = strings.ToLower(s)
	for _, tag := range []string{"<html", "<body", "<p>", "<p ", "<div", "<br", "<article"} {
		if strings.Contains(s, tag) {
			return true
		}
	}
	return false
}

// hasFrontMatter reports whether src starts with a YAML front matter block
// closed within its first 4 KiB.
func hasFrontMatter(src string) bool {
	if !strings.HasPrefix(src, "---\n") {
		return false
	}
	rest := src[4:]
	if len(rest) > 4<<10 {
		rest = rest[:4<<10]
	}
	return strings.HasPrefix(rest, "---\n") || strings.Contains(rest, "\n---\n") || strings.HasSuffix(rest, "\n---")
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// rootElement returns the lower-cased local name of the first element of an
// XML or HTML document, skipping declarations, comments and DOCTYPE. It
// looks at most at the first 64 KiB.
func rootElement(s string) string {
	if len(s) > 64<<10 {
		s = s[:64<<10]
	}
	for {
		s = strings.TrimLeft(s, " \t\r\n")
		switch {
		case strings.HasPrefix(s, "<?"):
			i := strings.Index(s, "?>")
			if i < 0 {
				return ""
			}
			s = s[i+2:]
		case strings.HasPrefix(s, "<!--"):
			i := strings.Index(s, "-->")
			if i < 0 {
				return ""
			}
			s = s[i+3:]
		case strings.HasPrefix(s, "<!"):
			// DOCTYPE, possibly with an internal subset in brackets.
			depth := 0
			i := 2
			for ; i < len(s); i++ {
				c := s[i]
				if c == '[' {
					depth++
				} else if c == ']' {
					depth--
				} else if c == '>' && depth <= 0 {
					break
				}
			}
			if i >= len(s) {
				if strings.Contains(strings.ToLower(s), "html") {
					return "html"
				}
				return ""
			}
			doctype := strings.ToLower(s[:i])
			s = s[i+1:]
			if strings.Contains(doctype, "doctype html") && !strings.HasPrefix(strings.TrimLeft(s, " \t\r\n"), "<") {
				return "html"
			}
		case strings.HasPrefix(s, "<"):
			s = s[1:]
			end := strings.IndexAny(s, " \t\r\n/>")
			if end < 0 {
				end = len(s)
			}
			n := s[:end]
			if i := strings.IndexByte(n, ':'); i >= 0 {
				n = n[i+1:]
			}
			return strings.ToLower(n)
		default:
			return ""
		}
	}
}

// htmlRoot reports whether an element name starts an HTML document or
// fragment.
func htmlRoot(n string) bool {
	switch n {
	case "html", "head", "body", "article", "main", "section", "div", "p", "h1", "h2", "h3",
		"meta", "title", "link", "script", "style", "header", "nav", "span", "a", "table", "ul",
		"ol", "blockquote", "figure", "br", "em", "strong", "b", "i", "img", "!doctype":
		return true
	}
	return false
}

// readAll reads r up to MaxSize+1 bytes. A regular file (or an in-memory
// reader that tells its length) is read into a buffer of its size, grown
// once, rather than doubled step by step (on a 10 MB file io.ReadAll
// copies about 20 MB more and allocates 45 MB).
// The buffer is made with make, whose large allocations come zeroed
// from the system: bytes.Buffer.Grow cleared it once more.
func readAll(r io.Reader) ([]byte, error) {
	size := 0
	switch r := r.(type) {
	case interface{ Stat() (os.FileInfo, error) }:
		if fi, err := r.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() <= MaxSize {
			size = int(fi.Size())
		}
	case interface{ Len() int }: // bytes.Reader, strings.Reader, bytes.Buffer: the bytes left
		if n := r.Len(); n <= MaxSize {
			size = n
		}
	}
	if size == 0 {
		var buf bytes.Buffer
		_, err := buf.ReadFrom(io.LimitReader(r, MaxSize+1))
		return buf.Bytes(), err
	}
	// One byte more than the size, so that a file that grew is still
	// read to its end (up to MaxSize+1).
	buf := make([]byte, 0, size+1)
	lr := io.LimitReader(r, MaxSize+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // grew while read: let append pick the room
		}
		n, err := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}
