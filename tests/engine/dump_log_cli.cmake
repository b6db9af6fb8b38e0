# kafkalab-cli dump-log against Kafka's own output lines: fixtures built by kafka-python and
# expected text formatted from DumpLogSegments.scala's strings (dump_fixtures/make_fixtures.py),
# one test per flag, plus the bad inputs.
if(TARGET kafkalab-cli)
  set(_fixtures ${CMAKE_CURRENT_SOURCE_DIR}/dump_fixtures)

  # dump_log_expect(name EXIT code ARGS ...): output NAME.stdout / NAME.stderr, exit code.
  function(dump_log_expect name)
    cmake_parse_arguments(F "" "EXIT" "ARGS" ${ARGN})
    string(REPLACE ";" "^^" _args "${F_ARGS}")
    add_test(NAME cli_dump_log_kafka_${name}
             COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:kafkalab-cli> -DDIR=${_fixtures} -DNAME=${name}
                     "-DARGS=${_args}" -DEXIT=${F_EXIT} -P ${CMAKE_CURRENT_SOURCE_DIR}/dump_expect.cmake)
  endfunction()

  set(_data @DIR@/data/00000000000000000000)
  set(_clean @DIR@/clean/00000000000000000000)
  dump_log_expect(data_log_default EXIT 0 ARGS dump-log ${_data}.log)
  dump_log_expect(data_log_deep EXIT 0 ARGS dump-log --deep-iteration ${_data}.log)
  dump_log_expect(data_log_print EXIT 0 ARGS dump-log --print-data-log ${_data}.log)
  dump_log_expect(offsets_decoder EXIT 0 ARGS dump-log --offsets-decoder @DIR@/offsets/00000000000000000000.log)
  dump_log_expect(data_index EXIT 0 ARGS dump-log ${_data}.index)
  dump_log_expect(data_index_verify EXIT 0 ARGS dump-log --verify-index-only ${_data}.index)
  dump_log_expect(data_index_sanity EXIT 0 ARGS dump-log --index-sanity-check ${_data}.index)
  dump_log_expect(data_timeindex EXIT 0 ARGS dump-log ${_data}.timeindex)
  dump_log_expect(data_timeindex_verify EXIT 0 ARGS dump-log --verify-index-only ${_data}.timeindex)
  dump_log_expect(data_timeindex_sanity EXIT 1 ARGS dump-log --index-sanity-check ${_data}.timeindex)
  dump_log_expect(clean_index_verify EXIT 0 ARGS dump-log --verify-index-only ${_clean}.index)
  dump_log_expect(clean_timeindex_verify EXIT 0 ARGS dump-log --verify-index-only ${_clean}.timeindex)
  dump_log_expect(clean_timeindex_sanity EXIT 0 ARGS dump-log --index-sanity-check ${_clean}.timeindex)

  # Bad input: a clear message and an exit code, never a crash (cli_expect_failure is defined
  # in partitioners.cmake, included before this file).
  set(_bad ${_fixtures}/bad/00000000000000000000)
  set(_data_path ${_fixtures}/data/00000000000000000000)
  cli_expect_failure(cli_dump_log_torn_index_sanity EXIT 1
    REGEX "CorruptIndexException: Index file .*bad/00000000000000000000\\.index is corrupt, found 20 bytes which is neither positive nor a multiple of 8"
    ARGS dump-log --index-sanity-check ${_bad}.index)
  cli_expect_failure(cli_dump_log_verify_without_log EXIT 1
    REGEX "bad/00000000000000000000\\.log: no such file \\(the log beside 00000000000000000000\\.timeindex"
    ARGS dump-log --verify-index-only ${_bad}.timeindex)
  cli_expect_failure(cli_dump_log_sanity_and_verify EXIT nonzero REGEX "excludes"
    ARGS dump-log --index-sanity-check --verify-index-only ${_data_path}.index)
  cli_expect_failure(cli_dump_log_index_flag_on_log EXIT 1
    REGEX "--verify-index-only applies to \\.index and \\.timeindex files, not to a \\.log"
    ARGS dump-log --verify-index-only ${_data_path}.log)
  cli_expect_failure(cli_dump_log_decoder_on_index EXIT 1
    REGEX "--offsets-decoder applies to \\.log files, not to a \\.index file"
    ARGS dump-log --offsets-decoder ${_data_path}.index)
  cli_expect_failure(cli_dump_log_offsets_decoder_keyless EXIT 1
    REGEX "Failed to decode message at offset 3 using offset topic decoder \\(message had a missing key\\)"
    ARGS dump-log --offsets-decoder ${_data_path}.log)

  # Paths that are not regular files: what they are, never a hang (dump_special_files.cmake).
  foreach(_case fifo devzero loop fifo_beside)
    add_test(NAME cli_dump_log_special_${_case}
             COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:kafkalab-cli> -DCASE=${_case}
                     -DDIR=${CMAKE_CURRENT_BINARY_DIR}/dump_special_${_case}
                     -P ${CMAKE_CURRENT_SOURCE_DIR}/dump_special_files.cmake)
    set_tests_properties(cli_dump_log_special_${_case} PROPERTIES TIMEOUT 60)
  endforeach()

  # Files that claim far more than they hold, dumped under a 300 MB address-space limit
  # (issue 10, "Memory and time"; the full sizes: kafkalab-bench dump-memory).
  kafkalab_add_test(test_dump_memory SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/test_dump_memory.cpp LIBS kl_log)
  set_tests_properties(test_dump_memory PROPERTIES ENVIRONMENT "KAFKALAB_CLI=$<TARGET_FILE:kafkalab-cli>")

  add_test(NAME cli_dump_log_help_flags COMMAND $<TARGET_FILE:kafkalab-cli> dump-log --help)
  set_tests_properties(cli_dump_log_help_flags PROPERTIES PASS_REGULAR_EXPRESSION
    "--deep-iteration.*--print-data-log.*--offsets-decoder.*--index-sanity-check.*--verify-index-only")
endif()
