package export

import (
	"fmt"
	"io"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/internal/render"
)

// writeSideBySide writes the side-by-side layout of package render, at
// opt.Width columns (DefaultWidth when 0).
func writeSideBySide(w io.Writer, r *diff.Result, opt Options) (err error) {
	defer guard("side-by-side", &err)
	if err := check(r); err != nil {
		return err
	}
	width := opt.Width
	if width <= 0 {
		width = DefaultWidth
	}
	if err := render.WriteSideBySideIgnoring(w, r, width, opt.Ignore); err != nil {
		return fmt.Errorf("export side-by-side: %w", err)
	}
	return nil
}
