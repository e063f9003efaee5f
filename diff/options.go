package diff

// Options tune Compare. The zero value and a nil *Options are the same:
// no progress reports. (The matching thresholds are constants tuned on the
// project's fixtures: see link.go and group.go.)
type Options struct {
	// Progress, if not nil, is called from Compare's goroutine as work
	// advances: stage names the step starting or under way ("reading
	// sentences", "linking sentences", "finding splits and merges",
	// "grouping paragraphs", "diffing words", "classifying changes",
	// "done") and done/total is the share of the whole comparison
	// finished, in per cent (total is 100; done never decreases).
	Progress func(stage string, done, total int)
}

func (o *Options) progress(stage string, done, total int) {
	if o != nil && o.Progress != nil {
		o.Progress(stage, done, total)
	}
}
