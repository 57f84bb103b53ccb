# The tests every program of another language gets (go/, rust/, java/,
# scala/), so that each is checked as the C++ rungs are:
#
#   havlak_add_program_tests(PROGRAM [TOP] [TIMEOUT_MINUTES N])
#
# adds PROGRAM.canonical_workload for a TOP program (the whole workload) or
# PROGRAM.workload_at_a_tenth for the others (the full runs are the
# comparison's, make variants); each checks its own loop counts and exits 1
# on a wrong one. Then PROGRAM.conformance: go/conformance, the C++ rungs'
# correctness checks through --cfg, against the C++ rungs that ladder.json
# pairs it with, within N minutes (default 30). Without Go, only the
# workload test.
#
# HAVLAK_GO_TEST_ENV is the environment every `go` command of the build
# runs in: the module has no requirements, so it builds offline, with its
# cache in the build tree.

# The Go toolchain toolchains.json chose (CMakeLists.txt); the conformance
# suite is a Go test, run by the same toolchain that builds the Go rungs.
set(GO_EXECUTABLE "${HAVLAK_TOOLCHAIN_GO_GO}")
set(HAVLAK_GO_TEST_ENV
    GOCACHE=${PROJECT_BINARY_DIR}/go-cache
    GOPATH=${PROJECT_BINARY_DIR}/go-path
    GOPROXY=off GOFLAGS=-mod=mod GO111MODULE=on GOTOOLCHAIN=local)

function(havlak_add_program_tests program)
  cmake_parse_arguments(PARSE_ARGV 1 arg "TOP" "TIMEOUT_MINUTES" "")
  if(NOT arg_TIMEOUT_MINUTES)
    set(arg_TIMEOUT_MINUTES 30)
  endif()
  set(binary "${CMAKE_RUNTIME_OUTPUT_DIRECTORY}/${program}")
  if(arg_TOP)
    add_test(NAME ${program}.canonical_workload COMMAND "${binary}")
    set_tests_properties(${program}.canonical_workload PROPERTIES TIMEOUT 600)
  else()
    add_test(NAME ${program}.workload_at_a_tenth COMMAND "${binary}" --scale=0.1)
  endif()
  if(NOT GO_EXECUTABLE)
    return()
  endif()
  math(EXPR seconds "${arg_TIMEOUT_MINUTES} * 60")
  add_test(NAME ${program}.conformance
    COMMAND ${CMAKE_COMMAND} -E env ${HAVLAK_GO_TEST_ENV}
            HAVLAK_BIN_DIR=${CMAKE_RUNTIME_OUTPUT_DIRECTORY}
            HAVLAK_LADDER=${HAVLAK_LADDER_FILE}
            HAVLAK_RUNG_UNDER_TEST=${program}
            ${GO_EXECUTABLE} test -count=1 -timeout=${arg_TIMEOUT_MINUTES}m ./conformance
    WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}/go")
  set_tests_properties(${program}.conformance PROPERTIES TIMEOUT ${seconds})
endfunction()
