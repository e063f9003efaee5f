package tui

import (
	"testing"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/internal/render"
)

// TestLightStyles: typography and style changes have a look of their own,
// visible and different from (lighter than: never bold) wording changes,
// in light and dark palettes and without colour.
func TestLightStyles(t *testing.T) {
	for _, dark := range []bool{false, true} {
		for _, col := range []bool{false, true} {
			s := newStyles(dark, col)
			for _, p := range [][2]render.Style{{render.WordDeleteLight, render.WordDelete}, {render.WordInsertLight, render.WordInsert}} {
				light, strong := s.span[p[0]], s.span[p[1]]
				if light == "" || light == strong {
					t.Errorf("dark %v colour %v: %v look %q, %v look %q: want a visible, different look", dark, col, p[0], light, p[1], strong)
				}
				if !containsBold(strong) {
					t.Errorf("dark %v colour %v: %v is not bold %q", dark, col, p[1], strong)
				}
				if containsBold(light) {
					t.Errorf("dark %v colour %v: %v is bold %q", dark, col, p[0], light)
				}
			}
		}
	}
}

// containsBold reports whether an SGR sequence sets bold (parameter 1).
func containsBold(sgr string) bool {
	params := ""
	for i := 0; i+1 < len(sgr); i++ {
		if sgr[i] == '\x1b' && sgr[i+1] == '[' {
			j := i + 2
			for j < len(sgr) && sgr[j] != 'm' {
				j++
			}
			params += ";" + sgr[i+2:j] + ";"
		}
	}
	for i := 0; i+2 < len(params); i++ {
		if params[i] == ';' && params[i+1] == '1' && params[i+2] == ';' {
			return true
		}
	}
	return false
}

// TestFlagSummaryREV: the header's flag summary counts every flag, REV
// included, in the order of importance.
func TestFlagSummaryREV(t *testing.T) {
	got := flagSummary(diff.Stats{Negations: 1, Reversals: 2, Quotes: 6, Names: 3})
	if want := "NEG 1 · REV 2 · QUOTE 6 · NAME 3"; got != want {
		t.Errorf("flagSummary = %q, want %q", got, want)
	}
}
