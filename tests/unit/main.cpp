// The Catch2 entry point for the unit tests of lib/; the tests live in test_*.cpp.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
