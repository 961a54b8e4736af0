# The aligned-PER test module (ConcurAperTest.asn) compiled with asn1c 0.9.28 into the build
# folder, as the static library concur_aper_test_asn. Included by the tests and by the fuzz
# targets (which build without the tests).
#
# asn1c runs at configure time: its output file list is only known after it runs. Editing
# ConcurAperTest.asn re-runs the configure step.
if(TARGET concur_aper_test_asn)
  return()
endif()
find_program(ASN1C asn1c REQUIRED)
set(aper_asn ${CMAKE_CURRENT_LIST_DIR}/ConcurAperTest.asn)
set(aper_gen ${PROJECT_BINARY_DIR}/aper-test-asn)
set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${aper_asn})
# asn1c writes into a scratch folder; only changed files are copied over, so a re-configure does
# not rebuild the generated library.
set(aper_scratch ${PROJECT_BINARY_DIR}/aper-test-asn.scratch)
file(REMOVE_RECURSE ${aper_scratch})
file(MAKE_DIRECTORY ${aper_scratch} ${aper_gen})
execute_process(
  COMMAND ${ASN1C} -gen-PER -fcompound-names -fno-include-deps -pdu=all ${aper_asn}
  WORKING_DIRECTORY ${aper_scratch}
  RESULT_VARIABLE asn1c_rc OUTPUT_QUIET ERROR_VARIABLE asn1c_err)
if(NOT asn1c_rc EQUAL 0)
  message(FATAL_ERROR "asn1c failed on ${aper_asn}: ${asn1c_err}")
endif()
file(GLOB aper_generated RELATIVE ${aper_scratch} ${aper_scratch}/*.c ${aper_scratch}/*.h)
foreach(f ${aper_generated})
  file(COPY_FILE ${aper_scratch}/${f} ${aper_gen}/${f} ONLY_IF_DIFFERENT)
endforeach()
file(REMOVE_RECURSE ${aper_scratch})
file(GLOB aper_gen_sources ${aper_gen}/*.c)
list(FILTER aper_gen_sources EXCLUDE REGEX "converter-sample\\.c$")

# The generated C (and its own copy of the asn1c runtime); warnings are asn1c's, not ours.
add_library(concur_aper_test_asn STATIC ${aper_gen_sources} ${CMAKE_CURRENT_LIST_DIR}/asn1c_set_of_uper.c)
target_include_directories(concur_aper_test_asn SYSTEM PUBLIC ${aper_gen})
target_compile_options(concur_aper_test_asn PRIVATE -w)

