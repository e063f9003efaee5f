package export

import (
	"bytes"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/diff"
)

// jsonKeys writes r as JSON and returns the text and its key paths (see
// keyPaths).
func jsonKeys(t *testing.T, r *diff.Result) (string, map[string]bool) {
	t.Helper()
	var buf bytes.Buffer
	if err := writeJSON(&buf, r.View(0)); err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	keyPaths(v, "", keys)
	return buf.String(), keys
}

// keyPaths returns every object key path in v, array indices dropped:
// "blocks.sentences.words.op".
func keyPaths(v any, prefix string, out map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			out[p] = true
			keyPaths(e, p, out)
		}
	case []any:
		for _, e := range x {
			keyPaths(e, prefix, out)
		}
	}
}

// TestJSONSchema pins the schema documented on JSONResult: a result using
// every field gives exactly these keys, and a plain one leaves out the
// optional ones.
func TestJSONSchema(t *testing.T) {
	old := doc("a", []string{"The mayor said 12 died."}, []string{"Kept."}, []string{"Gone."})
	old.Paragraphs[0].Label = "lede"
	new := doc("b", []string{"Kept."}, []string{"The mayor said 15 died."}, []string{"Extra."})
	p := chg(ref(0, 0), ref(1, 0), we("The mayor said "), wd("12"), wi("15"), we(" died."))
	p.Runs = []diff.Run{{Start: 1, End: 3, Class: diff.ClassWording, Flags: diff.FlagNumber}}
	p.Flags = diff.FlagNumber
	r := assemble(t, old, new,
		diff.Block{Kind: diff.Equal, Old: []int{1}, New: []int{0}, Origin: -1, Pairs: []diff.Pair{eq(ref(1, 0), ref(0, 0), "Kept.")}},
		diff.Block{Kind: diff.Changed, Old: []int{0}, New: []int{1}, Moved: true, Origin: 0, Class: diff.ClassWording,
			Flags: diff.FlagNumber | diff.FlagNegation, Pairs: []diff.Pair{p}},
		diff.Block{Kind: diff.Removed, Old: []int{2}, Origin: -1, Boilerplate: "trailer", Pairs: []diff.Pair{rem(ref(2, 0), "Gone.")}},
		diff.Block{Kind: diff.Added, New: []int{2}, Origin: -1, Pairs: []diff.Pair{add(ref(2, 0), "Extra.")}})
	r.Findings = []diff.Finding{{Kind: "reordered", Text: "1 paragraph moved", Blocks: []int{1}}}
	out, keys := jsonKeys(t, r)
	var got []string
	for k := range keys {
		got = append(got, k)
	}
	sort.Strings(got)
	want := strings.Fields(`blocks blocks.boilerplate blocks.class blocks.flags blocks.kind blocks.moved blocks.new blocks.old
		blocks.origin blocks.sentences blocks.sentences.class blocks.sentences.flags blocks.sentences.kind
		blocks.sentences.moved blocks.sentences.new blocks.sentences.new_ref blocks.sentences.old
		blocks.sentences.old_ref blocks.sentences.runs blocks.sentences.runs.class blocks.sentences.runs.end
		blocks.sentences.runs.flags blocks.sentences.runs.start blocks.sentences.words blocks.sentences.words.op
		blocks.sentences.words.text findings findings.blocks findings.kind findings.text new new.name
		new.paragraphs old old.labels old.name old.paragraphs stats stats.added stats.changed stats.equal
		stats.merged stats.moved stats.new_paragraphs stats.old_paragraphs stats.removed stats.reversals stats.sentences_added
		stats.old_unchanged stats.old_changed stats.old_removed stats.old_boilerplate stats.new_unchanged stats.new_changed
		stats.new_added stats.new_boilerplate
		stats.sentences_changed stats.sentences_equal stats.sentences_moved stats.sentences_removed stats.split
		stats.words_added stats.words_removed stats.typography stats.style stats.wording stats.negations
		stats.numbers stats.quotes stats.names stats.attributions stats.boilerplate stats.boilerplate_changed version`)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Errorf("keys:\n%v\nwant:\n%v", got, want)
	}
	for _, frag := range []string{`"old_ref": [
            0,
            0
          ]`, `"origin": 0`, `"flags": [
        "negation",
        "number"
      ]`, `"old": [],`, `"kind": "changed"`, `"op": "delete"`, `"labels": [
      "lede",
      "",
      ""
    ]`} {
		if !strings.Contains(out, frag) {
			t.Errorf("JSON lacks %s", frag)
		}
	}
	// A plain result leaves out every optional member; split and merged
	// appear only on such blocks.
	for _, c := range []struct {
		shape      int
		want, deny []string
	}{
		{0, nil, []string{"findings", "old.labels", "blocks.origin", "blocks.class", "blocks.flags", "blocks.boilerplate",
			"blocks.split", "blocks.merged", "blocks.sentences.words", "blocks.sentences.runs", "blocks.sentences.old_ref.x"}},
		{6, []string{"blocks.split"}, []string{"blocks.merged"}},
		{7, []string{"blocks.merged"}, []string{"blocks.split"}},
	} {
		_, keys := jsonKeys(t, shapes[c.shape].r(t))
		for _, k := range c.want {
			if !keys[k] {
				t.Errorf("%s: no %q", shapes[c.shape].name, k)
			}
		}
		for _, k := range c.deny {
			if keys[k] {
				t.Errorf("%s: has %q", shapes[c.shape].name, k)
			}
		}
	}
}

// TestAppendJSONString checks the encoder against encoding/json: the same
// bytes, except that DEL, C1 controls and bidi overrides, which
// encoding/json leaves raw, are escaped (the same string once decoded).
func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"", "plain", `"quoted" \ back`, "<script>&</script>", "\x00\x01\b\f\n\r\t\x1f",
		"bad \xff\xfe utf8 \xe2\x82", "line\u2028para\u2029", "ünïcødé 漢字 👍🏽", "\u00a0nbsp"} {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"del\x7f", `"del\u007f"`},
		{"c1 \u0080\u009b\u009f", `"c1 \u0080\u009b\u009f"`},
		{"bidi \u202e\u2066\u2069 end", `"bidi \u202e\u2066\u2069 end"`},
		{"kept \u00a0\u200e", "\"kept \u00a0\u200e\""},
	} {
		got := appendJSONString(nil, tt.in)
		if string(got) != tt.want {
			t.Errorf("appendJSONString(%q) = %s, want %s", tt.in, got, tt.want)
		}
		var back string
		if err := json.Unmarshal(got, &back); err != nil || back != tt.in {
			t.Errorf("%s decodes to %q (%v), want %q", got, back, err, tt.in)
		}
	}
}

// TestAppendJSONStringEveryByte puts every byte value at every offset of
// a run of plain text (where the table scan starts, stops and ends) and
// checks the result against encoding/json, or for the byte
// encoding/json leaves raw (DEL) against its escape.
func TestAppendJSONStringEveryByte(t *testing.T) {
	base := []byte("abcdefghijklmnopq")
	for c := range 256 {
		for at := range base {
			b := bytes.Clone(base)
			b[at] = byte(c)
			s := string(b)
			got := appendJSONString(nil, s)
			want, err := json.Marshal(s)
			if err != nil {
				t.Fatal(err)
			}
			if c == 0x7f {
				want = []byte(strings.Replace(string(want), "\x7f", `\u007f`, 1))
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("byte %#x at %d: %s, want %s", c, at, got, want)
			}
		}
	}
}
