package input

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/gogs/chardet"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
)

// decode turns raw input bytes into valid UTF-8 text with LF line ends
// (the text may share data's memory: data must not change afterwards):
//
//   - a UTF-8 byte order mark is stripped; a UTF-16 LE or BE byte order mark
//     selects UTF-16, which is decoded (unpaired surrogates become U+FFFD);
//   - input without a BOM that has a NUL in the same half of nearly every
//     byte pair (UTF-16 of mostly Latin, Greek or Cyrillic text) is decoded
//     as UTF-16 LE or BE, with a warning;
//   - other input holding a NUL byte (or, for UTF-16, a NUL character) is
//     refused with ErrBinary;
//   - valid UTF-8 (plain ASCII included) is kept as it is, whatever it
//     declares;
//   - input that is not valid UTF-8 but declares a charset (an XML
//     encoding or an HTML meta charset in its first 4 KiB) known to
//     golang.org/x/net/html/charset (the WHATWG labels: ISO-8859-1 means
//     windows-1252, and so on) is decoded with it, with a warning;
//   - otherwise, input whose non-ASCII bytes are mostly not UTF-8 (fewer
//     valid multi-byte sequences than invalid bytes, and at least
//     minGuessBytes non-ASCII bytes) is decoded in the legacy encoding the
//     bytes show (github.com/gogs/chardet, a port of ICU's detector, with
//     confidence at least minGuessConfidence; decoding by golang.org/x/text),
//     with a warning naming it;
//   - any other invalid UTF-8 byte becomes U+FFFD, with one warning giving
//     the count and the byte offset of the first;
//   - CRLF and lone CR become LF.
//
// The warnings returned do not name the file; Read prefixes them.
func decode(data []byte) (string, []string, error) {
	var warns []string
	var s string
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		var err error
		s, warns, err = decodeUTF16Text(data[2:], data[0] == 0xFE)
		if err != nil {
			return "", nil, err
		}
	default:
		off := 0
		if bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) {
			data, off = data[3:], 3
		}
		if bytes.IndexByte(data, 0) >= 0 {
			big, ok := looksUTF16(data)
			if !ok {
				return "", nil, ErrBinary
			}
			var err error
			s, warns, err = decodeUTF16Text(data, big)
			if err != nil {
				return "", nil, err
			}
			name := "UTF-16LE"
			if big {
				name = "UTF-16BE"
			}
			warns = append([]string{"no byte order mark, decoded as " + name + " (guessed from the bytes)"}, warns...)
			break
		}
		if utf8.Valid(data) {
			// The common case. data is Read's own buffer, never written
			// after this: the text is the buffer itself, not a copy.
			s = unsafe.String(unsafe.SliceData(data), len(data))
			break
		}
		if label, enc, name := declaredCharset(data); enc != nil {
			if t, err := enc.NewDecoder().Bytes(data); err == nil && utf8.Valid(t) {
				s = string(t)
				warns = append(warns, fmt.Sprintf("not UTF-8, decoded as %s (declared charset %s)", name, label))
				break
			}
		}
		if t, name, ok := guessLegacy(data); ok {
			s = t
			warns = append(warns, fmt.Sprintf("not UTF-8, decoded as %s (guessed from the bytes)", name))
			break
		}
		var n, first int
		s, n, first = toValidUTF8(data)
		warns = append(warns, fmt.Sprintf("%s shown as U+FFFD (first at byte %d)", plural(n, "invalid UTF-8 byte"), first+off))
	}
	return normalizeNewlines(s), warns, nil
}

// decodeUTF16Text decodes UTF-16 without its BOM, refusing a NUL character.
func decodeUTF16Text(b []byte, big bool) (string, []string, error) {
	s, bad := decodeUTF16(b, big)
	if strings.IndexByte(s, 0) >= 0 {
		return "", nil, ErrBinary
	}
	if bad > 0 {
		return s, []string{fmt.Sprintf("%s in UTF-16 shown as U+FFFD", plural(bad, "invalid code unit"))}, nil
	}
	return s, nil, nil
}

// looksUTF16 reports whether b, which holds NUL bytes, reads plainly as
// UTF-16 without a BOM, and whether big-endian: in its first 1024 bytes the
// NULs (the high halves of ASCII characters such as spaces) all fall in the
// same half of their byte pairs, in at least one pair in 32 (and 4), and
// those bytes decode to text with no control character other than tab, LF,
// CR and FF and no unpaired surrogate.
func looksUTF16(b []byte) (big, ok bool) {
	pairs := min(len(b)/2, 512)
	even, odd := 0, 0
	for i := 0; i < pairs; i++ {
		if b[2*i] == 0 {
			even++
		}
		if b[2*i+1] == 0 {
			odd++
		}
	}
	need := max(4, pairs/32)
	switch {
	case even >= need && odd == 0:
		big = true
	case odd >= need && even == 0:
		big = false
	default:
		return false, false
	}
	s, bad := decodeUTF16(b[:2*pairs], big)
	if bad > 0 {
		return false, false
	}
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' || r == 0x7F {
			return false, false
		}
	}
	return big, true
}

// minGuessBytes and minGuessConfidence bound guessing a legacy encoding: a
// few stray bytes are too little to tell encodings apart, and are shown as
// U+FFFD instead.
const (
	minGuessBytes      = 8
	minGuessConfidence = 30
)

// guessLimit is how much of the input the charset detector reads.
const guessLimit = 64 << 10

// guessLegacy decodes b in the legacy encoding its bytes show, if they are
// not mostly UTF-8 and the detector is confident enough. It returns the
// text and the encoding's name.
func guessLegacy(b []byte) (string, string, bool) {
	valid, invalid, high := 0, 0, 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			valid++
		}
		high += size
		i += size
	}
	if high < minGuessBytes || valid >= invalid {
		return "", "", false
	}
	sample := b
	if len(sample) > guessLimit {
		sample = sample[:guessLimit]
	}
	results, err := chardet.NewTextDetector().DetectAll(sample)
	if err != nil {
		return "", "", false
	}
	for _, r := range results {
		if r.Confidence < minGuessConfidence {
			break
		}
		enc, name := lookupCharset(r.Charset)
		if enc == nil || name == "utf-8" || strings.HasPrefix(name, "utf-16") || name == "replacement" {
			continue
		}
		t, err := enc.NewDecoder().Bytes(b)
		if err != nil || !utf8.Valid(t) {
			continue
		}
		return string(t), name, true
	}
	return "", "", false
}

// lookupCharset maps a charset label (WHATWG, or ICU's spelling) to its
// decoder and canonical name, or a nil decoder.
func lookupCharset(label string) (encoding.Encoding, string) {
	label = strings.ToLower(strings.TrimSpace(label))
	if label == "gb-18030" { // ICU's spelling
		label = "gb18030"
	}
	return charset.Lookup(label)
}

var charsetRE = regexp.MustCompile(`(?i)(?:encoding|charset)\s*=\s*["']?\s*([a-z0-9_:.-]+)`)

// declaredCharset returns the charset label declared in the first 4 KiB of
// b (XML encoding or HTML meta charset) with its decoder and canonical
// name; the decoder is nil when none is declared, it is not known, or it is
// a Unicode encoding (which the bytes already contradict).
func declaredCharset(b []byte) (string, encoding.Encoding, string) {
	if len(b) > 4096 {
		b = b[:4096]
	}
	m := charsetRE.FindSubmatch(b)
	if m == nil {
		return "", nil, ""
	}
	label := strings.ToLower(string(m[1]))
	enc, name := lookupCharset(label)
	if enc == nil || name == "utf-8" || strings.HasPrefix(name, "utf-16") || name == "replacement" {
		return label, nil, ""
	}
	return label, enc, name
}
