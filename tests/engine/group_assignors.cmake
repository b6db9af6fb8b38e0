# Consumer groups, pure parts: assignors, the consumer protocol's embedded formats and the
# __consumer_offsets record formats.
kafkalab_add_test(test_assignors SOURCES test_assignors.cpp LIBS kl_group)
kafkalab_add_test(test_consumer_protocol SOURCES test_consumer_protocol.cpp LIBS kl_group)
kafkalab_add_test(test_offsets_records SOURCES test_offsets_records.cpp LIBS kl_group)
