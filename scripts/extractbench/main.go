// Command extractbench runs article extractors over the public
// scrapinghub/article-extraction-benchmark pages and writes, for each
// extractor, the output/<name>.json file that the benchmark's own
// evaluate.py scores against ground-truth.json.
//
// Usage:
//
//	go run . -bench /path/to/article-extraction-benchmark -out /tmp/dir [-only a,b]
//
// It reads <bench>/html/*.html.gz and <bench>/ground-truth.json, and writes
// <out>/output/<name>.json plus <out>/ground-truth.json (a copy), so that
// `cd <out> && python3 <bench>/evaluate.py` scores exactly these
// extractors. For each extractor it prints the pages refused (an error or
// empty text) and the total extraction time (gunzip excluded, one page at a
// time, one goroutine).
//
// Extractors:
//
//   - storydiff: diff/input.Read with format HTML, as the storydiff
//     command loads a page; articleBody is the story paragraphs (label "")
//     joined by blank lines, metadata paragraphs (headline, byline, …) left
//     out as the benchmark's articleBody has none.
//   - readeck: codeberg.org/readeck/go-readability/v2, the article node's
//     rendered inner text.
//   - trafilatura: github.com/markusmobius/go-trafilatura with
//     EnableFallback, ContentText, as the benchmark's own Go runner does.
//
// It lives in its own module (scripts/extractbench/go.mod) so that the
// extractor storydiff does not use is not a dependency of storydiff.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/markusmobius/go-trafilatura"
	"github.com/storydiff/storydiff/diff/input"
	"golang.org/x/net/html"
)

// extractor returns the article body of one page, or an error when it
// refuses the page.
type extractor struct {
	name   string
	module string // module path whose version is reported; "" for storydiff itself
	run    func(page []byte) (string, error)
}

var fakeURL, _ = url.Parse("https://example.com/article")

var extractors = []extractor{
	{"storydiff", "", func(page []byte) (string, error) {
		d, err := input.Read("page.html", bytes.NewReader(page), input.HTML)
		if err != nil {
			return "", err
		}
		var story []string
		for i, p := range d.Paragraphs {
			if d.Labels[i] == "" {
				story = append(story, p)
			}
		}
		return strings.Join(story, "\n\n"), nil
	}},
	{"readeck", "codeberg.org/readeck/go-readability/v2", func(page []byte) (string, error) {
		doc, err := html.Parse(bytes.NewReader(page))
		if err != nil {
			return "", err
		}
		p := readability.NewParser()
		a, err := p.ParseAndMutate(doc, fakeURL)
		if err != nil {
			return "", err
		}
		if a.Node == nil {
			return "", fmt.Errorf("no article")
		}
		var sb strings.Builder
		if err := a.RenderText(&sb); err != nil {
			return "", err
		}
		return sb.String(), nil
	}},
	{"trafilatura", "github.com/markusmobius/go-trafilatura", func(page []byte) (string, error) {
		doc, err := html.Parse(bytes.NewReader(page))
		if err != nil {
			return "", err
		}
		r, err := trafilatura.ExtractDocument(doc, trafilatura.Options{EnableFallback: true})
		if err != nil {
			return "", err
		}
		return r.ContentText, nil
	}},
}

type page struct {
	id   string
	data []byte
}

func main() {
	bench := flag.String("bench", "", "directory of article-extraction-benchmark (holds html/ and ground-truth.json)")
	out := flag.String("out", "", "directory to write output/*.json and ground-truth.json into")
	only := flag.String("only", "", "comma-separated extractor names to run (default all)")
	flag.Parse()
	if *bench == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*bench, *out, *only); err != nil {
		fmt.Fprintln(os.Stderr, "extractbench:", err)
		os.Exit(1)
	}
}

func run(bench, out, only string) error {
	pages, err := loadPages(filepath.Join(bench, "html"))
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(out, "output"), 0o755); err != nil {
		return err
	}
	gt, err := os.ReadFile(filepath.Join(bench, "ground-truth.json"))
	if err != nil {
		return fmt.Errorf("reading ground truth: %w", err)
	}
	if err := os.WriteFile(filepath.Join(out, "ground-truth.json"), gt, 0o644); err != nil {
		return err
	}
	want := map[string]bool{}
	for _, n := range strings.Split(only, ",") {
		if n = strings.TrimSpace(n); n != "" {
			want[n] = true
		}
	}
	fmt.Printf("%-12s %8s %10s %10s\n", "extractor", "refused", "time", "per page")
	for _, ex := range extractors {
		if len(want) > 0 && !want[ex.name] {
			continue
		}
		res := map[string]map[string]string{}
		refused := 0
		var reasons []string
		start := time.Now()
		for _, p := range pages {
			body, err := safeRun(ex.run, p.data)
			if err == nil && strings.TrimSpace(body) == "" {
				err = fmt.Errorf("empty text")
			}
			if err != nil {
				refused++
				reasons = append(reasons, p.id[:8]+": "+firstLine(err.Error()))
				body = ""
			}
			res[p.id] = map[string]string{"articleBody": strings.ReplaceAll(body, "\u00ad", "")}
		}
		el := time.Since(start)
		fmt.Printf("%-12s %8d %9.2fs %8.1fms\n", ex.name, refused, el.Seconds(), float64(el.Milliseconds())/float64(len(pages)))
		for _, r := range reasons {
			fmt.Printf("    refused %s\n", r)
		}
		js, err := json.MarshalIndent(map[string]any{"version": moduleVersion(ex.module), "output": res}, "", " ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, "output", ex.name+".json"), js, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// safeRun turns an extractor's panic into an error, so that one page cannot
// stop the run.
func safeRun(f func([]byte) (string, error), data []byte) (s string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return f(data)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func loadPages(dir string) ([]page, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.html.gz"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no *.html.gz in %s", dir)
	}
	sort.Strings(names)
	var pages []page
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			return nil, err
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		data, err := io.ReadAll(zr)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		pages = append(pages, page{id: strings.TrimSuffix(filepath.Base(n), ".html.gz"), data: data})
	}
	return pages, nil
}

// moduleVersion returns the version of module path this program was built
// with, or "worktree" for "" (storydiff itself, built from the tree).
func moduleVersion(path string) string {
	if path == "" {
		return "worktree"
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, m := range bi.Deps {
			if m.Path == path {
				return m.Version
			}
		}
	}
	return "unknown"
}
