package tui

import (
	"image/color"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/storydiff/storydiff/internal/render"
)

// styles holds the look of every part of the screen. Text spans are drawn
// with precomputed SGR sequences (one string concatenation per span, no
// lipgloss call in the hot path); the chrome uses lipgloss styles.
type styles struct {
	color bool
	span  [render.NumStyles]string // SGR prefix per render.Style
	// inline is span for the inline view, where deleted and inserted words
	// stand side by side: deletions are also struck through, so that they
	// read apart from insertions without colour.
	inline [render.NumStyles]string
	match  string // a search match
	// cursor marks the current row in the gutter.
	cursor string
	sep    string // the │ between panes
	// age colours the versions of the history view, oldest first.
	age [5]string

	header, headerDim, status, statusDim, message, errorMsg, prompt, title lipgloss.Style
	help                                                                   help.Styles
}

// newStyles builds the styles for a dark or light background, in colour or
// in monochrome (attributes and markers only).
func newStyles(isDark, useColor bool) *styles {
	s := &styles{color: useColor}
	ld := lipgloss.LightDark(isDark)
	c := func(light, dark string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(dark)) }
	st := ansi.NewStyle
	if useColor {
		green, red := c("#116329", "#7ee787"), c("#a40e26", "#ff7b72")
		blue, gray := c("#0550ae", "#79c0ff"), c("#6e7781", "#8b949e")
		s.span[render.Plain] = ""
		s.span[render.Added] = st().ForegroundColor(green).BackgroundColor(c("#e6ffec", "#12261e")).String()
		s.span[render.Removed] = st().ForegroundColor(red).BackgroundColor(c("#ffebe9", "#2d1517")).String()
		s.span[render.ChangedOld] = st().BackgroundColor(c("#fff5f4", "#1f1416")).String()
		s.span[render.ChangedNew] = st().BackgroundColor(c("#f3fff5", "#111d16")).String()
		s.span[render.WordDelete] = st().Bold().ForegroundColor(c("#82071e", "#ffdcd7")).BackgroundColor(c("#ffc1bb", "#8e1519")).String()
		s.span[render.WordInsert] = st().Bold().ForegroundColor(c("#044f1e", "#d2ffd9")).BackgroundColor(c("#abf2bc", "#196c2e")).String()
		// Typography and style: coloured and underlined, no strong
		// background, not bold: visible, lighter than wording.
		s.span[render.WordDeleteLight] = st().Underline(true).ForegroundColor(red).String()
		s.span[render.WordInsertLight] = st().Underline(true).ForegroundColor(green).String()
		s.span[render.Moved] = st().ForegroundColor(blue).String()
		s.span[render.Ghost] = st().Italic(true).ForegroundColor(blue).String()
		s.span[render.Boilerplate] = st().Faint().ForegroundColor(gray).String()
		s.span[render.Note] = st().Italic(true).ForegroundColor(c("#8250df", "#d2a8ff")).String()
		s.span[render.Badge] = st().Bold().ForegroundColor(c("#ffffff", "#1c1c1c")).BackgroundColor(c("#9a6700", "#e3b341")).String()
		s.span[render.Fold] = st().Italic(true).ForegroundColor(gray).String()
		s.span[render.Gutter] = st().ForegroundColor(gray).String()
		s.span[render.MarkAdded] = st().Bold().ForegroundColor(green).String()
		s.span[render.MarkRemoved] = st().Bold().ForegroundColor(red).String()
		s.span[render.MarkChanged] = st().Bold().ForegroundColor(c("#9a6700", "#e3b341")).String()
		s.span[render.MarkMoved] = st().Bold().ForegroundColor(blue).String()
		s.span[render.Markup] = st().Faint().String()
		s.match = st().ForegroundColor(c("#000000", "#000000")).BackgroundColor(c("#fbd34d", "#fbd34d")).String()
		s.cursor = st().Bold().ForegroundColor(c("#bf3989", "#ff80c8")).String()
		s.sep = st().ForegroundColor(c("#d0d7de", "#30363d")).String()
		s.age = [5]string{
			st().ForegroundColor(gray).String(),
			st().ForegroundColor(blue).String(),
			st().ForegroundColor(c("#8250df", "#d2a8ff")).String(),
			st().Bold().ForegroundColor(c("#9a6700", "#e3b341")).String(),
			st().Bold().ForegroundColor(c("#bc4c00", "#ffa657")).String(),
		}
	} else {
		s.span[render.Added] = st().Underline(true).String()
		s.span[render.Removed] = st().Strikethrough(true).String()
		s.span[render.WordDelete] = st().Bold().Strikethrough(true).String()
		s.span[render.WordInsert] = st().Bold().Underline(true).String()
		s.span[render.WordDeleteLight] = st().Strikethrough(true).String() // not bold: lighter than wording
		s.span[render.WordInsertLight] = st().Underline(true).String()
		s.span[render.Moved] = st().Italic(true).String()
		s.span[render.Ghost] = st().Italic(true).Faint().String()
		s.span[render.Boilerplate] = st().Faint().String()
		s.span[render.Note] = st().Italic(true).String()
		s.span[render.Badge] = st().Reverse(true).String()
		s.span[render.Fold] = st().Faint().String()
		s.span[render.Gutter] = st().Faint().String()
		for _, m := range []render.Style{render.MarkAdded, render.MarkRemoved, render.MarkChanged, render.MarkMoved} {
			s.span[m] = st().Bold().String()
		}
		s.match = st().Reverse(true).String()
		s.cursor = st().Bold().String()
		faint, bold := st().Faint().String(), st().Bold().String()
		s.age = [5]string{faint, faint, "", bold, bold}
	}
	s.inline = s.span
	if useColor {
		s.inline[render.WordDelete] = st().Bold().Strikethrough(true).ForegroundColor(c("#82071e", "#ffdcd7")).BackgroundColor(c("#ffc1bb", "#8e1519")).String()
		s.inline[render.Removed] = st().Strikethrough(true).ForegroundColor(c("#a40e26", "#ff7b72")).BackgroundColor(c("#ffebe9", "#2d1517")).String()
		s.inline[render.WordDeleteLight] = st().Strikethrough(true).ForegroundColor(c("#a40e26", "#ff7b72")).String()
	}
	bar := lipgloss.NewStyle()
	if useColor {
		bar = bar.Background(c("#eaeef2", "#21262d")).Foreground(c("#1f2328", "#e6edf3"))
	} else {
		bar = bar.Reverse(true)
	}
	s.header = bar.Bold(true)
	s.headerDim = bar
	s.status = bar
	s.statusDim = bar.Faint(true)
	s.title = lipgloss.NewStyle().Bold(true)
	s.message = bar.Bold(true)
	s.errorMsg = bar.Bold(true)
	if useColor {
		s.errorMsg = s.errorMsg.Foreground(c("#a40e26", "#ff7b72"))
		s.message = s.message.Foreground(c("#116329", "#7ee787"))
	}
	s.prompt = lipgloss.NewStyle().Bold(true)
	if useColor {
		s.help = help.DefaultStyles(isDark)
	} else {
		plain := lipgloss.NewStyle()
		s.help = help.Styles{
			Ellipsis: plain, ShortKey: plain.Bold(true), ShortDesc: plain, ShortSeparator: plain,
			FullKey: plain.Bold(true), FullDesc: plain, FullSeparator: plain,
		}
	}
	return s
}

// drawSpan writes text in style st (the inline view's variant if inline).
func (s *styles) drawSpan(b *strings.Builder, text string, st render.Style, inline bool) {
	if text == "" {
		return
	}
	sgr := s.span[st]
	if inline {
		sgr = s.inline[st]
	}
	if sgr == "" {
		b.WriteString(text)
		return
	}
	b.WriteString(sgr)
	b.WriteString(text)
	b.WriteString(resetSGR)
}

// darkFromEnv reads COLORFGBG ("15;0": foreground 15 on background 0), set
// by rxvt, Konsole and others, for terminals that do not answer the
// background colour query: it reports whether the background is dark and
// whether the variable said. Background colours 0–6 and 8 are dark.
func darkFromEnv(v string) (dark, ok bool) {
	if v == "" {
		return false, false
	}
	f := strings.Split(v, ";")
	bg, err := strconv.Atoi(f[len(f)-1])
	if err != nil || bg < 0 || bg > 255 {
		return false, false
	}
	return bg <= 6 || bg == 8 || (bg >= 232 && bg < 244), true
}
