#include <refnet/algo/rank/top_referrers.hpp>

#include <refnet/algo/rank/super_users.hpp>  // referral_descendants

#include <algorithm>

namespace refnet {

std::vector<ReferrerRow> top_referrers(const Network& net, std::size_t k) {
  const auto& parent = net.referral.parent;
  const std::size_t n = parent.size();
  std::vector<std::uint64_t> direct(n, 0);
  for (VertexId v = 0; v < n; ++v)
    if (parent[v] != kNoVertex) ++direct[parent[v]];
  const std::vector<std::uint64_t> below = referral_descendants(net.referral);
  std::vector<ReferrerRow> rows;
  for (VertexId v = 0; v < n; ++v)
    if (direct[v] > 0) rows.push_back({v, direct[v], below[v]});
  std::sort(rows.begin(), rows.end(), [](const ReferrerRow& a, const ReferrerRow& b) {
    if (a.descendants != b.descendants) return a.descendants > b.descendants;
    if (a.acquisitions != b.acquisitions) return a.acquisitions > b.acquisitions;
    return a.user < b.user;
  });
  if (rows.size() > k) rows.resize(k);
  return rows;
}

}  // namespace refnet
