// The binary snapshot of a built network: `refnet build -o NET.refnet` writes
// it, every command opens it without re-parsing (docs/snapshot.md).
//
// Layout (format version 2, little-endian): a 64-byte preamble (magic
// "REFNET\x1a\n", u32 version, u32 section count, u64 file size, u64 checksum of
// the section table, the SHA-256 of every byte after the preamble), the section
// table (per section: u32 tag, u32 element size, u64 element count, u64 file
// offset, u64 checksum of its bytes), then the sections, each at an offset that
// is a multiple of 64, so that the file is memory-mapped and its arrays are used
// in place: the word-of-mouth graph views the mapping (Graph::view), the other
// arrays are copied out of it.
//
// Opening checks, before anything reads the network: the preamble, the table
// (its checksum, every section inside the file, of the expected tag and element
// size, sizes that agree), then every section's checksum and its structure
// (monotone CSR rows ending at the edge count, every column, in-edge index,
// parent, cascade member and event field in range, finite weights and times, an
// acyclic referral forest, valid UTF-8 names), in one parallel pass that reads
// each byte once. A failure is an InputError naming the section. The SHA-256 is
// checked too with `verify` (`--verify`, `refnet check`); `check_snapshot` adds
// the checks that need random access (the in-edge index is exactly the
// transpose of the out-rows, names are distinct).
#pragma once

#include <refnet/events/network.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace refnet {

inline constexpr std::uint32_t kSnapshotVersion = 2;

// Whether `data` starts with the snapshot magic.
bool is_snapshot(std::string_view data);

void save_snapshot(const Network& net, const std::string& path);

struct SnapshotLoadOptions {
  bool verify = false;  // also recompute the SHA-256 of the content
};

struct SnapshotSectionInfo {
  std::string name;
  std::uint32_t element_size = 0;
  std::uint64_t count = 0;
  std::uint64_t offset = 0;  // in the file
  std::uint64_t checksum = 0;
};

// What a snapshot says about itself.
struct SnapshotFileInfo {
  std::uint32_t version = 0;
  std::uint64_t file_size = 0;
  // Hex SHA-256 of the file's bytes after the 64-byte preamble, as recorded by
  // `refnet build` (recomputed and compared when verifying). It identifies the
  // content: `tail -c +65 NET.refnet | sha256sum` prints it.
  std::string content_sha256;
  bool sha256_verified = false;
  std::vector<SnapshotSectionInfo> sections;
};

// Throws InputError for a file that is not a snapshot, a version this build
// cannot read (with a "rebuild" message), a checksum mismatch or a structural
// fault (naming the section).
Network load_snapshot(const std::string& path, const SnapshotLoadOptions& options = {},
                      SnapshotFileInfo* info = nullptr);

// Full verification (`refnet check`): everything load_snapshot checks with
// `verify`, plus that the in-edge index is exactly the transpose of the
// out-rows and that the names of each id table are distinct.
// `network`, when given, receives the network it loaded.
SnapshotFileInfo check_snapshot(const std::string& path, Network* network = nullptr);

// 64-bit hash of a byte range (the section checksum), parallel over 256 KiB
// blocks; the value does not depend on the thread count.
std::uint64_t checksum64(const void* data, std::size_t bytes);

// For tests and fuzzers, which craft snapshots whose checksums hold: the
// sections of a snapshot image held in memory, and the resealing of an edited
// image (every section checksum, the table checksum and the SHA-256
// recomputed from its bytes). Both throw InputError for an image whose
// preamble or table cannot be read.
std::vector<SnapshotSectionInfo> snapshot_sections(std::string_view image);
void reseal_snapshot(std::string& image);

}  // namespace refnet
