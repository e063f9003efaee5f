package tui

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/storydiff/storydiff/diff/export"
	"github.com/storydiff/storydiff/internal/render"
)

// copyBlock copies the block under the cursor as the text report writes
// it (heading, paragraphs, [-…-] and {+…+} markers), not as the screen
// draws it.
func (m Model) copyBlock() tea.Cmd {
	if len(m.pane.entries) == 0 {
		return note("nothing to copy")
	}
	e := m.pane.entries[m.pane.cursor]
	var text string
	switch e.Kind {
	case render.RowFold:
		return note("nothing to copy on a fold: enter opens it")
	case render.RowGhost:
		text = export.OriginNote(m.r, e.Block) + "\n"
	default:
		var b bytes.Buffer
		if err := export.WriteBlock(&b, m.r.View(m.ignore), e.Block, export.Options{}); err != nil {
			return fail("cannot copy: " + sanitize(err.Error()))
		}
		text = b.String()
	}
	return m.copyText(text, "the block")
}

// copyReport copies the whole text report.
func (m Model) copyReport() tea.Cmd {
	var b bytes.Buffer
	if err := export.Write(&b, m.r.View(m.ignore), export.FormatText, export.Options{}); err != nil {
		return fail("cannot copy: " + sanitize(err.Error()))
	}
	return m.copyText(b.String(), "the report")
}

// copyText sends text to the terminal's clipboard (OSC 52, which some
// terminals ignore) and, when a system clipboard tool exists, through it
// too; the status line says which.
func (m Model) copyText(text, what string) tea.Cmd {
	n := strings.Count(text, "\n")
	size := strconv.Itoa(n) + " " + plural(n, "line", "lines")
	osc := what + " (" + size + ") sent to the terminal's clipboard (OSC 52; some terminals ignore it)"
	clip := m.opts.Clipboard
	if clip == nil {
		return tea.Batch(tea.SetClipboard(text), note("copied "+osc))
	}
	return tea.Batch(tea.SetClipboard(text), func() tea.Msg {
		tool, err := clip(text)
		if err != nil || tool == "" {
			return statusMsg{text: "copied " + osc}
		}
		return statusMsg{text: "copied " + what + " (" + size + ") with " + tool + " and OSC 52"}
	})
}

// errNoClipboard says no system clipboard tool was found.
var errNoClipboard = errors.New("no clipboard tool")

// systemClipboard copies text with the platform's clipboard tool, if one is
// installed and a display is there to hold the clipboard; it returns the
// tool's name.
func systemClipboard(text string) (string, error) {
	var tools [][]string
	switch {
	case runtime.GOOS == "darwin":
		tools = [][]string{{"pbcopy"}}
	case runtime.GOOS == "windows":
		tools = [][]string{{"clip.exe"}}
	case os.Getenv("WAYLAND_DISPLAY") != "":
		tools = [][]string{{"wl-copy"}}
	case os.Getenv("DISPLAY") != "":
		tools = [][]string{{"xclip", "-selection", "clipboard"}, {"xsel", "--clipboard", "--input"}}
	}
	for _, t := range tools {
		path, err := exec.LookPath(t[0])
		if err != nil {
			continue
		}
		cmd := exec.Command(path, t[1:]...)
		cmd.Stdin = strings.NewReader(text)
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("tui: %s: %w", t[0], err)
		}
		return t[0], nil
	}
	return "", errNoClipboard
}
