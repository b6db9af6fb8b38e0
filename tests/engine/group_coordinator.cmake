# Group coordinator: the classic consumer-group state machine under a manual clock.
kafkalab_add_test(test_group_coordinator SOURCES test_group_coordinator.cpp LIBS kl_group)
kafkalab_add_test(test_group_offsets SOURCES test_group_offsets.cpp LIBS kl_group)
