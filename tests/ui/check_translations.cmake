# Translations are complete: runs lupdate over the same sources as the kafkalab_lupdate target
# into a COPY of kafkalab_ko.ts (the source tree's file is never touched) and fails listing
# every entry still marked unfinished, so a new tr() string without Korean fails CI.
# Usage: cmake -DLUPDATE=... -DSOURCE_DIR=<project> -DTS=<kafkalab_ko.ts> -DCOPY=<build/...ts>
#        -P check_translations.cmake
foreach(var LUPDATE SOURCE_DIR TS COPY)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_translations.cmake: -D${var}=... is required")
  endif()
endforeach()

get_filename_component(_dir "${COPY}" DIRECTORY)
file(MAKE_DIRECTORY "${_dir}")
configure_file("${TS}" "${COPY}" COPYONLY)

# The sources kafkalab_lupdate scans (app/gui/CMakeLists.txt): ui/<area>/*.{cpp,h} and app/gui.
file(GLOB _sources "${SOURCE_DIR}/ui/*/*.cpp" "${SOURCE_DIR}/ui/*/*.h"
     "${SOURCE_DIR}/app/gui/*.cpp" "${SOURCE_DIR}/app/gui/*.h")
list(SORT _sources)
set(_list "${_dir}/kafkalab_tr_sources.lst")
string(REPLACE ";" "\n" _lines "${_sources}")
file(WRITE "${_list}" "${_lines}\n")
execute_process(
  COMMAND "${LUPDATE}" -silent -no-obsolete -locations none
          -I "${SOURCE_DIR}/ui" -I "${SOURCE_DIR}/engine" "@${_list}" -ts "${COPY}"
  RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "lupdate failed (${_rc}):\n${_out}${_err}")
endif()

# Walk the messages: a context's <name> comes before its messages.
file(READ "${COPY}" _ts)
string(REPLACE ";" "@SEMICOLON@" _ts "${_ts}")
string(REPLACE "</message>" "</message>;" _chunks "${_ts}")
set(_context "")
set(_missing "")
set(_count 0)
foreach(_chunk IN LISTS _chunks)
  if(_chunk MATCHES "<name>([^<]*)</name>")
    set(_context "${CMAKE_MATCH_1}")
  endif()
  if(_chunk MATCHES "type=\"unfinished\"")
    string(REGEX MATCH "<source>([^<]*)</source>" _m "${_chunk}")
    set(_source "${CMAKE_MATCH_1}")
    string(REPLACE "&lt@SEMICOLON@" "<" _source "${_source}")
    string(REPLACE "&gt@SEMICOLON@" ">" _source "${_source}")
    string(REPLACE "&quot@SEMICOLON@" "\"" _source "${_source}")
    string(REPLACE "&apos@SEMICOLON@" "'" _source "${_source}")
    string(REPLACE "&amp@SEMICOLON@" "&" _source "${_source}")
    string(REPLACE "@SEMICOLON@" ";" _source "${_source}")
    string(REPLACE "\n" "\\n" _source "${_source}")
    string(APPEND _missing "  ${_context}: \"${_source}\"\n")
    math(EXPR _count "${_count} + 1")
  endif()
endforeach()

if(_count GREATER 0)
  message(FATAL_ERROR "${_count} string(s) have no Korean translation (type=\"unfinished\" in "
          "kafkalab_ko.ts after lupdate). Run `cmake --build build --target kafkalab_lupdate` and "
          "translate them in resources/translations/kafkalab_ko.ts:\n${_missing}")
endif()
message(STATUS "every tr() string has a Korean translation (${COPY})")
