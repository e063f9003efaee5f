package input

import "errors"

var errUnsupported = errors.New("input format not supported yet")

func parseHTML(b *builder, src string) error          { return errUnsupported }
func parseXML(b *builder, src string, f Format) error { return errUnsupported }
func parseMarkdown(b *builder, src string)            { parseText(b, src) }
func isATXHeading(line string) bool                   { return false }
