package export

import (
	"bytes"
	"html"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/storydiff/storydiff/diff"
)

// nasty is story text that must never become markup.
const nasty = `<script>alert("x")</script> Tom & Jerry's "show" <b>bold</b> &amp; <!-- c --> ]]> <img src=x onerror=alert(1)>`

func nastyResult(t *testing.T) *diff.Result {
	old := doc(`<old "name">&.txt`, []string{nasty, "Kept <i>."}, []string{"Gone <em>."})
	new := doc(`<new 'name'>.txt`, []string{"Kept <i>.", "Added </td></tr></table><script>x</script>."})
	return assemble(t, old, new,
		diff.Block{Kind: diff.Changed, Old: []int{0}, New: []int{0}, Origin: -1, Boilerplate: "<label>", Pairs: []diff.Pair{
			rem(ref(0, 0), nasty),
			chg(ref(0, 1), ref(0, 0), we("Kept <i>.")),
			add(ref(0, 1), "Added </td></tr></table><script>x</script>."),
		}},
		diff.Block{Kind: diff.Removed, Old: []int{1}, Origin: -1, Pairs: []diff.Pair{rem(ref(1, 0), "Gone <em>.")}})
}

func TestHTMLEscapes(t *testing.T) {
	r := nastyResult(t)
	r.Findings = []diff.Finding{{Kind: "<k>", Text: `<script>"f"</script>`}}
	var buf bytes.Buffer
	if err := writeHTML(&buf, r.View(0), Options{}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, bad := range []string{"<script", "<img", "<b>", "<i>", "<em>", "<!-- c", "</td></tr></table><script", `"show"`, "<label>", "<old", "<new", "<k>"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains unescaped %q", bad)
		}
	}
	for _, want := range []string{html.EscapeString(nasty), "Tom &amp; Jerry&#39;s &#34;show&#34;", "&lt;old &#34;name&#34;&gt;&amp;.txt", "&lt;label&gt;"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks escaped %q", want)
		}
	}
	// The page parses to exactly the expected elements: nothing from the
	// input became a tag.
	doc, err := xhtml.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{"html": true, "head": true, "meta": true, "title": true, "style": true, "body": true,
		"h1": true, "table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true, "p": true,
		"del": true, "ins": true, "span": true, "a": true, "details": true, "summary": true, "ul": true, "li": true, "strong": true,
		"section": true, "h2": true}
	var walk func(n *xhtml.Node)
	text := ""
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && !allowed[n.Data] {
			t.Errorf("unexpected element <%s>", n.Data)
		}
		if n.Type == xhtml.CommentNode {
			t.Errorf("unexpected comment %q", n.Data)
		}
		if n.Type == xhtml.TextNode {
			text += n.Data
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if !strings.Contains(text, nasty) {
		t.Errorf("the page's text does not hold the input verbatim")
	}
	for _, needle := range []string{"http://", "https://", "<script", "<link", "@import", "url("} {
		if strings.Contains(page, needle) {
			t.Errorf("page refers to %q: not self-contained", needle)
		}
	}
	if !strings.Contains(page, "prefers-color-scheme:dark") {
		t.Error("no dark style")
	}
}

func TestHTMLEscaperMatchesStdlib(t *testing.T) {
	for _, s := range []string{nasty, "", "plain", "'\"&<>", "ü & ö"} {
		if got := htmlEscaper.Replace(s); got != html.EscapeString(s) {
			t.Errorf("escape %q = %q, want %q", s, got, html.EscapeString(s))
		}
	}
}

func TestMarkdownEscapes(t *testing.T) {
	r := assemble(t,
		doc("a_b*.md", []string{"# Not a heading *or* _emphasis_ [link](http://x) <b>x</b> `code` | pipe ~strike~ &amp; \\ back."}),
		doc("[n].md", []string{"1. Not a list.", "- Nor this + that."}),
		diff.Block{Kind: diff.Changed, Old: []int{0}, New: []int{0}, Origin: -1, Pairs: []diff.Pair{
			rem(ref(0, 0), "# Not a heading *or* _emphasis_ [link](http://x) <b>x</b> `code` | pipe ~strike~ &amp; \\ back."),
			add(ref(0, 0), "1. Not a list."), add(ref(0, 1), "- Nor this + that."),
		}})
	var buf bytes.Buffer
	if err := writeMarkdown(&buf, r.View(0), Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		`~~\# Not a heading \*or\* \_emphasis\_ \[link\](http://x) \<b\>x\</b\> \` + "`code\\`" + ` \| pipe \~strike\~ \&amp; \\ back.~~`,
		`**1. Not a list. - Nor this + that.**`,
		`# storydiff: a\_b\*.md → \[n\].md`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("want %q in\n%s", want, out)
		}
	}
	// A paragraph starting with a list marker is escaped.
	r2 := assemble(t, doc("a", []string{"1. One."}), doc("b", []string{"- Two."}),
		diff.Block{Kind: diff.Removed, Old: []int{0}, Origin: -1, Pairs: []diff.Pair{rem(ref(0, 0), "1. One.")}},
		diff.Block{Kind: diff.Added, New: []int{0}, Origin: -1, Pairs: []diff.Pair{add(ref(0, 0), "- Two.")}})
	buf.Reset()
	if err := writeMarkdown(&buf, r2.View(0), Options{Context: -1}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\n~~1\\. One.~~\n", "\n**\\- Two.**\n"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("want %q in\n%s", want, buf.String())
		}
	}
}

func TestHTMLShapes(t *testing.T) {
	tests := []struct {
		shape int
		want  []string
	}{
		{3, []string{`<td class="old empty"><p></p></td><td class="new"><p><ins>Brand new paragraph.</ins></p></td>`}},
		{4, []string{`<td class="old"><p><del>Gone now.</del></p></td><td class="new empty"><p></p></td>`}},
		{5, []string{`<p class="origin"><a href="#b3">↕ old ¶1 moved to new ¶3</a></p>`, `<table class="block equal moved" id="b3">`}},
		{7, []string{`<td class="old"><p>Police came.</p><p>They left.</p></td><td class="new"><p>Police came. They left.</p></td>`}},
		{8, []string{`<del class="ghost">A two.</del><span class="note"> moved to ¶2</span>`,
			`<span class="mv">A two.</span><span class="note"> moved here from ¶1</span>`,
			`<span class="mv">A two.</span><span class="note"> moved from ¶1</span>`}},
		{1, []string{`The mayor said <del class="w">12</del> people died.`, `The mayor said <ins class="w">15</ins> people died.`}},
		{6, []string{`<tr><td class="old"><p>Police came.</p></td><td class="new"><p>Police came.</p></td></tr>` + "\n" +
			`<tr><td class="old"><p>They left.</p></td><td class="new"><p>They left.</p></td></tr>`}},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := writeHTML(&buf, shapes[tt.shape].r(t).View(0), Options{Context: -1}); err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !strings.Contains(buf.String(), w) {
				t.Errorf("%s: want %s", shapes[tt.shape].name, w)
			}
		}
	}
}

// TestPartNotes: the "(from old ¶N)" / "(into new ¶N)" notes of the text
// export appear in HTML (linked to the block of that paragraph) and in
// Markdown, and every What matters entry links to its block.
func TestPartNotes(t *testing.T) {
	r := loadPair(t, filepath.Join(pairsDir, "split"))
	txt := writeString(t, r.View(0), FormatText, Options{Wrap: -1})
	page := writeString(t, r.View(0), FormatHTML, Options{})
	md := writeString(t, r.View(0), FormatMarkdown, Options{})
	n := strings.Count(txt, "(from old ¶") + strings.Count(txt, "(into new ¶")
	if n == 0 {
		t.Fatal("the split fixture has no part note to check")
	}
	if got := strings.Count(page, "(from old ¶") + strings.Count(page, "(into new ¶"); got != n {
		t.Errorf("html has %d part notes, text %d", got, n)
	}
	if got := strings.Count(md, "(from old ¶") + strings.Count(md, "(into new ¶"); got != n {
		t.Errorf("markdown has %d part notes, text %d", got, n)
	}
	if !strings.Contains(page, `<span class="note"> <a href="#b`) {
		t.Errorf("html part note not linked to its block")
	}
	sec := page[strings.Index(page, `<section class="matters">`):strings.Index(page, "</section>")]
	for bi := range r.Matters {
		if m := r.Matters[bi]; !m.IsFinding() && !strings.Contains(sec, `href="#b`+strconv.Itoa(m.Block+1)+`"`) {
			t.Errorf("What matters entry of block %d not linked", m.Block)
		}
	}
}
