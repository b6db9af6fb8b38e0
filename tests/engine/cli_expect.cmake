# Runs kafkalab-cli and checks how it fails: cmake -DCLI=... -DARGS=a^^b -DEXIT=1|nonzero
#   -DREGEX=... -P cli_expect.cmake
# A crash (a signal instead of an exit code) always fails, unlike a bare WILL_FAIL test.
string(REPLACE "^^" ";" ARGS "${ARGS}")
execute_process(COMMAND ${CLI} ${ARGS} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc MATCHES "^[0-9]+$")
  message(FATAL_ERROR "kafkalab-cli did not exit normally: ${rc}\n${err}")
endif()
if(EXIT STREQUAL "nonzero")
  if(rc EQUAL 0)
    message(FATAL_ERROR "expected a non-zero exit code, got 0\n${out}")
  endif()
elseif(NOT rc EQUAL EXIT)
  message(FATAL_ERROR "expected exit code ${EXIT}, got ${rc}\n${err}")
endif()
if(NOT err MATCHES "${REGEX}")
  message(FATAL_ERROR "stderr does not match '${REGEX}':\n${err}")
endif()
