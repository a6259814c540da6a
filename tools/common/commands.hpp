#pragma once

#include <string_view>
#include <vector>

namespace refnet::tools {
struct Command {
  std::string_view name;
  int (*main)(int argc, char** argv);
};
const std::vector<Command>& commands();
}  // namespace refnet::tools
