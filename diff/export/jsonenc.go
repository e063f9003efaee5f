package export

import (
	"io"
	"runtime"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/storydiff/storydiff/diff"

	"github.com/storydiff/storydiff/internal/par"
	"github.com/storydiff/storydiff/internal/textsafe"
)

// jsonWriter writes the JSON document of a Result without reflection,
// byte for byte as json.MarshalIndent(newJSONResult(r), "", "  ") would
// (TestJSONStreamMatchesMarshal holds it to that), streaming so that memory
// stays flat however long the story.
//
// It appends to its own byte slice and hands it to dst whenever it holds
// jsonFlushAt bytes, rather than writing through a bufio.Writer: most of
// what it writes is a byte or two of punctuation and an indent, and a
// bufio call per piece (bounds checks, Available, a copy out of a scratch
// buffer for every string) was more than half of the writer's CPU time;
// appending cut BenchmarkWriteJSON10MB's CPU time by about half.
type jsonWriter struct {
	out     []byte    // encoded, not yet written to dst
	dst     io.Writer // nil: everything stays in out (a parallel chunk)
	err     error     // the first error of dst; nothing is written after it
	first   []bool    // per open container: no member written yet
	flushes int       // how many times out was handed to dst (and emptied)
	// spare holds parallelArray's chunk buffers between arrays, so that
	// they grow once per document rather than once per array (it halved
	// BenchmarkWriteJSON1MB's bytes allocated).
	spare [][]byte
}

// jsonFlushAt is how many bytes a jsonWriter holds before writing them;
// encoded bytes of jsonRawAt or more are written as they are.
const (
	jsonFlushAt = 64 << 10
	jsonRawAt   = 16 << 10
)

// jsonIndent is what newline appends from: a newline and two spaces per
// open container, sliced to the depth (deeper documents append the rest in
// steps).
var jsonIndent = "\n" + strings.Repeat(" ", 64)

// newJSONWriter returns a writer writing to dst.
func newJSONWriter(dst io.Writer) *jsonWriter {
	return &jsonWriter{dst: dst, out: make([]byte, 0, jsonFlushAt+4<<10)}
}

// spill writes what out holds to dst once it holds jsonFlushAt bytes.
func (j *jsonWriter) spill() {
	if j.dst != nil && len(j.out) >= jsonFlushAt {
		j.flush()
	}
}

// flush writes what out holds to dst; it returns the first error met.
func (j *jsonWriter) flush() error {
	if j.dst == nil {
		return nil
	}
	if j.err == nil && len(j.out) > 0 {
		_, j.err = j.dst.Write(j.out)
	}
	j.out = j.out[:0]
	j.flushes++
	return j.err
}

// raw appends bytes already encoded (a parallel chunk, the review member).
func (j *jsonWriter) raw(b []byte) {
	if j.dst != nil && len(b) >= jsonRawAt {
		// Large (a chunk of a parallel array, tens of KB): written as it
		// is rather than copied into out.
		j.flush()
		if j.err == nil {
			_, j.err = j.dst.Write(b)
		}
		return
	}
	j.out = append(j.out, b...)
	j.spill()
}

func (j *jsonWriter) newline() {
	n := 2 * len(j.first)
	if n < len(jsonIndent) {
		j.out = append(j.out, jsonIndent[:1+n]...)
		return
	}
	j.out = append(j.out, '\n')
	for ; n > 0; n -= min(n, len(jsonIndent)-1) {
		j.out = append(j.out, jsonIndent[1:1+min(n, len(jsonIndent)-1)]...)
	}
}

func (j *jsonWriter) open(c byte) {
	j.out = append(j.out, c)
	j.first = append(j.first, true)
}

func (j *jsonWriter) close(c byte) {
	empty := j.first[len(j.first)-1]
	j.first = j.first[:len(j.first)-1]
	if !empty {
		j.newline()
	}
	j.out = append(j.out, c)
}

// elem starts the next member of the open container; it is also where
// the writer spills, between members.
func (j *jsonWriter) elem() {
	if top := len(j.first) - 1; j.first[top] {
		j.first[top] = false
	} else {
		j.out = append(j.out, ',')
	}
	j.spill()
	j.newline()
}

// key starts an object member; names are the schema's ASCII constants.
func (j *jsonWriter) key(name string) {
	j.elem()
	j.out = append(j.out, '"')
	j.out = append(j.out, name...)
	j.out = append(j.out, `": `...)
}

func (j *jsonWriter) str(s string) { j.out = appendJSONString(j.out, s) }

func (j *jsonWriter) int(n int) { j.out = strconv.AppendInt(j.out, int64(n), 10) }

func (j *jsonWriter) bool(b bool) { j.out = strconv.AppendBool(j.out, b) }

// array writes an array of n members, each written by each(i).
func (j *jsonWriter) array(n int, each func(i int)) {
	j.open('[')
	for i := range n {
		j.elem()
		each(i)
	}
	j.close(']')
}

// jsonChunk is how many array members one goroutine of parallelArray
// writes at a time.
const jsonChunk = 256

// parallelArray writes an array of n members like array, each written by
// each(k, i) through writer k; the members are encoded in chunks on all
// processors and written in order. At most a few chunks per processor are
// held in memory at once, so memory stays flat however long the array.
func (j *jsonWriter) parallelArray(n int, each func(k *jsonWriter, i int)) {
	workers := runtime.GOMAXPROCS(0)
	if workers < 2 || n <= jsonChunk {
		j.array(n, func(i int) { each(j, i) })
		return
	}
	j.open('[')
	chunks := (n + jsonChunk - 1) / jsonChunk
	// A window of chunks ahead of the writer, each in its slot: chunk
	// c+window starts in chunk c's slot (its buffers reused) when chunk c
	// has been written.
	window := min(2*workers, chunks)
	type slot struct {
		k     jsonWriter // dst nil: the chunk stays in k.out
		done  chan struct{}
		fault any // a panic of the chunk's encoder, raised again by the writer
	}
	slots := make([]slot, window)
	depth := len(j.first)
	for i := range slots {
		sl := &slots[i]
		sl.k = jsonWriter{first: make([]bool, depth)}
		if i < len(j.spare) {
			sl.k.out = j.spare[i]
		}
		sl.done = make(chan struct{}, 1)
	}
	encode := func(c int) {
		sl := &slots[c%window]
		defer func() {
			if v := recover(); v != nil {
				sl.fault = par.Panic{Value: v}
			}
			sl.done <- struct{}{}
		}()
		k := &sl.k
		k.out = k.out[:0]
		k.first = k.first[:depth]
		k.first[depth-1] = c == 0 // the array's first member has no comma before it
		for i := c * jsonChunk; i < min(n, (c+1)*jsonChunk); i++ {
			k.elem()
			each(k, i)
		}
	}
	for c := range window {
		go encode(c)
	}
	for c := range chunks {
		sl := &slots[c%window]
		<-sl.done
		if sl.fault != nil {
			panic(sl.fault) // on the caller's goroutine, where it can be recovered
		}
		j.raw(sl.k.out)
		if next := c + window; next < chunks {
			go encode(next)
		}
	}
	for i := range slots {
		if i < len(j.spare) {
			j.spare[i] = slots[i].k.out
		} else {
			j.spare = append(j.spare, slots[i].k.out)
		}
	}
	j.first[depth-1] = false
	j.close(']')
}

func (j *jsonWriter) ints(ns []int) { j.array(len(ns), func(i int) { j.int(ns[i]) }) }

func (j *jsonWriter) strs(ss []string) { j.array(len(ss), func(i int) { j.str(ss[i]) }) }

// result writes the whole document.
// review, if not nil, is the "review" member already encoded (at depth 1).
func (j *jsonWriter) result(v diff.View, review []byte) {
	r := v.Result
	j.open('{')
	j.key("version")
	j.int(JSONVersion)
	j.key("old")
	j.doc(r.Old)
	j.key("new")
	j.doc(r.New)
	j.key("stats")
	j.stats(&r.Stats)
	if ig := jsonIgnored(v); ig != nil {
		j.key("ignored")
		j.open('{')
		j.key("classes")
		j.strs(ig.Classes)
		j.key("hidden")
		j.int(ig.Hidden)
		j.close('}')
	}
	if len(r.Findings) > 0 {
		j.key("findings")
		j.array(len(r.Findings), func(i int) {
			f := &r.Findings[i]
			j.open('{')
			j.key("kind")
			j.str(f.Kind)
			j.key("text")
			j.str(f.Text)
			if len(f.Blocks) > 0 {
				j.key("blocks")
				j.ints(f.Blocks)
			}
			j.close('}')
		})
	}
	if len(r.Ghosts) > 0 {
		j.key("ghosts")
		j.array(len(r.Ghosts), func(i int) {
			g := &r.Ghosts[i]
			j.open('{')
			j.key("old")
			j.int(g.Old)
			j.key("block")
			j.int(g.Block)
			j.key("at")
			j.int(g.At)
			j.close('}')
		})
	}
	if review != nil {
		j.key("review")
		j.raw(review)
	}
	j.key("blocks")
	j.parallelArray(len(r.Blocks), func(k *jsonWriter, i int) { k.block(&r.Blocks[i]) })
	j.close('}')
	j.out = append(j.out, '\n')
}

func (j *jsonWriter) doc(d *diff.Document) {
	j.open('{')
	j.key("name")
	j.str(textsafe.Clean(d.Name))
	j.key("paragraphs")
	labelled := false
	j.parallelArray(len(d.Paragraphs), func(k *jsonWriter, i int) { k.str(d.Paragraphs[i].Text) })
	for i := range d.Paragraphs {
		labelled = labelled || d.Paragraphs[i].Label != ""
	}
	if labelled {
		j.key("labels")
		j.array(len(d.Paragraphs), func(i int) { j.str(d.Paragraphs[i].Label) })
	}
	j.close('}')
}

func (j *jsonWriter) stats(st *diff.Stats) {
	j.open('{')
	for _, m := range []struct {
		name string
		n    int
	}{
		{"old_paragraphs", st.OldParagraphs}, {"new_paragraphs", st.NewParagraphs},
		{"old_unchanged", st.OldEqual}, {"old_changed", st.OldChanged}, {"old_removed", st.OldRemoved},
		{"old_boilerplate", st.OldBoilerplate}, {"new_unchanged", st.NewEqual}, {"new_changed", st.NewChanged},
		{"new_added", st.NewAdded}, {"new_boilerplate", st.NewBoilerplate},
		{"equal", st.Equal}, {"changed", st.Changed}, {"added", st.Added}, {"removed", st.Removed},
		{"moved", st.Moved}, {"split", st.Split}, {"merged", st.Merged},
		{"sentences_equal", st.SentencesEqual}, {"sentences_changed", st.SentencesChanged},
		{"sentences_added", st.SentencesAdded}, {"sentences_removed", st.SentencesRemoved},
		{"sentences_moved", st.SentencesMoved},
		{"words_added", st.WordsAdded}, {"words_removed", st.WordsRemoved},
		{"typography", st.Typography}, {"style", st.Style}, {"wording", st.Wording},
		{"negations", st.Negations}, {"reversals", st.Reversals}, {"numbers", st.Numbers}, {"quotes", st.Quotes}, {"names", st.Names},
		{"attributions", st.Attributions},
		{"boilerplate", st.Boilerplate}, {"boilerplate_changed", st.BoilerplateChanged},
	} {
		j.key(m.name)
		j.int(m.n)
	}
	j.close('}')
}

func (j *jsonWriter) block(b *diff.Block) {
	j.open('{')
	j.key("kind")
	j.str(b.Kind.String())
	j.key("old")
	j.ints(b.Old)
	j.key("new")
	j.ints(b.New)
	j.key("moved")
	j.bool(b.Moved)
	if b.Moved {
		j.key("origin")
		j.int(b.Origin)
	}
	if b.IsSplit() {
		j.key("split")
		j.bool(true)
	}
	if b.IsMerge() {
		j.key("merged")
		j.bool(true)
	}
	j.classFlags(b.Class, b.Flags)
	if b.Boilerplate != "" {
		j.key("boilerplate")
		j.str(b.Boilerplate)
	}
	j.key("sentences")
	j.array(len(b.Pairs), func(i int) { j.pair(&b.Pairs[i]) })
	j.close('}')
}

func (j *jsonWriter) classFlags(c diff.Class, f diff.Flag) {
	if c != diff.ClassNone {
		j.key("class")
		j.str(c.String())
	}
	if f != 0 {
		if names := f.Names(); len(names) > 0 {
			j.key("flags")
			j.strs(names)
		}
	}
}

func (j *jsonWriter) ref(name string, r diff.SentRef) {
	if r.IsNone() {
		return
	}
	j.key(name)
	j.ints([]int{r.Para, r.Sent})
}

func (j *jsonWriter) pair(p *diff.Pair) {
	j.open('{')
	j.key("kind")
	j.str(p.Kind.String())
	start, end, flushes := 0, 0, j.flushes
	if p.Old != "" {
		j.key("old")
		start = len(j.out)
		j.str(p.Old)
		end = len(j.out)
	}
	if p.New != "" {
		j.key("new")
		if end > start && j.flushes == flushes && p.New == p.Old {
			// Most sentences are unchanged: the old text's encoding,
			// still in out, is copied rather than the text encoded
			// again.
			j.out = append(j.out, j.out[start:end]...)
		} else {
			j.str(p.New)
		}
	}
	j.ref("old_ref", p.OldRef)
	j.ref("new_ref", p.NewRef)
	if p.PartOf != nil {
		j.ref("part_of", *p.PartOf)
	}
	if p.OldMore > 0 {
		j.key("old_more")
		j.int(p.OldMore)
	}
	if p.NewMore > 0 {
		j.key("new_more")
		j.int(p.NewMore)
	}
	j.key("moved")
	j.bool(p.Moved)
	j.classFlags(p.Class, p.Flags)
	j.words("words", p.Words)
	if len(p.Runs) > 0 {
		j.key("runs")
		j.array(len(p.Runs), func(i int) {
			run := &p.Runs[i]
			j.open('{')
			j.key("start")
			j.int(run.Start)
			j.key("end")
			j.int(run.End)
			j.classFlags(run.Class, run.Flags)
			j.close('}')
		})
	}
	j.words("from", p.From)
	j.close('}')
}

// words writes the member key holding ws, if ws is not empty.
func (j *jsonWriter) words(key string, ws []diff.Word) {
	if len(ws) == 0 {
		return
	}
	j.key(key)
	j.array(len(ws), func(i int) {
		j.open('{')
		j.key("op")
		j.str(ws[i].Op.String())
		j.key("text")
		j.str(ws[i].Text)
		j.close('}')
	})
}

const hexDigits = "0123456789abcdef"

// jsonPlain marks the bytes appendJSONString copies as they are: ASCII
// but for control characters, DEL, the quote, the backslash and the
// HTML-escaped <, > and &. Bytes of multi-byte UTF-8 sequences are not
// plain: they are decoded and checked.
var jsonPlain = func() (t [256]bool) {
	for b := 0x20; b < 0x7f; b++ {
		t[b] = true
	}
	for _, b := range `"\<>&` {
		t[b] = false
	}
	return t
}()

// appendJSONString appends s as a JSON string the way encoding/json does
// with HTML escaping on: <, > and & as \u003c, \u003e, \u0026; control
// characters as \b \f \n \r \t or \u00XX; invalid UTF-8 as \ufffd; U+2028
// and U+2029 escaped.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		// The common case, a run of plain ASCII, in a tight loop over a
		// table (one load per byte instead of eight comparisons).
		for i < len(s) && jsonPlain[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		if b := s[i]; b < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' || (c >= 0x80 && c < 0xa0) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) {
			// Line separators break JavaScript; C1 controls and bidi
			// overrides would act on a terminal showing the JSON.
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', hexDigits[c>>12&0xF], hexDigits[c>>8&0xF], hexDigits[c>>4&0xF], hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
