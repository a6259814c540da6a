// What a tool shows and writes: notes and progress on stderr, output to -o
// (atomically) or stdout, the envelope, and exceptions turned into exit codes.
#include <common/cli.hpp>

#include <unistd.h>

#include <algorithm>
#include <iostream>

namespace refnet::tools {

void Cli::note(const std::string& message) const {
  if (!common_.quiet) std::cerr << tool_ << ": " << message << "\n";
}

std::function<void(double)> Cli::progress(const std::string& label) const {
  if (common_.quiet || !::isatty(2)) return [](double) {};
  return [label, last = -1](double fraction) mutable {
    const int percent = static_cast<int>(std::clamp(fraction, 0.0, 1.0) * 100);
    if (percent == last) return;
    last = percent;
    const int filled = percent * 30 / 100;
    std::cerr << '\r' << label << " [" << std::string(filled, '#') << std::string(30 - filled, ' ') << "] " << percent
              << "%" << (percent == 100 ? "\n" : "") << std::flush;
  };
}

nlohmann::json Cli::envelope(const LoadedInput* input, nlohmann::json params, const Timings& timings,
                             nlohmann::json result) const {
  return make_envelope({tool_, common_.threads, common_.seed}, input, std::move(params), timings, std::move(result));
}

void Cli::write(const std::string& content) const {
  if (common_.output == "-") {
    std::cout << content;
    if (!content.empty() && content.back() != '\n') std::cout << '\n';
    std::cout.flush();
    return;
  }
  write_file_atomically(common_.output, [&](std::ostream& out) {
    out << content;
    if (!content.empty() && content.back() != '\n') out << '\n';
  });
}

void Cli::write_stream(const std::function<void(std::ostream&)>& fill) const {
  if (common_.output == "-") {
    fill(std::cout);
    std::cout.flush();
    return;
  }
  write_file_atomically(common_.output, fill);
}

int guarded_main(const std::string& tool, const std::function<int()>& body) {
  try {
    return body();
  } catch (const InputError& e) {
    std::cerr << tool << ": error: " << e.what() << "\n";
    return kExitInput;
  } catch (const UsageError& e) {
    std::cerr << tool << ": usage error: " << e.what() << " (see --help)\n";
    return kExitUsage;
  } catch (const po::error& e) {
    std::cerr << tool << ": usage error: " << e.what() << " (see --help)\n";
    return kExitUsage;
  } catch (const std::bad_alloc&) {
    std::cerr << tool << ": error: out of memory\n";
    return kExitRuntime;
  } catch (const std::exception& e) {
    std::cerr << tool << ": error: " << e.what() << "\n";
    return kExitRuntime;
  }
}

}  // namespace refnet::tools
