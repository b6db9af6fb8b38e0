# Tests of the partition log storage: segments and indexes, the Log, recovery.
set(_storage_dir ${CMAKE_CURRENT_LIST_DIR})
kafkalab_add_test(test_segment SOURCES ${_storage_dir}/test_segment.cpp LIBS kl_log)
kafkalab_add_test(test_log SOURCES ${_storage_dir}/test_log.cpp LIBS kl_log)
kafkalab_add_test(test_recovery SOURCES ${_storage_dir}/test_recovery.cpp LIBS kl_log)
# The bounded descriptor cache of segment files (issue 10, Scale), and a cluster of 300 partitions
# x RF 3 under RLIMIT_NOFILE 256 (the test lowers its own limit).
kafkalab_add_test(test_fd_cache SOURCES ${_storage_dir}/test_fd_cache.cpp LIBS kl_log)
kafkalab_add_test(test_fd_limit SOURCES ${_storage_dir}/test_fd_limit.cpp LIBS kl_engine)
