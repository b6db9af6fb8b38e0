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
