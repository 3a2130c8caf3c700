// Catching a learner listed twice (waymark/unique_ids.hpp).
#include "waymark/unique_ids.hpp"
#include <fmt/format.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace {

TEST_CASE("UniqueIds::insert returns 0 for a new id and the first line for a repeat", "[unique_ids]") {
  waymark::UniqueIds ids;
  CHECK(ids.insert("L001", 2) == 0);
  CHECK(ids.insert("L002", 3) == 0);
  CHECK(ids.insert("L001", 4) == 2);
  CHECK(ids.insert("L001", 9) == 2);  // still the first line, not the latest repeat
  CHECK(ids.insert("L002", 5) == 3);
  CHECK(ids.insert("l001", 6) == 0);  // ids are compared exactly
  CHECK(ids.insert("", 7) == 0);
  CHECK(ids.insert("", 8) == 7);
}

TEST_CASE("UniqueIds: a key taken before other work inserts as the id itself would", "[unique_ids]") {
  waymark::UniqueIds ids(4);  // a small window, so that keys outlive a spill
  const auto first = ids.key("L001"), second = ids.key("L002");
  CHECK(ids.insert(first, 2) == 0);
  CHECK(ids.insert(second, 3) == 0);
  for (long line = 4; line < 10; ++line) CHECK(ids.insert(ids.key(fmt::format("X{}", line)), line) == 0);  // spills
  CHECK(ids.insert(ids.key("L002"), 10) == 0);  // spilled: found by finish, not at once
  const auto repeat = ids.finish();
  REQUIRE(repeat);
  CHECK(repeat->line == 10);
  CHECK(repeat->first_line == 3);
}

TEST_CASE("UniqueIds keeps every id and line while they fit in the window", "[unique_ids]") {
  constexpr long count = 100000;
  waymark::UniqueIds ids(std::size_t{1} << 17);
  const auto id_of = [](long i) { return "UPN" + std::to_string(i * 7919 % 1000003); };
  long new_ids = 0;
  for (long i = 0; i < count; ++i) new_ids += ids.insert(id_of(i), i + 2) == 0 ? 1 : 0;
  CHECK(new_ids == count);

  long wrong = 0;
  for (long i = 0; i < count; i += 7) wrong += ids.insert(id_of(i), count + 10) == i + 2 ? 0 : 1;
  CHECK(wrong == 0);
  // The first and last ids inserted, checked one by one.
  CHECK(ids.insert(id_of(0), 1) == 2);
  CHECK(ids.insert(id_of(count - 1), 1) == count + 1);
  // Ids never inserted are still new after the growth.
  long repeats = 0;
  for (long i = 0; i < 1000; ++i) repeats += ids.insert("other-" + std::to_string(i), 5) == 0 ? 0 : 1;
  CHECK(repeats == 0);
}

TEST_CASE("UniqueIds tells apart ids that differ in one character", "[unique_ids]") {
  waymark::UniqueIds ids;
  const std::string base(40, 'a');
  CHECK(ids.insert(base, 1) == 0);
  for (std::size_t i = 0; i < base.size(); ++i) {
    std::string changed = base;
    changed[i] = 'b';
    INFO(changed);
    CHECK(ids.insert(changed, static_cast<long>(i) + 2) == 0);
  }
  CHECK(ids.insert(base, 100) == 1);
}

TEST_CASE("UniqueIds: repeats further apart than the window are found by finish", "[unique_ids]") {
  waymark::UniqueIds ids(4);  // spills when four ids are held
  for (long line = 2; line <= 9; ++line) CHECK(ids.insert(fmt::format("L{}", line), line) == 0);
  // L3 again on line 10: its first sighting was spilled, so insert cannot see it...
  CHECK(ids.insert("L3", 10) == 0);
  // ...but a repeat within the window is caught at once.
  CHECK(ids.insert("L11", 11) == 0);
  CHECK(ids.insert("L11", 12) == 11);
  const auto repeat = ids.finish();
  REQUIRE(repeat);
  CHECK(repeat->line == 10);
  CHECK(repeat->first_line == 3);
}

TEST_CASE("UniqueIds: finish finds the earliest repeat across many spilled runs", "[unique_ids]") {
  std::vector<std::string> ids;
  std::size_t window = 0;
  SECTION("ordinary ids") {
    for (long i = 0; i < 50000; ++i) ids.push_back("UPN" + std::to_string(i * 7919 % 1000003));
    window = 1000;
  }
  SECTION("ids whose hashes share their leading bits, so finish splits its slices again") {
    const waymark::UniqueIds probe;
    for (long k = 0; ids.size() < 3000; ++k) {
      auto id = "S" + std::to_string(k);
      if (probe.key(id).hash >> 56 == 0) ids.push_back(std::move(id));
    }
    window = 64;
  }
  waymark::UniqueIds seen(window);
  const auto end = static_cast<long>(ids.size()) + 2;
  for (std::size_t i = 0; i < ids.size(); ++i) REQUIRE(seen.insert(ids[i], static_cast<long>(i) + 2) == 0);
  CHECK(seen.insert(ids[1234], end) == 0);  // first seen long ago: spilled
  CHECK(seen.insert(ids[17], end + 1) == 0);
  const auto repeat = seen.finish();
  REQUIRE(repeat);
  CHECK(repeat->line == end);
  CHECK(repeat->first_line == 1236);
}

TEST_CASE("UniqueIds: finish gives the same answer when called again", "[unique_ids]") {
  waymark::UniqueIds ids(4);
  for (long line = 1; line <= 20; ++line) REQUIRE(ids.insert(fmt::format("id{}", line), line) == 0);
  CHECK_FALSE(ids.finish());
  CHECK_FALSE(ids.finish());
}

TEST_CASE("UniqueIds: finish finds nothing when every id is new", "[unique_ids]") {
  waymark::UniqueIds ids(8);
  for (long line = 1; line <= 1000; ++line) REQUIRE(ids.insert(fmt::format("id{}", line), line) == 0);
  CHECK_FALSE(ids.finish());
  waymark::UniqueIds small;
  CHECK(small.insert("a", 1) == 0);
  CHECK_FALSE(small.finish());
}

}  // namespace

namespace {

// The earliest repeat in `ids` (line numbers from 1), found the obvious way.
std::optional<waymark::UniqueIds::Repeat> earliest_repeat(const std::vector<std::string>& ids) {
  std::map<std::string, long> first;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const long line = static_cast<long>(i) + 1;
    if (const auto [it, added] = first.emplace(ids[i], line); !added) return waymark::UniqueIds::Repeat{line, it->second};
  }
  return std::nullopt;
}

TEST_CASE("UniqueIds finds the same earliest repeat as a map, whatever the window", "[unique_ids]") {
  std::mt19937 random(7);
  for (const std::size_t window : {1, 2, 3, 5, 64, 1000}) {
    for (int trial = 0; trial < 20; ++trial) {
      // Ids drawn from a pool a little larger than the list, so most lists hold a repeat somewhere.
      const std::size_t count = 50 + random() % 3000;
      std::vector<std::string> ids;
      for (std::size_t i = 0; i < count; ++i) ids.push_back("P" + std::to_string(random() % (count * 40)));
      INFO("window " << window << ", trial " << trial);
      waymark::UniqueIds seen(window);
      std::optional<waymark::UniqueIds::Repeat> found;
      for (std::size_t i = 0; i < ids.size() && !found; ++i) {
        const long line = static_cast<long>(i) + 1;
        if (const long first = seen.insert(ids[i], line)) found = waymark::UniqueIds::Repeat{line, first};
      }
      if (found) {
        // Caught at once within the window (the tools stop there): a true repeat and its first sighting.
        CHECK(ids[static_cast<std::size_t>(found->line - 1)] == ids[static_cast<std::size_t>(found->first_line - 1)]);
        CHECK(std::find(ids.begin(), ids.end(), ids[static_cast<std::size_t>(found->line - 1)]) - ids.begin() + 1 == found->first_line);
        continue;
      }
      found = seen.finish();
      const auto expected = earliest_repeat(ids);
      REQUIRE(found.has_value() == expected.has_value());
      if (expected) {
        CHECK(found->line == expected->line);
        CHECK(found->first_line == expected->first_line);
      }
    }
  }
}

}  // namespace
