#include <common/progress_bar.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace refnet::tools {

namespace {
constexpr double kShowAfter = 0.5;  // seconds before a phase gets a terminal line
constexpr double kNoteAfter = 1.0;  // seconds a phase must take to get a note
constexpr auto kRedraw = std::chrono::milliseconds(250);
}  // namespace

ProgressBar::~ProgressBar() {
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
}

void ProgressBar::set_mode(Mode mode, std::string tool) {
  const std::lock_guard lock(mutex_);
  mode_ = mode;
  tool_ = std::move(tool);
  if (mode_ == Mode::kTerminal && !ticker_.joinable()) ticker_ = std::thread([this] { tick(); });
}

void ProgressBar::phase_started(const std::string& name) {
  const std::lock_guard lock(mutex_);
  running_.push_back({name, Clock::now(), -1});
}

void ProgressBar::advanced(const std::string& name, double fraction) {
  const std::lock_guard lock(mutex_);
  for (auto it = running_.rbegin(); it != running_.rend(); ++it)
    if (it->name == name) {
      it->fraction = std::clamp(fraction, 0.0, 1.0);
      return;
    }
}

void ProgressBar::phase_finished(const std::string& name, double seconds) {
  const std::lock_guard lock(mutex_);
  times_.phase_finished(name, seconds);
  const auto it = std::find_if(running_.rbegin(), running_.rend(), [&](const Running& r) { return r.name == name; });
  if (it == running_.rend()) return;  // timed by the caller (Progress::record)
  Running done = *it;
  running_.erase(std::next(it).base());
  if (mode_ == Mode::kTerminal && drawn_ == name) {
    done.fraction = done.fraction < 0 ? -1 : 1;
    draw(done, seconds, true);
  } else if (mode_ == Mode::kNotes && seconds >= kNoteAfter) {
    char line[64];
    std::snprintf(line, sizeof line, " %.1f s", seconds);
    std::cerr << tool_ << ": " << name << line << "\n" << std::flush;
  }
}

void ProgressBar::tick() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    wake_.wait_for(lock, kRedraw);
    if (stop_ || running_.empty()) continue;
    const Running& r = running_.back();
    const double elapsed = std::chrono::duration<double>(Clock::now() - r.start).count();
    if (elapsed >= kShowAfter) draw(r, elapsed, false);
  }
}

void ProgressBar::draw(const Running& r, double elapsed, bool final) {
  std::string line = tool_ + ": " + r.name;
  char buf[96];
  if (r.fraction >= 0) {
    const int percent = static_cast<int>(r.fraction * 100);
    const int filled = percent * 20 / 100;
    std::snprintf(buf, sizeof buf, " [%s%s] %3d%%", std::string(filled, '#').c_str(),
                  std::string(20 - filled, ' ').c_str(), percent);
    line += buf;
  }
  std::snprintf(buf, sizeof buf, " %.1f s", elapsed);
  line += buf;
  // \r and clear to the end of the line: a shorter line leaves nothing behind.
  std::cerr << '\r' << line << "\033[K" << (final ? "\n" : "") << std::flush;
  drawn_ = final ? "" : r.name;
}

}  // namespace refnet::tools
