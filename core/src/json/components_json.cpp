#include <refnet/json/components_json.hpp>

#include <refnet/base/escape.hpp>

namespace refnet {

namespace {
nlohmann::json set_json(const Network& net, const ComponentSet& s, VertexId users, bool with_users) {
  nlohmann::json biggest = nlohmann::json::array();
  for (const auto& [label, size] : s.biggest)
    biggest.push_back({{"smallest_user", net.log.users.name(label)}, {"size", size},
                       {"share", users ? static_cast<double>(size) / users : 0.0}});
  nlohmann::json sizes = nlohmann::json::array();
  for (const auto& [size, count] : s.size_counts) sizes.push_back({{"size", size}, {"components", count}});
  nlohmann::json j = {{"count", s.count},
                      {"largest", s.largest},
                      {"largest_share", users ? static_cast<double>(s.largest) / users : 0.0},
                      {"singletons", s.singletons},
                      {"biggest", biggest},
                      {"size_distribution", sizes}};
  if (with_users) {
    nlohmann::json per_user = nlohmann::json::object();
    for (VertexId v = 0; v < s.label.size(); ++v)
      per_user[std::string(net.log.users.name(v))] = net.log.users.name(s.label[v]);
    j["users"] = std::move(per_user);
  }
  return j;
}
}  // namespace

nlohmann::json params_json(const ComponentsParams& p) {
  return {{"weak", p.weak}, {"strong", p.strong}, {"top", p.top}};
}

nlohmann::json components_json(const Network& net, const ComponentsResult& r, bool with_users) {
  nlohmann::json j = {{"users", r.users}, {"isolated", r.isolated}};
  if (r.has_weak) j["weak"] = set_json(net, r.weak, r.users, with_users);
  if (r.has_strong) j["strong"] = set_json(net, r.strong, r.users, with_users);
  return j;
}

void write_components_csv(std::ostream& out, const Network& net, const ComponentsResult& r) {
  out << "user";
  if (r.has_weak) out << ",weak";
  if (r.has_strong) out << ",strong";
  out << "\n";
  for (VertexId v = 0; v < r.users; ++v) {
    out << csv_escape_text(net.log.users.name(v));
    if (r.has_weak) out << ',' << csv_escape_text(net.log.users.name(r.weak.label[v]));
    if (r.has_strong) out << ',' << csv_escape_text(net.log.users.name(r.strong.label[v]));
    out << "\n";
  }
}

nlohmann::json snapshot_check_json(const SnapshotFileInfo& info, const Network& net) {
  nlohmann::json sections = nlohmann::json::array();
  char hex[17];
  for (const auto& s : info.sections) {
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(s.checksum));
    sections.push_back({{"name", s.name}, {"element_size", s.element_size}, {"count", s.count},
                        {"bytes", s.count * s.element_size}, {"offset", s.offset}, {"checksum", hex}});
  }
  return {{"ok", true},
          {"format_version", info.version},
          {"file_size", info.file_size},
          {"content_sha256", info.content_sha256},
          {"sha256_verified", info.sha256_verified},
          {"users", net.num_users()},
          {"ties", net.wom.num_edges()},
          {"events", net.log.events.size()},
          {"sections", sections}};
}

}  // namespace refnet
