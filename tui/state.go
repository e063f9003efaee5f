package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// screenState is what the viewer shows: exactly one at a time. The package doc
// draws the transitions; they all go through Model.enter and Model.leave.
type screenState uint8

const (
	screenLoading  screenState = iota // a pair is being loaded or compared
	screenError                       // the first load failed
	screenPager                       // the diff rows (the pane)
	screenHistory                     // H: who wrote each sentence
	screenFindings                    // F: findings and flagged changes
	screenPicker                      // p: choose two versions
	screenHelp                        // ?: the live keys of the screen under it
	screenPrompt                      // the one-line prompt (search, export)
)

var screenNames = [...]string{"loading", "error", "pager", "history", "findings", "picker", "help", "prompt"}

// String names the screen.
func (s screenState) String() string {
	if int(s) < len(screenNames) {
		return screenNames[s]
	}
	return "unknown"
}

// overlay reports whether s covers another screen and returns to it when
// closed (help and the prompt).
func (s screenState) overlay() bool { return s == screenHelp || s == screenPrompt }

// statusMsg is the text of the status line, sent up by any part of the
// viewer as a command (see note and fail); the next key clears it.
type statusMsg struct {
	text  string
	isErr bool
}

// note returns a command that shows s in the status line.
func note(s string) tea.Cmd {
	if s == "" {
		return nil
	}
	return func() tea.Msg { return statusMsg{text: s} }
}

// fail returns a command that shows s in the status line as an error.
func fail(s string) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: s, isErr: true} }
}

// enter makes s the screen. An overlay (help, prompt) remembers the screen
// under it; entering a full screen from an overlay drops the overlay.
func (m *Model) enter(s screenState) {
	switch {
	case s.overlay() && !m.screen.overlay():
		m.under = m.screen
	case !s.overlay():
		m.under = s
	}
	m.screen = s
	m.setKeys()
	m.layout()
}

// leave closes the current screen: an overlay returns to the screen under
// it, history, findings and the picker return to the pager.
func (m *Model) leave() {
	switch {
	case m.screen.overlay():
		m.screen = m.under
	case m.r != nil:
		m.screen, m.under = screenPager, screenPager
	}
	m.setKeys()
	m.layout()
}

// base is the screen whose keys are live: the one under help.
func (m *Model) base() screenState {
	if m.screen == screenHelp {
		return m.under
	}
	return m.screen
}

// keyContext is what the live bindings depend on.
type keyContext struct {
	screen, under             screenState
	query, histQuery, flagged bool
	unreviewed, review        bool
	prompt                    promptKind
	multi, history, set       bool
}

// setKeys enables the bindings that act on the current screen (for help,
// on the screen under it) and adapts their help to the context.
func (m *Model) setKeys() {
	ctx := keyContext{screen: m.screen, under: m.under, query: m.pane.query != "", histQuery: m.hv.query != "",
		flagged: m.pane.flaggedOnly, unreviewed: m.pane.unreviewedOnly, review: m.pane.marks != nil, prompt: m.prompt.kind, multi: m.multi(), history: m.opts.History != nil, set: true}
	if ctx == m.keyCtx {
		return // common case: the same bindings as for the last key
	}
	m.keyCtx = ctx
	k := defaultKeys()
	switch s := m.base(); s {
	case screenLoading, screenError:
		k.only(&k.Help, &k.Quit, &k.Force)
	case screenPager:
		on := append(k.nav(), &k.NextChange, &k.PrevChange, &k.NextPara, &k.PrevPara, &k.Jump,
			&k.Back, &k.Search, &k.Fold, &k.Inline, &k.Sentences, &k.Ignore, &k.Findings,
			&k.Flagged, &k.Export, &k.Copy, &k.CopyAll, &k.Help, &k.Quit, &k.Force)
		if m.pane.query != "" {
			on = append(on, &k.NextMatch, &k.PrevMatch, &k.Clear)
			k.NextChange.SetKeys("]")
			k.NextChange.SetHelp("]", "next change")
			k.PrevChange.SetKeys("[")
			k.PrevChange.SetHelp("[", "previous change")
		}
		if m.pane.flaggedOnly {
			k.NextChange.SetHelp(k.NextChange.Help().Key, "next flagged change")
			k.PrevChange.SetHelp(k.PrevChange.Help().Key, "previous flagged change")
		}
		if m.pane.unreviewedOnly {
			k.NextChange.SetHelp(k.NextChange.Help().Key, "next unreviewed change")
			k.PrevChange.SetHelp(k.PrevChange.Help().Key, "previous unreviewed change")
		}
		if m.rev.on() {
			on = append(on, &k.Check, &k.Query)
			k.Flagged.SetHelp("m", "n/N: flagged, unreviewed, all")
		}
		if m.multi() {
			on = append(on, &k.PrevPair, &k.NextPair, &k.Pick)
			if m.opts.History != nil {
				on = append(on, &k.History)
			}
		}
		k.only(on...)
	case screenHistory:
		on := append(k.nav(), &k.Jump, &k.Search, &k.Help, &k.Close, &k.Force, &k.History)
		k.Down.SetHelp("j/↓", "next sentence")
		k.Up.SetHelp("k/↑", "previous sentence")
		k.Jump.SetHelp("enter", "open where it last changed")
		k.History.SetHelp("H", "back to the diff")
		if m.hv.query != "" {
			on = append(on, &k.NextMatch, &k.PrevMatch, &k.Clear)
			k.Close.SetKeys("q")
			k.Close.SetHelp("q", "close")
		}
		k.only(on...)
	case screenFindings, screenPicker:
		on := append(k.nav(), &k.Jump, &k.Help, &k.Close, &k.Force)
		k.Jump.SetHelp("enter", "go to it")
		if s == screenPicker {
			k.Jump.SetHelp("enter", "compare")
			k.Pick.SetHelp("p", "close")
			on = append(on, &k.Pick)
		} else {
			k.Findings.SetHelp("F/!", "close")
			on = append(on, &k.Findings)
		}
		k.only(on...)
	case screenPrompt:
		on := []*key.Binding{&k.Submit, &k.Cancel, &k.Force}
		if m.prompt.kind == promptFormat || m.prompt.kind == promptPath {
			on = append(on, &k.Complete)
		}
		k.only(on...)
	}
	if m.screen == screenHelp {
		k.Help.SetHelp("?", "close help")
		k.Close.SetEnabled(true)
		k.Close.SetKeys("q", "esc")
		k.Close.SetHelp("q/esc", "close help")
		k.Quit.SetEnabled(false)
	}
	m.keys = k
	m.pane.keys = k
}

// inactive explains a key that names a binding not live on this screen
// (< with two versions, say), so that no key press goes unanswered; nil
// for a live key, esc, or a key bound to nothing.
func (m *Model) inactive(msg tea.KeyPressMsg) tea.Cmd {
	for _, b := range m.keys.all() {
		if b.Enabled() && key.Matches(msg, *b) {
			return nil
		}
	}
	if msg.String() == "esc" {
		return nil
	}
	all := defaultKeys()
	switch {
	case key.Matches(msg, all.PrevPair, all.NextPair, all.Pick, all.History) && !m.multi():
		return note("only two versions")
	case key.Matches(msg, all.History) && m.opts.History == nil:
		return note("no history available")
	case key.Matches(msg, all.Check, all.Query) && !m.rev.on():
		return note("reviewing is off (--no-review)")
	}
	for _, b := range all.all() {
		if key.Matches(msg, *b) {
			h := b.Help()
			return note(h.Key + " (" + h.Desc + ") does not act on the " + m.screen.String() + " screen")
		}
	}
	return nil
}
