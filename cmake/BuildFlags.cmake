# One interface target carries warnings and sanitizer flags; every concur target links it.
add_library(concur_build_flags INTERFACE)
target_compile_options(concur_build_flags INTERFACE
  $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor>
  $<$<COMPILE_LANGUAGE:C>:-Wall>)

if(CONCUR_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "CONCUR_FUZZ needs clang: configure with -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++")
  endif()
  set(CONCUR_SANITIZE ON)
  # Everything is instrumented for coverage; only the fuzz executables link the fuzzer main.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

if(CONCUR_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# Adds a GoogleTest executable and registers its tests with ctest.
#   concur_add_gtest(NAME name SOURCES a.cpp b.cpp LIBS lib1 lib2 [LABELS l1 l2])
include(GoogleTest)
function(concur_add_gtest)
  cmake_parse_arguments(T "" "NAME" "SOURCES;LIBS;LABELS" ${ARGN})
  find_package(GTest REQUIRED)
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main GTest::gmock concur_build_flags)
  target_compile_definitions(${T_NAME} PRIVATE
    CONCUR_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    CONCUR_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared")
  set(labels unit)
  if(T_LABELS)
    set(labels ${T_LABELS})
  endif()
  # A list inside PROPERTIES must keep its ';' escaped, or only the first label survives.
  string(REPLACE ";" "\\;" labels "${labels}")
  gtest_discover_tests(${T_NAME} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS "${labels}" TIMEOUT 300)
endfunction()

# Adds a libFuzzer target: concur_add_fuzzer(NAME name SOURCES f.cpp LIBS lib)
# Every fuzzer joins `concur_fuzz_targets`, so scripts/fuzz.sh builds the fuzzers and what they
# link, not the whole tree, with clang.
if(CONCUR_FUZZ AND NOT TARGET concur_fuzz_targets)
  add_custom_target(concur_fuzz_targets)
endif()
function(concur_add_fuzzer)
  cmake_parse_arguments(F "" "NAME" "SOURCES;LIBS" ${ARGN})
  add_executable(${F_NAME} ${F_SOURCES})
  add_dependencies(concur_fuzz_targets ${F_NAME})
  target_link_libraries(${F_NAME} PRIVATE ${F_LIBS} concur_build_flags)
  target_link_options(${F_NAME} PRIVATE -fsanitize=fuzzer)
endfunction()

# Adds a Google Benchmark program: concur_add_benchmark(NAME name SOURCES b.cpp LIBS lib)
function(concur_add_benchmark)
  cmake_parse_arguments(B "" "NAME" "SOURCES;LIBS" ${ARGN})
  find_package(benchmark REQUIRED)
  add_executable(${B_NAME} ${B_SOURCES})
  target_link_libraries(${B_NAME} PRIVATE ${B_LIBS} benchmark::benchmark concur_build_flags)
endfunction()
