package export

import (
	"fmt"
	"io"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/internal/render"
)

// writeSideBySide writes the side-by-side layout of package render, at
// opt.Width columns (DefaultWidth when 0).
func writeSideBySide(w io.Writer, v diff.View, opt Options) (err error) {
	if err := check(v.Result); err != nil {
		return err
	}
	width := opt.Width
	if width <= 0 {
		width = DefaultWidth
	}
	if err := render.WriteSideBySide(w, v, width); err != nil {
		return fmt.Errorf("export side-by-side: %w", err)
	}
	return nil
}
