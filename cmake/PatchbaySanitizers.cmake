# Sanitizer and fuzzing flags, carried by patchbay_options to every target (docs/RELIABILITY.md).
#
# PATCHBAY_SANITIZE: AddressSanitizer (with LeakSanitizer) and UndefinedBehaviorSanitizer, any
# finding aborts (no recovery), frame pointers kept for readable stacks. -O1 keeps the build
# and the suite fast enough for CI; scripts/test --sanitize uses build-asan/.
#
# PATCHBAY_FUZZ: clang only. Everything we compile gets libFuzzer's coverage instrumentation
# plus ASan and UBSan (-fsanitize=fuzzer-no-link); only the targets in tests/fuzz link the
# libFuzzer driver (-fsanitize=fuzzer). scripts/fuzz uses build-fuzz/.
set(patchbay_sanitizers "address,undefined")
set(patchbay_sanitizer_flags
    -fno-omit-frame-pointer
    -fno-sanitize-recover=all
    # A signed overflow we rely on is still a bug; floats divided by zero are IEEE, not UB.
    -fno-sanitize=float-divide-by-zero)

if(PATCHBAY_SANITIZE AND PATCHBAY_FUZZ)
    message(FATAL_ERROR "PATCHBAY_FUZZ already sanitizes; turn PATCHBAY_SANITIZE off")
endif()

if(PATCHBAY_SANITIZE)
    target_compile_options(patchbay_options INTERFACE
        -fsanitize=${patchbay_sanitizers} ${patchbay_sanitizer_flags} -O1 -g1)
    target_link_options(patchbay_options INTERFACE -fsanitize=${patchbay_sanitizers})
    target_compile_definitions(patchbay_options INTERFACE PATCHBAY_SANITIZE)
endif()

if(PATCHBAY_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "PATCHBAY_FUZZ needs clang (libFuzzer): configure with "
                            "-DCMAKE_CXX_COMPILER=clang++-14, as scripts/fuzz does")
    endif()
    target_compile_options(patchbay_options INTERFACE
        -fsanitize=fuzzer-no-link,${patchbay_sanitizers} ${patchbay_sanitizer_flags} -O1 -g1)
    target_link_options(patchbay_options INTERFACE -fsanitize=${patchbay_sanitizers})
    target_compile_definitions(patchbay_options INTERFACE PATCHBAY_FUZZ PATCHBAY_SANITIZE)
endif()
