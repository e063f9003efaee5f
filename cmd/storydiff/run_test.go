package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// runCmd runs the command in-process with the given standard input.
func runCmd(t *testing.T, stdin string, args ...string) (status int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	status = run(args, strings.NewReader(stdin), &out, &errb)
	return status, out.String(), errb.String()
}

func pair(name string) (string, string) {
	dir := filepath.Join("..", "..", "testdata", "pairs", name)
	return filepath.Join(dir, "old.txt"), filepath.Join(dir, "new.txt")
}

func TestExitStatus(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin.dat")
	if err := os.WriteFile(bin, []byte("abc\x00def"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The same story with precomposed (NFC) and combining (NFD) accents.
	nfc, nfd := filepath.Join(dir, "nfc.txt"), filepath.Join(dir, "nfd.txt")
	if err := os.WriteFile(nfc, []byte("Jos\u00e9 Mu\u00f1oz said the caf\u00e9 would reopen.\n\nZo\u00eb Bront\u00eb agreed.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(nfd, []byte("Jose\u0301 Mun\u0303oz said the cafe\u0301 would reopen.\n\nZoe\u0308 Bronte\u0308 agreed.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	idOld, idNew := pair("identical")
	encOld, encNew := pair("encoding")
	ledeOld, ledeNew := pair("lede")
	emptyOld, emptyNew := pair("empty")
	tests := []struct {
		name       string
		args       []string
		status     int
		stderrHas  string
		stderrLine bool // stderr must be exactly one line
	}{
		{"identical", []string{idOld, idNew}, 0, "", false},
		{"encoding only", []string{encOld, encNew}, 0, "", false},
		{"differences", []string{ledeOld, ledeNew}, 1, "", false},
		{"empty file is valid", []string{emptyOld, emptyNew}, 1, "empty", true},
		{"missing file", []string{filepath.Join(dir, "nope.txt"), idNew}, 2, "nope.txt", true},
		{"directory", []string{dir, idNew}, 2, "directory", true},
		{"binary", []string{bin, idNew}, 2, "binary", true},
		{"one file", []string{idOld}, 2, "want two or more files", true},
		{"three versions, last two equal", []string{ledeOld, idOld, idNew}, 0, "", false},
		{"three versions, pair 1,3", []string{ledeOld, idOld, idNew, "--pair", "1,3"}, 1, "", false},
		{"bad pair", []string{ledeOld, idOld, idNew, "--pair", "1,4"}, 2, "--pair", true},
		{"same pair", []string{ledeOld, idOld, "--pair", "2,2"}, 2, "--pair", true},
		{"pair with history", []string{ledeOld, idOld, idNew, "--history", "--pair", "1,3"}, 2, "--pair and --history", true},
		{"history side-by-side", []string{ledeOld, idOld, idNew, "--history", "-f", "side-by-side"}, 2, "side-by-side", true},
		{"bad ignore", []string{"--ignore", "wording", idOld, idNew}, 2, "wording", true},
		{"canonically equivalent (NFC vs NFD)", []string{nfc, nfd}, 0, "", false},
		{"bad matters", []string{"--matters", "-1", idOld, idNew}, 2, "--matters", true},
		{"matters cap", []string{"--matters", "1", ledeOld, ledeNew}, 1, "", false},
		{"both stdin are one version", []string{"-", "-"}, 0, "", false},
		{"same file twice", []string{ledeOld, ledeOld}, 0, "", false},
		{"empty -o", []string{"-o", "", idOld, idNew}, 2, "-o: empty value", true},
		{"empty --output", []string{"--output=", idOld, idNew}, 2, "--output: empty value", true},
		{"empty --pair", []string{"--pair", "", ledeOld, idOld, idNew}, 2, "--pair: empty value", true},
		{"empty --ignore", []string{"--ignore", "", idOld, idNew}, 2, "--ignore", true},
		{"comma --ignore", []string{"--ignore", ",", idOld, idNew}, 2, "empty class name", true},
		{"trailing comma --ignore", []string{"--ignore", "style,", idOld, idNew}, 2, "empty class name", true},
		{"empty --format", []string{"--format", "", idOld, idNew}, 2, "--format: empty value", true},
		{"empty -f", []string{"-f", "", idOld, idNew}, 2, "-f: empty value", true},
		{"width too small", []string{"--width", "19", "-f", "side-by-side", idOld, idNew}, 2, "--width 19: want 20 to 1000", true},
		{"width too large", []string{"--width", "2000000000", "-f", "side-by-side", idOld, idNew}, 2, "--width 2000000000", true},
		{"width negative", []string{"--width", "-5", "-f", "side-by-side", idOld, idNew}, 2, "--width -5", true},
		{"width 0 is the default", []string{"--width", "0", "-f", "side-by-side", idOld, idNew}, 0, "", false},
		{"width at the limits", []string{"--width", "20", "-f", "side-by-side", ledeOld, ledeNew}, 1, "", false},
		{"bad flag", []string{"--nope", idOld, idNew}, 2, "--help", true},
		{"bad format", []string{"-f", "pdf", idOld, idNew}, 2, "pdf", true},
		{"bad color", []string{"--color", "pink", idOld, idNew}, 2, "pink", true},
		{"bad context", []string{"--context", "some", idOld, idNew}, 2, "context", true},
		{"flags after files", []string{ledeOld, ledeNew, "--format", "json"}, 1, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, stderr := runCmd(t, "", tt.args...)
			if status != tt.status {
				t.Errorf("status %d, want %d; stderr %q", status, tt.status, stderr)
			}
			if !strings.Contains(stderr, tt.stderrHas) {
				t.Errorf("stderr %q does not mention %q", stderr, tt.stderrHas)
			}
			if tt.stderrLine && strings.Count(stderr, "\n") != 1 {
				t.Errorf("stderr is not one line: %q", stderr)
			}
			if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic") {
				t.Errorf("stack trace on stderr: %q", stderr)
			}
		})
	}
}

func TestStdinVersion(t *testing.T) {
	ledeOld, ledeNew := pair("lede")
	data, err := os.ReadFile(ledeOld)
	if err != nil {
		t.Fatal(err)
	}
	status, fromStdin, _ := runCmd(t, string(data), "-f", "json", "-", ledeNew)
	if status != 1 {
		t.Fatalf("status %d", status)
	}
	_, fromFile, _ := runCmd(t, "", "-f", "json", ledeOld, ledeNew)
	// Only the old name differs.
	var a, b map[string]any
	if err := json.Unmarshal([]byte(fromStdin), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(fromFile), &b); err != nil {
		t.Fatal(err)
	}
	if ba, bb := jsonString(t, a["blocks"]), jsonString(t, b["blocks"]); ba != bb {
		t.Errorf("blocks differ between stdin and file input")
	}
}

func jsonString(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDemoWithoutFiles(t *testing.T) {
	status, out, stderr := runCmd(t, "", "-f", "text")
	if status != 1 || stderr != "" {
		t.Fatalf("status %d stderr %q", status, stderr)
	}
	if !strings.Contains(out, "demo/old.txt") || !strings.Contains(out, "without") {
		t.Errorf("demo report lacks names or the with→without change:\n%s", out)
	}
}

func TestOutputFile(t *testing.T) {
	ledeOld, ledeNew := pair("lede")
	path := filepath.Join(t.TempDir(), "diff.json")
	if status, _, stderr := runCmd(t, "", "-o", path, ledeOld, ledeNew); status != 1 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(data) {
		t.Errorf("-o diff.json did not write JSON")
	}
	// Never clobber silently.
	status, _, stderr := runCmd(t, "", "-o", path, ledeOld, ledeNew)
	if status != 2 || !strings.Contains(stderr, "--force") {
		t.Errorf("second write: status %d stderr %q, want refusal naming --force", status, stderr)
	}
	if status, _, stderr := runCmd(t, "", "-o", path, "--force", "-f", "text", ledeOld, ledeNew); status != 1 {
		t.Errorf("--force: status %d: %s", status, stderr)
	}
	data, _ = os.ReadFile(path)
	if json.Valid(data) {
		t.Errorf("--force -f text did not replace the file")
	}
}

func TestVersionAndHelp(t *testing.T) {
	if status, out, _ := runCmd(t, "", "--version"); status != 0 || !strings.HasPrefix(out, "storydiff ") {
		t.Errorf("--version: %d %q", status, out)
	}
	status, out, _ := runCmd(t, "", "--help")
	for _, want := range []string{"SYNOPSIS", "EXIT STATUS", "EXAMPLES", "--format"} {
		if status != 0 || !strings.Contains(out, want) {
			t.Errorf("--help lacks %q", want)
		}
	}
	// Every flag the command accepts is in the help.
	newFlagSet(&config{}).VisitAll(func(f *flag.Flag) {
		dash := "--"
		if len(f.Name) == 1 {
			dash = "-"
		}
		if !strings.Contains(out, dash+f.Name+" ") && !strings.Contains(out, dash+f.Name+",") {
			t.Errorf("--help lacks flag %s%s", dash, f.Name)
		}
	})
}

// TestGitDifftool drives `git difftool` on a temporary repository with the
// built binary, as README.md documents.
func TestGitDifftool(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	bin := binary(t)
	repo := filepath.Join(dir, "repo")
	ledeOld, ledeNew := pair("lede")
	gitRun := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(git, args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir,
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	copyFile := func(src string) {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(repo, "story.txt"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(repo, 0o755); err != nil {
		t.Fatal(err)
	}
	gitRun("init", "-q")
	copyFile(ledeOld)
	gitRun("add", "story.txt")
	gitRun("commit", "-qm", "first take")
	copyFile(ledeNew)
	gitRun("commit", "-qam", "write-thru")

	// One-off: git difftool -x.
	out := gitRun("difftool", "-y", "-x", bin+" --format text", "HEAD~1", "HEAD", "--", "story.txt")
	if !strings.Contains(out, "[-with-]{+without+}") {
		t.Errorf("difftool -x output lacks the with→without change:\n%s", out)
	}
	// Configured: difftool.storydiff.cmd.
	gitRun("config", "difftool.storydiff.cmd", bin+` --format json "$LOCAL" "$REMOTE"`)
	out = gitRun("difftool", "-y", "--tool", "storydiff", "HEAD~1", "HEAD", "--", "story.txt")
	var doc struct {
		Blocks []json.RawMessage `json:"blocks"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Blocks) == 0 {
		t.Errorf("difftool --tool storydiff did not print the JSON diff (%v):\n%s", err, out)
	}
}

func TestHistoryExport(t *testing.T) {
	ledeOld, ledeNew := pair("lede")
	middle := filepath.Join("..", "..", "tui", "testdata", "history", "middle.txt")
	status, out, stderr := runCmd(t, "", "--history", "-f", "json", ledeOld, middle, ledeNew)
	if status != 1 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	var h struct {
		Versions   []string `json:"versions"`
		Paragraphs [][]struct {
			Text        string `json:"text"`
			Introduced  int    `json:"introduced"`
			LastChanged int    `json:"last_changed"`
		} `json:"paragraphs"`
	}
	if err := json.Unmarshal([]byte(out), &h); err != nil {
		t.Fatalf("history JSON: %v\n%s", err, out)
	}
	if len(h.Versions) != 3 || len(h.Paragraphs) == 0 {
		t.Fatalf("history: %d versions, %d paragraphs", len(h.Versions), len(h.Paragraphs))
	}
	introducedLast := 0
	for _, p := range h.Paragraphs {
		for _, s := range p {
			if s.LastChanged < s.Introduced || s.LastChanged > 2 {
				t.Errorf("sentence %q: introduced %d, last changed %d", s.Text, s.Introduced, s.LastChanged)
			}
			if s.Introduced == 2 {
				introducedLast++
			}
		}
	}
	if introducedLast == 0 {
		t.Errorf("no sentence introduced by the write-thru (v3)")
	}
}

func TestIgnoreFlag(t *testing.T) {
	ledeOld, ledeNew := pair("lede")
	_, all, _ := runCmd(t, "", "-f", "text", ledeOld, ledeNew)
	status, some, stderr := runCmd(t, "", "-f", "text", "--ignore", "typography,style", ledeOld, ledeNew)
	if status != 1 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	if !strings.Contains(some, "hidden") || strings.Contains(all, "hidden") {
		t.Errorf("--ignore does not say what it hid")
	}
	if strings.Contains(some, "{+percent+}") || !strings.Contains(all, "{+percent+}") {
		t.Errorf("--ignore style still marks per cent → percent (or the plain report lacks it)")
	}
}

// TestLabelsAndANSI: -L names the versions in exports (as diff -L), one
// per version; -f ansi colours even when piped unless NO_COLOR or --color
// never.
func TestLabelsAndANSI(t *testing.T) {
	ledeOld, ledeNew := pair("lede")
	tests := []struct {
		name   string
		env    string
		args   []string
		status int
		has    []string
		hasNot []string
		errHas string
	}{
		{"labels", "", []string{"-L", "story.txt (before)", "--label", "story.txt", ledeOld, ledeNew}, 1,
			[]string{"storydiff: story.txt (before) → story.txt"}, []string{"old.txt"}, ""},
		{"one label", "", []string{"-L", "before", ledeOld, ledeNew}, 1,
			[]string{"storydiff: before → " + ledeNew}, nil, ""},
		{"too many labels", "", []string{"-L", "a", "-L", "b", "-L", "c", ledeOld, ledeNew}, 2, nil, nil, "3 --label flags for 2 versions"},
		{"ansi piped", "", []string{"-f", "ansi", ledeOld, ledeNew}, 1, []string{"\x1b["}, nil, ""},
		{"ansi NO_COLOR", "1", []string{"-f", "ansi", ledeOld, ledeNew}, 1, nil, []string{"\x1b["}, ""},
		{"ansi never", "", []string{"-f", "ansi", "--color", "never", ledeOld, ledeNew}, 1, nil, []string{"\x1b["}, ""},
		{"text piped", "", []string{"-f", "text", ledeOld, ledeNew}, 1, nil, []string{"\x1b["}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("NO_COLOR", tt.env)
			status, out, errs := runCmd(t, "", tt.args...)
			if status != tt.status {
				t.Fatalf("status %d, want %d (stderr %q)", status, tt.status, errs)
			}
			for _, h := range tt.has {
				if !strings.Contains(out, h) {
					t.Errorf("output lacks %q:\n%.300s", h, out)
				}
			}
			for _, h := range tt.hasNot {
				if strings.Contains(out, h) {
					t.Errorf("output has %q:\n%.300s", h, out)
				}
			}
			if tt.errHas != "" && !strings.Contains(errs, tt.errHas) {
				t.Errorf("stderr %q lacks %q", errs, tt.errHas)
			}
		})
	}
}

// TestOutputDash: -o - is standard output (no file named "-").
func TestOutputDash(t *testing.T) {
	ledeOld, ledeNew := pair("lede")
	status, out, stderr := runCmd(t, "", "-o", "-", ledeOld, ledeNew)
	if status != 1 || !strings.Contains(out, "[-with-]{+without+}") {
		t.Errorf("status %d, stderr %q; stdout lacks the text report:\n%s", status, stderr, out)
	}
	if _, err := os.Lstat("-"); err == nil {
		os.Remove("-")
		t.Error("a file named - was written")
	}
}

// TestHostileNamesOnStderr: a file name with ESC, BEL, C1 or bidi controls
// is cleaned in the one line on stderr, as content is.
func TestHostileNamesOnStderr(t *testing.T) {
	dir := t.TempDir()
	idOld, _ := pair("identical")
	for _, name := range []string{"a\x1b]0;pwned\x07.txt", "c\u009b31m.txt", "evil\u202egnp.txt", "bad\xff.txt"} {
		missing := filepath.Join(dir, name)
		status, _, stderr := runCmd(t, "", missing, idOld)
		if status != 2 || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%q: status %d, stderr %q", name, status, stderr)
		}
		if !utf8.ValidString(stderr) || strings.ContainsAny(stderr, "\x1b\x07\u009b\u202e") {
			t.Errorf("%q: stderr holds raw controls: %q", name, stderr)
		}
	}
	// A parse error quoting the file's content (here a C1 CSI inside an
	// entity name) is cleaned the same way.
	bad := filepath.Join(dir, "bad.xml")
	xml := "<?xml version=\"1.0\"?>\n<nitf><body><body.content><p>&bo\u009bgus;</p></body.content></body></nitf>"
	if err := os.WriteFile(bad, []byte(xml), 0o644); err != nil {
		t.Fatal(err)
	}
	status, _, stderr := runCmd(t, "", bad, idOld)
	if status != 2 || !strings.Contains(stderr, "malformed XML") || strings.Contains(stderr, "\u009b") {
		t.Errorf("XML error: status %d, stderr %q", status, stderr)
	}
}

// panicWriter panics on the first write, as a bug in a writer would.
type panicWriter struct{}

func (panicWriter) Write([]byte) (int, error) { panic("boom\x1b[2J") }

// TestLastResort: a panic (a bug) is one line on stderr, exit status 2,
// no stack trace, and its text cleaned.
func TestLastResort(t *testing.T) {
	ledeOld, ledeNew := pair("lede")
	var errb bytes.Buffer
	status := run([]string{ledeOld, ledeNew}, strings.NewReader(""), panicWriter{}, &errb)
	stderr := errb.String()
	if status != 2 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "internal error") {
		t.Errorf("status %d, stderr %q", status, stderr)
	}
	if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "\x1b") {
		t.Errorf("stderr %q holds a stack trace or a raw escape", stderr)
	}
}

// binPath is the binary built for the tests that run a real process.
var binPath string

var (
	binOnce sync.Once
	binErr  error
)

// binary builds the command once for the tests that need a real process
// (closed streams, /dev/stdin).
func binary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "storydiff-test-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "storydiff")
		if out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	if os.Getenv("STORYDIFF_HELPER") == "slow-output" {
		slowOutputHelper()
		return
	}
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// slowOutputHelper is the process TestInterruptRemovesTemp interrupts: it
// writes -o FILE through writeOutput, as the command does, slowly and
// without end, saying "writing" once its temporary file exists.
func slowOutputHelper() {
	said := false
	err := writeOutput(os.Getenv("STORYDIFF_HELPER_OUT"), true, func(w io.Writer) error {
		chunk := strings.Repeat("x", 64<<10)
		for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); {
			if _, err := io.WriteString(w, chunk); err != nil {
				return err
			}
			if !said {
				fmt.Println("writing")
				said = true
			}
			time.Sleep(time.Millisecond)
		}
		return errors.New("never interrupted")
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "storydiff: %v\n", err)
		os.Exit(exitTrouble)
	}
	os.Exit(0)
}
