# kafkalab_target_defaults(target): warnings, sanitizers, one place for every target.
function(kafkalab_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(KAFKALAB_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(KAFKALAB_SANITIZE)
    # -fno-sanitize-recover: undefined behaviour stops the program (and fails its test) instead of
    # printing a line CTest never looks at.
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                             -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()

# kafkalab_add_test(name SOURCES ... LIBS ...): one Qt Test executable per test file, registered
# with CTest. GUI tests get the offscreen platform.
function(kafkalab_add_test name)
  cmake_parse_arguments(T "GUI" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  target_link_libraries(${name} PRIVATE Qt6::Test ${T_LIBS})
  kafkalab_target_defaults(${name})
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES TIMEOUT 300)
  if(T_GUI)
    set_tests_properties(${name} PROPERTIES ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
  endif()
endfunction()
