# Consumer groups, analysis side: the ordering checker, Burrow-style lag evaluation (both pure,
# in kl_group) and the kafka-consumer-groups --describe table (kl_scenario_format).
set(_group_analysis_dir ${CMAKE_CURRENT_LIST_DIR})
kafkalab_add_test(test_ordering_checker SOURCES ${_group_analysis_dir}/test_ordering_checker.cpp LIBS kl_group)
kafkalab_add_test(test_lag_evaluator SOURCES ${_group_analysis_dir}/test_lag_evaluator.cpp LIBS kl_group)
kafkalab_add_test(test_group_table SOURCES ${_group_analysis_dir}/test_group_table.cpp LIBS kl_scenario_format)
