// refnet user: one user's page as text (--format table).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace refnet {

// From the result of `refnet user --format json` (json/html_report_json.hpp's
// user_profile_json with `id` and `users`): tier and history, rank and score
// components, referrals, Dunbar layers with their strongest ties, reach per
// hop, prospects.
std::string render_user(const nlohmann::json& result);

}  // namespace refnet
