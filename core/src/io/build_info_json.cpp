#include <refnet/io/build_info_json.hpp>

#include <refnet/base/text.hpp>

#include <cmath>

namespace refnet {

void to_json(nlohmann::json& j, const NetworkParams& p) {
  j = {{"attribution", p.attribution == Attribution::kFirstTouch ? "first" : "last"},
       {"half_life_days", p.half_life_days},
       {"decay", p.decay},
       {"analysis_time", std::isnan(p.analysis_time) ? nlohmann::json(nullptr) : nlohmann::json(p.analysis_time)}};
}

void from_json(const nlohmann::json& j, NetworkParams& p) {
  p.attribution = j.at("attribution") == "last" ? Attribution::kLastTouch : Attribution::kFirstTouch;
  p.half_life_days = j.at("half_life_days");
  p.decay = j.at("decay");
  p.analysis_time = j.at("analysis_time").is_null() ? std::nan("") : j.at("analysis_time").get<double>();
}

void to_json(nlohmann::json& j, const BuildInfo& info) {
  nlohmann::json per_type = nlohmann::json::object();
  for (std::size_t t = 0; t < kNumEventTypes; ++t) per_type[std::string(kEventTypeNames[t])] = info.events_per_type[t];
  j = {{"kind", to_string(info.kind)},
       {"analysis_time", info.analysis_time},
       {"analysis_time_iso", format_iso8601(info.analysis_time)},
       {"params", info.params},
       {"events_per_type", per_type},
       {"self_ties_ignored", info.self_ties_ignored},
       {"parallel_edges_merged", info.parallel_edges_merged},
       {"events_after_analysis_time", info.events_after_analysis_time},
       {"weight_meaning", info.weight_meaning}};
  if (info.windowed) {
    const EventWindow& w = info.window;
    const WindowCounts& c = info.window_counts;
    auto time = [](double t) { return std::isnan(t) ? nlohmann::json(nullptr) : nlohmann::json(t); };
    auto iso = [](double t) { return std::isnan(t) ? nlohmann::json(nullptr) : nlohmann::json(format_iso8601(t)); };
    j["window"] = {{"from", time(w.from)},
                   {"from_iso", iso(w.from)},
                   {"to", time(w.to)},
                   {"to_iso", iso(w.to)},
                   {"channels", w.channels},
                   {"products", w.products},
                   {"events_total", c.total},
                   {"events_kept", c.kept},
                   {"events_left_out",
                    {{"before_from", c.before_from},
                     {"after_end", c.after_end},
                     {"other_channel", c.other_channel},
                     {"other_product", c.other_product}}},
                   {"users_total", c.users_total},
                   {"users_kept", c.users_kept}};
  }
}

void from_json(const nlohmann::json& j, BuildInfo& info) {
  const std::string kind = j.at("kind");
  info.kind = kind == "graph" ? InputKind::kGraph : kind == "cascades" ? InputKind::kCascades : InputKind::kEvents;
  info.analysis_time = j.at("analysis_time");
  info.params = j.at("params").get<NetworkParams>();
  for (std::size_t t = 0; t < kNumEventTypes; ++t)
    info.events_per_type[t] = j.at("events_per_type").at(std::string(kEventTypeNames[t]));
  info.self_ties_ignored = j.at("self_ties_ignored");
  info.parallel_edges_merged = j.at("parallel_edges_merged");
  info.events_after_analysis_time = j.at("events_after_analysis_time");
  info.weight_meaning = j.at("weight_meaning");
  info.windowed = j.contains("window");
  if (info.windowed) {
    const auto& w = j.at("window");
    auto time = [](const nlohmann::json& t) { return t.is_null() ? std::nan("") : t.get<double>(); };
    info.window.from = time(w.at("from"));
    info.window.to = time(w.at("to"));
    info.window.channels = w.at("channels").get<std::vector<std::string>>();
    info.window.products = w.at("products").get<std::vector<std::string>>();
    WindowCounts& c = info.window_counts;
    c.total = w.at("events_total");
    c.kept = w.at("events_kept");
    c.before_from = w.at("events_left_out").at("before_from");
    c.after_end = w.at("events_left_out").at("after_end");
    c.other_channel = w.at("events_left_out").at("other_channel");
    c.other_product = w.at("events_left_out").at("other_product");
    c.users_total = w.at("users_total");
    c.users_kept = w.at("users_kept");
  }
}

}  // namespace refnet
