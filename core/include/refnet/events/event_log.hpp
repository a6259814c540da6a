// A parsed event log: the events plus the tables that give their ids names.
#pragma once

#include <refnet/events/event.hpp>
#include <refnet/events/id_table.hpp>

#include <vector>

namespace refnet {

struct EventLog {
  IdTable users;
  IdTable products;
  IdTable channels;
  std::vector<Event> events;

  // Appends `other`, re-interning its ids into this log's tables.
  void merge(const EventLog& other);
  // Stable sort by time (input order breaks ties).
  void sort_by_time();
};

}  // namespace refnet
