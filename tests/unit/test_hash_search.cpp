// Finding a key among entries sorted by hash (waymark/hash_search.hpp): the same answer as
// std::lower_bound, whatever the size, the keys' spread and repeats.
#include "waymark/hash_search.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "waymark/large_vector.hpp"

namespace {

void check_like_lower_bound(std::vector<std::uint64_t> keys, const std::vector<std::uint64_t>& probes) {
  std::sort(keys.begin(), keys.end());
  const auto identity = [](std::uint64_t k) { return k; };
  waymark::HashBuckets index;
  index.build(keys, identity);
  for (const auto probe : probes) {
    INFO("size " << keys.size() << ", probe " << probe);
    CHECK(index.lower_bound(keys, probe, identity) - keys.begin() == std::lower_bound(keys.begin(), keys.end(), probe) - keys.begin());
  }
}

TEST_CASE("HashBuckets finds what std::lower_bound finds", "[records][hash_search]") {
  constexpr auto top = std::numeric_limits<std::uint64_t>::max();
  const std::vector<std::uint64_t> edges{0, 1, top / 2, top / 2 + 1, top - 1, top};
  std::mt19937_64 random(5);
  for (const std::size_t size : {0, 1, 2, 3, 7, 64, 65, 1000, 100000}) {
    std::vector<std::uint64_t> keys(size);
    for (auto& k : keys) k = random();
    std::vector<std::uint64_t> probes = edges;
    for (std::size_t i = 0; i < std::min<std::size_t>(size, 2000); ++i) probes.push_back(keys[i]), probes.push_back(keys[i] + 1);
    for (int i = 0; i < 2000; ++i) probes.push_back(random());
    check_like_lower_bound(keys, probes);
  }
}

TEST_CASE("HashBuckets: repeated keys, keys at the ends and keys bunched together", "[records][hash_search]") {
  constexpr auto top = std::numeric_limits<std::uint64_t>::max();
  const std::vector<std::uint64_t> probes{0, 1, 2, 5, 6, 100, top / 3, top - 2, top - 1, top};
  check_like_lower_bound({5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5}, probes);  // one learner's many rows of support
  check_like_lower_bound({0, 0, top, top, top, 1, 2, 3, 4, 5, 6, 7, 8, 9}, probes);
  std::vector<std::uint64_t> bunched;  // not spread evenly: every key in the first bucket
  for (std::uint64_t k = 0; k < 5000; ++k) bunched.push_back(k * 3);
  check_like_lower_bound(bunched, {0, 1, 3, 4, 14997, 14998, 15000, top});
}

TEST_CASE("HashBuckets never built searches the whole vector", "[records][hash_search]") {
  std::vector<std::uint64_t> keys{1, 2, 3};
  const waymark::HashBuckets index;
  CHECK(index.lower_bound(keys, 2, [](std::uint64_t k) { return k; }) == keys.begin() + 1);
}

TEST_CASE("A LargeVector grown past the 4 MB of huge pages keeps its entries and is searched alike", "[records][hash_search]") {
  // A million keys (8 MB) are pushed one by one, so that the vector moves from small allocations
  // to large ones and back when it is cleared.
  std::mt19937_64 random(7);
  std::vector<std::uint64_t> plain(1000000);
  for (auto& k : plain) k = random();
  waymark::LargeVector<std::uint64_t> large;
  for (const auto k : plain) large.push_back(k);
  REQUIRE(large.size() == plain.size());
  CHECK(std::equal(large.begin(), large.end(), plain.begin()));
  std::sort(plain.begin(), plain.end());
  std::sort(large.begin(), large.end());
  const auto identity = [](std::uint64_t k) { return k; };
  waymark::HashBuckets index;
  index.build(large, identity);
  for (std::size_t i = 0; i < plain.size(); i += 997) {
    CHECK(index.lower_bound(large, plain[i], identity) - large.begin() == static_cast<std::ptrdiff_t>(i));
    CHECK(index.lower_bound(large, plain[i] + 1, identity) - large.begin() ==
          std::lower_bound(plain.begin(), plain.end(), plain[i] + 1) - plain.begin());
  }
  large.clear();
  large.shrink_to_fit();
  large.push_back(1);
  CHECK(large.front() == 1);
}

}  // namespace
