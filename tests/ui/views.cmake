# H6's view tests (producer panel, topic admin panel, segment browser); included from
# tests/ui/CMakeLists.txt. Each runs a real engine in a temporary directory, offscreen.
kafkalab_add_test(test_producer_panel GUI
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_producer_panel.cpp LIBS kl_ui)
kafkalab_add_test(test_topic_admin_panel GUI
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_topic_admin_panel.cpp LIBS kl_ui)
kafkalab_add_test(test_segment_browser GUI
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_segment_browser.cpp LIBS kl_ui)
