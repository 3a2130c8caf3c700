// The Catch2 entry point for the libcommon unit tests; the tests live in test_*.cpp.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
