// Package input turns the bytes of one story version into display
// paragraphs, for every input format storydiff understands: plain text,
// HTML, NITF, NewsML-G2 and Markdown. It is part of storydiff's supported
// Go API (see package diff): ReadFile and Read give a Doc whose Paragraphs
// and Labels go to diff.NewDocument.
//
// # Guarantees
//
// Whatever the format, the paragraphs Read returns are valid UTF-8, hold no
// control character (each is replaced by a visible symbol, see Clean), are
// trimmed, never empty, and have every run of white space folded to one
// space, so a copy that differs only in encoding, line ends, trailing or
// doubled spaces loads to identical paragraphs. Metadata paragraphs
// (headline, byline, dateline, date, version, caption, …) carry a label in
// Doc.Labels; story text has the label "". Loading is linear in the input
// size; inputs over MaxSize, holding NUL bytes, (XML) declaring entities or
// (HTML) showing no text at all are refused with an *Error naming the file.
//
// # Decoding
//
// A UTF-8 BOM is stripped; a UTF-16 LE or BE BOM selects UTF-16, and so do
// bytes that plainly are UTF-16 without a BOM (a warning says so). Valid
// UTF-8 and ASCII are kept as they are. Other input is decoded in the
// charset it declares (XML encoding, HTML meta charset; the WHATWG labels
// of golang.org/x/net/html/charset), else in the legacy encoding its bytes
// show (Shift_JIS, windows-1251, KOI8-R, ISO-8859-2, …: detected by
// github.com/gogs/chardet, decoded by golang.org/x/text), with a warning
// naming the encoding; a few stray invalid bytes become U+FFFD with one
// warning giving their count and the offset of the first. CRLF and lone CR
// become LF. The rules are on decode's comment in charset.go.
//
// # Detection
//
// With format Auto, the content decides first, then the file extension
// (see Detect): an XML or HTML root element, YAML front matter or a leading
// "# " heading; otherwise .md, .html, .nitf and .xml extensions; otherwise
// plain text.
//
// # Plain text
//
// Blank lines separate paragraphs and the lines of a block are joined
// (hard-wrapped copy); a file without blank lines has one paragraph per
// line, unless it is indented wire copy, whose paragraphs start at
// indented lines. A leading "date YYYY-MM-DD" field becomes a paragraph
// labelled "date". The full rules are on parseText's comment in text.go.
//
// # Markup formats
//
// HTML keeps the article only, found by codeberg.org/readeck/go-readability
// (navigation, ads, share and newsletter blocks, scripts and styles are
// dropped); a page where no article is found shows its visible text with a
// warning, and only a page with no text at all is refused. NITF and
// NewsML-G2 map their head elements to labels and their body to story
// paragraphs. Markdown is parsed by github.com/yuin/goldmark (CommonMark
// and GFM tables), every leaf block a paragraph, inline markup dropped. The
// rules are on the comments in html.go, xml.go and markdown.go.
package input
