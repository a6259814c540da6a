// The umbrella command: `refnet <command> ...` runs the same code as `refnet-<command>`.
#include <common/commands.hpp>
#include <common/help.hpp>

#include <refnet/base/version.hpp>

#include <cstring>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  using refnet::tools::commands;
  const auto usage = [](std::ostream& out) {
    out << "usage: refnet <command> [options]   (refnet <command> --help for its options and an example)\n\ncommands:\n";
    for (const auto& c : commands()) {
      const auto* h = refnet::tools::find_command_help(c.name);
      out << "  " << c.name << std::string(c.name.size() < 12 ? 12 - c.name.size() : 1, ' ')
          << (h ? h->does : std::string_view()) << "\n";
    }
    out << "\nexample:\n  refnet gen --users 2000 -o events.csv.gz\n  refnet build events.csv.gz -o shop.refnet\n"
           "  refnet analyze shop.refnet --format table\n";
  };
  if (argc < 2) {
    usage(std::cerr);
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
    // `refnet help COMMAND` is `refnet COMMAND --help`.
    if (argc >= 3) {
      for (const auto& c : commands()) {
        if (c.name != argv[2]) continue;
        std::string name = "refnet " + std::string(c.name);
        char help_flag[] = "--help";
        char* args[] = {name.data(), help_flag, nullptr};
        return c.main(2, args);
      }
    }
    usage(std::cout);
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
  usage(std::cerr);
  return 2;
}
