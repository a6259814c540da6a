// One row of an event log, with its ids already interned.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <cstddef>

namespace refnet {

enum class EventType : std::uint8_t {
  kSignup,
  kPurchase,
  kReferral,
  kShare,
  kRecommend,
  kReview,
  kMention,
  kComplaint,
  kChurn,
};
inline constexpr std::size_t kNumEventTypes = 9;
inline constexpr std::array<std::string_view, kNumEventTypes> kEventTypeNames = {
    "signup", "purchase", "referral", "share", "recommend", "review", "mention", "complaint", "churn"};

std::string_view to_string(EventType t);
// Case-insensitive.
std::optional<EventType> parse_event_type(std::string_view s);

// Event types that name a `dst` user and so need one.
bool needs_dst(EventType t);
// Event types that may name a `dst` (review may, others must).
bool allows_dst(EventType t);
// Event types that are word of mouth: they make a WOM tie when they have a dst.
bool is_word_of_mouth(EventType t);

inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;

struct Event {
  double ts = 0;             // unix seconds
  std::uint32_t src = kNone;  // user id
  std::uint32_t dst = kNone;  // user id or kNone
  std::uint32_t product = kNone;
  std::uint32_t channel = kNone;
  float amount = 0;
  EventType type = EventType::kSignup;
  std::int8_t sentiment = 1;  // +1 or -1
  std::uint16_t reserved = 0;  // spells out the padding, so the bytes of an Event are all defined
};
// Snapshots store the event array as raw bytes: no hidden padding.
static_assert(sizeof(Event) == 32 && offsetof(Event, reserved) == 30);

}  // namespace refnet
