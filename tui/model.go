// Package tui is storydiff's full-screen viewer: old version left, new
// right (or inline below about 100 columns), every aligned block one row,
// with keys to walk the changes, search, fold, export and copy.
//
// It only renders a *diff.Result (through package render); it never parses
// or diffs text. The result is loaded off the UI loop by Options.Load (or
// Options.Compare, for a series of versions), with its progress shown, and
// q quits at any time.
//
// Editorial flags show as badges (NEG, NUM, QUOTE, NAME, ATTR) on the
// sentences that carry them; i hides typographic and then style changes,
// F lists the story findings and every flagged change, and m limits n and
// N to flagged changes. With more than two versions (write-thrus), < and >
// step through consecutive pairs, p picks any two, and H shows which
// version introduced and last changed each sentence of the latest one.
//
// With Options.Review the viewer keeps the editor's review (package
// review): x checks the change under the cursor, c queries it with a note,
// the gutter, the findings list and the history view show the marks, the
// status line the progress, and m's third step walks the changes not yet
// reviewed. Marks are saved as they are made, off the UI loop
// (review.go, review_keys.go, review_pane.go).
package tui

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"golang.org/x/term"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/export"
	"github.com/storydiff/storydiff/diff/review"
	"github.com/storydiff/storydiff/internal/render"
)

// Options configure the viewer.
type Options struct {
	// Load computes the result to show. It runs off the UI loop; it may
	// call progress (from any goroutine) to report its stage and how much
	// of it is done. The viewer quits at once on q even while Load runs.
	Load func(progress func(stage string, done, total int)) (*diff.Result, error)
	// Color false gives a monochrome view (attributes and markers only).
	// Run also turns colour off when NO_COLOR is set.
	Color bool
	// Inline starts in the inline (unified) view whatever the width.
	Inline bool
	// Ignore is the set of change classes hidden at the start; i cycles
	// through none, typography, and typography and style.
	Ignore diff.ClassMask
	// Versions names the versions of a series, oldest first. With more
	// than two (and Compare set) the viewer can show any pair of them.
	Versions []string
	// Pair is the pair of versions shown first (0-based indices into
	// Versions); an invalid pair means the last two.
	Pair [2]int
	// Compare computes the result for versions i and j off the UI loop,
	// reporting progress as Load does; results are cached by pair. When
	// set it is used instead of Load.
	Compare func(i, j int, progress func(stage string, done, total int)) (*diff.Result, error)
	// History traces the sentences of the latest version through the
	// series (the H view). It is called once, off the UI loop, when the
	// view is first opened.
	History func() *diff.History
	// Review is where reviews are kept (x checks a change, c queries it;
	// package review); nil turns reviewing off. Reviewer is the name
	// recorded with each mark.
	Review   *review.Store
	Reviewer string
}

// inlineBelow is the width under which the viewer switches to the inline
// view unless the user chose a view with u.
const inlineBelow = 100

// Minimum screen size: below it the viewer shows a short message.
const (
	minWidth  = 20
	minHeight = 5
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

// overlayKind says which list covers the pane.
type overlayKind uint8

const (
	overlayNone     overlayKind = iota
	overlayFindings             // F: findings and flagged changes
	overlayPicker               // p: choose two versions
)

// Model is the viewer's Bubble Tea model. Make one with New.
type Model struct {
	opts  Options
	keys  keyMap
	st    *styles
	dark  bool
	width int
	h     int

	// loading
	loading      bool
	progress     *progressState
	progressLast progressMsg
	spin         spinner.Model
	started      time.Time
	err          error

	r    *diff.Result
	pane pane

	// Versions: the pair shown and the results computed so far, by pair
	// (shared by the model's copies: a cache).
	pair    [2]int
	shown   [2]int // the pair of r
	results map[[2]int]*diff.Result

	// Editorial layer: the classes hidden, the statistics under that mask
	// and how many runs it hides; statistics under each mask, by result
	// (shared by the model's copies: a cache, filled off the UI loop when
	// a result loads, since counting walks every word).
	ignore  diff.ClassMask
	stats   diff.Stats
	hidden  int
	summary string // the header's counts, from stats and hidden
	statsOf map[*diff.Result]maskStats

	overlay overlayKind
	list    list

	// History view (H).
	showHist    bool
	histLoading bool
	hist        *diff.History
	hv          histView
	// inline is the user's choice of view with u: 0 automatic (by width),
	// 1 inline, -1 side by side.
	inline    int
	sentences bool

	help     help.Model
	showHelp bool

	prompt     promptKind
	input      textinput.Model
	exportFmt  export.Format
	exportPath string

	message string // shown in the status line until the next key
	isError bool

	rev reviewer // the review of the pair shown (review_keys.go)
}

// progressState is shared between one load's goroutine and the model.
// The load closes it when done, which ends the goroutine waiting for its
// progress.
type progressState struct {
	ch     chan progressMsg
	mu     sync.Mutex
	closed bool
}

func newProgress() *progressState { return &progressState{ch: make(chan progressMsg, 1)} }

// send passes on the latest progress, dropping one the model has not taken.
func (ps *progressState) send(msg progressMsg) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if ps.closed {
		return
	}
	select {
	case ps.ch <- msg:
	default:
		select {
		case <-ps.ch:
		default:
		}
		select {
		case ps.ch <- msg:
		default:
		}
	}
}

func (ps *progressState) close() {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if !ps.closed {
		ps.closed = true
		close(ps.ch)
	}
}

// historyMsg carries the traced history.
type historyMsg struct{ h *diff.History }

type progressMsg struct {
	stage       string
	done, total int
}

// loadedMsg carries the loaded result of a pair of versions and, when
// computed with it, its statistics under the masks i steps through.
type loadedMsg struct {
	r     *diff.Result
	err   error
	pair  [2]int
	stats maskStats
}

// exportedMsg reports the end of an export.
type exportedMsg struct {
	path string
	err  error
}

// New returns the viewer's model for opts. Tests drive it with teatest or
// by calling Update and View.
func New(opts Options) Model {
	m := Model{
		opts:     opts,
		keys:     defaultKeys(),
		dark:     true,
		loading:  true,
		progress: newProgress(),
		spin:     spinner.New(spinner.WithSpinner(spinner.Dot)),
		help:     help.New(),
		input:    textinput.New(),
		started:  time.Now(),
		results:  map[[2]int]*diff.Result{},
		statsOf:  map[*diff.Result]maskStats{},
		ignore:   opts.Ignore,
		rev:      newReviewer(opts.Review, opts.Reviewer),
	}
	m.pair = defaultPair(opts)
	if opts.Inline {
		m.inline = 1
	}
	m.st = newStyles(m.dark, opts.Color)
	m.help.Styles = m.st.help
	return m
}

// Init starts loading and asks for the terminal's background colour.
func (m Model) Init() tea.Cmd {
	return tea.Batch(m.load(), m.waitProgress(), m.spin.Tick, tea.RequestBackgroundColor)
}

// load computes the current pair off the UI loop, with opts.Compare when
// set, else opts.Load.
func (m Model) load() tea.Cmd {
	load, ps, pair, ignore := m.opts.Load, m.progress, m.pair, m.ignore
	if cmp := m.opts.Compare; cmp != nil {
		load = func(progress func(string, int, int)) (*diff.Result, error) {
			return cmp(pair[0], pair[1], progress)
		}
	}
	return func() tea.Msg {
		defer ps.close()
		if load == nil {
			return loadedMsg{err: errors.New("nothing to show: no loader"), pair: pair}
		}
		r, err := load(func(stage string, done, total int) {
			ps.send(progressMsg{stage, done, total})
		})
		if err == nil && r == nil {
			err = errors.New("nothing to show: the loader returned no result")
		}
		var stats maskStats
		if err == nil {
			stats = countMasks(r, ignore)
		}
		return loadedMsg{r, err, pair, stats}
	}
}

func (m Model) waitProgress() tea.Cmd {
	ch := m.progress.ch
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil // the load is over
		}
		return msg
	}
}

// Update handles a message.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.h = msg.Width, msg.Height
		m.help.SetWidth(msg.Width)
		m.layout()
		return m, nil
	case tea.BackgroundColorMsg:
		if dark := msg.IsDark(); dark != m.dark {
			m.dark = dark
			m.st = newStyles(dark, m.opts.Color)
			m.help.Styles = m.st.help
			m.pane.st = m.st
			m.hv.st = m.st
		}
		return m, nil
	case progressMsg:
		if !m.loading {
			return m, nil
		}
		m.progressLast = msg
		return m, m.waitProgress()
	case spinner.TickMsg:
		if !m.loading && !m.histLoading {
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	case loadedMsg:
		return m.loaded(msg)
	case reviewLoadedMsg, reviewSavedMsg:
		return m.reviewMsg(msg)
	case historyMsg:
		m.histLoading = false
		m.hist = msg.h
		if m.hist == nil || len(m.hist.Versions) == 0 {
			m.showHist = false
			m.setError("no history to show")
			return m, nil
		}
		m.hv = histView{h: m.hist, st: m.st, names: m.opts.Versions}
		m.hv.marks = m.histMarks()
		m.layout()
		return m, nil
	case exportedMsg:
		if msg.err != nil {
			m.setError(msg.err.Error())
		} else {
			m.setMessage("exported to " + sanitize(msg.path))
		}
		return m, nil
	case tea.KeyPressMsg:
		return m.key(msg)
	case tea.MouseMsg:
		if m.r == nil || m.prompt != promptNone || m.overlay != overlayNone {
			return m, nil
		}
		if m.showHist {
			if w, ok := msg.(tea.MouseWheelMsg); ok {
				switch w.Button {
				case tea.MouseWheelDown:
					m.hv.scrollWheel(3)
				case tea.MouseWheelUp:
					m.hv.scrollWheel(-3)
				}
			}
			return m, nil
		}
		if c, ok := msg.(tea.MouseClickMsg); ok && c.Button == tea.MouseLeft {
			if i := m.pane.entryAt(c.Y - 1); i >= 0 {
				m.pane.cursor = i
			}
			return m, nil
		}
		var cmd tea.Cmd
		m.pane, cmd = m.pane.Update(msg)
		return m, cmd
	}
	if m.prompt != promptNone {
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		return m, cmd
	}
	return m, nil
}

// key handles a key press.
func (m Model) key(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	if msg.String() == "ctrl+c" {
		return m, tea.Quit
	}
	if m.prompt != promptNone {
		return m.promptKey(msg)
	}
	m.message, m.isError = "", false
	k := m.keys
	switch {
	case key.Matches(msg, k.Quit):
		return m, tea.Quit
	case key.Matches(msg, k.Help):
		m.showHelp = !m.showHelp
		m.layout()
		return m, nil
	case m.showHelp && key.Matches(msg, k.Clear):
		m.showHelp = false
		return m, nil
	}
	if m.r == nil || m.loading { // loading or failed: only quit and help work
		return m, nil
	}
	if m.overlay != overlayNone {
		return m.overlayKey(msg)
	}
	if m.showHist {
		return m.historyKey(msg)
	}
	switch {
	case key.Matches(msg, k.Check), key.Matches(msg, k.Query):
		return m.reviewKey(msg)
	case key.Matches(msg, k.Ignore):
		return m, m.cycleIgnore()
	case key.Matches(msg, k.Findings):
		m.list = findingsList(m.r.View(m.ignore), m.pane.markup)
		m.markList(&m.list)
		m.overlay = overlayFindings
		return m, nil
	case key.Matches(msg, k.Flagged):
		m.cycleFilter()
		return m, nil
	case key.Matches(msg, k.PrevPair), key.Matches(msg, k.NextPair):
		return m.stepPair(key.Matches(msg, k.NextPair))
	case key.Matches(msg, k.Pick):
		return m.openPicker()
	case key.Matches(msg, k.History):
		return m.openHistory()
	case key.Matches(msg, k.Clear):
		if m.showHelp {
			m.showHelp = false
			m.layout()
		} else if m.pane.query != "" {
			m.pane.setQuery("")
		}
		return m, nil
	case key.Matches(msg, k.Search):
		return m, m.openPrompt(promptSearch, "/", "")
	case key.Matches(msg, k.Fold):
		m.pane.setView(m.pane.mode, !m.pane.fold)
		if m.pane.fold {
			m.setMessage("unchanged paragraphs folded")
		}
		return m, nil
	case key.Matches(msg, k.Inline):
		if m.mode() == render.Inline {
			m.inline = -1
		} else {
			m.inline = 1
		}
		m.sentences = false
		m.layout()
		return m, nil
	case key.Matches(msg, k.Sentences):
		m.sentences = !m.sentences
		m.layout()
		return m, nil
	case key.Matches(msg, k.Export):
		return m, m.openPrompt(promptFormat, "export format (text, side-by-side, markdown, html, json, ansi, checklist): ", "text")
	case key.Matches(msg, k.Copy):
		if len(m.pane.entries) == 0 {
			return m, nil
		}
		e := m.pane.entries[m.pane.cursor]
		m.setMessage("copied the block's diff to the clipboard")
		return m, tea.SetClipboard(render.BlockText(m.r, e.Block))
	case key.Matches(msg, k.Jump):
		if !m.pane.jump() {
			m.setMessage("enter jumps from a moved paragraph or sentence to where it stood, and back")
		}
		return m, nil
	}
	var cmd tea.Cmd
	m.pane, cmd = m.pane.Update(msg)
	if m.pane.note != "" {
		m.setMessage(m.pane.note)
		m.pane.note = ""
	}
	return m, cmd
}

// openPrompt shows the one-line prompt.
func (m *Model) openPrompt(kind promptKind, prompt, value string) tea.Cmd {
	m.prompt = kind
	m.input.Prompt = prompt
	m.input.SetValue(value)
	m.input.CursorEnd()
	m.input.SetWidth(max(m.width-lipgloss.Width(prompt)-2, 10))
	return m.input.Focus()
}

func (m *Model) closePrompt() {
	m.prompt = promptNone
	m.input.Blur()
}

// promptKey handles a key while the prompt is open.
func (m Model) promptKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch msg.String() {
	case "esc":
		m.closePrompt()
		return m, nil
	case "enter":
		return m.submit(strings.TrimSpace(m.input.Value()))
	}
	if m.prompt == promptOverwrite {
		switch msg.String() {
		case "y", "Y":
			m.closePrompt()
			return m, m.export(m.exportFmt, m.exportPath, true)
		case "n", "N":
			m.closePrompt()
			m.setMessage("export cancelled")
		}
		return m, nil
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd
}

// submit acts on the prompt's value.
func (m Model) submit(v string) (tea.Model, tea.Cmd) {
	switch m.prompt {
	case promptSearch:
		m.closePrompt()
		if m.showHist {
			n := m.hv.setQuery(v)
			if v != "" && n == 0 {
				m.hv.setQuery("")
				m.setError("not found: " + sanitize(v))
			} else if n > 0 {
				m.hv.cur = m.hv.top - 1
				m.hv.walkMatches(false)
				m.setMessage(strconv.Itoa(n) + " matching " + plural(n, "sentence", "sentences"))
			}
			return m, nil
		}
		n := m.pane.setQuery(v)
		if v == "" {
			return m, nil
		}
		if m.pane.foldedMatch() {
			m.pane.setView(m.pane.mode, false)
		}
		if n == 0 {
			m.pane.setQuery("")
			m.setError("not found: " + sanitize(v))
			return m, nil
		}
		if t := nextOf(m.pane.matches, m.pane.cursor-1, false); t >= 0 {
			m.pane.moveCursor(t, true)
		} else {
			m.pane.moveCursor(m.pane.matches[0], true)
		}
		m.setMessage(strconv.Itoa(len(m.pane.matches)) + " matching paragraphs")
	case promptFormat:
		f, err := export.ParseFormat(v)
		if err != nil {
			m.closePrompt()
			m.setError(err.Error())
			return m, nil
		}
		m.exportFmt = f
		return m, m.openPrompt(promptPath, "export to: ", defaultExportPath(m.r, f))
	case promptPath:
		m.closePrompt()
		if v == "" {
			m.setError("export cancelled: no path")
			return m, nil
		}
		m.exportPath = v
		if _, err := os.Lstat(v); err == nil {
			m.prompt = promptOverwrite
			m.input.Prompt = sanitize(v) + " exists. Replace it? (y/n) "
			m.input.SetValue("")
			return m, nil
		}
		return m, m.export(m.exportFmt, v, false)
	case promptOverwrite:
		m.closePrompt()
		m.setMessage("export cancelled")
	case promptQuery:
		m.closePrompt()
		return m.submitQuery(v)
	}
	return m, nil
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
// the view ignores ignored.
func (m Model) export(f export.Format, path string, force bool) tea.Cmd {
	v, doc := m.r.View(m.ignore), m.rev.doc
	if m.rev.r != m.r {
		doc = nil
	}
	return func() tea.Msg {
		opt := export.Options{Color: f == export.FormatANSI}
		if doc != nil && (f == export.FormatChecklist || len(doc.Marks) > 0) {
			opt.Review = review.Match(doc, v) // the marks as shown, saved or not
		}
		err := export.WriteFile(path, force, func(w io.Writer) error {
			return export.Write(w, v, f, opt)
		})
		return exportedMsg{path: path, err: err}
	}
}

func (m *Model) setMessage(s string) { m.message, m.isError = s, false }
func (m *Model) setError(s string)   { m.message, m.isError = s, true }

// mode is the layout the current size and choices call for.
func (m Model) mode() render.Mode {
	switch {
	case m.sentences:
		return render.Sentences
	case m.inline > 0:
		return render.Inline
	case m.inline < 0:
		return render.SideBySide
	case m.width > 0 && m.width < inlineBelow:
		return render.Inline
	}
	return render.SideBySide
}

// chrome returns the number of lines above and below the pane.
func (m Model) chrome() (top, bottom int) {
	return 1, 1
}

// layout sizes the pane for the window.
func (m *Model) layout() {
	if m.r == nil {
		return
	}
	mode := m.mode()
	if mode == render.Sentences && m.width < render.MinWidth(m.r, render.Sentences) {
		mode = render.SideBySide // sentences need two panes
	}
	if mode != render.Inline && m.width < render.MinWidth(m.r, render.SideBySide) {
		mode = render.Inline
	}
	m.pane.setView(mode, m.pane.fold)
	top, bottom := m.chrome()
	m.pane.SetSize(m.width, max(m.h-top-bottom, 0))
	if m.pane.cursor < len(m.pane.entries) {
		m.pane.ensureVisible(m.pane.cursor)
	}
	if m.hist != nil {
		m.hv.setSize(m.width, max(m.h-top-bottom, 0))
	}
}

// tooSmall reports whether the window cannot hold the viewer.
func (m Model) tooSmall() bool {
	top, bottom := m.chrome()
	if m.width < minWidth || m.h < minHeight || m.h-top-bottom < 1 {
		return true
	}
	return m.r != nil && m.width < render.MinWidth(m.r, render.Inline)
}

// View draws the screen.
func (m Model) View() tea.View {
	v := tea.NewView(m.content())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "storydiff"
	if m.r != nil {
		v.WindowTitle = "storydiff: " + sanitize(m.r.Old.Name) + " → " + sanitize(m.r.New.Name)
	}
	if m.loading {
		p := m.progressLast
		if p.total > 0 {
			v.ProgressBar = tea.NewProgressBar(tea.ProgressBarDefault, p.done*100/p.total)
		} else {
			v.ProgressBar = tea.NewProgressBar(tea.ProgressBarIndeterminate, 0)
		}
	}
	return v
}

// content is the text of the screen.
func (m Model) content() string {
	if m.width == 0 || m.h == 0 {
		return ""
	}
	if m.tooSmall() {
		return fit("Too small: storydiff needs "+
			strconv.Itoa(max(minWidth, m.minWidth()))+"×"+strconv.Itoa(minHeight)+" (q quits)", m.width, m.h)
	}
	if m.err != nil {
		return fit("storydiff: "+sanitize(m.err.Error())+"\n\nPress q to quit.", m.width, m.h)
	}
	if m.loading {
		return m.loadingView()
	}
	var b strings.Builder
	top, bottom := m.chrome()
	body := max(m.h-top-bottom, 0)
	switch {
	case m.showHist && m.hist != nil:
		b.WriteString(m.hv.legend(m.width))
	default:
		b.WriteString(m.header())
	}
	b.WriteByte('\n')
	switch {
	case m.showHelp:
		b.WriteString(lines(m.fullHelp(), body))
	case m.overlay != overlayNone:
		hint := "no findings and no flagged changes"
		if m.overlay == overlayPicker {
			hint = "no versions"
		}
		b.WriteString(m.list.view(&m.pane, m.width, body, hint))
	case m.showHist && m.hist == nil:
		b.WriteString(lines(fit(" "+m.spin.View()+" tracing the history of "+strconv.Itoa(len(m.opts.Versions))+" versions…", m.width, body), body))
	case m.showHist:
		b.WriteString(m.hv.View())
	default:
		b.WriteString(m.pane.View())
	}
	b.WriteByte('\n')
	b.WriteString(m.statusLine())
	return b.String()
}

// fullHelp is the help shown by ? in place of the pane: every binding, in
// columns flowed into as many bands as the window's width needs, each
// line cut to the width.
func (m Model) fullHelp() string {
	const gap = "   "
	var bands, band []string
	bandW := 0
	for _, group := range m.keys.FullHelp() {
		col := m.help.FullHelpView([][]key.Binding{group})
		w := lipgloss.Width(col)
		if len(band) > 0 && bandW+len(gap)+w > m.width-1 {
			bands = append(bands, lipgloss.JoinHorizontal(lipgloss.Top, band...))
			band, bandW = nil, 0
		}
		if len(band) > 0 {
			band = append(band, gap)
			bandW += len(gap)
		} else {
			band = append(band, " ")
			bandW++
		}
		band = append(band, col)
		bandW += w
	}
	if len(band) > 0 {
		bands = append(bands, lipgloss.JoinHorizontal(lipgloss.Top, band...))
	}
	out := strings.Split(strings.Join(bands, "\n\n"), "\n")
	for i, l := range out {
		out[i] = ansi.Truncate(strings.TrimRight(l, " "), m.width, "")
	}
	return strings.Join(out, "\n")
}

// lines returns s cut or padded to exactly n lines.
func lines(s string, n int) string {
	ls := strings.Split(s, "\n")
	if len(ls) > n {
		ls = ls[:n]
	}
	for len(ls) < n {
		ls = append(ls, "")
	}
	return strings.Join(ls, "\n")
}

func (m Model) minWidth() int {
	if m.r == nil {
		return minWidth
	}
	return render.MinWidth(m.r, render.Inline)
}

// fit wraps a message to the window, cutting what does not fit.
func fit(s string, w, h int) string {
	lines := strings.Split(lipgloss.NewStyle().Width(w).Render(s), "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	return strings.Join(lines, "\n")
}

// loadingView shows the loader's stage and progress.
func (m Model) loadingView() string {
	p := m.progressLast
	stage := p.stage
	if stage == "" {
		stage = "loading"
	}
	line := m.spin.View() + " " + sanitize(stage)
	if p.total > 0 {
		barW := max(min(m.width-len(line)-12, 40), 5)
		filled := min(p.done*barW/p.total, barW)
		line += "  " + strings.Repeat("█", filled) + strings.Repeat("░", barW-filled) +
			" " + strconv.Itoa(min(p.done*100/p.total, 100)) + "%"
	}
	return fit(line+"\n\n"+"q quits", m.width, m.h)
}

// header shows both names above their panes and the counts (and, for a
// series, which pair of versions is shown: v2 → v3 of 5).
func (m Model) header() string {
	summary := m.summary
	oldName, newName := sanitize(m.r.Old.Name), sanitize(m.r.New.Name)
	if m.multi() {
		oldName = versionLabel(m.pair[0]) + " " + oldName
		newName = versionLabel(m.pair[1]) + " " + newName
		summary = versionLabel(m.pair[0]) + " → " + versionLabel(m.pair[1]) + " of " +
			strconv.Itoa(len(m.opts.Versions)) + " · " + summary
	}
	if m.pane.mode == render.Inline {
		left := " " + oldName + " → " + newName
		return m.st.header.Render(spread(left, summary+" ", m.width))
	}
	half := (m.width - 1) / 2
	left := truncate(" "+oldName, half)
	right := spread(" "+newName, summary+" ", m.width-half-1)
	return m.st.header.Render(left+pad(half-lipgloss.Width(left))) +
		m.st.headerDim.Render("│") + m.st.header.Render(right)
}

// counts summarises the result with the gutter's markers, ~3 +2 -1 ↕1,
// from st (the statistics under the ignore mask, which hid hidden runs).
func counts(r *diff.Result, st diff.Stats, hidden int) string {
	if r.Equal() {
		return "no differences"
	}
	var parts []string
	add := func(n int, s string) {
		if n > 0 {
			parts = append(parts, s+strconv.Itoa(n))
		}
	}
	add(st.Changed, "~")
	add(st.Added, "+")
	add(st.Removed, "-")
	add(st.Moved, "↕")
	if st.Split > 0 {
		parts = append(parts, strconv.Itoa(st.Split)+" split")
	}
	if st.Merged > 0 {
		parts = append(parts, strconv.Itoa(st.Merged)+" merged")
	}
	if len(parts) == 0 && hidden > 0 {
		return "every change hidden"
	}
	if len(parts) == 0 {
		return "boilerplate changes only"
	}
	return strings.Join(parts, " ")
}

// spread puts left and right at the ends of width cells, cutting left (and
// then right) when they do not fit.
func spread(left, right string, width int) string {
	rw := lipgloss.Width(right)
	if rw > width-8 {
		right, rw = "", 0
	}
	left = truncate(left, width-rw-1)
	return left + pad(width-lipgloss.Width(left)-rw) + right
}

func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if lipgloss.Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w-1, "") + "…"
}

// statusLine shows the position, the mode, a message and key hints.
func (m Model) statusLine() string {
	if m.prompt != promptNone {
		return m.input.View()
	}
	var parts []string
	switch {
	case m.overlay == overlayFindings:
		parts = append(parts, "findings "+strconv.Itoa(min(m.list.cursor+1, len(m.list.items)))+"/"+strconv.Itoa(len(m.list.items)))
		return m.statusBar(parts, "j/k move · enter go · esc close")
	case m.overlay == overlayPicker:
		return m.statusBar([]string{"compare two versions"}, "type 1 3 or j/k · enter compare · esc close")
	case m.showHist:
		line, lines, pct, match := m.hv.position()
		parts = append(parts, "history", "line "+strconv.Itoa(line)+"/"+strconv.Itoa(lines), strconv.Itoa(pct)+"%")
		if m.hv.query != "" {
			parts = append(parts, "/"+sanitize(m.hv.query)+" "+strconv.Itoa(match)+"/"+strconv.Itoa(len(m.hv.matches)))
		}
		return m.statusBar(parts, "/ search · H/esc back · q quit")
	}
	pos := m.pane.position()
	para := "¶ " + strconv.Itoa(pos.para) + "/" + strconv.Itoa(pos.paras)
	if pos.old {
		para = "old " + para
	}
	parts = append(parts, para)
	switch {
	case m.pane.unreviewedOnly:
		parts = append(parts, "unreviewed only "+strconv.Itoa(pos.unreviewed)+"/"+strconv.Itoa(pos.unreviewedN))
	case m.pane.flaggedOnly:
		parts = append(parts, "flagged only "+strconv.Itoa(pos.flag)+"/"+strconv.Itoa(pos.flags))
	case pos.changes > 0:
		parts = append(parts, "change "+strconv.Itoa(pos.change)+"/"+strconv.Itoa(pos.changes))
	default:
		parts = append(parts, "no changes")
	}
	if p := m.rev.progress(); p != "" {
		parts = append(parts, p)
	}
	parts = append(parts, strconv.Itoa(pos.percent)+"%")
	mode := m.pane.mode.String()
	if m.pane.fold {
		mode += ", folded"
	}
	parts = append(parts, mode)
	if m.ignore != 0 {
		parts = append(parts, strconv.Itoa(m.hidden)+" hidden ("+ignoreName(m.ignore)+")")
	}
	if m.pane.query != "" {
		parts = append(parts, "/"+sanitize(m.pane.query)+" "+strconv.Itoa(pos.match)+"/"+strconv.Itoa(len(m.pane.matches)))
	}
	return m.statusBar(parts, "")
}

// statusBar draws the status line: parts on the left, then the message,
// or hint, or the short help, on the right.
func (m Model) statusBar(parts []string, hint string) string {
	left := " " + strings.Join(parts, " · ")
	var right string
	style := m.st.status
	switch {
	case m.message != "":
		right = sanitize(m.message) + " "
		style = m.st.message
		if m.isError {
			style = m.st.errorMsg
		}
	case hint != "":
		right = hint + " "
		style = m.st.statusDim
	default:
		h := m.help
		h.SetWidth(max(m.width-lipgloss.Width(left)-2, 0))
		right = h.ShortHelpView(m.keys.ShortHelp())
		if right != "" {
			right += " "
		}
	}
	lw := lipgloss.Width(left)
	rw := lipgloss.Width(right)
	if lw+rw+1 > m.width {
		if m.message != "" {
			// The message matters more than the position.
			right = truncate(right, max(m.width-2, 1))
			return style.Render(pad(m.width-lipgloss.Width(right)) + right)
		}
		right, rw = "", 0
	}
	left = truncate(left, m.width)
	lw = lipgloss.Width(left)
	if m.message != "" || hint != "" {
		return m.st.status.Render(left+pad(m.width-lw-rw)) + style.Render(right)
	}
	return m.st.status.Render(left+pad(m.width-lw-rw)) + right
}

// Run runs the viewer until the user quits, restoring the terminal. When
// standard input is not a terminal (a version piped in), keys are read
// from the controlling terminal.
func Run(opts Options) error {
	if os.Getenv("NO_COLOR") != "" {
		opts.Color = false
	}
	var progOpts []tea.ProgramOption
	if !term.IsTerminal(int(os.Stdin.Fd())) {
		tty, err := os.Open("/dev/tty")
		if err != nil {
			return fmt.Errorf("tui: no terminal to read keys from: %w", err)
		}
		defer tty.Close()
		progOpts = append(progOpts, tea.WithInput(tty))
	}
	final, err := tea.NewProgram(New(opts), progOpts...).Run()
	if err != nil {
		return fmt.Errorf("tui: %w", err)
	}
	if fm, ok := final.(Model); ok && fm.err != nil {
		return fm.err
	}
	return nil
}
