# The launcher script of an interpreted or JVM program in the wing:
#
#   havlak_write_launcher(TEMPLATE PROGRAM)
#
# writes TEMPLATE (a launcher.sh.in, its @VARIABLES@ the caller's) as the
# executable ${CMAKE_RUNTIME_OUTPUT_DIRECTORY}/PROGRAM, beside the C++ rungs.
function(havlak_write_launcher template program)
  configure_file("${template}" "${CMAKE_RUNTIME_OUTPUT_DIRECTORY}/${program}" @ONLY
                 FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE
                 GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
endfunction()
