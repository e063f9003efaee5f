package input

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/storydiff/storydiff/internal/scaling"
)

// read loads src as name with format, failing the test on error.
func read(t *testing.T, name, src string, f Format) *Doc {
	t.Helper()
	d, err := Read(name, strings.NewReader(src), f)
	if err != nil {
		t.Fatalf("Read(%q): %v", name, err)
	}
	checkInvariants(t, d)
	return d
}

// checkInvariants checks what every Doc must satisfy.
func checkInvariants(t testing.TB, d *Doc) {
	t.Helper()
	if len(d.Labels) != len(d.Paragraphs) {
		t.Fatalf("%d labels for %d paragraphs", len(d.Labels), len(d.Paragraphs))
	}
	for i, p := range d.Paragraphs {
		if p == "" || strings.TrimFunc(p, unicode.IsSpace) != p {
			t.Fatalf("paragraph %d %q is empty or untrimmed", i, p)
		}
		if !utf8.ValidString(p) {
			t.Fatalf("paragraph %d %q is not valid UTF-8", i, p)
		}
		if strings.Contains(p, "  ") {
			t.Fatalf("paragraph %d %q has a run of spaces", i, p)
		}
		for _, r := range p {
			if unicode.IsControl(r) || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
				t.Fatalf("paragraph %d %q holds control %U", i, p, r)
			}
		}
	}
}

type para struct{ label, text string }

func paras(d *Doc) []para {
	out := []para{}
	for i, p := range d.Paragraphs {
		out = append(out, para{d.Labels[i], p})
	}
	return out
}

func story(ps ...string) []para {
	out := []para{}
	for _, p := range ps {
		out = append(out, para{"", p})
	}
	return out
}

func TestTextLayout(t *testing.T) {
	wrapped := "The council met on Tuesday evening to discuss the\n" +
		"harbour plan, which has divided the town for years.\n" +
		"\n" +
		"Mayor Ines Varga said the vote would come next month\n" +
		"after a final round of public hearings.\n"
	tests := []struct {
		name string
		src  string
		want []para
	}{
		{"single line", "Hello world.", story("Hello world.")},
		{"blank-line blocks joined", wrapped, story(
			"The council met on Tuesday evening to discuss the harbour plan, which has divided the town for years.",
			"Mayor Ines Varga said the vote would come next month after a final round of public hearings.")},
		{"several blank lines and white-space-only lines", "One.\n\n \t \n\n\nTwo.\n", story("One.", "Two.")},
		{"no blank lines: one paragraph per line", "Headline here\nFirst paragraph.\nSecond paragraph.\n",
			story("Headline here", "First paragraph.", "Second paragraph.")},
		{"indented wire paragraphs", "SLUG-harbour\n  The council met on Tuesday\nto discuss the plan.\n\tMayor Varga said\nthe vote would come.\n",
			story("SLUG-harbour", "The council met on Tuesday to discuss the plan.", "Mayor Varga said the vote would come.")},
		{"all lines indented: one per line", "  One.\n  Two.\n  Three.\n", story("One.", "Two.", "Three.")},
		{"one indented line only: one per line", "  One.\nTwo.\nThree.\n", story("One.", "Two.", "Three.")},
		{"mixed: long lines inside a block stay apart",
			strings.Repeat("a", 160) + "\n" + strings.Repeat("b", 10) + "\n\nShort one.\n",
			story(strings.Repeat("a", 160), strings.Repeat("b", 10), "Short one.")},
		{"mixed: list items inside a block", "Items:\n- first item\n- second item\n\nEnd.\n",
			story("Items:", "- first item", "- second item", "End.")},
		{"mixed: indented paragraphs inside blocks",
			"  The council met on Tuesday evening to discuss the\nharbour plan.\n  Mayor Ines Varga said the vote would\ncome next month.\n\n  Another block of text that is here.\n",
			story("The council met on Tuesday evening to discuss the harbour plan.", "Mayor Ines Varga said the vote would come next month.", "Another block of text that is here.")},
		{"mixed: short headline line above wrapped text",
			"Harbour vote\nThe council met on Tuesday evening to discuss the\nharbour plan, which has divided the town for years.\n\nMayor Ines Varga said the vote would come next month\nafter a final round of public hearings.\n",
			story("Harbour vote",
				"The council met on Tuesday evening to discuss the harbour plan, which has divided the town for years.",
				"Mayor Ines Varga said the vote would come next month after a final round of public hearings.")},
		{"runs of spaces folded, tabs become spaces", "Two  spaces\tand\t\ttabs   here.  ", story("Two spaces and tabs here.")},
		{"glued date field", " date 2025-08-16 US officials said on Friday.\n\nSecond.", []para{
			{"date", "2025-08-16"}, {"", "US officials said on Friday."}, {"", "Second."}}},
		{"date field alone", "Date: 2025-08-16\nStory.", []para{{"date", "2025-08-16"}, {"", "Story."}}},
		{"date only in first paragraph", "Story.\ndate 2025-08-16 later", story("Story.", "date 2025-08-16 later")},
		{"not a date field", "dated 2025-08-16 text", story("dated 2025-08-16 text")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := read(t, "t.txt", tt.src, Text)
			if got := paras(d); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func utf16le(s string, bom bool) string {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			hi, lo := 0xD800+(r>>10), 0xDC00+(r&0x3FF)
			b = append(b, byte(hi), byte(hi>>8), byte(lo), byte(lo>>8))
			continue
		}
		b = append(b, byte(r), byte(r>>8))
	}
	return string(b)
}

func utf16be(s string) string {
	le := utf16le(s, false)
	b := []byte{0xFE, 0xFF}
	for i := 0; i+1 < len(le); i += 2 {
		b = append(b, le[i+1], le[i])
	}
	return string(b)
}

// TestTextEncodingsEqual checks that copies differing only in encoding, line
// ends and trailing or doubled spaces load to identical paragraphs.
func TestTextEncodingsEqual(t *testing.T) {
	base := "Le café “Zürich” ouvre 🎉\n\nThe council met on Tuesday evening to discuss the\nharbour plan.\n"
	want := read(t, "base.txt", base, Auto).Paragraphs
	if len(want) != 2 {
		t.Fatalf("base gave %q", want)
	}
	variants := map[string]string{
		"BOM":           "\uFEFF" + base,
		"CRLF":          strings.ReplaceAll(base, "\n", "\r\n"),
		"CR":            strings.ReplaceAll(base, "\n", "\r"),
		"trailing":      strings.ReplaceAll(base, "\n", "  \t\n"),
		"double spaces": strings.ReplaceAll(base, " ", "  "),
		"UTF-16LE":      utf16le(base, true),
		"UTF-16BE":      utf16be(base),
		"UTF-16LE CRLF": utf16le(strings.ReplaceAll(base, "\n", "\r\n"), true),
	}
	for name, src := range variants {
		t.Run(name, func(t *testing.T) {
			d := read(t, "v.txt", src, Auto)
			if !reflect.DeepEqual(d.Paragraphs, want) {
				t.Errorf("got %q, want %q", d.Paragraphs, want)
			}
			if len(d.Warnings) != 0 {
				t.Errorf("warnings %q", d.Warnings)
			}
		})
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"  lead and trail \n", "lead and trail"},
		{"esc\x1b[31mred", "esc\u241b[31mred"},
		{"bell\x07 del\x7f", "bell\u2407 del\u2421"},
		{"vt\vff\f", "vt\u240bff\u240c"},
		{"c1\u0080\u009b", "c1\uFFFD\uFFFD"},
		{"nel\u0085line", "nel line"},
		{"ls\u2028ps\u2029", "ls ps"},
		{"rlo\u202Etxt\u202C", "rlo\uFFFDtxt\uFFFD"},
		{"iso\u2066x\u2069", "iso\uFFFDx\uFFFD"},
		{"lrm\u200Fkept", "lrm\u200Fkept"},
		{"zw\u200Bsp\u2060wj\uFEFFbom co\u00ADop", "zwspwjbom coop"},
		{"emoji 👩\u200D💻 zwj kept", "emoji 👩\u200D💻 zwj kept"},
		{"bad \xff\xfe utf8", "bad \uFFFD\uFFFD utf8"},
		{"\u00a0nbsp\u00a0", "nbsp"},
		{"a \u00a0 b\u3000c\u202fd", "a b c d"},
		{"\u200d", ""},
		{" \t\n", ""},
	}
	for _, tt := range tests {
		if got := Clean(tt.in); got != tt.want {
			t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTextWarnings(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
		paras     []string
	}{
		{"empty", "", []string{"w.txt: empty file"}, []string{}},
		{"white space only", " \n\t\r\n ", []string{"w.txt: empty file"}, []string{}},
		{"BOM only", "\uFEFF\n", []string{"w.txt: empty file"}, []string{}},
		{"invalid UTF-8", "abc\xffdef\n\ngh\xc3", []string{"w.txt: 2 invalid UTF-8 bytes shown as U+FFFD (first at byte 3)"},
			[]string{"abc\uFFFDdef", "gh\uFFFD"}},
		{"invalid UTF-8 after BOM", "\uFEFFa\x80", []string{"w.txt: 1 invalid UTF-8 byte shown as U+FFFD (first at byte 4)"},
			[]string{"a\uFFFD"}},
		{"controls", "a\x1bb\x01", []string{"w.txt: 2 control characters shown as visible symbols"}, []string{"a\u241bb\u2401"}},
		{"bidi", "x\u202Ey", []string{"w.txt: 1 bidirectional override character shown as U+FFFD"}, []string{"x\uFFFDy"}},
		{"UTF-16 unpaired surrogate", "\xFF\xFEa\x00\x00\xD8b\x00", []string{"w.txt: 1 invalid code unit in UTF-16 shown as U+FFFD"},
			[]string{"a\uFFFDb"}},
		{"declared latin-1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\ncaf\xe9 \x93q\x94",
			[]string{"w.txt: not UTF-8, decoded as windows-1252 (declared charset iso-8859-1)"},
			[]string{"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", "café “q”"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := read(t, "w.txt", tt.src, Text)
			if !reflect.DeepEqual(d.Warnings, tt.want) {
				t.Errorf("warnings %q, want %q", d.Warnings, tt.want)
			}
			if !reflect.DeepEqual(d.Paragraphs, tt.paras) {
				t.Errorf("paragraphs %q, want %q", d.Paragraphs, tt.paras)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	nul := write("nul.txt", "text\x00more")
	utf16nul := write("nul16.txt", utf16le("a\x00b", true))
	noBOMNul := write("nobomnul.txt", utf16le("Plain text saved as UTF-16.\x00", false))
	missing := filepath.Join(dir, "missing.txt")
	tests := []struct {
		name, path string
		is         error
		msg        string
	}{
		{"missing", missing, os.ErrNotExist, missing + ": no such file or directory"},
		{"directory", dir, ErrIsDir, dir + ": is a directory, not a file"},
		{"NUL bytes", nul, ErrBinary, nul + ": binary file (contains NUL bytes), refused"},
		{"UTF-16 NUL", utf16nul, ErrBinary, utf16nul + ": binary file (contains NUL bytes), refused"},
		{"UTF-16 without BOM, NUL", noBOMNul, ErrBinary, noBOMNul + ": binary file (contains NUL bytes), refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ReadFile(tt.path, Auto)
			if err == nil {
				t.Fatalf("no error, got %q", d.Paragraphs)
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("error %v is not %v", err, tt.is)
			}
			var e *Error
			if !errors.As(err, &e) || e.Path != tt.path {
				t.Errorf("error %#v does not name %s", err, tt.path)
			}
			if err.Error() != tt.msg {
				t.Errorf("message %q, want %q", err.Error(), tt.msg)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("message spans lines: %q", err.Error())
			}
		})
	}
}

func TestTooLarge(t *testing.T) {
	p := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := os.Truncate(p, 200<<20); err != nil {
		t.Skipf("cannot create sparse file: %v", err)
	}
	cost := scaling.Measure(func() { _, err = ReadFile(p, Auto) })
	if !errors.Is(err, ErrTooLarge) || !strings.HasPrefix(err.Error(), p+": ") {
		t.Fatalf("ReadFile: %v, want ErrTooLarge naming the file", err)
	}
	if cost.Bytes > 1<<20 {
		t.Errorf("refusing a sparse 200 MB file allocated %d bytes: it was read", cost.Bytes)
	}
	// A stream over MaxSize is refused after reading MaxSize+1 bytes.
	_, err = Read("-", limitedA(MaxSize+10), Text)
	if !errors.Is(err, ErrTooLarge) || !strings.HasPrefix(err.Error(), "stdin: ") {
		t.Fatalf("Read(stream): %v, want ErrTooLarge naming stdin", err)
	}
}

// zeros is a reader of n 'a' bytes (not NUL, so only the size fails).
type zeros struct{ n int64 }

func (z *zeros) Read(p []byte) (int, error) {
	if z.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > z.n {
		p = p[:z.n]
	}
	for i := range p {
		p[i] = 'a'
	}
	z.n -= int64(len(p))
	return len(p), nil
}

func limitedA(n int64) *zeros { return &zeros{n} }

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in   string
		want Format
		err  bool
	}{
		{"", Auto, false}, {"auto", Auto, false}, {"TEXT", Text, false}, {"txt", Text, false},
		{"html", HTML, false}, {"nitf", NITF, false}, {"NewsML-G2", NewsML, false}, {"md", Markdown, false},
		{"markdown", Markdown, false}, {"pdf", Auto, true},
	}
	for _, tt := range tests {
		got, err := ParseFormat(tt.in)
		if got != tt.want || (err != nil) != tt.err {
			t.Errorf("ParseFormat(%q) = %q, %v", tt.in, got, err)
		}
	}
}

func TestStdinName(t *testing.T) {
	d := read(t, "-", "x", Auto)
	if d.Name != "stdin" || d.Format != Text {
		t.Errorf("Name %q Format %q", d.Name, d.Format)
	}
}

func TestSeeds(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "seeds")
	for _, f := range []string{"anchorage-v1-original.txt", "anchorage-v2-syndicated.txt"} {
		p := filepath.Join(dir, f)
		if _, err := os.Stat(p); err != nil {
			t.Skipf("seed %s absent", p)
		}
		d, err := ReadFile(p, Auto)
		if err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, d)
		if d.Format != Text || len(d.Paragraphs) < 10 || len(d.Warnings) != 0 {
			t.Errorf("%s: format %q, %d paragraphs, warnings %q", f, d.Format, len(d.Paragraphs), d.Warnings)
		}
		if f == "anchorage-v1-original.txt" {
			if d.Labels[0] != "date" || d.Paragraphs[0] != "2025-08-16" || !strings.HasPrefix(d.Paragraphs[1], "US President") {
				t.Errorf("v1 starts %q %q", d.Labels[:2], d.Paragraphs[:2])
			}
		}
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("input/output error") }

func TestReadReaderErrors(t *testing.T) {
	_, err := Read("broken.txt", failingReader{}, Auto)
	if err == nil || err.Error() != "broken.txt: read failed: input/output error" {
		t.Errorf("failing reader: %v", err)
	}
	dir, err := os.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer dir.Close()
	_, err = Read("somedir", dir, Auto)
	if !errors.Is(err, ErrIsDir) || err.Error() != "somedir: is a directory, not a file" {
		t.Errorf("directory handle: %v", err)
	}
	_, err = Read("x", strings.NewReader("x"), Format("pdf"))
	if err == nil || err.Error() != `x: unknown input format "pdf"` {
		t.Errorf("bad format: %v", err)
	}
}
