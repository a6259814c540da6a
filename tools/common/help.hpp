// What each command does, in one line, with an example: shown by `refnet help`
// and at the top of `refnet COMMAND --help`.
#pragma once

#include <string_view>
#include <vector>

namespace refnet::tools {

struct CommandHelp {
  std::string_view name;     // "reach"
  std::string_view does;     // one plain sentence
  std::string_view example;  // a command line that works on the demo data
};

// Every command of DESIGN.md section 7, in the order `refnet help` lists them.
const std::vector<CommandHelp>& command_help();
// The entry of `name` ("reach"), or nullptr.
const CommandHelp* find_command_help(std::string_view name);

}  // namespace refnet::tools
