#include <refnet/events/interner.hpp>

#include <refnet/events/event.hpp>

#include <tbb/parallel_for.h>

#include <algorithm>
#include <bit>
#include <cstring>

namespace refnet {
namespace {

constexpr std::uint32_t kPending = 0xFFFFFFFEu;     // ids[i] of a first occurrence, until numbered
constexpr std::uint32_t kPendingBit = 0x80000000u;  // Slot::size of a name new in this batch
constexpr std::size_t kInline = 8;                  // names up to this size live in their slot

std::uint64_t packed(std::string_view name) {
  std::uint64_t w = 0;
  std::memcpy(&w, name.data(), name.size());
  return w;
}
constexpr std::size_t kShards = std::size_t{1} << BatchInterner::kShardBits;
// Positions are grouped by shard a chunk at a time; the chunk size changes
// only how the work is split, never a result.
constexpr std::size_t kChunk = std::size_t{1} << 15;

std::uint64_t mix(std::uint64_t h) {
  h ^= h >> 32;
  h *= 0xd6e8feb86659fd93ull;
  h ^= h >> 32;
  h *= 0xd6e8feb86659fd93ull;
  h ^= h >> 32;
  return h;
}

// Eight bytes at a time (ids are mostly short), then a finaliser.
std::uint64_t hash_name(std::string_view s) {
  std::uint64_t h = 0x9e3779b97f4a7c15ull ^ s.size();
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = mix(h ^ w);
  }
  if (i < s.size()) {
    std::uint64_t w = 0;
    std::memcpy(&w, s.data() + i, s.size() - i);
    h = mix(h ^ w ^ (std::uint64_t{1} << 63));
  }
  return mix(h);
}

std::size_t shard_of(std::uint64_t hash) { return static_cast<std::size_t>(hash >> (64 - BatchInterner::kShardBits)); }

}  // namespace

BatchInterner::BatchInterner(IdTable& table) : table_(table), shards_(kShards) {
  for (std::uint32_t id = 0; id < table_.size(); ++id) {
    const std::string_view name = table_.name(id);
    if (name.empty()) continue;  // never looked up: an empty name is no name (kNone)
    const std::uint64_t h = hash_name(name);
    Slot* slot = probe(shards_[shard_of(h)], h, name, {}).first;
    slot->id = id;
    slot->size &= ~kPendingBit;
    if (name.size() > kInline) slot->where = table_.offsets()[id];
  }
  for (Shard& shard : shards_) shard.pending.clear();
}

BatchInterner::~BatchInterner() = default;

void BatchInterner::grow(Shard& shard) {
  const std::size_t capacity = std::max<std::size_t>(64, shard.slots.size() * 2);
  std::vector<Slot> old(capacity, Slot{0, 0, 0, 0});
  old.swap(shard.slots);
  const std::size_t mask = capacity - 1;
  shard.pending.clear();
  for (const Slot& s : old) {
    if (s.size == 0) continue;
    std::size_t i = s.hash & mask;
    while (shard.slots[i].size != 0) i = (i + 1) & mask;
    shard.slots[i] = s;
    if (s.size & kPendingBit) shard.pending.push_back(static_cast<std::uint32_t>(i));
  }
}

// The slot of `name` in `shard`: its own, or a free one claimed for it
// (pending; the caller sets its first position). Pending names longer than
// kInline compare against names[first].
std::pair<BatchInterner::Slot*, bool> BatchInterner::probe(Shard& shard, std::uint64_t hash, std::string_view name,
                                                           std::span<const std::string_view> names) {
  if ((shard.used + 1) * 2 > shard.slots.size()) grow(shard);
  const std::size_t mask = shard.slots.size() - 1;
  const auto size = static_cast<std::uint32_t>(name.size());
  const bool inline_name = name.size() <= kInline;
  const std::uint64_t bytes = inline_name ? packed(name) : 0;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& s = shard.slots[i];
    if (s.size == 0) {
      s = Slot{hash, bytes, 0, size | kPendingBit};
      ++shard.used;
      shard.pending.push_back(static_cast<std::uint32_t>(i));
      return {&s, true};
    }
    if (s.hash != hash || (s.size & ~kPendingBit) != size) continue;
    if (inline_name) {
      if (s.where == bytes) return {&s, false};
      continue;
    }
    const char* known = (s.size & kPendingBit) ? names[s.where].data() : table_.chars().data() + s.where;
    if (std::memcmp(known, name.data(), name.size()) == 0) return {&s, false};
  }
}

void BatchInterner::intern(std::span<const std::string_view> names, std::span<std::uint32_t> ids) {
  const std::size_t n = names.size();
  const std::size_t chunks = (n + kChunk - 1) / kChunk;
  std::vector<std::uint64_t> hashes(n);
  // counts[c * kShards + s]: positions of chunk c in shard s.
  std::vector<std::uint32_t> counts(chunks * kShards, 0);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    std::uint32_t* count = counts.data() + c * kShards;
    for (std::size_t i = c * kChunk, end = std::min(n, i + kChunk); i < end; ++i) {
      if (names[i].empty()) continue;
      hashes[i] = hash_name(names[i]);
      ++count[shard_of(hashes[i])];
    }
  });
  // Where each (shard, chunk) group starts in `order`: shard-major, chunk order within.
  std::vector<std::size_t> starts(chunks * kShards);
  std::vector<std::size_t> shard_begin(kShards + 1, 0);
  std::size_t at = 0;
  for (std::size_t s = 0; s < kShards; ++s) {
    shard_begin[s] = at;
    for (std::size_t c = 0; c < chunks; ++c) {
      starts[c * kShards + s] = at;
      at += counts[c * kShards + s];
    }
  }
  shard_begin[kShards] = at;
  std::vector<std::uint32_t> order(at);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    std::size_t* start = starts.data() + c * kShards;
    for (std::size_t i = c * kChunk, end = std::min(n, i + kChunk); i < end; ++i)
      if (!names[i].empty()) order[start[shard_of(hashes[i])]++] = static_cast<std::uint32_t>(i);
  });

  // Each shard in position order: a known name's id; a new name's first
  // occurrence is marked (ids[i] = kPending), a repeat points at it.
  std::vector<std::uint8_t> repeat(n, 0);
  tbb::parallel_for(std::size_t{0}, kShards, [&](std::size_t s) {
    Shard& shard = shards_[s];
    shard.pending.clear();
    for (std::size_t k = shard_begin[s]; k < shard_begin[s + 1]; ++k) {
      const std::uint32_t i = order[k];
      const auto [slot, inserted] = probe(shard, hashes[i], names[i], names);
      if (inserted) {
        slot->id = i;
        if (names[i].size() > kInline) slot->where = i;
        ids[i] = kPending;
      } else if (slot->size & kPendingBit) {
        ids[i] = slot->id;  // the first occurrence's position
        repeat[i] = 1;
      } else {
        ids[i] = slot->id;
      }
    }
  });
  for (std::size_t i = 0; i < n; ++i)
    if (names[i].empty()) ids[i] = kNone;

  // Number the first occurrences in position order (a prefix count by chunk).
  std::vector<std::uint32_t> firsts(chunks, 0);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    for (std::size_t i = c * kChunk, end = std::min(n, i + kChunk); i < end; ++i)
      firsts[c] += !names[i].empty() && !repeat[i] && ids[i] == kPending;
  });
  std::vector<std::uint32_t> next(chunks);
  std::uint32_t id = table_.size();
  for (std::size_t c = 0; c < chunks; ++c) {
    next[c] = id;
    id += firsts[c];
  }
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    std::uint32_t next_id = next[c];
    for (std::size_t i = c * kChunk, end = std::min(n, i + kChunk); i < end; ++i)
      if (!names[i].empty() && !repeat[i] && ids[i] == kPending) ids[i] = next_id++;
  });
  // The repeats and the shards' slots take the ids of the first occurrences.
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    for (std::size_t i = c * kChunk, end = std::min(n, i + kChunk); i < end; ++i)
      if (repeat[i]) ids[i] = ids[ids[i]];
  });
  // The new names join the table in id order.
  for (std::size_t i = 0; i < n; ++i)
    if (!names[i].empty() && !repeat[i] && ids[i] >= table_.size()) table_.append_unique(names[i]);
  tbb::parallel_for(std::size_t{0}, kShards, [&](std::size_t s) {
    Shard& shard = shards_[s];
    for (const std::uint32_t k : shard.pending) {
      Slot& slot = shard.slots[k];
      slot.id = ids[slot.id];
      slot.size &= ~kPendingBit;
      if (slot.size > kInline) slot.where = table_.offsets()[slot.id];
    }
    shard.pending.clear();
  });
}

void BatchInterner::finish() { table_.reindex(); }

}  // namespace refnet
