// Typed exceptions of the library. Tools map them to exit codes:
// UsageError -> 2, InputError -> 3, anything else -> 1.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace refnet {

// A problem with what the user gave: a malformed row, a missing file, a corrupt
// snapshot. `line` and `column` are 1-based; 0 means "not applicable".
class InputError : public std::runtime_error {
 public:
  InputError(std::string file, std::uint64_t line, std::uint64_t column, const std::string& what);
  const std::string& file() const noexcept { return file_; }
  std::uint64_t line() const noexcept { return line_; }
  std::uint64_t column() const noexcept { return column_; }
  // The message without the "file:line:column: " prefix.
  const std::string& reason() const noexcept { return reason_; }

 private:
  std::string file_;
  std::uint64_t line_;
  std::uint64_t column_;
  std::string reason_;
};

// A wrong option or parameter value.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace refnet
