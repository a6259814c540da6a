#include <refnet/events/id_table.hpp>

#include <refnet/base/error.hpp>

#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <bit>

namespace refnet {
namespace {
constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;

// FNV-1a, then a 64-bit finaliser so that short numeric ids spread well.
std::uint64_t hash_name(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}
}  // namespace

std::uint32_t IdTable::lookup(const IdTable& t, const std::vector<std::uint32_t>& slots, std::string_view name,
                              std::uint64_t hash) {
  const std::size_t mask = slots.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const std::uint32_t id = slots[i];
    if (id == kEmpty || t.name(id) == name) return static_cast<std::uint32_t>(i);
  }
}

const std::vector<std::uint32_t>& IdTable::index() const {
  if (!lazy_) return slots_;
  std::call_once(lazy_->built, [&] { build_index(lazy_->slots); });
  return lazy_->slots;
}

void IdTable::grow() {
  std::size_t capacity = std::max<std::size_t>(64, std::bit_ceil(std::size_t{size()} * 2 + 2));
  slots_.assign(capacity, kEmpty);
  const std::size_t mask = capacity - 1;
  for (std::uint32_t id = 0; id < size(); ++id) {
    std::size_t i = hash_name(name(id)) & mask;
    while (slots_[i] != kEmpty) i = (i + 1) & mask;
    slots_[i] = id;
  }
}

std::uint32_t IdTable::intern(std::string_view name) {
  if (lazy_) {
    slots_ = index();
    lazy_.reset();
  }
  if ((std::size_t{size()} + 1) * 2 > slots_.size()) grow();
  const std::uint32_t slot = lookup(*this, slots_, name, hash_name(name));
  if (slots_[slot] != kEmpty) return slots_[slot];
  const auto id = size();
  chars_.append(name);
  offsets_.push_back(chars_.size());
  slots_[slot] = id;
  return id;
}

std::optional<std::uint32_t> IdTable::scan_for(std::string_view name) const {
  const std::uint64_t* off = offsets_.data();
  for (std::uint32_t id = 0, n = size(); id < n; ++id)
    if (off[id + 1] - off[id] == name.size() && std::memcmp(chars_.data() + off[id], name.data(), name.size()) == 0)
      return id;
  return std::nullopt;
}

std::optional<std::uint32_t> IdTable::find(std::string_view name) const {
  constexpr std::uint32_t kScansBeforeIndex = 4;
  if (lazy_ && lazy_->scans.fetch_add(1) < kScansBeforeIndex) return scan_for(name);
  const std::vector<std::uint32_t>& slots = index();
  if (slots.empty()) return std::nullopt;
  const std::uint32_t id = slots[lookup(*this, slots, name, hash_name(name))];
  if (id == kEmpty) return std::nullopt;
  return id;
}

void IdTable::append_unique(std::string_view name) {
  lazy_.reset();
  chars_.append(name);
  offsets_.push_back(chars_.size());
}

void IdTable::reindex() {
  lazy_.reset();
  build_index(slots_);
}

void IdTable::build_index(std::vector<std::uint32_t>& slots) const {
  // The names are distinct, so they can be placed in parallel: each claims
  // the first free slot on its probe path. Which slot a name lands in may vary
  // between runs; what find() answers does not.
  const std::size_t capacity = std::max<std::size_t>(64, std::bit_ceil(std::size_t{size()} * 2 + 2));
  slots.assign(capacity, kEmpty);
  const std::size_t mask = capacity - 1;
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, size(), 4096), [&](const tbb::blocked_range<std::uint32_t>& r) {
    for (std::uint32_t id = r.begin(); id != r.end(); ++id) {
      for (std::size_t i = hash_name(name(id)) & mask;; i = (i + 1) & mask) {
        std::uint32_t expected = kEmpty;
        if (std::atomic_ref<std::uint32_t>(slots[i]).compare_exchange_strong(expected, id)) break;
      }
    }
  });
}

void IdTable::assign(std::string chars, std::vector<std::uint64_t> offsets) {
  chars_ = std::move(chars);
  offsets_ = std::move(offsets);
  slots_.clear();
  lazy_ = std::make_shared<LazyIndex>();
}

std::vector<std::uint32_t> ids_from_list(const IdTable& table, const std::string& list, const std::string& option,
                                         bool distinct) {
  std::vector<std::uint32_t> ids;
  std::size_t pos = 0;
  while (pos <= list.size()) {
    std::size_t end = list.find(',', pos);
    if (end == std::string::npos) end = list.size();
    const std::string name = list.substr(pos, end - pos);
    if (name.empty()) throw UsageError(option + ": empty user id in '" + list + "'");
    const auto id = table.find(name);
    if (!id) throw UsageError(option + ": no user '" + name + "' in the network");
    if (distinct && std::find(ids.begin(), ids.end(), *id) != ids.end())
      throw UsageError(option + ": user '" + name + "' is given twice");
    ids.push_back(*id);
    pos = end + 1;
  }
  return ids;
}

}  // namespace refnet
