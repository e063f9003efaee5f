package input

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/internal/scaling"
)

// TestSameStory loads the same fictional story in all five formats: the
// story paragraphs (labelled metadata ignored) must be identical.
func TestSameStory(t *testing.T) {
	want := []string{
		"The town council of Port Halden voted 7 to 2 on Tuesday to rebuild the old harbour wall, ending a dispute that has divided the fishing community for more than a decade.",
		`"We have waited long enough," said Mayor Inés Varga, who promised that work would begin before the winter storms.`,
		"The project, estimated at 14 million euros, will be paid for by a regional grant and a new levy on cruise ships.",
		"Referendum call",
		"Opponents, led by councillor Tomás Brekke, argued that the money would be better spent on housing. They said they would ask for a referendum.",
		"Construction is expected to take two years.",
	}
	tests := []struct {
		file   string
		format Format
		meta   []para
	}{
		{"harbour.txt", Text, []para{{"date", "2026-03-03"}}},
		{"harbour.md", Markdown, []para{
			{"headline", "Port Halden votes to rebuild harbour wall"},
			{"byline", "Lena Ostrova"},
			{"date", "2026-03-03"},
		}},
		{"harbour.html", HTML, []para{
			{"headline", "Port Halden votes to rebuild harbour wall"},
			{"byline", "By Lena Ostrova"},
			{"date", "March 3, 2026"},
			{"caption", "The old harbour wall at low tide."},
		}},
		{"harbour.nitf.xml", NITF, []para{
			{"version", "PHG-2026-0303-harbour, harbour-wall, version 2"},
			{"date", "20260303T091500Z"},
			{"headline", "Port Halden votes to rebuild harbour wall"},
			{"subheadline", "Council ends decade-long dispute"},
			{"byline", "By Lena Ostrova Staff Writer"},
			{"dateline", "PORT HALDEN, March 3"},
			{"caption", "The old harbour wall at low tide."},
			{"tagline", "Reporting by Lena Ostrova; editing by Ana Pires"},
		}},
		{"harbour.newsml.xml", NewsML, []para{
			{"version", "urn:newsml:example.org:20260303:harbour-wall, version 2"},
			{"date", "2026-03-03T09:15:00Z"},
			{"located", "Port Halden"},
			{"credit", "Port Halden Gazette"},
			{"slugline", "HARBOUR-WALL"},
			{"headline", "Port Halden votes to rebuild harbour wall"},
			{"byline", "Lena Ostrova"},
			{"dateline", "PORT HALDEN, March 3"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			d, err := ReadFile(filepath.Join("testdata", tt.file), Auto)
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, d)
			if d.Format != tt.format {
				t.Errorf("detected %q, want %q", d.Format, tt.format)
			}
			if got := storyOf(d); !reflect.DeepEqual(got, want) {
				t.Errorf("story paragraphs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			var meta []para
			for _, p := range paras(d) {
				if p.label != "" {
					meta = append(meta, p)
				}
			}
			if !reflect.DeepEqual(meta, tt.meta) {
				t.Errorf("metadata %q\nwant     %q", meta, tt.meta)
			}
			if len(d.Warnings) != 0 {
				t.Errorf("warnings %q", d.Warnings)
			}
		})
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name, src string
		want      Format
	}{
		{"a.txt", "Plain story.", Text},
		{"a", "<!DOCTYPE html><p>x</p>", HTML},
		{"a.txt", "<html><body><p>x</p></body></html>", HTML},
		{"a", "<?xml version=\"1.0\"?>\n<!-- c -->\n<nitf><body/></nitf>", NITF},
		{"a", "<?xml version=\"1.0\"?><newsItem xmlns=\"x\"/>", NewsML},
		{"a", "<newsMessage/>", NewsML},
		{"a", "<g2:newsItem xmlns:g2=\"x\"/>", NewsML},
		{"a", "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>", HTML},
		{"a", "\uFEFF  <div>x</div>", HTML},
		{"a", "# Title\n\nText", Markdown},
		{"a", "---\ntitle: x\n---\nText", Markdown},
		{"a.md", "Just text", Markdown},
		{"a.MARKDOWN", "Just text", Markdown},
		{"a.html", "Just text", HTML},
		{"a.nitf", "Just text", NITF},
		{"a.xml", "Just text", Text},
		{"a", "#1 story of the day", Text},
		{"a", "< not a tag", Text},
		{"a", "<EOM> wire marker\nText", Text},
		{"a", "<<< BULLETIN >>>\nText", Text},
		{"a", "<section class=x>y", HTML},
		{"a", "<custom-el>x</custom-el><p>y</p>", HTML},
		{"a", "---\nJust a rule, no front matter\n\nText", Text},
		{"a", "---\n---\nText", Markdown},
	}
	for _, tt := range tests {
		if got := Detect(tt.name, tt.src); got != tt.want {
			t.Errorf("Detect(%q, %q) = %q, want %q", tt.name, tt.src, got, tt.want)
		}
	}
}

func TestHTML(t *testing.T) {
	tests := []struct {
		name, src string
		want      []para
	}{
		{"entities and inline markup",
			`<article><p>Caf&eacute; &amp; <b>bar</b>&#8217;s <i>x</i>y</p></article>`,
			story("Café & bar’s xy")},
		{"meta tags give headline, byline and date; nav, share and footer dropped",
			`<html><head><title>Wall vote | Gazette</title><meta property="og:title" content="Wall vote"><meta name="author" content="Jane Roe"><meta property="article:published_time" content="2026-03-03T09:15:00Z"></head><body><nav><a href=/>Home</a> <a href=/n>News</a></nav><article><p>` + longPara + `</p><p>Second paragraph.</p><div class="share">Share this</div></article><footer>(c) Gazette</footer></body></html>`,
			[]para{{"headline", "Wall vote"}, {"byline", "Jane Roe"}, {"date", "2026-03-03T09:15:00Z"}, {"", longPara}, {"", "Second paragraph."}}},
		{"JSON-LD gives headline, byline and date",
			`<html><head><title>JSON</title><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"LD headline","author":{"@type":"Person","name":"Ann Lee"},"datePublished":"2026-03-04"}</script></head><body><div id="content"><p>` + longPara + `</p></div></body></html>`,
			[]para{{"headline", "LD headline"}, {"byline", "Ann Lee"}, {"date", "2026-03-04"}, {"", longPara}}},
		{"title without site name when there is no h1",
			`<html><head><title>The Title</title></head><body><article><p>Text.</p></article></body></html>`,
			[]para{{"headline", "The Title"}, {"", "Text."}}},
		{"byline outside article",
			`<span itemprop="author">Jane Roe</span><article><p>Text.</p></article>`,
			[]para{{"byline", "Jane Roe"}, {"", "Text."}}},
		{"blocks, lists, quotes, subheads",
			`<article><h2>Sub</h2><ul><li>One</li><li>Two</li></ul><blockquote><p>Quoted.</p></blockquote><blockquote>Bare quote.</blockquote><h3>Three</h3><pre>code  here</pre></article>`,
			story("Sub", "One", "Two", "Quoted.", "Bare quote.", "Three", "code here")},
		{"div text and br", `<article><div>Line one<br>same para<br><br>New para<br/><br/><br/>Third</div></article>`,
			story("Line one same para", "New para", "Third")},
		{"junk dropped inside article",
			`<article><p>Keep. ` + longPara + `</p><script>x()</script><style>p{}</style><nav>Nav</nav><div class="social-links">Tweet</div><div id="newsletter">Sign</div><p hidden>Hidden</p><p aria-hidden="true">Aria</p><p style="display: none">None</p><form>F</form><aside>A</aside><div class="related-stories">R</div><div class="promo">P</div><p>Also keep.</p></article>`,
			story("Keep. "+longPara, "Also keep.")},
		{"class words are whole words", `<article><div class="header shadow loaded"><p>Kept: header/shadow/loaded hold "ad" only as a substring.</p></div></article>`,
			story(`Kept: header/shadow/loaded hold "ad" only as a substring.`)},
		{"time inside paragraph stays inline", `<article><p>On <time>Monday</time> it rained.</p></article>`,
			story("On Monday it rained.")},
		{"byline paragraph with author link", `<article><p class="meta">By <a rel="author">Jane Roe</a> and <a rel="author">Joe Bloggs</a></p><p>Text.</p></article>`,
			[]para{{"byline", "By Jane Roe and Joe Bloggs"}, {"", "Text."}}},
		{"controls made visible", "<article><p>a&#27;b\x1bc&#x202E;d</p></article>",
			story("a\u241bb\u241bc\uFFFDd")},
		{"figcaption", `<article><figure><img src=x><figcaption>Cap <em>tion</em></figcaption></figure><p>T.</p></article>`,
			[]para{{"caption", "Cap tion"}, {"", "T."}}},
		{"article header standfirst", `<article><header><h1>H</h1><p class="dek">Standfirst.</p><div class="byline">By X</div></header><p>Body.</p></article>`,
			[]para{{"headline", "H"}, {"summary", "Standfirst."}, {"byline", "By X"}, {"", "Body."}}},
		{"fragment without body", `<p>Just a paragraph.</p>`, story("Just a paragraph.")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := read(t, "p.html", tt.src, HTML)
			if got := paras(d); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// longPara is a paragraph long enough for the article extractor to score.
const longPara = "The council met on Tuesday evening and voted on the harbour plan after a long debate that lasted most of the night."

// TestHTMLFallback checks that a page with text is never refused: when the
// extractor finds no article, the page's visible text (hidden elements
// aside) is shown with one warning.
func TestHTMLFallback(t *testing.T) {
	tests := []struct {
		name, src string
		want      []para
		warn      []string
	}{
		{"headline only", "<html><body><h1>Only a headline</h1></body></html>",
			[]para{{"headline", "Only a headline"}},
			[]string{"p.html: no article found; showing all the page's visible text"}},
		{"title only", `<html><head><title>Gone</title></head><body><script>x()</script></body></html>`,
			[]para{{"title", "Gone"}},
			[]string{"p.html: no article found; showing all the page's visible text"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := read(t, "p.html", tt.src, HTML)
			if got := paras(d); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			if !reflect.DeepEqual(d.Warnings, tt.warn) {
				t.Errorf("warnings %q\nwant     %q", d.Warnings, tt.warn)
			}
		})
	}
}

// TestHTMLTooManyElements checks that a page over maxExtractElements shows
// its visible text, with a warning, without running the extractor.
func TestHTMLTooManyElements(t *testing.T) {
	src := "<article><h1>Big</h1>" + strings.Repeat("<p>x</p>", maxExtractElements) + "</article>"
	d := read(t, "big.html", src, HTML)
	want := fmt.Sprintf("big.html: page has more than %d elements: article extraction skipped, showing all its visible text", maxExtractElements)
	if len(d.Warnings) != 1 || d.Warnings[0] != want {
		t.Errorf("warnings %q, want %q", d.Warnings, want)
	}
	if len(d.Paragraphs) != maxExtractElements+1 || d.Labels[0] != "headline" {
		t.Errorf("%d paragraphs (first labelled %q), want %d", len(d.Paragraphs), d.Labels[0], maxExtractElements+1)
	}
}

func TestXML(t *testing.T) {
	tests := []struct {
		name, src string
		want      []para
	}{
		{"minimal NITF", `<nitf><body><body.content><p>One.</p><p>Two <em>x</em>.</p></body.content></body></nitf>`,
			story("One.", "Two x.")},
		{"NITF lists, quotes, abstract",
			`<nitf><body><body.head><abstract><p>Summary.</p></abstract></body.head><body.content><ul><li>Item</li></ul><bq><block><p>Quoted.</p></block><credit>Someone</credit></bq></body.content></body></nitf>`,
			[]para{{"abstract", "Summary."}, {"", "Item"}, {"", "Quoted."}, {"", "Someone"}}},
		{"HTML entities known, CRLF in text", "<nitf><body><body.content><p>caf&eacute;\r\nbar &amp; &#x263A;</p></body.content></body></nitf>",
			story("café bar & ☺")},
		{"NewsML with NITF inside, headline kept once",
			`<newsItem version="5"><contentMeta><headline>H</headline></contentMeta><contentSet><inlineXML><nitf><body><body.head><hedline><hl1>H</hl1></hedline></body.head><body.content><p>Body.</p></body.content></body></nitf></inlineXML></contentSet></newsItem>`,
			[]para{{"version", "version 5"}, {"headline", "H"}, {"", "Body."}}},
		{"NewsML subheadline role", `<newsItem><contentMeta><headline role="hlrole:sub">S</headline></contentMeta><contentSet><inlineXML><html><body><p>B.</p></body></html></inlineXML></contentSet></newsItem>`,
			[]para{{"subheadline", "S"}, {"", "B."}}},
		{"newsMessage wrapper", `<newsMessage><itemSet><newsItem guid="g"><contentSet><inlineXML><nitf><body><body.content><p>P.</p></body.content></body></nitf></inlineXML></contentSet></newsItem></itemSet></newsMessage>`,
			[]para{{"version", "g"}, {"", "P."}}},
		{"XHTML div and table cells", `<newsItem><contentSet><inlineXML><html><body><div>Div text.</div><table><tr><td>Cell</td></tr></table></body></html></inlineXML></contentSet></newsItem>`,
			story("Div text.", "Cell")},
		{"declared UTF-16 read from BOM", utf16le(`<?xml version="1.0" encoding="UTF-16"?><nitf><body><body.content><p>Ünï.</p></body.content></body></nitf>`, true),
			story("Ünï.")},
		{"declared latin-1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><nitf><body><body.content><p>caf\xe9</p></body.content></body></nitf>",
			story("café")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := read(t, "x.xml", tt.src, Auto)
			if got := paras(d); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name, src string
		want      []para
	}{
		{"emphasis and code", "Some *em*, **strong**, _u_, __uu__, ~~gone~~ and `co*de*`.",
			story("Some em, strong, u, uu, gone and co*de*.")},
		{"intraword underscore and lone star kept", "snake_case_name and 5 * 3 = 15",
			story("snake_case_name and 5 * 3 = 15")},
		{"links and images", "See [the *site*](http://x.org \"t\") and [ref][r], ![alt text](i.png) <https://a.b/c> [plain] text.\n\n[r]: http://ref.example",
			story("See the site and ref, https://a.b/c [plain] text.")},
		{"html tags and entities", "A <span class=\"x\">tag</span> &amp; <br>entity &copy;", story("A tag & entity ©")},
		{"escapes", `Not \*emphasis\* and \[not a link\](x)`, story("Not *emphasis* and [not a link](x)")},
		{"headings", "# First\n\n## Second\n\n# Third #\n\nSetext\n======\n\nTwo\n---",
			[]para{{"headline", "First"}, {"", "Second"}, {"", "Third"}, {"", "Setext"}, {"", "Two"}}},
		{"lists", "- one\n- two\n  continued\n* three\n1. four\n2) five\n- [x] done",
			story("one", "two continued", "three", "four", "five", "done")},
		{"block quote", "> Quoted line\n> continues.\n>\n> Second.\n\nAfter.", story("Quoted line continues.", "Second.", "After.")},
		{"quote ends paragraph", "Para\n> quote", story("Para", "quote")},
		{"fenced code", "```go\nx :=  1\n```\nText", story("x := 1", "Text")},
		{"thematic break", "One\n\n***\n\nTwo", story("One", "Two")},
		{"front matter", "---\ntitle: 'T'\nsubtitle: S\nauthor: A\nx: y\n---\n# T\n\nBody",
			[]para{{"headline", "T"}, {"subheadline", "S"}, {"byline", "A"}, {"", "Body"}}},
		{"unclosed front matter is a break", "---\nText", story("Text")},
		{"hard breaks", "Line one  \nline two\\\nline three", story("Line one line two line three")},
		{"HTML comments", "Before\n<!-- hidden\nstill hidden -->\n\n<!-- one line --> after\n\nEnd", story("Before", "after", "End")},
		{"table", "| Town | Votes |\n|:-----|------:|\n| Port Halden | 7 |", story("Town | Votes", "Port Halden | 7")},
		// CommonMark spec examples that matter for stories.
		{"nested lists: each item a paragraph, parent first", "- Council\n  - voted 7 to 2\n  - on Tuesday\n- Mayor\n\n  said more\n\n  1. first\n  2. second",
			story("Council", "voted 7 to 2", "on Tuesday", "Mayor", "said more", "first", "second")},
		{"list item with lazy continuation", "- a long item\nlazily continued", story("a long item lazily continued")},
		{"ordered list start and loose items", "3. three\n\n4. four", story("three", "four")},
		{"block quote with list and nested quote", "> Quote\n> - item\n>\n> > nested\n> lazy", story("Quote", "item", "nested lazy")},
		{"indented code block", "Text\n\n    code  line 1\n    line 2\n\nAfter", story("Text", "code line 1 line 2", "After")},
		{"indented line continues a paragraph", "Text\n    not code", story("Text not code")},
		{"tilde fence, unclosed fence runs to the end", "~~~\nfenced\n~~~\n```\nopen", story("fenced", "open")},
		{"ATX heading levels and closing hashes", "## Sub ##\n### Third\n####### seven", story("Sub", "Third", "####### seven")},
		{"setext heading needs a paragraph", "Title\n===\n\n===", []para{{"headline", "Title"}, {"", "==="}}},
		{"hard breaks: two spaces, backslash, <br>", "one  \ntwo\\\nthree<br>four", story("one two three four")},
		{"emphasis inside words", "foo*bar*baz un__der__score snake_case_name 2*3*4", story("foobarbaz un__der__score snake_case_name 234")},
		{"strong, strikethrough and code with markup", "**bold** ~~struck~~ ~single~ `a *b* c`", story("bold struck single a *b* c")},
		{"entities and numeric references", "&copy; &#169; &#xA9; &notanentity;", story("© © © &notanentity;")},
		{"autolink and link reference", "<https://example.org> [text][r]\n\n[r]: /u", story("https://example.org text")},
		{"HTML block keeps its text", "<div class=\"box\">\n<p>Inside <b>html</b></p>\n</div>\n\nAfter", story("Inside html", "After")},
		{"table with inline markup and escaped pipe", "| a | b |\n|---|---|\n| *x* | y \\| z |", story("a | b", "x | y | z")},
		{"task list check boxes dropped", "- [ ] todo\n- [x] done", story("todo", "done")},
		{"deep nesting on one line is text", strings.Repeat("> ", 40) + "x",
			story(strings.TrimSpace(strings.Repeat("> ", 8)) + " x")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := read(t, "m.md", tt.src, Markdown)
			if got := paras(d); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	bomb := `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<nitf><body><body.content><p>&lol9;</p></body.content></body></nitf>
`
	tests := []struct {
		name, src string
		format    Format
		is        error
		msg       string
	}{
		{"truncated XML", "<nitf>\n<body>\n<body.content><p>Text", Auto, nil, "bad: malformed XML at line 3: unexpected EOF"},
		{"mismatched tag", "<nitf>\n<body></nitf>", NITF, nil, "bad: malformed XML at line 2: element <body> closed by </nitf>"},
		{"unknown entity", "<nitf><body><body.content><p>&bogus;</p></body.content></body></nitf>", NITF, nil, "bad: malformed XML at line 1: invalid character entity &bogus;"},
		{"XML bomb", bomb, Auto, ErrEntityDecl, "bad: line 13: XML DOCTYPE declares entities (possible XML bomb), refused"},
		{"unknown XML root", "<?xml version=\"1.0\"?><rss><channel/></rss>", Auto, nil, "bad: unsupported XML: the root element is <rss>, want <nitf>, <newsItem> or <newsMessage>"},
		{"no root", "<?xml version=\"1.0\"?>\n", NITF, nil, "bad: malformed XML: no root element"},
		{"HTML with no text", "<html><head><title></title></head><body><script>x()</script><p hidden>Hidden</p><!-- c --></body></html>", Auto, ErrNoArticle, "bad: no text found in the page"},
		{"HTML nested too deep", "<article>" + strings.Repeat("<div>", 600), HTML, nil, "bad: malformed HTML: open stack of elements exceeds 512 nodes"},
		{"NUL in HTML", "<p>a\x00b</p>", Auto, ErrBinary, "bad: binary file (contains NUL bytes), refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d *Doc
			var err error
			cost := scaling.Measure(func() { d, err = Read("bad", strings.NewReader(tt.src), tt.format) })
			if err == nil {
				t.Fatalf("no error; paragraphs %q", d.Paragraphs)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v is not %v", err, tt.is)
			}
			if err.Error() != tt.msg {
				t.Errorf("message %q\nwant    %q", err.Error(), tt.msg)
			}
			// Refusing never expands anything (an XML bomb would
			// allocate gigabytes): a bounded multiple of the input.
			if limit := uint64(64*len(tt.src)) + 4<<20; cost.Bytes > limit {
				t.Errorf("allocated %d bytes refusing %d bytes of input (limit %d)", cost.Bytes, len(tt.src), limit)
			}
		})
	}
}

func TestFixturesExist(t *testing.T) {
	for _, f := range []string{"harbour.txt", "harbour.md", "harbour.html", "harbour.nitf.xml", "harbour.newsml.xml"} {
		if _, err := os.Stat(filepath.Join("testdata", f)); err != nil {
			t.Error(err)
		}
	}
}

// storyOf returns the story paragraphs of d only (those with an empty label).
func storyOf(d *Doc) []string {
	var out []string
	for i, p := range d.Paragraphs {
		if d.Labels[i] == "" {
			out = append(out, p)
		}
	}
	return out
}
