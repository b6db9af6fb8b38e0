# The Kafka wire protocol (issue 11). Codec and framing against hand-checked bytes; the real
# clients' view (kcat and confluent-kafka on librdkafka: flexible versions; kafka-python:
# classic ones) of a running kafkalab-broker; hostile frames close only their connection.
kafkalab_add_test(test_protocol_codec SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/test_protocol_codec.cpp LIBS kl_protocol)
# What Produce, Fetch and ListOffsets ask of the engine (raw batches, long polls), ManualClock.
kafkalab_add_test(test_broker_requests SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/test_broker_requests.cpp LIBS kl_engine)
if(TARGET kafkalab-broker)
  add_test(NAME net_real_clients_metadata
           COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/real_clients_metadata.py
                   --broker $<TARGET_FILE:kafkalab-broker> --work ${CMAKE_CURRENT_BINARY_DIR}/real-clients-metadata)
  set_tests_properties(net_real_clients_metadata PROPERTIES TIMEOUT 120)
endif()
if(TARGET kafkalab-broker AND TARGET kafkalab-cli)
  add_test(NAME net_real_clients_records
           COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/real_clients_records.py
                   --broker $<TARGET_FILE:kafkalab-broker> --cli $<TARGET_FILE:kafkalab-cli>
                   --work ${CMAKE_CURRENT_BINARY_DIR}/real-clients-records)
  set_tests_properties(net_real_clients_records PROPERTIES TIMEOUT 180)
endif()
if(TARGET kafkalab-broker)
  add_test(NAME net_real_clients_groups
           COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/real_clients_groups.py
                   --broker $<TARGET_FILE:kafkalab-broker> --work ${CMAKE_CURRENT_BINARY_DIR}/real-clients-groups)
  set_tests_properties(net_real_clients_groups PROPERTIES TIMEOUT 240)
endif()
# kafkajs from npm, pinned by tests/js/package-lock.json: `npm ci` into the build directory
# (a fixture), then produce, consume in a group and admin against kafkalab-broker.
find_program(KAFKALAB_NODE node)
find_program(KAFKALAB_NPM npm)
if(TARGET kafkalab-broker AND TARGET kafkalab-cli)
  if(KAFKALAB_NODE AND KAFKALAB_NPM)
    set(_js ${CMAKE_CURRENT_BINARY_DIR}/js)
    configure_file(${PROJECT_SOURCE_DIR}/tests/js/package.json ${_js}/package.json COPYONLY)
    configure_file(${PROJECT_SOURCE_DIR}/tests/js/package-lock.json ${_js}/package-lock.json COPYONLY)
    add_test(NAME net_kafkajs_install
             COMMAND ${KAFKALAB_NPM} ci --no-audit --no-fund --loglevel=error WORKING_DIRECTORY ${_js})
    set_tests_properties(net_kafkajs_install PROPERTIES FIXTURES_SETUP kafkajs TIMEOUT 300)
    add_test(NAME net_real_clients_kafkajs
             COMMAND ${KAFKALAB_NODE} ${CMAKE_CURRENT_SOURCE_DIR}/real_clients_kafkajs.js
                     $<TARGET_FILE:kafkalab-broker> $<TARGET_FILE:kafkalab-cli>)
    set_tests_properties(net_real_clients_kafkajs PROPERTIES FIXTURES_REQUIRED kafkajs TIMEOUT 180
                         ENVIRONMENT "NODE_PATH=${_js}/node_modules;KAFKAJS_NO_PARTITIONER_WARNING=1")
  else()
    # Not skipped: a machine without node and npm fails here, saying what to install.
    add_test(NAME net_real_clients_kafkajs
             COMMAND sh -c "echo 'node and npm are missing: scripts/install-deps installs them (nodejs, npm)'; exit 1")
  endif()
endif()
# Prometheus metrics (--metrics-port): parsed by prometheus_client, scraped by Debian's prometheus.
if(TARGET kafkalab-broker)
  add_test(NAME net_metrics_prometheus
           COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/metrics_prometheus.py
                   --broker $<TARGET_FILE:kafkalab-broker> --work ${CMAKE_CURRENT_BINARY_DIR}/metrics-prometheus)
  set_tests_properties(net_metrics_prometheus PROPERTIES TIMEOUT 180)
endif()
# Burrow (Debian's 1.2.1, with Debian's ZooKeeper for its own state) reads __consumer_offsets.
if(TARGET kafkalab-broker)
  add_test(NAME net_burrow_lag
           COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/burrow_lag.py
                   --broker $<TARGET_FILE:kafkalab-broker> --work ${CMAKE_CURRENT_BINARY_DIR}/burrow-lag)
  set_tests_properties(net_burrow_lag PROPERTIES TIMEOUT 240)
endif()
