// The command line every tool shares: the common and input options, parsing
// them (with --help and --version), and the thread count.
#include <common/cli.hpp>
#include <common/progress_bar.hpp>

#include <refnet/base/error.hpp>
#include <refnet/base/file.hpp>
#include <refnet/base/text.hpp>
#include <refnet/base/version.hpp>
#include <refnet/parallel/cluster.hpp>

#include <tbb/global_control.h>
#include <tbb/info.h>

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <sstream>

namespace refnet::tools {

namespace {
// The options of event tables from elsewhere (io/event_mapping.hpp): the
// loader refuses each where it cannot apply.
void add_mapping_options(po::options_description& options) {
  options.add_options()
      ("columns", po::value<std::string>(), "source column of each field: type=event_type,src=user_id,dst=...,ts=...")
      ("types", po::value<std::string>(), "source event types as refnet types, or ignored: invite=referral,view=ignore")
      ("mapping", po::value<std::string>(), "a file of mapping settings, one per line (columns, types, ts-unit, ...)")
      ("ts-unit", po::value<std::string>(), "unit of numeric timestamps: s|ms|us (default s)")
      ("timezone", po::value<std::string>(), "zone of timestamps without an offset, such as Europe/Berlin (default UTC)")
      ("trim-ids", po::value<std::string>()->implicit_value("yes"),
       "yes: trim spaces around ids (the default, which warns when it merged two spellings); no: keep ids as written")
      ("delimiter", po::value<std::string>(), "CSV field delimiter: one character or tab (default: tab if the header has one, else comma)")
      ("quote", po::value<std::string>(), "CSV quote character (default \"), or none")
      ("query", po::value<std::string>(), "SQLite and PostgreSQL inputs: the SQL that returns the event rows")
      ("table", po::value<std::string>(), "SQLite and PostgreSQL inputs: read every row of this table");
}

EventMapping mapping_options(const po::variables_map& vm) {
  EventMapping m;
  if (vm.count("mapping")) read_mapping_file(vm["mapping"].as<std::string>(), m);
  auto text = [&](const char* name) { return vm[name].as<std::string>(); };
  if (vm.count("columns")) parse_columns_setting(text("columns"), "--columns", m);
  if (vm.count("types")) parse_types_setting(text("types"), "--types", m);
  if (vm.count("ts-unit")) m.ts_unit = parse_ts_unit(text("ts-unit"), "--ts-unit"), m.given.ts_unit = true;
  if (vm.count("timezone")) m.timezone = TimeZone::named(text("timezone")), m.given.timezone = true;
  if (vm.count("trim-ids")) m.trim_ids = parse_trim_ids(text("trim-ids"), "--trim-ids"), m.given.trim_ids = true;
  if (vm.count("delimiter")) m.delimiter = parse_delimiter(text("delimiter"), "--delimiter"), m.given.delimiter = true;
  if (vm.count("quote")) m.quote = parse_quote(text("quote"), "--quote"), m.given.quote = true;
  if (vm.count("query") && vm.count("table")) throw UsageError("give --query or --table, not both");
  if (vm.count("query")) {
    m.query = text("query");
    m.given.query = true;
    if (trim(m.query).empty()) throw UsageError("--query is empty");
  }
  if (vm.count("table")) {
    m.table = text("table");
    m.given.table = true;
    if (m.table.empty()) throw UsageError("--table needs a table name");
  }
  if (m.delimiter != 0 && m.delimiter == m.quote) throw UsageError("--delimiter and --quote must differ");
  return m;
}
}  // namespace

Cli::Cli(std::string tool, std::string usage, std::vector<std::string> formats)
    : tool_(std::move(tool)),
      usage_(std::move(usage)),
      formats_(std::move(formats)),
      options_("Options"),
      common_options_("Common options"),
      input_options_("Input options"),
      sink_(std::make_unique<ProgressBar>()),
      progress_(sink_.get()) {
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
       "auto|csv|jsonl|snap|inf|nm|higgs|cascades|gml|snapshot (auto decides by content)")
      ("lenient", po::bool_switch(), "skip malformed rows (reporting how many and the first five) instead of failing")
      ("undirected", po::bool_switch(), "SNAP edge lists: each row is a tie both ways")
      ("attribution", po::value<std::string>()->default_value("first"), "referral attribution: first|last touch")
      ("half-life", po::value<double>()->default_value(90.0), "tie-strength half-life in days")
      ("no-decay", po::bool_switch(), "tie strength counts events instead of decaying them")
      ("at", po::value<std::string>(), "analysis time T (unix seconds or ISO-8601; default: the last event)");
  add_mapping_options(input_options_);
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
  o.mapping = mapping_options(vm_);
  return o;
}

bool Cli::parse(int argc, char** argv) {
  po::options_description all;
  all.add(options_);
  if (has_input_options_) all.add(input_options_);
  all.add(common_options_);
  po::store(po::command_line_parser(argc, argv).options(all).positional(positional_).run(), vm_);
  if (vm_.count("help")) {
    std::ostringstream help;
    help << "usage: " << usage_ << "\n\n" << all << "\nExit codes: 0 success, 1 runtime failure, 2 usage error, 3 bad input.\n";
    outputs().write("-", help.str());
    return false;
  }
  if (vm_.count("version")) {
    outputs().write("-", tool_ + " " + std::string(version()) + " (" + std::string(git_commit()) + ")\n");
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
  sink_->set_bar(!common_.quiet && ::isatty(2) && Cluster::world().rank() == 0);
  // Where -o points is checked now, before any work (a missing folder, a clash).
  declare_output(common_.output, "-o");
  return true;
}

}  // namespace refnet::tools
