// Reading whole input files (gzip detected by its magic bytes, not by name),
// hashing them, and writing output files atomically.
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace refnet {

// The bytes of `path`, decompressed when they start with the gzip magic
// (concatenated gzip members are read as one stream); a leading UTF-8
// byte-order mark is dropped. Throws InputError for a
// missing file, a directory, an unreadable file, a truncated or corrupt gzip.
// `raw_sha256`, when given, receives the hex SHA-256 of the bytes on disk.
std::string read_input_file(const std::string& path, std::string* raw_sha256 = nullptr);

// Whether `data` starts with the gzip magic 1f 8b.
bool is_gzip(std::string_view data);

// Gunzips `data`; `name` is used in error messages.
std::string gunzip(std::string_view data, const std::string& name);

// Hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);
// Hex SHA-256 of a file's bytes, read in blocks.
std::string sha256_file(const std::string& path);

// Writes a file so that it appears whole or not at all: `write` fills a
// temporary file beside `path`, which is renamed over `path` only when
// `write` returns normally and every byte reached the disk.
void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write);

// 1-based line and column of byte `offset` in `data` (for error messages).
std::pair<std::uint64_t, std::uint64_t> line_and_column(std::string_view data, std::size_t offset);

}  // namespace refnet
