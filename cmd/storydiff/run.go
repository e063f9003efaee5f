package main

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"golang.org/x/term"

	"github.com/storydiff/storydiff"
	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/export"
	"github.com/storydiff/storydiff/diff/input"
	"github.com/storydiff/storydiff/diff/review"
	"github.com/storydiff/storydiff/internal/par"
	"github.com/storydiff/storydiff/internal/textsafe"
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
	labels      labelList
	version     bool
	help        bool
	files       []string
}

// labelList collects --label (-L) values, one per version in order, as
// diff -L does.
type labelList []string

func (l *labelList) String() string     { return strings.Join(*l, ",") }
func (l *labelList) Set(v string) error { *l = append(*l, v); return nil }

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
	fs.Var(&c.labels, "label", "")
	fs.Var(&c.labels, "L", "")
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
	if err := c.validate(fs); err != nil {
		return nil, err
	}
	return c, nil
}

// Limits of --width: narrower than minWidth cannot hold two columns and a
// gutter; wider than maxWidth is no screen (2000000000 once wrote 60 GB).
const (
	minWidth = 20
	maxWidth = 1000
)

// validate refuses flags given an empty value (-o "", --ignore ",", …),
// which would otherwise be taken as not given, and a --width out of range.
func (c *config) validate(fs *flag.FlagSet) error {
	var err error
	fs.Visit(func(f *flag.Flag) {
		if err != nil {
			return
		}
		name := "--" + f.Name
		if len(f.Name) == 1 {
			name = "-" + f.Name
		}
		v := f.Value.String()
		switch f.Name {
		case "o", "output", "f", "format", "pair", "color", "context", "input-format":
			if strings.TrimSpace(v) == "" {
				err = &usageError{fmt.Sprintf("%s: empty value", name)}
			}
		case "ignore":
			for _, part := range strings.Split(v, ",") {
				if strings.TrimSpace(part) == "" {
					err = &usageError{fmt.Sprintf("%s %q: empty class name; want typography, style or typography,style", name, v)}
					return
				}
			}
		case "width":
			if c.width != 0 && (c.width < minWidth || c.width > maxWidth) {
				err = &usageError{fmt.Sprintf("--width %d: want %d to %d, or 0 for the terminal's width (else %d)", c.width, minWidth, maxWidth, export.DefaultWidth)}
			}
		}
	})
	return err
}

// run is the whole command. A panic anywhere on its goroutine (a bug,
// never the input's fault) ends in one line on stderr and exit status 2,
// not a stack trace; everything below lets bugs surface as panics instead
// of turning them into polite errors.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (status int) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "storydiff: internal error (a bug, please report it): %s\n", textsafe.Clean(fmt.Sprint(p)))
			status = exitTrouble
		}
	}()
	c, err := parseArgs(args)
	if err != nil {
		fmt.Fprintf(stderr, "storydiff: %s (see storydiff --help)\n", textsafe.Clean(err.Error()))
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
	status, err = c.execute(stdin, stdout, stderr)
	if err != nil {
		var ue *usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "storydiff: %s (see storydiff --help)\n", textsafe.Clean(err.Error()))
		} else {
			fmt.Fprintf(stderr, "storydiff: %s\n", textsafe.Clean(err.Error()))
		}
		return exitTrouble
	}
	return status
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
	if c.output == "-" { // -o - is standard output, as for sort -o
		c.output, c.format = "", cmp.Or(c.format, "text")
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
	// -f ansi asks for colour: it colours even when piped, unless NO_COLOR
	// or --color never.
	color, err := c.useColor((outIsTerm && c.output == "") || (exporting && format == export.FormatANSI))
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
	// The viewer starts at once and reads the files inside its loading
	// screen (see viewerDocs), after a check that they can be opened, so
	// that a missing file is still one line and exit 2.
	var docs []*diff.Document
	lazy := !exporting && !c.history && len(c.files) >= 2 && !readsStdin(c.files)
	nv := len(c.files)
	if lazy {
		if len(c.labels) > len(c.files) {
			return 0, &usageError{fmt.Sprintf("%d --label flags for %d versions", len(c.labels), len(c.files))}
		}
		for _, f := range c.files {
			if err := input.CheckFile(f); err != nil {
				return 0, err
			}
		}
	} else {
		if docs, err = c.load(inFormat, stdin, stderr); err != nil {
			return 0, err
		}
		limitMemory(docs)
		nv = len(docs)
	}
	from, to, err := parsePair(c.pair, nv)
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
			fmt.Fprintf(stderr, "storydiff: warning: reviewing is off: %s\n", textsafe.Clean(err.Error()))
		}
		var res *diff.Result
		var warnings bytes.Buffer
		getDocs := c.viewerDocs(docs, inFormat, stdin, &warnings)
		err = tui.Run(tui.Options{
			Load: func(progress func(stage string, done, total int)) (*diff.Result, error) {
				docs, err := getDocs(progress)
				if err != nil {
					return nil, err
				}
				res = diff.Compare(docs[from], docs[to], &diff.Options{Progress: progress})
				return res, nil
			},
			Compare: func(i, j int, progress func(stage string, done, total int)) (*diff.Result, error) {
				docs, err := getDocs(progress)
				if err != nil {
					return nil, err
				}
				r := diff.Compare(docs[i], docs[j], &diff.Options{Progress: progress})
				if i == from && j == to {
					res = r
				}
				return r, nil
			},
			History: func() *diff.History {
				docs, err := getDocs(nil)
				if err != nil {
					return nil
				}
				return diff.NewHistory(docs, nil)
			},
			Versions: c.versionNames(docs),
			Pair:     [2]int{from, to},
			Ignore:   ignore,
			Color:    color,
			Inline:   c.inline,
			Review:   store,
			Reviewer: review.ReviewerName(c.reviewer, os.Getenv),
		})
		// Warnings met while loading inside the viewer are printed when it
		// is gone, as they were before it started.
		if _, werr := stderr.Write(warnings.Bytes()); werr != nil && err == nil {
			err = werr
		}
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
		// The review key hashes both texts (~37 ms CPU on the 10 MB
		// pair) and depends on nothing else: it is computed beside
		// Compare rather than after it, and not at all when no review is
		// stored anywhere (the checklist lists every change as open then,
		// so it still asks).
		checklist := format == export.FormatChecklist
		store, serr := c.reviewStore()
		wantReview := !c.noReview && (checklist || serr != nil || !store.Empty())
		var key string
		var keying par.Group
		if wantReview {
			keying.Go(func() { key = review.KeyOf(docs[from], docs[to]) })
		}
		res := diff.Compare(docs[from], docs[to], nil)
		keying.Wait()
		if wantReview {
			st, err := c.reviewStatus(res.View(ignore), key, checklist, stderr)
			if err != nil {
				return 0, err
			}
			opt.Review = st
		}
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
		if err := writeOutput(c.output, c.force, write); err != nil {
			return 0, err
		}
		return status, nil
	}
	if f, ok := stdout.(*os.File); ok && closedAtStart(f) {
		return 0, errors.New("standard output is closed")
	}
	if err := write(stdout); err != nil {
		return 0, fmt.Errorf("writing output: %w", err)
	}
	return status, nil
}

// readsStdin reports whether a version is read from standard input ("-",
// /dev/stdin, /dev/fd/N): such a version is read before the viewer starts.
func readsStdin(files []string) bool {
	for _, f := range files {
		if f == "-" || f == "/dev/stdin" || strings.HasPrefix(f, "/dev/fd/") || strings.HasPrefix(f, "/proc/") {
			return true
		}
	}
	return false
}

// viewerDocs returns the viewer's source of the versions: docs when they
// are loaded already, else a loader that reads and segments the files
// once, on first use (inside the viewer's loading screen, with a progress
// stage), writing their warnings to warnings.
func (c *config) viewerDocs(docs []*diff.Document, format input.Format, stdin io.Reader, warnings io.Writer) func(progress func(string, int, int)) ([]*diff.Document, error) {
	if docs != nil {
		return func(func(string, int, int)) ([]*diff.Document, error) { return docs, nil }
	}
	var once sync.Once
	var err error
	return func(progress func(string, int, int)) ([]*diff.Document, error) {
		once.Do(func() {
			if progress != nil {
				progress("reading files", 0, 100)
			}
			if docs, err = c.load(format, stdin, warnings); err == nil {
				limitMemory(docs)
			}
		})
		return docs, err
	}
}

// versionNames names the versions for the viewer: the loaded documents'
// names, or before loading what load will name them (the label, else the
// path).
func (c *config) versionNames(docs []*diff.Document) []string {
	if docs != nil {
		names := make([]string, len(docs))
		for i, d := range docs {
			names[i] = d.Name
		}
		return names
	}
	names := slices.Clone(c.files)
	copy(names, c.labels)
	return names
}

// writeOutput writes the export to path (see export.WriteFileContext). An
// interrupt (SIGINT, SIGTERM) while it writes stops the write and removes
// the temporary file: path is left as it was.
func writeOutput(path string, force bool, write func(io.Writer) error) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := export.WriteFileContext(ctx, path, force, write)
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted: %s left as it was", path)
	}
	return err
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
	files, readers := c.files, []io.Reader(nil)
	switch len(c.files) {
	case 0:
		files = []string{storydiff.DemoOldName, storydiff.DemoNewName}
		readers = []io.Reader{bytes.NewReader(storydiff.DemoOld), bytes.NewReader(storydiff.DemoNew)}
		format = input.Text
	case 1:
		return nil, &usageError{"want two or more files (OLD NEW …), or none for the demo, got 1"}
	}
	if len(c.labels) > len(files) {
		return nil, &usageError{fmt.Sprintf("%d --label flags for %d versions", len(c.labels), len(files))}
	}
	// As diff -L: a label is the name shown instead of the path; "-" is
	// named stdin.
	names := slices.Clone(files)
	for i, f := range names {
		if f == "-" {
			names[i] = "stdin"
		}
	}
	copy(names, c.labels)
	docs, warnings, err := readVersions(files, names, readers, format, stdin)
	if err != nil {
		return nil, err
	}
	for _, ws := range warnings {
		for _, w := range ws {
			fmt.Fprintf(stderr, "storydiff: warning: %s\n", textsafe.Clean(w))
		}
	}
	return docs, nil
}

// memoryPerByte and memoryBase give the soft memory limit set for an
// input of n bytes: memoryPerByte×n + memoryBase. Comparing two versions
// keeps about 5.3 bytes live per input byte at its peak (the texts, the
// sentence features, the result), so the limit leaves the collector some
// room while holding the process well under 8× its input, where the
// default pacing (the heap may double before a collection) reached 10×.
const (
	memoryPerByte = 6
	memoryBase    = 16 << 20
)

// limitMemory sets a soft memory limit in proportion to the loaded
// versions, unless one is set already (GOMEMLIMIT). It is soft: when the
// live data needs more, the runtime takes more rather than fail.
func limitMemory(docs []*diff.Document) {
	if debug.SetMemoryLimit(-1) != math.MaxInt64 {
		return // set by the user
	}
	n := 0
	for _, d := range docs {
		for i := range d.Paragraphs {
			n += len(d.Paragraphs[i].Text)
		}
	}
	debug.SetMemoryLimit(int64(memoryPerByte*n + memoryBase))
}

// readVersions reads the files and segments them into Documents named
// names[i]; readers, when not nil, stand for the files' contents (the
// demo). A file named twice (the same device and inode: a second name, a
// FIFO, /dev/fd/N), or standard input named twice ("-", /dev/stdin,
// /dev/fd/0), is read once and is the same version both times (identical,
// as diff(1) says), since a second read of a stream would find it empty.
// A standard input that was closed when the command started
// (storydiff - new.txt <&-) is an error, not an empty version.
//
// Each distinct file is read (decoded, cleaned, split) and then segmented
// into sentences in its own goroutine, so that one version's segmenting
// does not wait for the other's reading. The first error in file order
// wins. warnings[i] are file i's input warnings (none for a repeat).
func readVersions(files, names []string, readers []io.Reader, format input.Format, stdin io.Reader) (docs []*diff.Document, warnings [][]string, err error) {
	var stdinInfo os.FileInfo
	stdinFile, isFile := stdin.(*os.File)
	if isFile {
		stdinInfo, _ = stdinFile.Stat()
	}
	// Plan: source[i] is the index of the file whose read stands for
	// file i (i itself when it is read).
	source := make([]int, len(files))
	fromStdin := make([]bool, len(files))
	infos := make([]os.FileInfo, len(files))
	stdinAt := -1
	for i, path := range files {
		source[i] = i
		if readers != nil {
			continue
		}
		fromStdin[i] = path == "-"
		if !fromStdin[i] {
			infos[i], _ = os.Stat(path) // errors are reported by ReadFile
			fromStdin[i] = infos[i] != nil && stdinInfo != nil && os.SameFile(infos[i], stdinInfo)
		}
		switch {
		case fromStdin[i] && stdinAt >= 0:
			source[i] = stdinAt
		case fromStdin[i]:
			if isFile && closedAtStart(stdinFile) {
				return nil, nil, fmt.Errorf("%s: standard input is closed", path)
			}
			stdinAt = i
		case infos[i] != nil:
			for j := range i {
				if infos[j] != nil && !fromStdin[j] && source[j] == j && os.SameFile(infos[i], infos[j]) {
					source[i] = j
					break
				}
			}
		}
	}
	docs = make([]*diff.Document, len(files))
	warnings = make([][]string, len(files))
	errs := make([]error, len(files))
	var g par.Group
	for i, path := range files {
		if source[i] != i {
			continue
		}
		g.Go(func() {
			var d *input.Doc
			switch {
			case readers != nil:
				d, errs[i] = input.Read(path, readers[i], format)
			case path == "-":
				d, errs[i] = input.Read("-", stdin, format)
			default:
				d, errs[i] = input.ReadFile(path, format)
			}
			if errs[i] != nil {
				return
			}
			warnings[i] = d.Warnings
			docs[i] = diff.NewDocument(names[i], d.Paragraphs, d.Labels)
		})
	}
	g.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, nil, err
		}
	}
	for i, name := range names {
		if source[i] != i { // the same content under this name, warned about once
			cp := *docs[source[i]] // paragraphs are never modified: shared
			cp.Name = textsafe.Clean(name)
			docs[i] = &cp
		}
	}
	return docs, warnings, nil
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
