# Runs `kafkalab-cli simulate SCENARIO --seed S` for each S in SEEDS and fails on the first seed
# whose run does not pass (its expectations, or a crash), with that run's stderr.
# cmake -DCLI=... -DSCENARIO=file.json "-DSEEDS=1;2;3" -P scenario_seeds.cmake
foreach(seed ${SEEDS})
  execute_process(COMMAND ${CLI} simulate ${SCENARIO} --seed ${seed}
                  RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${SCENARIO} fails with --seed ${seed} (exit ${rc}):\n${err}")
  endif()
endforeach()
list(LENGTH SEEDS n)
message(STATUS "${SCENARIO}: passed with ${n} seeds")
