package export

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/diff"
)

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in   string
		want Format
		err  bool
	}{
		{"text", FormatText, false},
		{" TXT ", FormatText, false},
		{"side-by-side", FormatSideBySide, false},
		{"sbs", FormatSideBySide, false},
		{"md", FormatMarkdown, false},
		{"HTML", FormatHTML, false},
		{"json", FormatJSON, false},
		{"ansi", FormatANSI, false},
		{"color", FormatANSI, false},
		{"checklist", FormatChecklist, false},
		{" Check ", FormatChecklist, false},
		{"", "", true},
		{"pdf", "", true},
	}
	for _, tt := range tests {
		got, err := ParseFormat(tt.in)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.err)
		}
	}
	if _, err := ParseFormat("pdf"); err == nil || !strings.Contains(err.Error(), "text, side-by-side, markdown, html, json, ansi") {
		t.Errorf("error does not list the formats: %v", err)
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteErrors(t *testing.T) {
	r := shapes[1].r(t)
	// An unindexed result (not from diff.Assemble) must give an error, not
	// a panic.
	d := doc("a", []string{"One."})
	raw := &diff.Result{Old: d, New: d, Blocks: []diff.Block{{Kind: diff.Changed, Old: []int{0}, New: []int{0}, Origin: -1,
		Pairs: []diff.Pair{eq(ref(0, 0), ref(0, 0), "One.")}}}}
	for _, f := range Formats {
		if err := Write(&bytes.Buffer{}, diff.View{}, f, Options{}); err == nil {
			t.Errorf("%s: nil result: no error", f)
		}
		if err := Write(&bytes.Buffer{}, (&diff.Result{}).View(0), f, Options{}); err == nil {
			t.Errorf("%s: empty result: no error", f)
		}
		if err := Write(failWriter{}, r.View(0), f, Options{}); err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%s: failing writer: %v", f, err)
		}
		if f != FormatJSON && f != FormatSideBySide {
			if err := Write(&bytes.Buffer{}, raw.View(0), f, Options{}); err == nil {
				t.Errorf("%s: unindexed result: no error", f)
			}
		}
	}
	if err := Write(&bytes.Buffer{}, r.View(0), Format("pdf"), Options{}); err == nil {
		t.Error("unknown format: no error")
	}
}

// longResult has ten paragraphs of which only the sixth changed.
func longResult(t *testing.T) *diff.Result {
	var op, np [][]string
	var blocks []diff.Block
	for i := range 10 {
		s := "Sentence " + string(rune('A'+i)) + "."
		op = append(op, []string{s})
		if i == 5 {
			np = append(np, []string{"Changed F."})
			blocks = append(blocks, diff.Block{Kind: diff.Changed, Old: []int{i}, New: []int{i}, Origin: -1,
				Pairs: []diff.Pair{chg(ref(i, 0), ref(i, 0), wd("Sentence"), wi("Changed"), we(" F."))}})
			continue
		}
		np = append(np, []string{s})
		blocks = append(blocks, diff.Block{Kind: diff.Equal, Old: []int{i}, New: []int{i}, Origin: -1,
			Pairs: []diff.Pair{eq(ref(i, 0), ref(i, 0), s)}})
	}
	return assemble(t, doc("a", op...), doc("b", np...), blocks...)
}

func TestContext(t *testing.T) {
	r := longResult(t)
	tests := []struct {
		ctx  int
		want string
	}{
		{0, "… 5 unchanged paragraphs …\n\n¶6 → ¶6 · changed\n    [-Sentence-]{+Changed+} F.\n\n… 4 unchanged paragraphs …\n"},
		{1, "… 4 unchanged paragraphs …\n\n¶5 → ¶5 · unchanged\n    Sentence E.\n\n¶6 → ¶6 · changed\n    [-Sentence-]{+Changed+} F.\n\n" +
			"¶7 → ¶7 · unchanged\n    Sentence G.\n\n… 3 unchanged paragraphs …\n"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := writeText(&buf, r.View(0), Options{Context: tt.ctx}); err != nil {
			t.Fatal(err)
		}
		if got := body(buf.String()); got != tt.want {
			t.Errorf("context %d:\n%s\nwant:\n%s", tt.ctx, got, tt.want)
		}
	}
	var buf bytes.Buffer
	if err := writeText(&buf, r.View(0), Options{Context: -1}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "unchanged paragraphs") || strings.Count(buf.String(), "\n    ") != 10 {
		t.Errorf("context all hides paragraphs:\n%s", buf.String())
	}
	// HTML folds hidden runs but keeps them.
	buf.Reset()
	if err := writeHTML(&buf, r.View(0), Options{}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), "<details"); n != 2 {
		t.Errorf("html: %d <details>, want 2", n)
	}
	for i := range 10 {
		if s := "Sentence " + string(rune('A'+i)) + "."; i != 5 && !strings.Contains(buf.String(), s) {
			t.Errorf("html lacks %q", s)
		}
	}
}

func TestWrapOff(t *testing.T) {
	r := shapes[len(shapes)-1].r(t) // long removal
	var buf bytes.Buffer
	if err := writeText(&buf, r.View(0), Options{Context: -1, Wrap: -1}); err != nil {
		t.Fatal(err)
	}
	want := "    [-This sentence is long enough that it has to wrap across two lines of the text export at eighty columns.-] {+Short.+}\n"
	if !strings.HasSuffix(buf.String(), want) {
		t.Errorf("got:\n%s\nwant suffix:\n%s", buf.String(), want)
	}
}

func TestWrapWide(t *testing.T) {
	// Wide characters count two columns: 30 CJK characters per word fill
	// 60 columns, so two such words never share a line at 80.
	w := strings.Repeat("漢", 30)
	r := assemble(t, doc("a", []string{w + " " + w + "."}), doc("b", []string{w + " " + w + "."}),
		diff.Block{Kind: diff.Equal, Old: []int{0}, New: []int{0}, Origin: -1, Pairs: []diff.Pair{eq(ref(0, 0), ref(0, 0), w+" "+w+".")}})
	var buf bytes.Buffer
	if err := writeText(&buf, r.View(0), Options{Context: -1}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "    "+w+"\n    "+w+".\n") {
		t.Errorf("wide text not wrapped by display width:\n%s", buf.String())
	}
}
