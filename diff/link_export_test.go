package diff

// LinkStages runs Compare's linking and grouping stages one by one for
// the benchmarks of package diff_test; each function runs its stage on
// what the stages before it left.
type LinkStages struct {
	od, nd *Document
	l      *linker
	groups []*group
}

// NewLinkStages prepares the stages for a pair of documents.
func NewLinkStages(od, nd *Document) *LinkStages { return &LinkStages{od: od, nd: nd} }

// Features builds the linker (newLinker).
func (s *LinkStages) Features() { s.l = newLinker(s.od, s.nd) }

// Link links anchors, exact and similar sentences.
func (s *LinkStages) Link() {
	s.l.linkAnchors()
	s.l.linkExact()
	s.l.linkSimilar()
}

// Partial adds the partial links.
func (s *LinkStages) Partial() { s.l.linkPartial() }

// Group groups the paragraphs and orders the blocks.
func (s *LinkStages) Group() {
	s.groups = groupParagraphs(s.l, s.od, s.nd)
	orderBlocks(s.groups, len(s.od.Paragraphs), len(s.nd.Paragraphs))
}
