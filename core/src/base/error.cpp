#include <refnet/base/error.hpp>

namespace refnet {
namespace {
std::string format_location(const std::string& file, std::uint64_t line, std::uint64_t column,
                            const std::string& what) {
  std::string out = file;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  return out + ": " + what;
}
}  // namespace

InputError::InputError(std::string file, std::uint64_t line, std::uint64_t column,
                       const std::string& what)
    : std::runtime_error(format_location(file, line, column, what)),
      file_(std::move(file)),
      line_(line),
      column_(column),
      reason_(what) {}

}  // namespace refnet
