package havlak

import (
	"fmt"
	"math"
	"strconv"
)

// JSONWriter is a small streaming JSON writer, byte for byte the C++
// suite's (havlak/json_writer.cc), so records of both languages compare.
//
//	var json havlak.JSONWriter
//	json.BeginObject()
//	json.Key("rung").String("go-havlak1")
//	json.Key("loops").Integer(76002)
//	json.EndObject()
//	text := json.Take() // {"rung":"go-havlak1","loops":76002}
type JSONWriter struct {
	out []byte
	// Per open object or array: whether it has an element yet.
	hasElement []bool
	afterKey   bool
}

func (w *JSONWriter) beforeValue() {
	if w.afterKey {
		w.afterKey = false
		return
	}
	if n := len(w.hasElement); n > 0 {
		if w.hasElement[n-1] {
			w.out = append(w.out, ',')
		}
		w.hasElement[n-1] = true
	}
}

func (w *JSONWriter) appendQuoted(text string) {
	w.out = append(w.out, '"')
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch c {
		case '"':
			w.out = append(w.out, `\"`...)
		case '\\':
			w.out = append(w.out, `\\`...)
		case '\n':
			w.out = append(w.out, `\n`...)
		case '\t':
			w.out = append(w.out, `\t`...)
		default:
			if c < 0x20 {
				w.out = append(w.out, fmt.Sprintf(`\u%04x`, c)...)
			} else {
				w.out = append(w.out, c)
			}
		}
	}
	w.out = append(w.out, '"')
}

// BeginObject opens an object.
func (w *JSONWriter) BeginObject() *JSONWriter {
	w.beforeValue()
	w.out = append(w.out, '{')
	w.hasElement = append(w.hasElement, false)
	return w
}

// EndObject closes an object.
func (w *JSONWriter) EndObject() *JSONWriter {
	w.hasElement = w.hasElement[:len(w.hasElement)-1]
	w.out = append(w.out, '}')
	return w
}

// BeginArray opens an array.
func (w *JSONWriter) BeginArray() *JSONWriter {
	w.beforeValue()
	w.out = append(w.out, '[')
	w.hasElement = append(w.hasElement, false)
	return w
}

// EndArray closes an array.
func (w *JSONWriter) EndArray() *JSONWriter {
	w.hasElement = w.hasElement[:len(w.hasElement)-1]
	w.out = append(w.out, ']')
	return w
}

// Key starts a member of an object.
func (w *JSONWriter) Key(key string) *JSONWriter {
	w.beforeValue()
	w.appendQuoted(key)
	w.out = append(w.out, ':')
	w.afterKey = true
	return w
}

// String writes a string value.
func (w *JSONWriter) String(value string) *JSONWriter {
	w.beforeValue()
	w.appendQuoted(value)
	return w
}

// Integer writes a whole number.
func (w *JSONWriter) Integer(value int64) *JSONWriter {
	w.beforeValue()
	w.out = strconv.AppendInt(w.out, value, 10)
	return w
}

// Number writes the shortest form that reads back exactly, as C++'s
// std::to_chars does; NaN and infinities become null.
func (w *JSONWriter) Number(value float64) *JSONWriter {
	if math.IsNaN(value) || math.IsInf(value, 0) {
		return w.Null()
	}
	w.beforeValue()
	w.out = append(w.out, FormatShortest(value)...)
	return w
}

// FormatShortest formats value as C++'s std::to_chars(double) does: the
// shortest round-trip digits, fixed or scientific notation, whichever is
// shorter (fixed on a tie), exponents as "e+07" / "e-05".
func FormatShortest(value float64) string {
	fixed := strconv.FormatFloat(value, 'f', -1, 64)
	sci := strconv.FormatFloat(value, 'e', -1, 64)
	if len(sci) < len(fixed) {
		return sci
	}
	return fixed
}

// Bool writes true or false.
func (w *JSONWriter) Bool(value bool) *JSONWriter {
	w.beforeValue()
	w.out = strconv.AppendBool(w.out, value)
	return w
}

// Null writes null.
func (w *JSONWriter) Null() *JSONWriter {
	w.beforeValue()
	w.out = append(w.out, "null"...)
	return w
}

// Take returns the text written.
func (w *JSONWriter) Take() string { return string(w.out) }
