package tui

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/export"
	"github.com/storydiff/storydiff/diff/review"
	"github.com/storydiff/storydiff/internal/render"
)

// promptKind says what the one-line prompt is asking for.
type promptKind uint8

const (
	promptNone promptKind = iota
	promptSearch
	promptFormat
	promptPath
	promptOverwrite
	promptQuery // c: the query note of the change under the cursor
)

// formatPrompt asks for the export format.
const formatPrompt = "export format (tab cycles; text, side-by-side, markdown, html, json, ansi, checklist): "

// prompt is the one-line prompt at the bottom of the screen: a text input
// and what it asks for. Tab cycles the formats or completes a path.
type prompt struct {
	kind  promptKind
	input textinput.Model
	// The export being prepared: its format and path.
	format export.Format
	path   string
	// tabBase is the text tab completes or cycles from; tabN counts the
	// tabs pressed since (0: the text was typed).
	tabBase string
	tabN    int
}

func newPrompt() prompt { return prompt{input: textinput.New()} }

// Update edits the prompt's text (tab completes or cycles).
func (p prompt) Update(msg tea.Msg) (prompt, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "tab" &&
		(p.kind == promptFormat || p.kind == promptPath) {
		if p.tabN == 0 {
			p.tabBase = p.input.Value()
		}
		var opts []string
		if p.kind == promptFormat {
			for _, f := range export.Formats {
				opts = append(opts, string(f))
			}
			// Cycle from the format typed (or shown) to the next one.
			start := 0
			for i, o := range opts {
				if o == strings.TrimSpace(p.tabBase) {
					start = i + 1
				}
			}
			p.input.SetValue(opts[(start+p.tabN)%len(opts)])
		} else if opts = completePath(p.tabBase); len(opts) > 0 {
			p.input.SetValue(opts[p.tabN%len(opts)])
		}
		p.tabN++
		p.input.CursorEnd()
		return p, nil
	}
	if _, ok := msg.(tea.KeyPressMsg); ok {
		p.tabN = 0
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return p, cmd
}

// View draws the prompt line.
func (p prompt) View() string { return p.input.View() }

// Value returns the text typed, trimmed.
func (p prompt) Value() string { return strings.TrimSpace(p.input.Value()) }

// completePath returns the paths that complete s ("~" standing for the
// home directory), directories with a trailing slash, sorted; s's own
// spelling of the home directory is kept.
func completePath(s string) []string {
	dir, base := filepath.Split(s)
	look := expandHome(dir)
	if look == "" {
		look = "."
	}
	ents, err := os.ReadDir(look)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		n := e.Name()
		if !strings.HasPrefix(n, base) || (strings.HasPrefix(n, ".") && !strings.HasPrefix(base, ".")) {
			continue
		}
		if e.IsDir() {
			n += string(filepath.Separator)
		}
		out = append(out, dir+n)
	}
	sort.Strings(out)
	return out
}

// expandHome replaces a leading ~ (alone or before a slash) with the home
// directory.
func expandHome(p string) string {
	if p != "~" && !strings.HasPrefix(p, "~/") {
		return p
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return p
	}
	return filepath.Join(home, p[1:])
}

// openPrompt shows the one-line prompt.
func (m *Model) openPrompt(kind promptKind, label, value string) tea.Cmd {
	m.prompt.kind = kind
	m.prompt.tabN = 0
	m.prompt.input.Prompt = label
	m.prompt.input.SetValue(value)
	m.prompt.input.CursorEnd()
	m.prompt.input.SetWidth(max(m.width-lipgloss.Width(label)-2, 10))
	if m.screen != screenPrompt {
		m.enter(screenPrompt)
	} else {
		m.setKeys()
	}
	return m.prompt.input.Focus()
}

// closePrompt returns to the screen under the prompt.
func (m *Model) closePrompt() {
	m.prompt.kind = promptNone
	m.prompt.input.Blur()
	m.leave()
}

// promptKey handles a key while the prompt is open. A search shows its
// matches as the query is typed.
func (m Model) promptKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Cancel):
		if m.prompt.kind == promptSearch {
			m.search("") // the query typed so far is dropped
		}
		m.closePrompt()
		return m, nil
	case key.Matches(msg, k.Submit):
		return m.submit(m.prompt.Value())
	}
	if m.prompt.kind == promptOverwrite {
		switch msg.String() {
		case "y", "Y":
			m.closePrompt()
			return m, m.export(m.prompt.format, m.prompt.path, true)
		case "n", "N":
			m.closePrompt()
			return m, note("export cancelled")
		}
		return m, nil
	}
	var cmd tea.Cmd
	m.prompt, cmd = m.prompt.Update(msg)
	if m.prompt.kind == promptSearch {
		m.search(m.prompt.input.Value())
	}
	return m, cmd
}

// search highlights q in the screen under the prompt as it is typed.
func (m *Model) search(q string) {
	if m.under == screenHistory {
		m.hv.setQuery(q)
		return
	}
	m.pane.previewQuery(q)
}

// submit acts on the prompt's value.
func (m Model) submit(v string) (Model, tea.Cmd) {
	switch m.prompt.kind {
	case promptSearch:
		m.closePrompt()
		return m.runSearch(v)
	case promptFormat:
		f, err := export.ParseFormat(v)
		if err != nil {
			m.closePrompt()
			return m, fail("no export format " + strconv.Quote(v) + ": want text, side-by-side, markdown, html, json, ansi or checklist")
		}
		m.prompt.format, m.lastFormat = f, f
		return m, m.openPrompt(promptPath, "export to: ", defaultExportPath(m.r, f))
	case promptPath:
		m.closePrompt()
		if v == "" {
			return m, fail("export cancelled: no path")
		}
		path := expandHome(v)
		m.prompt.path = path
		if _, err := os.Lstat(path); err == nil {
			cmd := m.openPrompt(promptOverwrite, sanitize(v)+" exists. Replace it? (y/n) ", "")
			return m, cmd
		}
		return m, m.export(m.prompt.format, path, false)
	case promptOverwrite:
		m.closePrompt()
		return m, note("export cancelled")
	case promptQuery:
		m.closePrompt()
		return m.submitQuery(v)
	}
	m.closePrompt()
	return m, nil
}

// runSearch goes to the first match of q at or after the cursor and says
// how many paragraphs (or sentences) match.
func (m Model) runSearch(q string) (Model, tea.Cmd) {
	if m.screen == screenHistory {
		n := m.hv.setQuery(q)
		switch {
		case q == "":
			return m, nil
		case n == 0:
			m.hv.setQuery("")
			return m, fail("not found: " + sanitize(q))
		}
		m.hv.firstMatch()
		return m, note(strconv.Itoa(n) + " matching " + plural(n, "sentence", "sentences"))
	}
	n := m.pane.setQuery(q)
	if q == "" {
		return m, nil
	}
	if m.pane.foldedMatch() {
		m.pane.setView(m.pane.mode, false)
		n = len(m.pane.matches)
	}
	if n == 0 {
		m.pane.setQuery("")
		return m, fail("not found: " + sanitize(q))
	}
	if t := nextOf(m.pane.matches, m.pane.cursor-1, false); t >= 0 {
		m.pane.moveCursor(t, true)
	} else {
		m.pane.moveCursor(m.pane.matches[0], true)
	}
	unit := plural(n, "paragraph", "paragraphs")
	if m.pane.mode == render.Sentences {
		unit = plural(n, "sentence", "sentences")
	}
	return m, note(strconv.Itoa(n) + " matching " + unit)
}

// defaultExportPath proposes a file name next to the new version's name.
func defaultExportPath(r *diff.Result, f export.Format) string {
	base := "storydiff"
	if r != nil && r.New != nil && r.New.Name != "" && r.New.Name != "-" && r.New.Name != "stdin" {
		n := filepath.Base(r.New.Name)
		base = strings.TrimSuffix(n, filepath.Ext(n)) + ".diff"
	}
	return base + f.Ext()
}

// export writes the result off the UI loop, atomically, with the classes
// the view ignores ignored and the review marks as shown (saved or not).
func (m Model) export(f export.Format, path string, force bool) tea.Cmd {
	v, doc := m.r.View(m.ignore), m.rev.doc
	if m.rev.r != m.r {
		doc = nil
	}
	return func() tea.Msg {
		opt := export.Options{Color: f == export.FormatANSI}
		if doc != nil && (f == export.FormatChecklist || len(doc.Marks) > 0) {
			opt.Review = review.Match(doc, v)
		}
		err := export.WriteFile(path, force, func(w io.Writer) error {
			return export.Write(w, v, f, opt)
		})
		return exportedMsg{path: path, err: err}
	}
}

// exportError says in a plain sentence why an export to path failed,
// the reason first (a long path may be cut in the status line), without
// the name of the temporary file the export wrote first.
func exportError(path string, err error) string {
	reason := ""
	var pe *fs.PathError
	switch {
	case errors.Is(err, fs.ErrPermission):
		reason = "permission denied"
	case errors.Is(err, fs.ErrNotExist):
		reason = "no such directory"
	case errors.Is(err, fs.ErrExist):
		reason = "the file exists"
	case errors.Is(err, export.ErrExists):
		reason = "the file exists"
	case errors.As(err, &pe):
		reason = sanitize(pe.Err.Error())
	default:
		// "write NAME: is a directory": the reason is the last part.
		reason = err.Error()
		if i := strings.LastIndex(reason, ": "); i >= 0 {
			reason = reason[i+2:]
		}
		reason = sanitize(reason)
	}
	return "cannot export, " + reason + ": " + sanitize(path)
}
