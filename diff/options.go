package diff

// Options tune Compare. The zero value (or a nil *Options) uses the
// defaults, which were tuned on the project's fixtures (see align.go).
type Options struct {
	// Progress, if not nil, is called from Compare's goroutine as work
	// advances: stage names a step ("linking sentences", "grouping
	// paragraphs", "diffing words") and done/total measure it.
	Progress func(stage string, done, total int)
}

func (o *Options) progress(stage string, done, total int) {
	if o != nil && o.Progress != nil {
		o.Progress(stage, done, total)
	}
}
