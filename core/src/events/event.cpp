#include <refnet/events/event.hpp>

#include <algorithm>
#include <cctype>

namespace refnet {

std::string_view to_string(EventType t) { return kEventTypeNames[static_cast<std::size_t>(t)]; }

std::optional<EventType> parse_event_type(std::string_view s) {
  for (std::size_t i = 0; i < kEventTypeNames.size(); ++i) {
    const auto& name = kEventTypeNames[i];
    if (name.size() == s.size() &&
        std::equal(s.begin(), s.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == b;
        })) {
      return static_cast<EventType>(i);
    }
  }
  return std::nullopt;
}

bool needs_dst(EventType t) {
  return t == EventType::kReferral || t == EventType::kShare || t == EventType::kRecommend ||
         t == EventType::kMention;
}

bool allows_dst(EventType t) { return needs_dst(t) || t == EventType::kReview; }

bool is_word_of_mouth(EventType t) { return allows_dst(t); }

}  // namespace refnet
