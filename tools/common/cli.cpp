#include <common/cli.hpp>

#include <refnet/error.hpp>
#include <refnet/io/file.hpp>
#include <refnet/io/text.hpp>
#include <refnet/json/network_json.hpp>
#include <refnet/version.hpp>

#include <tbb/global_control.h>
#include <tbb/info.h>

#include <unistd.h>

#include <algorithm>
#include <iostream>

namespace refnet::tools {

void Timings::start(std::string phase) {
  if (!current_.empty()) stop();
  current_ = std::move(phase);
  since_ = std::chrono::steady_clock::now();
}

void Timings::stop() {
  if (current_.empty()) return;
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - since_).count();
  done_.emplace_back(std::move(current_), s);
  current_.clear();
}

nlohmann::json Timings::to_json() const {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [phase, s] : done_) j[phase] = s;
  return j;
}

Cli::Cli(std::string tool, std::string usage, std::vector<std::string> formats)
    : tool_(std::move(tool)),
      usage_(std::move(usage)),
      formats_(std::move(formats)),
      options_("Options"),
      common_options_("Common options"),
      input_options_("Input options") {
  std::string format_help = "output format: ";
  for (std::size_t i = 0; i < formats_.size(); ++i) format_help += (i ? "|" : "") + formats_[i];
  common_options_.add_options()
      ("help,h", "show this help")
      ("version", "print the version and git commit")
      ("threads", po::value<unsigned>(&common_.threads)->default_value(0), "worker threads (0 = all cores)")
      ("seed", po::value<std::uint64_t>(&common_.seed)->default_value(1), "random seed")
      ("output,o", po::value<std::string>(&common_.output)->default_value("-"), "output file (- = stdout)")
      ("format", po::value<std::string>(&common_.format)->default_value(formats_.front()), format_help.c_str())
      ("quiet,q", po::bool_switch(&common_.quiet), "no progress or notes on stderr");
}

Cli::~Cli() = default;

void Cli::positional(const std::string& name, int max_count) { positional_.add(name.c_str(), max_count); }

void Cli::add_input_options() {
  has_input_options_ = true;
  input_options_.add_options()
      ("input-format", po::value<std::string>()->default_value("auto"),
       "auto|csv|jsonl|snap|inf|nm|higgs|cascades|snapshot (auto decides by content)")
      ("lenient", po::bool_switch(), "skip malformed rows (reporting how many and the first five) instead of failing")
      ("undirected", po::bool_switch(), "SNAP edge lists: each row is a tie both ways")
      ("attribution", po::value<std::string>()->default_value("first"), "referral attribution: first|last touch")
      ("half-life", po::value<double>()->default_value(90.0), "tie-strength half-life in days")
      ("no-decay", po::bool_switch(), "tie strength counts events instead of decaying them")
      ("at", po::value<std::string>(), "analysis time T (unix seconds or ISO-8601; default: the last event)");
}

LoadOptions Cli::load_options() const {
  LoadOptions o;
  if (!has_input_options_) return o;
  o.format = parse_input_format(vm_["input-format"].as<std::string>());
  o.lenient = vm_["lenient"].as<bool>();
  o.undirected = vm_["undirected"].as<bool>();
  const std::string attribution = vm_["attribution"].as<std::string>();
  if (attribution == "first") o.network.attribution = Attribution::kFirstTouch;
  else if (attribution == "last") o.network.attribution = Attribution::kLastTouch;
  else throw UsageError("--attribution must be 'first' or 'last', not '" + attribution + "'");
  o.network.half_life_days = vm_["half-life"].as<double>();
  o.network.decay = !vm_["no-decay"].as<bool>();
  if (vm_.count("at")) {
    const auto t = parse_timestamp(vm_["at"].as<std::string>());
    if (!t) throw UsageError("--at: bad time '" + vm_["at"].as<std::string>() + "' (unix seconds or ISO-8601)");
    o.network.analysis_time = *t;
  }
  o.network.validate();
  return o;
}

bool Cli::parse(int argc, char** argv) {
  po::options_description all;
  all.add(options_);
  if (has_input_options_) all.add(input_options_);
  all.add(common_options_);
  po::store(po::command_line_parser(argc, argv).options(all).positional(positional_).run(), vm_);
  if (vm_.count("help")) {
    std::cout << "usage: " << usage_ << "\n\n" << all << "\nExit codes: 0 success, 1 runtime failure, 2 usage error, 3 bad input.\n";
    return false;
  }
  if (vm_.count("version")) {
    std::cout << tool_ << " " << version() << " (" << git_commit() << ")\n";
    return false;
  }
  po::notify(vm_);
  if (std::find(formats_.begin(), formats_.end(), common_.format) == formats_.end()) {
    std::string list;
    for (const auto& f : formats_) list += (list.empty() ? "" : ", ") + f;
    throw UsageError("--format must be one of " + list + " for " + tool_);
  }
  // Only tools set the thread count.
  const unsigned threads = common_.threads == 0 ? static_cast<unsigned>(tbb::info::default_concurrency()) : common_.threads;
  common_.threads = threads;
  threads_control_ = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, threads);
  return true;
}

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
  nlohmann::json in = nullptr;
  if (input) {
    nlohmann::json files = nlohmann::json::array();
    for (const auto& f : input->files)
      files.push_back({{"path", f.path}, {"sha256", f.sha256}, {"format", to_string(f.format)}, {"format_reason", f.format_reason}});
    in = {{"path", input->files.size() == 1 ? nlohmann::json(input->files.front().path) : nlohmann::json(nullptr)},
          {"sha256", input->files.size() == 1 ? nlohmann::json(input->files.front().sha256) : nlohmann::json(nullptr)},
          {"files", files},
          {"n", input->network.num_users()},
          {"m", input->network.wom.num_edges()},
          {"parse", input->report}};
  }
  return {{"schema_version", 1},
          {"tool", tool_},
          {"version", std::string(version()) + "+" + std::string(git_commit())},
          {"input", in},
          {"params", std::move(params)},
          {"threads", common_.threads},
          {"seed", common_.seed},
          {"timings", timings.to_json()},
          {"result", std::move(result)}};
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
