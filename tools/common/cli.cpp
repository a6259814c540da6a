// The command line every tool shares: the common and input options, parsing
// them (with --help and --version), and the thread count.
#include <common/cli.hpp>
#include <common/help.hpp>
#include <common/progress_bar.hpp>

#include <refnet/algo/structure/summary.hpp>
#include <refnet/base/error.hpp>
#include <refnet/base/file.hpp>
#include <refnet/base/text.hpp>
#include <refnet/base/version.hpp>
#include <refnet/parallel/cluster.hpp>

#include <tbb/global_control.h>
#include <tbb/info.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <charconv>
#include <iostream>
#include <regex>
#include <sstream>
#include <typeinfo>

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
      ("output,o", po::value<std::string>(&common_.output)->default_value("-"), "output file (- = stdout)")
      ("format", po::value<std::string>(&common_.format)->default_value(formats_.front()), format_help.c_str())
      ("quiet,q", po::bool_switch(&common_.quiet), "no progress or notes on stderr");
  if (std::find(formats_.begin(), formats_.end(), "csv") != formats_.end())
    common_options_.add_options()("bom", po::bool_switch(&common_.bom),
                                  "with --format csv: start with a UTF-8 byte-order mark (for Excel)");
}

Cli::~Cli() = default;

void Cli::positional(const std::string& name, int max_count) { positional_.add(name.c_str(), max_count); }

void Cli::add_input_options(InputUse use) {
  has_input_options_ = true;
  use_ = use;
  const bool window_end = use.window_end;
  input_options_.add_options()
      ("input-format", po::value<std::string>()->default_value("auto"),
       "auto|csv|jsonl|snap|inf|nm|higgs|cascades|gml|snapshot (auto decides by content)")
      ("lenient", po::bool_switch(), "skip malformed rows (reporting how many and the first five) instead of failing")
      ("undirected", po::bool_switch(), "SNAP edge lists: each row is a tie both ways")
      ("verify", po::bool_switch(), "snapshots: also recompute the SHA-256 of the whole content before use (as refnet check)")
      ("attribution", po::value<std::string>()->default_value("first"), "referral attribution: first|last touch")
      ("half-life", po::value<double>()->default_value(90.0), "tie-strength half-life in days")
      ("no-decay", po::bool_switch(), "tie strength counts events instead of decaying them")
      ("at", po::value<std::string>(), "analysis time T (unix seconds or ISO-8601; default: the last event); later events are left out")
      ("from", po::value<std::string>(), "only events at or after this time (a window with --to)");
  if (window_end)
    input_options_.add_options()("to", po::value<std::string>(), "only events before this time; ties decay to it (instead of --at)");
  input_options_.add_options()
      ("channel", po::value<std::string>(), "only events of these channels (comma-separated)")
      ("product", po::value<std::string>(), "only purchases of these products (comma-separated; other events stay)");
  add_mapping_options(input_options_);
}

namespace {
// Boost prints a double default through lexical_cast at full precision
// ("0.84999999999999998"); people should read the number they would type.
std::string tidy_help(const std::string& text) {
  static const std::regex number(R"(\(=(-?[0-9]+\.[0-9]{6,}(?:e[-+]?[0-9]+)?)\))");
  std::string out;
  auto last = text.cbegin();
  for (std::sregex_iterator it(text.begin(), text.end(), number), end; it != end; ++it) {
    out.append(last, (*it)[0].first);
    const double v = std::stod((*it)[1].str());
    char buf[32];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    out += "(=" + std::string(buf, res.ptr) + ")";
    last = (*it)[0].second;
  }
  out.append(last, text.cend());
  return out;
}

// An unsigned option given a negative value: Boost's lexical_cast wraps "-1"
// round to the largest value instead of refusing it.
bool unsigned_value(const boost::any& v) {
  const std::type_info& t = v.type();
  return t == typeid(unsigned) || t == typeid(unsigned long) || t == typeid(unsigned long long) ||
         t == typeid(unsigned short);
}

double time_option(const po::variables_map& vm, const char* name) {
  const std::string text = vm[name].as<std::string>();
  const auto t = parse_timestamp(text);
  if (!t) throw UsageError(std::string("--") + name + ": bad time '" + text + "' (unix seconds or ISO-8601)");
  return *t;
}

std::vector<std::string> list_option(const po::variables_map& vm, const char* name) {
  std::vector<std::string> out;
  const std::string text = vm[name].as<std::string>();
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find(',', pos);
    if (end == std::string::npos) end = text.size();
    if (end > pos) out.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  if (out.empty()) throw UsageError(std::string("--") + name + " needs at least one name");
  return out;
}
}  // namespace

LoadedInput Cli::load() const { return load(load_options()); }

LoadedInput Cli::load(const LoadOptions& options) const {
  LoadedInput in = [&] {
    const Progress::Phase load = phase("load");
    return load_input(vm_["input"].as<std::vector<std::string>>(), options, load);
  }();
  // A command that reads tie strengths says when the decay has left little of them.
  if (has_input_options_ && use_.tie_strength && options.need_wom) {
    const TieDecay d = tie_decay(in.network);
    if (d.applies && d.wom_events > 0 && d.kept_share < kMostDecayed) {
      char share[32];
      std::snprintf(share, sizeof share, "%.1f%%", 100 * d.kept_share);
      note("warning: with a half-life of " + std::to_string(static_cast<long long>(std::lround(d.half_life_days))) +
           " days to " + format_iso8601(d.analysis_time) + ", the ties keep only " + share +
           " of their events' weight: old ties count for almost nothing (a longer --half-life, or --no-decay)");
    }
  }
  return in;
}

LoadOptions Cli::load_options() const {
  LoadOptions o;
  if (!has_input_options_) return o;
  o.format = parse_input_format(vm_["input-format"].as<std::string>());
  o.lenient = vm_["lenient"].as<bool>();
  o.undirected = vm_["undirected"].as<bool>();
  o.verify = vm_["verify"].as<bool>();
  const std::string attribution = vm_["attribution"].as<std::string>();
  if (attribution == "first") o.network.attribution = Attribution::kFirstTouch;
  else if (attribution == "last") o.network.attribution = Attribution::kLastTouch;
  else throw UsageError("--attribution must be 'first' or 'last', not '" + attribution + "'");
  o.network.half_life_days = vm_["half-life"].as<double>();
  o.network.decay = !vm_["no-decay"].as<bool>();
  if (vm_.count("at")) o.network.analysis_time = time_option(vm_, "at");
  o.given.attribution = !vm_["attribution"].defaulted();
  o.given.half_life = !vm_["half-life"].defaulted();
  o.given.decay = vm_["no-decay"].as<bool>();
  o.given.at = vm_.count("at") > 0;
  if (o.given.decay && o.given.half_life) throw UsageError("--half-life has no meaning with --no-decay");
  if (vm_.count("from")) o.window.from = time_option(vm_, "from");
  if (use_.window_end && vm_.count("to")) o.window.to = time_option(vm_, "to");
  if (vm_.count("channel")) o.window.channels = list_option(vm_, "channel");
  if (vm_.count("product")) o.window.products = list_option(vm_, "product");
  if (o.given.at && use_.window_end && vm_.count("to")) throw UsageError("give --at or --to, not both (the window ends at --to)");
  // An option that changes what this command never reads is refused, not ignored.
  if (o.given.attribution && !use_.referrals)
    throw UsageError("--attribution changes who acquired whom; " + tool_ + " does not read the referral forest");
  if ((o.given.half_life || o.given.decay) && !use_.tie_strength)
    throw UsageError(std::string(o.given.decay ? "--no-decay" : "--half-life") + " changes tie strengths; " + tool_ +
                     " does not read them");
  o.network.validate();
  o.window.validate();
  o.mapping = mapping_options(vm_);
  return o;
}

bool Cli::parse(int argc, char** argv) {
  po::options_description all;
  all.add(options_);
  if (has_input_options_) all.add(input_options_);
  // --seed only where something is random: elsewhere it would be ignored.
  if (seeded_)
    common_options_.add_options()("seed", po::value<std::uint64_t>(&common_.seed)->default_value(1), "random seed");
  all.add(common_options_);
  const po::parsed_options parsed = po::command_line_parser(argc, argv).options(all).positional(positional_).run();
  po::store(parsed, vm_);
  if (vm_.count("help")) {
    std::ostringstream text;
    const std::string command = tool_.substr(tool_.find(' ') + 1);
    if (const CommandHelp* h = find_command_help(command)) text << tool_ << ": " << h->does << "\n\n";
    text << "usage: " << usage_ << "\n";
    if (const CommandHelp* h = find_command_help(command)) text << "example: " << h->example << "\n";
    text << "\n" << all << "\nExit codes: 0 success, 1 runtime failure, 2 usage error, 3 bad input.\n";
    outputs().write("-", tidy_help(text.str()));
    return false;
  }
  if (vm_.count("version")) {
    outputs().write("-", tool_ + " " + std::string(version()) + " (" + std::string(git_commit()) + ")\n");
    return false;
  }
  for (const po::option& o : parsed.options) {
    if (o.string_key.empty() || !vm_.count(o.string_key) || !unsigned_value(vm_[o.string_key].value())) continue;
    for (const std::string& value : o.value)
      if (!value.empty() && value.front() == '-')
        throw UsageError("--" + o.string_key + " must be a whole number of 0 or more, not " + value);
  }
  try {
    po::notify(vm_);
  } catch (const po::required_option& e) {
    // The positional input has a hidden option name; say what is missing instead.
    if (e.get_option_name() == "--input")
      throw UsageError("give the input to read (a snapshot or raw input files): usage: " + usage_);
    throw;
  }
  format_given_ = !vm_["format"].defaulted();
  if (common_.bom && common_.format != "csv") throw UsageError("--bom applies to --format csv only");
  if (std::find(formats_.begin(), formats_.end(), common_.format) == formats_.end()) {
    std::string list;
    for (const auto& f : formats_) list += (list.empty() ? "" : ", ") + f;
    throw UsageError("--format must be one of " + list + " for " + tool_);
  }
  // Only tools set the thread count.
  const unsigned threads = common_.threads == 0 ? static_cast<unsigned>(tbb::info::default_concurrency()) : common_.threads;
  common_.threads = threads;
  threads_control_ = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, threads);
  using Mode = ProgressBar::Mode;
  const bool speaks = !common_.quiet && Cluster::world().rank() == 0;
  sink_->set_mode(!speaks ? Mode::kSilent : ::isatty(2) ? Mode::kTerminal : Mode::kNotes, tool_);
  // Where -o points is checked now, before any work (a missing folder, a clash).
  declare_output(common_.output, "-o");
  return true;
}

}  // namespace refnet::tools
