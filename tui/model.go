package tui

import (
	"fmt"
	"os"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"golang.org/x/term"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/export"
	"github.com/storydiff/storydiff/diff/review"
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
	// Clipboard, when set, also copies text to the system clipboard (y,
	// Y); it returns the name of the tool used. The terminal's clipboard
	// (OSC 52) is always sent as well.
	Clipboard func(text string) (tool string, err error)
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

// Model is the viewer's Bubble Tea model. Make one with New.
type Model struct {
	opts  Options
	keys  keyMap
	st    *styles
	dark  bool
	width int
	h     int

	// screen is what is shown; under is the screen help or the prompt
	// covers (the screen itself otherwise).
	screen, under screenState
	status        statusMsg
	keyCtx        keyContext // what keys were last set for

	// loading
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
	// place is the paragraph to show once the pair loading arrives: a
	// block of the new result chosen by placeIn (see stepPair).
	place placeFunc

	// Editorial layer: the classes hidden, the statistics under that mask
	// and how many runs it hides; statistics under each mask, by result
	// (shared by the model's copies: a cache, filled off the UI loop when
	// a result loads, since counting walks every word).
	ignore  diff.ClassMask
	stats   diff.Stats
	hidden  int
	summary string // the header's counts of the new version and the blocks, from stats and hidden
	// summaryOld is the header's counts of the old version.
	summaryOld string
	statsOf    map[*diff.Result]maskStats

	list list // findings (F) or picker (p)

	// History view (H).
	histLoading bool
	hist        *diff.History
	hv          histView
	// inline is the user's choice of view with u: 0 automatic (by width),
	// 1 inline, -1 side by side.
	inline    int
	sentences bool

	help   help.Model
	prompt prompt
	// lastFormat is the export format chosen last (the prompt's default).
	lastFormat export.Format

	rev reviewer // the review of the pair shown (review_keys.go)

	// early, when set (by Run), is where the first load, started before
	// the program, delivers its loadedMsg; Init waits on it instead of
	// starting the load (see startEarly).
	early chan tea.Msg
}

// New returns the viewer's model for opts. Tests drive it with teatest or
// by calling Update and View.
func New(opts Options) Model {
	m := Model{
		opts:       opts,
		dark:       true,
		progress:   newProgress(),
		spin:       spinner.New(spinner.WithSpinner(spinner.Dot)),
		help:       help.New(),
		prompt:     newPrompt(),
		started:    time.Now(),
		results:    map[[2]int]*diff.Result{},
		statsOf:    map[*diff.Result]maskStats{},
		ignore:     opts.Ignore,
		lastFormat: export.FormatText,
		rev:        newReviewer(opts.Review, opts.Reviewer),
	}
	m.pair = defaultPair(opts)
	if opts.Inline {
		m.inline = 1
	}
	if dark, ok := darkFromEnv(os.Getenv("COLORFGBG")); ok {
		m.dark = dark
	}
	m.st = newStyles(m.dark, opts.Color)
	m.help.Styles = m.st.help
	m.enter(screenLoading)
	return m
}

// Init starts loading and asks for the terminal's background colour.
func (m Model) Init() tea.Cmd {
	load := m.load()
	if early := m.early; early != nil {
		load = func() tea.Msg { return <-early }
	}
	return tea.Batch(load, m.waitProgress(), m.spin.Tick, tea.RequestBackgroundColor)
}

// startEarly starts the first load at once, before the program: the
// terminal's setup (raw mode, queries) before Init took 30-60 ms on a
// busy machine, all of it on the way to the first frame. Init then waits
// for the load rather than starting it; its progress goes where Init's
// own load's would.
func (m *Model) startEarly() {
	early, load := make(chan tea.Msg, 1), m.load()
	go func() { early <- load() }() // load recovers its own panics
	m.early = early
}

// Update routes a message: window and terminal events to the model,
// background work to its handlers, keys and the mouse to the screen shown.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.h = msg.Width, msg.Height
		m.help.SetWidth(msg.Width)
		m.layout()
		return m, nil
	case tea.BackgroundColorMsg:
		m.restyle(msg.IsDark())
		return m, nil
	case statusMsg:
		m.status = msg
		return m, nil
	case progressMsg:
		return m.progressed(msg)
	case spinner.TickMsg:
		return m.ticked(msg)
	case loadedMsg:
		return m.loaded(msg)
	case countedMsg:
		return m.counted(msg)
	case historyMsg:
		return m.traced(msg)
	case exportedMsg:
		return m.exported(msg)
	case reviewLoadedMsg, reviewSavedMsg:
		return m.reviewMsg(msg)
	case tea.KeyPressMsg:
		if key.Matches(msg, m.keys.Force) {
			return m, tea.Quit
		}
		if m.screen != screenPrompt {
			m.status = statusMsg{}
		}
		mm, cmd := m.key(msg)
		mm.setKeys() // the context (a query, a mode) may have changed
		return mm, cmd
	case tea.MouseMsg:
		return m.mouse(msg)
	}
	if m.screen == screenPrompt { // the cursor's blink
		var cmd tea.Cmd
		m.prompt, cmd = m.prompt.Update(msg)
		return m, cmd
	}
	return m, nil
}

// key hands a key press to the screen shown.
func (m Model) key(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	switch m.screen {
	case screenLoading, screenError:
		switch {
		case key.Matches(msg, m.keys.Quit):
			return m, tea.Quit
		case key.Matches(msg, m.keys.Help):
			m.enter(screenHelp)
		}
		return m, nil
	case screenHelp:
		if key.Matches(msg, m.keys.Help, m.keys.Close) {
			m.leave()
		}
		return m, nil
	case screenPrompt:
		return m.promptKey(msg)
	case screenFindings, screenPicker:
		return m.listKey(msg)
	case screenHistory:
		return m.historyKey(msg)
	}
	return m.pagerKey(msg)
}

// mouse hands the mouse to the screen shown.
func (m Model) mouse(msg tea.MouseMsg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch m.screen {
	case screenHistory:
		m.hv, cmd = m.hv.Update(msg)
	case screenFindings, screenPicker:
		m.list, cmd = m.list.Update(msg)
	case screenPager:
		if c, ok := msg.(tea.MouseClickMsg); ok && c.Button == tea.MouseLeft {
			if i := m.pane.entryAt(c.Y - 1); i >= 0 {
				m.pane.cursor = i
			}
			return m, nil
		}
		m.pane, cmd = m.pane.Update(msg)
	}
	return m, cmd
}

// restyle rebuilds the styles for a dark or light background.
func (m *Model) restyle(dark bool) {
	if dark == m.dark {
		return
	}
	m.dark = dark
	m.st = newStyles(dark, m.opts.Color)
	m.help.Styles = m.st.help
	m.pane.st = m.st
	m.hv.setStyles(m.st)
	m.list.setStyles(m.st)
}

// Run runs the viewer until the user quits, restoring the terminal. When
// standard input is not a terminal (a version piped in), keys are read
// from the controlling terminal.
func Run(opts Options) error {
	if os.Getenv("NO_COLOR") != "" {
		opts.Color = false
	}
	if opts.Clipboard == nil {
		opts.Clipboard = systemClipboard
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
	m := New(opts)
	m.startEarly()
	final, err := tea.NewProgram(m, progOpts...).Run()
	if err != nil {
		return fmt.Errorf("tui: %w", err)
	}
	if fm, ok := final.(Model); ok && fm.err != nil {
		return fm.err
	}
	return nil
}
