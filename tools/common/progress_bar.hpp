// The tools' Progress sink: every phase timed for the envelope, the running
// phase drawn as a bar on stderr when that is a terminal.
#pragma once

#include <refnet/base/progress.hpp>

#include <algorithm>
#include <iostream>
#include <mutex>
#include <string>

namespace refnet::tools {

class ProgressBar : public Progress::Sink {
 public:
  void set_bar(bool on) { bar_ = on; }
  const PhaseTimes& times() const { return times_; }

  void advanced(const std::string& name, double fraction) override {
    if (!bar_) return;
    const std::lock_guard lock(mutex_);
    const int percent = static_cast<int>(std::clamp(fraction, 0.0, 1.0) * 100);
    if (name == label_ && percent == last_) return;
    label_ = name;
    last_ = percent;
    const int filled = percent * 30 / 100;
    std::cerr << '\r' << name << " [" << std::string(filled, '#') << std::string(30 - filled, ' ') << "] " << percent
              << "%" << (percent == 100 ? "\n" : "") << std::flush;
  }
  void phase_finished(const std::string& name, double seconds) override {
    const std::lock_guard lock(mutex_);
    times_.phase_finished(name, seconds);
    if (bar_ && name == label_ && last_ >= 0 && last_ < 100) std::cerr << "\n" << std::flush;
    if (name == label_) last_ = -1;
  }

 private:
  std::mutex mutex_;
  PhaseTimes times_;
  bool bar_ = false;
  std::string label_;
  int last_ = -1;
};

}  // namespace refnet::tools
