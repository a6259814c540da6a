// Interning table: user (or product, channel) string ids <-> dense 32-bit ids.
// Ids are given in order of first appearance. Numeric inputs (SNAP edge lists)
// can register plain integers without building strings.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace refnet {

inline constexpr std::size_t kMaxIdBytes = 256;

class IdTable {
 public:
  // Returns the dense id of `name`, adding it when new.
  std::uint32_t intern(std::string_view name);
  std::optional<std::uint32_t> find(std::string_view name) const;
  std::string_view name(std::uint32_t id) const {
    return {chars_.data() + offsets_[id], offsets_[id + 1] - offsets_[id]};
  }
  std::uint32_t size() const { return static_cast<std::uint32_t>(offsets_.size() - 1); }

  // Appends names without deduplication, for loaders that already know they are distinct.
  void append_unique(std::string_view name);
  // Rebuilds the lookup index (after append_unique or loading).
  void reindex();

  // Flat storage, for snapshots: all names concatenated, and size()+1 offsets.
  const std::string& chars() const { return chars_; }
  const std::vector<std::uint64_t>& offsets() const { return offsets_; }
  void assign(std::string chars, std::vector<std::uint64_t> offsets);

 private:
  // The index of a table filled by assign() is built by the first find(), so
  // that a command naming no user never pays for it.
  // Until then, the first few look-ups scan the names (cheaper than building
  // the index for a command that names one user).
  struct LazyIndex {
    std::once_flag built;
    std::vector<std::uint32_t> slots;
    std::atomic<std::uint32_t> scans{0};
  };
  std::optional<std::uint32_t> scan_for(std::string_view name) const;
  static std::uint32_t lookup(const IdTable& t, const std::vector<std::uint32_t>& slots, std::string_view name,
                              std::uint64_t hash);
  const std::vector<std::uint32_t>& index() const;
  void build_index(std::vector<std::uint32_t>& slots) const;
  void grow();

  std::string chars_;
  std::vector<std::uint64_t> offsets_{0};
  // Open addressing over dense ids (kEmpty when free); capacity a power of two.
  std::vector<std::uint32_t> slots_;
  std::shared_ptr<LazyIndex> lazy_;  // set by assign(); shared by copies, immutable once built
};

// "a,b,c" -> the dense ids of those names, in order. A name the table does not
// know is a UsageError naming it and `option` (nothing the user gave is dropped
// silently), and so is a name given twice when `distinct` (a set, such as seeds).
std::vector<std::uint32_t> ids_from_list(const IdTable& table, const std::string& list, const std::string& option,
                                         bool distinct = false);

}  // namespace refnet
