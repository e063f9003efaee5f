package export

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/input"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/export")

// pairsDir holds the fixture pairs, relative to this package.
const pairsDir = "../../testdata/pairs"

// loadPair runs the real pipeline (input, NewDocument, Compare) on a
// fixture pair.
func loadPair(tb testing.TB, dir string) *diff.Result {
	tb.Helper()
	docs := make([]*diff.Document, 2)
	for i, name := range []string{"old.txt", "new.txt"} {
		d, err := input.ReadFile(filepath.Join(dir, name), input.Auto)
		if err != nil {
			tb.Fatalf("read %s: %v", name, err)
		}
		// The displayed name is fixed so golden files do not depend on
		// where the repository lives.
		docs[i] = diff.NewDocument(filepath.Base(dir)+"/"+name, d.Paragraphs, d.Labels)
	}
	return diff.Compare(docs[0], docs[1], nil)
}

// pairs lists the fixture pair directories.
func pairs(tb testing.TB) []string {
	tb.Helper()
	ents, err := os.ReadDir(pairsDir)
	if err != nil {
		tb.Skipf("no fixture pairs: %v", err)
	}
	var out []string
	for _, e := range ents {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	if len(out) == 0 {
		tb.Skip("no fixture pairs")
	}
	return out
}

// goldenFormats are the formats with golden files, and the file name of
// each. ansi is written with colour (ansi-plain would equal text).
var goldenFormats = []struct {
	file   string
	f      Format
	opt    Options
	ignore diff.ClassMask // the view's mask
}{
	{"text", FormatText, Options{}, 0},
	{"text-context-all", FormatText, Options{Context: -1}, 0},
	{"text-ignore", FormatText, Options{}, diff.IgnoreTypography | diff.IgnoreStyle},
	{"ansi", FormatANSI, Options{Color: true}, 0},
	{"markdown", FormatMarkdown, Options{}, 0},
	{"html", FormatHTML, Options{}, 0},
	{"json", FormatJSON, Options{}, 0},
	{"side-by-side", FormatSideBySide, Options{Width: 120}, 0},
}

// checkGolden compares got with testdata/export/<pair>/<name>.golden, or
// rewrites the file under -update.
func checkGolden(t *testing.T, pair, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "export", pair, name+".golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./diff/export -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden file (run with -update if intended):\n%s", path, firstDiff(string(want), string(got)))
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + itoa(i+1) + ":\nwant: " + w + "\ngot:  " + g
		}
	}
	return "(same lines, different bytes)"
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestGolden(t *testing.T) {
	for _, pair := range pairs(t) {
		t.Run(pair, func(t *testing.T) {
			r := loadPair(t, filepath.Join(pairsDir, pair))
			for _, g := range goldenFormats {
				t.Run(g.file, func(t *testing.T) {
					var buf bytes.Buffer
					if err := Write(&buf, r.View(g.ignore), g.f, g.opt); err != nil {
						t.Fatalf("Write %s: %v", g.f, err)
					}
					checkGolden(t, pair, g.file, buf.Bytes())
				})
			}
		})
	}
}

// TestSeedNothingLost runs the real seed pair, when present, through every
// format. No golden file: seed text must not be copied into the repository.
func TestSeedNothingLost(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "seeds")
	old, new := filepath.Join(dir, "anchorage-v1-original.txt"), filepath.Join(dir, "anchorage-v2-syndicated.txt")
	if _, err := os.Stat(old); err != nil {
		t.Skipf("seed pair absent: %v", err)
	}
	var docs []*diff.Document
	for _, p := range []string{old, new} {
		d, err := input.ReadFile(p, input.Auto)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, diff.NewDocument(d.Name, d.Paragraphs, d.Labels))
	}
	checkNothingLost(t, diff.Compare(docs[0], docs[1], nil))
}
