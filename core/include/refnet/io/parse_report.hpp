// What a parser tells about the rows it read: counts, skipped rows (with
// --lenient) and warnings such as ignored columns.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace refnet {

struct ParseReport {
  std::uint64_t rows = 0;       // data rows accepted
  std::uint64_t lines = 0;      // data lines read (not blank, not comments), accepted or not
  std::uint64_t skipped = 0;    // malformed rows skipped under --lenient
  std::vector<std::string> first_skipped;  // "file:line:column: reason", at most 5
  std::vector<std::string> warnings;
  std::map<std::string, std::uint64_t> ignored_types;  // rows of source types mapped to `ignore` (--types), by type

  static constexpr std::size_t kMaxExamples = 5;
  void merge(const ParseReport& other);
};

}  // namespace refnet
