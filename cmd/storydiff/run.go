package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/term"

	"github.com/storydiff/storydiff"
	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/export"
	"github.com/storydiff/storydiff/diff/input"
	"github.com/storydiff/storydiff/diff/review"
	"github.com/storydiff/storydiff/tui"
)

// Exit statuses, as diff(1).
const (
	exitSame    = 0 // no differences
	exitDiffer  = 1 // differences found
	exitTrouble = 2 // bad usage, unreadable input, failed output
)

// version is set at build time with -ldflags "-X main.version=…"; otherwise
// the module version from the build information is used.
var version = ""

// config holds the parsed command line.
type config struct {
	format      string
	output      string
	force       bool
	width       int
	context     string
	color       string
	inputFormat string
	inline      bool
	ignore      string
	matters     int
	pair        string
	history     bool
	reviewDir   string
	reviewer    string
	noReview    bool
	version     bool
	help        bool
	files       []string
}

// usageError is a command-line mistake; it is reported with a hint to --help.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func newFlagSet(c *config) *flag.FlagSet {
	fs := flag.NewFlagSet("storydiff", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&c.format, "format", "", "")
	fs.StringVar(&c.format, "f", "", "")
	fs.StringVar(&c.output, "o", "", "")
	fs.StringVar(&c.output, "output", "", "")
	fs.BoolVar(&c.force, "force", false, "")
	fs.IntVar(&c.width, "width", 0, "")
	fs.StringVar(&c.context, "context", "0", "")
	fs.StringVar(&c.color, "color", "auto", "")
	fs.StringVar(&c.inputFormat, "input-format", "auto", "")
	fs.BoolVar(&c.inline, "inline", false, "")
	fs.StringVar(&c.ignore, "ignore", "", "")
	fs.IntVar(&c.matters, "matters", 0, "")
	fs.StringVar(&c.pair, "pair", "", "")
	fs.BoolVar(&c.history, "history", false, "")
	fs.StringVar(&c.reviewDir, "review-dir", "", "")
	fs.StringVar(&c.reviewer, "reviewer", "", "")
	fs.BoolVar(&c.noReview, "no-review", false, "")
	fs.BoolVar(&c.version, "version", false, "")
	fs.BoolVar(&c.help, "help", false, "")
	fs.BoolVar(&c.help, "h", false, "")
	return fs
}

// parseArgs parses flags and files; flags may follow the files
// (storydiff old.txt new.txt --format json), and "--" ends the flags.
func parseArgs(args []string) (*config, error) {
	c := &config{}
	fs := newFlagSet(c)
	for {
		if err := fs.Parse(args); err != nil {
			return nil, &usageError{err.Error()}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		// fs.Parse stops at the first file name, or after "--".
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			c.files = append(c.files, rest...)
			break
		}
		c.files = append(c.files, rest[0])
		args = rest[1:]
	}
	return c, nil
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c, err := parseArgs(args)
	if err != nil {
		fmt.Fprintf(stderr, "storydiff: %v (see storydiff --help)\n", err)
		return exitTrouble
	}
	switch {
	case c.help:
		fmt.Fprint(stdout, helpText)
		return exitSame
	case c.version:
		fmt.Fprintf(stdout, "storydiff %s\n", versionString())
		return exitSame
	}
	status, err := c.execute(stdin, stdout, stderr)
	if err != nil {
		var ue *usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "storydiff: %v (see storydiff --help)\n", err)
		} else {
			fmt.Fprintf(stderr, "storydiff: %s\n", oneLine(err.Error()))
		}
		return exitTrouble
	}
	return status
}

// oneLine keeps an error message on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func (c *config) execute(stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	inFormat, err := input.ParseFormat(c.inputFormat)
	if err != nil {
		return 0, &usageError{err.Error()}
	}
	ctx, err := parseContext(c.context)
	if err != nil {
		return 0, err
	}
	out, outIsTerm := stdout.(*os.File)
	outIsTerm = outIsTerm && term.IsTerminal(int(out.Fd()))
	exporting := c.format != "" || c.output != "" || !outIsTerm

	var format export.Format
	if exporting {
		name := c.format
		if name == "" && c.output != "" {
			name = formatFromExt(c.output)
		}
		if name == "" {
			name = "text"
		}
		if format, err = export.ParseFormat(name); err != nil {
			return 0, &usageError{err.Error()}
		}
	}
	color, err := c.useColor(outIsTerm && c.output == "")
	if err != nil {
		return 0, err
	}

	ignore, err := diff.ParseIgnore(c.ignore)
	if err != nil {
		return 0, &usageError{"--" + err.Error()}
	}
	if c.matters < 0 {
		return 0, &usageError{fmt.Sprintf("--matters %d: want 0 (all) or a positive number", c.matters)}
	}
	docs, err := c.load(inFormat, stdin, stderr)
	if err != nil {
		return 0, err
	}
	from, to, err := parsePair(c.pair, len(docs))
	if err != nil {
		return 0, err
	}
	if c.history && c.pair != "" {
		return 0, &usageError{"--pair and --history: a history covers every version, not a pair"}
	}
	if c.history && format == export.FormatChecklist {
		return 0, &usageError{"--history and -f checklist: a checklist covers one pair; use --pair"}
	}
	if c.history && !exporting {
		exporting = true
		if format, err = export.ParseFormat("text"); err != nil {
			return 0, err
		}
	}

	if !exporting {
		store, err := c.reviewStore()
		if err != nil {
			fmt.Fprintf(stderr, "storydiff: warning: reviewing is off: %s\n", oneLine(err.Error()))
		}
		var res *diff.Result
		err = tui.Run(tui.Options{
			Load: func(progress func(stage string, done, total int)) (*diff.Result, error) {
				res = diff.Compare(docs[from], docs[to], &diff.Options{Progress: progress})
				return res, nil
			},
			Compare: func(i, j int, progress func(stage string, done, total int)) (*diff.Result, error) {
				r := diff.Compare(docs[i], docs[j], &diff.Options{Progress: progress})
				if i == from && j == to {
					res = r
				}
				return r, nil
			},
			History: func() *diff.History { return diff.NewHistory(docs, nil) },
			Versions: func() []string {
				names := make([]string, len(docs))
				for i, d := range docs {
					names[i] = d.Name
				}
				return names
			}(),
			Pair:     [2]int{from, to},
			Ignore:   ignore,
			Color:    color,
			Inline:   c.inline,
			Review:   store,
			Reviewer: review.ReviewerName(c.reviewer, os.Getenv),
		})
		if err != nil {
			return 0, fmt.Errorf("viewer: %w", err)
		}
		if res != nil && !res.Equal() {
			return exitDiffer, nil
		}
		return exitSame, nil
	}

	opt := export.Options{Context: ctx, Width: c.exportWidth(out, outIsTerm), Color: color, Matters: c.matters}
	var write func(w io.Writer) error
	status := exitDiffer
	if c.history {
		h := diff.NewHistory(docs, nil)
		write = func(w io.Writer) error { return export.WriteHistory(w, h, format, opt) }
		if h.Equal() {
			status = exitSame
		}
	} else {
		res := diff.Compare(docs[from], docs[to], nil)
		st, err := c.reviewStatus(res.View(ignore), format == export.FormatChecklist, stderr)
		if err != nil {
			return 0, err
		}
		opt.Review = st
		write = func(w io.Writer) error { return export.Write(w, res.View(ignore), format, opt) }
		switch {
		case format == export.FormatChecklist:
			// A script gates on the review: 0 only when every change is
			// checked and none queried.
			if export.ChecklistDone(res.View(ignore), opt) {
				status = exitSame
			}
		case res.Equal():
			status = exitSame
		}
	}
	if c.output != "" {
		if err := export.WriteFile(c.output, c.force, write); err != nil {
			return 0, err
		}
	} else if err := write(stdout); err != nil {
		return 0, fmt.Errorf("writing output: %w", err)
	}
	return status, nil
}

// parsePair parses --pair "i,j" (1-based version numbers) into 0-based
// indices. Without it, the last two versions are compared: with a series of
// write-thrus, what the newest one changed.
func parsePair(s string, n int) (int, int, error) {
	if s == "" {
		return n - 2, n - 1, nil
	}
	a, b, ok := strings.Cut(s, ",")
	i, err1 := strconv.Atoi(strings.TrimSpace(a))
	j, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil || i < 1 || j < 1 || i > n || j > n || i == j {
		return 0, 0, &usageError{fmt.Sprintf("--pair %q: want two different version numbers from 1 to %d, as in 1,%d", s, n, n)}
	}
	return i - 1, j - 1, nil
}

// load reads the versions (or the built-in demo pair) and prints their
// warnings.
func (c *config) load(format input.Format, stdin io.Reader, stderr io.Writer) ([]*diff.Document, error) {
	var docs []*input.Doc
	switch len(c.files) {
	case 0:
		for _, v := range []struct {
			name string
			data []byte
		}{{storydiff.DemoOldName, storydiff.DemoOld}, {storydiff.DemoNewName, storydiff.DemoNew}} {
			d, err := input.Read(v.name, bytes.NewReader(v.data), input.Text)
			if err != nil {
				return nil, err
			}
			docs = append(docs, d)
		}
	case 1:
		return nil, &usageError{"want two or more files (OLD NEW …), or none for the demo, got 1"}
	default:
		stdinUsed := false
		for _, path := range c.files {
			var d *input.Doc
			var err error
			if path == "-" {
				if stdinUsed {
					return nil, &usageError{"only one version can come from standard input"}
				}
				stdinUsed = true
				d, err = input.Read("-", stdin, format)
			} else {
				d, err = input.ReadFile(path, format)
			}
			if err != nil {
				return nil, err
			}
			docs = append(docs, d)
		}
	}
	for _, d := range docs {
		for _, w := range d.Warnings {
			fmt.Fprintf(stderr, "storydiff: warning: %s\n", oneLine(w))
		}
	}
	// Segmenting sentences is the costly part of loading; the versions
	// are independent, so segment them at once.
	out := make([]*diff.Document, len(docs))
	var wg sync.WaitGroup
	for i, d := range docs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = diff.NewDocument(d.Name, d.Paragraphs, d.Labels)
		}()
	}
	wg.Wait()
	return out, nil
}

// useColor decides whether output is coloured: --color always or never
// wins; auto colours a terminal unless NO_COLOR is set.
func (c *config) useColor(terminal bool) (bool, error) {
	switch c.color {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto", "":
		return terminal && os.Getenv("NO_COLOR") == "", nil
	}
	return false, &usageError{fmt.Sprintf("--color %q: want auto, always or never", c.color)}
}

// exportWidth is --width, else the terminal's width, else
// export.DefaultWidth (160).
func (c *config) exportWidth(out *os.File, isTerm bool) int {
	if c.width > 0 {
		return c.width
	}
	if isTerm {
		if w, _, err := term.GetSize(int(out.Fd())); err == nil && w > 0 {
			return w
		}
	}
	return export.DefaultWidth
}

// parseContext parses --context: a number of unchanged paragraphs to show
// around changes, or "all" (-1).
func parseContext(s string) (int, error) {
	if s == "all" {
		return -1, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, &usageError{fmt.Sprintf("--context %q: want a number or all", s)}
	}
	return n, nil
}

// formatFromExt guesses an export format from an output file name.
func formatFromExt(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		return "json"
	case ".html", ".htm":
		return "html"
	case ".md", ".markdown":
		return "markdown"
	}
	return ""
}

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
