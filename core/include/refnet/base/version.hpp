#pragma once

#include <string_view>

namespace refnet {
std::string_view version();     // semantic version, e.g. "0.1.0"
std::string_view git_commit();  // short commit the build came from, or "unknown"
}  // namespace refnet
