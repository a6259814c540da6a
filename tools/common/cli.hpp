// The parts every tool shares: the common options (DESIGN.md section 7), the
// mapping from library exceptions to exit codes, the JSON envelope, and the
// run's outputs (an OutputSet: every output staged, all committed together
// when the tool's body returns 0, none left when it fails).
#pragma once

#include <refnet/base/error.hpp>
#include <refnet/base/file.hpp>
#include <refnet/base/output_set.hpp>
#include <refnet/base/progress.hpp>
#include <refnet/io/load.hpp>
#include <refnet/json/envelope.hpp>
#include <refnet/json/stream.hpp>

#include <tbb/global_control.h>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace refnet::tools {

namespace po = boost::program_options;

enum ExitCode : int { kExitOk = 0, kExitRuntime = 1, kExitUsage = 2, kExitInput = 3 };

struct CommonOptions {
  unsigned threads = 0;  // 0 = all cores
  std::uint64_t seed = 1;
  std::string output = "-";
  std::string format = "json";
  bool quiet = false;
};

class ProgressBar;

class Cli {
 public:
  // `formats`: the --format values this tool accepts, first is the default.
  Cli(std::string tool, std::string usage, std::vector<std::string> formats = {"json"});
  ~Cli();

  po::options_description& options() { return options_; }
  // Positional arguments, in order; max_count -1 means unlimited.
  void positional(const std::string& name, int max_count);
  // --input-format, --lenient and the network-building options.
  // What a command reads of a network, so that the options changing what it
  // does not read are refused rather than ignored.
  struct InputUse {
    bool referrals = true;     // the referral forest (--attribution)
    bool tie_strength = true;  // WOM tie strengths (--half-life, --no-decay)
    bool window_end = true;    // false: the tool has its own --to (export's format); a window ends with --at
  };
  void add_input_options(InputUse use);
  void add_input_options() { add_input_options(InputUse{}); }
  // The command uses no randomness: it takes no --seed.
  void deterministic() { seeded_ = false; }

  // Parses the command line. Returns false when --help or --version was
  // handled (the tool then exits 0). Throws UsageError on bad options.
  bool parse(int argc, char** argv);

  const po::variables_map& vm() const { return vm_; }
  const CommonOptions& common() const { return common_; }
  LoadOptions load_options() const;
  const std::string& tool() const { return tool_; }

  // Notes go to stderr unless --quiet.
  void note(const std::string& message) const;

  // The inputs named by the positional "input" option, read with the input
  // options, timed as the phase "load".
  LoadedInput load() const;
  // The same with options adjusted by the tool (what it needs built).
  LoadedInput load(const LoadOptions& options) const;
  // The run's progress: every phase is timed into the envelope's `timings`,
  // and its progress drawn as a bar on stderr when that is a terminal (and
  // not --quiet). Hand a phase to the library call it times:
  //   const PageRankResult r = pagerank(g, params, cli.phase("pagerank"));
  const Progress& progress() const { return progress_; }
  Progress::Phase phase(std::string_view name) const { return progress_.phase(name); }
  // f(), timed as the phase `name`: for quick steps that report no progress.
  template <class F>
  auto timed(std::string_view name, F&& f) const {
    const Progress::Phase running = phase(name);
    return f();
  }

  // The envelope of DESIGN.md section 5 around `result`, with the phases timed so far.
  nlohmann::json envelope(const LoadedInput* input, nlohmann::json params, nlohmann::json result) const;
  // Stages the output for -o (a file, replaced atomically at commit; a FIFO or
  // device, written at commit) or standard output. A newline ends `content`.
  void write(const std::string& content) const;
  void write_stream(const std::function<void(std::ostream&)>& fill) const;
  // The run's outputs (committed by guarded_main when the body returns 0).
  // Library writers that take a path get `outputs().stage(path)`.
  OutputSet& outputs() const;
  // Declares another output (`option` names it in messages, "--report"): a
  // path that another output names too is a usage error, before any work.
  void declare_output(const std::string& path, const std::string& option) const;
  // A JSON document whose large members `stream` writes in place (json/stream.hpp);
  // under --format ndjson, the envelope on one line and then one line per element
  // of each streamed array (docs/json.md#ndjson).
  void write_json(const nlohmann::json& doc, const StreamedDocument& stream) const {
    if (common_.format == "ndjson") write_stream([&](std::ostream& out) { stream.write_ndjson(out, doc); });
    else write_stream([&](std::ostream& out) { stream.write(out, doc); });
  }

 private:
  std::string tool_;
  std::string usage_;
  std::vector<std::string> formats_;
  po::options_description options_;
  po::options_description common_options_;
  po::options_description input_options_;
  po::positional_options_description positional_;
  bool has_input_options_ = false;
  InputUse use_;
  bool seeded_ = true;
  po::variables_map vm_;
  CommonOptions common_;
  std::unique_ptr<tbb::global_control> threads_control_;
  std::unique_ptr<ProgressBar> sink_;
  Progress progress_;
};

// Runs a tool body with an OutputSet for its outputs, committed when the body
// returns 0 (and discarded otherwise), then checks standard output; turns
// exceptions into messages on stderr and exit codes: UsageError and option
// errors 2, InputError 3, anything else (a failed write included) 1.
int guarded_main(const std::string& tool, const std::function<int()>& body);

}  // namespace refnet::tools
