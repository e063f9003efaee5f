package render

import "strings"

// dashNames names the characters that read as part of the [-…-] and
// {+…+} markers: hyphens, dashes, the minus and plus signs.
var dashNames = map[rune]string{
	'-': "hyphen", '\u2010': "hyphen", '\u2011': "no-break hyphen", '\u2012': "figure dash",
	'\u2013': "en dash", '\u2014': "em dash", '\u2015': "bar", '\u2212': "minus", '+': "plus",
}

// DashName names a changed run that is only hyphens, dashes, minus or
// plus signs ("en dash", "hyphen hyphen"), which markup shows with its
// name in single guillemets after it, ‹– en dash›, so that [---]{+–+}
// reads [-‹- hyphen›-]{+‹– en dash›+}. It reports false for any other
// text, which markup shows as it is.
func DashName(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	var names []string
	for _, r := range s {
		n, ok := dashNames[r]
		if !ok {
			return "", false
		}
		names = append(names, n)
	}
	return strings.Join(names, " "), true
}
