# kafkalab-broker (or kafkalab) on a data directory whose cluster-metadata.json names a topic
# that escapes the broker directory: exit code 2, the message names the file, the topic and the
# field, and nothing is created outside the data directory.
#   cmake -DBROKER=kafkalab-broker -DDIR=scratch [-DARGS=a^^b] -P broker_bad_metadata.cmake
# ARGS replaces the broker's "--duration-ms 50" (kafkalab: --screenshot FILE, so no dialog waits).
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}/a/data")
file(WRITE "${DIR}/a/data/cluster-metadata.json"
  "{\"version\": 1, \"brokerCount\": 3, \"topics\": [\n  {\"name\": \"../../../escaped\", \"partitions\": 1, "
  "\"replicationFactor\": 1, \"assignment\": [[1]]}\n]}\n")
if(NOT DEFINED ARGS)
  set(ARGS "--duration-ms^^50")
endif()
string(REPLACE "^^" ";" ARGS "${ARGS}")
execute_process(COMMAND ${BROKER} --data-dir "${DIR}/a/data" ${ARGS}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 2)
  message(FATAL_ERROR "expected exit code 2, got ${rc}\n${err}")
endif()
if(NOT err MATCHES "cluster-metadata.json:2:[0-9]+: topic '\\.\\./\\.\\./\\.\\./escaped': field 'name'")
  message(FATAL_ERROR "stderr does not name the file, the topic and the field:\n${err}")
endif()
file(GLOB_RECURSE _made LIST_DIRECTORIES true RELATIVE "${DIR}" "${DIR}/*")
list(SORT _made)
if(NOT _made STREQUAL "a;a/data;a/data/cluster-metadata.json")
  message(FATAL_ERROR "the refused open created or removed files: ${_made}")
endif()
