# Partitioners, topic names, and kafkalab-cli's partition / dump-log subcommands.
kafkalab_add_test(test_partitioner SOURCES test_partitioner.cpp LIBS kl_partitioners)
kafkalab_add_test(test_topic_name SOURCES test_topic_name.cpp LIBS kl_core)

# CLI: run the real executable and check what it prints and how it exits.
if(TARGET kafkalab-cli)
  set(_cli $<TARGET_FILE:kafkalab-cli>)

  add_test(NAME cli_partition_murmur2
           COMMAND ${_cli} partition --key order-100 --partitions 6)
  set_tests_properties(cli_partition_murmur2 PROPERTIES PASS_REGULAR_EXPRESSION
    "partition: 1\nhash: 1191522601\nmurmur2\\(\"order-100\"\\) & 0x7fffffff = 1191522601; mod 6 = 1")

  add_test(NAME cli_partition_murmur2_mod12
           COMMAND ${_cli} partition --key order-101 --partitions 12)
  set_tests_properties(cli_partition_murmur2_mod12 PROPERTIES PASS_REGULAR_EXPRESSION
    "partition: 10\nhash: 1112104930\n")

  # foobar: murmur2 % 6 = 0 but crc32 % 6 = 5, so the flag must really switch the hash.
  add_test(NAME cli_partition_crc32
           COMMAND ${_cli} partition --key foobar --partitions 6 --partitioner crc32)
  set_tests_properties(cli_partition_crc32 PROPERTIES PASS_REGULAR_EXPRESSION
    "partition: 5\nhash: [0-9]+\ncrc32\\(\"foobar\"\\) = [0-9]+; mod 6 = 5")

  add_test(NAME cli_partition_null_key
           COMMAND ${_cli} partition --null-key --partitions 6)
  set_tests_properties(cli_partition_null_key PROPERTIES PASS_REGULAR_EXPRESSION
    "partition: [0-5]\nhash: none\nnull key: uniform sticky partitioner \\(KIP-794\\) keeps partition [0-5] until batch.size 16384 bytes")

  # cli_expect_failure(name EXIT 1|nonzero REGEX re ARGS ...): fails cleanly, with a message.
  function(cli_expect_failure name)
    cmake_parse_arguments(F "" "EXIT;REGEX" "ARGS" ${ARGN})
    string(REPLACE ";" "^^" _args "${F_ARGS}") # cli_expect.cmake splits on ^^
    add_test(NAME ${name} COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:kafkalab-cli>
             "-DARGS=${_args}" -DEXIT=${F_EXIT} "-DREGEX=${F_REGEX}"
             -P ${CMAKE_CURRENT_SOURCE_DIR}/cli_expect.cmake)
  endfunction()

  # Status errors: the engine's message on stderr, exit code 1.
  cli_expect_failure(cli_partition_explicit_out_of_range EXIT 1
    REGEX "UNKNOWN_TOPIC_OR_PARTITION: .*partition 3.*0\\.\\.2"
    ARGS partition --key k --partitions 3 --explicit 3)
  cli_expect_failure(cli_partition_zero_partitions EXIT 1 REGEX "INVALID_PARTITIONS"
    ARGS partition --key k --partitions 0)
  cli_expect_failure(cli_dump_log_missing_file EXIT 1 REGEX "no-such-dir/00000000000000000000\\.log"
    ARGS dump-log ${CMAKE_CURRENT_BINARY_DIR}/no-such-dir/00000000000000000000.log)
  cli_expect_failure(cli_dump_log_unknown_type EXIT 1 REGEX "CMakeLists\\.txt"
    ARGS dump-log ${CMAKE_CURRENT_SOURCE_DIR}/CMakeLists.txt)

  # Bad arguments: CLI11's explanation, a non-zero exit code.
  cli_expect_failure(cli_partition_bad_partitioner EXIT nonzero REGEX "md5 not in"
    ARGS partition --key k --partitions 6 --partitioner md5)
  cli_expect_failure(cli_partition_missing_partitions EXIT nonzero REGEX "--partitions is required"
    ARGS partition --key k)
  cli_expect_failure(cli_partition_not_a_number EXIT nonzero REGEX "six"
    ARGS partition --key k --partitions six)
  cli_expect_failure(cli_partition_no_key EXIT nonzero REGEX "--key or --null-key"
    ARGS partition --partitions 6)
  cli_expect_failure(cli_partition_key_and_null_key EXIT nonzero REGEX "excludes"
    ARGS partition --key k --null-key --partitions 6)
  cli_expect_failure(cli_no_subcommand EXIT nonzero REGEX "subcommand"
    ARGS)

  add_test(NAME cli_help_lists_subcommands COMMAND ${_cli} --help)
  set_tests_properties(cli_help_lists_subcommands PROPERTIES PASS_REGULAR_EXPRESSION
    "partition.*dump-log|dump-log.*partition")

endif()
