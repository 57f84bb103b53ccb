// Package conformance holds the Go rungs' end-to-end tests: each Go rung
// binary against the C++ rungs' binaries, through the command line and CFG
// files, as ctest runs them (go/CMakeLists.txt). Without HAVLAK_BIN_DIR
// (the folder of both languages' binaries) the tests skip themselves.
//
//	HAVLAK_BIN_DIR=build/bin HAVLAK_RUNG_UNDER_TEST=go-havlakN go test ./conformance
//
// HAVLAK_RUNG_UNDER_TEST names the program under test, of any language
// (cmake/HavlakProgramTests.cmake sets it per program; default: every Go program
// ladder.json lists); HAVLAK_LADDER the registry (default: the source
// tree's ladder.json); HAVLAK_RANDOM_CFGS the number of random CFGs (default 1000:
// 20 one a file, the others in batches of up to 100 CFGs a file, batch.go).
package conformance
