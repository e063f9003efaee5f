package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/diff"
)

// threeVersions is a story through three write-thrus: v2 changes the
// first sentence and adds one to the second paragraph, v3 changes the
// second sentence and adds a paragraph.
func threeVersions(t *testing.T) *diff.History {
	t.Helper()
	v := func(name string, paras ...string) *diff.Document { return diff.NewDocument(name, paras, nil) }
	h := diff.NewHistory([]*diff.Document{
		v("v1.txt", "The council met on Monday. It approved the budget after a long debate.", "The mayor was absent."),
		v("v2.txt", "The council met on Monday night. It approved the budget after a long debate.", "The mayor was absent. She was ill."),
		v("v3.txt", "The council met on Monday night. It approved the $4 million budget after a long debate.",
			"The mayor was absent. She was ill.", "A vote on <taxes> & *fees* is due next week."),
	}, nil)
	return h
}

// historyWant are the sentences of the latest version of threeVersions
// with their expected origins (0-based versions).
var historyWant = [][]JSONHistorySentence{
	{{"The council met on Monday night.", 0, 1}, {"It approved the $4 million budget after a long debate.", 0, 2}},
	{{"The mayor was absent.", 0, 0}, {"She was ill.", 1, 1}},
	{{"A vote on <taxes> & *fees* is due next week.", 2, 2}},
}

func writeHistoryString(t *testing.T, h *diff.History, f Format, opt Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteHistory(&buf, h, f, opt); err != nil {
		t.Fatalf("WriteHistory %s: %v", f, err)
	}
	return buf.String()
}

func TestWriteHistory(t *testing.T) {
	h := threeVersions(t)
	jh, err := newJSONHistory(h)
	if err != nil {
		t.Fatal(err)
	}
	if len(jh.Paragraphs) != len(historyWant) {
		t.Fatalf("%d paragraphs, want %d", len(jh.Paragraphs), len(historyWant))
	}
	for p := range historyWant {
		if len(jh.Paragraphs[p]) != len(historyWant[p]) {
			t.Fatalf("¶%d: %+v, want %+v", p+1, jh.Paragraphs[p], historyWant[p])
		}
		for s, want := range historyWant[p] {
			if got := jh.Paragraphs[p][s]; got != want {
				t.Errorf("¶%d sentence %d: %+v, want %+v", p+1, s+1, got, want)
			}
		}
	}
	tests := []struct {
		f    Format
		opt  Options
		want []string
	}{
		{FormatText, Options{}, []string{
			"storydiff history: 3 versions\nv1: v1.txt — 2 paragraphs, 17 words\n",
			"v1 → v2: sentences 1 changed, 1 added, 0 removed\nv2 → v3: sentences 1 changed, 1 added, 0 removed\n",
			"\n¶1\n  v1 · changed v2  The council met on Monday night.\n" +
				"  v1 · changed v3  It approved the $4 million budget after a long debate.\n",
			"\n¶2\n  v1               The mayor was absent.\n  v2               She was ill.\n",
			"\n¶3\n  v3               A vote on <taxes> & *fees* is due next week.\n"}},
		{FormatText, Options{Wrap: 40}, []string{
			"  v1 · changed v3  It approved the $4\n                   million budget after\n                   a long debate.\n"}},
		{FormatANSI, Options{Color: true}, []string{
			"  \x1b[33mv1 · changed v3\x1b[0m  It approved", "  \x1b[32mv3\x1b[0m               A vote", "  \x1b[2mv1\x1b[0m  "}},
		{FormatMarkdown, Options{}, []string{
			"# storydiff history: 3 versions\n", "- **v3:** v3.txt — 3 paragraphs,",
			"\n## ¶1\n\n- **v1 · changed v2** — The council met on Monday night.\n" +
				"- **v1 · changed v3** — It approved the \\$4 million budget after a long debate.\n",
			"- **v3** — A vote on \\<taxes\\> & \\*fees\\* is due next week.\n"}},
		{FormatHTML, Options{}, []string{
			"<h1>storydiff history: 3 versions</h1>", "<tr><th>v2 → v3</th><td>sentences 1 changed, 1 added, 0 removed</td></tr>",
			"<tr class=\"latest\"><td class=\"ver\">v1 · changed v3</td><td>It approved the $4 million budget after a long debate.</td></tr>",
			"<tr><td class=\"ver\">v2</td><td>She was ill.</td></tr>",
			"<td>A vote on &lt;taxes&gt; &amp; *fees* is due next week.</td>"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.f), func(t *testing.T) {
			out := writeHistoryString(t, h, tt.f, tt.opt)
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if tt.f == FormatHTML && strings.Contains(out, "<taxes>") {
				t.Error("html history does not escape story text")
			}
		})
	}
	// ansi without colour is text.
	if a, b := writeHistoryString(t, h, FormatANSI, Options{}), writeHistoryString(t, h, FormatText, Options{}); a != b {
		t.Errorf("plain ansi history differs from text")
	}
}

func TestWriteHistoryJSON(t *testing.T) {
	h := threeVersions(t)
	out := writeHistoryString(t, h, FormatJSON, Options{})
	var got JSONHistory
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got.Versions, ",") != "v1.txt,v2.txt,v3.txt" {
		t.Errorf("versions %v", got.Versions)
	}
	for p := range historyWant {
		for s, want := range historyWant[p] {
			if got.Paragraphs[p][s] != want {
				t.Errorf("¶%d sentence %d: %+v, want %+v", p+1, s+1, got.Paragraphs[p][s], want)
			}
		}
	}
	// The stream is json.MarshalIndent's output byte for byte, here and
	// for a one-version and an empty latest version.
	one := diff.NewHistory([]*diff.Document{diff.NewDocument("only <1>", []string{"Alone."}, nil)}, nil)
	empty := diff.NewHistory([]*diff.Document{diff.NewDocument("a", []string{"Gone."}, nil), diff.NewDocument("b", nil, nil)}, nil)
	for _, h := range []*diff.History{h, one, empty} {
		jh, err := newJSONHistory(h)
		if err != nil {
			t.Fatal(err)
		}
		want, err := json.MarshalIndent(jh, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if got := writeHistoryString(t, h, FormatJSON, Options{}); got != string(want)+"\n" {
			t.Errorf("streamed history JSON differs:\n%s", firstDiff(string(want)+"\n", got))
		}
	}
}

func TestWriteHistoryErrors(t *testing.T) {
	h := threeVersions(t)
	var buf bytes.Buffer
	if err := WriteHistory(&buf, h, FormatSideBySide, Options{}); !errors.Is(err, ErrHistoryFormat) {
		t.Errorf("side-by-side: %v, want ErrHistoryFormat", err)
	} else if !strings.Contains(err.Error(), "side-by-side") {
		t.Errorf("side-by-side error does not say why: %v", err)
	}
	if err := WriteHistory(&buf, h, Format("pdf"), Options{}); err == nil {
		t.Error("unknown format accepted")
	}
	bad := *h
	bad.Origins = bad.Origins[:1]
	badRange := *h
	badRange.Origins = [][]diff.Origin{{{Introduced: 0, LastChanged: 7}, {}}, {{}, {}}, {{}}}
	for name, hh := range map[string]*diff.History{"nil": nil, "no versions": {}, "short origins": &bad, "origin out of range": &badRange} {
		for _, f := range []Format{FormatText, FormatMarkdown, FormatHTML, FormatJSON} {
			if err := WriteHistory(&buf, hh, f, Options{}); !errors.Is(err, ErrNoHistory) {
				t.Errorf("%s %s: %v, want ErrNoHistory", name, f, err)
			}
		}
	}
	if err := WriteHistory(failWriter{}, h, FormatText, Options{}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("write error not reported: %v", err)
	}
}
