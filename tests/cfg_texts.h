#ifndef HAVLAK_TESTS_CFG_TEXTS_H_
#define HAVLAK_TESTS_CFG_TEXTS_H_

// CFG files (README.md's format) that the end-to-end tests give the rung
// binaries.

namespace havlak::testing {

// Loop 100 holds loop 200, whose body is 200, 300 and 400; 500 is the exit.
// 5 blocks, 7 edges.
inline constexpr char kTwoNestedLoopsCfg[] =
    "# two nested loops\n"
    "start 100\n"
    "100 200\n"
    "200 300\n"
    "300 200\n"
    "300 400\n"
    "400 200\n"
    "400 100\n"
    "400 500\n";

}  // namespace havlak::testing

#endif  // HAVLAK_TESTS_CFG_TEXTS_H_
