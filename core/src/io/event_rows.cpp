#include "event_rows.hpp"

#include <algorithm>
#include <cctype>

namespace refnet {

std::string event_type_list() {
  std::string out;
  for (auto n : kEventTypeNames) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

void check_id(std::string_view id, std::size_t column, const char* what) {
  if (id.size() > kMaxIdBytes)
    throw RowError{column, std::string(what) + " id is " + std::to_string(id.size()) + " bytes, over the " +
                               std::to_string(kMaxIdBytes) + "-byte limit"};
  if (!is_valid_utf8(id)) throw RowError{column, std::string(what) + " id is not valid UTF-8"};
}

std::string ts_unit_hint(double value, TsUnit given) {
  // The unit in which the value lands between 1973 and 2100, where event logs live.
  for (const TsUnit u : {TsUnit::kSeconds, TsUnit::kMillis, TsUnit::kMicros}) {
    if (u == given) continue;
    const double secs = value * seconds_per(u);
    if (secs >= 1e8 && secs <= 4102444800.0)
      return "; as " + std::string(u == TsUnit::kSeconds ? "seconds" : u == TsUnit::kMillis ? "milliseconds" : "microseconds") +
             " it is " + format_iso8601(secs) + ": give --ts-unit " + std::string(to_string(u));
  }
  return "";
}

void EventSink::add_event(const RawEvent& r) {
  Event e;
  e.type = r.type;
  e.ts = r.ts;
  e.src = log_.users.intern(r.ids[0]);
  e.dst = r.ids[1].empty() ? kNone : log_.users.intern(r.ids[1]);
  e.product = r.ids[2].empty() ? kNone : log_.products.intern(r.ids[2]);
  e.channel = r.ids[3].empty() ? kNone : log_.channels.intern(r.ids[3]);
  e.amount = r.amount;
  e.sentiment = r.sentiment;
  log_.events.push_back(e);
  if (mapping_.trim_ids == TrimIds::kDefault) {
    note_user(e.src, r.padded[0]);
    if (e.dst != kNone) note_user(e.dst, r.padded[1]);
  }
}

void EventSink::note_user(std::uint32_t id, std::string_view padded) {
  if (spellings_.size() <= id) spellings_.resize(std::max<std::size_t>(id + 1, spellings_.size() * 2), 0);
  std::uint8_t& s = spellings_[id];
  bool merged = false;
  if (padded.empty()) {
    s |= 1;
  } else {
    s |= 2;
    const auto [it, fresh] = first_padded_.try_emplace(id, padded);
    if (!fresh && it->second != padded) merged = true;  // two padded spellings
  }
  if ((s & 3) == 3) merged = true;
  if (merged && !(s & 4)) {
    s |= 4;
    if (merged_++ == 0) {
      const std::string name(log_.users.name(id));
      const auto it = first_padded_.find(id);
      merged_example_ = quote_for_message(it->second) + " and " +
                        (padded.empty() || padded == it->second ? quote_for_message(name) : quote_for_message(padded));
    }
  }
}

void EventSink::finish(ParseReport& report) {
  if (!unknown_.empty()) {
    std::vector<std::pair<std::string, Unknown>> list(unknown_.begin(), unknown_.end());
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
      return a.second.count != b.second.count ? a.second.count > b.second.count : a.first < b.first;
    });
    std::uint64_t total = 0;  // rows
    std::string items, flag;
    for (const auto& [type, u] : list) {
      total += u.count;
      items += (items.empty() ? "" : ", ") + quote_for_message(type) + " (" + std::to_string(u.count) + " row" +
               (u.count == 1 ? "" : "s") + ")";
      // The flag quotes what a shell would not take as one word.
      flag += (flag.empty() ? "" : ",") + type + "=ignore";
    }
    const bool plain = std::all_of(flag.begin(), flag.end(), [](unsigned char c) {
      return std::isalnum(c) || c == '_' || c == '-' || c == '=' || c == ',' || c == '.';
    });
    std::string quoted = plain ? flag : "'" + flag + "'";
    const auto first = std::min_element(list.begin(), list.end(),
                                        [](const auto& a, const auto& b) { return a.second.order < b.second.order; });
    const std::string first_row =
        type_column_.empty() ? "" : "row " + std::to_string(first->second.line) + ", column '" + type_column_ + "': ";
    const bool one = list.size() == 1;
    throw InputError(name_, type_column_.empty() ? first->second.line : 0, type_column_.empty() ? first->second.column : 0,
                     first_row + (one ? "unknown event type " : "unknown event types ") + items + " (" +
                         std::to_string(total) + " row" + (total == 1 ? "" : "s") + " in all; refnet's types are " +
                         event_type_list() + "): map or ignore " + (one ? "it" : "them") + " with --types " + quoted +
                         " (or name a refnet type to keep " + (one ? "it" : "one") + ", such as " + list.front().first +
                         "=share)");
  }
  for (const auto& [type, n] : ignored_) report.ignored_types[type] += n;
  if (merged_ > 0)
    report.warnings.push_back(name_ + ": " + std::to_string(merged_) + " user id" + (merged_ == 1 ? "" : "s") +
                              " appeared with and without surrounding spaces and were merged by trimming (" +
                              merged_example_ + "); give --trim-ids=yes to trim without this warning, or --trim-ids=no to keep such ids apart");
}

}  // namespace refnet
