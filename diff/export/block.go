package export

import (
	"bufio"
	"fmt"
	"io"

	"github.com/storydiff/storydiff/diff"
)

// WriteBlock writes block bi of v's result as the text report (FormatText) writes
// it: its heading ("¶2 → ¶3 · changed · wording") and its paragraphs,
// indented and wrapped at opt.Wrap, with [-…-] and {+…+} markers; for a
// moved block, with the line noting where it stood. It is what a reader
// copies from the viewer.
func WriteBlock(w io.Writer, v diff.View, bi int, opt Options) error {
	r := v.Result
	if err := check(r); err != nil {
		return err
	}
	if bi < 0 || bi >= len(r.Blocks) {
		return fmt.Errorf("export: no block %d (the result has %d)", bi, len(r.Blocks))
	}
	bw := bufio.NewWriter(w)
	pw := &paraWriter{w: bw, sk: textSkin, indent: "    ", width: opt.wrap()}
	bw.WriteString(blockHead(v, bi) + "\n")
	for i, ts := range paragraphs(v, bi) {
		if i > 0 {
			bw.WriteByte('\n')
		}
		pw.write(textSkin.named(ts))
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export block: %w", err)
	}
	return nil
}

// OriginNote returns the line the text report writes where moved block bi
// of r stood ("↕ old ¶N moved to new ¶M"), or "" if bi did not move.
func OriginNote(r *diff.Result, bi int) string {
	if r == nil || bi < 0 || bi >= len(r.Blocks) || !r.Blocks[bi].Moved {
		return ""
	}
	return originNote(r, step{kind: stepOrigin, block: bi})
}
