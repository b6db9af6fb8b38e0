# Runs `kafkalab --screenshot` offscreen at a requested window size and checks the PNG it writes
# has exactly that size: a window whose minimum size is larger than the screen comes out wider
# or taller, so this fails when the window does not fit (e.g. a 1024x700 projector).
# -DKAFKALAB=<exe> -DSIZE=WxH -DLANG=en|ko -DVIEW=<tab> -DOUT=<png>
set(ENV{QT_QPA_PLATFORM} offscreen)
set(ENV{XDG_CONFIG_HOME} "${OUT}.config") # --lang is remembered: keep it out of the user's settings
file(REMOVE "${OUT}")
execute_process(COMMAND "${KAFKALAB}" --lang "${LANG}" --view "${VIEW}" --screenshot-size "${SIZE}"
                        --screenshot "${OUT}"
                RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "kafkalab exited ${_rc}:\n${_out}${_err}")
endif()
file(READ "${OUT}" _hdr OFFSET 16 LIMIT 8 HEX)  # IHDR width, height (big-endian)
string(SUBSTRING "${_hdr}" 0 8 _w)
string(SUBSTRING "${_hdr}" 8 8 _h)
math(EXPR _w "0x${_w}")
math(EXPR _h "0x${_h}")
if(NOT "${_w}x${_h}" STREQUAL "${SIZE}")
  message(FATAL_ERROR "asked for a ${SIZE} window (${LANG}, ${VIEW} view) but the screenshot is "
                      "${_w}x${_h}: the window's minimum size does not fit")
endif()
message(STATUS "${VIEW} ${LANG}: ${_w}x${_h}")
