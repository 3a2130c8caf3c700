# The WebAssembly build (the wasm preset): the libraries come from scripts/wasm-deps, built from
# Debian's own sources with emscripten into WAYMARK_WASM_DEPS; the header-only ones (fmt, CLI11,
# nlohmann-json, Boost) are the host's Debian headers, seen through a folder of links so that the
# rest of /usr/include (glibc's) stays out of emscripten's sysroot. Each is given the target name
# find_package gives it natively, so lib/ and tools/ build unchanged.
set(WAYMARK_WASM_DEPS "${PROJECT_SOURCE_DIR}/build/wasm-deps/prefix" CACHE PATH "Where scripts/wasm-deps installed the libraries")
if(NOT EXISTS "${WAYMARK_WASM_DEPS}/lib/libcrypto.a")
  message(FATAL_ERROR "No WebAssembly libraries in ${WAYMARK_WASM_DEPS}: run scripts/setup --wasm (it runs scripts/wasm-deps)")
endif()

set(host_headers "${PROJECT_BINARY_DIR}/host-headers")
foreach(dir fmt CLI nlohmann)
  file(MAKE_DIRECTORY "${host_headers}")
  file(CREATE_LINK "/usr/include/${dir}" "${host_headers}/${dir}" SYMBOLIC)
endforeach()

function(waymark_wasm_library target)
  cmake_parse_arguments(arg "" "" "LIBS;DEFINES;INCLUDES" ${ARGN})
  add_library(${target} INTERFACE IMPORTED GLOBAL)
  set(libs)
  foreach(lib ${arg_LIBS})
    list(APPEND libs "${WAYMARK_WASM_DEPS}/lib/${lib}")
  endforeach()
  set_target_properties(${target} PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${arg_INCLUDES}"
    INTERFACE_COMPILE_DEFINITIONS "${arg_DEFINES}"
    INTERFACE_LINK_LIBRARIES "${libs}")
endfunction()

# fmt in its header-only form: Debian ships the headers and a shared library, not a wasm one.
waymark_wasm_library(fmt::fmt INCLUDES "${host_headers}" DEFINES FMT_HEADER_ONLY)
waymark_wasm_library(CLI11::CLI11 INCLUDES "${host_headers}")
waymark_wasm_library(nlohmann_json::nlohmann_json INCLUDES "${host_headers}")
waymark_wasm_library(Boost::headers INCLUDES "${WAYMARK_WASM_DEPS}/include")
waymark_wasm_library(OpenSSL::Crypto INCLUDES "${WAYMARK_WASM_DEPS}/include" LIBS libcrypto.a)
# lib/records asks find_package(EXPAT) itself: tell it where.
set(EXPAT_INCLUDE_DIR "${WAYMARK_WASM_DEPS}/include" CACHE PATH "")
set(EXPAT_LIBRARY "${WAYMARK_WASM_DEPS}/lib/libexpat.a" CACHE FILEPATH "")
waymark_wasm_library(PkgConfig::LIBZIP INCLUDES "${WAYMARK_WASM_DEPS}/include" LIBS libzip.a libz.a)
waymark_wasm_library(PkgConfig::CMARK_GFM INCLUDES "${WAYMARK_WASM_DEPS}/include" LIBS libcmark-gfm-extensions.a libcmark-gfm.a)
waymark_wasm_library(mstch::mstch INCLUDES "${WAYMARK_WASM_DEPS}/include" LIBS libmstch.a)
set(CMARK_GFM_EXTENSIONS "")  # in PkgConfig::CMARK_GFM above

# Every object: C++ exceptions caught (emscripten's default is to abort on a throw), with
# WebAssembly's own exception instructions, which browsers since 2021 and node since 17 run: with
# the older emulation in JavaScript, scoring 100,000 learners in Chromium took 1.4 to 2.2 times as
# long. The tools run by node on the real file system (NODERAWFS), with memory that grows with the
# input. The page's builds of the same objects (web/, target property WAYMARK_PAGE) run in a
# browser on an in-memory file system instead: the chosen file is written into it, never sent
# anywhere.
add_compile_options(-fwasm-exceptions)
add_link_options(-fwasm-exceptions $<$<NOT:$<BOOL:$<TARGET_PROPERTY:WAYMARK_PAGE>>>:-sNODERAWFS=1>
                 -sALLOW_MEMORY_GROWTH=1 -sEXIT_RUNTIME=1)
