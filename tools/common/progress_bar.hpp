// The tools' Progress sink: every phase timed for the envelope, and shown to
// the person running the command on stderr (unless --quiet):
// - on a terminal, a live line for the innermost phase that has run for more
//   than half a second: its name, its percent when the phase reports one, and
//   the time so far, redrawn four times a second and finished with its total;
// - otherwise (a log file, CI), one note per phase that took a second or
//   more, when it ends: "refnet build: load 3.2 s".
#pragma once

#include <refnet/base/progress.hpp>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace refnet::tools {

class ProgressBar : public Progress::Sink {
 public:
  enum class Mode { kSilent, kTerminal, kNotes };
  ProgressBar() = default;
  ~ProgressBar() override;
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void set_mode(Mode mode, std::string tool);
  const PhaseTimes& times() const { return times_; }

  void phase_started(const std::string& name) override;
  void advanced(const std::string& name, double fraction) override;
  void phase_finished(const std::string& name, double seconds) override;

 private:
  using Clock = std::chrono::steady_clock;
  struct Running {
    std::string name;
    Clock::time_point start;
    double fraction = -1;  // < 0: the phase reports no fraction
  };
  void tick();                           // the terminal redraw loop
  void draw(const Running& r, double elapsed, bool final);  // holds mutex_

  std::mutex mutex_;
  std::condition_variable wake_;
  PhaseTimes times_;
  Mode mode_ = Mode::kSilent;
  std::string tool_;
  std::vector<Running> running_;  // innermost last
  std::string drawn_;             // the phase the terminal line shows, "" when none
  bool stop_ = false;
  std::thread ticker_;
};

}  // namespace refnet::tools
