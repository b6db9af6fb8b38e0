# A `simulate --data-dir` output opened in kafkalab-broker keeps its records (issue 10: the
# records carried 2023 timestamps and retention.ms, 7 days, deleted every segment at open).
#   cmake -DCLI=kafkalab-cli -DBROKER=kafkalab-broker -DSCENARIO=file.json -DDIR=scratch
#         -DPARTITION=orders-0 -DRECORDS=20 -P simulate_then_broker.cmake
# Runs twice: with the default start (the scenario ends now) PARTITION still holds RECORDS
# records after the broker has run its retention checks; with --start-time-ms at the old fixed
# 2023 start, the same check sees retention delete them, which shows the check can fail.

# simulate into DIR/name with extra arguments, open it in the broker for 2.5 s (retention is
# checked every second), and return PARTITION's log_start and log_end from its summary line.
function(simulate_and_open name out_start out_end)
  set(_dir ${DIR}/${name})
  file(REMOVE_RECURSE ${_dir})
  execute_process(COMMAND ${CLI} simulate ${SCENARIO} --data-dir ${_dir} ${ARGN}
                  RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "simulate ${SCENARIO} --data-dir ${_dir} ${ARGN} failed (${rc}):\n${err}")
  endif()
  execute_process(COMMAND ${BROKER} --data-dir ${_dir} --brokers 3 --port-base 0 --duration-ms 2500
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "kafkalab-broker --data-dir ${_dir} failed (${rc}):\n${err}")
  endif()
  if(NOT "\n${out}" MATCHES "\n${PARTITION} [^\n]* log_start=([0-9]+) log_end=([0-9]+)")
    message(FATAL_ERROR "no summary line for ${PARTITION} in the broker's output:\n${out}")
  endif()
  set(${out_start} ${CMAKE_MATCH_1} PARENT_SCOPE)
  set(${out_end} ${CMAKE_MATCH_2} PARENT_SCOPE)
endfunction()

simulate_and_open(now start end)
math(EXPR kept "${end} - ${start}")
if(NOT end EQUAL RECORDS OR NOT kept EQUAL RECORDS)
  message(FATAL_ERROR "after opening the simulated data in kafkalab-broker, ${PARTITION} has "
                      "log_start=${start} log_end=${end}: expected all ${RECORDS} records kept")
endif()

simulate_and_open(fixed-2023 start end --start-time-ms 1700000000000)
if(NOT start EQUAL end)
  message(FATAL_ERROR "with the 2023 start, retention should have deleted ${PARTITION}'s records "
                      "at open, but log_start=${start} log_end=${end}: this test no longer shows "
                      "what it checks")
endif()
message(STATUS "${PARTITION}: ${RECORDS} records kept when simulated now; deleted by retention "
               "when stamped 2023")
