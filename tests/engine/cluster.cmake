# Tests of the engine facade and cluster: EngineCore (ManualClock), the Engine thread, and the
# simulated auto producer.
set(_cluster_dir ${CMAKE_CURRENT_LIST_DIR})
kafkalab_add_test(test_engine_core SOURCES ${_cluster_dir}/test_engine_core.cpp LIBS kl_engine)
# cluster-metadata.json refused by file, LINE:COL, topic and field; nothing created outside.
kafkalab_add_test(test_metadata_store SOURCES ${_cluster_dir}/test_metadata_store.cpp LIBS kl_engine)
# A failed create / partition increase removes the replica directories it made; unknown replica
# directories are renamed -stray at open.
kafkalab_add_test(test_replica_dirs SOURCES ${_cluster_dir}/test_replica_dirs.cpp LIBS kl_engine)
kafkalab_add_test(test_engine_thread SOURCES ${_cluster_dir}/test_engine_thread.cpp LIBS kl_engine)
kafkalab_add_test(test_auto_producer SOURCES ${_cluster_dir}/test_auto_producer.cpp LIBS kl_engine)
# Replication: leaders, followers, ISR, acks, faults (ManualClock), and the seeded simulation
# (KAFKALAB_SIM_SEEDS seeds, default 200; KAFKALAB_SIM_SEED=S replays one).
kafkalab_add_test(test_replication SOURCES ${_cluster_dir}/test_replication.cpp LIBS kl_engine)
# Broker fencing after broker.session.timeout.ms (KRaft's BrokerHeartbeatManager).
kafkalab_add_test(test_broker_fencing SOURCES ${_cluster_dir}/test_broker_fencing.cpp LIBS kl_engine kl_scenario_format)
kafkalab_add_test(test_acks SOURCES ${_cluster_dir}/test_acks.cpp LIBS kl_engine)
# The idempotent producer (Kafka 3.0+'s default): producer ids, sequences in the batches (read by
# kafka-python), duplicates, OUT_OF_ORDER_SEQUENCE_NUMBER, state across a leader change.
kafkalab_add_test(test_idempotent_producer SOURCES ${_cluster_dir}/test_idempotent_producer.cpp LIBS kl_engine)
kafkalab_add_test(test_replication_sim SOURCES ${_cluster_dir}/test_replication_sim.cpp LIBS kl_engine)
# Consumer groups in the cluster: coordinators on __consumer_offsets leaders, simulated consumers,
# rebalances, lag, failover and determinism (ManualClock).
kafkalab_add_test(test_consumer_groups SOURCES ${_cluster_dir}/test_consumer_groups.cpp LIBS kl_engine)
kafkalab_add_test(test_consumer_groups_failover SOURCES ${_cluster_dir}/test_consumer_groups_failover.cpp
                  LIBS kl_engine)
# The simulated consumer as the Java client behaves, read back from __consumer_offsets: auto-commit
# of every position at every interval with its leader epoch, and the JoinGroup subscriptions.
kafkalab_add_test(test_consumer_client SOURCES ${_cluster_dir}/test_consumer_client.cpp LIBS kl_engine)
# Static membership restarts, and the lag_sampled / ordering_violation events.
kafkalab_add_test(test_consumer_groups_events SOURCES ${_cluster_dir}/test_consumer_groups_events.cpp
                  LIBS kl_engine)
# The ordering checker per producer run: no false duplicates across runs, real ones counted,
# reset, and OrderingViolation events aggregated per producer.
kafkalab_add_test(test_ordering_producers SOURCES ${_cluster_dir}/test_ordering_producers.cpp
                  LIBS kl_engine)
# Catching up and restarting: a follower behind the leader's log start offset truncates fully,
# the broker offset checkpoint files, initial-leader events.
kafkalab_add_test(test_replication_checkpoints SOURCES ${_cluster_dir}/test_replication_checkpoints.cpp
                  LIBS kl_engine)
# Hostile files at start (issue 10): a bad leader-epoch-checkpoint is rebuilt from the batches
# and reported, an epoch at INT32_MAX does not overflow, a failed start changes no file.
kafkalab_add_test(test_start_hardening SOURCES ${_cluster_dir}/test_start_hardening.cpp LIBS kl_engine)
# Durable offset commits: answered and shown only once replicated; a seeded simulation that
# crashes coordinators (KAFKALAB_COMMIT_SIM_SEEDS seeds, default 20; KAFKALAB_COMMIT_SIM_SEED=S).
kafkalab_add_test(test_commit_sim SOURCES ${_cluster_dir}/test_commit_sim.cpp LIBS kl_engine)
# kafkalab-broker --broker-session-timeout-ms: a value out of range is refused by name; a valid one
# reaches the engine (its open() refuses a bad one too, so a run that prints its startup event
# and exits 0 took it).
if(TARGET kafkalab-broker)
  add_test(NAME broker_bad_cluster_metadata COMMAND ${CMAKE_COMMAND} -DBROKER=$<TARGET_FILE:kafkalab-broker>
           -DDIR=${CMAKE_CURRENT_BINARY_DIR}/broker-bad-metadata -P ${_cluster_dir}/broker_bad_metadata.cmake)
  add_test(NAME broker_session_timeout_flag_refused COMMAND ${CMAKE_COMMAND}
           -DCLI=$<TARGET_FILE:kafkalab-broker> "-DARGS=--broker-session-timeout-ms^^-5" -DEXIT=nonzero
           "-DREGEX=broker-session-timeout-ms" -P ${_cluster_dir}/cli_expect.cmake)
  add_test(NAME broker_session_timeout_flag_accepted
           COMMAND kafkalab-broker --data-dir ${CMAKE_CURRENT_BINARY_DIR}/broker-session-flag
                   --broker-session-timeout-ms 2500 --port-base 0 --duration-ms 50)
  set_tests_properties(broker_session_timeout_flag_accepted PROPERTIES PASS_REGULAR_EXPRESSION
    "\"type\":\"broker_started\"")
endif()
