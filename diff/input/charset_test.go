package input

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
)

func encode(t *testing.T, e encoding.Encoding, s string) string {
	t.Helper()
	b, err := e.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCharsets reads text and HTML in legacy and Unicode encodings: the
// paragraphs must come out as the UTF-8 text written, with a warning that
// names the encoding declared or guessed; UTF-8 and ASCII are untouched and
// give no warning; a few invalid bytes still show as U+FFFD.
func TestCharsets(t *testing.T) {
	ja := "東京都議会は火曜日、港の防波堤を再建する計画を賛成多数で可決した。工事は冬の嵐の前に始まる予定だと知事は述べた。"
	ru := "Городской совет Порт-Халдена во вторник семью голосами против двух проголосовал за восстановление старой гавани. Мэр пообещала, что работы начнутся до зимних штормов."
	pl := "Rada miejska Port Halden zagłosowała we wtorek za odbudową starego falochronu. Burmistrz obiecała, że prace zaczną się przed zimowymi sztormami, a koszt wyniesie czternaście milionów złotych."
	en := "The town council of Port Halden voted 7 to 2 on Tuesday to rebuild the old harbour wall."
	tests := []struct {
		name, src string
		format    Format
		want      []string
		warn      []string
	}{
		{"Shift_JIS text", encode(t, japanese.ShiftJIS, ja), Text, []string{ja},
			[]string{"f: not UTF-8, decoded as shift_jis (guessed from the bytes)"}},
		{"windows-1251 text", encode(t, charmap.Windows1251, ru), Text, []string{ru},
			[]string{"f: not UTF-8, decoded as windows-1251 (guessed from the bytes)"}},
		{"KOI8-R text", encode(t, charmap.KOI8R, ru), Text, []string{ru},
			[]string{"f: not UTF-8, decoded as koi8-r (guessed from the bytes)"}},
		{"ISO-8859-2 text", encode(t, charmap.ISO8859_2, pl), Text, []string{pl},
			[]string{"f: not UTF-8, decoded as iso-8859-2 (guessed from the bytes)"}},
		{"UTF-16LE without BOM", utf16le(ru, false), Text, []string{ru},
			[]string{"f: no byte order mark, decoded as UTF-16LE (guessed from the bytes)"}},
		{"UTF-16BE without BOM", utf16be(en)[2:], Text, []string{en},
			[]string{"f: no byte order mark, decoded as UTF-16BE (guessed from the bytes)"}},
		{"UTF-8 untouched", ja + "\n\n" + ru, Text, []string{ja, ru}, nil},
		{"ASCII untouched", en, Text, []string{en}, nil},
		{"ASCII page declaring windows-1251 untouched", `<html><head><meta charset="windows-1251"></head><body><article><p>` + en + `</p></article></body></html>`, HTML,
			[]string{en}, nil},
		{"invalid UTF-8 among valid UTF-8", "Café \xff au lait, crème brûlée, naïve façade", Text,
			[]string{"Café \uFFFD au lait, crème brûlée, naïve façade"},
			[]string{"f: 1 invalid UTF-8 byte shown as U+FFFD (first at byte 6)"}},
		{"too few bytes to guess", "caf\xe9 cr\xe8me", Text, []string{"caf\uFFFD cr\uFFFDme"},
			[]string{"f: 2 invalid UTF-8 bytes shown as U+FFFD (first at byte 3)"}},
		{"HTML declaring Shift_JIS", encode(t, japanese.ShiftJIS, `<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"></head><body><article><p>`+ja+`</p></article></body></html>`), HTML,
			[]string{ja}, []string{"f: not UTF-8, decoded as shift_jis (declared charset shift_jis)"}},
		{"XML declaring windows-1251", encode(t, charmap.Windows1251, `<?xml version="1.0" encoding="windows-1251"?><nitf><body><body.content><p>`+ru+`</p></body.content></body></nitf>`), Auto,
			[]string{ru}, []string{"f: not UTF-8, decoded as windows-1251 (declared charset windows-1251)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := read(t, "f", tt.src, tt.format)
			if got := storyOf(d); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("story %q\nwant  %q", got, tt.want)
			}
			if !reflect.DeepEqual(d.Warnings, tt.warn) {
				t.Errorf("warnings %q\nwant     %q", d.Warnings, tt.warn)
			}
		})
	}
}

// TestGuessBounded checks that the detector reads at most guessLimit bytes:
// a long legacy text decodes whole, in the encoding its start shows.
func TestGuessBounded(t *testing.T) {
	ru := "Городской совет проголосовал за восстановление старой гавани. "
	src := encode(t, charmap.Windows1251, strings.Repeat(ru, 2*guessLimit/len(ru)+1))
	d := read(t, "f", src, Text)
	if len(d.Paragraphs) != 1 || !strings.HasPrefix(d.Paragraphs[0], strings.TrimSpace(ru)) || strings.ContainsRune(d.Paragraphs[0], '\uFFFD') {
		t.Fatalf("paragraphs %.80q", d.Paragraphs)
	}
}
