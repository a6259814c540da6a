// Reading whole (small) input files, hashing, and writing one output file
// atomically. Inputs of any size are read as streams (base/input_stream.hpp);
// the outputs of a command are committed together (base/output_set.hpp).
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace refnet {

// The bytes of `path` ("-": standard input), read once as an InputStream:
// decompressed when they start with the gzip magic (concatenated gzip members
// are read as one stream); a leading UTF-8 byte-order mark is dropped. Throws
// InputError for a missing file, a directory, an unreadable file, a truncated
// or corrupt gzip. Holds the whole text: for small side files only.
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

// Writes one output as an OutputSet of its own (base/output_set.hpp): a
// regular file (or a symbolic link's final target) appears whole or not at
// all, through a temporary file beside it renamed when `write` returns
// normally and every write succeeded; a FIFO or device is written, never
// replaced. A path handed out by OutputSet::stage is already private and is
// written in place, so library writers can be given staged paths.
void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write);

// 1-based line and column of byte `offset` in `data` (for error messages).
std::pair<std::uint64_t, std::uint64_t> line_and_column(std::string_view data, std::size_t offset);

}  // namespace refnet
