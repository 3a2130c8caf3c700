// Random numbers for the synthetic data generators: portable distributions on top of
// std::mt19937_64 (the std:: distributions are implementation-defined), so that a seed gives the
// same data on every platform.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <random>
#include <span>
#include <string_view>
#include <vector>

namespace generate {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  // Uniform double in [0, 1) from the 53 high bits.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

  bool chance(double p) { return uniform() < p; }

  // Uniform integer in [0, n).
  std::uint64_t below(std::uint64_t n) { return static_cast<std::uint64_t>(uniform() * static_cast<double>(n)); }

  int between(int lo, int hi) {  // inclusive
    return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo + 1)));
  }

  // Standard normal (Marsaglia polar method).
  double normal() {
    if (spare_) {
      const double z = *spare_;
      spare_.reset();
      return z;
    }
    double u, v, s;
    do {
      u = 2.0 * uniform() - 1.0;
      v = 2.0 * uniform() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double factor = std::sqrt(-2.0 * std::log(s) / s);
    spare_ = v * factor;
    return u * factor;
  }

  // A standard normal with correlation `rho` to the standard normal `latent`.
  double correlated(double latent, double rho) { return rho * latent + std::sqrt(1.0 - rho * rho) * normal(); }

 private:
  std::mt19937_64 engine_;
  std::optional<double> spare_;
};

inline double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// z such that P(Z > z) = p for a standard normal Z (bisection; startup only).
inline double upper_z(double p) {
  double lo = -10.0, hi = 10.0;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (1.0 - normal_cdf(mid) > p)
      lo = mid;
    else
      hi = mid;
  }
  return 0.5 * (lo + hi);
}

// The value at quantile u of a distribution given by its knots {quantile, value}, in rising
// quantiles from 0 to 1, linear between them: how the generators match published shares (so many
// pupils at or below 90% attendance) without a parametric family that fits none of them.
template <std::size_t N>
double at_quantile(const std::array<std::array<double, 2>, N>& knots, double u) {
  for (std::size_t i = 1; i < N; ++i) {
    if (u <= knots[i][0]) {
      const auto& [u0, a0] = knots[i - 1];
      const auto& [u1, a1] = knots[i];
      return a0 + (a1 - a0) * (u - u0) / (u1 - u0);
    }
  }
  return knots[N - 1][1];
}

// A name and its relative frequency within its list.
struct WeightedName {
  std::string_view text;
  int weight;
};

// Draws names from a list in proportion to their weights.
class NamePicker {
 public:
  explicit NamePicker(std::span<const WeightedName> names) : names_(names) {
    int total = 0;
    for (const auto& n : names_) cumulative_.push_back(total += n.weight);
  }

  std::string_view pick(Rng& rng) const {
    const auto target = static_cast<int>(rng.below(static_cast<std::uint64_t>(cumulative_.back())));
    const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), target);
    return names_[static_cast<std::size_t>(it - cumulative_.begin())].text;
  }

 private:
  std::span<const WeightedName> names_;
  std::vector<int> cumulative_;
};

}  // namespace generate
