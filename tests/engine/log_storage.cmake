# Tests of the partition log storage: segments and indexes, the Log, recovery.
set(_storage_dir ${CMAKE_CURRENT_LIST_DIR})
kafkalab_add_test(test_segment SOURCES ${_storage_dir}/test_segment.cpp LIBS kl_log)
kafkalab_add_test(test_log SOURCES ${_storage_dir}/test_log.cpp LIBS kl_log)
kafkalab_add_test(test_recovery SOURCES ${_storage_dir}/test_recovery.cpp LIBS kl_log)
