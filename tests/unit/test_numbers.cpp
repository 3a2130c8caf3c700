// Numbers read and written through the C library (the WebAssembly build's way) must be exactly
// what std::from_chars and std::to_chars give, which the native build uses: the same file must
// score the same in a browser.
#include <catch2/catch.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/numbers.hpp"

namespace {

struct Read {
  std::ptrdiff_t stopped_at;
  std::errc error;
  double value;
};

Read read_std(std::string_view text) {
  double value = -12345;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return {end - text.data(), error, value};
}

Read read_portable(std::string_view text) {
  double value = -12345;
  const auto [end, error] = waymark::portable::parse_double(text.data(), text.data() + text.size(), value);
  return {end - text.data(), error, value};
}

void same_read(std::string_view text) {
  INFO("text: '" << std::string(text) << "'");
  const auto expected = read_std(text);
  const auto actual = read_portable(text);
  CHECK(actual.stopped_at == expected.stopped_at);
  CHECK(actual.error == expected.error);
  if (std::isnan(expected.value))
    CHECK(std::isnan(actual.value));
  else
    CHECK(actual.value == expected.value);  // exactly: both are correctly rounded
}

std::string written(bool portable, double value, int decimals) {
  std::array<char, 400> digits{};
  const auto result = portable ? waymark::portable::format_fixed(digits.data(), digits.data() + digits.size(), value, decimals)
                               : std::to_chars(digits.data(), digits.data() + digits.size(), value, std::chars_format::fixed, decimals);
  if (result.ec != std::errc{}) return "error";
  return std::string(digits.data(), result.ptr);
}

}  // namespace

TEST_CASE("numbers read through the C library stop, fail and round as from_chars does", "[numbers]") {
  for (const std::string_view text : {"0",
                                      "-0",
                                      "97.4",
                                      "97,4",
                                      "0.974",
                                      "1.",
                                      ".5",
                                      "-.5",
                                      ".",
                                      "-",
                                      "",
                                      "+1",
                                      " 1",
                                      "1 ",
                                      "1e5",
                                      "1e",
                                      "1e+",
                                      "1e-3x",
                                      "2.5E2",
                                      "0x1p3",
                                      "00012",
                                      "1.2.3",
                                      "inf",
                                      "-inf",
                                      "INF",
                                      "infinity",
                                      "Infinityx",
                                      "nan",
                                      "NaN",
                                      "nan(123)",
                                      "nan(",
                                      "1e400",
                                      "-1e400",
                                      "123456789012345678901234567890",
                                      "0.1000000000000000055511151231257827",
                                      "97%",
                                      "3.0",
                                      "1,000",
                                      "e5",
                                      "--1"})
    same_read(text);
}

TEST_CASE("numbers read through the C library match from_chars on random decimals", "[numbers]") {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> any(-1e6, 1e6);
  for (int i = 0; i < 2000; ++i) {
    std::array<char, 64> text{};
    const auto end = std::to_chars(text.data(), text.data() + text.size(), any(random), std::chars_format::general, 1 + i % 17).ptr;
    same_read(std::string_view(text.data(), static_cast<std::size_t>(end - text.data())));
  }
}

TEST_CASE("numbers written through the C library are to_chars's fixed digits", "[numbers]") {
  std::mt19937_64 random(11);
  std::uniform_real_distribution<double> percent(0, 100);
  std::vector<double> values{0.0, -0.0, 0.05, 0.15, 0.25, 2.675, 1e-7, -1e-7, 97.45, 99.995, 1e21, 123456789.125, -3.5};
  for (int i = 0; i < 2000; ++i) values.push_back(percent(random));
  for (const double value : values)
    for (const int decimals : {0, 1, 2, 3, 6}) {
      INFO("value " << value << ", " << decimals << " decimals");
      CHECK(written(true, value, decimals) == written(false, value, decimals));
    }
  std::array<char, 3> small{};
  CHECK(waymark::portable::format_fixed(small.data(), small.data() + small.size(), 1234.5, 1).ec == std::errc::value_too_large);
}

TEST_CASE("numbers written through the C library are to_chars's general digits", "[numbers]") {
  // A workbook's cells, as a person reads them: 15 significant digits (Excel's), printf's %.15g.
  std::mt19937_64 random(13);
  std::uniform_real_distribution<double> serial(0, 2958466);
  std::vector<double> values{0.0,
                             -0.0,
                             0.1,
                             0.875 * 100,
                             95.6,
                             1e-5,
                             0.0001,
                             123456789012345678.0,
                             1e15,
                             1e16,
                             -2.5e-300,
                             40829.5,
                             1.0 / 3,
                             std::numeric_limits<double>::infinity(),
                             -std::numeric_limits<double>::infinity()};
  for (int i = 0; i < 2000; ++i) values.push_back(serial(random) / (1 + i % 7));
  for (const double value : values) {
    INFO("value " << value);
    std::array<char, 32> portable{}, standard{};
    const auto a = waymark::portable::format_general(portable.data(), portable.data() + portable.size(), value, 15);
    const auto b = std::to_chars(standard.data(), standard.data() + standard.size(), value, std::chars_format::general, 15);
    REQUIRE(a.ec == std::errc{});
    REQUIRE(b.ec == std::errc{});
    CHECK(std::string(portable.data(), a.ptr) == std::string(standard.data(), b.ptr));
  }
}
