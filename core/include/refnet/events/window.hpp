// Which events an analysis uses: a time window and filters on channel and
// product (DESIGN.md section 7). A snapshot keeps every raw event, so the
// networks as of any time, over any window, with any tie model, are rebuilt
// from it: window_log() keeps the events asked for and build_network() does
// the rest, exactly as if the raw log had held only those events.
//
// The kept events are, in time order: at or after `from`, strictly before
// `to`, at or before the analysis time `at` (the latest of them when `at` is
// NaN); of a listed channel when `channels` is given (events without a channel
// are then left out); purchases of a listed product when `products` is given
// (other event types are kept). The analysis time becomes `to` when given
// (ties decay to the end of the window), else `at`. Users, products and
// channels are renumbered in order of first appearance among the kept events
// (src, dst, product, channel of each event in turn), which is how a parser
// numbers them in a time-ordered log: users seen only outside the window do
// not exist in the result.
#pragma once

#include <refnet/events/event_log.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace refnet {

struct EventWindow {
  double from = std::numeric_limits<double>::quiet_NaN();  // inclusive
  double to = std::numeric_limits<double>::quiet_NaN();    // exclusive
  std::vector<std::string> channels;  // empty: every channel
  std::vector<std::string> products;  // empty: every product
  bool active() const;                // anything set
  void validate() const;              // throws UsageError
};

// How many events of the whole log each rule left out (an event is counted
// under the first rule that drops it, in this order).
struct WindowCounts {
  std::uint64_t total = 0;
  std::uint64_t kept = 0;
  std::uint64_t before_from = 0;
  std::uint64_t after_end = 0;   // at or after `to`, or after `at`
  std::uint64_t other_channel = 0;
  std::uint64_t other_product = 0;
  std::uint64_t users_total = 0;  // users of the whole log, and of the kept events
  std::uint64_t users_kept = 0;
};

// `log` must be sorted by time. `at` is the analysis time asked for (NaN:
// none). Unknown channel or product names are a UsageError naming them.
EventLog window_log(const EventLog& log, const EventWindow& window, double at, WindowCounts& counts);

// The analysis time of a windowed network: `to` when given, else `at`.
double window_analysis_time(const EventWindow& window, double at);

}  // namespace refnet
