# H6's view tests (producer panel, topic admin panel, segment browser); included from
# tests/ui/CMakeLists.txt. Each runs a real engine in a temporary directory, offscreen.
kafkalab_add_test(test_producer_panel GUI
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_producer_panel.cpp LIBS kl_ui)
# The panel's idempotence (Kafka 3.0+'s default with acks=all): producer id, epoch, sequences.
kafkalab_add_test(test_producer_idempotence GUI
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_producer_idempotence.cpp LIBS kl_ui)
kafkalab_add_test(test_topic_admin_panel GUI
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_topic_admin_panel.cpp LIBS kl_ui)
kafkalab_add_test(test_segment_browser GUI
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_segment_browser.cpp LIBS kl_ui)
# Switching language keeps every state (running auto-producers, lists, selections, typed text,
# scroll positions) and retranslates; back from a scenario the live event list is kept. Drives
# the app's Shell, so it embeds the Korean translation as the app does (:/i18n/kafkalab_ko.qm).
kafkalab_add_test(test_language_switch GUI
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_language_switch.cpp ${CMAKE_CURRENT_LIST_DIR}/view_test_fixture.h
    LIBS kl_ui)
qt_add_lrelease(test_language_switch
    TS_FILES ${PROJECT_SOURCE_DIR}/resources/translations/kafkalab_ko.ts
    NO_GLOBAL_TARGET QM_FILES_OUTPUT_VARIABLE kl_test_language_qm)
qt_add_resources(test_language_switch test_language_i18n PREFIX /i18n
    BASE ${CMAKE_CURRENT_BINARY_DIR} FILES ${kl_test_language_qm})
