# Tests of the byte-level log codec: CRC-32C, RecordBatch v2, compression, dump-log.
set(_codec_dir ${CMAKE_CURRENT_LIST_DIR})
kafkalab_add_test(test_crc32c SOURCES ${_codec_dir}/test_crc32c.cpp LIBS kl_log)
kafkalab_add_test(test_record_batch SOURCES ${_codec_dir}/test_record_batch.cpp LIBS kl_log)
kafkalab_add_test(test_compression SOURCES ${_codec_dir}/test_compression.cpp
                  LIBS kl_log Snappy::snappy PkgConfig::ZSTD)
kafkalab_add_test(test_dump SOURCES ${_codec_dir}/test_dump.cpp LIBS kl_log)
