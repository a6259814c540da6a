// The binary snapshot of a built network: `refnet build -o NET.refnet` writes
// it, every command loads it without re-parsing.
//
// Layout (little-endian): an 8-byte magic "REFNET\x1a\n", a u32 format
// version, a u32 section count, a u64 checksum of all section bytes, then
// sections, each a u32 tag, a u32 element size, a u64 element count and the
// raw elements, so that loading is a few large reads. The checksum is a 64-bit multiply-xor hash computed over 1 MiB
// blocks in parallel; a mismatch means a corrupt or truncated file.
#pragma once

#include <refnet/events/network.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace refnet {

inline constexpr std::uint32_t kSnapshotVersion = 1;

// Whether `data` starts with the snapshot magic.
bool is_snapshot(std::string_view data);

void save_snapshot(const Network& net, const std::string& path);
// Throws InputError for a file that is not a snapshot, a version this build
// cannot read, or a checksum mismatch.
Network load_snapshot(const std::string& path);

// 64-bit hash of a byte range (the snapshot checksum), parallel over blocks.
std::uint64_t checksum64(const void* data, std::size_t bytes);

}  // namespace refnet
