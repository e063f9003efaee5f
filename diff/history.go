package diff

// History follows a story through a series of versions (write-thrus): it
// compares each version with the next and traces every sentence of the
// latest version back to the version that introduced it and the version
// that last changed it.
type History struct {
	// Versions are the documents in order, oldest first.
	Versions []*Document
	// Steps[k] compares Versions[k] with Versions[k+1].
	Steps []*Result
	// Origins holds, by paragraph and sentence of the latest version, where
	// that sentence comes from.
	Origins [][]Origin
}

// Origin says where a sentence of the latest version comes from. Versions
// are indices into History.Versions.
type Origin struct {
	// Introduced is the first version in which the sentence (or an earlier
	// form of it) appears.
	Introduced int
	// LastChanged is the version in which its text last changed; it equals
	// Introduced when the sentence never changed.
	LastChanged int
}

// NewHistory compares consecutive versions and traces the sentences of the
// last one. It needs at least one version; with one, every sentence is
// introduced in version 0.
func NewHistory(versions []*Document, opts *Options) *History {
	h := &History{Versions: versions}
	for k := 0; k+1 < len(versions); k++ {
		h.Steps = append(h.Steps, Compare(versions[k], versions[k+1], opts))
	}
	if len(versions) == 0 {
		return h
	}
	// Walk forward: the origin of each sentence of version k+1 follows from
	// its pair in step k.
	origins := originsOf(versions[0], func(SentRef) Origin { return Origin{0, 0} })
	for k, r := range h.Steps {
		prev := origins
		origins = originsOf(versions[k+1], func(ref SentRef) Origin {
			_, p := r.NewPair(ref)
			switch p.Kind {
			case Equal:
				return prev[p.OldRef.Para][p.OldRef.Sent]
			case Changed:
				o := prev[p.OldRef.Para][p.OldRef.Sent]
				o.LastChanged = k + 1
				return o
			default: // Added
				return Origin{k + 1, k + 1}
			}
		})
	}
	h.Origins = origins
	return h
}

func originsOf(d *Document, f func(SentRef) Origin) [][]Origin {
	out := make([][]Origin, len(d.Paragraphs))
	for p := range d.Paragraphs {
		row := make([]Origin, len(d.Paragraphs[p].Sentences))
		for s := range row {
			row[s] = f(SentRef{p, s})
		}
		out[p] = row
	}
	return out
}

// Equal reports whether no version differs from the one before it.
func (h *History) Equal() bool {
	for _, r := range h.Steps {
		if !r.Equal() {
			return false
		}
	}
	return true
}
