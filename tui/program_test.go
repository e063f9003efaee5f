package tui

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/export"
	"github.com/storydiff/storydiff/internal/render"
)

// --- teatest: the program as a user drives it.

func newTest(t *testing.T, r *diff.Result, w, h int) *teatest.TestModel {
	t.Helper()
	opts := Options{Color: true, Load: func(func(string, int, int)) (*diff.Result, error) { return r, nil }}
	tm := teatest.NewTestModel(t, New(opts), teatest.WithInitialTermSize(w, h))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("new.txt"))
	}, teatest.WithDuration(teaWait))
	return tm
}

func final(t *testing.T, tm *teatest.TestModel) Model {
	t.Helper()
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}) // q closes screens; ctrl+c always quits
	return tm.FinalModel(t, teatest.WithFinalTimeout(teaWait)).(Model)
}

func TestProgramNextChange(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	tm := newTest(t, r, 120, 40)
	tm.Type("n")
	m := final(t, tm)
	want := nextOf(m.pane.changes, 0, false)
	if m.pane.cursor != want {
		t.Fatalf("n: cursor %d, want first change after the top %d", m.pane.cursor, want)
	}
}

func TestProgramJump(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	probe := ready(t, r, 120, 40, Options{})
	n, moved := changePresses(probe, func(e render.Entry) bool {
		return e.Kind == render.RowBlock && r.Blocks[e.Block].Moved
	})
	if n < 0 {
		t.Skip("no moved block")
	}
	tm := newTest(t, r, 120, 40)
	tm.Type(strings.Repeat("n", n))
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("moved to")) },
		teatest.WithDuration(teaWait))
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	m := final(t, tm)
	if m.pane.cursor != moved {
		t.Fatalf("enter, enter: cursor %d, want back on %d", m.pane.cursor, moved)
	}
}

func TestProgramSearch(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	q := wordOnlyIn(r.New, r.Old)
	if q == "" {
		t.Skip("no word unique to the new side")
	}
	tm := newTest(t, r, 120, 40)
	tm.Type("/" + q)
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("matching")) },
		teatest.WithDuration(teaWait))
	m := final(t, tm)
	if len(m.pane.matches) == 0 || !m.pane.entryMatches(m.pane.entries[m.pane.cursor]) {
		t.Fatalf("/%s: matches %v, cursor %d", q, m.pane.matches, m.pane.cursor)
	}
}

func TestProgramExport(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	path := filepath.Join(t.TempDir(), "out.txt")
	tm := newTest(t, r, 120, 40)
	tm.Type("e")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter}) // format: text (the default)
	tm.Send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	tm.Type(path)
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("exported to")) },
		teatest.WithDuration(teaWait))
	final(t, tm)
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := export.Write(&want, r.View(0), export.FormatText, export.Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("exported file differs from --format text (%d vs %d bytes)", len(got), want.Len())
	}
}

func TestProgramExportExisting(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	path := filepath.Join(t.TempDir(), "out.md")
	if err := os.WriteFile(path, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	m := ready(t, r, 120, 40, Options{})
	m = press(m, "e", "ctrl+u", "m", "d", "enter", "ctrl+u")
	m = press(m, strings.Split(path, "")...)
	m = press(m, "enter")
	if m.prompt.kind != promptOverwrite {
		t.Fatalf("existing file: prompt %v, want the overwrite question", m.prompt.kind)
	}
	m = press(m, "n")
	if b, _ := os.ReadFile(path); string(b) != "keep me" {
		t.Fatal("file replaced after n")
	}
}

func TestProgramResizeAndQuit(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	tm := newTest(t, r, 200, 50)
	tm.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	m := final(t, tm)
	if m.width != 80 || m.pane.mode != render.Inline || m.pane.width != 80 {
		t.Fatalf("after resize: width %d, pane %d, mode %v", m.width, m.pane.width, m.pane.mode)
	}
}

func TestProgramQuitWhileLoading(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	opts := Options{Load: func(progress func(string, int, int)) (*diff.Result, error) {
		progress("linking sentences", 3, 10)
		<-release
		return nil, io.EOF
	}}
	tm := teatest.NewTestModel(t, New(opts), teatest.WithInitialTermSize(80, 24))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("linking sentences")) },
		teatest.WithDuration(teaWait))
	tm.Type("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(teaWait))
}
