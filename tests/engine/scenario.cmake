# Scenarios: the parser (no engine needed), the runner on a real EngineCore, and
# `kafkalab-cli simulate` run as a user would.
set(_scenario_dir ${CMAKE_CURRENT_LIST_DIR})
kafkalab_add_test(test_scenario_parser SOURCES ${_scenario_dir}/test_scenario_parser.cpp LIBS kl_scenario_format)
target_compile_definitions(test_scenario_parser PRIVATE KAFKALAB_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
kafkalab_add_test(test_scenario_runner SOURCES ${_scenario_dir}/test_scenario_runner.cpp LIBS kl_scenario)
target_compile_definitions(test_scenario_runner PRIVATE KAFKALAB_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

# `kafkalab-cli simulate`: a real example (exit 0, the final result line), and files that fail
# in each way (exit code and the FILE:LINE message on stderr). The failing files are written
# into the build tree here, so the examples directory holds only good scenarios.
if(TARGET kafkalab-cli)
  set(_scenarios ${PROJECT_SOURCE_DIR}/resources/scenarios)
  set(_bad ${CMAKE_CURRENT_BINARY_DIR}/scenario-cli)
  file(WRITE ${_bad}/bad-broker.json "{\n  \"brokers\": 3,\n  \"actions\": [\n    {\"at\": 0, \"do\": \"create-topic\", \"topic\": \"t\"},\n    {\"at\": 10, \"do\": \"crash\", \"broker\": 7}\n  ]\n}\n")
  file(WRITE ${_bad}/bad-json.json "{\n  \"actions\": [\n    {\"do\": \"advance\" \"ms\": 5}\n  ]\n}\n")
  file(WRITE ${_bad}/failing-expect.json "{\n  \"brokers\": 1,\n  \"actions\": [\n    {\"do\": \"create-topic\", \"topic\": \"t\"},\n    {\"do\": \"expect\", \"topic\": \"t\", \"partition\": 0, \"high-watermark\": 3}\n  ]\n}\n")

  # scenario_cli_test(name EXIT code REGEX stderr-regex ARGS ...): via cli_expect.cmake, which
  # also fails on a crash.
  function(scenario_cli_test name)
    cmake_parse_arguments(F "" "EXIT;REGEX" "ARGS" ${ARGN})
    string(REPLACE ";" "^^" _args "${F_ARGS}")
    add_test(NAME ${name} COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:kafkalab-cli>
             "-DARGS=${_args}" -DEXIT=${F_EXIT} "-DREGEX=${F_REGEX}"
             -P ${CMAKE_CURRENT_SOURCE_DIR}/cli_expect.cmake)
  endfunction()

  scenario_cli_test(cli_simulate_leader_failover_exit EXIT 0 REGEX "^$"
    ARGS simulate ${_scenarios}/leader-failover.json)
  add_test(NAME cli_simulate_leader_failover_output
           COMMAND $<TARGET_FILE:kafkalab-cli> simulate ${_scenarios}/leader-failover.json --seed 1)
  set_tests_properties(cli_simulate_leader_failover_output PROPERTIES PASS_REGULAR_EXPRESSION
    "\"type\":\"leader_elected\".*\"type\":\"partition\",\"topic\":\"orders\",\"partition\":0,\"leader\":3,\"leader_epoch\":2.*\n\\{\"type\":\"result\",\"time_ms\":[0-9]+,\"expects_passed\":[1-9][0-9]*,\"failures\":0,\"ok\":true\\}\n$")
  # --seed replaces the file's seed: an unpinned topic's placement follows it. Seed 1 places
  # t-0 on [3, 1, 2] and seed 2 on [1, 2, 3], so an expect written for seed 1 fails at seed 2.
  file(WRITE ${_bad}/seeded.json "{\n  \"brokers\": 3,\n  \"seed\": 1,\n  \"actions\": [\n    {\"do\": \"create-topic\", \"topic\": \"t\", \"replication-factor\": 3},\n    {\"do\": \"expect\", \"topic\": \"t\", \"partition\": 0, \"leader\": 3}\n  ]\n}\n")
  scenario_cli_test(cli_simulate_seed_default EXIT 0 REGEX "^$" ARGS simulate ${_bad}/seeded.json)
  scenario_cli_test(cli_simulate_seed_override EXIT 1
    REGEX "seeded\\.json:6: at 0 ms: expect failed: t-0: leader is 1, expected 3"
    ARGS simulate ${_bad}/seeded.json --seed 2)
  # Every bundled scenario holds for any seed (topics whose expectations name brokers pin their
  # replicas with replica-assignment): each runs under many seeds.
  file(GLOB _bundled ${_scenarios}/*.json)
  foreach(_file ${_bundled})
    get_filename_component(_name ${_file} NAME_WE)
    add_test(NAME scenario_any_seed_${_name}
             COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:kafkalab-cli> -DSCENARIO=${_file}
                     "-DSEEDS=1;2;3;5;7;11;42;1000;65535;4294967295"
                     -P ${CMAKE_CURRENT_SOURCE_DIR}/scenario_seeds.cmake)
  endforeach()
  scenario_cli_test(cli_simulate_unknown_broker EXIT 2
    REGEX "bad-broker\\.json:5:31: action 'crash': unknown broker 7 \\(cluster has 3"
    ARGS simulate ${_bad}/bad-broker.json)
  scenario_cli_test(cli_simulate_bad_json EXIT 2
    REGEX "bad-json\\.json:3:22: invalid JSON: syntax error"
    ARGS simulate ${_bad}/bad-json.json)
  # Hostile files (issue 10): a number too large for a double, and 40,000 levels of nesting
  # (the line scan overflowed the stack). Both are loader errors: FILE:LINE:COL and exit 2.
  file(WRITE ${_bad}/huge-seed.json "{\n  \"seed\": 1e400,\n  \"actions\": []\n}\n")
  scenario_cli_test(cli_simulate_huge_number EXIT 2
    REGEX "huge-seed\\.json:2:11: invalid JSON: the number '1e400' is too large to represent"
    ARGS simulate ${_bad}/huge-seed.json)
  string(REPEAT "[" 40000 _open)
  string(REPEAT "]" 40000 _close)
  file(WRITE ${_bad}/deep.json "{\"actions\": ${_open}${_close}}\n")
  scenario_cli_test(cli_simulate_deep_nesting EXIT 2
    REGEX "deep\\.json:1:76: arrays and objects are nested more than 64 levels deep"
    ARGS simulate ${_bad}/deep.json)
  scenario_cli_test(cli_simulate_failed_expect EXIT 1
    REGEX "failing-expect\\.json:5: at 0 ms: expect failed: t-0: high watermark is 0, expected 3"
    ARGS simulate ${_bad}/failing-expect.json)
  # A scenario with a consumer group ends with the kafka-consumer-groups.sh --describe table.
  add_test(NAME cli_simulate_consumer_crash_describe_table
           COMMAND $<TARGET_FILE:kafkalab-cli> simulate ${_scenarios}/consumer-crash-rebalance.json)
  set_tests_properties(cli_simulate_consumer_crash_describe_table PROPERTIES PASS_REGULAR_EXPRESSION
    "\"type\":\"result\",[^\n]*\"ok\":true\}\n\nGROUP +TOPIC +PARTITION +CURRENT-OFFSET +LOG-END-OFFSET +LAG +CONSUMER-ID +HOST +CLIENT-ID\nbilling +orders +0 +[0-9]+ +[0-9]+ +0 +consumer-1-[^ ]+ +[^ ]+ +consumer-1\n")
  # Its timeline has lag samples and the re-deliveries after the crash as duplicate findings.
  add_test(NAME cli_simulate_consumer_crash_group_events
           COMMAND $<TARGET_FILE:kafkalab-cli> simulate ${_scenarios}/consumer-crash-rebalance.json)
  set_tests_properties(cli_simulate_consumer_crash_group_events PROPERTIES PASS_REGULAR_EXPRESSION
    "\"type\":\"lag_sampled\",\"group\":\"billing\",\"lag\":[0-9]+,\"detail\":\"orders-0=[0-9]+ orders-1=[^\n]*\n.*\"type\":\"ordering_violation\",[^\n]*\"kind\":\"duplicate\",[^\n]*\"count\":[1-9]")
  scenario_cli_test(cli_simulate_missing_file EXIT 2 REGEX "no-such\\.json: cannot open the file"
    ARGS simulate ${_bad}/no-such.json)
endif()

# Bad command lines and unusable paths (issue 10, "Messages"): each says what was wrong and
# what is accepted, exit 2 (a bad argument, file, --data-dir or TMPDIR).
if(TARGET kafkalab-cli)
  set(_msgs ${CMAKE_CURRENT_BINARY_DIR}/cli-messages)
  file(MAKE_DIRECTORY ${_msgs}/a-directory.json)
  file(WRITE ${_msgs}/a-file "")
  # A binary "scenario": a few bytes of an ELF header.
  string(ASCII 127 69 76 70 2 1 1 _elf)
  file(WRITE ${_msgs}/binary.json "${_elf}")
  set(_ok ${PROJECT_SOURCE_DIR}/resources/scenarios/leader-failover.json)
  scenario_cli_test(cli_simulate_progress EXIT 0
    REGEX "simulate: [0-9]+% .*\nsimulate: 100% \\([0-9]+ of [0-9]+ s simulated\\)\n$" ARGS simulate ${_ok} --progress)
  scenario_cli_test(cli_unknown_subcommand EXIT 2
    REGEX "unknown subcommand 'bogus' \\(subcommands: .*simulate" ARGS bogus)
  scenario_cli_test(cli_simulate_negative_seed EXIT 2
    REGEX "--seed: must be a whole number 0\\.\\.9223372036854775807.*got '-1'" ARGS simulate ${_ok} --seed -1)
  scenario_cli_test(cli_simulate_overflowing_seed EXIT 2
    REGEX "--seed: must be a whole number .*got '99999999999999999999'" ARGS simulate ${_ok} --seed 99999999999999999999)
  scenario_cli_test(cli_simulate_directory EXIT 2
    REGEX "a-directory\\.json: is a directory, not a scenario file" ARGS simulate ${_msgs}/a-directory.json)
  scenario_cli_test(cli_simulate_binary EXIT 2
    REGEX "binary\\.json:1:1: this is not a JSON text file: control byte 0x7F" ARGS simulate ${_msgs}/binary.json)
  scenario_cli_test(cli_simulate_data_dir_is_a_file EXIT 2
    REGEX "--data-dir .*a-file is a file, not a directory \\(give an empty or new directory\\)"
    ARGS simulate ${_ok} --data-dir ${_msgs}/a-file)
  file(WRITE ${_msgs}/full-dir/something "")
  scenario_cli_test(cli_simulate_data_dir_not_empty EXIT 2
    REGEX "--data-dir .*full-dir is not empty \\(a scenario starts from an empty cluster: give an empty or new directory\\)"
    ARGS simulate ${_ok} --data-dir ${_msgs}/full-dir)
  scenario_cli_test(cli_simulate_negative_start_time EXIT 2
    REGEX "--start-time-ms: must be a whole number 0\\.\\.253402300799999 \\(Unix time in milliseconds.*got '-5'"
    ARGS simulate ${_ok} --start-time-ms -5)
  scenario_cli_test(cli_simulate_missing_tmpdir EXIT 2
    REGEX "TMPDIR=${_msgs}/none cannot be used \\(No such file or directory\\); set TMPDIR" ARGS simulate ${_ok})
  set_tests_properties(cli_simulate_missing_tmpdir PROPERTIES ENVIRONMENT TMPDIR=${_msgs}/none)
endif()
if(TARGET kafkalab-broker)
  # broker_args_test(name REGEX re ARGS ...): kafkalab-broker refuses the arguments with exit 2.
  function(broker_args_test name)
    cmake_parse_arguments(F "" "REGEX" "ARGS" ${ARGN})
    string(REPLACE ";" "^^" _args "${F_ARGS}")
    add_test(NAME ${name} COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:kafkalab-broker>
             "-DARGS=${_args}" -DEXIT=2 "-DREGEX=${F_REGEX}"
             -P ${CMAKE_CURRENT_SOURCE_DIR}/cli_expect.cmake)
  endfunction()
  set(_bd ${CMAKE_CURRENT_BINARY_DIR}/broker-args)
  broker_args_test(broker_negative_duration
    REGEX "--duration-ms: must be a whole number 0\\.\\.9223372036854775807 \\(milliseconds"
    ARGS --data-dir ${_bd} --duration-ms -1)
  broker_args_test(broker_negative_seed REGEX "--seed: must be a whole number 0\\.\\.18446744073709551615, got '-1'"
    ARGS --data-dir ${_bd} --seed -1)
  broker_args_test(broker_overflowing_seed
    REGEX "--seed: must be a whole number 0\\.\\.18446744073709551615, got '18446744073709551616'"
    ARGS --data-dir ${_bd} --seed 18446744073709551616)
  broker_args_test(broker_overflowing_duration
    REGEX "--duration-ms: must be a whole number 0\\.\\.9223372036854775807 \\(milliseconds.*got '9223372036854775808'"
    ARGS --data-dir ${_bd} --duration-ms 9223372036854775808)
  broker_args_test(broker_topic_trailing_letters REGEX "'t:1x': PARTITIONS must be a whole number 1\\.\\.100000, got '1x'"
    ARGS --data-dir ${_bd} --create-topic t:1x --duration-ms 1)
  broker_args_test(broker_topic_too_many_fields REGEX "'t:1:1:1': expected NAME:PARTITIONS or NAME:PARTITIONS:RF"
    ARGS --data-dir ${_bd} --create-topic t:1:1:1 --duration-ms 1)
  broker_args_test(broker_topic_trailing_colon REGEX "'t:2:3:': expected NAME:PARTITIONS"
    ARGS --data-dir ${_bd} --create-topic t:2:3: --duration-ms 1)
  broker_args_test(broker_topic_rf_above_brokers REGEX "RF must be a whole number 1\\.\\.3 \\(the broker count\\), got '4'"
    ARGS --data-dir ${_bd} --create-topic t:2:4 --duration-ms 1)
endif()
# Issue 10: a `simulate --data-dir` output opened in kafkalab-broker keeps its records (the
# simulated clock ends at the current time instead of starting in 2023, which retention deleted).
if(TARGET kafkalab-cli AND TARGET kafkalab-broker)
  add_test(NAME simulate_data_dir_survives_broker_retention
           COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:kafkalab-cli> -DBROKER=$<TARGET_FILE:kafkalab-broker>
                   -DSCENARIO=${PROJECT_SOURCE_DIR}/resources/scenarios/leader-failover.json
                   -DDIR=${CMAKE_CURRENT_BINARY_DIR}/simulate-then-broker -DPARTITION=orders-0 -DRECORDS=20
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/simulate_then_broker.cmake)
endif()
