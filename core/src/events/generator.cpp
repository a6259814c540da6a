// Synthetic event logs: see the header comment of generator.hpp for the model
// and docs/generator.md for the knobs.
#include <refnet/events/generator.hpp>

#include <refnet/base/error.hpp>
#include <refnet/base/file.hpp>
#include <refnet/base/gzip_writer.hpp>

#include "generator_model.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_reduce.h>
#include <oneapi/tbb/parallel_sort.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <numbers>
#include <ostream>
#include <queue>
#include <stdexcept>
#include <string_view>
#include <vector>

#include <refnet/base/text.hpp>
#include <refnet/parallel/random.hpp>

namespace refnet {
namespace {

using namespace gen_detail;

// ---- pass 1: who signs up when ----

struct Signups {
  std::vector<std::uint32_t> time;  // seconds since window start (before warp), kNever if never
  std::vector<std::uint8_t> referred;
};

// Organic signups are drawn per user; referral conversions then run as a
// first-passage process in time order (Dijkstra with the organic times as
// sources): popping the earliest signup fixes it, and its converting
// referrals can only bring later users forward. Sequential, O(S log S).
Signups run_signups(const Model& m, GeneratorSummary& summary) {
  const GeneratorParams& p = m.params();
  const std::uint32_t n = m.users();
  Signups s;
  s.time.assign(n, kNever);
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, n), [&](const tbb::blocked_range<std::uint32_t>& r) {
    for (std::uint32_t u = r.begin(); u != r.end(); ++u) {
      CounterRng g = stream_rng(p.seed, Stream::kOrganic, u);
      if (g.uniform() < p.organic) s.time[u] = m.organic_time(g.uniform());
    }
  });
  std::vector<std::uint64_t> organic;
  for (std::uint32_t u = 0; u < n; ++u)
    if (s.time[u] != kNever) organic.push_back((std::uint64_t{s.time[u]} << 32) | u);
  tbb::parallel_sort(organic.begin(), organic.end());

  std::vector<std::uint32_t> parent(n, kNever);
  std::vector<std::uint32_t> root(n, kNever);
  std::vector<std::uint32_t> descendants(n, 0);
  std::vector<std::uint16_t> depth(n, 0);
  std::priority_queue<std::uint64_t, std::vector<std::uint64_t>, std::greater<>> converted;
  std::size_t next_organic = 0;
  while (true) {
    std::uint64_t key;
    if (next_organic < organic.size() && (converted.empty() || organic[next_organic] < converted.top())) {
      key = organic[next_organic++];
    } else if (!converted.empty()) {
      key = converted.top();
      converted.pop();
    } else {
      break;
    }
    const auto t = static_cast<std::uint32_t>(key >> 32);
    const auto u = static_cast<std::uint32_t>(key);
    if (s.time[u] != t) continue;  // superseded by an earlier conversion
    ++summary.signups;
    const bool referred = parent[u] != kNever;
    if (referred) {
      root[u] = root[parent[u]];
      depth[u] = static_cast<std::uint16_t>(std::min(65535, depth[parent[u]] + 1));
      ++descendants[root[u]];
      summary.deepest_cascade = std::max<std::uint32_t>(summary.deepest_cascade, depth[u]);
    } else {
      root[u] = u;
    }
    const Life l = m.plan_life(u, t, referred);
    m.for_each_referral(u, l, [&](double, std::uint32_t v, bool converts, double signup, std::uint32_t) {
      if (!converts || signup >= m.horizon()) return;
      const auto tv = static_cast<std::uint32_t>(signup);
      if (tv < s.time[v]) {
        s.time[v] = tv;
        parent[v] = u;
        converted.push((std::uint64_t{tv} << 32) | v);
      }
    });
  }

  s.referred.resize(n);
  for (std::uint32_t u = 0; u < n; ++u) {
    s.referred[u] = parent[u] != kNever ? 1 : 0;
    summary.referred_signups += s.referred[u];
    if (descendants[u] > 0) {
      ++summary.cascades;
      summary.largest_cascade = std::max<std::uint64_t>(summary.largest_cascade, descendants[u] + 1);
    }
  }
  summary.organic_signups = summary.signups - summary.referred_signups;
  return s;
}

// ---- pass 2: count, then fill / sort / write in time slices ----

constexpr std::uint32_t kBlockUsers = 2048;
constexpr std::uint32_t kMaxBins = 1024;

struct Counts {
  std::uint32_t bins = 0;
  std::uint32_t bin_width = 0;               // seconds
  std::vector<std::uint32_t> per_block_bin;  // blocks x bins
};

template <class F>
void for_each_block(std::uint32_t n, F&& f) {
  const std::uint32_t blocks = (n + kBlockUsers - 1) / kBlockUsers;
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, blocks, 1), [&](const tbb::blocked_range<std::uint32_t>& r) {
    for (std::uint32_t b = r.begin(); b != r.end(); ++b) f(b, b * kBlockUsers, std::min(n, (b + 1) * kBlockUsers));
  });
}

Counts count_events(const Model& m, const Signups& s, GeneratorSummary& summary) {
  const std::uint32_t n = m.users();
  const std::uint32_t blocks = (n + kBlockUsers - 1) / kBlockUsers;
  Counts c;
  const auto horizon = static_cast<std::uint32_t>(m.horizon());
  c.bins = std::min<std::uint32_t>(kMaxBins, static_cast<std::uint32_t>(m.horizon() / kDay));
  c.bin_width = (horizon + c.bins - 1) / c.bins;
  c.per_block_bin.assign(std::size_t{blocks} * c.bins, 0);
  struct BlockStats {
    std::array<std::uint64_t, kNumEventTypes> per_type{};
    std::uint64_t buyers = 0;
  };
  std::vector<BlockStats> stats(blocks);
  std::vector<std::atomic<std::uint64_t>> seen((n + 63) / 64);
  auto mark = [&](std::uint32_t id) {
    seen[id / 64].fetch_or(std::uint64_t{1} << (id % 64), std::memory_order_relaxed);
  };

  for_each_block(n, [&](std::uint32_t b, std::uint32_t lo, std::uint32_t hi) {
    std::uint32_t* row = &c.per_block_bin[std::size_t{b} * c.bins];
    BlockStats& st = stats[b];
    for (std::uint32_t u = lo; u < hi; ++u) {
      if (s.time[u] == kNever) continue;
      bool bought = false;
      m.emit_user(u, s.time[u], s.referred[u] != 0, [&](const Packed& e) {
        ++row[e.ts / c.bin_width];
        const EventType t = type_of(e);
        ++st.per_type[static_cast<std::size_t>(t)];
        bought |= t == EventType::kPurchase;
        if (has_user_dst(t)) mark(e.other);
      });
      mark(m.id(u));
      st.buyers += bought ? 1 : 0;
    }
  });
  for (const BlockStats& st : stats) {
    for (std::size_t t = 0; t < kNumEventTypes; ++t) summary.events_per_type[t] += st.per_type[t];
    summary.buyers += st.buyers;
  }
  for (std::uint64_t t : summary.events_per_type) summary.events += t;
  summary.referrals = summary.events_per_type[static_cast<std::size_t>(EventType::kReferral)];
  for (const auto& w : seen) summary.users_in_log += static_cast<std::uint64_t>(std::popcount(w.load()));
  return c;
}

// ---- text output ----

class TextSink {
 public:
  virtual ~TextSink() = default;
  virtual void write(std::string_view text) = 0;
  virtual void finish() = 0;
};

class StreamSink final : public TextSink {
 public:
  explicit StreamSink(std::ostream& out) : out_(out) {}
  void write(std::string_view text) override {
    out_.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out_) throw std::runtime_error("cannot write the event log: output stream failed");
  }
  void finish() override {
    out_.flush();
    if (!out_) throw std::runtime_error("cannot write the event log: output stream failed");
  }

 private:
  std::ostream& out_;
};

// The gzip writer behind write_event_log_gzip.
class GzipSink final : public TextSink {
 public:
  explicit GzipSink(std::ostream& out) : writer_(out) {}
  void write(std::string_view text) override { writer_.write(text); }
  void finish() override { writer_.finish(); }

 private:
  GzipWriter writer_;
};

// ---- CSV formatting ----

constexpr std::string_view kHeader = "type,src,dst,ts,product,amount,sentiment,channel\n";
constexpr std::size_t kMaxLine = 112;  // the longest row is under 90 bytes

inline char* put(char* p, std::string_view s) {
  std::memcpy(p, s.data(), s.size());
  return p + s.size();
}
inline char* put_padded(char* p, std::uint64_t v, unsigned width) {
  for (unsigned i = width; i-- > 0;) {
    p[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return p + width;
}

char* format_event(char* p, const Packed& e, const Model& m) {
  const EventType type = type_of(e);
  p = put(p, kEventTypeNames[static_cast<std::size_t>(type)]);
  *p++ = ',';
  *p++ = 'u';
  p = put_padded(p, e.src, m.user_digits());
  *p++ = ',';
  if (has_user_dst(type)) {
    *p++ = 'u';
    p = put_padded(p, e.other, m.user_digits());
  }
  *p++ = ',';
  p = write_uint(p, static_cast<std::uint64_t>(m.start() + e.ts));
  *p++ = ',';
  if (type == EventType::kPurchase) {
    *p++ = 'p';
    p = put_padded(p, e.other, m.product_digits());
    *p++ = ',';
    const std::uint32_t cents = amount_of(e);
    p = write_uint(p, cents / 100);
    *p++ = '.';
    p = put_padded(p, cents % 100, 2);
  } else {
    *p++ = ',';
  }
  *p++ = ',';
  if (has_sentiment(type)) p = put(p, negative_of(e) ? "-1" : "+1");
  *p++ = ',';
  p = put(p, kChannels[static_cast<std::size_t>(type)][channel_of(e)]);
  *p++ = '\n';
  return p;
}

// Formats events in parallel, in fixed ranges, handing the text to the sink in order.
std::uint64_t write_events(const Packed* events, std::size_t count, const Model& m, TextSink& sink) {
  constexpr std::size_t kRange = 16384;
  constexpr std::size_t kRangesPerBatch = 16;
  std::uint64_t bytes = 0;
  std::vector<std::string> text(kRangesPerBatch);
  for (std::size_t first = 0; first < count; first += kRange * kRangesPerBatch) {
    const std::size_t ranges = std::min(kRangesPerBatch, (count - first + kRange - 1) / kRange);
    tbb::parallel_for(std::size_t{0}, ranges, [&](std::size_t r) {
      const std::size_t lo = first + r * kRange;
      const std::size_t hi = std::min(count, lo + kRange);
      std::string& s = text[r];
      s.resize((hi - lo) * kMaxLine);
      char* p = s.data();
      for (std::size_t i = lo; i < hi; ++i) p = format_event(p, events[i], m);
      s.resize(static_cast<std::size_t>(p - s.data()));
    });
    for (std::size_t r = 0; r < ranges; ++r) {
      sink.write(text[r]);
      bytes += text[r].size();
    }
  }
  return bytes;
}

GeneratorSummary generate(const GeneratorParams& params, TextSink& sink, const Progress& progress) {
  params.validate();
  auto report = [&](double fraction) {
    progress.advance(fraction);
  };
  GeneratorSummary summary;
  const Model m(params);
  summary.users = m.users();
  summary.communities = m.communities();
  summary.social_ties = m.social_ties();
  report(0.02);

  Signups signups = run_signups(m, summary);
  report(0.15);
  const Counts counts = count_events(m, signups, summary);
  report(0.35);

  // Plan the slices: consecutive bins whose events fit the budget.
  const std::uint32_t n = m.users();
  const std::uint32_t blocks = (n + kBlockUsers - 1) / kBlockUsers;
  std::vector<std::uint64_t> per_bin(counts.bins, 0);
  for (std::uint32_t b = 0; b < blocks; ++b)
    for (std::uint32_t i = 0; i < counts.bins; ++i)
      per_bin[i] += counts.per_block_bin[std::size_t{b} * counts.bins + i];
  const auto budget =
      std::max<std::uint64_t>(1, static_cast<std::uint64_t>(params.memory_budget_mb * 1048576.0 / sizeof(Packed)));
  std::vector<std::uint32_t> cuts = {0};  // slice k is bins [cuts[k], cuts[k+1])
  std::uint64_t in_slice = 0, largest = 0;
  for (std::uint32_t i = 0; i < counts.bins; ++i) {
    if (in_slice > 0 && in_slice + per_bin[i] > budget) {
      cuts.push_back(i);
      largest = std::max(largest, in_slice);
      in_slice = 0;
    }
    in_slice += per_bin[i];
  }
  cuts.push_back(counts.bins);
  largest = std::max(largest, in_slice);
  summary.slices = static_cast<std::uint32_t>(cuts.size() - 1);

  sink.write(kHeader);
  summary.csv_bytes = kHeader.size();
  const std::unique_ptr<Packed[]> events(new Packed[std::max<std::uint64_t>(1, largest)]);
  bool first_event = true;
  for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
    const std::uint32_t bin_lo = cuts[k], bin_hi = cuts[k + 1];
    const std::uint64_t lo = std::uint64_t{bin_lo} * counts.bin_width;
    const std::uint64_t hi = std::uint64_t{bin_hi} * counts.bin_width;
    // Each block writes at its own offset, known from the counting pass.
    std::vector<std::uint64_t> offset(blocks + 1, 0);
    for (std::uint32_t b = 0; b < blocks; ++b) {
      std::uint64_t c = 0;
      for (std::uint32_t i = bin_lo; i < bin_hi; ++i) c += counts.per_block_bin[std::size_t{b} * counts.bins + i];
      offset[b + 1] = offset[b] + c;
    }
    const std::uint64_t total = offset[blocks];
    std::atomic<bool> mismatch{false};
    for_each_block(n, [&](std::uint32_t b, std::uint32_t ulo, std::uint32_t uhi) {
      std::uint64_t pos = offset[b];
      for (std::uint32_t u = ulo; u < uhi; ++u) {
        if (signups.time[u] == kNever || m.warp(signups.time[u]) >= hi) continue;
        m.emit_user(u, signups.time[u], signups.referred[u] != 0, [&](const Packed& e) {
          if (e.ts < lo || e.ts >= hi) return;
          if (pos < offset[b + 1]) events[pos] = e;
          ++pos;
        });
      }
      if (pos != offset[b + 1]) mismatch = true;
    });
    if (mismatch) throw std::logic_error("event generator: counting and filling passes disagree");
    tbb::parallel_sort(events.get(), events.get() + total, packed_less);
    if (total > 0) {
      if (first_event) summary.first_ts = static_cast<double>(m.start() + events[0].ts);
      first_event = false;
      summary.last_ts = static_cast<double>(m.start() + events[total - 1].ts);
    }
    summary.csv_bytes += write_events(events.get(), total, m, sink);
    report(0.35 + 0.65 * static_cast<double>(k + 1) / static_cast<double>(cuts.size() - 1));
  }
  sink.finish();
  return summary;
}

void check(bool ok, const std::string& what) {
  if (!ok) throw UsageError("generator: " + what);
}

bool finite_in(double v, double lo, double hi) { return std::isfinite(v) && v >= lo && v <= hi; }

}  // namespace

void GeneratorParams::validate() const {
  check(users >= 10 && users <= 0xFFFFFFF0ull, "--users must be between 10 and 4294967280");
  check(finite_in(start_ts, 0, 1e11), "start_ts must be unix seconds in [0, 1e11]");
  check(finite_in(days, 1, 40000), "days must be between 1 and 40000");
  check(finite_in(growth, 0.01, 1000), "growth must be in [0.01, 1000]");
  check(finite_in(mean_contacts, 1, 10000), "mean_contacts must be in [1, 10000]");
  check(max_contacts >= kMinContacts, "max_contacts must be at least 3");
  check(finite_in(degree_exponent, 2.05, 4), "degree_exponent must be in [2.05, 4]");
  check(finite_in(community_exponent, 0, 5), "community_exponent must be in [0, 5]");
  check(community_min >= 2 && community_max >= community_min, "community sizes need 2 <= min <= max");
  check(finite_in(mixing, 0, 1), "mixing must be in [0, 1]");
  for (std::size_t i = 0; i < dunbar_layers.size(); ++i)
    check(dunbar_layers[i] >= 1 && (i == 0 || dunbar_layers[i] > dunbar_layers[i - 1]),
          "dunbar_layers must be increasing and positive");
  for (double r : layer_rates) check(finite_in(r, 0, 1e6), "layer_rates must be non-negative");
  check(layer_rates[0] > 0, "the support layer's rate must be positive");
  check(finite_in(organic, 0, 1), "organic must be in [0, 1]");
  check(finite_in(buy, 0, 1), "buy must be in [0, 1]");
  check(finite_in(first_purchase_days, 0, 3650), "first_purchase_days must be in [0, 3650]");
  check(products >= 1 && products <= 1000000, "products must be between 1 and 1000000");
  check(finite_in(product_zipf, 0, 5), "product_zipf must be in [0, 5]");
  check(finite_in(loyal, 0, 1), "loyal must be in [0, 1]");
  check(finite_in(repurchase_days, 1, 3650), "repurchase_days must be in [1, 3650]");
  check(finite_in(extra_purchases, 0, 1000), "extra_purchases must be in [0, 1000]");
  check(finite_in(referrer, 0, 1), "referrer must be in [0, 1]");
  check(finite_in(fertility_exponent, 0.5, 10), "fertility_exponent must be in [0.5, 10]");
  check(finite_in(referral_days, 0, 3650), "referral_days must be in [0, 3650]");
  check(finite_in(convert, 0, 1), "convert must be in [0, 1]");
  check(finite_in(convert_days, 0, 3650), "convert_days must be in [0, 3650]");
  check(finite_in(wom_per_month, 0, 1000), "wom_per_month must be in [0, 1000]");
  check(finite_in(negative, 0, 1), "negative must be in [0, 1]");
  check(finite_in(hostile_ties, 0, 1), "hostile_ties must be in [0, 1]");
  check(finite_in(unhappy, 0, 1), "unhappy must be in [0, 1]");
  check(finite_in(churn_after_complaint, 0, 1), "churn_after_complaint must be in [0, 1]");
  check(finite_in(lifetime_days, 1, 1e6), "lifetime_days must be in [1, 1e6]");
  check(std::isfinite(memory_budget_mb) && memory_budget_mb > 0, "memory_budget_mb must be positive");
}

GeneratorSummary write_event_log(std::ostream& out, const GeneratorParams& params, const Progress& progress) {
  StreamSink sink(out);
  return generate(params, sink, progress);
}

GeneratorSummary write_event_log_gzip(const std::string& path, const GeneratorParams& params,
                                      const Progress& progress) {
  params.validate();  // before creating any file
  GeneratorSummary summary;
  write_file_atomically(path, [&](std::ostream& out) {
    GzipSink sink(out);
    summary = generate(params, sink, progress);
  });
  return summary;
}

GeneratorSummary write_event_log_file(const std::string& path, const GeneratorParams& params,
                                      const Progress& progress) {
  if (path.size() >= 3 && path.compare(path.size() - 3, 3, ".gz") == 0)
    return write_event_log_gzip(path, params, progress);
  params.validate();
  GeneratorSummary summary;
  write_file_atomically(path, [&](std::ostream& out) { summary = write_event_log(out, params, progress); });
  return summary;
}

}  // namespace refnet
