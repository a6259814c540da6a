#include <refnet/io/snapshot.hpp>

#include <refnet/base/error.hpp>
#include <refnet/base/file.hpp>
#include <refnet/io/build_info_json.hpp>
#include <refnet/parallel/memory.hpp>

#include <tbb/parallel_reduce.h>
#include <tbb/parallel_for.h>

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace refnet {
namespace {

constexpr char kMagic[8] = {'R', 'E', 'F', 'N', 'E', 'T', '\x1a', '\n'};
constexpr std::size_t kBlock = std::size_t{1} << 20;

std::uint64_t mix(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

std::uint64_t hash_block(const unsigned char* p, std::size_t n, std::uint64_t seed) {
  // Four independent lanes keep the multiplier busy.
  std::uint64_t h[4] = {seed, seed ^ 0x9e3779b97f4a7c15ull, seed + 1, seed - 1};
  std::size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    for (int k = 0; k < 4; ++k) {
      std::uint64_t w;
      std::memcpy(&w, p + i + 8 * k, 8);
      h[k] = (h[k] ^ w) * 0x9fb21c651e98df25ull;
      h[k] ^= h[k] >> 29;
    }
  }
  std::uint64_t tail = n;
  for (; i < n; ++i) tail = (tail ^ p[i]) * 0x100000001b3ull;
  return mix(h[0] ^ mix(h[1]) ^ mix(mix(h[2])) ^ mix(mix(mix(h[3]))) ^ tail);
}

struct Header {
  char magic[8];
  std::uint32_t version;
  std::uint32_t sections;
  std::uint64_t checksum;
};

struct SectionHeader {
  std::uint32_t tag;
  std::uint32_t element_size;
  std::uint64_t count;
};

// Sections in file order; every one is always present.
enum Tag : std::uint32_t {
  kInfo = 1, kUserChars, kUserOffsets, kProductChars, kProductOffsets, kChannelChars, kChannelOffsets,
  kEvents,
  kOutRow, kOutCol, kInRow, kInCol, kInEdge, kWeight, kTime,
  kParent, kAcquiredAt, kReferredAt, kAnomalyKind, kAnomalyReferrer, kAnomalyReferee, kAnomalyTs,
  kCascadeOffsets, kCascadeUsers, kCascadeTimes, kNumTags
};

struct Span {
  Tag tag;
  const void* data;
  std::uint32_t element_size;
  std::uint64_t count;
};

template <class T>
Span span_of(Tag tag, const std::vector<T>& v) {
  return {tag, v.data(), sizeof(T), v.size()};
}
Span span_of(Tag tag, const std::string& s) { return {tag, s.data(), 1, s.size()}; }

class Reader {
 public:
  Reader(const std::string& path) : path_(path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) throw InputError(path, 0, 0, "no such file");
    if (S_ISDIR(st.st_mode)) throw InputError(path, 0, 0, "is a directory, expected a snapshot");
    size_ = static_cast<std::uint64_t>(st.st_size);
    f_ = std::fopen(path.c_str(), "rb");
    if (!f_) throw InputError(path, 0, 0, std::string("cannot open: ") + std::strerror(errno));
  }
  ~Reader() { std::fclose(f_); }
  void read(void* into, std::uint64_t bytes) {
    if (bytes > size_ - pos_) throw InputError(path_, 0, 0, "snapshot is truncated");
    if (bytes && std::fread(into, 1, bytes, f_) != bytes) throw InputError(path_, 0, 0, "read error in snapshot");
    pos_ += bytes;
  }
  std::uint64_t remaining() const { return size_ - pos_; }

 private:
  std::string path_;
  std::FILE* f_;
  std::uint64_t size_ = 0;
  std::uint64_t pos_ = 0;
};

}  // namespace

std::uint64_t checksum64(const void* data, std::size_t bytes) {
  const auto* p = static_cast<const unsigned char*>(data);
  const std::size_t blocks = (bytes + kBlock - 1) / kBlock;
  std::vector<std::uint64_t> h(blocks);
  tbb::parallel_for(std::size_t{0}, blocks, [&](std::size_t b) {
    const std::size_t begin = b * kBlock;
    h[b] = hash_block(p + begin, std::min(kBlock, bytes - begin), b);
  });
  std::uint64_t out = mix(bytes);
  for (std::uint64_t x : h) out = mix(out ^ x) + 0x9e3779b97f4a7c15ull;
  return out;
}

bool is_snapshot(std::string_view data) {
  return data.size() >= sizeof kMagic && std::memcmp(data.data(), kMagic, sizeof kMagic) == 0;
}

void save_snapshot(const Network& net, const std::string& path) {
  Network& mut = const_cast<Network&>(net);  // arrays() only exposes storage
  const Graph::Arrays g = mut.wom.arrays();
  const std::string info = nlohmann::json(net.info).dump();
  const auto& an = net.referral.anomalies;
  std::vector<std::uint8_t> an_kind;
  std::vector<VertexId> an_referrer, an_referee;
  std::vector<double> an_ts;
  for (const Anomaly& a : an) {
    an_kind.push_back(static_cast<std::uint8_t>(a.kind));
    an_referrer.push_back(a.referrer);
    an_referee.push_back(a.referee);
    an_ts.push_back(a.ts);
  }
  std::vector<std::uint64_t> c_offsets{0};
  std::vector<VertexId> c_users;
  std::vector<double> c_times;
  for (const Cascade& c : net.cascades) {
    c_users.insert(c_users.end(), c.users.begin(), c.users.end());
    c_times.insert(c_times.end(), c.times.begin(), c.times.end());
    c_offsets.push_back(c_users.size());
  }
  const ReferralForest& f = net.referral;
  // The forest's counters travel in the info JSON.
  nlohmann::json extra = {{"referrals", f.referrals},       {"acquisitions", f.acquisitions},
                          {"re_referrals", f.re_referrals}, {"competing_referrals", f.competing_referrals},
                          {"unconverted_referrals", f.unconverted_referrals}, {"self_referrals", f.self_referrals}};
  const std::string info_all = nlohmann::json{{"info", nlohmann::json::parse(info)}, {"forest", extra}}.dump();

  const std::vector<Span> spans = {
      span_of(kInfo, info_all),
      span_of(kUserChars, net.log.users.chars()),       span_of(kUserOffsets, net.log.users.offsets()),
      span_of(kProductChars, net.log.products.chars()), span_of(kProductOffsets, net.log.products.offsets()),
      span_of(kChannelChars, net.log.channels.chars()), span_of(kChannelOffsets, net.log.channels.offsets()),
      span_of(kEvents, net.log.events),
      span_of(kOutRow, *g.out_rowstart), span_of(kOutCol, *g.out_column), span_of(kInRow, *g.in_rowstart),
      span_of(kInCol, *g.in_column), span_of(kInEdge, *g.in_edge), span_of(kWeight, *g.weight),
      span_of(kTime, *g.time),
      span_of(kParent, f.parent), span_of(kAcquiredAt, f.acquired_at), span_of(kReferredAt, f.referred_at),
      span_of(kAnomalyKind, an_kind), span_of(kAnomalyReferrer, an_referrer), span_of(kAnomalyReferee, an_referee),
      span_of(kAnomalyTs, an_ts),
      span_of(kCascadeOffsets, c_offsets), span_of(kCascadeUsers, c_users), span_of(kCascadeTimes, c_times)};

  std::uint64_t sum = 0;
  for (const Span& s : spans) sum = mix(sum ^ checksum64(s.data, s.element_size * s.count)) + s.tag;
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.version = kSnapshotVersion;
  h.sections = static_cast<std::uint32_t>(spans.size());
  h.checksum = sum;
  write_file_atomically(path, [&](std::ostream& out) {
    out.write(reinterpret_cast<const char*>(&h), sizeof h);
    for (const Span& s : spans) {
      const SectionHeader sh{s.tag, s.element_size, s.count};
      out.write(reinterpret_cast<const char*>(&sh), sizeof sh);
      out.write(static_cast<const char*>(s.data), static_cast<std::streamsize>(s.element_size * s.count));
    }
  });
}

Network load_snapshot(const std::string& path) {
  Reader r(path);
  Header h{};
  if (r.remaining() < sizeof h) throw InputError(path, 0, 0, "not a refnet snapshot (too short)");
  r.read(&h, sizeof h);
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0) throw InputError(path, 0, 0, "not a refnet snapshot (bad magic bytes)");
  if (h.version != kSnapshotVersion)
    throw InputError(path, 0, 0, "snapshot format version " + std::to_string(h.version) + ", this build reads version " +
                                     std::to_string(kSnapshotVersion) + ": rebuild it with `refnet build`");
  if (h.sections != kNumTags - 1) throw InputError(path, 0, 0, "corrupt snapshot (unexpected section count)");

  Network net;
  Graph::Arrays g = net.wom.arrays();
  std::string info_text, user_chars, product_chars, channel_chars;
  std::vector<std::uint64_t> user_offsets, product_offsets, channel_offsets, c_offsets;
  std::vector<double> an_ts, c_times;
  std::vector<std::uint32_t> an_referrer, an_referee, c_users;
  std::vector<std::uint8_t> an_kind;
  std::uint64_t sum = 0;

  auto section = [&](Tag tag, auto& into) {
    SectionHeader sh{};
    r.read(&sh, sizeof sh);
    using T = typename std::remove_reference_t<decltype(into)>::value_type;
    if (sh.tag != tag || sh.element_size != sizeof(T)) throw InputError(path, 0, 0, "corrupt snapshot (bad section header)");
    if (sh.count > r.remaining() / sizeof(T)) throw InputError(path, 0, 0, "snapshot is truncated");
    reserve_huge(into, sh.count);
    into.resize(sh.count);
    r.read(into.data(), sh.count * sizeof(T));
    sum = mix(sum ^ checksum64(into.data(), sh.count * sizeof(T))) + tag;
  };
  section(kInfo, info_text);
  section(kUserChars, user_chars); section(kUserOffsets, user_offsets);
  section(kProductChars, product_chars); section(kProductOffsets, product_offsets);
  section(kChannelChars, channel_chars); section(kChannelOffsets, channel_offsets);
  section(kEvents, net.log.events);
  section(kOutRow, *g.out_rowstart); section(kOutCol, *g.out_column); section(kInRow, *g.in_rowstart);
  section(kInCol, *g.in_column); section(kInEdge, *g.in_edge); section(kWeight, *g.weight); section(kTime, *g.time);
  ReferralForest& f = net.referral;
  section(kParent, f.parent); section(kAcquiredAt, f.acquired_at); section(kReferredAt, f.referred_at);
  section(kAnomalyKind, an_kind); section(kAnomalyReferrer, an_referrer); section(kAnomalyReferee, an_referee);
  section(kAnomalyTs, an_ts);
  section(kCascadeOffsets, c_offsets); section(kCascadeUsers, c_users); section(kCascadeTimes, c_times);
  if (sum != h.checksum) throw InputError(path, 0, 0, "corrupt snapshot (checksum mismatch)");
  if (r.remaining() != 0) throw InputError(path, 0, 0, "corrupt snapshot (trailing bytes)");

  try {
    const auto j = nlohmann::json::parse(info_text);
    net.info = j.at("info").get<BuildInfo>();
    const auto& fj = j.at("forest");
    f.referrals = fj.at("referrals");
    f.acquisitions = fj.at("acquisitions");
    f.re_referrals = fj.at("re_referrals");
    f.competing_referrals = fj.at("competing_referrals");
    f.unconverted_referrals = fj.at("unconverted_referrals");
    f.self_referrals = fj.at("self_referrals");
  } catch (const nlohmann::json::exception& e) {
    throw InputError(path, 0, 0, std::string("corrupt snapshot (info section): ") + e.what());
  }
  auto check_table = [&](const std::string& chars, const std::vector<std::uint64_t>& offsets) {
    if (offsets.empty() || offsets.front() != 0 || offsets.back() != chars.size() ||
        !std::is_sorted(offsets.begin(), offsets.end()))
      throw InputError(path, 0, 0, "corrupt snapshot (id table)");
  };
  check_table(user_chars, user_offsets);
  check_table(product_chars, product_offsets);
  check_table(channel_chars, channel_offsets);
  net.log.users.assign(std::move(user_chars), std::move(user_offsets));
  net.log.products.assign(std::move(product_chars), std::move(product_offsets));
  net.log.channels.assign(std::move(channel_chars), std::move(channel_offsets));
  for (const Event& e : net.log.events) {
    if (e.src >= net.log.users.size() || (e.dst != kNone && e.dst >= net.log.users.size()) ||
        static_cast<std::size_t>(e.type) >= kNumEventTypes)
      throw InputError(path, 0, 0, "corrupt snapshot (an event names an unknown user or type)");
  }
  for (std::size_t i = 0; i < an_kind.size(); ++i)
    f.anomalies.push_back({static_cast<Anomaly::Kind>(an_kind[i]), an_referrer[i], an_referee[i], an_ts[i]});
  for (std::size_t c = 0; c + 1 < c_offsets.size(); ++c) {
    Cascade cas;
    cas.users.assign(c_users.begin() + c_offsets[c], c_users.begin() + c_offsets[c + 1]);
    cas.times.assign(c_times.begin() + c_offsets[c], c_times.begin() + c_offsets[c + 1]);
    net.cascades.push_back(std::move(cas));
  }
  const std::size_t n = net.log.users.size();
  if (g.out_rowstart->size() != n + 1 || g.in_rowstart->size() != n + 1 || f.parent.size() != n)
    throw InputError(path, 0, 0, "corrupt snapshot (array sizes disagree)");
  return net;
}

}  // namespace refnet
