package export

import (
	"bufio"
	"bytes"
	"runtime"
	"strconv"
	"unicode/utf8"

	"github.com/storydiff/storydiff/diff"

	"github.com/storydiff/storydiff/internal/par"
	"github.com/storydiff/storydiff/internal/textsafe"
)

// jsonWriter writes the JSON document of a Result without reflection,
// byte for byte as json.MarshalIndent(newJSONResult(r), "", "  ") would
// (TestJSONStreamMatchesMarshal holds it to that), streaming so that memory
// stays flat however long the story.
type jsonWriter struct {
	w     *bufio.Writer
	first []bool // per open container: no member written yet
	buf   []byte // scratch
}

func (j *jsonWriter) newline() {
	j.w.WriteByte('\n')
	for range len(j.first) {
		j.w.WriteString("  ")
	}
}

func (j *jsonWriter) open(c byte) {
	j.w.WriteByte(c)
	j.first = append(j.first, true)
}

func (j *jsonWriter) close(c byte) {
	empty := j.first[len(j.first)-1]
	j.first = j.first[:len(j.first)-1]
	if !empty {
		j.newline()
	}
	j.w.WriteByte(c)
}

// elem starts the next member of the open container.
func (j *jsonWriter) elem() {
	if top := len(j.first) - 1; j.first[top] {
		j.first[top] = false
	} else {
		j.w.WriteByte(',')
	}
	j.newline()
}

// key starts an object member; names are the schema's ASCII constants.
func (j *jsonWriter) key(name string) {
	j.elem()
	j.w.WriteByte('"')
	j.w.WriteString(name)
	j.w.WriteString(`": `)
}

func (j *jsonWriter) str(s string) {
	j.buf = appendJSONString(j.buf[:0], s)
	j.w.Write(j.buf)
}

func (j *jsonWriter) int(n int) {
	j.buf = strconv.AppendInt(j.buf[:0], int64(n), 10)
	j.w.Write(j.buf)
}

func (j *jsonWriter) bool(b bool) {
	if b {
		j.w.WriteString("true")
	} else {
		j.w.WriteString("false")
	}
}

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
		buf   bytes.Buffer
		k     jsonWriter
		done  chan struct{}
		fault any // a panic of the chunk's encoder, raised again by the writer
	}
	slots := make([]slot, window)
	depth := len(j.first)
	for i := range slots {
		sl := &slots[i]
		sl.k = jsonWriter{w: bufio.NewWriterSize(&sl.buf, 16<<10), first: make([]bool, depth)}
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
		k.first = k.first[:depth]
		k.first[depth-1] = c == 0 // the array's first member has no comma before it
		for i := c * jsonChunk; i < min(n, (c+1)*jsonChunk); i++ {
			k.elem()
			each(k, i)
		}
		k.w.Flush()
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
		j.w.Write(sl.buf.Bytes())
		sl.buf.Reset()
		if next := c + window; next < chunks {
			go encode(next)
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
		j.w.Write(review)
	}
	j.key("blocks")
	j.parallelArray(len(r.Blocks), func(k *jsonWriter, i int) { k.block(&r.Blocks[i]) })
	j.close('}')
	j.w.WriteByte('\n')
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
	if p.Old != "" {
		j.key("old")
		j.str(p.Old)
	}
	if p.New != "" {
		j.key("new")
		j.str(p.New)
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

// appendJSONString appends s as a JSON string the way encoding/json does
// with HTML escaping on: <, > and & as \u003c, \u003e, \u0026; control
// characters as \b \f \n \r \t or \u00XX; invalid UTF-8 as \ufffd; U+2028
// and U+2029 escaped.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != 0x7f && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&' {
				i++
				continue
			}
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
