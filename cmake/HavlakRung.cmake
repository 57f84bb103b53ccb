# havlak_add_rung(NAME)
#
# Builds variants/NAME/*.cc into the library NAME_impl and links it once per
# allocator in HAVLAK_ALLOCATORS, into build/bin, named by
# havlak_binary_name (cmake/HavlakLadder.cmake) from ladder.json's table:
#
#   NAME            glibc malloc
#   NAME-jemalloc   jemalloc
#   NAME-tcmalloc   tcmalloc and its heap profiler
#   NAME-counting   glibc malloc under a counting operator new
#
# Every binary is havlak/rung_main.cc around the rung's NAME::Rung.
# variants/CMakeLists.txt calls it for each rung ladder.json lists.
function(havlak_add_rung name)
  set(folder "${CMAKE_CURRENT_SOURCE_DIR}/${name}")
  if(NOT EXISTS "${folder}/rung.h")
    message(FATAL_ERROR "ladder.json lists the rung ${name}, but ${folder}/rung.h "
                        "does not exist: add the rung's folder, or remove its "
                        "line from ladder.json")
  endif()
  file(GLOB sources CONFIGURE_DEPENDS "${folder}/*.cc")
  add_library(${name}_impl STATIC ${sources})
  target_link_libraries(${name}_impl PUBLIC havlak_core)
  target_include_directories(${name}_impl PUBLIC "${PROJECT_SOURCE_DIR}/variants")

  foreach(allocator IN LISTS HAVLAK_ALLOCATORS)
    if(NOT TARGET havlak_allocator_${allocator})
      message(FATAL_ERROR "ladder.json's allocator '${allocator}' has no "
                          "havlak_allocator_${allocator} in havlak/CMakeLists.txt")
    endif()
    havlak_binary_name(${name} ${allocator} binary)
    add_executable(${binary} "${PROJECT_SOURCE_DIR}/havlak/rung_main.cc")
    target_compile_definitions(${binary} PRIVATE
      HAVLAK_RUNG_HEADER="${name}/rung.h" HAVLAK_RUNG=${name}::Rung)
    target_link_libraries(${binary} PRIVATE ${name}_impl
                          havlak_allocator_${allocator})
  endforeach()
endfunction()
