#ifndef HAVLAK_TEXT_FORMAT_H_
#define HAVLAK_TEXT_FORMAT_H_

// Small pieces of the text the rungs print for people.
//
// Example:
//   Count(1, "block")           "1 block"
//   Count(7, "edge")            "7 edges"
//   PrintableName("a\nloop 9")  "a\\nloop 9": one line, whatever the name

#include <cstdint>
#include <string>
#include <string_view>

namespace havlak {

// `n` and the noun, plural unless n is 1 (nouns here take an 's').
std::string Count(std::int64_t n, std::string_view noun);

// A file name (or any text from outside) made safe for a line of output:
// control bytes become \n, \t, \r or \xNN and a backslash becomes \\, so a
// name cannot start a line of its own. Other bytes, UTF-8 included, stay.
std::string PrintableName(std::string_view name);

}  // namespace havlak

#endif  // HAVLAK_TEXT_FORMAT_H_
