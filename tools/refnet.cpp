// The umbrella command: `refnet <command> ...` runs the same code as `refnet-<command>`.
#include <common/commands.hpp>

#include <refnet/base/version.hpp>

#include <cstring>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  using refnet::tools::commands;
  const auto usage = [] {
    std::cerr << "usage: refnet <command> [options]   (refnet <command> --help for its options)\n\ncommands:\n";
    for (const auto& c : commands()) std::cerr << "  " << c.name << "\n";
  };
  if (argc < 2) {
    usage();
    return 2;
  }
  const std::string cmd = argv[1];
  if (cmd == "--version" || cmd == "version") {
    std::cout << "refnet " << refnet::version() << " (" << refnet::git_commit() << ")\n" << std::flush;
    if (!std::cout) {
      std::cerr << "refnet: error: cannot write standard output\n";
      return 1;
    }
    return 0;
  }
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    usage();
    return 0;
  }
  for (const auto& c : commands()) {
    if (c.name == cmd) {
      std::string name = "refnet " + cmd;
      argv[1] = name.data();
      return c.main(argc - 1, argv + 1);
    }
  }
  std::cerr << "refnet: unknown command '" << cmd << "'\n";
  usage();
  return 2;
}
