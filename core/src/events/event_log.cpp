#include <refnet/events/event_log.hpp>

#include <algorithm>

namespace refnet {

void EventLog::merge(const EventLog& other) {
  auto remap = [](IdTable& into, const IdTable& from) {
    std::vector<std::uint32_t> map(from.size());
    for (std::uint32_t i = 0; i < from.size(); ++i) map[i] = into.intern(from.name(i));
    return map;
  };
  const auto user_map = remap(users, other.users);
  const auto product_map = remap(products, other.products);
  const auto channel_map = remap(channels, other.channels);
  auto apply = [](const std::vector<std::uint32_t>& map, std::uint32_t id) {
    return id == kNone ? kNone : map[id];
  };
  events.reserve(events.size() + other.events.size());
  for (Event e : other.events) {
    e.src = apply(user_map, e.src);
    e.dst = apply(user_map, e.dst);
    e.product = apply(product_map, e.product);
    e.channel = apply(channel_map, e.channel);
    events.push_back(e);
  }
}

void EventLog::sort_by_time() {
  if (std::is_sorted(events.begin(), events.end(),
                     [](const Event& a, const Event& b) { return a.ts < b.ts; })) {
    return;
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const Event& a, const Event& b) { return a.ts < b.ts; });
}

}  // namespace refnet
