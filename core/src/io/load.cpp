#include <refnet/io/load.hpp>

#include <refnet/base/error.hpp>
#include <refnet/io/detect.hpp>
#include <refnet/io/event_parser.hpp>
#include <refnet/base/file.hpp>
#include <refnet/base/input_stream.hpp>
#include <refnet/io/gml.hpp>
#include <refnet/io/graph_parser.hpp>
#include <refnet/io/snapshot.hpp>
#include <refnet/io/sql_input.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <future>
#include <optional>

namespace refnet {

namespace {
constexpr std::pair<InputFormat, std::string_view> kFormatNames[] = {
    {InputFormat::kAuto, "auto"},     {InputFormat::kEventsCsv, "csv"}, {InputFormat::kEventsJsonl, "jsonl"},
    {InputFormat::kSnap, "snap"},     {InputFormat::kInf, "inf"},       {InputFormat::kNmHeader, "nm"},
    {InputFormat::kHiggs, "higgs"},   {InputFormat::kCascades, "cascades"}, {InputFormat::kSnapshot, "snapshot"},
    {InputFormat::kGml, "gml"},       {InputFormat::kSqlite, "sqlite"}, {InputFormat::kPostgres, "postgresql"}};

// The prefix that format detection looks at.
constexpr std::size_t kDetectBytes = std::size_t{1} << 20;

// A snapshot is loaded by path. One that arrives through a pipe or gzip is
// first copied (decompressed) to a temporary file, which is loaded instead.
Network load_snapshot_stream(InputStream& in, InputFileInfo& file, const SnapshotLoadOptions& options) {
  // A snapshot records the SHA-256 of its content (docs/snapshot.md); --verify recomputes it.
  SnapshotFileInfo snapshot;
  if (in.reopenable()) {
    Network net = load_snapshot(in.path(), options, &snapshot);
    file.sha256 = snapshot.content_sha256;
    return net;
  }
  const char* tmpdir = std::getenv("TMPDIR");
  std::string temp = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/refnet-snapshot-XXXXXX";
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) throw std::runtime_error("cannot create a temporary file for the snapshot: " + std::string(std::strerror(errno)));
  struct Remove {
    const std::string& path;
    ~Remove() { ::unlink(path.c_str()); }
  } remove{temp};
  {
    std::vector<char> buf(std::size_t{1} << 20);
    std::size_t n;
    int error = 0;
    while (!error && (n = in.read(buf.data(), buf.size())) > 0) {
      for (std::size_t done = 0; done < n;) {
        const ssize_t w = ::write(fd, buf.data() + done, n - done);
        if (w < 0 && errno == EINTR) continue;
        if (w < 0) {
          error = errno;
          break;
        }
        done += static_cast<std::size_t>(w);
      }
    }
    if (::close(fd) != 0 && !error) error = errno;
    if (error) throw std::runtime_error("cannot write a temporary copy of the snapshot: " + std::string(std::strerror(error)));
  }
  try {
    Network net = load_snapshot(temp, options, &snapshot);
    file.sha256 = snapshot.content_sha256;
    return net;
  } catch (const InputError& e) {
    throw InputError(in.name(), e.line(), e.column(), e.reason());  // named as the user named it
  }
}

Network network_from_edges(EdgeListInput in, const NetworkParams& params) {
  TieContributions ties;
  ties.edges = std::move(in.edges);
  if (!in.weights.empty()) {  // without weights every row counts 1
    ties.strength.resize(in.weights.size());
    for (std::size_t i = 0; i < in.weights.size(); ++i) ties.strength[i] = std::fabs(in.weights[i]);
    ties.polarity = std::move(in.weights);
  }
  ties.time = std::move(in.times);
  Network net;
  net.info.kind = InputKind::kGraph;
  net.info.params = params;
  net.info.weight_meaning = in.weight_meaning == WeightMeaning::kProbability ? "probability"
                            : in.weight_meaning == WeightMeaning::kWeight    ? "weight"
                                                                             : "count";
  const VertexId n = in.ids.size();
  net.wom = build_ties(n, std::move(ties), in.weight_meaning == WeightMeaning::kProbability ? Combine::kProbability : Combine::kSum,
                       net.info.self_ties_ignored, net.info.parallel_edges_merged);
  if (!net.wom.times().empty()) {
    double last = 0;
    for (double t : net.wom.times()) last = std::max(last, t);
    net.info.analysis_time = last;
  }
  net.log.users = std::move(in.ids);
  net.referral.clear(n);
  return net;
}

// The detection reason without its "may be an 'n m' header" clause, once decided.
std::string snap_reason_without_candidate(const std::string& reason) {
  const std::size_t at = reason.find("; line ");
  return at != std::string::npos && reason.find("may be an 'n m' header", at) != std::string::npos ? reason.substr(0, at)
                                                                                                    : reason;
}

// Time, attribution and tie-model options apply to event logs only.
[[noreturn]] void refuse_event_options(const LoadOptions& o) {
  const NetworkOptionsGiven& g = o.given;
  const EventWindow& w = o.window;
  const char* option = g.at ? "--at" : g.half_life ? "--half-life" : g.decay ? "--no-decay" : g.attribution ? "--attribution"
                       : !std::isnan(w.from) ? "--from" : !std::isnan(w.to) ? "--to" : !w.channels.empty() ? "--channel"
                                                                                                            : "--product";
  throw UsageError(std::string(option) +
                   " applies to event logs only: this input is a graph or cascade file, whose ties are given as they are");
}

// A snapshot's networks as the options ask: as stored when nothing is asked
// that differs from how it was built, otherwise rebuilt from its events.
Network as_asked(Network stored, const LoadOptions& o) {
  if (!o.given.any() && !o.window.active()) return stored;
  if (stored.info.kind != InputKind::kEvents) refuse_event_options(o);
  const NetworkParams p = asked_params(stored.info.params, o);
  if (p.same_tie_model(stored.info.params) && !o.given.at && !o.window.active()) return stored;
  if (stored.info.windowed)
    throw UsageError("this snapshot was built over a window of its events; rebuild it from the raw log to ask for another");
  return build_network_over(stored.log, p, o.window, o.need_wom);
}

// The mapping options apply to event tables only, the dialect to CSV, the
// query to databases: one given where it cannot apply is refused, not ignored.
void refuse_mapping_options(const EventMapping& m, InputFormat format, const std::string& name) {
  const bool table = format == InputFormat::kEventsCsv || format == InputFormat::kEventsJsonl ||
                     format == InputFormat::kSqlite || format == InputFormat::kPostgres;
  const std::string as = name + " is read as " + std::string(to_string(format));
  if (!table && m.given_event_option())
    throw UsageError(std::string(m.given_event_option()) + " maps the columns and values of event tables (CSV, JSON Lines, SQLite, PostgreSQL); " + as);
  if (format != InputFormat::kEventsCsv && m.given_csv_option())
    throw UsageError(std::string(m.given_csv_option()) + " applies to CSV event logs; " + as);
  const bool database = format == InputFormat::kSqlite || format == InputFormat::kPostgres;
  if (!database && m.given_sql_option())
    throw UsageError(std::string(m.given_sql_option()) + " applies to SQLite and PostgreSQL inputs; " + as);
  if (database && !m.given_sql_option())
    throw UsageError(name + " is a " + (format == InputFormat::kSqlite ? "SQLite database" : "PostgreSQL server") +
                     ": say what to read with --query \"SELECT ...\" or --table NAME");
}

// An input given on the command line: a stream, or a database URI (read by libpq, not as a file).
struct Source {
  std::optional<InputStream> stream;
  std::string uri;
};

LoadedInput load_sources(std::vector<Source> inputs, const LoadOptions& options, const Progress& progress);

}  // namespace

NetworkParams asked_params(const NetworkParams& stored, const LoadOptions& o) {
  NetworkParams p = stored;
  if (o.given.attribution) p.attribution = o.network.attribution;
  if (o.given.half_life) p.half_life_days = o.network.half_life_days;
  if (o.given.decay) p.decay = o.network.decay;
  if (o.given.at) p.analysis_time = o.network.analysis_time;
  return p;
}

std::string_view to_string(InputFormat f) {
  for (const auto& [format, name] : kFormatNames)
    if (format == f) return name;
  return "unknown";
}

InputFormat parse_input_format(std::string_view s) {
  for (const auto& [format, name] : kFormatNames)
    if (name == s) return format;
  std::string list;
  for (const auto& [format, name] : kFormatNames) list += (list.empty() ? "" : ", ") + std::string(name);
  throw UsageError("unknown --input-format '" + std::string(s) + "' (expected one of " + list + ")");
}

LoadedInput load_input(const std::vector<std::string>& paths, const LoadOptions& options, const Progress& progress) {
  if (paths.empty()) throw UsageError("no input given");
  options.network.validate();
  if (std::count(paths.begin(), paths.end(), std::string("-")) > 1)
    throw UsageError("standard input ('-') given more than once: it can be read only once");
  // All opened first: a missing second file is reported before the first is parsed.
  std::vector<Source> inputs(paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) {
    if (is_postgres_uri(paths[i])) inputs[i].uri = paths[i];
    else inputs[i].stream.emplace(paths[i]);
  }
  return load_sources(std::move(inputs), options, progress);
}

LoadedInput load_streams(std::vector<InputStream> streams, const LoadOptions& options, const Progress& progress) {
  std::vector<Source> inputs(streams.size());
  for (std::size_t i = 0; i < streams.size(); ++i) inputs[i].stream.emplace(std::move(streams[i]));
  return load_sources(std::move(inputs), options, progress);
}

namespace {
LoadedInput load_sources(std::vector<Source> inputs, const LoadOptions& options, const Progress& progress) {
  if (inputs.empty()) throw UsageError("no input given");
  options.network.validate();
  LoadedInput loaded;
  const ParseOptions parse_options{options.lenient, options.block_bytes};

  EventLog events;
  bool have_events = false;
  std::optional<EdgeListInput> graph;
  std::optional<CascadeInput> cascades;
  for (Source& source : inputs) {
    if (!source.stream) {
      // A PostgreSQL server: no bytes to detect or hash; recorded without its password.
      InputFileInfo file{redact_connection_string(source.uri), "", InputFormat::kPostgres, "a postgresql:// URI", ""};
      if (options.verify)
        throw UsageError("--verify checks a snapshot's SHA-256; " + file.path + " is a PostgreSQL server, not a snapshot");
      refuse_mapping_options(options.mapping, file.format, file.path);
      file.query = options.mapping.sql();
      ParseReport report;
      EventLog log = read_postgres(source.uri, options.mapping, parse_options, report, &file.sha256, progress);
      if (!have_events) events = std::move(log);
      else events.merge(log);
      have_events = true;
      loaded.report.merge(report);
      loaded.files.push_back(std::move(file));
      continue;
    }
    InputStream& in = *source.stream;
    const std::string& path = in.path();
    // Read once: detection looks at a prefix of the stream the parser then reads on.
    InputFileInfo file{path, "", options.format, "given by --input-format", ""};
    const std::string_view prefix = in.peek(kDetectBytes);
    const bool whole = prefix.size() < kDetectBytes;
    const bool snapshot = options.format == InputFormat::kSnapshot ||
                          (options.format == InputFormat::kAuto && is_snapshot(prefix));
    if (snapshot) {
      // A snapshot stands alone.
      if (inputs.size() > 1) throw UsageError("a snapshot is loaded alone; give one snapshot or raw inputs (" + path + ")");
      if (options.lenient) throw UsageError("--lenient skips malformed rows of raw inputs; a snapshot has no rows to skip");
      if (options.undirected) throw UsageError("--undirected reads SNAP edge lists both ways; give it when building the snapshot");
      if (const char* o = options.mapping.given_event_option() ? options.mapping.given_event_option()
                          : options.mapping.given_csv_option() ? options.mapping.given_csv_option()
                                                               : options.mapping.given_sql_option())
        throw UsageError(std::string(o) + " applies to raw event tables; " + path +
                         " is a snapshot, whose events were mapped when it was built");
      file.format = InputFormat::kSnapshot;
      file.format_reason = options.format == InputFormat::kSnapshot ? "given by --input-format" : "refnet snapshot (magic bytes)";
      loaded.network = as_asked(load_snapshot_stream(in, file, {.verify = options.verify}), options);
      loaded.files.push_back(file);
      return loaded;
    }
    if (options.verify)
      throw UsageError("--verify checks a snapshot's SHA-256; " + path +
                       " is not a snapshot (a raw input is parsed and checked row by row anyway)");
    if (prefix.empty()) throw InputError(in.name(), 0, 0, "empty file");
    if (options.format == InputFormat::kSqlite || (options.format == InputFormat::kAuto && is_sqlite(prefix))) {
      file.format = InputFormat::kSqlite;
      if (options.format == InputFormat::kAuto) file.format_reason = "SQLite database (file header)";
      refuse_mapping_options(options.mapping, file.format, in.name());
      // SQLite reads its file itself, by path: not through a pipe or gzip.
      if (!in.reopenable())
        throw InputError(in.name(), 0, 0, "a SQLite database is read from a regular, uncompressed file, not a pipe or gzip");
      file.query = options.mapping.sql();
      ParseReport report;
      EventLog log = read_sqlite(in.path(), in.name(), options.mapping, parse_options, report, progress);
      if (!have_events) events = std::move(log);
      else events.merge(log);
      have_events = true;
      file.sha256 = in.sha256();
      loaded.report.merge(report);
      loaded.files.push_back(std::move(file));
      continue;
    }
    if (options.format == InputFormat::kPostgres)
      throw UsageError("--input-format postgresql: a PostgreSQL server is given as a postgresql:// URI, not a file (" + path + ")");
    // Not a database (SQLite was recognised above): --query/--table is a usage
    // error, decided before the text's format, which may not be detectable.
    if (const char* sql = options.mapping.given_sql_option())
      throw UsageError(std::string(sql) + " applies to SQLite and PostgreSQL inputs; " + in.name() +
                       " is neither a SQLite database nor a postgresql:// URI");
    SnapColumns snap;
    bool header_candidate = false;
    if (options.format == InputFormat::kAuto) {
      const Detection d = detect_format(prefix, in.name(), whole, options.mapping.column(kFieldType),
                                        options.mapping.column(kFieldSrc), options.mapping.delimiter);
      file.format = d.format;
      file.format_reason = d.reason;
      snap = d.snap;
      header_candidate = d.header_candidate;
    } else if (options.format == InputFormat::kSnap) {
      snap = detect_snap_columns(prefix);
    }
    refuse_mapping_options(options.mapping, file.format, in.name());
    if (options.undirected && file.format != InputFormat::kSnap)
      throw UsageError("--undirected applies to SNAP edge lists; " + path + " is read as " + std::string(to_string(file.format)));
    if (options.lenient && file.format == InputFormat::kGml)
      throw UsageError("--lenient does not apply to GML: a GML file is one nested structure, not rows to skip");
    ParseReport report;
    auto one_graph = [&] {
      if (graph || cascades) throw UsageError("give one graph or cascade file at a time (" + path + ")");
    };
    switch (file.format) {
      case InputFormat::kEventsCsv:
      case InputFormat::kEventsJsonl:
      case InputFormat::kHiggs: {
        EventLog log = file.format == InputFormat::kEventsCsv
                           ? parse_event_csv(in, parse_options, report, options.mapping, progress)
                       : file.format == InputFormat::kEventsJsonl
                           ? parse_event_jsonl(in, parse_options, report, options.mapping, progress)
                                                                  : parse_higgs(in, parse_options, report);
        if (!have_events) events = std::move(log);
        else events.merge(log);
        have_events = true;
        break;
      }
      case InputFormat::kSnap: {
        one_graph();
        SnapReading reading;
        graph = parse_snap(in, snap, options.undirected, header_candidate ? FirstLine::kDecide : FirstLine::kEdge,
                           parse_options, report, &reading);
        if (reading.nm_form) {
          file.format = InputFormat::kNmHeader;
          file.format_reason = reading.reason;
        } else if (reading.header_skipped) {
          file.format_reason = snap_reason_without_candidate(file.format_reason) + "; " + reading.reason;
        }
        break;
      }
      case InputFormat::kInf:
        one_graph();
        graph = parse_inf(in, parse_options, report);
        break;
      case InputFormat::kNmHeader:
        one_graph();
        graph = parse_nm_header(in, parse_options, report);
        break;
      case InputFormat::kGml:
        one_graph();
        graph = std::move(parse_gml(in, report).graph);
        break;
      case InputFormat::kCascades:
        one_graph();
        cascades = parse_cascades(in, parse_options, report);
        break;
      case InputFormat::kSnapshot:
        throw UsageError(path + " is a snapshot: a snapshot is loaded alone, not with other inputs");
      case InputFormat::kAuto:
      case InputFormat::kSqlite:
      case InputFormat::kPostgres:
        break;
    }
    file.sha256 = in.sha256();
    loaded.report.merge(report);
    loaded.files.push_back(std::move(file));
  }
  if (have_events && (graph || cascades))
    throw UsageError("event logs and graph files cannot be combined into one network");
  if (!have_events && (options.given.any() || options.window.active())) refuse_event_options(options);
  if (have_events) {
    {
      const Progress::Phase sort = progress.phase("sort");
      events.sort_by_time();
    }
    const Progress::Phase networks = progress.phase("networks");
    // A window (or --at) keeps only its events, as if the log held no others.
    if ((options.given.at && !options.keep_all_events) || options.window.active())
      loaded.network = build_network_over(events, options.network, options.window, options.need_wom);
    else
      loaded.network = build_network(std::move(events), options.network, options.need_wom);
  } else if (graph) {
    loaded.network = network_from_edges(std::move(*graph), options.network);
  } else if (cascades) {
    Network net;
    net.info.kind = InputKind::kCascades;
    net.info.params = options.network;
    net.info.weight_meaning = "none";
    const VertexId n = cascades->ids.size();
    net.log.users = std::move(cascades->ids);
    net.cascades = std::move(cascades->cascades);
    for (const Cascade& c : net.cascades)
      if (!c.times.empty()) net.info.analysis_time = std::max(net.info.analysis_time, c.times.back());
    net.wom = Graph::from_edges(n, {});
    net.referral.clear(n);
    loaded.network = std::move(net);
  }
  return loaded;
}

}  // namespace

}  // namespace refnet
