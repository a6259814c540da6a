#include "event_rows.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>

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

EventSink::EventSink(EventLog& log, const EventMapping& m, std::string name)
    : log_(log), mapping_(m), name_(std::move(name)), users_(log.users), products_(log.products), channels_(log.channels) {}

std::vector<std::uint8_t> EventSink::count_events(const std::vector<std::vector<RawEvent>>& chunks) {
  chunk_events_.assign(chunks.size(), 0);
  std::vector<std::uint8_t> others(chunks.size(), 0);
  tbb::parallel_for(std::size_t{0}, chunks.size(), [&](std::size_t c) {
    std::size_t n = 0;
    for (const RawEvent& r : chunks[c]) n += r.status == RowStatus::kEvent;
    chunk_events_[c] = n;
    others[c] = n != chunks[c].size();
  });
  return others;
}

void EventSink::intern_events(std::vector<std::vector<RawEvent>>& chunks) {
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<std::size_t> start(chunks.size() + 1, 0);
  for (std::size_t c = 0; c < chunks.size(); ++c) start[c + 1] = start[c] + chunk_events_[c];
  const std::size_t rows = start.back();
  std::vector<std::string_view> users(2 * rows), products(rows), channels(rows);
  tbb::parallel_for(std::size_t{0}, chunks.size(), [&](std::size_t c) {
    std::size_t r = start[c];
    for (const RawEvent& e : chunks[c]) {
      if (e.status != RowStatus::kEvent) continue;
      users[2 * r] = e.ids[0];
      users[2 * r + 1] = e.ids[1];
      products[r] = e.ids[2];
      channels[r] = e.ids[3];
      ++r;
    }
  });
  std::vector<std::uint32_t> user_ids(2 * rows), product_ids(rows), channel_ids(rows);
  users_.intern(users, user_ids);
  products_.intern(products, product_ids);
  channels_.intern(channels, channel_ids);
  const bool watch = mapping_.trim_ids == TrimIds::kDefault;
  if (watch) spellings_.resize(log_.users.size(), 0);
  // Per chunk, the padded spellings (user, view) in row order, for the serial pass below.
  std::vector<std::vector<std::pair<std::uint32_t, std::string_view>>> padded(chunks.size());
  const std::size_t base = log_.events.size();
  log_.events.resize(base + rows);
  tbb::parallel_for(std::size_t{0}, chunks.size(), [&](std::size_t c) {
    std::size_t r = start[c];
    for (const RawEvent& raw : chunks[c]) {
      if (raw.status != RowStatus::kEvent) continue;
      Event& e = log_.events[base + r];
      e.type = raw.type;
      e.ts = raw.ts;
      e.src = user_ids[2 * r];
      e.dst = user_ids[2 * r + 1];
      e.product = product_ids[r];
      e.channel = channel_ids[r];
      e.amount = raw.amount;
      e.sentiment = raw.sentiment;
      ++r;
      if (!watch) continue;
      for (int k = 0; k < 2; ++k) {
        const std::uint32_t id = k == 0 ? e.src : e.dst;
        if (id == kNone) continue;
        if (!raw.padded[k].empty()) {
          padded[c].emplace_back(id, raw.padded[k]);
          continue;
        }
        // Many rows name one user: read before writing, so that its cache line stays shared.
        std::atomic_ref<std::uint8_t> seen(spellings_[id]);
        if (!(seen.load(std::memory_order_relaxed) & 1)) seen.fetch_or(1, std::memory_order_relaxed);
      }
    }
  });
  for (const auto& list : padded)
    for (const auto& [id, view] : list) note_padded(id, view);
  tbb::parallel_for(std::size_t{0}, chunks.size(), [&](std::size_t c) { std::vector<RawEvent>().swap(chunks[c]); });
  intern_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void EventSink::note_padded(std::uint32_t id, std::string_view padded) {
  std::uint8_t& s = spellings_[id];
  s |= 2;
  const auto [it, fresh] = first_padded_.try_emplace(id, padded);
  if (fresh) padded_order_.push_back(id);
  else if (!(s & 4) && it->second != padded) {
    s |= 4;
    second_padded_.emplace(id, padded);
  }
}

void EventSink::finish(ParseReport& report, const Progress& progress) {
  const auto t0 = std::chrono::steady_clock::now();
  users_.finish();
  products_.finish();
  channels_.finish();
  intern_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  progress.record("intern", intern_seconds_);
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
  // Ids merged by trimming: seen both padded and as written, or with two padded spellings.
  std::uint64_t merged = 0;
  std::string example;
  for (const std::uint32_t id : padded_order_) {
    const std::uint8_t s = spellings_[id];
    if (!(s & 1) && !(s & 4)) continue;
    if (merged++ == 0)
      example = quote_for_message(first_padded_.at(id)) + " and " +
                quote_for_message(s & 1 ? log_.users.name(id) : std::string_view(second_padded_.at(id)));
  }
  if (merged > 0)
    report.warnings.push_back(name_ + ": " + std::to_string(merged) + " user id" + (merged == 1 ? "" : "s") +
                              " appeared with and without surrounding spaces and were merged by trimming (" + example +
                              "); give --trim-ids=yes to trim without this warning, or --trim-ids=no to keep such ids apart");
}

}  // namespace refnet
