// JSON of `refnet components` and `refnet check`.
#pragma once

#include <refnet/algo/structure/components.hpp>
#include <refnet/events/network.hpp>
#include <refnet/io/snapshot.hpp>

#include <nlohmann/json.hpp>

#include <ostream>

namespace refnet {

nlohmann::json params_json(const ComponentsParams& p);
// Counts, the largest components (named by their smallest user), the size
// distribution; the per-user labels with `with_users`.
nlohmann::json components_json(const Network& net, const ComponentsResult& r, bool with_users);
// user,weak,strong: each user's component, named by its smallest user.
void write_components_csv(std::ostream& out, const Network& net, const ComponentsResult& r);

nlohmann::json snapshot_check_json(const SnapshotFileInfo& info, const Network& net);

}  // namespace refnet
