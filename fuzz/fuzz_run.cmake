# Runs one fuzz target the same way on every machine and every clone:
#   cmake -DFUZZER=exe -DNAME=fuzz_x -DWORK=dir -DSEEDS=dir^^dir... -DMODE=replay|fuzz [-DRUNS=n]
#         -P fuzz_run.cmake
# MODE=replay runs every seed file once (libFuzzer's individual-file mode): the committed corpus
#   must never crash. Deterministic by construction.
# MODE=fuzz mutates from the same seeds for RUNS inputs with -seed=1.
#
# Why the seeds are passed as a sorted file list (-seed_inputs) rather than as directories:
# libFuzzer lists a corpus directory in readdir() order, which differs between checkouts (ext4
# orders a directory by a per-filesystem hash seed, tmpfs by creation time); it then shuffles
# that list with -seed and stable-sorts it by size, so files of equal size keep a
# checkout-dependent order, and every later mutation follows from it. The same -seed then found a
# crash in one clone and not in another. A list sorted here by path relative to its seed
# directory gives the same initial order everywhere. -reload=0: the scratch corpus is never
# re-read on a wall-clock timer. The target runs in WORK with KAFKALAB_FUZZ_SCRATCH=tmp, so the
# files it writes have the same (relative) path, and the same length, on every machine.
#
# Address-space randomisation is turned off for the run (below), else it differs each time.
#
# A crash, leak, timeout or out-of-memory input is kept in WORK/crashes/ and the failure message
# names it and says how to re-run it.
string(REPLACE "^^" ";" SEEDS "${SEEDS}")

set(_files "")
foreach(_dir IN LISTS SEEDS)
  file(GLOB_RECURSE _found LIST_DIRECTORIES false RELATIVE "${_dir}" "${_dir}/*")
  list(SORT _found)
  foreach(_f IN LISTS _found)
    list(APPEND _files "${_dir}/${_f}")
  endforeach()
endforeach()
if(NOT _files)
  message(FATAL_ERROR "${NAME}: no seed files in ${SEEDS}")
endif()
list(LENGTH _files _count)

file(MAKE_DIRECTORY "${WORK}")
# A fixed, minimal environment and (below) only paths relative to WORK: with randomisation off,
# the stack and heap addresses still move with the size of the environment and of argv, and a
# clone at another path then fuzzed differently.
set(_env env -i KAFKALAB_FUZZ_SCRATCH=tmp PATH=/usr/bin:/bin LANG=C)
# Address-space randomisation changes the pointer values the code compares, which libFuzzer's
# comparison tracing feeds back into its mutations: the same binary, seeds and -seed gave a
# different run each time (cov/ft/corp in the DONE line). Without randomisation (setarch -R) the
# run repeats exactly. Some containers forbid it; then the run goes on and says so.
execute_process(COMMAND setarch -R true RESULT_VARIABLE _norandom OUTPUT_QUIET ERROR_QUIET)
if(_norandom EQUAL 0)
  list(PREPEND _env setarch -R)
  set(_repeatable "repeatable")
else()
  set(_repeatable "NOT repeatable: setarch -R is not available, so addresses are randomised")
endif()
set(_limits -rss_limit_mb=2048 -timeout=10)

# The part of libFuzzer's output worth showing on a failure: from the sanitizer's or libFuzzer's
# report on (the NEW/REDUCE progress lines before it are noise), else the last 6,000 characters.
function(_fuzz_report text out)
  set(_best -1)
  foreach(_marker "==ERROR" "runtime error:" "ERROR: libFuzzer" "Deadly signal" "SUMMARY:")
    string(FIND "${text}" "${_marker}" _at)
    if(_at GREATER_EQUAL 0 AND (_best LESS 0 OR _at LESS _best))
      set(_best ${_at})
    endif()
  endforeach()
  if(_best LESS 0)
    string(LENGTH "${text}" _len)
    set(_best 0)
    if(_len GREATER 6000)
      math(EXPR _best "${_len} - 6000")
    endif()
  else()
    string(SUBSTRING "${text}" 0 ${_best} _before)
    string(FIND "${_before}" "\n" _nl REVERSE)
    math(EXPR _best "${_nl} + 1")
  endif()
  string(SUBSTRING "${text}" ${_best} -1 _tail)
  set(${out} "${_tail}" PARENT_SCOPE)
endfunction()

if(MODE STREQUAL "replay")
  execute_process(COMMAND ${_env} "${FUZZER}" ${_limits} ${_files}
                  WORKING_DIRECTORY "${WORK}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    # libFuzzer prints "Running: FILE" before each; the last one is the input that failed.
    string(REGEX MATCHALL "Running: [^\n]*" _running "${err}")
    list(POP_BACK _running _last)
    string(REPLACE "Running: " "" _last "${_last}")
    _fuzz_report("${err}" _tail)
    message(FATAL_ERROR "${NAME}: the committed seed ${_last} fails (${rc}).\n"
                        "Re-run it: ${FUZZER} ${_last}\n${_tail}")
  endif()
  message(STATUS "${NAME}: ${_count} seed files replayed, none failed")
  return()
endif()

if(NOT MODE STREQUAL "fuzz")
  message(FATAL_ERROR "fuzz_run.cmake: MODE must be replay or fuzz, got '${MODE}'")
endif()
foreach(_f IN LISTS _files)
  if(_f MATCHES ",")
    message(FATAL_ERROR "${NAME}: seed path ${_f} contains a comma, which -seed_inputs cannot take")
  endif()
endforeach()
set(_relative "")
foreach(_f IN LISTS _files)
  file(RELATIVE_PATH _r "${WORK}" "${_f}")
  list(APPEND _relative "${_r}")
endforeach()
string(REPLACE ";" "," _list "${_relative}")
file(RELATIVE_PATH _fuzzer "${WORK}" "${FUZZER}")
file(WRITE "${WORK}/seed-inputs.txt" "${_list}")
# Fresh scratch corpus (libFuzzer writes the inputs it finds there) and crash directory.
file(REMOVE_RECURSE "${WORK}/corpus" "${WORK}/crashes" "${WORK}/tmp")
file(MAKE_DIRECTORY "${WORK}/corpus" "${WORK}/crashes")
execute_process(COMMAND ${_env} "${_fuzzer}" -seed=1 -runs=${RUNS} -max_len=65536 ${_limits} -reload=0
                        -print_final_stats=1 -artifact_prefix=crashes/ -seed_inputs=@seed-inputs.txt corpus
                WORKING_DIRECTORY "${WORK}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(WRITE "${WORK}/fuzz.log" "${err}")
if(NOT rc EQUAL 0)
  string(REGEX MATCH "Test unit written to ([^\n]*)" _unit "${err}")
  set(_input "")
  if(CMAKE_MATCH_1)
    set(_input "${WORK}/${CMAKE_MATCH_1}")
  endif()
  if(_input STREQUAL "")
    file(GLOB _input "${WORK}/crashes/*")
  endif()
  _fuzz_report("${err}" _tail)
  message(FATAL_ERROR
    "${NAME} failed (${rc}) on a mutated input (-seed=1, ${RUNS} runs from ${_count} seed files, ${_repeatable}).\n"
    "  The input: ${_input}\n"
    "  Re-run it: ${FUZZER} ${_input}\n"
    "  The whole run again: ctest --test-dir build-fuzz -R '^${NAME}$' --output-on-failure\n"
    "  Once fixed, copy it into fuzz/corpus/${NAME}/ under a name saying what it is, so every run "
    "replays it (test ${NAME}_replay).\n"
    "  Full output: ${WORK}/fuzz.log\n${_tail}")
endif()
# The figures that show two runs went the same way: the final coverage line and the run count.
string(REGEX MATCHALL "#[0-9]+[ \t]+DONE[^\n]*" _done "${err}")
string(REGEX MATCH "Done [0-9]+ runs" _runs "${err}")
message(STATUS "${NAME}: ${_runs} from ${_count} seed files (${_repeatable}); ${_done}")
