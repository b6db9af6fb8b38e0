# Runs one fuzz target from an empty scratch corpus plus the committed seeds, so every run
# (here, on CI, on a laptop) replays the same inputs.
#   -DFUZZER=exe -DSCRATCH=dir -DSEEDS=dir^^dir... -DRUNS=n
# The seed directories are read only (libFuzzer writes new inputs to the first directory given,
# the scratch one).
string(REPLACE "^^" ";" SEEDS "${SEEDS}")
file(REMOVE_RECURSE "${SCRATCH}")
file(MAKE_DIRECTORY "${SCRATCH}")
execute_process(COMMAND "${FUZZER}" -seed=1 -runs=${RUNS} -max_len=65536 -rss_limit_mb=2048 -timeout=10
                        -print_final_stats=1 "${SCRATCH}" ${SEEDS}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${FUZZER} failed (${rc}); the crashing input is in the working directory "
                      "(crash-*, oom-*, timeout-*):\n${err}")
endif()
string(REGEX MATCH "stat::number_of_executed_units: *[0-9]+" _units "${err}")
message(STATUS "${_units}")
