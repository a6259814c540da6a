#include <refnet/io/snapshot.hpp>

#include <refnet/base/error.hpp>
#include <refnet/base/file.hpp>
#include <refnet/base/text.hpp>
#include <refnet/io/build_info_json.hpp>
#include <refnet/parallel/memory.hpp>

#include <openssl/evp.h>
#include <tbb/parallel_for.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <functional>
#include <iterator>
#include <memory>

namespace refnet {
namespace {

constexpr char kMagic[8] = {'R', 'E', 'F', 'N', 'E', 'T', '\x1a', '\n'};
// Checksum blocks: small enough that a block checked for structure right
// after it is hashed is still in the core's cache.
constexpr std::size_t kBlock = std::size_t{1} << 18;
constexpr std::uint64_t kAlign = 64;

struct Preamble {
  char magic[8];
  std::uint32_t version;
  std::uint32_t sections;
  std::uint64_t file_size;
  std::uint64_t table_checksum;
  unsigned char sha256[32];
};
static_assert(sizeof(Preamble) == 64);

struct TableEntry {
  std::uint32_t tag;
  std::uint32_t element_size;
  std::uint64_t count;
  std::uint64_t offset;
  std::uint64_t checksum;
};
static_assert(sizeof(TableEntry) == 32);

// Sections in file order; every one is always present (possibly empty).
enum Tag : std::uint32_t {
  kInfo = 1, kUserChars, kUserOffsets, kProductChars, kProductOffsets, kChannelChars, kChannelOffsets,
  kEvents,
  kOutRow, kOutCol, kInRow, kInCol, kInEdge, kWeight, kTime,
  kParent, kAcquiredAt, kReferredAt, kAnomalyKind, kAnomalyReferrer, kAnomalyReferee, kAnomalyTs,
  kCascadeOffsets, kCascadeUsers, kCascadeTimes, kEndTag
};

struct SectionSpec {
  Tag tag;
  const char* name;
  std::uint32_t element_size;
};
constexpr SectionSpec kSpecs[] = {
    {kInfo, "info", 1},
    {kUserChars, "user_chars", 1},
    {kUserOffsets, "user_offsets", 8},
    {kProductChars, "product_chars", 1},
    {kProductOffsets, "product_offsets", 8},
    {kChannelChars, "channel_chars", 1},
    {kChannelOffsets, "channel_offsets", 8},
    {kEvents, "events", sizeof(Event)},
    {kOutRow, "out_row", 4},
    {kOutCol, "out_col", 4},
    {kInRow, "in_row", 4},
    {kInCol, "in_col", 4},
    {kInEdge, "in_edge", 4},
    {kWeight, "weight", 4},
    {kTime, "time", 8},
    {kParent, "parent", 4},
    {kAcquiredAt, "acquired_at", 8},
    {kReferredAt, "referred_at", 8},
    {kAnomalyKind, "anomaly_kind", 1},
    {kAnomalyReferrer, "anomaly_referrer", 4},
    {kAnomalyReferee, "anomaly_referee", 4},
    {kAnomalyTs, "anomaly_ts", 8},
    {kCascadeOffsets, "cascade_offsets", 8},
    {kCascadeUsers, "cascade_users", 4},
    {kCascadeTimes, "cascade_times", 8},
};
constexpr std::size_t kNumSections = std::size(kSpecs);
static_assert(kNumSections == kEndTag - 1);
constexpr std::uint64_t kTableBytes = kNumSections * sizeof(TableEntry);
const SectionSpec& spec(Tag t) { return kSpecs[t - 1]; }

std::uint64_t align_up(std::uint64_t x) { return (x + kAlign - 1) / kAlign * kAlign; }

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

// Whether every x of p[0, n) is below `limit` (or is kNoVertex, when
// `none_ok`): branch-free, built for AVX2 too where the CPU has it, as it
// runs over every index array of the snapshot.
__attribute__((target_clones("avx2", "default"))) bool all_below(const std::uint32_t* p, std::size_t n,
                                                                 std::uint32_t limit, bool none_ok) {
  const std::uint32_t exempt = none_ok ? 1u : 0u;
  std::uint32_t bad = 0;
  for (std::size_t i = 0; i < n; ++i)
    bad |= static_cast<std::uint32_t>(p[i] >= limit) & ~(exempt & static_cast<std::uint32_t>(p[i] == kNoVertex));
  return bad == 0;
}

std::uint64_t combine_blocks(std::uint64_t bytes, const std::vector<std::uint64_t>& h) {
  std::uint64_t out = mix(bytes);
  for (std::uint64_t x : h) out = mix(out ^ x) + 0x9e3779b97f4a7c15ull;
  return out;
}

std::string to_hex(const unsigned char* d, std::size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += kHex[d[i] >> 4], s += kHex[d[i] & 15];
  return s;
}

// SHA-256 of byte pieces fed in order.
class Sha256 {
 public:
  Sha256() : ctx_(EVP_MD_CTX_new(), &EVP_MD_CTX_free) {
    if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1) throw std::runtime_error("sha256 failed");
  }
  void update(const void* p, std::size_t n) {
    if (n && EVP_DigestUpdate(ctx_.get(), p, n) != 1) throw std::runtime_error("sha256 failed");
  }
  void finish(unsigned char out[32]) {
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(ctx_.get(), out, &len) != 1 || len != 32) throw std::runtime_error("sha256 failed");
  }

 private:
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx_;
};

[[noreturn]] void corrupt(const std::string& path, const std::string& what) {
  throw InputError(path, 0, 0, "corrupt snapshot (" + what + ")");
}

// The preamble and table of an image, checked against each other and the
// image size. Nothing here reads a section's bytes.
struct Layout {
  Preamble preamble{};
  std::vector<TableEntry> table;
};

Layout read_layout(const unsigned char* p, std::uint64_t size, const std::string& path, bool check_table = true) {
  Layout l;
  if (size < sizeof kMagic + 4) throw InputError(path, 0, 0, "not a refnet snapshot (too short)");
  if (std::memcmp(p, kMagic, sizeof kMagic) != 0) throw InputError(path, 0, 0, "not a refnet snapshot (bad magic bytes)");
  std::uint32_t version = 0;
  std::memcpy(&version, p + sizeof kMagic, 4);
  if (version != kSnapshotVersion)
    throw InputError(path, 0, 0,
                     "snapshot format version " + std::to_string(version) +
                         (version < kSnapshotVersion ? " (written by an older refnet)" : " (written by a newer refnet)") +
                         ", this build reads version " + std::to_string(kSnapshotVersion) +
                         ": rebuild it with `refnet build INPUT... -o " + path + "`");
  if (size < sizeof(Preamble) + kTableBytes) throw InputError(path, 0, 0, "snapshot is truncated");
  std::memcpy(&l.preamble, p, sizeof(Preamble));
  const Preamble& h = l.preamble;
  if (h.sections != kNumSections) corrupt(path, "unexpected section count " + std::to_string(h.sections));
  if (h.file_size > size) throw InputError(path, 0, 0, "snapshot is truncated");
  if (h.file_size < size) corrupt(path, "trailing bytes");
  if (check_table && checksum64(p + sizeof(Preamble), kTableBytes) != h.table_checksum) corrupt(path, "section table: checksum mismatch");
  l.table.resize(kNumSections);
  std::memcpy(l.table.data(), p + sizeof(Preamble), kTableBytes);
  std::uint64_t end = sizeof(Preamble) + kTableBytes;
  for (std::size_t i = 0; i < kNumSections; ++i) {
    const TableEntry& e = l.table[i];
    const SectionSpec& s = kSpecs[i];
    if (e.tag != s.tag || e.element_size != s.element_size)
      corrupt(path, "section table: entry " + std::to_string(i) + " is not section " + s.name);
    if (e.offset % kAlign != 0 || e.offset < end || e.offset > size || e.count > (size - e.offset) / e.element_size)
      corrupt(path, std::string("section ") + s.name + ": lies outside the file");
    end = e.offset + e.count * e.element_size;
  }
  return l;
}

// The bytes after the preamble, in file order, as pieces: the table, zero
// padding, the sections. What the SHA-256 covers.
void for_each_content_piece(const std::vector<TableEntry>& table, const std::function<const void*(std::size_t)>& section,
                            const std::function<void(const void*, std::size_t)>& f) {
  static constexpr unsigned char kZeros[kAlign] = {};
  f(table.data(), kTableBytes);
  std::uint64_t at = sizeof(Preamble) + kTableBytes;
  for (std::size_t i = 0; i < table.size(); ++i) {
    f(kZeros, table[i].offset - at);
    const std::uint64_t bytes = table[i].count * table[i].element_size;
    f(section(i), bytes);
    at = table[i].offset + bytes;
  }
}

// A read-only private mapping of a whole file.
class Mapping {
 public:
  explicit Mapping(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) throw InputError(path, 0, 0, "no such file");
    if (S_ISDIR(st.st_mode)) throw InputError(path, 0, 0, "is a directory, expected a snapshot");
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw InputError(path, 0, 0, std::string("cannot open: ") + std::strerror(errno));
    struct stat fst {};
    if (::fstat(fd, &fst) != 0) {
      ::close(fd);
      throw InputError(path, 0, 0, std::string("cannot stat: ") + std::strerror(errno));
    }
    size_ = static_cast<std::uint64_t>(fst.st_size);
    if (size_ > 0) {
      void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
      if (p == MAP_FAILED) {
        const int err = errno;
        ::close(fd);
        throw InputError(path, 0, 0, std::string("cannot map: ") + std::strerror(err));
      }
      data_ = static_cast<const unsigned char*>(p);
    }
    ::close(fd);  // the mapping keeps the file
  }
  ~Mapping() {
    if (data_) ::munmap(const_cast<unsigned char*>(data_), size_);
  }
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;

  const unsigned char* data() const { return data_; }
  std::uint64_t size() const { return size_; }

 private:
  const unsigned char* data_ = nullptr;
  std::uint64_t size_ = 0;
};

// Checks a mapped snapshot's sections: their checksums and their structure,
// fused into one parallel pass over each section's bytes.
class Validator {
 public:
  Validator(const unsigned char* base, const Layout& layout, std::string path)
      : base_(base), layout_(layout), path_(std::move(path)) {}

  template <class T>
  std::span<const T> array(Tag t) const {
    const TableEntry& e = layout_.table[t - 1];
    return {reinterpret_cast<const T*>(base_ + e.offset), static_cast<std::size_t>(e.count)};
  }
  std::uint64_t count(Tag t) const { return layout_.table[t - 1].count; }

  [[noreturn]] void fail(Tag t, const std::string& what) const {
    corrupt(path_, std::string("section ") + spec(t).name + ": " + what);
  }
  void expect_count(Tag t, std::uint64_t expected, const std::string& what) const {
    if (count(t) != expected)
      fail(t, std::to_string(count(t)) + " entries, expected " + std::to_string(expected) + " (" + what + ")");
  }

  // Hashes section t block by block and calls ok(a, i) for each element i of
  // the block just hashed (a: the whole array); the first element that fails
  // is described by describe(i). A checksum mismatch is reported first: the
  // structure of corrupt bytes says nothing.
  template <class T, class Ok, class Describe>
  void scan(Tag t, Ok ok, Describe describe) const {
    scan<T>(t, ok, describe, [&](std::span<const T> a, std::uint64_t first, std::uint64_t last) {
      bool all = true;
      for (std::uint64_t i = first; i < last; ++i) all &= ok(a, i);
      return all;
    });
  }
  // The same with a faster test of a whole block, block_ok(a, first, last).
  template <class T, class Ok, class Describe, class BlockOk>
  void scan(Tag t, Ok ok, Describe describe, BlockOk block_ok) const {
    const TableEntry& e = layout_.table[t - 1];
    const std::span<const T> a = array<T>(t);
    const std::uint64_t bytes = e.count * sizeof(T);
    const std::size_t blocks = static_cast<std::size_t>((bytes + kBlock - 1) / kBlock);
    std::vector<std::uint64_t> h(blocks);
    std::atomic<std::uint64_t> first_bad{e.count};
    tbb::parallel_for(std::size_t{0}, blocks, [&](std::size_t b) {
      const std::uint64_t begin = b * kBlock;
      const std::uint64_t len = std::min<std::uint64_t>(kBlock, bytes - begin);
      h[b] = hash_block(base_ + e.offset + begin, len, b);
      const std::uint64_t first = begin / sizeof(T), last = (begin + len) / sizeof(T);
      // The whole block at once (branch-free, so that it vectorises), then,
      // only for a block that fails, element by element to find which.
      if (block_ok(a, first, last)) return;
      for (std::uint64_t i = first; i < last; ++i) {
        if (ok(a, i)) continue;
        std::uint64_t seen = first_bad.load();
        while (i < seen && !first_bad.compare_exchange_weak(seen, i)) {
        }
        break;
      }
    });
    if (combine_blocks(bytes, h) != e.checksum) fail(t, "checksum mismatch");
    if (first_bad.load() < e.count) fail(t, describe(first_bad.load()));
  }
  // A section without structure of its own: the checksum only.
  template <class T>
  void scan(Tag t) const {
    scan<T>(t, [](std::span<const T>, std::uint64_t) { return true; }, [](std::uint64_t) { return std::string(); });
  }

  // Offsets of an id table or the cascades: from 0, never decreasing, ending
  // at the size of the array they index.
  void offsets(Tag t, std::uint64_t end, const char* what) const {
    if (count(t) == 0) fail(t, "empty (it needs at least the leading 0)");
    scan<std::uint64_t>(
        t, [&](std::span<const std::uint64_t> a, std::uint64_t i) { return i == 0 ? a[0] == 0 : a[i - 1] <= a[i]; },
        [&](std::uint64_t i) {
          return i == 0 ? std::string("does not start at 0")
                        : "entry " + std::to_string(i) + " is smaller than the one before (offsets must not decrease)";
        });
    if (array<std::uint64_t>(t).back() != end)
      fail(t, "ends at " + std::to_string(array<std::uint64_t>(t).back()) + ", expected " + std::to_string(end) +
                  " (" + what + ")");
  }

  // Row starts of a CSR array: n + 1 entries from 0, never decreasing, ending at m.
  void rows(Tag t, std::uint64_t n, std::uint64_t m) const {
    expect_count(t, n + 1, "users + 1");
    scan<EdgeId>(
        t, [&](std::span<const EdgeId> a, std::uint64_t i) { return i == 0 ? a[0] == 0 : a[i - 1] <= a[i]; },
        [&](std::uint64_t i) {
          return i == 0 ? std::string("does not start at 0")
                        : "row " + std::to_string(i - 1) + " ends before it starts (row starts must not decrease)";
        });
    if (array<EdgeId>(t).back() != m)
      fail(t, "rows end at " + std::to_string(array<EdgeId>(t).back()) + ", expected the edge count " +
                  std::to_string(m));
  }

  // Every entry below `limit`, or equal to `none` when that is allowed.
  void ids(Tag t, std::uint64_t limit, const char* what, bool none_allowed = false) const {
    const auto limit32 = static_cast<std::uint32_t>(limit);  // callers keep it below 2^32 - 1
    scan<std::uint32_t>(
        t,
        [limit32, none_allowed](std::span<const std::uint32_t> a, std::uint64_t i) {
          return a[i] < limit32 || (none_allowed && a[i] == kNoVertex);
        },
        [&](std::uint64_t i) {
          return "entry " + std::to_string(i) + " is " + std::to_string(array<std::uint32_t>(t)[i]) + ", not below " +
                 std::to_string(limit) + " (" + what + ")";
        },
        [limit32, none_allowed](std::span<const std::uint32_t> a, std::uint64_t first, std::uint64_t last) {
          return all_below(a.data() + first, last - first, limit32, none_allowed);
        });
  }

  // Finite doubles (or NaN, where NaN means "none").
  void times(Tag t, bool nan_allowed) const {
    scan<double>(
        t,
        [nan_allowed](std::span<const double> a, std::uint64_t i) {
          // On the bits, so that the block loop vectorises: an exponent of all
          // ones is infinity (mantissa 0) or NaN.
          const auto bits = std::bit_cast<std::uint64_t>(a[i]);
          constexpr std::uint64_t kExp = 0x7ff0000000000000ull;
          return ((bits & kExp) != kExp) | (nan_allowed & ((bits & ~kExp & ~(std::uint64_t{1} << 63)) != 0));
        },
        [&](std::uint64_t i) { return "entry " + std::to_string(i) + " is not a finite number"; });
  }

  // Every name of an id table valid UTF-8.
  void names(Tag chars_tag, Tag offsets_tag) const {
    const auto chars = array<char>(chars_tag);
    const auto off = array<std::uint64_t>(offsets_tag);
    const std::size_t n = off.size() - 1;
    std::atomic<std::uint64_t> first_bad{n};
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 4096), [&](const tbb::blocked_range<std::size_t>& r) {
      for (std::size_t i = r.begin(); i != r.end(); ++i) {
        if (is_valid_utf8(std::string_view(chars.data() + off[i], off[i + 1] - off[i]))) continue;
        std::uint64_t seen = first_bad.load();
        while (i < seen && !first_bad.compare_exchange_weak(seen, i)) {
        }
        break;
      }
    });
    if (first_bad.load() < n) fail(chars_tag, "name " + std::to_string(first_bad.load()) + " is not valid UTF-8");
  }

 private:
  const unsigned char* base_;
  const Layout& layout_;
  std::string path_;
};

std::string describe_event(const Event& e, std::uint64_t i, std::uint64_t users, std::uint64_t products,
                           std::uint64_t channels, const Event* before) {
  const std::string at = "event " + std::to_string(i) + ": ";
  if (static_cast<std::size_t>(e.type) >= kNumEventTypes) return at + "unknown type " + std::to_string(int(e.type));
  if (e.src >= users) return at + "src " + std::to_string(e.src) + " is not one of the " + std::to_string(users) + " users";
  if (e.dst != kNone && e.dst >= users) return at + "dst " + std::to_string(e.dst) + " is not one of the " + std::to_string(users) + " users";
  if (needs_dst(e.type) && e.dst == kNone) return at + std::string(to_string(e.type)) + " without a dst";
  if (e.product != kNone && e.product >= products) return at + "product " + std::to_string(e.product) + " is not one of the " + std::to_string(products) + " products";
  if (e.channel != kNone && e.channel >= channels) return at + "channel " + std::to_string(e.channel) + " is not one of the " + std::to_string(channels) + " channels";
  if (e.sentiment != 1 && e.sentiment != -1) return at + "sentiment " + std::to_string(int(e.sentiment)) + " (expected +1 or -1)";
  if (e.reserved != 0) return at + "reserved bytes are not zero";
  if (!std::isfinite(e.ts)) return at + "time is not a finite number";
  if (!std::isfinite(e.amount)) return at + "amount is not a finite number";
  if (before && before->ts > e.ts) return at + "earlier than the event before it (events are stored in time order)";
  return at + "invalid";
}

bool event_ok(const Event& e, std::uint64_t users, std::uint64_t products, std::uint64_t channels, const Event* before) {
  return static_cast<std::size_t>(e.type) < kNumEventTypes && e.src < users && (e.dst == kNone || e.dst < users) &&
         (!needs_dst(e.type) || e.dst != kNone) && (e.product == kNone || e.product < products) &&
         (e.channel == kNone || e.channel < channels) && (e.sentiment == 1 || e.sentiment == -1) && e.reserved == 0 &&
         std::isfinite(e.ts) && std::isfinite(e.amount) && (!before || before->ts <= e.ts);
}

// Everything load_snapshot checks before it builds the network.
void validate(const Validator& v, const std::string& path) {
  // Sizes first (from the table alone), so that the passes below index safely.
  if (v.count(kUserOffsets) == 0) v.fail(kUserOffsets, "empty (it needs at least the leading 0)");
  const std::uint64_t n = v.count(kUserOffsets) - 1;
  if (n >= kNoVertex) v.fail(kUserOffsets, "more users than 32-bit ids can name");
  const std::uint64_t m = v.count(kOutCol);
  if (m >= 0xFFFFFFFFull) v.fail(kOutCol, "more edges than 32-bit edge ids can name");
  v.expect_count(kInCol, m, "one per edge");
  v.expect_count(kInEdge, m, "one per edge");
  if (v.count(kWeight) != 0) v.expect_count(kWeight, m, "none or one per edge");
  if (v.count(kTime) != 0) v.expect_count(kTime, m, "none or one per edge");
  v.expect_count(kParent, n, "one per user");
  v.expect_count(kAcquiredAt, n, "one per user");
  v.expect_count(kReferredAt, n, "one per user");
  const std::uint64_t anomalies = v.count(kAnomalyKind);
  v.expect_count(kAnomalyReferrer, anomalies, "one per anomaly");
  v.expect_count(kAnomalyReferee, anomalies, "one per anomaly");
  v.expect_count(kAnomalyTs, anomalies, "one per anomaly");
  v.expect_count(kCascadeTimes, v.count(kCascadeUsers), "one per cascade member");
  if (v.count(kProductOffsets) == 0) v.fail(kProductOffsets, "empty (it needs at least the leading 0)");
  if (v.count(kChannelOffsets) == 0) v.fail(kChannelOffsets, "empty (it needs at least the leading 0)");
  const std::uint64_t products = v.count(kProductOffsets) - 1, channels = v.count(kChannelOffsets) - 1;

  v.scan<char>(kInfo);
  v.scan<char>(kUserChars);
  v.offsets(kUserOffsets, v.count(kUserChars), "the size of user_chars");
  v.names(kUserChars, kUserOffsets);
  v.scan<char>(kProductChars);
  v.offsets(kProductOffsets, v.count(kProductChars), "the size of product_chars");
  v.names(kProductChars, kProductOffsets);
  v.scan<char>(kChannelChars);
  v.offsets(kChannelOffsets, v.count(kChannelChars), "the size of channel_chars");
  v.names(kChannelChars, kChannelOffsets);

  v.scan<Event>(
      kEvents,
      [&](std::span<const Event> a, std::uint64_t i) { return event_ok(a[i], n, products, channels, i ? &a[i - 1] : nullptr); },
      [&](std::uint64_t i) {
        const auto a = v.array<Event>(kEvents);
        return describe_event(a[i], i, n, products, channels, i ? &a[i - 1] : nullptr);
      });

  v.rows(kOutRow, n, m);
  v.ids(kOutCol, n, "a user");
  v.rows(kInRow, n, m);
  v.ids(kInCol, n, "a user");
  v.ids(kInEdge, m, "an edge index");
  v.scan<float>(
      kWeight,
      [](std::span<const float> a, std::uint64_t i) {
        return (std::bit_cast<std::uint32_t>(a[i]) & 0x7f800000u) != 0x7f800000u;
      },
      [](std::uint64_t i) { return "weight " + std::to_string(i) + " is not a finite number"; });
  v.times(kTime, false);

  v.scan<VertexId>(
      kParent,
      [&](std::span<const VertexId> a, std::uint64_t i) { return a[i] == kNoVertex || (a[i] < n && a[i] != i); },
      [&](std::uint64_t i) {
        const VertexId p = v.array<VertexId>(kParent)[i];
        return p == i ? "user " + std::to_string(i) + " is their own parent"
                      : "user " + std::to_string(i) + " has parent " + std::to_string(p) + ", not one of the " +
                            std::to_string(n) + " users";
      });
  // Acyclic: walk up from each user, marking the path; meeting the path again
  // is a cycle. Each user is walked once.
  {
    const auto parent = v.array<VertexId>(kParent);
    std::vector<std::uint8_t> state(n, 0);  // 0 unseen, 1 on the current path, 2 done
    for (std::uint64_t s = 0; s < n; ++s) {
      std::uint64_t u = s;
      while (u != kNoVertex && state[u] == 0) {
        state[u] = 1;
        u = parent[u];
      }
      if (u != kNoVertex && state[u] == 1)
        v.fail(kParent, "the referral forest has a cycle through user " + std::to_string(u));
      for (u = s; u != kNoVertex && state[u] == 1; u = parent[u]) state[u] = 2;
    }
  }
  v.times(kAcquiredAt, true);
  v.times(kReferredAt, true);

  v.scan<std::uint8_t>(
      kAnomalyKind, [](std::span<const std::uint8_t> a, std::uint64_t i) { return a[i] == std::uint8_t(Anomaly::Kind::kCycle); },
      [](std::uint64_t i) { return "anomaly " + std::to_string(i) + " is of an unknown kind"; });
  v.ids(kAnomalyReferrer, n, "a user");
  v.ids(kAnomalyReferee, n, "a user");
  v.times(kAnomalyTs, false);

  v.offsets(kCascadeOffsets, v.count(kCascadeUsers), "the size of cascade_users");
  v.ids(kCascadeUsers, n, "a user");
  v.times(kCascadeTimes, false);
  (void)path;
}

template <class T>
std::vector<T> copy_out(std::span<const T> a) {
  std::vector<T> v;
  reserve_huge(v, a.size());
  v.assign(a.begin(), a.end());
  return v;
}

struct Blob {
  const void* data;
  std::uint64_t count;
};
template <class T>
Blob blob(const std::vector<T>& v) {
  return {v.data(), v.size()};
}
template <class T>
Blob blob(std::span<const T> v) {
  return {v.data(), v.size()};
}
Blob blob(const std::string& s) { return {s.data(), s.size()}; }

// The table for sections of these sizes and checksums, laid out in order.
std::vector<TableEntry> lay_out(const std::vector<std::uint64_t>& counts, const std::vector<std::uint64_t>& sums) {
  std::vector<TableEntry> table(kNumSections);
  std::uint64_t at = sizeof(Preamble) + kTableBytes;
  for (std::size_t i = 0; i < kNumSections; ++i) {
    at = align_up(at);
    table[i] = {kSpecs[i].tag, kSpecs[i].element_size, counts[i], at, sums[i]};
    at += counts[i] * kSpecs[i].element_size;
  }
  return table;
}

std::uint64_t file_end(const std::vector<TableEntry>& table) {
  const TableEntry& last = table.back();
  return last.offset + last.count * last.element_size;
}

}  // namespace

std::uint64_t checksum64(const void* data, std::size_t bytes) {
  const auto* p = static_cast<const unsigned char*>(data);
  const std::size_t blocks = (bytes + kBlock - 1) / kBlock;
  std::vector<std::uint64_t> h(blocks);
  tbb::parallel_for(std::size_t{0}, blocks, [&](std::size_t b) {
    const std::size_t begin = b * kBlock;
    h[b] = hash_block(p + begin, std::min(kBlock, bytes - begin), b);
  });
  return combine_blocks(bytes, h);
}

bool is_snapshot(std::string_view data) {
  return data.size() >= sizeof kMagic && std::memcmp(data.data(), kMagic, sizeof kMagic) == 0;
}

void save_snapshot(const Network& net, const std::string& path) {
  const GraphArrays g = net.wom.arrays();
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
  const std::string info_all = nlohmann::json{{"info", nlohmann::json(net.info)}, {"forest", extra}}.dump();

  const std::vector<Blob> blobs = {
      blob(info_all),
      blob(net.log.users.chars()),    blob(net.log.users.offsets()),
      blob(net.log.products.chars()), blob(net.log.products.offsets()),
      blob(net.log.channels.chars()), blob(net.log.channels.offsets()),
      blob(net.log.events),
      blob(g.out_rowstart), blob(g.out_column), blob(g.in_rowstart), blob(g.in_column), blob(g.in_edge),
      blob(g.weight), blob(g.time),
      blob(f.parent), blob(f.acquired_at), blob(f.referred_at),
      blob(an_kind), blob(an_referrer), blob(an_referee), blob(an_ts),
      blob(c_offsets), blob(c_users), blob(c_times)};
  std::vector<std::uint64_t> counts(kNumSections), sums(kNumSections);
  for (std::size_t i = 0; i < kNumSections; ++i) {
    counts[i] = blobs[i].count;
    sums[i] = checksum64(blobs[i].data, blobs[i].count * kSpecs[i].element_size);
  }
  const std::vector<TableEntry> table = lay_out(counts, sums);

  Preamble h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.version = kSnapshotVersion;
  h.sections = static_cast<std::uint32_t>(kNumSections);
  h.file_size = file_end(table);
  h.table_checksum = checksum64(table.data(), kTableBytes);
  const auto section = [&](std::size_t i) { return blobs[i].data; };
  Sha256 sha;
  for_each_content_piece(table, section, [&](const void* p, std::size_t n) { sha.update(p, n); });
  sha.finish(h.sha256);
  write_file_atomically(path, [&](std::ostream& out) {
    out.write(reinterpret_cast<const char*>(&h), sizeof h);
    for_each_content_piece(table, section, [&](const void* p, std::size_t n) {
      out.write(static_cast<const char*>(p), static_cast<std::streamsize>(n));
    });
  });
}

Network load_snapshot(const std::string& path, const SnapshotLoadOptions& options, SnapshotFileInfo* info) {
  auto mapping = std::make_shared<const Mapping>(path);
  const unsigned char* p = mapping->data();
  const Layout layout = read_layout(p, mapping->size(), path);
  const Validator v(p, layout, path);
  validate(v, path);
  bool verified = false;
  if (options.verify) {
    Sha256 sha;
    sha.update(p + sizeof(Preamble), mapping->size() - sizeof(Preamble));
    unsigned char digest[32];
    sha.finish(digest);
    if (std::memcmp(digest, layout.preamble.sha256, 32) != 0) corrupt(path, "content SHA-256 mismatch");
    verified = true;
  }

  Network net;
  ReferralForest& f = net.referral;
  const auto text = v.array<char>(kInfo);
  try {
    const auto j = nlohmann::json::parse(text.begin(), text.end());
    net.info = j.at("info").get<BuildInfo>();
    const auto& fj = j.at("forest");
    f.referrals = fj.at("referrals");
    f.acquisitions = fj.at("acquisitions");
    f.re_referrals = fj.at("re_referrals");
    f.competing_referrals = fj.at("competing_referrals");
    f.unconverted_referrals = fj.at("unconverted_referrals");
    f.self_referrals = fj.at("self_referrals");
  } catch (const nlohmann::json::exception& e) {
    corrupt(path, std::string("section info: ") + e.what());
  }
  auto table = [&](IdTable& t, Tag chars, Tag offsets) {
    const auto c = v.array<char>(chars);
    t.assign(std::string(c.begin(), c.end()), copy_out(v.array<std::uint64_t>(offsets)));
  };
  table(net.log.users, kUserChars, kUserOffsets);
  table(net.log.products, kProductChars, kProductOffsets);
  table(net.log.channels, kChannelChars, kChannelOffsets);
  net.log.events = copy_out(v.array<Event>(kEvents));

  // The graph is used in place.
  net.wom = Graph::view({v.array<EdgeId>(kOutRow), v.array<VertexId>(kOutCol), v.array<EdgeId>(kInRow),
                         v.array<VertexId>(kInCol), v.array<EdgeId>(kInEdge), v.array<float>(kWeight),
                         v.array<double>(kTime)},
                        mapping);

  f.parent = copy_out(v.array<VertexId>(kParent));
  f.acquired_at = copy_out(v.array<double>(kAcquiredAt));
  f.referred_at = copy_out(v.array<double>(kReferredAt));
  const auto an_kind = v.array<std::uint8_t>(kAnomalyKind);
  const auto an_referrer = v.array<VertexId>(kAnomalyReferrer), an_referee = v.array<VertexId>(kAnomalyReferee);
  const auto an_ts = v.array<double>(kAnomalyTs);
  for (std::size_t i = 0; i < an_kind.size(); ++i)
    f.anomalies.push_back({static_cast<Anomaly::Kind>(an_kind[i]), an_referrer[i], an_referee[i], an_ts[i]});
  const auto c_offsets = v.array<std::uint64_t>(kCascadeOffsets);
  const auto c_users = v.array<VertexId>(kCascadeUsers);
  const auto c_times = v.array<double>(kCascadeTimes);
  for (std::size_t c = 0; c + 1 < c_offsets.size(); ++c) {
    Cascade cas;
    cas.users.assign(c_users.begin() + c_offsets[c], c_users.begin() + c_offsets[c + 1]);
    cas.times.assign(c_times.begin() + c_offsets[c], c_times.begin() + c_offsets[c + 1]);
    net.cascades.push_back(std::move(cas));
  }

  if (info) {
    info->version = layout.preamble.version;
    info->file_size = layout.preamble.file_size;
    info->content_sha256 = to_hex(layout.preamble.sha256, 32);
    info->sha256_verified = verified;
    info->sections.clear();
    for (std::size_t i = 0; i < kNumSections; ++i) {
      const TableEntry& e = layout.table[i];
      info->sections.push_back({kSpecs[i].name, e.element_size, e.count, e.offset, e.checksum});
    }
  }
  return net;
}

SnapshotFileInfo check_snapshot(const std::string& path, Network* network) {
  SnapshotFileInfo info;
  Network net = load_snapshot(path, {.verify = true}, &info);
  const Graph& g = net.wom;
  const VertexId n = g.num_vertices();
  const EdgeId m = g.num_edges();
  // The in-edge index is the transpose of the out-rows: every in-position of v
  // names an out-edge of its source that points at v, and each out-edge once.
  std::vector<std::atomic<std::uint8_t>> seen(m);
  std::atomic<std::uint64_t> bad{kNoVertex};
  tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 1024), [&](const tbb::blocked_range<VertexId>& r) {
    for (VertexId v = r.begin(); v != r.end(); ++v)
      for (EdgeId pos = g.in_begin(v); pos < g.in_end(v); ++pos) {
        const EdgeId e = g.in_edge(pos);
        const VertexId u = g.in_source(pos);
        if (g.target(e) == v && e >= g.out_begin(u) && e < g.out_end(u) && seen[e].exchange(1) == 0) continue;
        bad.store(v);
        return;
      }
  });
  if (bad.load() != kNoVertex)
    corrupt(path, "section in_edge: the in-edges of user " + std::to_string(bad.load()) +
                      " do not match the out-rows (the in-edge index is not their transpose)");
  auto distinct = [&](const IdTable& t, const char* section) {
    std::atomic<std::uint64_t> dup{kNoVertex};
    tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, t.size(), 4096), [&](const tbb::blocked_range<std::uint32_t>& r) {
      for (std::uint32_t id = r.begin(); id != r.end(); ++id)
        if (t.find(t.name(id)) != id) dup.store(id);
    });
    if (dup.load() != kNoVertex)
      corrupt(path, std::string("section ") + section + ": the name of id " + std::to_string(dup.load()) +
                        " is given to another id too");
  };
  distinct(net.log.users, "user_chars");
  distinct(net.log.products, "product_chars");
  distinct(net.log.channels, "channel_chars");
  if (network) *network = std::move(net);
  return info;
}

std::vector<SnapshotSectionInfo> snapshot_sections(std::string_view image) {
  const Layout l = read_layout(reinterpret_cast<const unsigned char*>(image.data()), image.size(), "<image>");
  std::vector<SnapshotSectionInfo> out;
  for (std::size_t i = 0; i < kNumSections; ++i)
    out.push_back({kSpecs[i].name, l.table[i].element_size, l.table[i].count, l.table[i].offset, l.table[i].checksum});
  return out;
}

void reseal_snapshot(std::string& image) {
  auto* p = reinterpret_cast<unsigned char*>(image.data());
  Layout l = read_layout(p, image.size(), "<image>", false);
  for (TableEntry& e : l.table) e.checksum = checksum64(p + e.offset, e.count * e.element_size);
  std::memcpy(p + sizeof(Preamble), l.table.data(), kTableBytes);
  l.preamble.table_checksum = checksum64(l.table.data(), kTableBytes);
  Sha256 sha;
  sha.update(p + sizeof(Preamble), image.size() - sizeof(Preamble));
  sha.finish(l.preamble.sha256);
  std::memcpy(p, &l.preamble, sizeof(Preamble));
}

}  // namespace refnet
