# The JSON contract (docs/json.md): the schemas in schemas/ are installed with the tools
# into share/refnet/schemas; when Node.js >= 18 and npm are present, the TypeScript
# definitions generated from them (json-schema-to-typescript, pinned in
# schemas/js/package-lock.json) are built into ${CMAKE_BINARY_DIR}/typings and installed
# beside them, and ajv (same lock file) validates the outputs in ctest.
#
#   REFNET_SCHEMA_JS   ON when schemas/js/node_modules is ready (ajv, typings)
#   target refnet_typings   the .d.ts files (part of ALL when REFNET_SCHEMA_JS)

file(GLOB REFNET_SCHEMA_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/schemas/*.schema.json)
install(FILES ${REFNET_SCHEMA_FILES} DESTINATION ${CMAKE_INSTALL_DATADIR}/refnet/schemas)

option(REFNET_SCHEMA_NPM "Generate TypeScript definitions and check with ajv (needs node and npm at build time)" ON)
set(REFNET_SCHEMA_JS OFF)
set(_js ${CMAKE_SOURCE_DIR}/schemas/js)
if(REFNET_SCHEMA_NPM)
  find_program(REFNET_SCHEMA_NODE NAMES node nodejs)
  find_program(REFNET_SCHEMA_NPM_EXE NAMES npm)
  if(REFNET_SCHEMA_NODE)
    execute_process(COMMAND ${REFNET_SCHEMA_NODE} --version OUTPUT_VARIABLE _v OUTPUT_STRIP_TRAILING_WHITESPACE
                    RESULT_VARIABLE _rc)
    string(REGEX MATCH "^v([0-9]+)" _m "${_v}")
    if(_rc EQUAL 0 AND CMAKE_MATCH_1 AND NOT CMAKE_MATCH_1 LESS 18)
      # npm ci installs exactly the lock file; again when it changes.
      set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_js}/package-lock.json)
      if(NOT EXISTS ${_js}/node_modules/.package-lock.json
         OR ${_js}/package-lock.json IS_NEWER_THAN ${_js}/node_modules/.package-lock.json)
        if(REFNET_SCHEMA_NPM_EXE)
          message(STATUS "refnet schemas: npm ci in ${_js}")
          execute_process(COMMAND ${REFNET_SCHEMA_NPM_EXE} ci --no-audit --no-fund WORKING_DIRECTORY ${_js}
                          RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out TIMEOUT 600)
          if(NOT _rc EQUAL 0)
            message(STATUS "refnet schemas: npm ci failed (${_rc}): no typings, no ajv check\n${_out}")
          endif()
        endif()
      endif()
      if(EXISTS ${_js}/node_modules/ajv/package.json AND EXISTS ${_js}/node_modules/json-schema-to-typescript/package.json)
        set(REFNET_SCHEMA_JS ON)
      endif()
    endif()
  endif()
endif()

if(REFNET_SCHEMA_JS)
  set(_typings ${CMAKE_BINARY_DIR}/typings)
  add_custom_command(
    OUTPUT ${_typings}/index.d.ts
    COMMAND ${REFNET_SCHEMA_NODE} ${_js}/gen_types.mjs ${CMAKE_SOURCE_DIR}/schemas ${_typings}
    DEPENDS ${REFNET_SCHEMA_FILES} ${_js}/gen_types.mjs ${_js}/package-lock.json
    WORKING_DIRECTORY ${_js}
    COMMENT "TypeScript definitions from schemas/ (json-schema-to-typescript)"
    VERBATIM)
  add_custom_target(refnet_typings ALL DEPENDS ${_typings}/index.d.ts)
  install(DIRECTORY ${_typings}/ DESTINATION ${CMAKE_INSTALL_DATADIR}/refnet/schemas/typescript
          FILES_MATCHING PATTERN "*.d.ts")
  message(STATUS "refnet schemas: TypeScript definitions and the ajv check on")
else()
  message(STATUS "refnet schemas: no node >= 18 with schemas/js/node_modules: no TypeScript definitions, ajv check skipped")
endif()
