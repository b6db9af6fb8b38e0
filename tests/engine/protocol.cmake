# The Kafka wire protocol (issue 11). Codec and framing against hand-checked bytes; the real
# clients' view (kcat and confluent-kafka on librdkafka: flexible versions; kafka-python:
# classic ones) of a running kafkalab-broker; hostile frames close only their connection.
kafkalab_add_test(test_protocol_codec SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/test_protocol_codec.cpp LIBS kl_protocol)
if(TARGET kafkalab-broker)
  add_test(NAME net_real_clients_metadata
           COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/real_clients_metadata.py
                   --broker $<TARGET_FILE:kafkalab-broker> --work ${CMAKE_CURRENT_BINARY_DIR}/real-clients-metadata)
  set_tests_properties(net_real_clients_metadata PROPERTIES TIMEOUT 120)
endif()
