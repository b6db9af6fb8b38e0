# Consumer groups, pure parts: assignors, the consumer protocol's embedded formats and the
# __consumer_offsets record formats.
kafkalab_add_test(test_assignors SOURCES test_assignors.cpp LIBS kl_group)
kafkalab_add_test(test_consumer_protocol SOURCES test_consumer_protocol.cpp LIBS kl_group)
kafkalab_add_test(test_offsets_records SOURCES test_offsets_records.cpp LIBS kl_group)

# The assignors against kafka-python's (the oracle): assignor_oracle.py generates seeded random
# groups at test time, runs kafka-python's range / roundrobin / sticky on them and the same cases
# through assignor_driver. Skipped (exit 77) where kafka-python is not installed.
add_executable(assignor_driver assignor_driver.cpp)
set_target_properties(assignor_driver PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
target_link_libraries(assignor_driver PRIVATE kl_group)
kafkalab_target_defaults(assignor_driver)
# The system interpreter first: that is where the python3-kafka package installs kafka-python.
find_program(KAFKALAB_PYTHON3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
find_program(KAFKALAB_PYTHON3 NAMES python3)
if(KAFKALAB_PYTHON3)
  add_test(NAME assignors_vs_kafka_python
           COMMAND ${KAFKALAB_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/assignor_oracle.py
                   $<TARGET_FILE:assignor_driver> --groups 500 --seed 1)
  set_tests_properties(assignors_vs_kafka_python PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
endif()
