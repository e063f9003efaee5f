package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/storydiff/storydiff/internal/render"
)

// pagerKey handles a key on the pager: the keys that change the screen or
// the view here, the rest (moving, folds, jumps, matches) in the pane.
func (m Model) pagerKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Quit):
		return m, tea.Quit
	case key.Matches(msg, k.Help):
		m.enter(screenHelp)
		return m, nil
	case key.Matches(msg, k.Ignore):
		return m, m.cycleIgnore()
	case key.Matches(msg, k.Findings):
		m.list = findingsList(m.r.View(m.ignore), m.pane.markup, m.st)
		m.markList(&m.list)
		m.enter(screenFindings)
		return m, nil
	case key.Matches(msg, k.Flagged):
		return m, m.cycleFilter()
	case key.Matches(msg, k.Check, k.Query):
		return m.reviewKey(msg)
	case key.Matches(msg, k.PrevPair, k.NextPair):
		return m.stepPair(key.Matches(msg, k.NextPair))
	case key.Matches(msg, k.Pick):
		m.list = m.pickerList()
		m.enter(screenPicker)
		return m, nil
	case key.Matches(msg, k.History):
		return m.openHistory()
	case key.Matches(msg, k.Clear):
		m.pane.setQuery("")
		return m, nil
	case key.Matches(msg, k.Search):
		return m, m.openPrompt(promptSearch, "/", "")
	case key.Matches(msg, k.Fold):
		m.pane.setView(m.pane.mode, !m.pane.fold)
		if m.pane.fold {
			return m, note("unchanged paragraphs folded")
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
		return m, m.openPrompt(promptFormat, formatPrompt, string(m.lastFormat))
	case key.Matches(msg, k.Copy):
		return m, m.copyBlock()
	case key.Matches(msg, k.CopyAll):
		return m, m.copyReport()
	}
	if cmd := m.inactive(msg); cmd != nil {
		return m, cmd
	}
	var cmd tea.Cmd
	m.pane, cmd = m.pane.Update(msg)
	return m, cmd
}
