package tui

import "charm.land/bubbles/v2/key"

// keyMap holds every key binding of the viewer; help.Model shows it. Which
// bindings are enabled depends on the screen (see Model.setKeys): a
// disabled binding neither matches nor shows in the help, so ? always
// lists exactly the keys that act.
type keyMap struct {
	Down, Up                  key.Binding
	PageDown, PageUp          key.Binding
	HalfDown, HalfUp          key.Binding
	Top, Bottom               key.Binding
	NextChange, PrevChange    key.Binding
	NextMatch, PrevMatch      key.Binding
	NextPara, PrevPara        key.Binding
	Jump, Back                key.Binding
	Search, Clear             key.Binding
	Fold, Inline, Sentences   key.Binding
	Ignore, Findings, Flagged key.Binding
	Check, Query              key.Binding
	PrevPair, NextPair        key.Binding
	Pick, History             key.Binding
	Export, Copy, CopyAll     key.Binding
	Help, Close, Quit, Force  key.Binding
	// The prompt's keys (shown by the help of a screen with a prompt).
	Submit, Cancel, Complete key.Binding
}

func defaultKeys() keyMap {
	return keyMap{
		Down:       key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/↓", "down")),
		Up:         key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", "up")),
		PageDown:   key.NewBinding(key.WithKeys("space", "pgdown"), key.WithHelp("space/pgdn", "page down")),
		PageUp:     key.NewBinding(key.WithKeys("b", "pgup"), key.WithHelp("b/pgup", "page up")),
		HalfDown:   key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "half page down")),
		HalfUp:     key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "half page up")),
		Top:        key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top")),
		Bottom:     key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),
		NextChange: key.NewBinding(key.WithKeys("n", "]"), key.WithHelp("n/]", "next change")),
		PrevChange: key.NewBinding(key.WithKeys("N", "["), key.WithHelp("N/[", "previous change")),
		NextMatch:  key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
		PrevMatch:  key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),
		NextPara:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next paragraph")),
		PrevPara:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous paragraph")),
		Jump:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open fold / follow ¶ note")),
		Back:       key.NewBinding(key.WithKeys("backspace"), key.WithHelp("backspace", "jump back")),
		Search:     key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		Clear:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear search")),
		Fold:       key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "fold unchanged")),
		Inline:     key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "side-by-side/inline")),
		Sentences:  key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sentences/paragraphs")),
		Ignore:     key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "ignore typography/style")),
		Findings:   key.NewBinding(key.WithKeys("F", "!"), key.WithHelp("F/!", "findings and flags")),
		Flagged:    key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "n/N: flagged only")),
		Check:      key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "check change / uncheck")),
		Query:      key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "query change (note)")),
		PrevPair:   key.NewBinding(key.WithKeys("<"), key.WithHelp("<", "previous versions")),
		NextPair:   key.NewBinding(key.WithKeys(">"), key.WithHelp(">", "next versions")),
		Pick:       key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "pick versions")),
		History:    key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "history")),
		Export:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "export")),
		Copy:       key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy block")),
		CopyAll:    key.NewBinding(key.WithKeys("Y"), key.WithHelp("Y", "copy report")),
		Help:       key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Close:      key.NewBinding(key.WithKeys("q", "esc"), key.WithHelp("q/esc", "close")),
		Quit:       key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		Force:      key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit now")),
		Submit:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "accept")),
		Cancel:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Complete:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "complete")),
	}
}

// all returns every binding, to switch them on and off.
func (k *keyMap) all() []*key.Binding {
	return []*key.Binding{&k.Down, &k.Up, &k.PageDown, &k.PageUp, &k.HalfDown, &k.HalfUp,
		&k.Top, &k.Bottom, &k.NextChange, &k.PrevChange, &k.NextMatch, &k.PrevMatch,
		&k.NextPara, &k.PrevPara, &k.Jump, &k.Back, &k.Search, &k.Clear, &k.Fold, &k.Inline,
		&k.Sentences, &k.Ignore, &k.Findings, &k.Flagged, &k.Check, &k.Query, &k.PrevPair, &k.NextPair, &k.Pick,
		&k.History, &k.Export, &k.Copy, &k.CopyAll, &k.Help, &k.Close, &k.Quit, &k.Force,
		&k.Submit, &k.Cancel, &k.Complete}
}

// only enables bs and disables every other binding.
func (k *keyMap) only(bs ...*key.Binding) {
	for _, b := range k.all() {
		b.SetEnabled(false)
	}
	for _, b := range bs {
		b.SetEnabled(true)
	}
}

// nav returns the scrolling bindings every scrolling screen shares.
func (k *keyMap) nav() []*key.Binding {
	return []*key.Binding{&k.Down, &k.Up, &k.PageDown, &k.PageUp, &k.HalfDown, &k.HalfUp, &k.Top, &k.Bottom}
}

// ShortHelp returns the enabled bindings shown in the status line.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.NextChange, k.NextMatch, k.Jump, k.Search, k.Fold, k.Inline, k.Close, k.Help, k.Quit}
}

// FullHelp returns the bindings shown by ?, in columns; help.Model skips
// the disabled ones and empty columns.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Down, k.Up, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp, k.Top, k.Bottom},
		{k.NextChange, k.PrevChange, k.NextPara, k.PrevPara, k.Jump, k.Back, k.Check, k.Query},
		{k.Search, k.NextMatch, k.PrevMatch, k.Clear, k.Fold, k.Inline, k.Sentences},
		{k.Ignore, k.Findings, k.Flagged, k.PrevPair, k.NextPair, k.Pick, k.History},
		{k.Export, k.Copy, k.CopyAll, k.Submit, k.Cancel, k.Complete, k.Help, k.Close, k.Quit, k.Force},
	}
}
