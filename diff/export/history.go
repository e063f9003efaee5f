package export

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/storydiff/storydiff/diff"

	"github.com/storydiff/storydiff/internal/textsafe"
)

// ErrNoHistory is returned when WriteHistory is given a nil History, one
// without versions, or one whose origins do not match its latest version.
var ErrNoHistory = errors.New("export: no history to write")

// ErrHistoryFormat is returned (wrapped) by WriteHistory for a format that
// cannot show a history (side-by-side).
var ErrHistoryFormat = errors.New("format cannot show a history")

// JSONHistory is the document WriteHistory writes in JSON:
//
//	{
//	  "versions": ["v1.txt", "v2.txt", "v3.txt"],
//	  "paragraphs": [
//	    [{"text": "First sentence.", "introduced": 0, "last_changed": 2}, …],
//	    …
//	  ]
//	}
//
// "versions" are the names of the versions, oldest first. "paragraphs"
// holds the paragraphs of the latest version, each as its sentences in
// order; "introduced" is the index in "versions" (0-based) of the version
// in which the sentence, or an earlier form of it, first appears, and
// "last_changed" that of the version in which its text last changed (equal
// to "introduced" when it never changed).
type JSONHistory struct {
	Versions   []string                `json:"versions"`
	Paragraphs [][]JSONHistorySentence `json:"paragraphs"`
}

// JSONHistorySentence is one sentence of the latest version with its origin.
type JSONHistorySentence struct {
	Text        string `json:"text"`
	Introduced  int    `json:"introduced"`
	LastChanged int    `json:"last_changed"`
}

// newJSONHistory converts h to the JSON document WriteHistory writes.
func newJSONHistory(h *diff.History) (jh *JSONHistory, err error) {
	if err := checkHistory(h); err != nil {
		return nil, err
	}
	jh = &JSONHistory{Versions: make([]string, len(h.Versions)), Paragraphs: [][]JSONHistorySentence{}}
	for i, d := range h.Versions {
		jh.Versions[i] = textsafe.Clean(d.Name)
	}
	last := h.Versions[len(h.Versions)-1]
	for p := range last.Paragraphs {
		row := []JSONHistorySentence{}
		for s, sent := range last.Paragraphs[p].Sentences {
			o := h.Origins[p][s]
			row = append(row, JSONHistorySentence{Text: sent.Text, Introduced: o.Introduced, LastChanged: o.LastChanged})
		}
		jh.Paragraphs = append(jh.Paragraphs, row)
	}
	return jh, nil
}

// checkHistory reports whether h can be written: it has versions, none
// nil, and an origin for every sentence of the latest one, each naming a
// version.
func checkHistory(h *diff.History) error {
	if h == nil || len(h.Versions) == 0 {
		return ErrNoHistory
	}
	for _, d := range h.Versions {
		if d == nil {
			return ErrNoHistory
		}
	}
	last := h.Versions[len(h.Versions)-1]
	if len(h.Origins) != len(last.Paragraphs) {
		return fmt.Errorf("%w: %d paragraphs of origins for %d paragraphs", ErrNoHistory, len(h.Origins), len(last.Paragraphs))
	}
	n := len(h.Versions)
	for p := range last.Paragraphs {
		if len(h.Origins[p]) != len(last.Paragraphs[p].Sentences) {
			return fmt.Errorf("%w: paragraph %d has %d origins for %d sentences", ErrNoHistory, p, len(h.Origins[p]),
				len(last.Paragraphs[p].Sentences))
		}
		for _, o := range h.Origins[p] {
			if o.Introduced < 0 || o.Introduced >= n || o.LastChanged < o.Introduced || o.LastChanged >= n {
				return fmt.Errorf("%w: paragraph %d: origin %+v out of range", ErrNoHistory, p, o)
			}
		}
	}
	return nil
}

// WriteHistory writes h in format f: for each paragraph of the latest
// version, each sentence with the version that introduced it and the one
// that last changed it. Versions are numbered v1…vN, oldest first, and
// listed with their Document names in the header.
//
// Text (and ansi) output puts the origin in a left column ("v1",
// "v1 · changed v3") and the sentence, wrapped at Options.Wrap, beside it;
// ansi colours sentences of the latest version green and those it changed
// yellow. Markdown writes a list per paragraph, HTML a table per
// paragraph, both escaping every character of the input. JSON writes the
// document JSONHistory describes. Side-by-side output cannot show a
// history: WriteHistory returns an error wrapping ErrHistoryFormat.
func WriteHistory(w io.Writer, h *diff.History, f Format, opt Options) (err error) {
	switch f {
	case FormatText, FormatANSI, FormatMarkdown, FormatHTML, FormatJSON:
	case FormatSideBySide:
		return fmt.Errorf("export history: side-by-side shows two versions, not a history (%w); use text, ansi, markdown, html or json",
			ErrHistoryFormat)
	default:
		return fmt.Errorf("export history: unknown format %q", f)
	}
	if err := checkHistory(h); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	switch f {
	case FormatText:
		writeHistoryText(bw, h, opt, textSkin)
	case FormatANSI:
		sk := textSkin
		if opt.Color {
			sk = ansiSkin
		}
		writeHistoryText(bw, h, opt, sk)
	case FormatMarkdown:
		writeHistoryMarkdown(bw, h)
	case FormatHTML:
		writeHistoryHTML(bw, h)
	case FormatJSON:
		writeHistoryJSON(bw, h)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export history %s: %w", f, err)
	}
	return nil
}

// vname names version i (0-based) as people read it: "v1".
func vname(i int) string { return "v" + strconv.Itoa(i+1) }

// originLabel is the left column of a sentence: "v1", or "v1 · changed v3".
func originLabel(o diff.Origin) string {
	if o.LastChanged == o.Introduced {
		return vname(o.Introduced)
	}
	return vname(o.Introduced) + " · changed " + vname(o.LastChanged)
}

// historyTitle is the title of a history export.
func historyTitle(h *diff.History) string {
	n := len(h.Versions)
	return "storydiff history: " + strconv.Itoa(n) + " " + plural(n, "version", "versions")
}

// versionLine describes version i for the header: "v2: name — 12
// paragraphs, 300 words".
func versionLine(h *diff.History, i int) string { return vname(i) + ": " + docLine(h.Versions[i]) }

// stepLine summarises step k of h (version k to k+1) by its sentences:
// "v1 → v2: sentences 2 changed, 1 added, 0 removed".
func stepLine(h *diff.History, k int) string {
	s := vname(k) + " → " + vname(k+1) + ": "
	if k >= len(h.Steps) || h.Steps[k] == nil {
		return s + "not compared"
	}
	st := h.Steps[k].Stats
	return s + "sentences " + strconv.Itoa(st.SentencesChanged) + " changed, " + strconv.Itoa(st.SentencesAdded) +
		" added, " + strconv.Itoa(st.SentencesRemoved) + " removed"
}

// originColour is the SGR colour of an origin label: green for sentences
// the latest version added, yellow for those it changed, dim otherwise.
func originColour(o diff.Origin, latest int) string {
	switch {
	case o.Introduced == latest:
		return "32"
	case o.LastChanged == latest:
		return "33"
	}
	return "2"
}

func writeHistoryText(bw *bufio.Writer, h *diff.History, opt Options, sk *skin) {
	bw.WriteString(sk.paint("1", historyTitle(h)) + "\n")
	for i := range h.Versions {
		bw.WriteString(versionLine(h, i) + "\n")
	}
	for k := 0; k+1 < len(h.Versions); k++ {
		bw.WriteString(stepLine(h, k) + "\n")
	}
	latest := len(h.Versions) - 1
	last := h.Versions[latest]
	col := 0
	for p := range last.Paragraphs {
		for _, o := range h.Origins[p] {
			col = max(col, textWidth(originLabel(o)))
		}
	}
	pw := &paraWriter{w: bw, sk: sk, indent: strings.Repeat(" ", 2+col+2), width: opt.wrap()}
	if len(last.Paragraphs) == 0 {
		bw.WriteString("\nThe latest version is empty.\n")
	}
	for p := range last.Paragraphs {
		bw.WriteString("\n" + sk.paint("1", para(p)) + "\n")
		for s, sent := range last.Paragraphs[p].Sentences {
			o := h.Origins[p][s]
			label := originLabel(o)
			lead := "  " + sk.paint(originColour(o, latest), label) + strings.Repeat(" ", col-textWidth(label)+2)
			var t toks
			t.add(sent.Text, stPlain)
			pw.writeLead(lead, len(pw.indent), t.list)
		}
	}
}

func writeHistoryMarkdown(bw *bufio.Writer, h *diff.History) {
	bw.WriteString("# " + mdText(historyTitle(h)) + "\n\n")
	for i := range h.Versions {
		bw.WriteString("- **" + vname(i) + ":** " + mdText(docLine(h.Versions[i])) + "\n")
	}
	for k := 0; k+1 < len(h.Versions); k++ {
		bw.WriteString("- " + mdText(stepLine(h, k)) + "\n")
	}
	last := h.Versions[len(h.Versions)-1]
	if len(last.Paragraphs) == 0 {
		bw.WriteString("\nThe latest version is empty.\n")
	}
	pw := &paraWriter{w: bw, sk: markdownSkin}
	for p := range last.Paragraphs {
		bw.WriteString("\n## " + para(p) + "\n\n")
		for s, sent := range last.Paragraphs[p].Sentences {
			lead := "- **" + originLabel(h.Origins[p][s]) + "** — "
			var t toks
			t.add(sent.Text, stPlain)
			pw.writeLead(lead, textWidth(lead), t.list)
		}
	}
}

func writeHistoryHTML(bw *bufio.Writer, hist *diff.History) {
	h := &htmlWriter{w: bw}
	title := historyTitle(hist)
	h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	h.raw("<meta name=\"color-scheme\" content=\"light dark\">\n<meta name=\"generator\" content=\"storydiff\">\n<title>")
	h.text(title)
	h.raw("</title>\n<style>\n" + htmlStyle + "\n</style>\n</head>\n<body>\n<h1>")
	h.text(title)
	h.raw("</h1>\n<table class=\"summary\">\n")
	for i := range hist.Versions {
		h.row(vname(i), docLine(hist.Versions[i]))
	}
	for k := 0; k+1 < len(hist.Versions); k++ {
		l := stepLine(hist, k)
		name, rest, _ := strings.Cut(l, ": ")
		h.row(name, rest)
	}
	h.raw("</table>\n")
	latest := len(hist.Versions) - 1
	last := hist.Versions[latest]
	if len(last.Paragraphs) == 0 {
		h.raw("<p>The latest version is empty.</p>\n")
	}
	for p := range last.Paragraphs {
		h.raw("<h2 class=\"para\" id=\"p" + strconv.Itoa(p+1) + "\">" + para(p) + "</h2>\n<table class=\"history\">\n")
		for s, sent := range last.Paragraphs[p].Sentences {
			o := hist.Origins[p][s]
			if o.LastChanged == latest {
				h.raw("<tr class=\"latest\">")
			} else {
				h.raw("<tr>")
			}
			h.raw("<td class=\"ver\">")
			h.text(originLabel(o))
			h.raw("</td><td>")
			h.text(sent.Text)
			h.raw("</td></tr>\n")
		}
		h.raw("</table>\n")
	}
	h.raw("</body>\n</html>\n")
}

// writeHistoryJSON streams the JSONHistory document of h, byte for byte as
// json.MarshalIndent(newJSONHistory(h), "", "  ") plus a newline.
func writeHistoryJSON(bw *bufio.Writer, h *diff.History) {
	j := newJSONWriter(bw)
	j.open('{')
	j.key("versions")
	j.array(len(h.Versions), func(i int) { j.str(textsafe.Clean(h.Versions[i].Name)) })
	j.key("paragraphs")
	last := h.Versions[len(h.Versions)-1]
	j.array(len(last.Paragraphs), func(p int) {
		sents := last.Paragraphs[p].Sentences
		j.array(len(sents), func(s int) {
			o := h.Origins[p][s]
			j.open('{')
			j.key("text")
			j.str(sents[s].Text)
			j.key("introduced")
			j.int(o.Introduced)
			j.key("last_changed")
			j.int(o.LastChanged)
			j.close('}')
		})
	})
	j.close('}')
	j.out = append(j.out, '\n')
	j.flush() // an error stays in bw, whose Flush reports it
}
