// prospects: tables for people (--format table) and CSV for spreadsheets (--format csv).
#pragma once

#include <refnet/json/prospects_json.hpp>

#include <iosfwd>
#include <string>

namespace refnet {

// One row per (anchor, prospect): anchor,prospect,position,rank,strength,tier,reach,score.
void write_prospects_csv(std::ostream& out, const Network& net, const ProspectResult& r);

}  // namespace refnet
