# The tests every program of another language gets (go/, rust/, java/,
# scala/), so that each is checked as the C++ rungs are:
#
#   havlak_add_program_tests(PROGRAM [TOP] [TIMEOUT_MINUTES N] [SCALE S])
#
# adds PROGRAM.canonical_workload for a TOP program (the whole workload) or
# PROGRAM.workload_at_a_tenth for the others (the full runs are the
# comparison's, make variants), or PROGRAM.workload_at_scale_S for a program
# too slow for a tenth in a test (an interpreter's bottom program); each
# checks its own loop counts and exits 1
# on a wrong one. Then PROGRAM.conformance: tests/conformance, one suite
# for every program of every language, written once outside the language
# folders (its README says what it checks), within N minutes (default 30).

function(havlak_add_program_tests program)
  cmake_parse_arguments(PARSE_ARGV 1 arg "TOP" "TIMEOUT_MINUTES;SCALE" "")
  if(NOT arg_TIMEOUT_MINUTES)
    set(arg_TIMEOUT_MINUTES 30)
  endif()
  set(binary "${CMAKE_RUNTIME_OUTPUT_DIRECTORY}/${program}")
  if(arg_TOP)
    add_test(NAME ${program}.canonical_workload COMMAND "${binary}")
    set_tests_properties(${program}.canonical_workload PROPERTIES TIMEOUT 600)
  elseif(arg_SCALE)
    add_test(NAME ${program}.workload_at_scale_${arg_SCALE}
             COMMAND "${binary}" --scale=${arg_SCALE})
  else()
    add_test(NAME ${program}.workload_at_a_tenth COMMAND "${binary}" --scale=0.1)
  endif()
  math(EXPR seconds "${arg_TIMEOUT_MINUTES} * 60")
  add_test(NAME ${program}.conformance
    COMMAND ${CMAKE_COMMAND} -E env
            HAVLAK_BIN_DIR=${CMAKE_RUNTIME_OUTPUT_DIRECTORY}
            HAVLAK_PROGRAM=${program}
            ${Python3_EXECUTABLE} -m unittest discover
            -s "${PROJECT_SOURCE_DIR}/tests/conformance")
  # The longest tests start first, so that every core stays busy to the
  # end: a fresh tree has no measured costs (ctest keeps them after its
  # first run), and a bottom program's deep chain is the slowest test.
  if(arg_TOP)
    set(cost ${arg_TIMEOUT_MINUTES})
  else()
    math(EXPR cost "${arg_TIMEOUT_MINUTES} * 2")
  endif()
  set_tests_properties(${program}.conformance PROPERTIES TIMEOUT ${seconds}
                       COST ${cost})
endfunction()
