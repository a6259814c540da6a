#include <refnet/io/load.hpp>

#include <refnet/base/error.hpp>
#include <refnet/io/detect.hpp>
#include <refnet/io/event_parser.hpp>
#include <refnet/base/file.hpp>
#include <refnet/io/gml.hpp>
#include <refnet/io/graph_parser.hpp>
#include <refnet/io/snapshot.hpp>

#include <cmath>
#include <cstdio>
#include <future>

namespace refnet {

namespace {
constexpr std::pair<InputFormat, std::string_view> kFormatNames[] = {
    {InputFormat::kAuto, "auto"},     {InputFormat::kEventsCsv, "csv"}, {InputFormat::kEventsJsonl, "jsonl"},
    {InputFormat::kSnap, "snap"},     {InputFormat::kInf, "inf"},       {InputFormat::kNmHeader, "nm"},
    {InputFormat::kHiggs, "higgs"},   {InputFormat::kCascades, "cascades"}, {InputFormat::kSnapshot, "snapshot"},
    {InputFormat::kGml, "gml"}};

bool starts_with_snapshot_magic(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  char buf[8] = {};
  const std::size_t n = std::fread(buf, 1, sizeof buf, f);
  std::fclose(f);
  return is_snapshot(std::string_view(buf, n));
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
  const NetworkParams& s = stored.info.params;
  const bool same = p.attribution == s.attribution && p.half_life_days == s.half_life_days && p.decay == s.decay;
  if (same && !o.given.at && !o.window.active()) return stored;
  if (stored.info.windowed)
    throw UsageError("this snapshot was built over a window of its events; rebuild it from the raw log to ask for another");
  return build_network_over(stored.log, p, o.window, o.need_wom);
}

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

LoadedInput load_input(const std::vector<std::string>& paths, const LoadOptions& options) {
  if (paths.empty()) throw UsageError("no input given");
  options.network.validate();
  LoadedInput loaded;

  // A snapshot stands alone.
  if (options.format == InputFormat::kSnapshot || (options.format == InputFormat::kAuto && starts_with_snapshot_magic(paths.front()))) {
    if (paths.size() > 1) throw UsageError("a snapshot is loaded alone; give one snapshot or raw inputs");
    if (options.lenient) throw UsageError("--lenient skips malformed rows of raw inputs; a snapshot has no rows to skip");
    if (options.undirected) throw UsageError("--undirected reads SNAP edge lists both ways; give it when building the snapshot");
    InputFileInfo file{paths.front(), "", InputFormat::kSnapshot, "refnet snapshot (magic bytes)"};
    // A snapshot records the SHA-256 of its content (docs/snapshot.md); --verify recomputes it.
    SnapshotFileInfo snapshot;
    loaded.network = as_asked(load_snapshot(paths.front(), {.verify = options.verify}, &snapshot), options);
    file.sha256 = snapshot.content_sha256;
    loaded.files.push_back(file);
    return loaded;
  }

  EventLog events;
  bool have_events = false;
  std::optional<EdgeListInput> graph;
  std::optional<CascadeInput> cascades;
  for (const std::string& path : paths) {
    InputFileInfo file{path, "", options.format, "given by --input-format"};
    const std::string data = read_input_file(path, &file.sha256);
    if (data.empty()) throw InputError(path, 0, 0, "empty file");
    SnapColumns snap;
    if (options.format == InputFormat::kAuto) {
      const Detection d = detect_format(data, path);
      file.format = d.format;
      file.format_reason = d.reason;
      snap = d.snap;
    } else if (options.format == InputFormat::kSnap) {
      snap = detect_snap_columns(data);
    }
    if (options.undirected && file.format != InputFormat::kSnap)
      throw UsageError("--undirected applies to SNAP edge lists; " + path + " is read as " + std::string(to_string(file.format)));
    if (options.lenient && file.format == InputFormat::kGml)
      throw UsageError("--lenient does not apply to GML: a GML file is one nested structure, not rows to skip");
    ParseReport report;
    switch (file.format) {
      case InputFormat::kEventsCsv:
      case InputFormat::kEventsJsonl:
      case InputFormat::kHiggs: {
        EventLog log = file.format == InputFormat::kEventsCsv     ? parse_event_csv(data, path, options.lenient, report)
                       : file.format == InputFormat::kEventsJsonl ? parse_event_jsonl(data, path, options.lenient, report)
                                                                  : parse_higgs(data, path, options.lenient, report);
        if (!have_events) events = std::move(log);
        else events.merge(log);
        have_events = true;
        break;
      }
      case InputFormat::kSnap:
      case InputFormat::kInf:
      case InputFormat::kNmHeader:
        if (graph || cascades) throw UsageError("give one graph or cascade file at a time (" + path + ")");
        graph = file.format == InputFormat::kSnap ? parse_snap(data, path, snap, options.undirected, options.lenient, report)
                : file.format == InputFormat::kInf ? parse_inf(data, path, options.lenient, report)
                                                   : parse_nm_header(data, path, options.lenient, report);
        break;
      case InputFormat::kGml:
        if (graph || cascades) throw UsageError("give one graph or cascade file at a time (" + path + ")");
        graph = std::move(parse_gml(data, path, report).graph);
        break;
      case InputFormat::kCascades:
        if (graph || cascades) throw UsageError("give one graph or cascade file at a time (" + path + ")");
        cascades = parse_cascades(data, path, options.lenient, report);
        break;
      case InputFormat::kSnapshot:
        throw UsageError(path + " is a snapshot: a snapshot is loaded alone, not with other inputs");
      case InputFormat::kAuto:
        break;
    }
    loaded.report.merge(report);
    loaded.files.push_back(std::move(file));
  }
  if (have_events && (graph || cascades))
    throw UsageError("event logs and graph files cannot be combined into one network");
  if (!have_events && (options.given.any() || options.window.active())) refuse_event_options(options);
  if (have_events) {
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

}  // namespace refnet
