package havlak

import (
	"fmt"
	"strconv"
	"strings"
)

// Count is n and the noun, plural unless n is 1 (nouns here take an 's'):
// "1 block", "7 edges".
func Count(n int64, noun string) string {
	text := strconv.FormatInt(n, 10) + " " + noun
	if n != 1 {
		text += "s"
	}
	return text
}

// PrintableName is a file name (or any text from outside) made safe for a
// line of output: control bytes become \n, \t, \r or \xNN and a backslash
// becomes \\, so a name cannot start a line of its own. Other bytes, UTF-8
// included, stay.
func PrintableName(name string) string {
	var out strings.Builder
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c == '\\':
			out.WriteString(`\\`)
		case c == '\n':
			out.WriteString(`\n`)
		case c == '\t':
			out.WriteString(`\t`)
		case c == '\r':
			out.WriteString(`\r`)
		case c < 0x20 || c == 0x7f:
			fmt.Fprintf(&out, `\x%02x`, c)
		default:
			out.WriteByte(c)
		}
	}
	return out.String()
}
