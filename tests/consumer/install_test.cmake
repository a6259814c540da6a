# ctest -P script: install refnet to WORK_DIR/prefix, then configure, build
# and run the consumer against it.
file(REMOVE_RECURSE ${WORK_DIR})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(rc)
  message(FATAL_ERROR "install failed")
endif()
foreach(f bin/refnet bin/refnet-build include/refnet/events/network.hpp lib/cmake/refnet/refnetConfig.cmake
          share/refnet/schemas/envelope.schema.json share/refnet/schemas/rank.schema.json)
  if(NOT EXISTS ${WORK_DIR}/prefix/${f})
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()
# The installed refnet carries the HTML report's front-end in itself: it writes
# a page with nothing beside it (no web/ directory, no node).
if(WEB)
  execute_process(COMMAND ${WORK_DIR}/prefix/bin/refnet report ${DEMO} -q -o ${WORK_DIR}/report.html
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(rc)
    message(FATAL_ERROR "the installed refnet report failed: ${err}")
  endif()
  file(READ ${WORK_DIR}/report.html page LIMIT 4000)
  if(NOT page MATCHES "Content-Security-Policy")
    message(FATAL_ERROR "the installed refnet report wrote no page")
  endif()
endif()
# The TypeScript definitions beside the schemas, when they were generated (npm present).
if(EXISTS ${BUILD_DIR}/typings/index.d.ts AND NOT EXISTS ${WORK_DIR}/prefix/share/refnet/schemas/typescript/refnet-rank.d.ts)
  message(FATAL_ERROR "not installed: share/refnet/schemas/typescript/refnet-rank.d.ts")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/build
                  -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix -DCMAKE_BUILD_TYPE=Release
                  "-DCMAKE_CXX_FLAGS=${CONSUMER_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${CONSUMER_FLAGS}"
                RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "configuring the consumer failed")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/build RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "building the consumer failed")
endif()
execute_process(COMMAND ${WORK_DIR}/build/consumer RESULT_VARIABLE rc OUTPUT_VARIABLE out)
message(STATUS "${out}")
if(rc)
  message(FATAL_ERROR "the consumer failed")
endif()
