#include <refnet/events/window.hpp>

#include <refnet/base/error.hpp>

#include <algorithm>
#include <cmath>

namespace refnet {

namespace {

// A membership mask over a table's ids from a list of names.
std::vector<char> mask_of(const IdTable& table, const std::vector<std::string>& names, const std::string& option) {
  std::vector<char> keep(table.size(), 0);
  for (const std::string& name : names) {
    const auto id = table.find(name);
    if (!id) throw UsageError(option + ": '" + name + "' does not occur in the input");
    keep[*id] = 1;
  }
  return keep;
}

// Renumbers ids in order of first appearance, building the new table.
class Renumber {
 public:
  explicit Renumber(const IdTable& from) : from_(from), map_(from.size(), kNone) {}
  std::uint32_t operator()(std::uint32_t id) {
    if (id == kNone) return kNone;
    if (map_[id] == kNone) {
      map_[id] = next_++;
      table_.append_unique(from_.name(id));
    }
    return map_[id];
  }
  IdTable take() {
    table_.reindex();
    return std::move(table_);
  }

 private:
  const IdTable& from_;
  std::vector<std::uint32_t> map_;
  IdTable table_;
  std::uint32_t next_ = 0;
};

}  // namespace

bool EventWindow::active() const {
  return !std::isnan(from) || !std::isnan(to) || !channels.empty() || !products.empty();
}

void EventWindow::validate() const {
  if (!std::isnan(from) && !std::isfinite(from)) throw UsageError("--from must be a time");
  if (!std::isnan(to) && !std::isfinite(to)) throw UsageError("--to must be a time");
  if (!std::isnan(from) && !std::isnan(to) && !(from < to)) throw UsageError("--from must be before --to");
}

double window_analysis_time(const EventWindow& window, double at) { return std::isnan(window.to) ? at : window.to; }

EventLog window_log(const EventLog& log, const EventWindow& window, double at, WindowCounts& counts) {
  window.validate();
  if (!std::isnan(window.to) && !std::isnan(at))
    throw UsageError("give --at or --to, not both (the window ends at --to)");
  const std::vector<char> channel_ok = mask_of(log.channels, window.channels, "--channel");
  const std::vector<char> product_ok = mask_of(log.products, window.products, "--product");
  counts = WindowCounts{};
  counts.total = log.events.size();
  counts.users_total = log.users.size();
  EventLog out;
  Renumber users(log.users), products(log.products), channels(log.channels);
  for (const Event& e : log.events) {
    if (!std::isnan(window.from) && e.ts < window.from) {
      ++counts.before_from;
      continue;
    }
    if ((!std::isnan(window.to) && e.ts >= window.to) || (!std::isnan(at) && e.ts > at)) {
      ++counts.after_end;
      continue;
    }
    if (!window.channels.empty() && (e.channel == kNone || !channel_ok[e.channel])) {
      ++counts.other_channel;
      continue;
    }
    if (!window.products.empty() && e.type == EventType::kPurchase && (e.product == kNone || !product_ok[e.product])) {
      ++counts.other_product;
      continue;
    }
    Event k = e;
    k.src = users(e.src);
    k.dst = users(e.dst);
    k.product = products(e.product);
    k.channel = channels(e.channel);
    out.events.push_back(k);
  }
  counts.kept = out.events.size();
  out.users = users.take();
  out.products = products.take();
  out.channels = channels.take();
  counts.users_kept = out.users.size();
  return out;
}

}  // namespace refnet
