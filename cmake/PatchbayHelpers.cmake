# patchbay_add_test(NAME tst_foo SOURCES a.cpp ... LIBS lib ... [LABELS l ...])
# One executable per test file, registered with ctest. Tests run offscreen with their own
# temporary XDG directories so that they never touch the user's data and are safe under -j.
function(patchbay_add_test name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBS;LABELS" ${ARGN})
    qt_add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE patchbay_options Qt6::Test ${ARG_LIBS})
    add_test(NAME ${name} COMMAND ${name})
    set(env
        "QT_QPA_PLATFORM=offscreen"
        "PATCHBAY_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
        "PATCHBAY_BINARY_DIR=${PROJECT_BINARY_DIR}"
        "XDG_DATA_HOME=${CMAKE_CURRENT_BINARY_DIR}/xdg/${name}/data"
        "XDG_CONFIG_HOME=${CMAKE_CURRENT_BINARY_DIR}/xdg/${name}/config"
        "XDG_CACHE_HOME=${CMAKE_CURRENT_BINARY_DIR}/xdg/${name}/cache")
    set_tests_properties(${name} PROPERTIES ENVIRONMENT "${env}" TIMEOUT 300)
    if(ARG_LABELS)
        set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}")
    endif()
endfunction()

# patchbay_add_bench(NAME bench_foo SOURCES ... LIBS ...): a benchmark program; never a test.
function(patchbay_add_bench name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
    qt_add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE patchbay_options ${ARG_LIBS})
endfunction()

# patchbay_add_keyring_test(NAME TARGET [ARGS...]): runs TARGET (with ARGS) again as test NAME,
# inside a private D-Bus session with an unlocked gnome-keyring (tests/core/secrets/
# with-keyring.sh), with its own XDG folders and PATCHBAY_SECRETS_MODE=keyring.
function(patchbay_add_keyring_test name target)
    add_test(NAME ${name}
        COMMAND sh ${PROJECT_SOURCE_DIR}/tests/core/secrets/with-keyring.sh
            $<TARGET_FILE:${target}> ${ARGN})
    set(xdg "${CMAKE_CURRENT_BINARY_DIR}/xdg/${name}")
    file(MAKE_DIRECTORY "${xdg}/home")
    set_tests_properties(${name} PROPERTIES TIMEOUT 300 LABELS integration ENVIRONMENT
        "QT_QPA_PLATFORM=offscreen;PATCHBAY_SOURCE_DIR=${PROJECT_SOURCE_DIR};PATCHBAY_BINARY_DIR=${PROJECT_BINARY_DIR};XDG_DATA_HOME=${xdg}/data;XDG_CONFIG_HOME=${xdg}/config;XDG_CACHE_HOME=${xdg}/cache;HOME=${xdg}/home;PATCHBAY_SECRETS_MODE=keyring")
endfunction()
