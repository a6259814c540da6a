#include <refnet/algo/rank/pareto.hpp>

#include <algorithm>
#include <cmath>

namespace refnet {

Concentration concentration(std::span<const double> values, double top_fraction, unsigned points) {
  Concentration c;
  c.population = values.size();
  c.top_fraction = top_fraction;
  std::vector<double> x(values.begin(), values.end());
  std::sort(x.begin(), x.end());
  const double n = static_cast<double>(x.size());
  double total = 0, weighted = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    total += x[i];
    weighted += static_cast<double>(i + 1) * x[i];
  }
  c.total = total;
  if (x.empty() || total <= 0) {
    for (unsigned i = 0; i <= points; ++i) c.lorenz.emplace_back(double(i) / points, double(i) / points);
    return c;
  }
  c.gini = 2 * weighted / (n * total) - (n + 1) / n;
  const auto top = static_cast<std::size_t>(std::ceil(top_fraction * n - 1e-9));
  double top_sum = 0;
  for (std::size_t i = x.size() - top; i < x.size(); ++i) top_sum += x[i];
  c.top_share = top_sum / total;
  // prefix[i] = sum of the i smallest values.
  std::vector<double> prefix(x.size() + 1, 0);
  for (std::size_t i = 0; i < x.size(); ++i) prefix[i + 1] = prefix[i] + x[i];
  for (unsigned k = 0; k <= points; ++k) {
    const double p = static_cast<double>(k) / points;
    const double pos = p * n;
    const auto whole = static_cast<std::size_t>(std::floor(pos));
    double held = prefix[std::min(whole, x.size())];
    if (whole < x.size()) held += (pos - static_cast<double>(whole)) * x[whole];
    c.lorenz.emplace_back(p, held / total);
  }
  return c;
}

double gini_reference(std::span<const double> values) {
  const double n = static_cast<double>(values.size());
  double sum = 0, diff = 0;
  for (double a : values) {
    sum += a;
    for (double b : values) diff += std::abs(a - b);
  }
  return sum > 0 ? diff / (2 * n * sum) : 0.0;
}

}  // namespace refnet
