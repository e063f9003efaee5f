package input

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var allFormats = []Format{Auto, Text, HTML, NITF, NewsML, Markdown}

// FuzzRead reads arbitrary bytes with every format: Read must never panic,
// and whatever it returns must satisfy the Doc invariants.
func FuzzRead(f *testing.F) { fuzzFormats(f, allFormats...) }

// FuzzText, FuzzHTML, FuzzNITF, FuzzNewsML and FuzzMarkdown fuzz one format
// each, so that coverage guidance explores that reader.
func FuzzText(f *testing.F)     { fuzzFormats(f, Text) }
func FuzzHTML(f *testing.F)     { fuzzFormats(f, HTML) }
func FuzzNITF(f *testing.F)     { fuzzFormats(f, NITF) }
func FuzzNewsML(f *testing.F)   { fuzzFormats(f, NewsML) }
func FuzzMarkdown(f *testing.F) { fuzzFormats(f, Markdown) }

func fuzzFormats(f *testing.F, formats ...Format) {
	for _, name := range []string{"harbour.txt", "harbour.md", "harbour.html", "harbour.nitf.xml", "harbour.newsml.xml"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"", "\uFEFF", "\xFF\xFE", "\xFE\xFFa", "a\r\nb\rc", "date 2025-01-01", "  a\nb\n  c\nd",
		"<!DOCTYPE x [<!ENTITY a \"b\">]><nitf/>", "<nitf><p>&lt;</p>", "[a](b) ![c](d) *e* `f`",
		"a\x1b[31mb\u202e", "<article><p>x<br><br>y</p></article>", "---\ntitle: t\n---\n# h",
		"x\xffy", strings.Repeat("[", 50) + "]", "> > > q\n```\ncode", "<!-- a\nb -->\n| a | b |\n|---|---|",
		"T\x00h\x00e\x00 \x00w\x00a\x00l\x00l\x00", "\x00T\x00h\x00e\x00 \x00w",
		"\xcf\xee\xf0\xf2 \xd5\xe0\xeb\xe4\xe5\xed \xe3\xee\xeb\xee\xf1\xf3\xe5\xf2",
		"<html><head><meta charset=\"shift_jis\"></head><body><p>\x93\x8c\x8b\x9e</p>",
		strings.Repeat("> - ", 40) + "x", "- a\n  - b\n    1. c\n\n    code\n",
		"<html><head><title>t</title><script type=\"application/ld+json\">{\"headline\":\"h\",\"author\":\"a\",\"datePublished\":\"2026-01-01\"}</script></head><body><nav>n</nav></body></html>",
		"<newsItem version=\"1\"><contentMeta><headline>h</headline></contentMeta><contentSet><inlineXML><html><body><p>x</p></body></html></inlineXML></contentSet></newsItem>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, format := range formats {
			d, err := Read("fuzz", bytes.NewReader(data), format)
			if err != nil {
				if strings.Contains(err.Error(), "\n") || !strings.HasPrefix(err.Error(), "fuzz: ") {
					t.Fatalf("format %q: bad error message %q", format, err.Error())
				}
				continue
			}
			checkInvariants(t, d)
		}
	})
}

// wireText returns about n bytes of hard-wrapped plain text.
func wireText(n int) []byte {
	var b bytes.Buffer
	para := "The town council of Port Halden voted 7 to 2 on\nTuesday to rebuild the old harbour wall, ending a dispute that has\ndivided the fishing community for more than a decade — “at last”.\n\n"
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "%d %s", i, para)
	}
	return b.Bytes()
}

func htmlPage(n int) []byte {
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html><html><body><nav><a href=/>Home</a></nav><article><h1>Head</h1>")
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "<p>%d The town council of <b>Port Halden</b> voted 7 to 2 on Tuesday to rebuild the old harbour wall &amp; more.</p>\n", i)
	}
	b.WriteString("</article></body></html>")
	return b.Bytes()
}

func nitfDoc(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0"?><nitf><body><body.content>`)
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "<p>%d The town council of <location>Port Halden</location> voted 7 to 2 on Tuesday to rebuild the old harbour wall &amp; more.</p>\n", i)
	}
	b.WriteString("</body.content></body></nitf>")
	return b.Bytes()
}

func markdownDoc(n int) []byte {
	var b bytes.Buffer
	b.WriteString("# Head\n\n")
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "%d The town council of *Port Halden* voted 7 to 2 on\nTuesday to rebuild the [old harbour](http://x) wall.\n\n- item `code`\n\n", i)
	}
	return b.Bytes()
}

// BenchmarkRead reads 1 MB and 10 MB inputs of each format; equal MB/s at
// both sizes shows loading is linear.
func BenchmarkRead(b *testing.B) {
	gens := []struct {
		format Format
		gen    func(int) []byte
	}{{Text, wireText}, {HTML, htmlPage}, {NITF, nitfDoc}, {Markdown, markdownDoc}}
	for _, g := range gens {
		for _, size := range []int{1 << 20, 10 << 20} {
			data := g.gen(size)
			b.Run(fmt.Sprintf("%s/%dMB", g.format, size>>20), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				for b.Loop() {
					d, err := Read("bench", bytes.NewReader(data), g.format)
					if err != nil || len(d.Paragraphs) == 0 {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
