// Interning many names at once, in parallel, with the ids a serial IdTable
// would give: dense, in order of first appearance.
//
// The names of one batch (a block of an event log) are hashed in parallel and
// grouped by shard (the hash's top bits), each shard keeping its order of
// positions. The shards are then looked up and extended in parallel, each by
// one thread, over its own hash map: a name already known gets its id, a name
// new to this batch is noted at the position of its first occurrence. A
// prefix count over those first occurrences, in position order, numbers the
// new names exactly as a serial pass would, and the repeats take the id of
// their first occurrence. Nothing depends on the thread count or on which
// thread handles which shard; a shard's map (1/64 of the names) stays small
// enough to be cache-friendly, which is most of the gain over one big table.
#pragma once

#include <refnet/events/id_table.hpp>

#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace refnet {

class BatchInterner {
 public:
  // Interns into `table` (which keeps its names; new ones are appended).
  explicit BatchInterner(IdTable& table);
  BatchInterner(const BatchInterner&) = delete;
  BatchInterner& operator=(const BatchInterner&) = delete;
  ~BatchInterner();

  // ids[i] = the id of names[i], adding the new names to the table in order of
  // first appearance; an empty name gets kNone (0xFFFFFFFF) and is not added.
  // The views need only live during the call.
  void intern(std::span<const std::string_view> names, std::span<std::uint32_t> ids);
  // Rebuilds the table's own look-up index (IdTable::find); call once at the end.
  void finish();

  static constexpr unsigned kShardBits = 6;

 private:
  // A name of at most 8 bytes is kept in the slot itself (ids are mostly
  // short): a look-up then touches one cache line. A longer one is compared
  // with its bytes in the table (or, new in this batch, in the batch).
  struct Slot {
    std::uint64_t hash;
    std::uint64_t where;  // the bytes (size <= 8); else the offset in table.chars(), or (pending) the first position
    std::uint32_t id;     // the id; pending: the position of the first occurrence in the batch
    std::uint32_t size;   // of the name, | kPendingBit while new in this batch; 0: a free slot
  };
  struct Shard {
    std::vector<Slot> slots;  // open addressing, capacity a power of two
    std::size_t used = 0;
    std::vector<std::uint32_t> pending;  // slots of this batch's new names
  };
  std::pair<Slot*, bool> probe(Shard& shard, std::uint64_t hash, std::string_view name,
                               std::span<const std::string_view> names);
  static void grow(Shard& shard);

  IdTable& table_;
  std::vector<Shard> shards_;
};

}  // namespace refnet
