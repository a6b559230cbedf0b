# Installs the built project into a scratch prefix, then configures, builds and runs
# tests/consumer against it. Arguments: SOURCE_DIR, BUILD_DIR, WORK_DIR, GENERATOR.
file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "failed: ${ARGN}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}")
run(${CMAKE_COMMAND} -S "${SOURCE_DIR}/tests/consumer" -B "${WORK_DIR}/build" -G "${GENERATOR}"
    -DCMAKE_PREFIX_PATH=${prefix})
run(${CMAKE_COMMAND} --build "${WORK_DIR}/build")
run("${WORK_DIR}/build/consumer")
string(FIND "${last_output}" "CREATE TABLE public.notes" found)
if(found EQUAL -1)
  message(FATAL_ERROR "the consumer printed something unexpected:\n${last_output}")
endif()
if(NOT EXISTS "${prefix}/bin/migrate")
  message(FATAL_ERROR "the migrate binary was not installed")
endif()
message(STATUS "consumer built against the installed migrate::core and ran")
