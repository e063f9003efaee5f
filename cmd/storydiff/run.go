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

	"golang.org/x/term"

	"github.com/storydiff/storydiff"
	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/export"
	"github.com/storydiff/storydiff/diff/input"
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

	oldDoc, newDoc, err := c.load(inFormat, stdin, stderr)
	if err != nil {
		return 0, err
	}

	if !exporting {
		var res *diff.Result
		err := tui.Run(tui.Options{
			Load: func(progress func(stage string, done, total int)) (*diff.Result, error) {
				res = diff.Compare(oldDoc, newDoc, &diff.Options{Progress: progress})
				return res, nil
			},
			Color:  color,
			Inline: c.inline,
		})
		if err != nil {
			return 0, fmt.Errorf("viewer: %w", err)
		}
		if res != nil && !res.Equal() {
			return exitDiffer, nil
		}
		return exitSame, nil
	}

	res := diff.Compare(oldDoc, newDoc, nil)
	opt := export.Options{Context: ctx, Width: c.exportWidth(out, outIsTerm), Color: color}
	write := func(w io.Writer) error { return export.Write(w, res, format, opt) }
	if c.output != "" {
		if err := export.WriteFile(c.output, c.force, write); err != nil {
			return 0, err
		}
	} else if err := write(stdout); err != nil {
		return 0, fmt.Errorf("writing output: %w", err)
	}
	if res.Equal() {
		return exitSame, nil
	}
	return exitDiffer, nil
}

// load reads both versions (or the built-in demo pair) and prints their
// warnings.
func (c *config) load(format input.Format, stdin io.Reader, stderr io.Writer) (*diff.Document, *diff.Document, error) {
	var docs [2]*input.Doc
	switch len(c.files) {
	case 0:
		var err error
		if docs[0], err = input.Read(storydiff.DemoOldName, bytes.NewReader(storydiff.DemoOld), input.Text); err != nil {
			return nil, nil, err
		}
		if docs[1], err = input.Read(storydiff.DemoNewName, bytes.NewReader(storydiff.DemoNew), input.Text); err != nil {
			return nil, nil, err
		}
	case 2:
		if c.files[0] == "-" && c.files[1] == "-" {
			return nil, nil, &usageError{"only one version can come from standard input"}
		}
		for i, path := range c.files {
			var err error
			if path == "-" {
				docs[i], err = input.Read("-", stdin, format)
			} else {
				docs[i], err = input.ReadFile(path, format)
			}
			if err != nil {
				return nil, nil, err
			}
		}
	default:
		return nil, nil, &usageError{fmt.Sprintf("want two files (OLD NEW) or none for the demo, got %d", len(c.files))}
	}
	for _, d := range docs {
		for _, w := range d.Warnings {
			fmt.Fprintf(stderr, "storydiff: warning: %s\n", oneLine(w))
		}
	}
	return diff.NewDocument(docs[0].Name, docs[0].Paragraphs, docs[0].Labels),
		diff.NewDocument(docs[1].Name, docs[1].Paragraphs, docs[1].Labels), nil
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

// exportWidth is --width, else the terminal's width, else 160.
func (c *config) exportWidth(out *os.File, isTerm bool) int {
	if c.width > 0 {
		return c.width
	}
	if isTerm {
		if w, _, err := term.GetSize(int(out.Fd())); err == nil && w > 0 {
			return w
		}
	}
	return 160
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
