# Reads the ladder's one registry, ladder.json, so that the build names no
# rung itself. Sets:
#
#   HAVLAK_RUNGS          the C++ rungs, bottom first (variants/NAME)
#   HAVLAK_BOTTOM_RUNG    the first of them
#   HAVLAK_TOP_RUNG       the last of them, the fastest
#   HAVLAK_ALLOCATORS     each allocator a rung is linked with, unless the
#                         includer has already chosen some
#
# and defines havlak_binary_name(RUNG ALLOCATOR OUT): the name of RUNG's
# binary linked with ALLOCATOR (RUNG plus the allocator's suffix).
#
# Editing ladder.json reconfigures the build.

set(HAVLAK_LADDER_FILE "${PROJECT_SOURCE_DIR}/ladder.json")
set_property(DIRECTORY "${PROJECT_SOURCE_DIR}" APPEND PROPERTY
             CMAKE_CONFIGURE_DEPENDS "${HAVLAK_LADDER_FILE}")
file(READ "${HAVLAK_LADDER_FILE}" havlak_ladder)

# string(JSON ...) that stops the configuration with the file's name.
macro(havlak_ladder_json out)
  string(JSON ${out} ERROR_VARIABLE havlak_ladder_error ${ARGN})
  if(havlak_ladder_error)
    message(FATAL_ERROR "${HAVLAK_LADDER_FILE}: ${havlak_ladder_error}")
  endif()
endmacro()

havlak_ladder_json(rung_count LENGTH "${havlak_ladder}" rungs)
if(rung_count EQUAL 0)
  message(FATAL_ERROR "${HAVLAK_LADDER_FILE}: \"rungs\" lists no rung")
endif()
set(HAVLAK_RUNGS "")
math(EXPR last_rung "${rung_count} - 1")
foreach(index RANGE ${last_rung})
  havlak_ladder_json(rung GET "${havlak_ladder}" rungs ${index} name)
  if(rung IN_LIST HAVLAK_RUNGS)
    message(FATAL_ERROR "${HAVLAK_LADDER_FILE}: ${rung} is listed twice")
  endif()
  list(APPEND HAVLAK_RUNGS ${rung})
endforeach()
list(GET HAVLAK_RUNGS 0 HAVLAK_BOTTOM_RUNG)
list(GET HAVLAK_RUNGS -1 HAVLAK_TOP_RUNG)

# The allocator -> binary-suffix table, kept as HAVLAK_BINARY_SUFFIX_<name>.
set(havlak_ladder_allocators "")
havlak_ladder_json(allocator_count LENGTH "${havlak_ladder}" allocators)
math(EXPR last_allocator "${allocator_count} - 1")
foreach(index RANGE ${last_allocator})
  havlak_ladder_json(allocator MEMBER "${havlak_ladder}" allocators ${index})
  havlak_ladder_json(suffix GET "${havlak_ladder}" allocators ${allocator})
  set(HAVLAK_BINARY_SUFFIX_${allocator} "${suffix}")
  list(APPEND havlak_ladder_allocators ${allocator})
endforeach()
if(NOT DEFINED HAVLAK_ALLOCATORS)
  set(HAVLAK_ALLOCATORS ${havlak_ladder_allocators})
endif()

function(havlak_binary_name rung allocator out)
  if(NOT DEFINED HAVLAK_BINARY_SUFFIX_${allocator})
    message(FATAL_ERROR "${HAVLAK_LADDER_FILE}: no binary suffix for the "
                        "allocator '${allocator}' in \"allocators\"")
  endif()
  set(${out} "${rung}${HAVLAK_BINARY_SUFFIX_${allocator}}" PARENT_SCOPE)
endfunction()
