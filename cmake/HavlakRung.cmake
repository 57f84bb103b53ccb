# havlak_add_rung(NAME)
#
# Builds variants/NAME/*.cc into the library NAME_impl and links it once per
# allocator in HAVLAK_ALLOCATORS, into build/bin:
#
#   NAME            glibc malloc
#   NAME-jemalloc   jemalloc
#   NAME-tcmalloc   tcmalloc and its heap profiler
#   NAME-counting   glibc malloc under a counting operator new
#
# Every binary is havlak/rung_main.cc around the rung's NAME::Rung.
function(havlak_add_rung name)
  file(GLOB sources CONFIGURE_DEPENDS
       "${CMAKE_CURRENT_SOURCE_DIR}/${name}/*.cc")
  add_library(${name}_impl STATIC ${sources})
  target_link_libraries(${name}_impl PUBLIC havlak_core)
  target_include_directories(${name}_impl PUBLIC "${PROJECT_SOURCE_DIR}/variants")

  foreach(allocator IN LISTS HAVLAK_ALLOCATORS)
    if(allocator STREQUAL "glibc")
      set(binary ${name})
    else()
      set(binary ${name}-${allocator})
    endif()
    add_executable(${binary} "${PROJECT_SOURCE_DIR}/havlak/rung_main.cc")
    target_compile_definitions(${binary} PRIVATE
      HAVLAK_RUNG_HEADER="${name}/rung.h" HAVLAK_RUNG=${name}::Rung)
    target_link_libraries(${binary} PRIVATE ${name}_impl
                          havlak_allocator_${allocator})
  endforeach()
  set_property(GLOBAL APPEND PROPERTY HAVLAK_RUNGS ${name})
endfunction()
